"""Blueprint "review": the work queue of match groups, a group's side-by-side review, decisions and history.

Every POST carries the group revision the page was showing; the domain refuses a stale one (409), so two
reviewers never silently overwrite each other. Permissions are checked in the domain functions (role,
specialty) and, for a first line of defence, by role here.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy.orm import Session, defer, selectinload

from converge.errors import ReviewError
from converge.groups import (
    diff_context_for,
    edit_group,
    known_specialties,
    mark_no_counterpart,
    merge_groups,
    move_document,
    split_group,
    summarise_stale_groups,
)
from converge.groupview import GroupView, group_view
from converge.queue import SORTS, parse_filter, queue_facets, queue_page, queue_state
from converge.review import (
    LABELS,
    LEADS,
    REVIEWERS,
    Actor,
    Status,
    add_comment,
    allowed_moves,
    audit_trail,
    check_revision,
    comments,
    current_decisions,
    get_group,
    lock_group,
    record_decision,
    transition,
)
from converge.reviewstore import LRUCache, group_review, review_key
from converge.signoff import Rules, override_approval, page_readiness, sign_off
from converge.store.models import Comment, DifferenceDecision, MatchGroupRow, MatchMember, StoredDocument
from converge.web.auth import require_role
from converge.web.db import get_session
from converge.web.reviewpage import ComparePage, compare_page, fill
from converge.web.ttl import cached
from converge.web.views.national import group_panel as national_panel

bp = Blueprint("review", __name__)
ACTORS = tuple(sorted(REVIEWERS))  # roles that may post anything on a group
FRAGMENT_CACHE_SIZE = 128  # rendered side-by-side fragments per worker, ~100-600 KB each


@bp.app_context_processor
def status_labels():  # type: ignore[no-untyped-def]
    return {"status_labels": {str(k): v for k, v in LABELS.items()}}


def _actor() -> Actor:
    u = current_user
    return Actor(u.username, u.role, u.trust, getattr(u, "specialty", None))


def get_group_or_404(group_id: int) -> MatchGroupRow:
    # For the pages that change a group (the group page itself reads plain rows: converge.groupview).
    # A document's parsed structure and text (large JSON) load only if the diff must be computed.
    row = get_session().get(
        MatchGroupRow,
        group_id,
        options=[
            selectinload(MatchGroupRow.members)
            .joinedload(MatchMember.document)
            .options(defer(StoredDocument.structure), defer(StoredDocument.body_text))
            .joinedload(StoredDocument.trust)
        ],
    )
    if row is None or (row.status == Status.SUPERSEDED and request.method == "POST"):
        abort(404, description=f"No match group {group_id}.")
    return row


def _rules() -> Rules:
    """This deployment's sign-off rules (docs/settings.md: DRAFT_AGREEMENT, APPROVAL)."""
    return Rules.from_config(current_app.config)


def _moves(status: str) -> list[Status]:
    """The moves to offer: under the every-trust rule approval comes from the sign-offs, not this form."""
    moves = allowed_moves(status, current_user.role)
    if _rules().approval == "every_trust":
        moves = [m for m in moves if m != Status.APPROVED]
    return moves


def _revision() -> int:
    value = request.form.get("revision", "")
    if not value.isdigit():
        abort(
            400,
            description="The form did not say which revision of the group it was made from; reload the page.",
        )
    return int(value)


@bp.route("/")
def queue():  # type: ignore[no-untyped-def]
    session = get_session()
    flt = parse_filter(request.args)
    # The list is the same for every reader with these filters: render it once per state of the groups.
    cache_key = ("queue", queue_state(session), tuple(sorted(request.args.items(multi=True))))

    def build() -> Markup:
        page = queue_page(session, flt)
        html = render_template(
            "review/_queue_body.html",
            page=page,
            flt=flt,
            facets=queue_facets(session, page.trusts),
            sorts=SORTS,
            statuses=[s for s in Status if s != Status.SUPERSEDED],
        )
        return Markup(html)  # noqa: S704 - rendered by Jinja with autoescape from our own template

    return render_template("review/queue.html", body=_fragments().get_or_build(cache_key, build))


@bp.route("/groups/<int:group_id>")
def group(group_id: int):  # type: ignore[no-untyped-def]
    session = get_session()
    row = group_view(session, group_id)
    if row is None:
        abort(404, description=f"No match group {group_id}.")
    terms = cached("local_terms", lambda: diff_context_for(session))
    key = review_key(session, row, terms)
    page = compare_page(session, row.id, key) if key else None
    notes = comments(session, group_id) if row.comments else []
    noise = request.args.get("noise") == "1"
    if page is not None:
        compare, orphans = _compare_html(session, row, page, key, notes, noise)
    else:
        compare, orphans = Markup(), [v[-1] for v in current_decisions(session, group_id).values()]
    return render_template(
        "review/group.html",
        group=row,
        ready=page_readiness(session, row.id, row.status, [m.trust for m in row.members], key, _rules())
        if len(row.members) > 1
        else None,
        page=page,
        compare=compare,
        show_noise=noise,
        notes=[c for c in notes if c.change_key is None],
        orphans=orphans,
        moves=_moves(row.status),
        can_decide=_can_decide(row),
        can_comment=current_user.role in REVIEWERS,
        can_match=current_user.role in LEADS,
        specialties=known_specialties(session) if current_user.role in LEADS else [],
        links=_links(row),
        member_of={m.document_id: m for m in row.members},
        national=national_panel(session, row),
    )


def _can_decide(row: MatchGroupRow | GroupView) -> bool:
    return current_user.role in REVIEWERS and row.status in (Status.CONFIRMED, Status.IN_REVIEW)


def _fragments() -> LRUCache:
    """This app's cache of filled side-by-side HTML (per app: tests run several apps in one process)."""
    return current_app.extensions.setdefault("converge_fragments", LRUCache(FRAGMENT_CACHE_SIZE))


def _compare_html(
    session: Session, row: GroupView, page: ComparePage, key: Hashable, notes: Sequence[Comment], noise: bool
) -> tuple[Markup, list[DifferenceDecision]]:
    """The columns and the lists of differences with this group's decisions and comments filled in, and
    the decisions on differences no longer in its documents.

    The same for every reader, so kept per worker keyed by what it shows: the review data, the revision
    (every decision bumps it), the comments (which do not) and the noise switch.
    """
    cache_key = (key, row.revision, row.comments, row.last_comment, noise)

    def build() -> tuple[Markup, list[DifferenceDecision]]:
        standing = current_decisions(session, row.id) if row.decisions else {}
        decisions = {k: v[-1] for k, v in standing.items()}
        on_difference: dict[str, list[Comment]] = {}
        for c in notes:
            if c.change_key is not None:
                on_difference.setdefault(c.change_key, []).append(c)
        orphans = [d for k, d in decisions.items() if k not in page.keys]
        return fill(page, decisions, on_difference, noise), orphans

    return _fragments().get_or_build(cache_key, build)


@bp.route("/groups/<int:group_id>/differences/<key>")
def difference(group_id: int, key: str):  # type: ignore[no-untyped-def]
    """One difference with its decision and comment forms: the group page's form without JavaScript."""
    row = get_group_or_404(group_id)
    session = get_session()
    data = group_review(session, row)
    d = data.get(key) if data else None
    if data is None or d is None:
        abort(404, description="That difference is not in this group's documents.")
    standing = current_decisions(session, group_id).get(key, [])
    return render_template(
        "review/difference.html",
        group=row,
        data=data,
        d=d,
        dec=standing[-1] if standing else None,
        notes=[c for c in comments(session, group_id) if c.change_key == key],
        can_decide=_can_decide(row),
        can_comment=current_user.role in REVIEWERS,
    )


def _links(row: GroupView) -> list[dict]:  # type: ignore[type-arg]
    links = list((row.evidence or {}).get("links") or [])
    return sorted(links, key=lambda link: -(link.get("confidence") or 0))


@bp.route("/groups/<int:group_id>/history")
def history(group_id: int):  # type: ignore[no-untyped-def]
    row = get_group_or_404(group_id)
    return render_template("review/history.html", group=row, events=audit_trail(get_session(), group_id))


@bp.route("/groups/<int:group_id>/status", methods=["POST"])
@require_role(*ACTORS)
def move(group_id: int):  # type: ignore[no-untyped-def]
    get_group_or_404(group_id)
    session = get_session()
    to_status = request.form.get("to_status", "")
    transition(
        session,
        group_id,
        to_status,
        _actor(),
        request.form.get("reason", "")[:5000],
        _revision(),
        rules=_rules(),
    )
    session.commit()
    flash(f"Group moved to {LABELS.get(Status(to_status), to_status)}.", "success")
    return redirect(url_for("review.group", group_id=group_id))


@bp.route("/groups/<int:group_id>/signoff", methods=["POST"])
@require_role(*sorted(LEADS))
def signoff(group_id: int):  # type: ignore[no-untyped-def]
    """A lead signs the agreed draft off for their trust (the last one needed approves the group)."""
    get_group_or_404(group_id)
    session = get_session()
    actor = _actor()
    sign_off(session, group_id, actor, _rules(), _revision())
    status = get_group(session, group_id).status
    session.commit()
    message = f"Signed off for {actor.trust}."
    if status == Status.APPROVED:
        message += " Every member trust has signed off: the group is approved."
    flash(message, "success")
    return redirect(url_for("review.group", group_id=group_id))


@bp.route("/groups/<int:group_id>/override", methods=["POST"])
@require_role("admin")
def override(group_id: int):  # type: ignore[no-untyped-def]
    """An administrator's approval without every trust's sign-off, with a reason (recorded as an override)."""
    get_group_or_404(group_id)
    session = get_session()
    override_approval(session, group_id, _actor(), request.form.get("reason", "")[:5000], _revision())
    session.commit()
    flash("Approved by admin override; the reason and the missing sign-offs are recorded.", "success")
    return redirect(url_for("review.group", group_id=group_id))


@bp.route("/groups/<int:group_id>/decisions", methods=["POST"])
@require_role(*ACTORS)
def decide(group_id: int):  # type: ignore[no-untyped-def]
    row = get_group_or_404(group_id)
    session = get_session()
    form = request.form
    revision = _revision()
    check_revision(session, group_id, revision)
    key = form.get("change_key", "")
    data = group_review(session, row)
    difference = data.get(key) if data else None
    if difference is None:
        raise ReviewError("that difference is no longer in this group's documents; reload the page")
    decision, _, trust = form.get("decision", "").partition(":")
    record_decision(
        session,
        group_id,
        key,
        decision,
        _actor(),
        adopted_trust=trust or None,
        text=form.get("text", "")[:20000],
        reason=form.get("reason", "")[:5000],
        category=difference.category,
        significant=difference.significant,
        expected_revision=revision,
    )
    session.commit()
    flash("Decision recorded.", "success")
    return redirect(url_for("review.group", group_id=group_id, _anchor=difference.anchor))


@bp.route("/groups/<int:group_id>/comments", methods=["POST"])
@require_role(*ACTORS)
def comment(group_id: int):  # type: ignore[no-untyped-def]
    get_group_or_404(group_id)
    session = get_session()
    check_revision(session, group_id, _revision())
    key = request.form.get("change_key") or None
    add_comment(session, group_id, _actor(), request.form.get("text", ""), key)
    session.commit()
    flash("Comment added.", "success")
    return redirect(url_for("review.group", group_id=group_id, _anchor=f"d-{key}" if key else "comments"))


@bp.route("/groups/<int:group_id>/details", methods=["POST"])
@require_role(*sorted(LEADS))
def details(group_id: int):  # type: ignore[no-untyped-def]
    """Leads' correction of the group's topic and specialty (who may decide it; where reports count it)."""
    get_group_or_404(group_id)
    session = get_session()
    form = request.form
    edit_group(
        session,
        group_id,
        _actor(),
        topic=form.get("topic"),  # a field left out of the form is left alone
        specialty=form.get("specialty"),
        reason=form.get("reason", "")[:5000],
        expected_revision=_revision(),
    )
    session.commit()
    flash("Topic and specialty saved.", "success")
    return redirect(url_for("review.group", group_id=group_id))


@bp.route("/groups/<int:group_id>/match", methods=["POST"])
@require_role(*sorted(LEADS))
def match(group_id: int):  # type: ignore[no-untyped-def]
    """Leads' matching actions: split off, merge in, move a document here, mark one as without counterpart."""
    get_group_or_404(group_id)
    session = get_session()
    lock_group(session, group_id, _revision(), bump=False)  # the revision checked by the database
    form, actor, target = request.form, _actor(), group_id
    action, reason = form.get("action", ""), form.get("reason", "")[:5000]
    if action == "split":
        target = split_group(session, group_id, form.getlist("document_ids"), actor, reason).id
        message = f"Documents split off into group {target}."
    elif action == "merge":
        other = form.get("other_group", "").strip().lstrip("#")
        if not other.isdigit():
            raise ReviewError("give the number of the group to merge into this one")
        merge_groups(session, group_id, int(other), actor, reason)
        message = f"Group {other} merged into this group."
    elif action == "move":
        doc_id = form.get("document_id", "").strip()
        if not doc_id:
            raise ReviewError("give the id of the document to move into this group")
        move_document(session, doc_id, group_id, actor, reason)
        message = f"Document {doc_id} moved into this group."
    elif action == "no_counterpart":
        doc_id = form.get("document_id", "")
        if doc_id not in {m.document_id for m in get_group(session, group_id).members}:
            raise ReviewError("choose one of this group's documents")
        mark_no_counterpart(session, doc_id, actor, reason)
        get_group(session, group_id).revision += 1
        message = f"Document {doc_id} marked as having no counterpart."
    else:
        raise ReviewError(f"unknown matching action {action!r}")
    summarise_stale_groups(session)
    session.commit()
    flash(message, "success")
    return redirect(url_for("review.group", group_id=target))
