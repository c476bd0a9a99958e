"""Match groups in the database: saving matcher runs and people's matching decisions.

A matcher run only adds or proposes. Groups a person has touched (confirmed or beyond, or rejected) are
passed to the matcher as decisions and never rewritten; an untouched proposal that a new run no longer
makes is marked "superseded", not deleted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session, selectinload

from converge.core.errors import NotFound, ReviewError
from converge.core.matching import Decisions, MatchGroup, MatchResult, MatchSettings, match_documents
from converge.core.matching.scoring import MatchScore
from converge.core.memory import gc_paused
from converge.store.models import (
    GroupEdit,
    GroupTransition,
    MatchDecision,
    MatchGroupRow,
    MatchMember,
    StoredDocument,
    User,
    utcnow,
)
from converge.store.queries import get_group
from converge.workflow.actors import Actor, NotPermitted
from converge.workflow.comparison.summary import (
    summarise_stale_groups,
)
from converge.workflow.features import current_features
from converge.workflow.review import bump_revision, check_trust, group_trusts, lock_group, transition
from converge.workflow.status import LEADS, Status
from converge.workflow.vocab import canonical, terms

MATCHER = "matcher"
# Statuses in which a person has taken the group over from the matcher.
HUMAN_STATUSES = frozenset(Status) - {Status.PROPOSED, Status.SUPERSEDED, Status.REJECTED}


@dataclass(frozen=True, slots=True)
class SaveSummary:
    created: int = 0
    updated: int = 0
    extended: int = 0  # person-held groups that gained a proposed member
    grown: int = 0  # proposals that gained members in place (their id kept)
    superseded: int = 0
    unchanged: int = 0


def score_json(score: MatchScore) -> dict[str, Any]:
    """The evidence of one link, as stored and shown to reviewers."""
    return {
        "a": score.a,
        "b": score.b,
        "confidence": round(score.confidence, 4),
        "features": {k: (None if v is None else round(v, 4)) for k, v in score.features.items()},
        "contributions": {k: round(v, 4) for k, v in score.contributions.items()},
        "shared_terms": list(score.shared_terms),
        "aligned_headings": [list(h) for h in score.aligned_headings],
        "conflicts": list(score.conflicts),
    }


def _evidence(group: MatchGroup) -> dict[str, Any]:
    return {
        "links": [score_json(s) for s in group.evidence],
        "missing": list(group.missing),
        "split_trusts": list(group.split_trusts),
    }


def _group_members(session: Session, where: Any) -> dict[int, tuple[str, list[tuple[str, str]]]]:
    """{group id: (status, [(document id, member state), ...])} of the groups matching `where`, in id
    order, read as plain columns: a library's groups as ORM rows (evidence and all) cost seconds."""
    out: dict[int, tuple[str, list[tuple[str, str]]]] = {}
    for gid, status, doc_id, state in session.execute(
        select(MatchGroupRow.id, MatchGroupRow.status, MatchMember.document_id, MatchMember.state)
        .outerjoin(MatchMember, MatchMember.group_id == MatchGroupRow.id)
        .where(where)
        .order_by(MatchGroupRow.id, MatchMember.id)
    ):
        members = out.setdefault(gid, (status, []))[1]
        if doc_id is not None:
            members.append((doc_id, state))
    return out


def load_decisions(session: Session) -> Decisions:
    """People's matching decisions, in the matcher's terms."""
    confirmed: list[list[str]] = []
    rejected: list[tuple[str, str]] = []
    for status, members in _group_members(
        session, MatchGroupRow.status.in_([*HUMAN_STATUSES, Status.REJECTED])
    ).values():
        held = [d for d, state in members if state == "confirmed"]
        if status in HUMAN_STATUSES and held:
            confirmed.append(held)
        elif status == Status.REJECTED:
            rejected.extend(combinations([d for d, _ in members], 2))
    pairs, no_counterpart = pair_decisions(session)
    return Decisions.of(confirmed, [*rejected, *pairs], no_counterpart)


def pair_decisions(session: Session) -> tuple[list[tuple[str, ...]], list[str]]:
    """The standing pair rejections and "no counterpart" decisions (a short list, read whole)."""
    rejected: list[tuple[str, ...]] = []
    no_counterpart: list[str] = []
    for kind, ids in session.execute(
        select(MatchDecision.kind, MatchDecision.document_ids).where(MatchDecision.active.is_(True))
    ):
        if kind == "reject_pair":
            rejected.append(tuple(ids))
        elif kind == "no_counterpart":
            no_counterpart.extend(ids)
    return rejected, no_counterpart


def _topic_and_specialty(session: Session, doc_ids: Sequence[str]) -> tuple[str, str | None]:
    found = (session.get(StoredDocument, d) for d in doc_ids)
    rows = [r for r in found if r is not None]
    specialties = Counter(r.specialty for r in rows if r.specialty)
    topic = min((r.title for r in rows), key=len) if rows else ""
    return topic[:500], (specialties.most_common(1)[0][0] if specialties else None)


def _topics_and_specialties(session: Session, groups: Sequence[MatchGroup]) -> list[tuple[str, str | None]]:
    """Each group's topic (its shortest member title) and specialty (its members' commonest), from one
    read of the members' titles and specialties."""
    wanted = sorted({d for g in groups for d in g.members})
    found: dict[str, tuple[str, str | None]] = {}
    for s in range(0, len(wanted), 5000):  # bounded IN lists (SQLite's and drivers' parameter limits)
        found.update(
            (doc_id, (title, specialty))
            for doc_id, title, specialty in session.execute(
                select(StoredDocument.id, StoredDocument.title, StoredDocument.specialty).where(
                    StoredDocument.id.in_(wanted[s : s + 5000])
                )
            )
        )
    out = []
    for g in groups:
        rows = [found[d] for d in g.members if d in found]
        specialties = Counter(sp for _, sp in rows if sp)
        topic = min((t for t, _ in rows), key=len) if rows else ""
        out.append((topic[:500], specialties.most_common(1)[0][0] if specialties else None))
    return out


def _extend_held(session: Session, owner_id: int, group: MatchGroup) -> bool:
    """Offer a person-held group the members a matcher run adds to it (proposed, for the lead)."""
    owner = session.get_one(MatchGroupRow, owner_id)
    have = {m.document_id for m in owner.members}
    extra = [d for d in group.members if d not in have]
    for doc_id in extra:
        owner.members.append(MatchMember(document_id=doc_id, state="proposed"))
    if extra:
        owner.evidence = {**(owner.evidence or {}), "proposed_additions": _evidence(group)}
        owner.revision += 1
    return bool(extra)


def save_match_result(session: Session, result: MatchResult) -> SaveSummary:
    """Reconcile a matcher run with the stored groups (adds and proposes only).

    Written in bulk (a few statements, not a flush per group): saving 3,000 groups row by row took
    longer than matching them.
    """
    live = _group_members(session, MatchGroupRow.status.not_in([Status.SUPERSEDED, Status.REJECTED]))
    held_by: dict[str, int] = {}
    for gid, (status, members) in live.items():
        if status in HUMAN_STATUSES:
            for doc_id, _ in members:
                held_by.setdefault(doc_id, gid)
    proposals = {
        frozenset(d for d, _ in members): gid
        for gid, (status, members) in live.items()
        if status == Status.PROPOSED
    }
    members_of = {gid: members for members, gid in proposals.items()}
    proposal_of = {d: gid for members, gid in proposals.items() for d in members}
    grown: dict[int, MatchGroup] = {}
    counts = Counter[str]()
    made: set[frozenset[str]] = set()
    same: list[dict[str, Any]] = []
    new: list[MatchGroup] = []
    for group in result.groups:
        member_set = frozenset(group.members)
        made.add(member_set)
        owners = [held_by[d] for d in group.members if d in held_by]
        if owners:
            counts["extended"] += _extend_held(session, min(owners), group)
        elif member_set in proposals:
            same.append(
                {"id": proposals[member_set], "confidence": group.confidence, "evidence": _evidence(group)}
            )
        elif (host := _grown_proposal(member_set, proposal_of, members_of)) is not None:
            grown[host] = group
            made.add(members_of[host])
        else:
            new.append(group)
    session.flush()
    if same:
        session.execute(update(MatchGroupRow), same)
    _grow_proposals(session, grown, members_of)
    _insert_proposals(session, new)
    gone = [gid for members, gid in proposals.items() if members not in made]
    _supersede(session, gone)
    session.expire_all()  # rows written past the ORM: nothing in the session may show them as they were
    counts.update(unchanged=len(same), created=len(new), superseded=len(gone), grown=len(grown))
    return SaveSummary(**{k: counts.get(k, 0) for k in SaveSummary.__dataclass_fields__})


def _grown_proposal(
    member_set: frozenset[str], proposal_of: dict[str, int], members_of: dict[int, frozenset[str]]
) -> int | None:
    """The stored proposal a new group grows from: the largest (then oldest) whose members all sit in it.
    Keeping its id keeps the group's links, followers and history when a new document joins its topic;
    any other proposal the group absorbs is superseded."""
    inside = {gid for d in member_set if (gid := proposal_of.get(d)) is not None}
    whole = [gid for gid in inside if members_of[gid] <= member_set]
    return min(whole, key=lambda gid: (-len(members_of[gid]), gid), default=None)


def _grow_proposals(
    session: Session, grown: dict[int, MatchGroup], members_of: dict[int, frozenset[str]]
) -> None:
    """Add the members a matcher run gives stored proposals, and their new evidence, in bulk."""
    if not grown:
        return
    revisions = {
        gid: revision
        for gid, revision in session.execute(
            select(MatchGroupRow.id, MatchGroupRow.revision).where(MatchGroupRow.id.in_(grown))
        )
    }
    now = utcnow()
    session.execute(
        insert(MatchMember),
        [
            {"group_id": gid, "document_id": d, "state": "proposed"}
            for gid, g in grown.items()
            for d in g.members
            if d not in members_of[gid]
        ],
    )
    session.execute(
        update(MatchGroupRow),
        [
            {
                "id": gid,
                "confidence": g.confidence,
                "evidence": _evidence(g),
                "revision": revisions[gid] + 1,
                "updated_at": now,
            }
            for gid, g in grown.items()
        ],
    )


def _insert_proposals(session: Session, groups: Sequence[MatchGroup]) -> None:
    """New proposed groups, their members and their first transition, in three bulk inserts."""
    if not groups:
        return
    now = utcnow()
    rows = [
        {
            "status": Status.PROPOSED,
            "confidence": g.confidence,
            "evidence": _evidence(g),
            "topic": topic,
            "specialty": specialty,
            "origin": MATCHER,
            "created_at": now,
            "updated_at": now,
        }
        for g, (topic, specialty) in zip(groups, _topics_and_specialties(session, groups), strict=True)
    ]
    ids = session.scalars(
        insert(MatchGroupRow).returning(MatchGroupRow.id, sort_by_parameter_order=True), rows
    ).all()
    session.execute(
        insert(MatchMember),
        [
            {"group_id": gid, "document_id": d, "state": "proposed"}
            for gid, g in zip(ids, groups, strict=True)
            for d in g.members
        ],
    )
    session.execute(
        insert(GroupTransition),
        [
            {"group_id": gid, "from_status": None, "to_status": Status.PROPOSED, "actor": MATCHER, "at": now}
            for gid in ids
        ],
    )


def _supersede(session: Session, group_ids: Sequence[int]) -> None:
    """Untouched proposals a newer run no longer makes: superseded (kept, with the reason), not deleted."""
    if not group_ids:
        return
    now = utcnow()
    session.execute(
        update(MatchGroupRow),
        [{"id": gid, "status": Status.SUPERSEDED, "updated_at": now} for gid in group_ids],
    )
    session.execute(
        insert(GroupTransition),
        [
            {
                "group_id": gid,
                "from_status": Status.PROPOSED,
                "to_status": Status.SUPERSEDED,
                "actor": MATCHER,
                "reason": "a newer matching run proposes different groups",
                "at": now,
            }
            for gid in group_ids
        ],
    )


def match_library(
    session: Session,
    settings: MatchSettings | None = None,
    trusts: Iterable[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[MatchResult, SaveSummary]:
    """Match every current document (or those of `trusts` against all), save the proposals and diff the
    groups whose members changed (`progress(done, total)` follows that part, the long one)."""
    result, summary = propose_groups(session, settings, trusts)
    summarise_stale_groups(session, progress)
    return result, summary


def propose_groups(
    session: Session, settings: MatchSettings | None = None, trusts: Iterable[str] | None = None
) -> tuple[MatchResult, SaveSummary]:
    """The matching half of `match_library`: load current documents and decisions, match, save.

    Kept apart from the comparison of changed groups so that `converge eval` can measure what matching
    alone gives, and `converge match --full` can queue the comparisons for consumers instead.
    """
    # One pause for loading, matching and saving: each of their own pauses, ended, let the collector walk
    # everything built in it (the library, its index, the groups), all alive, 0.1-0.15 s a time.
    with gc_paused():
        docs = current_features(session)  # stored with each document: no text read again
        decisions = load_decisions(session)
        result = match_documents(docs, settings, decisions)
        if trusts:
            wanted = {t.upper() for t in trusts}
            trust_of = {d.doc_id: d.trust for d in docs}
            keep = tuple(g for g in result.groups if any(trust_of[m] in wanted for m in g.members))
            result = MatchResult(
                keep,
                tuple(x for x in result.gaps if x.group_id in {g.id for g in keep}),
                result.trusts,
                result.scored_pairs,
            )
        summary = save_match_result(session, result)
    return result, summary


def active_groups(session: Session) -> list[MatchGroupRow]:
    return list(
        session.scalars(
            select(MatchGroupRow)
            .where(MatchGroupRow.status != Status.SUPERSEDED)
            .options(selectinload(MatchGroupRow.members).selectinload(MatchMember.document))
            .order_by(MatchGroupRow.id)
        )
    )


def group_json(row: MatchGroupRow) -> dict[str, Any]:
    """The public `converge matches --json` record of a group."""
    return {
        "id": row.id,
        "confidence": round(row.confidence, 4),
        "status": row.status,
        "topic": row.topic,
        "specialty": row.specialty,
        "members": [
            {
                "trust": m.document.trust.code,
                "document_id": m.document_id,
                "title": m.document.title,
                "source_path": m.document.source_path,
                "state": m.state,
            }
            for m in row.members
        ],
    }


def gaps_json(rows: Sequence[MatchGroupRow], trusts: Sequence[str]) -> list[dict[str, Any]]:
    """Groups lacking a document at one or more trusts (what only some trusts have)."""
    out = []
    for row in rows:
        if row.status in (Status.REJECTED, Status.SUPERSEDED):
            continue
        present = {m.document.trust.code for m in row.members}
        missing = [t for t in trusts if t not in present]
        if missing:
            out.append(
                {"group_id": row.id, "topic": row.topic, "present": sorted(present), "missing": missing}
            )
    return out


# --- people's matching decisions ---------------------------------------------------------------------


def _require_lead(actor: Actor) -> None:
    if actor.role not in LEADS:
        raise NotPermitted(f"a {actor.role} cannot change match groups")


def _locked_group_of(session: Session, group_id: int, actor: Actor) -> MatchGroupRow:
    """The group, its row locked for this transaction, if this lead's trust is among its members."""
    if session.get(MatchGroupRow, group_id) is None:
        raise NotFound(f"no match group {group_id}")
    group = lock_group(session, group_id, bump=False)
    check_trust(session, group, actor)
    return group


def _check_document_scope(session: Session, document_id: str, actor: Actor) -> None:
    """A lead may act on their own trust's document, or one grouped with a document of their trust."""
    if actor.role != "lead":
        return
    doc = session.get(StoredDocument, document_id)
    if doc is not None and actor.trust and doc.trust.code == actor.trust.upper():
        return
    group_ids = session.scalars(select(MatchMember.group_id).where(MatchMember.document_id == document_id))
    if not any(actor.trust and actor.trust.upper() in group_trusts(session, g) for g in group_ids):
        raise NotPermitted(
            f"document {document_id} is neither your trust's nor grouped with one of its documents"
        )


def _decision(
    session: Session,
    kind: str,
    doc_ids: Sequence[str],
    actor: Actor,
    reason: str,
    group_id: int | None = None,
) -> None:
    session.add(
        MatchDecision(
            kind=kind, document_ids=list(doc_ids), group_id=group_id, actor=actor.name, reason=reason
        )
    )


def mark_no_counterpart(
    session: Session, document_id: str, actor: Actor, reason: str = "", group_id: int | None = None
) -> None:
    """Record that a document has no counterpart at the other trusts; the matcher leaves it alone. Asked
    from a group's page (`group_id`), the document must be one of that group's, and the group's revision
    moves on (a page loaded before shows it as changed)."""
    _require_lead(actor)
    if session.get(StoredDocument, document_id) is None:
        raise NotFound(f"no document {document_id}")
    group = get_group(session, group_id) if group_id is not None else None
    if group is not None and document_id not in {m.document_id for m in group.members}:
        raise ReviewError("choose one of this group's documents", field="document_id")
    _check_document_scope(session, document_id, actor)
    _decision(session, "no_counterpart", [document_id], actor, reason)
    if group is not None:
        bump_revision(group)
    session.flush()


def split_group(
    session: Session, group_id: int, document_ids: Sequence[str], actor: Actor, reason: str = ""
) -> MatchGroupRow:
    """Take documents out of a group into a new group of their own.

    The new group keeps the old one's specialty (so it stays in its waves' specialty and its reports),
    and is only proposed: splitting says these documents do not belong with the others, not that they
    are one topic with each other, which a lead confirms as for any proposal.
    """
    _require_lead(actor)
    group = _locked_group_of(session, group_id, actor)
    moving = [m for m in group.members if m.document_id in set(document_ids)]
    if not moving or len(moving) == len(group.members):
        raise ReviewError(
            "choose some, but not all, of the group's documents to split off", field="document_ids"
        )
    staying = [m.document_id for m in group.members if m not in moving]
    for a in staying:
        for m in moving:
            _decision(session, "reject_pair", [a, m.document_id], actor, reason or "split", group_id)
    for m in moving:
        group.members.remove(m)
    group.revision += 1
    new = _new_person_group(
        session,
        [m.document_id for m in moving],
        actor,
        reason or f"split from group {group_id}",
        specialty=group.specialty,
    )
    session.flush()
    return new


def _new_person_group(
    session: Session, doc_ids: Sequence[str], actor: Actor, reason: str, specialty: str | None = None
) -> MatchGroupRow:
    topic, from_documents = _topic_and_specialty(session, doc_ids)
    row = MatchGroupRow(
        status=Status.PROPOSED,
        confidence=1.0,
        topic=topic,
        specialty=specialty or from_documents,
        origin="person",
        evidence={"links": [], "made_by": actor.name},
        members=[MatchMember(document_id=d, state="proposed") for d in doc_ids],
    )
    session.add(row)
    session.flush()
    session.add(
        GroupTransition(
            group_id=row.id, from_status=None, to_status=Status.PROPOSED, actor=actor.name, reason=reason
        )
    )
    return row


def reject_member(
    session: Session, group_id: int, document_id: str, actor: Actor, reason: str
) -> MatchGroupRow:
    """A lead takes one proposed document out of a group, with a reason: the link is wrong.

    Recorded as a refused pairing with each other member (the matcher never proposes it into this
    group again) and as a removal in the group's audit trail. Only a document the matcher proposed: one a
    person confirmed is split off instead.
    """
    _require_lead(actor)
    if not reason.strip():
        raise ReviewError("enter a reason: removing a document from a group needs one", field="reason")
    group = _locked_group_of(session, group_id, actor)
    member = next((m for m in group.members if m.document_id == document_id), None)
    if member is None:
        raise ReviewError("choose one of this group's documents", field="document_id")
    if member.state != "proposed":
        raise ReviewError(
            "that document was confirmed in this group by a person: split it off instead",
            field="document_id",
        )
    if len(group.members) < 2:
        raise ReviewError("a group's only document cannot be removed from it", field="document_id")
    others = [m.document_id for m in group.members if m is not member]
    for other in others:
        _decision(session, "reject_pair", [other, document_id], actor, reason.strip(), group_id)
    _decision(session, "remove", [document_id], actor, reason.strip(), group_id)
    group.members.remove(member)
    group.revision += 1
    group.updated_at = utcnow()
    session.flush()
    return group


# --- finding a group or a document by what a person knows of it ---------------------------------


def find_groups(
    session: Session, text: str, exclude: int | None = None, limit: int = 20
) -> list[MatchGroupRow]:
    """Live groups whose topic holds every word of `text` (or whose number it is), for a picker."""
    from sqlalchemy import func

    text = " ".join(text.split())[:200]
    if not text:
        return []
    query = select(MatchGroupRow).where(MatchGroupRow.status != Status.SUPERSEDED)
    number = text.lstrip("#")
    if number.isdigit():
        query = query.where(MatchGroupRow.id == int(number))
    else:
        for word in text.lower().split()[:8]:
            query = query.where(func.lower(MatchGroupRow.topic).like(f"%{_like(word)}%", escape="\\"))
    if exclude is not None:
        query = query.where(MatchGroupRow.id != exclude)
    query = query.options(selectinload(MatchGroupRow.members).selectinload(MatchMember.document))
    return list(session.scalars(query.order_by(MatchGroupRow.topic, MatchGroupRow.id).limit(limit)))


def find_documents(session: Session, text: str, limit: int = 20) -> list[StoredDocument]:
    """Current documents whose title holds every word of `text` (or whose id it is), for a picker."""
    from sqlalchemy import func

    text = " ".join(text.split())[:200]
    if not text:
        return []
    query = select(StoredDocument).where(StoredDocument.status == "current")
    if ":" in text and " " not in text:
        query = query.where(StoredDocument.id == text)
    else:
        for word in text.lower().split()[:8]:
            query = query.where(func.lower(StoredDocument.title).like(f"%{_like(word)}%", escape="\\"))
    return list(session.scalars(query.order_by(StoredDocument.title, StoredDocument.id).limit(limit)))


def _like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def carry_specialty(
    session: Session, document_id: str, old: str | None, new: str | None, actor: Actor
) -> list[int]:
    """A corrected document specialty reaches its live groups: each whose specialty was unset or was
    the document's old one takes the new one (recorded as a correction of the group); a group a lead set
    to something else keeps it. Returns the ids of the groups changed."""
    changed: list[int] = []
    group_ids = list(
        session.scalars(select(MatchMember.group_id).where(MatchMember.document_id == document_id))
    )
    for group_id in group_ids:
        group = session.get(MatchGroupRow, group_id)
        if group is None or group.status == Status.SUPERSEDED:
            continue
        current = (group.specialty or "").strip().lower()
        if current and current != (old or "").strip().lower():
            continue
        if (group.specialty or None) == (new or None):
            continue
        session.add(
            GroupEdit(
                group_id=group.id,
                field="specialty",
                old_value=group.specialty,
                new_value=new,
                actor=actor.name,
                reason=f"from the corrected specialty of document {document_id}",
            )
        )
        group.specialty = new
        bump_revision(group)
        changed.append(group.id)
    session.flush()
    return changed


def merge_groups(
    session: Session, into_id: int, other_id: int, actor: Actor, reason: str = ""
) -> MatchGroupRow:
    """Move every document of `other_id` into `into_id`; the emptied group is superseded."""
    _require_lead(actor)
    into, other = session.get(MatchGroupRow, into_id), session.get(MatchGroupRow, other_id)
    if into is None or other is None or into_id == other_id:
        raise NotFound("choose another existing group to merge into this one", field="other_group")
    for group_id in sorted((into_id, other_id)):  # always the same order: two merges cannot deadlock
        _locked_group_of(session, group_id, actor)
    held = {m.document_id for m in into.members}
    for m in list(other.members):
        other.members.remove(m)
        if m.document_id not in held:  # a document in both groups stays once
            into.members.append(MatchMember(document_id=m.document_id, state="confirmed"))
    if into.status == Status.PROPOSED:
        transition(session, into_id, Status.CONFIRMED, actor, reason or f"merged with group {other_id}")
    else:
        into.revision += 1
    other.status = Status.SUPERSEDED
    session.add(
        GroupTransition(
            group_id=other_id,
            from_status=other.status,
            to_status=Status.SUPERSEDED,
            actor=actor.name,
            reason=reason or f"merged into group {into_id}",
        )
    )
    _decision(session, "merge", [m.document_id for m in into.members], actor, reason, into_id)
    session.flush()
    return into


def move_document(
    session: Session, document_id: str, to_group_id: int, actor: Actor, reason: str = ""
) -> None:
    """Re-pair: move one document from its current group(s) into another group."""
    _require_lead(actor)
    target = session.get(MatchGroupRow, to_group_id)
    if target is None:
        raise NotFound(f"no match group {to_group_id}")
    if session.get(StoredDocument, document_id) is None:
        raise NotFound(f"no document {document_id}", field="document_id")
    if actor.role == "lead":
        # Their trust's own document may go anywhere; another trust's only between groups of theirs.
        doc = session.get(StoredDocument, document_id)
        if doc is None or doc.trust.code != (actor.trust or "").upper():
            check_trust(session, target, actor)
            for source_id in session.scalars(
                select(MatchMember.group_id).where(MatchMember.document_id == document_id)
            ):
                source = session.get(MatchGroupRow, source_id)
                if source is not None and source.status != Status.SUPERSEDED:
                    check_trust(session, source, actor)
    target = lock_group(session, to_group_id, bump=False)
    for m in session.scalars(select(MatchMember).where(MatchMember.document_id == document_id)):
        source = m.group
        if m.group_id != to_group_id and source.status != Status.SUPERSEDED:
            source.members.remove(m)  # clears m.group, so keep the group in hand
            source.revision = MatchGroupRow.revision + 1  # counted in the database: no lost update
    if document_id not in {m.document_id for m in target.members}:
        target.members.append(MatchMember(document_id=document_id, state="confirmed"))
    target.revision += 1
    _decision(session, "move", [document_id], actor, reason, to_group_id)
    session.flush()


# Column sizes of MatchGroupRow: a longer value is refused, not cut short without saying.
EDITABLE = {"topic": 500, "specialty": 200}


def edit_group(
    session: Session,
    group_id: int,
    actor: Actor,
    *,
    topic: str | None = None,
    specialty: str | None = None,
    reason: str = "",
    expected_revision: int | None = None,
) -> list[GroupEdit]:
    """Correct a group's topic and/or specialty (None leaves a field alone; specialty "" unsets it).

    The specialty decides which clinical reviewers may work on the group and where the reports count it,
    so each change is kept as a GroupEdit with its old value, and the revision is bumped like any other
    change to the group.
    """
    _require_lead(actor)
    if session.get(MatchGroupRow, group_id) is None:
        raise NotFound(f"no match group {group_id}")
    group = lock_group(session, group_id, expected_revision)
    check_trust(session, group, actor)
    if group.status == Status.SUPERSEDED:
        raise ReviewError("a superseded proposal cannot be edited")
    wanted = {
        name: _cleaned(name, value)
        for name, value in (("topic", topic), ("specialty", specialty))
        if value is not None
    }
    if "topic" in wanted and not wanted["topic"]:
        raise ReviewError("a group needs a topic: it cannot be left empty", field="topic")
    for name, value in wanted.items():
        if value is not None and len(value) > EDITABLE[name]:
            raise ReviewError(f"the {name} is too long: at most {EDITABLE[name]} characters", field=name)
    if wanted.get("specialty"):
        wanted["specialty"] = canonical(session, "specialty", wanted["specialty"])
    # Compared with the stored value tidied the same way, so stray spaces are not a "change".
    edits = [
        GroupEdit(
            group_id=group.id,
            field=name,
            old_value=getattr(group, name),
            new_value=value,
            actor=actor.name,
            reason=reason.strip(),
        )
        for name, value in wanted.items()
        if value != _cleaned(name, getattr(group, name) or "")
    ]
    if not edits:
        raise ReviewError("nothing changed")
    for edit in edits:
        setattr(group, edit.field, edit.new_value)
    session.add_all(edits)
    session.flush()
    return edits


def _cleaned(name: str, value: str) -> str | None:
    # An empty specialty means "not set" (None); an empty topic stays empty, to be refused.
    value = value.strip()
    return value or (None if name == "specialty" else "")


def group_edits(session: Session, group_id: int) -> list[GroupEdit]:
    """A group's topic and specialty corrections, oldest first."""
    query = select(GroupEdit).where(GroupEdit.group_id == group_id).order_by(GroupEdit.at, GroupEdit.id)
    return list(session.scalars(query))


def known_specialties(session: Session) -> list[str]:
    """The specialties to offer when correcting one: the vocabulary's (converge.workflow.vocab), and those in use
    on live groups, documents and reviewers that no term covers yet (one spelling each); a term an
    administrator retired is not offered again."""
    listed = terms(session, "specialty", include_inactive=True)
    known = {t.value.lower() for t in listed}
    offered = {t.value.lower(): t.value for t in listed if t.active}
    found: set[str] = set()
    for column, live in (
        (MatchGroupRow.specialty, MatchGroupRow.status != Status.SUPERSEDED),
        (StoredDocument.specialty, StoredDocument.specialty.is_not(None)),
        (User.specialty, User.active.is_(True)),
    ):
        found.update(s.strip() for s in session.scalars(select(column).where(live).distinct()) if s)
    for value in sorted(found - {""}):
        if value.lower() not in known:
            offered.setdefault(value.lower(), value)
    return sorted(offered.values(), key=str.lower)
