"""Error pages: domain errors become a message and a 400/403/404/409, never a stack trace."""

from __future__ import annotations

from flask import Flask, render_template

from converge.core.errors import ConvergeError, NotFound
from converge.web.db import get_session
from converge.workflow.actors import NotPermitted
from converge.workflow.review import StaleRevision


def init_app(app: Flask) -> None:
    @app.errorhandler(ConvergeError)
    def domain_error(exc: ConvergeError):
        get_session().rollback()
        status = 400
        if isinstance(exc, NotFound):
            status = 404
        elif isinstance(exc, NotPermitted):
            status = 403
        elif isinstance(exc, StaleRevision):
            status = 409
        return render_template("error.html", title="Something needs attention", message=str(exc)), status

    for code, title in (
        (400, "Bad request"),
        (403, "Not allowed"),
        (404, "Page not found"),
        (413, "File too large"),
    ):
        app.register_error_handler(code, _simple(code, title))

    @app.errorhandler(500)
    def server_error(_exc):
        get_session().rollback()
        return render_template(
            "error.html",
            title="Sorry, there is a problem with the service",
            message="Try again later. Nothing you submitted was half-saved.",
        ), 500


def _simple(code: int, title: str):
    def handler(exc):
        message = getattr(exc, "description", "") or ""
        return render_template("error.html", title=title, message=message), code

    return handler
