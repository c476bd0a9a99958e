"""Blueprint "matching": leads' changes to a match (split, merge, move, remove one document, no
counterpart), confirming many high-confidence groups at once, and a reviewer's request to confirm one.

A refused form is shown again on the group page it came from (converge.web.forms), never on a page of
its own.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import Session

from converge.core.errors import ReviewError
from converge.store.models import MatchMember
from converge.web import jobs
from converge.web.auth import require_role
from converge.web.db import get_session
from converge.web.forms import reshow
from converge.web.views.review import _revision, get_group_or_404
from converge.web.views.review import group as group_page
from converge.workflow.actors import Actor
from converge.workflow.comparison.summary import stale_group_ids
from converge.workflow.confirming import (
    HIGH_CONFIDENCE,
    ask_to_confirm,
    bulk_confirm,
    confirmable,
    requested_groups,
)
from converge.workflow.groups import mark_no_counterpart, merge_groups, move_document, reject_member, split_group
from converge.workflow.jobrecords import new_job
from converge.workflow.review import lock_group
from converge.workflow.status import LEADS, REVIEWERS

bp = Blueprint("matching", __name__)

# The input each action's messages are about, by the domain's field names.
FIELDS = {
    "split": {"document_ids": "split-1", "reason": "split-reason"},
    "merge": {"other_group": "merge-other", "reason": "merge-reason"},
    "move": {"document_id": "move-doc", "reason": "move-doc-reason"},
    "no_counterpart": {"document_id": "nc-doc", "reason": "nc-reason"},
    "remove": {"document_id": "remove-doc", "reason": "remove-reason"},
}


def _actor() -> Actor:
    u = current_user
    return Actor(u.username, u.role, u.trust, getattr(u, "specialty", None))


def _action() -> str:
    return request.form.get("action", "")


def _commit_and_compare(session: Session, touched: set[int], actor: Actor) -> None:
    """Commit, then queue a comparison of each changed group: a consumer compares it (or its first view
    does), never this request."""
    follow = [
        new_job(session, "compare", {"group": gid}, actor=actor.name).id
        for gid in stale_group_ids(session, only=touched)
    ]
    session.commit()
    jobs.enqueue(follow)


@bp.route("/groups/<int:group_id>/match", methods=["POST"])
@require_role(*sorted(LEADS))
@reshow(group_page, _action, lambda action: FIELDS.get(action, {}))
def match(group_id: int):
    """Split off, merge in, move a document here, remove one, or mark one as without counterpart."""
    get_group_or_404(group_id)
    session = get_session()
    lock_group(session, group_id, _revision(), bump=False)  # the revision checked by the database
    form, actor, target = request.form, _actor(), group_id
    touched = {group_id}
    action, reason = form.get("action", ""), form.get("reason", "")[:5000]
    if action == "split":
        target = split_group(session, group_id, form.getlist("document_ids"), actor, reason).id
        message = f"Documents split off into group {target}, proposed for a lead to confirm."
    elif action == "merge":
        other = form.get("other_group", "").strip().lstrip("#")
        if not other.isdigit():
            raise ReviewError("choose the group to merge into this one", field="other_group")
        merge_groups(session, group_id, int(other), actor, reason)
        touched.add(int(other))
        message = f"Group {other} merged into this group."
    elif action == "move":
        doc_id = form.get("document_id", "").strip()
        if not doc_id:
            raise ReviewError("choose the document to move into this group", field="document_id")
        touched.update(session.scalars(select(MatchMember.group_id).where(MatchMember.document_id == doc_id)))
        move_document(session, doc_id, group_id, actor, reason)
        message = f"Document {doc_id} moved into this group."
    elif action == "remove":
        doc_id = form.get("document_id", "")
        reject_member(session, group_id, doc_id, actor, reason)
        message = f"Document {doc_id} removed from this group; it will not be proposed into it again."
    elif action == "no_counterpart":
        doc_id = form.get("document_id", "")
        mark_no_counterpart(session, doc_id, actor, reason, group_id=group_id)
        message = f"Document {doc_id} marked as having no counterpart."
    else:
        raise ReviewError(f"unknown matching action {action!r}")
    touched.add(target)
    _commit_and_compare(session, touched, actor)
    flash(message, "success")
    return redirect(url_for("review.group", group_id=target))


@bp.route("/groups/<int:group_id>/confirm-request", methods=["POST"])
@require_role(*sorted(REVIEWERS))
@reshow(group_page, "ask", {"note": "ask-note"})
def ask(group_id: int):
    """A reviewer asks a lead to confirm a proposed group (leads see the request as work)."""
    get_group_or_404(group_id)
    session = get_session()
    ask_to_confirm(session, group_id, _actor(), request.form.get("note", ""))
    session.commit()
    flash(
        "Your request is recorded: a lead of the group's trusts will see it and confirm or reject the match."
    )
    return redirect(url_for("review.group", group_id=group_id))


def _floor() -> float:
    raw = request.values.get("floor", "")
    try:
        value = float(raw) if raw else HIGH_CONFIDENCE
    except ValueError:
        return HIGH_CONFIDENCE
    return min(max(value, 0.5), 1.0)


@bp.route("/groups/confirm")
@require_role(*sorted(LEADS))
def confirm_many():
    """The proposed groups the matcher is most sure of, to confirm together."""
    session = get_session()
    floor = _floor()
    groups = confirmable(session, _actor(), floor)
    return render_template(
        "review/confirm_many.html",
        groups=groups,
        floor=floor,
        requests=requested_groups(session, [g.id for g in groups]),
    )


@bp.route("/groups/confirm", methods=["POST"])
@require_role(*sorted(LEADS))
@reshow(confirm_many, "confirm", {"group": "confirm-first"})
def confirm_many_post():
    session = get_session()
    ids = [int(v) for v in request.form.getlist("group") if v.isdigit()]
    actor = _actor()
    done = bulk_confirm(session, ids, actor, _floor(), request.form.get("reason", ""))
    _commit_and_compare(session, set(ids), actor)
    skipped = len(ids) - len(done)
    message = f"{len(done)} group{'s' if len(done) != 1 else ''} confirmed."
    if skipped:
        message += (
            f" {skipped} had changed (no longer proposed, or below the confidence) and were left alone."
        )
    flash(message, "success")
    return redirect(url_for("matching.confirm_many", floor=_floor()))
