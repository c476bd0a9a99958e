"""Incremental matching: place newly stored documents into the stored groups without re-matching the library.

The library is indexed once per consumer process (`MatchIndex`, kept in memory and rebuilt when too many
documents have arrived since) and each new document is matched against it with `match_new` (10-50 ms),
then placed by the grouping rules and people's decisions:

- a new version of a grouped document takes its place in the group (a person-held group gains it as a
  proposed addition, for the lead to accept);
- otherwise it joins the group of its best link (best first) when that group has no document of its
  trust, no member is a rejected pair with it, and the mean of its scores with the group's members (each
  scored, linked or not, as the whole-library grouping scores a merge) reaches the rules'
  `min_average_link`; a person-held group gains a proposed addition, a proposal a member;
- failing that, it joins a document left alone (a proposal of one) when each is the other's best at the
  other's trust, one clearly so, with nothing against the pair, though the link is below the threshold
  (`MatchIndex.match_new(mutual=True)`): the weak mutual bests of the whole-library grouping, such as a
  short local pathway and the long guideline it adapts;
- a document marked "no counterpart", or with no link that can join a group, starts a group of its own.

A batch large enough to need the index rebuilt anyway (a library arriving: more than STALE_SHARE of the
library), or any batch into a library under EXACT_BELOW documents (where grouping the whole costs about a
second), is placed by the whole-library grouping instead (`propose_groups`, people's decisions kept), so
that libraries matched on arrival get the groups `converge match --full` makes, a trust's two halves of
a topic included. A stored proposal that gains members keeps its id.

Otherwise nothing else moves: `converge match --full` re-matches everything (a trust's second document
on a topic, the release of a second half to a lone document, are its rules alone).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import combinations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from converge.core.matching import Decisions, MatchIndex, MatchSettings
from converge.core.matching.grouping import second_document_fits
from converge.core.matching.scoring import MatchScore
from converge.core.memory import gc_paused
from converge.core.model import Document
from converge.store.models import (
    GroupTransition,
    MatchGroupRow,
    MatchMember,
    StoredDocument,
    utcnow,
)
from converge.workflow.features import current_features
from converge.workflow.groups import HUMAN_STATUSES, MATCHER, pair_decisions, propose_groups, score_json
from converge.workflow.library import load_document
from converge.workflow.status import Status

STALE_SHARE = 0.02  # a large library's index is rebuilt when this share of its current documents changed
EXACT_BELOW = 500  # below this many current documents the index is rebuilt on any change (cheap there)
RUNNERS_UP = 20  # links beyond the best per trust, to judge a group's other members


@dataclass
class _Cached:
    index: MatchIndex
    ids: frozenset[str]


_CACHE: dict[str, _Cached] = {}
_LOCK = threading.Lock()
_BUILD = threading.Lock()  # one build at a time: a job arriving during the consumer's warm-up waits for it


def library_index(session: Session, key: str = "") -> MatchIndex | None:
    """The matching index of the current library: this process's, unless more than STALE_SHARE of the
    current documents are missing from it (then rebuilt); None for an empty library. `key` names the
    database (a consumer process works on one)."""
    wanted = set(session.scalars(select(StoredDocument.id).where(StoredDocument.status == "current")))
    index = _cached_index(key, wanted)
    if index is not None:
        return index
    with _BUILD:
        index = _cached_index(key, wanted)  # built by another thread while this one waited
        if index is not None:
            return index
        docs = [d for d in current_features(session) if d.doc_id in wanted]
        if not docs:
            return None
        with gc_paused():
            index = MatchIndex(docs).prepare_for_uploads()
        with _LOCK:
            _CACHE[key] = _Cached(index, frozenset(d.doc_id for d in docs))
    return index


def _cached_index(key: str, wanted: set[str]) -> MatchIndex | None:
    with _LOCK:
        cached = _CACHE.get(key)
        if cached is not None and _fresh_enough(cached.ids, wanted):
            return cached.index
    return None


def _fresh_enough(indexed: frozenset[str], wanted: set[str]) -> bool:
    """Whether an index of `indexed` still serves a library of `wanted`: exactly, for a small library (a
    document stored since the build would otherwise never be a candidate); for a large one, while at most
    STALE_SHARE of it changed (a rebuild there costs seconds each upload)."""
    changed = len(wanted - indexed) + len(indexed - wanted)
    if changed == 0:
        return True
    return len(wanted) >= EXACT_BELOW and changed <= STALE_SHARE * len(wanted)


def forget_index() -> None:
    """Drop this process's index (after a full re-match, or in tests)."""
    with _LOCK:
        _CACHE.clear()


def _live_groups_of(session: Session, doc_ids: set[str]) -> list[MatchGroupRow]:
    if not doc_ids:
        return []
    return list(
        session.scalars(
            select(MatchGroupRow)
            .where(
                MatchGroupRow.id.in_(
                    select(MatchMember.group_id).where(MatchMember.document_id.in_(doc_ids))
                ),
                MatchGroupRow.status.not_in([Status.SUPERSEDED, Status.REJECTED]),
            )
            .options(selectinload(MatchGroupRow.members).selectinload(MatchMember.document))
            .order_by(MatchGroupRow.id)
        )
    )


def _add(group: MatchGroupRow, doc_id: str, links: Sequence[MatchScore]) -> None:
    """Put a document into a group: a member of a proposal, a proposed addition to a person's group."""
    group.members.append(MatchMember(document_id=doc_id, state="proposed"))
    evidence = dict(group.evidence or {})
    if group.status in HUMAN_STATUSES:
        extra = dict(evidence.get("proposed_additions") or {"links": [], "missing": [], "split_trusts": []})
        extra["links"] = [*extra.get("links", []), *(score_json(s) for s in links)]
        evidence["proposed_additions"] = extra
    else:
        evidence["links"] = [*(evidence.get("links") or []), *(score_json(s) for s in links)]
        confidences = [link["confidence"] for link in evidence["links"]]
        group.confidence = sum(confidences) / len(confidences) if confidences else 0.0
    group.evidence = evidence
    group.revision += 1
    group.updated_at = utcnow()


def _alone(session: Session, doc: StoredDocument) -> MatchGroupRow:
    row = MatchGroupRow(
        status=Status.PROPOSED,
        confidence=0.0,
        evidence={"links": [], "missing": [], "split_trusts": []},
        topic=doc.title[:500],
        specialty=doc.specialty,
        origin=MATCHER,
        members=[MatchMember(document_id=doc.id, state="proposed")],
    )
    session.add(row)
    session.flush()
    session.add(GroupTransition(group_id=row.id, from_status=None, to_status=Status.PROPOSED, actor=MATCHER))
    return row


def match_new_documents(
    session: Session, doc_ids: Sequence[str], settings: MatchSettings | None = None, key: str = ""
) -> tuple[dict[str, int], set[int] | None]:
    """Place each new current document (not yet in a live group) into the stored groups; counts of what
    happened (joined, replaced: a new version, alone) and the ids of the groups changed or made (None:
    the batch was placed by a whole-library grouping, and any group may have changed)."""
    settings = settings or MatchSettings()
    counts = {"joined": 0, "replaced": 0, "alone": 0}
    touched: set[int] = set()
    grouped = set(
        session.scalars(
            select(MatchMember.document_id)
            .join(MatchGroupRow, MatchGroupRow.id == MatchMember.group_id)
            .where(MatchMember.document_id.in_(doc_ids), MatchGroupRow.status != Status.SUPERSEDED)
        )
    )
    rows = [
        r
        for r in session.scalars(select(StoredDocument).where(StoredDocument.id.in_(doc_ids)))
        if r.status == "current" and r.id not in grouped
    ]
    if not rows:
        return counts, touched
    placing = []
    for row in sorted(rows, key=lambda r: r.id):
        replaced = _replace_older_version(session, row)
        if replaced:
            counts["replaced"] += 1
            touched.update(replaced)
        else:
            placing.append(row)
    current = set(session.scalars(select(StoredDocument.id).where(StoredDocument.status == "current")))
    if placing and _placed_whole(len(placing), len(current)):
        session.flush()
        propose_groups(session, settings)  # people's decisions kept; their groups only gain proposals
        _count_placed(session, [r.id for r in placing], counts)
        return counts, None
    decisions = decisions_about(session, [r.id for r in placing])
    # The new documents are in the index too: two organisations' new documents can find each other.
    index = library_index(session, key=key)
    for row in placing:
        joined = None
        if index is not None and row.id not in decisions.no_counterpart:
            joined = _place(session, row, index, current, decisions, settings)
        if joined is not None:
            counts["joined"] += 1
            touched.add(joined)
        else:
            touched.add(_alone(session, row).id)
            counts["alone"] += 1
    session.flush()
    return counts, touched


def _place(
    session: Session,
    row: StoredDocument,
    index: MatchIndex,
    current: set[str],
    decisions: Decisions,
    settings: MatchSettings,
) -> int | None:
    """The group one new document joins (None: it stays alone), in the whole-library grouping's order: that
    of its best links at the threshold holding no document of its trust, else a lone document whose clear
    mutual best it is, else a group where it is another version of the topic beside its trust's document."""
    doc = load_document(row)
    found = [
        s
        for s in index.match_new(doc, limit=RUNNERS_UP, mutual=True)
        if s.b in current and frozenset((row.id, s.b)) not in decisions.rejected
    ]
    links = [s for s in found if s.confidence >= index.settings.threshold]
    join = partial(
        _join_best,
        session,
        row,
        links,
        settings,
        decisions.rejected,
        partial(_scores_with, index, doc),
        lambda _, other: index.clashes_new(doc, other),
        lambda own, others: index.union_helps_new(doc, own, others),
    )
    joined = join(second=False)
    if joined is not None:
        return joined
    weak = [s for s in found if s.confidence < index.settings.threshold and s.b not in decisions.no_counterpart]
    joined = _pair_with_lone(session, row, weak)
    return joined if joined is not None or not settings.allow_split else join(second=True)


def _count_placed(session: Session, doc_ids: list[str], counts: dict[str, int]) -> None:
    """Count the documents a whole-library grouping put with others ("joined") or left alone."""
    live = MatchGroupRow.status.not_in([Status.SUPERSEDED, Status.REJECTED])
    theirs = select(MatchMember.group_id).where(MatchMember.document_id.in_(doc_ids))
    shared = (
        select(MatchMember.group_id)
        .join(MatchGroupRow, MatchGroupRow.id == MatchMember.group_id)
        .where(live, MatchMember.group_id.in_(theirs))
        .group_by(MatchMember.group_id)
        .having(func.count() > 1)
    )
    joined = set(
        session.scalars(
            select(MatchMember.document_id).where(
                MatchMember.document_id.in_(doc_ids), MatchMember.group_id.in_(shared)
            )
        )
    )
    counts["joined"] += len(joined)
    counts["alone"] += len(doc_ids) - len(joined)


def _placed_whole(batch: int, library: int) -> bool:
    """Whether a batch is placed by the whole-library grouping (see the module docstring)."""
    return library < EXACT_BELOW or batch > STALE_SHARE * library


def decisions_about(session: Session, doc_ids: Sequence[str]) -> Decisions:
    """People's decisions that can bear on placing `doc_ids`: every rejected pair and "no counterpart"
    (a short list), and the pairs of rejected groups holding one of them. Reading every group, as a
    whole-library match does (groups.load_decisions), would cost more than the matching itself."""
    rejected, no_counterpart = pair_decisions(session)
    held = select(MatchMember.group_id).where(MatchMember.document_id.in_(list(doc_ids)))
    members: dict[int, list[str]] = {}
    for gid, doc_id in session.execute(
        select(MatchMember.group_id, MatchMember.document_id)
        .join(MatchGroupRow, MatchGroupRow.id == MatchMember.group_id)
        .where(MatchGroupRow.status == Status.REJECTED, MatchMember.group_id.in_(held))
    ):
        members.setdefault(gid, []).append(doc_id)
    for ids in members.values():
        rejected.extend(combinations(ids, 2))
    return Decisions.of((), rejected, no_counterpart)


def _replace_older_version(session: Session, row: StoredDocument) -> list[int]:
    """A new version takes its predecessor's place in the predecessor's live groups."""
    older = list(session.scalars(select(StoredDocument.id).where(StoredDocument.superseded_by_id == row.id)))
    groups = _live_groups_of(session, set(older))
    for group in groups:
        if group.status in HUMAN_STATUSES:
            _add(group, row.id, [])
            continue
        for m in list(group.members):
            if m.document_id in older:
                group.members.remove(m)
        _add(group, row.id, [])
    return [g.id for g in groups]


def _join_best(
    session: Session,
    row: StoredDocument,
    links: list[MatchScore],
    settings: MatchSettings,
    rejected: frozenset[frozenset[str]],
    score: Callable[[list[str]], list[MatchScore]],
    clashes: Callable[[str, str], bool],
    halves: Callable[[list[str], list[str]], bool],
    *,
    second: bool,
) -> int | None:
    """Put the document into the group of its best link, best first, where it may go: no rejected pair, its
    mean link to the members at least `min_average_link` (a member it has no link with is scored with it by
    `score`, as the whole-library grouping scores any pair a merge asks about; counted 0, a document could
    never join a large group that it links to through a few), and no document of its trust there; or, with
    `second`, only groups holding one document of its trust, which it joins as another version of the topic
    or as the other half of a topic its trust splits (`grouping.second_document_fits`), as the whole-library
    grouping takes a trust's second document once the one-per-trust links are taken)."""
    by_partner = {s.b: s for s in links}
    trust = row.trust.code

    def best_link(group: MatchGroupRow) -> float:
        return max(by_partner[m.document_id].confidence for m in group.members if m.document_id in by_partner)

    open_to_it = []
    for group in sorted(_live_groups_of(session, set(by_partner)), key=lambda g: -best_link(g)):
        members = [m for m in group.members if m.document.status == "current"]
        own = [m.document_id for m in members if m.document.trust.code == trust]
        if not members or len(own) != (1 if second else 0):
            continue
        if any(frozenset((row.id, m.document_id)) in rejected for m in members):
            continue
        open_to_it.append((group, members, own))
    # One scoring of every member not linked, of all the groups (each call searches the candidates again).
    unlinked = sorted({m.document_id for _, ms, _ in open_to_it for m in ms} - set(by_partner))
    rest = {s.b: s.confidence for s in score(unlinked)} if unlinked else {}

    def pair(_: str, other: str) -> float:
        return by_partner[other].confidence if other in by_partner else rest.get(other, 0.0)

    for group, members, own in open_to_it:
        scores = [pair(row.id, m.document_id) for m in members if m.document_id not in own]
        if not scores or sum(scores) / len(scores) < settings.min_average_link:
            continue
        others = [m.document_id for m in members if m.document_id not in own]
        adds_up = partial(halves, own, others)
        rules = settings.rules()
        if own and not second_document_fits(row.id, own, others, scores, pair, rules, clashes, clashes, adds_up):
            continue
        _add(group, row.id, [by_partner[m.document_id] for m in members if m.document_id in by_partner])
        return group.id
    return None


def _scores_with(index: MatchIndex, doc: Document, ids: list[str]) -> list[MatchScore]:
    return index.score_new(doc, only=ids, own_trust=True)[1]


def _pair_with_lone(session: Session, row: StoredDocument, weak: list[MatchScore]) -> int | None:
    """Join the proposal of a document left alone whose clear mutual best the new one is (`MatchIndex.
    match_new(mutual=True)`'s links below the threshold), as the whole-library grouping pairs two lone
    documents; the best such link first. A group people hold is never entered this way."""
    by_partner = {s.b: s for s in weak}
    lone = []
    for group in _live_groups_of(session, set(by_partner)):
        members = [m for m in group.members if m.document.status == "current"]
        if group.status == Status.PROPOSED and len(members) == 1:
            lone.append((by_partner[members[0].document_id], group))
    if not lone:
        return None
    link, group = max(lone, key=lambda x: (x[0].confidence, -x[1].id))
    _add(group, row.id, [link])
    return group.id


def match_documents_into_groups(
    session: Session, documents: Sequence[str] | None = None, *, full: bool = False, key: str = ""
) -> tuple[str, set[int] | None]:
    """Match new documents into the stored groups (converge.workflow.incremental; default: every current document
    in no live group), or with `full` (or when no group exists yet) re-match the whole library and save
    the proposals (propose_groups). A one-line account of what changed, and the groups it changed (None:
    any may have)."""
    live = select(MatchGroupRow.id).where(MatchGroupRow.status != Status.SUPERSEDED).limit(1)
    if full or session.scalar(live) is None:
        result, summary = propose_groups(session)
        forget_index()
        note = (
            f"{len(result.groups)} groups: {summary.created} new, {summary.grown} grown, "
            f"{summary.extended} extended, {summary.superseded} superseded, {summary.unchanged} unchanged"
        )
        return note, None
    if documents is None:
        grouped = (
            select(MatchMember.document_id)
            .join(MatchGroupRow, MatchGroupRow.id == MatchMember.group_id)
            .where(MatchGroupRow.status != Status.SUPERSEDED)
        )
        ungrouped = select(StoredDocument.id).where(
            StoredDocument.status == "current", StoredDocument.id.not_in(grouped)
        )
        documents = list(session.scalars(ungrouped))
    if not documents:
        return "no new documents to match", set()
    counts, touched = match_new_documents(session, documents, key=key)
    note = (
        f"{len(documents)} new documents: {counts['joined']} joined a group, {counts['replaced']} took an "
        f"older version's place, {counts['alone']} alone"
        + (" (a large batch: placed by grouping the whole library)" if touched is None else "")
    )
    return note, touched
