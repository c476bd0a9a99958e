"""Versions only on evidence: when a newly ingested document replaces one its trust already holds.

A superseded document drops out of matching and review, so a wrong supersession hides a document from
the people who must converge it. Ingest therefore supersedes only on proof that two files are the same
document:

- the same **reference code** (document control "Reference"), when no other current document of the
  library carries that code; or
- the same **title** (as `library.title_key` reduces it) **and** mostly the same body: at least
  `BODY_SAME` (0.5) of their word 3-grams in common, measured as Jaccard similarity (3-grams both bodies
  contain / 3-grams either contains), and no other current document of the library has that title.
  A new edition of a guideline scores about 0.7; a rewrite of the same topic about 0.1; two different
  documents under one boilerplate title near 0.

Anything short of that keeps both documents current and records the pair as a **possible version** for a
lead to confirm or dismiss: the same title with a different body; a reference or title other documents of
the library share; or alike titles (token-sort similarity of their keys at least `TITLE_ALIKE`, 0.85, with
no population word in one title only, e.g. adults vs children) whose bodies share at least `WORDS_SHARED`
(0.25) of their distinct words. Every supersession, automatic or by a lead, is recorded in the document's
audit trail (`MetadataEdit`, field "status") and can be reversed by a lead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from converge.core.errors import ConvergeError, NotFound
from converge.core.matching.features import different_audiences
from converge.store.models import MetadataEdit, PossibleVersion, StoredDocument, Trust
from converge.workflow.actors import NotPermitted

BODY_SAME = 0.5  # word 3-gram Jaccard at or above which two bodies are the same text
TITLE_ALIKE = 0.85  # token-sort similarity of title keys for a possible version under another title
WORDS_SHARED = 0.25  # distinct-word Jaccard two alike-titled bodies need to be offered as a possible version
INGEST_ACTOR = "converge ingest"

_POPULATION = re.compile(
    r"\b(adults?|child(?:ren)?|paediatrics?|pediatrics?|neonat\w*|infants?|bab(?:y|ies)|"
    r"pregnan\w*|maternity|older|elderly|young people|adolescents?)\b"
)


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_YEAR = re.compile(
    r"(?i)\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?:[a-z]{0,6})\.?,?\s+((?:19|20)\d\d)\b"
)


def latest_dated(text: str) -> tuple[int, int] | None:
    """(year, month) of the latest month-and-year the text names ("Update November 2024", "March 2025").

    A new edition names its own date and keeps its predecessor's history lines, so the edition that names
    the later date is the newer one; used only when neither version numbers nor front-sheet dates decide.
    """
    found = [(int(y), _MONTHS.index(m.lower()[:3]) + 1) for m, y in _MONTH_YEAR.findall(text)]
    return max(found) if found else None


def newer_by_dates(new_body: str, old_body: str) -> bool | None:
    """Whether `new_body` is the later edition by the latest date each names; None when that cannot tell."""
    new, old = latest_dated(new_body), latest_dated(old_body)
    if new is None or old is None or new == old:
        return None
    return new > old


def shingles(text: str, n: int = 3) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {tuple(words[i : i + n]) for i in range(max(len(words) - n + 1, 0))}


def body_similarity(a: str, b: str) -> float:
    """Jaccard similarity of the bodies' word 3-grams (0 when either body is empty)."""
    sa, sb = shingles(a), shingles(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


def word_overlap(a: str, b: str) -> float:
    wa, wb = set(re.findall(r"[a-z0-9]+", a.lower())), set(re.findall(r"[a-z0-9]+", b.lower()))
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def title_similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return fuzz.token_sort_ratio(a, b) / 100 if a and b else 0.0


def _is_snapshot(row: StoredDocument) -> bool:
    return bool((row.meta or {}).get("captured_from"))


def _populations(key: str) -> set[str]:
    return {m.rstrip("s")[:5] for m in _POPULATION.findall(key)}


@dataclass(slots=True)
class Possible:
    other: StoredDocument
    reason: str
    title_similarity: float
    body_similarity: float


@dataclass(slots=True)
class Verdict:
    """What a new document is to the library: a version of `same` (with why), and pairs to offer a lead."""

    same: StoredDocument | None = None
    reason: str = ""
    possible: list[Possible] = field(default_factory=list)


def judge(
    session: Session, trust: Trust, reference: str, key: str, body: str, snapshot: bool = False
) -> Verdict:
    """Compare a new document (reference code, title key, body text) with the trust's current documents.

    A snapshot of a web page (`snapshot`, core.parsers.provenance) and a trust's own document are never
    versions of each other: a saved copy of a page must not hide the trust's leaflet, nor the reverse."""
    current = select(StoredDocument).where(
        StoredDocument.trust_id == trust.id, StoredDocument.status == "current"
    )
    verdict = Verdict()
    seen: set[str] = set()
    if reference:
        same_ref = session.scalars(current.where(StoredDocument.reference == reference))
        by_ref = [r for r in same_ref if _is_snapshot(r) == snapshot]
        if len(by_ref) == 1:
            verdict.same, verdict.reason = by_ref[0], f"same reference {reference}"
            return verdict
        for row in by_ref[:10]:
            seen.add(row.id)
            reason = f"reference {reference} is shared by {len(by_ref)} documents"
            verdict.possible.append(Possible(row, reason, 1.0, body_similarity(body, row.body_text)))
    if key:
        # A leaflet for children and one for adults under one title are two documents, not versions.
        by_title = [
            r
            for r in session.scalars(current.where(StoredDocument.title_key == key))
            if r.id not in seen and _is_snapshot(r) == snapshot and not different_audiences(body, r.body_text)
        ]
        if len(by_title) == 1:
            row = by_title[0]
            score = body_similarity(body, row.body_text)
            if score >= BODY_SAME:
                verdict.same = row
                verdict.reason = f"same title and {score:.0%} of the text in common"
                return verdict
            seen.add(row.id)
            reason = f"same title, but only {score:.0%} of the text in common"
            verdict.possible.append(Possible(row, reason, 1.0, score))
        elif by_title:
            for row in by_title[:10]:
                seen.add(row.id)
                reason = f"title shared by {len(by_title)} documents of the library"
                verdict.possible.append(Possible(row, reason, 1.0, body_similarity(body, row.body_text)))
        verdict.possible += _alike_titles(session, trust, key, body, seen, snapshot)
    return verdict


def _alike_titles(
    session: Session, trust: Trust, key: str, body: str, seen: set[str], snapshot: bool
) -> list[Possible]:
    """Current documents under a different but alike title whose bodies share many words: a rewrite."""
    rows = session.execute(
        select(StoredDocument.id, StoredDocument.title_key).where(
            StoredDocument.trust_id == trust.id, StoredDocument.status == "current"
        )
    ).all()
    mine = _populations(key)
    out: list[Possible] = []
    for doc_id, other_key in rows:
        if doc_id in seen or other_key == key:
            continue
        tsim = title_similarity(key, other_key)
        if tsim < TITLE_ALIKE or _populations(other_key) != mine:
            continue
        row = session.get_one(StoredDocument, doc_id)
        if _is_snapshot(row) != snapshot:
            continue
        shared = word_overlap(body, row.body_text)
        if shared >= WORDS_SHARED and not different_audiences(body, row.body_text):
            reason = f"alike titles ({tsim:.0%}) and {shared:.0%} of the words in common"
            out.append(Possible(row, reason, tsim, body_similarity(body, row.body_text)))
    return out[:5]


def record_possible(session: Session, trust: Trust, newer: StoredDocument, found: list[Possible]) -> None:
    for p in found:
        session.add(
            PossibleVersion(
                trust_id=trust.id,
                older_id=p.other.id,
                newer_id=newer.id,
                reason=p.reason,
                title_similarity=round(p.title_similarity, 3),
                body_similarity=round(p.body_similarity, 3),
            )
        )


def mark_superseded(
    session: Session, old: StoredDocument, new: StoredDocument, actor: str, reason: str
) -> None:
    """`old` is an earlier version of `new`: recorded in `old`'s audit trail."""
    session.add(
        MetadataEdit(
            document_id=old.id,
            field="status",
            old_value=old.status if old.status != "superseded" else f"superseded by {old.superseded_by_id}",
            new_value=f"superseded by {new.id}",
            actor=actor,
            reason=reason,
        )
    )
    old.status = "superseded"
    old.superseded_by_id = new.id
    if new.status == "superseded" and new.superseded_by_id == old.id:
        reinstate(session, new, actor, reason, check=False)


def reinstate(session: Session, row: StoredDocument, actor: str, reason: str, *, check: bool = True) -> None:
    """Make a superseded document current again (a lead undoing a supersession), in its audit trail."""
    if check and row.status != "superseded":
        raise ConvergeError("this document is already current")
    session.add(
        MetadataEdit(
            document_id=row.id,
            field="status",
            old_value=f"superseded by {row.superseded_by_id}",
            new_value="current",
            actor=actor,
            reason=reason,
        )
    )
    row.status = "current"
    row.superseded_by_id = None


def _require_lead(row: StoredDocument, actor: object) -> None:
    role, trust = getattr(actor, "role", None), getattr(actor, "trust", None)
    if not (role == "admin" or (role == "lead" and trust == row.trust.code)):
        raise NotPermitted("only an administrator or a governance lead of this trust can change its versions")


def get_possible(session: Session, pair_id: int) -> PossibleVersion:
    pair = session.get(PossibleVersion, pair_id)
    if pair is None:
        raise NotFound(f"no possible version {pair_id}")
    return pair


def decide_possible(
    session: Session,
    pair_id: int,
    decision: str,
    actor: object,
    reason: str = "",
    current_id: str | None = None,
) -> PossibleVersion:
    """A lead confirms a possible version (the other document is superseded by `current_id`, by default the
    newer) or dismisses it (both stay current). Recorded with who, when and why."""
    pair = get_possible(session, pair_id)
    older = session.get_one(StoredDocument, pair.older_id)
    newer = session.get_one(StoredDocument, pair.newer_id)
    _require_lead(newer, actor)
    if pair.status != "open":
        raise ConvergeError(f"this pair was already {pair.status}")
    name = getattr(actor, "name", str(actor))
    if decision == "confirm":
        keep, drop = (older, newer) if current_id == older.id else (newer, older)
        mark_superseded(session, drop, keep, name, reason or f"confirmed as a version: {pair.reason}")
        pair.status = "confirmed"
    elif decision == "dismiss":
        pair.status = "dismissed"
    else:
        raise ConvergeError(f"unknown decision {decision!r}")
    pair.decided_by = name
    pair.decided_at = datetime.now(UTC)
    session.flush()
    return pair


def reinstate_document(session: Session, document_id: str, actor: object, reason: str) -> StoredDocument:
    """A lead reverses a supersession: the document is current again and the newer one stays current too."""
    row = session.get(StoredDocument, document_id)
    if row is None:
        raise NotFound(f"no document {document_id}")
    _require_lead(row, actor)
    if not reason.strip():
        raise ConvergeError("say why this document is current again", field="reason")
    reinstate(session, row, getattr(actor, "name", str(actor)), reason.strip())
    session.flush()
    return row


def possible_versions(
    session: Session, document_id: str | None = None, trust_id: int | None = None
) -> list[dict]:
    """Possible-version pairs as plain records, for the library page and `converge documents --json`."""
    query = select(PossibleVersion).order_by(PossibleVersion.id)
    if document_id:
        query = query.where(
            (PossibleVersion.older_id == document_id) | (PossibleVersion.newer_id == document_id)
        )
    if trust_id is not None:
        query = query.where(PossibleVersion.trust_id == trust_id)
    return [
        {
            "pair": p.id,
            "older": p.older_id,
            "newer": p.newer_id,
            "status": p.status,
            "reason": p.reason,
            "title_similarity": p.title_similarity,
            "body_similarity": p.body_similarity,
            "decided_by": p.decided_by,
        }
        for p in session.scalars(query)
    ]


def open_pair_count(session: Session, trust_id: int) -> int:
    return (
        session.scalar(
            select(func.count(PossibleVersion.id)).where(
                PossibleVersion.trust_id == trust_id, PossibleVersion.status == "open"
            )
        )
        or 0
    )
