"""Blueprint "admin": what administrators keep for everyone, starting with the controlled vocabularies
(document types and specialties) offered wherever one is chosen."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from converge.core.errors import ConvergeError
from converge.web.auth import require_role
from converge.web.db import get_session
from converge.web.forms import reshow
from converge.workflow.vocab import KINDS, add_term, set_active, terms, unlisted_values

bp = Blueprint("admin", __name__)


def _kind(kind: str) -> str:
    if kind not in KINDS:
        abort(404, description="No such list.")
    return kind


@bp.route("/vocabularies")
@bp.route("/vocabularies/<kind>")
@require_role("admin")
def vocabularies(kind: str = "document_type"):
    session = get_session()
    kind = _kind(kind)
    return render_template(
        "admin/vocabularies.html",
        kind=kind,
        kinds=KINDS,
        terms=terms(session, kind, include_inactive=True),
        unlisted=unlisted_values(session, kind),
    )


@bp.route("/vocabularies/<kind>", methods=["POST"])
@require_role("admin")
@reshow(vocabularies, "term", {"value": "term-value"})
def add(kind: str):
    session = get_session()
    term = add_term(session, _kind(kind), request.form.get("value", ""), current_user.username)
    session.commit()
    flash(
        f"“{term.value}” is in the list; values spelt the same in any case now read “{term.value}”.",
        "success",
    )
    return redirect(url_for("admin.vocabularies", kind=kind))


@bp.route("/vocabularies/<kind>/<int:term_id>", methods=["POST"])
@require_role("admin")
@reshow(vocabularies, "term")
def toggle(kind: str, term_id: int):
    session = get_session()
    active = request.form.get("active") == "1"
    term = set_active(session, term_id, active)
    if term.kind != _kind(kind):
        raise ConvergeError("that term is in another list")
    session.commit()
    flash(f"“{term.value}” is {'back in' if active else 'no longer offered in'} the list.", "success")
    return redirect(url_for("admin.vocabularies", kind=kind))
