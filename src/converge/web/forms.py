"""Errors shown on the form they came from, with what was typed kept (the NHS.UK error pattern).

A POST view wrapped in `reshow(page)` that fails with a ConvergeError does not end on a page of its own:
the page holding the form is rendered again, in the same request, with an error summary at the top, the
message beside the field it is about (the domain error's `field`), and every value the person entered.
Templates read the failure through `refused_form()` (macros.html: error_summary, field_error, kept).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from flask import Flask, g, make_response, request
from werkzeug.datastructures import MultiDict

from converge.core.errors import ConvergeError, NotFound
from converge.web.db import get_session
from converge.workflow.actors import NotPermitted
from converge.workflow.review import StaleRevision


@dataclass
class FormError:
    """A refused form: which form, the message, the input it is about, and what was entered."""

    form: str
    message: str
    field: str | None = None  # the id of the input the message belongs to
    values: MultiDict[str, str] = dataclass_field(default_factory=MultiDict)

    def value(self, name: str, default: str = "") -> str:
        return self.values.get(name, default)

    def values_of(self, name: str) -> list[str]:
        return self.values.getlist(name)


def sentence(message: str) -> str:
    """A domain message ("writing new text needs the text") as a sentence for a page."""
    message = message.strip()
    return (message[:1].upper() + message[1:]) if message else message


def status_of(exc: ConvergeError) -> int:
    if isinstance(exc, NotPermitted):
        return 403
    if isinstance(exc, StaleRevision):
        return 409
    if isinstance(exc, NotFound):
        return 404
    return 400


def fail(form: str, message: str, field: str | None = None, values: Any = None) -> FormError:
    """Record a refused form for this request (for views that check input themselves); `values` are
    what was entered (the posted form unless given, e.g. a GET form's query string)."""
    error = FormError(form, sentence(message), field, MultiDict(request.form if values is None else values))
    g.form_error = error
    return error


def reshow(
    page: Callable[..., Any],
    form: str | Callable[[], str],
    fields: Mapping[str, str] | Callable[[str], Mapping[str, str]] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Wrap a POST view: a ConvergeError re-renders `page` (called with the view's arguments) with the
    error on the form named `form`. `fields` maps a domain field name ("reason") to the input's id."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            try:
                return view(*args, **kwargs)
            except ConvergeError as exc:
                get_session().rollback()
                name = form() if callable(form) else form
                ids = fields(name) if callable(fields) else (fields or {})
                field_id = ids.get(exc.field or "") if exc.field else None
                fail(name, str(exc), field_id)
                response = make_response(page(*args, **kwargs))
                response.status_code = status_of(exc)
                return response

        return wrapped

    return decorator


def refused_form() -> FormError | None:
    return g.get("form_error")


def error_on(form: str, field_id: str | None = None) -> str | None:
    """The message of a refused `form` (for `field_id` only, when given), else None."""
    error = refused_form()
    if error is None or error.form != form or (field_id is not None and error.field != field_id):
        return None
    return error.message


def kept(form: str, name: str, default: Any = "") -> Any:
    """What was entered in `name` when `form` was refused, else `default` (the stored value)."""
    error = refused_form()
    return error.value(name, "") if error is not None and error.form == form else default


def kept_list(form: str, name: str, default: Any = ()) -> list[str]:
    error = refused_form()
    return error.values_of(name) if error is not None and error.form == form else list(default)


def init_app(app: Flask) -> None:
    # Globals, not a context processor: macros imported without context see them too.
    app.jinja_env.globals.update(refused_form=refused_form, error_on=error_on, kept=kept, kept_list=kept_list)
