from converge.cli.main import main

if __name__ == "__main__":  # not when a parser process re-imports the main module
    main()
