"""Production entry point: `waitress-serve --call converge.web:create_app`, or point a WSGI server here."""

from converge.web import create_app

application = create_app()
