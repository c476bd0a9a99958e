"""Blueprint "national": the alignment register, a document held against its national source (links to
confirm or reject, departures to justify), the appendix downloads, and the panel beside a group's review.
"""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import Session

from converge.core.errors import ReviewError
from converge.reports.national import alignment_docx, alignment_xlsx
from converge.store.models import MatchGroupRow, NationalLink, StoredDocument, Trust
from converge.store.queries import get_group
from converge.web.auth import require_role
from converge.web.db import get_session
from converge.web.ttl import cached
from converge.workflow.actors import Actor
from converge.workflow.comparison.compute import diff_context_for
from converge.workflow.comparison.stored import group_review, review_key
from converge.workflow.library import load_document
from converge.workflow.national.beside import NationalNote, Source, beside_differences, decide_citing
from converge.workflow.national.deviations import (
    alignment_register,
    hold_link,
    justify,
    national_name,
    unjustified_by_trust,
)
from converge.workflow.national.linking import decide_link, group_links, link_history, links_of
from converge.workflow.status import LEADS, REVIEWERS, Status

bp = Blueprint("national", __name__)
OMISSIONS_SHOWN = 40


def _actor() -> Actor:
    u = current_user
    return Actor(u.username, u.role, u.trust, getattr(u, "specialty", None))


@bp.route("/")
def index():
    session = get_session()
    trust = request.args.get("trust") or None
    specialty = request.args.get("specialty") or None
    reports = alignment_register(session, trust, specialty, include_proposed=True)
    trusts = list(session.scalars(select(Trust.code).where(Trust.kind == "trust").order_by(Trust.code)))
    return render_template(
        "national/index.html",
        reports=reports,
        unjustified=unjustified_by_trust([r for r in reports if r.link.status == "confirmed"]),
        trusts=trusts,
        trust=trust,
        specialty=specialty,
        national_name=national_name,
    )


@bp.route("/documents/<doc_id>")
def document(doc_id: str):
    session = get_session()
    row = session.get(StoredDocument, doc_id)
    if row is None:
        abort(404, description=f"No document {doc_id}.")
    context = diff_context_for(session)
    held = [
        (link, hold_link(session, link, context), link_history(session, link.id))
        for link in links_of(session, doc_id)
    ]
    rejected = [x for x in links_of(session, doc_id, include_rejected=True) if x.status == "rejected"]
    return render_template(
        "national/document.html",
        row=row,
        held=held,
        rejected=rejected,
        can_lead=current_user.role in LEADS,
        national_name=national_name,
        omissions_shown=OMISSIONS_SHOWN,
    )


def _link_or_404(session: Session, link_id: int) -> NationalLink:
    link = session.get(NationalLink, link_id)
    if link is None:
        abort(404, description=f"No national link {link_id}.")
    return link


@bp.route("/links/<int:link_id>/decide", methods=["POST"])
@require_role(*sorted(LEADS))
def decide(link_id: int):
    session = get_session()
    link = _link_or_404(session, link_id)
    try:
        decide_link(
            session,
            link_id,
            request.form.get("to_status", ""),
            _actor(),
            request.form.get("reason", "")[:5000],
        )
    except ValueError as exc:
        raise ReviewError(str(exc)) from exc
    session.commit()
    flash("Link " + link.status + ".", "success")
    return redirect(url_for("national.document", doc_id=link.local_id))


@bp.route("/links/<int:link_id>/justify", methods=["POST"])
@require_role(*sorted(LEADS))
def justify_departure(link_id: int):
    session = get_session()
    link = _link_or_404(session, link_id)
    report = hold_link(session, link)
    key = request.form.get("departure_key", "")
    departure = next((d for d in report.alignment.departures if d.key == key), None)
    if departure is None:
        raise ReviewError("that departure is no longer in the documents; reload the page")
    try:
        justify(session, link_id, departure, request.form.get("reason", "")[:5000], _actor())
    except ValueError as exc:
        raise ReviewError(str(exc)) from exc
    session.commit()
    flash("Local deviation recorded.", "success")
    return redirect(url_for("national.document", doc_id=link.local_id, _anchor=f"dep-{key}"))


@bp.route("/appendix.<fmt>")
def appendix(fmt: str):
    if fmt not in ("xlsx", "docx"):
        abort(404)
    session = get_session()
    trust = request.args.get("trust") or None
    specialty = request.args.get("specialty") or None
    reports = alignment_register(session, trust, specialty)
    data = (alignment_xlsx if fmt == "xlsx" else alignment_docx)(reports, trust, specialty)
    mime = {
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }[fmt]
    name = "-".join(p for p in ("national-alignment", trust, specialty) if p).replace(" ", "_")
    return Response(
        data, mimetype=mime, headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'}
    )


# --- beside a group's review -------------------------------------------------------------------------


def group_panel(session: Session, group) -> dict | None:
    """What the review page's national panel shows (None when no member is linked to national guidance):
    the linked national sources and, by difference key, the national wording that speaks to it.

    Kept for a few seconds (web.ttl, the web layer's one cache) under the review data and the links it was
    computed from, so a change to either is never shown stale.
    """
    links = group_links(session, [m.document_id for m in group.members])
    if not links:
        return None
    group = session.get(MatchGroupRow, group.id)  # the stored row: its members carry their documents
    key = review_key(session, group)
    cache_key = ("national-notes", group.id, key, tuple((x.id, x.status) for x in links))

    def build() -> dict[str, NationalNote]:
        data = group_review(session, group, key=key) if key else None
        if data is None:
            return {}
        sources = [
            Source(national_name(x.national), load_document(x.national), x.status == "confirmed")
            for x in links
        ]
        return beside_differences(data.differences, sources, diff_context_for(session))

    notes = cached(cache_key, build)
    can_cite = current_user.role in REVIEWERS and group.status in (Status.CONFIRMED, Status.IN_REVIEW)
    return {"links": links, "notes": notes, "group_id": group.id, "can_cite": can_cite}


@bp.route("/groups/<int:group_id>/cite", methods=["POST"])
@require_role(*sorted(REVIEWERS))
def cite(group_id: int):
    """Decide a difference by adopting the trust wording that agrees with national guidance, citing it."""
    session = get_session()
    group = get_group(session, group_id)
    key = request.form.get("change_key", "")
    data = group_review(session, group)
    difference = data.get(key) if data else None
    if difference is None:
        raise ReviewError("that difference has changed; reload the page")
    panel = group_panel(session, group)
    note = panel["notes"].get(key) if panel else None
    decide_citing(session, group_id, key, difference, note, request.form.get("trust", ""), _actor())
    session.commit()
    flash("Decision recorded, citing the national guidance.", "success")
    return redirect(url_for("review.group", group_id=group_id, _anchor=difference.anchor))
