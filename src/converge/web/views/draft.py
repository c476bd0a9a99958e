"""Blueprint "draft": a group's shared policy draft — read, build from decisions, edit by section, export.

Register with url_prefix=URL_PREFIX; every route receives the group id. Reviewers, leads and admins edit
while the group is in review (checked again in converge.workflow.draft); anyone signed in reads and exports.
"""

from __future__ import annotations

import io
import re

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask_login import current_user

from converge.store.models import DraftSection, MatchGroupRow
from converge.store.queries import current_decisions
from converge.web.auth import require_role
from converge.web.db import get_session
from converge.web.forms import reshow
from converge.web.jobs import enqueue
from converge.workflow.actors import Actor
from converge.workflow.comparison.stored import group_review
from converge.workflow.draft import (
    HOW_LABELS,
    can_edit,
    clauses_of,
    current_sections,
    draft_state,
    export_docx,
    group_base,
    open_differences,
    queue_draft,
    save_section,
    section_history,
    version_history,
)
from converge.workflow.review import StaleRevision, check_trust
from converge.workflow.status import REVIEWERS, Status

URL_PREFIX = "/groups/<int:group_id>/draft"
bp = Blueprint("draft", __name__)
EDITORS = tuple(sorted(REVIEWERS))
MAX_SECTION_CHARS = 100_000


def _actor() -> Actor:
    u = current_user
    return Actor(u.username, u.role, u.trust, getattr(u, "specialty", None))


def get_group_or_404(group_id: int) -> MatchGroupRow:
    row = get_session().get(MatchGroupRow, group_id)
    if row is None or row.status == Status.SUPERSEDED:
        abort(404, description=f"No match group {group_id}.")
    return row


def get_section_or_404(group_id: int, position: int) -> DraftSection:
    row = next((s for s in current_sections(get_session(), group_id) if s.position == position), None)
    if row is None:
        abort(404, description="The draft has no such section.")
    return row


@bp.app_template_filter("paragraphs")
def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in (text or "").split("\n\n") if p.strip()]


@bp.route("")
def show(group_id: int):
    group = get_group_or_404(group_id)
    session = get_session()
    sections = current_sections(session, group_id)
    data = group_review(session, group)
    still_open = open_differences(data.differences, current_decisions(session, group_id)) if data else []
    may_edit = current_user.role in REVIEWERS and (
        can_edit(group, _actor()) or (group.status == Status.CONFIRMED and not sections)
    )
    return render_template(
        "draft/show.html",
        group=group,
        sections=[(s, clauses_of(s)) for s in sections],
        state=draft_state(session, group, sections),
        base=group_base(session, group),
        still_open=still_open,
        can_edit=may_edit,
        versions=version_history(session, group_id),
        how_labels=HOW_LABELS,
    )


@bp.route("/build", methods=["POST"])
@require_role(*EDITORS)
@reshow(show, "build")
def build(group_id: int):
    """Queue the (re)build: a consumer diffs the documents and assembles the draft, not this request."""
    group = get_group_or_404(group_id)
    session = get_session()
    check_trust(session, group, _actor())
    job = queue_draft(session, group_id, _actor())
    session.commit()
    enqueue([job.id])
    flash("The draft is being built from the decisions: this page shows it when it is ready.", "success")
    return redirect(url_for("draft.show", group_id=group_id))


@bp.route("/state.json")
def state(group_id: int):
    """What the draft page polls while a build is queued or running."""
    group = get_group_or_404(group_id)
    session = get_session()
    found = draft_state(session, group, current_sections(session, group_id))
    job = found.job
    return jsonify(
        {
            "building": found.building,
            "phase": job.phase if job is not None else None,
            "message": job.message if job is not None else "",
            "current": found.current,
        }
    )


@bp.route("/sections/<int:position>", methods=["GET", "POST"])
@require_role(*EDITORS)
def edit(group_id: int, position: int):
    group = get_group_or_404(group_id)
    section = get_section_or_404(group_id, position)
    check_trust(get_session(), group, _actor())
    if not can_edit(group, _actor()):
        abort(403, description="The draft can be edited only by reviewers, while the group is in review.")
    if request.method == "GET":
        return render_template(
            "draft/edit.html",
            group=group,
            section=section,
            text=section.text,
            revision=section.revision,
            conflict=None,
            error=None,
        )
    session = get_session()
    text = request.form.get("text", "")[:MAX_SECTION_CHARS]
    revision = request.form.get("revision", "")
    if not revision.isdigit():
        abort(400, description="The form did not say which version of the section it was made from; reload.")
    if not text.strip():
        return render_template(
            "draft/edit.html",
            group=group,
            section=section,
            text=text,
            revision=int(revision),
            conflict=None,
            error="Enter the text of the section",
        ), 400
    try:
        save_section(session, group_id, position, text, _actor(), int(revision))
    except StaleRevision as exc:
        session.rollback()
        # Keep what they wrote and show what the other person saved; saving again replaces theirs knowingly.
        current = get_section_or_404(group_id, position)
        return render_template(
            "draft/edit.html",
            group=group,
            section=current,
            text=text,
            revision=current.revision,
            conflict=str(exc),
            error=None,
        ), 409
    session.commit()
    flash(f"Section {position + 1} saved.", "success")
    return redirect(url_for("draft.show", group_id=group_id, _anchor=f"section-{position}"))


@bp.route("/sections/<int:position>/history")
def history(group_id: int, position: int):
    group = get_group_or_404(group_id)
    versions = section_history(get_session(), group_id, position)
    if not versions:
        abort(404, description="The draft has no such section.")
    return render_template("draft/history.html", group=group, versions=versions, position=position)


@bp.route("/export.docx")
def export(group_id: int):
    group = get_group_or_404(group_id)
    if not current_sections(get_session(), group_id):
        flash(
            "There is no shared draft to download yet: a reviewer builds it from the decisions first.",
            "warning",
        )
        return redirect(url_for("draft.show", group_id=group_id))
    data = export_docx(get_session(), group_id)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", group.topic or "").strip("-").lower()[:60] or "draft"
    return send_file(
        io.BytesIO(data),
        as_attachment=True,
        download_name=f"{slug}-group-{group_id}.docx",
        mimetype="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
