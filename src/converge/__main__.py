from converge.cli import main

main()
