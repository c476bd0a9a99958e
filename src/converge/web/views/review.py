"""Blueprint "review": the work queue of match groups, a group's side-by-side review, decisions and history.

Every POST carries the group revision the page was showing; the domain refuses a stale one (409), so two
people never silently overwrite each other: the page is shown again as it now is, with what they typed.
A decision instead carries the group's latest decision when the page was loaded, so it is held up only by
a newer decision on the same difference, which is shown with a choice (keep theirs, or replace it). A
comment changes nothing decided and is never refused as stale. Refused forms are shown again with the
message beside the field (converge.web.forms). Permissions are checked in the domain functions (role,
specialty) and, for a first line of defence, by role here.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from markupsafe import Markup, escape
from sqlalchemy.orm import Session, defer, selectinload

from converge.core.errors import ReviewError
from converge.store.models import Comment, DifferenceDecision, MatchGroupRow, MatchMember, StoredDocument
from converge.store.queries import current_decisions, get_group, listed_versions
from converge.web.auth import require_role
from converge.web.columns import Columns, render_columns
from converge.web.comparing import compare_if_free, is_stored
from converge.web.db import get_session, group_version_of, queue_version_of, reads_only
from converge.web.forms import kept, reshow
from converge.web.shared_page import shared_page
from converge.web.ttl import cached
from converge.web.views.national import group_panel as national_panel
from converge.workflow.actors import Actor
from converge.workflow.comparison.compute import diff_context_for
from converge.workflow.comparison.differences import LEVELS, ReviewData, Side, Span, column_labels
from converge.workflow.comparison.group import GroupView, group_view
from converge.workflow.comparison.stored import group_review, review_key, stored_review
from converge.workflow.confirming import open_requests
from converge.workflow.draft import DraftState, draft_summary
from converge.workflow.groups import edit_group, find_documents, find_groups, known_specialties
from converge.workflow.queue import (
    SORTS,
    QueueFacets,
    QueueFilter,
    QueuePage,
    QueuePlaces,
    page_of,
    parse_filter,
    queue_facets,
    queue_items,
    queue_page,
    queue_places,
)
from converge.workflow.review import (
    DecisionConflict,
    add_comment,
    allowed_moves,
    audit_trail,
    comments,
    latest_decision_id,
    override_approval,
    record_decision,
    sign_off,
    transition,
)
from converge.workflow.signoff import Rules, page_readiness
from converge.workflow.status import LABELS, LEADS, REVIEWERS, Status

bp = Blueprint("review", __name__)
ACTORS = tuple(sorted(REVIEWERS))  # roles that may post anything on a group


@dataclass(frozen=True)
class CompareSummary:
    """What the group page shows of a comparison beside the side-by-side columns."""

    trusts: tuple[str, ...]
    keys: frozenset[str]
    counts: Mapping[str, int] = field(default_factory=dict)  # differences by level
    divergence: float = 0.0

    @classmethod
    def of(cls, data: ReviewData) -> CompareSummary:
        return cls(
            trusts=data.trusts,
            keys=frozenset(d.key for d in data.differences),
            counts={level: len(data.by_level(level)) for level in LEVELS[1:]},
            divergence=data.divergence,
        )


@bp.app_template_filter("spans")
def spans_html(items: Sequence[Span]) -> Markup:
    """One trust's text with its changed words marked: the group page's commonest markup (thousands of runs
    on a page), written here rather than by a template macro, which cost most of the page's time.

    Policy text is untrusted: every value is escaped.
    """
    out: list[str] = []
    for s in items:
        if s.level == "equal":
            out.append(escape(s.text))
            continue
        out.append(f'<mark class="cv-w cv-w--{escape(s.level)}">{escape(s.text)}</mark>')
        if s.tag:
            out.append(f' <a class="cv-sig-tag" href="#d-{escape(s.key)}" tabindex="-1">{escape(s.tag)}</a>')
    return Markup("".join(out))  # noqa: S704 - every part escaped above


@bp.app_template_filter("side_text")
def side_text_html(side: Side, level: str, single: bool) -> Markup:
    """One trust's sentence of a difference with its changed words marked, in the lists of differences (a
    hundred or more on a group page: as a template macro, with the call, a fifth of the lists' render).

    Policy text is untrusted: every value is escaped.
    """
    mark = f'class="cv-w cv-w--{escape(level)}"'
    text, changed = side.text, side.changed
    if single:
        return Markup(f"<ins {mark}>{escape(text)}</ins>")  # noqa: S704 - every part escaped
    at = text.find(changed) if changed else -1
    if at < 0 or changed == text:
        return Markup(f"<mark {mark}>{escape(text)}</mark>")  # noqa: S704 - every part escaped
    before, after = escape(text[:at]), escape(text[at + len(changed) :])
    return Markup(f"{before}<mark {mark}>{escape(changed)}</mark>{after}")  # noqa: S704 - every part escaped


@bp.app_context_processor
def status_labels():
    return {"status_labels": {str(k): v for k, v in LABELS.items()}}


def _actor() -> Actor:
    u = current_user
    return Actor(u.username, u.role, u.trust, getattr(u, "specialty", None))


def get_group_or_404(group_id: int) -> MatchGroupRow:
    # For the pages that change a group (the group page itself reads plain rows: converge.workflow.comparison.group).
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
def queue():
    session = get_session()
    flt = parse_filter(request.args)
    args = tuple(sorted(request.args.items(multi=True)))

    def read() -> tuple[QueuePage, QueueFacets]:
        page = queue_page(session, flt)
        return page, queue_facets(session, page.trusts)

    # The page is the same for every reader of one role of the same data, so it is shared (web.shared_page)
    # under the data itself. The data is kept too, under the queue's data version (store.queries.QUEUE_VERSION:
    # database triggers raise it with anything the queue shows, in the same transaction) and its placement,
    # read before the data: a comment, a sign-in or a stored comparison's payload leaves it kept; any change
    # it shows is read afresh by the next request (only what that change may have moved: _queue_data).
    # Never stale.
    version = queue_version_of(session)
    if version is None:
        page, facets = read()
    else:
        key = ("queue data", args, version)
        page, facets = cached(key, lambda: _queue_data(session, flt, args, version), lasting=True)
    # The list inside is rendered by Jinja with autoescape from our own template.
    return shared_page(
        ("queue", args, page, facets),
        lambda: render_template("review/queue.html", body=Markup(_queue_body(flt, page, facets))),  # noqa: S704
    )


def _queue_data(
    session: Session, flt: QueueFilter, args: Hashable, version: tuple[int, int]
) -> tuple[QueuePage, QueueFacets]:
    """The queue's data after a change to what it shows, reading again only what the change may have moved.

    Where the groups fall (the page's group ids, the counts, the filters' choices) is kept under the queue's
    placement (store.queries.QUEUE_PLACEMENT: raised only by a change to what filters, sorts or counts
    groups; sorted by last update, by any change the queue shows), and the page's rows under each listed
    group's own count (migration 0012) read after it: a decision on a group off the page re-reads one
    small query, one on the page its rows; a new group off the page re-reads the places, not the rows.
    Each key is read before what it keys, so never stale.
    """
    placed, listed = version
    places_key = ("queue places", args, placed, listed if flt.sort == "updated" else None)

    def places() -> tuple[QueuePlaces, QueueFacets]:
        found = queue_places(session, flt)
        return found, queue_facets(session, found.trusts)

    where, facets = cached(places_key, places, lasting=True)
    # Group 0's count too: organisations' codes and waves' names are shown in rows (migration 0012).
    counts = listed_versions(session, (0, *where.ids))
    rows_key = ("queue rows", where.ids, counts)
    items = cached(rows_key, lambda: queue_items(session, where.ids, where.trusts), lasting=True)
    return page_of(where, items), facets


def _queue_body(flt: QueueFilter, page: QueuePage, facets: QueueFacets) -> str:
    return render_template(
        "review/_queue_body.html",
        page=page,
        flt=flt,
        facets=facets,
        sorts=SORTS,
        statuses=[s for s in Status if s != Status.SUPERSEDED],
    )


@bp.route("/groups/<int:group_id>")
def group(group_id: int):
    session = get_session()
    noise = request.args.get("noise") == "1"
    # A lead's list of specialties names every group's and document's (workflow.groups.known_specialties):
    # read for each request, never kept with one group's page.
    specialties = known_specialties(session) if current_user.role in LEADS else []
    picks = (request.args.get("find_group", ""), request.args.get("find_doc", ""))
    if any(picks) or not reads_only(session):  # (a lead's search reads every group and document)
        context = _group_context(session, group_id, noise)
        return render_template("review/group.html", **context, specialties=specialties)
    # What the page shows of the group is kept (web.ttl) under the group's data version and every group's
    # (store.models.GroupVersion: database triggers change it with anything the page shows, in the same
    # transaction), read before the data, and everything about the reader it depends on; so is the page
    # itself, shared by those readers (web.shared_page: their own parts, such as their name, follows,
    # notifications and form tokens, are filled in for every request). A commit elsewhere (another group's
    # decision, an upload) leaves both as they were; any change to this group's is shown by the next view.
    version = group_version_of(session, group_id)
    u = current_user
    reader = (u.role, u.trust, getattr(u, "specialty", None))
    key = ("group", group_id, version, noise, reader)
    context = cached(
        key,
        lambda: _group_context(session, group_id, noise, terms_key=("local_terms", version[1])),
        keep=lambda c: not c["comparing"],  # asked again until compared
        lasting=True,
    )
    if context["comparing"]:
        return render_template("review/group.html", **context, specialties=specialties)
    # A reviewer's page of a proposed group says whether they asked a lead to confirm it (review/_ask.html).
    asker = u.username if context["group"].status == Status.PROPOSED else None
    return shared_page(
        (*key, asker, tuple(specialties)),
        lambda: render_template("review/group.html", **context, specialties=specialties),
        lasting=True,
    )


def _group_context(session: Session, group_id: int, noise: bool, terms_key: Hashable = "local_terms") -> dict[str, Any]:
    """Everything the group page shows but the reader's own parts and a lead's list of specialties.

    `terms_key`: the key the organisations' local terms are kept under (web.ttl): for a page kept under
    every group's data version, that version, so the page is never built from terms older than it.
    """
    row = group_view(session, group_id)
    if row is None:
        abort(404, description=f"No match group {group_id}.")
    terms = cached(terms_key, lambda: diff_context_for(session), lasting=terms_key != "local_terms")
    key = review_key(session, row, terms)
    notes = comments(session, group_id) if row.comments else []
    seen = row.latest_decision
    shown = _compare_html(session, row, key, notes, noise) if key else None
    comparing = False
    if key and shown is None:
        # Not compared yet: compared now if this worker has a slot free, else shown without (web.comparing).
        data = compare_if_free(session, row.id, key)
        shown = _compare_html(session, row, key, notes, noise, data) if data is not None else None
        comparing = data is None
    if shown is not None:
        page, compare, orphans = shown
    else:  # (while comparing, which decisions still have their difference is not known yet)
        page, compare = None, Markup()
        orphans = [] if comparing else [v[-1] for v in current_decisions(session, group_id).values()]
    return dict(
        group=row,
        ready=page_readiness(session, row.id, row.status, [m.trust for m in row.members], key, _rules())
        if len(row.members) > 1 and not comparing
        else None,
        comparing=comparing,
        page=page,
        compare=compare,
        show_noise=noise,
        notes=[c for c in notes if c.change_key is None],
        orphans=orphans,
        moves=_moves(row.status),
        can_decide=_can_decide(row),
        can_comment=current_user.role in REVIEWERS,
        can_match=current_user.role in LEADS,
        links=_links(row),
        member_of={m.document_id: m for m in row.members},
        columns=column_labels((m.trust, m.document_id) for m in row.members),
        seen_decision=seen,
        draft=_draft(session, row, key),
        requests=open_requests(session, group_id) if row.status == Status.PROPOSED else [],
        **_pickers(session, row),
        national=None if comparing else national_panel(session, row),
    )


@bp.route("/groups/<int:group_id>/comparison")
def comparison(group_id: int):
    """Whether the group's comparison is ready, compared now if this worker has a slot free: asked by
    static/js/comparing.js from a page shown before it was (web.comparing). Ready means "reload the page"."""
    session = get_session()
    row = group_view(session, group_id)
    if row is None:
        abort(404, description=f"No match group {group_id}.")
    key = review_key(session, row, cached("local_terms", lambda: diff_context_for(session)))
    ready = key is None or is_stored(session, group_id, key) or compare_if_free(session, group_id, key) is not None
    return jsonify({"ready": ready}), 200, {"Cache-Control": "no-store"}


def _draft(session: Session, row: GroupView, key: str | None) -> DraftState | None:
    """How the group's shared draft stands (none before the group is confirmed)."""
    if row.status == Status.PROPOSED:
        return None
    return draft_summary(session, row.id, row.draft_built_at, row.draft_bases, key, row.latest_decision)


def _pickers(session: Session, row: GroupView) -> dict[str, object]:
    """A lead's searches for a group to merge in or a document to move here (typed words or a number)."""
    if current_user.role not in LEADS:
        return {"find_group": "", "found_groups": [], "find_doc": "", "found_docs": []}
    find_group = request.args.get("find_group") or kept("merge", "find_group")
    find_doc = request.args.get("find_doc") or kept("move", "find_doc")
    members = {m.document_id for m in row.members}
    return {
        "find_group": find_group[:200],
        "found_groups": find_groups(session, find_group, exclude=row.id),
        "find_doc": find_doc[:200],
        "found_docs": [d for d in find_documents(session, find_doc) if d.id not in members],
    }


def _can_decide(row: MatchGroupRow | GroupView) -> bool:
    return current_user.role in REVIEWERS and row.status in (Status.CONFIRMED, Status.IN_REVIEW)


def _compare_html(
    session: Session,
    row: GroupView,
    key: str,
    notes: Sequence[Comment],
    noise: bool,
    data: ReviewData | None = None,
) -> tuple[CompareSummary, Markup, list[DifferenceDecision]] | None:
    """The columns and the lists of differences with this group's decisions and comments filled in, a
    summary of them, and the decisions on differences no longer in its documents; None when the group has
    no stored comparison under `key` (and none is given as `data`).

    The columns are rendered once per comparison and kept (web.columns); a decision or a comment is filled
    in, not rendered with them again. Nothing in them depends on who reads them.
    """
    try:
        page, cols = cached(
            ("compare", row.id, key, noise),
            lambda: _render_compare(session, row.id, key, noise, data),
            lasting=True,
        )
    except _NotCompared:
        return None
    standing = current_decisions(session, row.id) if row.decisions else {}
    on_difference: dict[str, list[Comment]] = {}
    for c in notes:
        if c.change_key is not None:
            on_difference.setdefault(c.change_key, []).append(c)
    html = cols.fill({k: v[-1] for k, v in standing.items()}, on_difference)
    orphans = [v[-1] for k, v in standing.items() if k not in page.keys]
    return page, html, orphans


class _NotCompared(Exception):
    """No comparison stored under the key: nothing to render, and nothing to keep."""


def _render_compare(
    session: Session, group_id: int, key: str, noise: bool, data: ReviewData | None
) -> tuple[CompareSummary, Columns]:
    data = data or review_data(session, group_id, key)
    if data is None:
        raise _NotCompared
    # The difference page's address for each difference: built once, not once a difference (url_for
    # was a tenth of the render); `-` stands for the key and is cut off.
    difference_url = url_for("review.difference", group_id=group_id, key="-")[:-1]
    cols = render_columns(
        lambda slot: render_template(
            "review/_compare.html",
            group_id=group_id,
            data=data,
            show_noise=noise,
            slot=slot,
            difference_url=difference_url,
        )
    )
    return CompareSummary.of(data), cols


def review_data(session: Session, group_id: int, key: str) -> ReviewData | None:
    """The group's stored comparison under `key`, decoded once and kept (web.ttl) while it is read: the
    group page's first view and the decisions posted from it read the same one (decoding is a few ms)."""
    return cached(
        ("review data", group_id, key),
        lambda: stored_review(session, group_id, key),
        keep=lambda data: data is not None,
        lasting=True,
    )


@bp.route("/groups/<int:group_id>/differences/<key>")
def difference(group_id: int, key: str):
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
        seen_decision=_seen_decision(session, group_id),
    )


def _seen_decision(session: Session, group_id: int) -> int:
    """What the decision form records as seen: when a refused decision is shown again, what the first
    page had seen (a decision made meanwhile must still be met as a race, not overwritten unseen)."""
    posted = kept("decide", "seen_decision")
    return int(posted) if posted.isdigit() else latest_decision_id(session, group_id)


def _links(row: GroupView) -> list[dict]:
    links = list((row.evidence or {}).get("links") or [])
    return sorted(links, key=lambda link: -(link.get("confidence") or 0))


@bp.route("/groups/<int:group_id>/history")
def history(group_id: int):
    row = get_group_or_404(group_id)
    return render_template("review/history.html", group=row, events=audit_trail(get_session(), group_id))


@bp.route("/groups/<int:group_id>/status", methods=["POST"])
@require_role(*ACTORS)
@reshow(group, "status", {"reason": "move-reason", "to_status": "move-to"})
def move(group_id: int):
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
@reshow(group, "signoff")
def signoff(group_id: int):
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
@reshow(group, "override", {"reason": "override-reason"})
def override(group_id: int):
    """An administrator's approval without every trust's sign-off, with a reason (recorded as an override)."""
    get_group_or_404(group_id)
    session = get_session()
    override_approval(session, group_id, _actor(), request.form.get("reason", "")[:5000], _revision())
    session.commit()
    flash("Approved by admin override; the reason and the missing sign-offs are recorded.", "success")
    return redirect(url_for("review.group", group_id=group_id))


def _difference_form_page(group_id: int):
    """Where a refused decision or comment on a difference is shown again: the difference's own page
    (its form with the message and what was typed), or the group page if the difference has gone."""
    key = request.form.get("change_key", "")
    if key:
        data = group_review(get_session(), get_group_or_404(group_id))
        if data is not None and data.get(key) is not None:
            return difference(group_id, key)
    return group(group_id)


def _decide_fields(form: str) -> dict[str, str]:
    p = "dec-" + request.form.get("change_key", "")
    return {"decision": f"{p}-decision", "text": f"{p}-text", "reason": f"{p}-reason"}


@bp.route("/groups/<int:group_id>/decisions", methods=["POST"])
@require_role(*ACTORS)
@reshow(_difference_form_page, "decide", _decide_fields)
def decide(group_id: int):
    session = get_session()
    form = request.form
    key = form.get("change_key", "")
    data = _decided_review(session, group_id)
    difference = data.get(key) if data else None
    if difference is None:
        raise ReviewError("that difference is no longer in this group's documents; reload the page")
    decision, _, trust = form.get("decision", "").partition(":")
    seen = form.get("seen_decision", "")
    try:
        # Held up only by someone's newer decision on this same difference, never by other changes.
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
            expected_revision=None if seen.isdigit() else _revision(),
            seen_decision=int(seen) if seen.isdigit() else None,
        )
    except DecisionConflict as conflict:
        session.rollback()
        return _conflict(get_group_or_404(group_id), data, difference, conflict.theirs, decision, trust)
    session.commit()
    flash("Decision recorded.", "success")
    return redirect(url_for("review.group", group_id=group_id, _anchor=difference.anchor))


def _decided_review(session: Session, group_id: int) -> ReviewData | None:
    """The comparison a decision is posted from: the one its page was rendered from, kept (review_data),
    if the group's documents and terms are still those (its key, read now); else stored or computed."""
    row = group_view(session, group_id)
    if row is None or row.status == Status.SUPERSEDED:
        abort(404, description=f"No match group {group_id}.")
    key = review_key(session, row)
    if key is None:
        return None
    return review_data(session, group_id, key) or group_review(session, get_group_or_404(group_id), key)


def _conflict(row, data, difference, theirs, decision, trust):
    """A decision that lost a race: the other person's decision beside this one, and the choice."""
    from types import SimpleNamespace

    form = request.form
    mine = SimpleNamespace(
        decision=decision,
        adopted_trust=trust or None,
        text=form.get("text", ""),
        reason=form.get("reason", ""),
    )
    return render_template(
        "review/conflict.html",
        group=row,
        data=data,
        d=difference,
        theirs=theirs,
        mine=mine,
        posted=form,
        seen_decision=theirs.id,
    ), 409


def _comment_fields(form: str) -> dict[str, str]:
    key = request.form.get("change_key") or ""
    return {"text": f"dec-{key}-comment" if key else "group-comment"}


@bp.route("/groups/<int:group_id>/comments", methods=["POST"])
@require_role(*ACTORS)
@reshow(_difference_form_page, "comment", _comment_fields)
def comment(group_id: int):
    """A comment changes nothing decided, so it is never refused because the group has moved on."""
    get_group_or_404(group_id)
    session = get_session()
    key = request.form.get("change_key") or None
    add_comment(session, group_id, _actor(), request.form.get("text", ""), key)
    session.commit()
    flash("Comment added.", "success")
    return redirect(url_for("review.group", group_id=group_id, _anchor=f"d-{key}" if key else "comments"))


@bp.route("/groups/<int:group_id>/details", methods=["POST"])
@require_role(*sorted(LEADS))
@reshow(
    group, "details", {"topic": "details-topic", "specialty": "details-specialty", "reason": "details-reason"}
)
def details(group_id: int):
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
