"""A trust's library in the database: storing parsed documents, versions and ingest outcomes.

Ingest is idempotent (the same bytes at the same trust are "unchanged") and keeps history: a new version
of a document already held supersedes the old one, which stays in the database. What counts as a new
version, and what is only offered to a lead as a possible one, is decided on evidence in
`converge.workflow.versions` (same reference code, or same title and mostly the same body).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from converge.core.config import Settings
from converge.core.errors import ConvergeError
from converge.core.ingest import InputFile, Outcome, Parsed, Rejected, collect_inputs
from converge.core.matching.features import text_features
from converge.core.memory import gc_paused
from converge.core.model import Document, make_document_id
from converge.core.sandbox import parse_inputs
from converge.core.serialize import document_from_dict, document_to_dict
from converge.store.models import IngestRecord, MatchGroupRow, MatchMember, MetadataEdit, StoredDocument, Trust
from converge.store.queries import current_for_matching
from converge.workflow import versions
from converge.workflow.features import store_features
from converge.workflow.versions import newer_by_dates
from converge.workflow.vocab import canonical

if TYPE_CHECKING:
    pass


@dataclass(frozen=True, slots=True)
class FileResult:
    """What happened to one input file; the `--json` record of `converge ingest`."""

    path: str
    status: str  # ingested | unchanged | superseded | rejected
    document_id: str | None = None
    reason: str | None = None
    title: str | None = None
    supersedes: str | None = None  # the older version this file replaced as current
    superseded_by: str | None = None  # the newer version already held (this file is stored as history)

    @property
    def outcome(self) -> str:
        """The status in plain English, as the upload page shows it."""
        if self.status == "ingested":
            return "Added"
        if self.status == "unchanged":
            return "Already in the library: nothing changed"
        if self.status == "superseded":
            if self.superseded_by:
                return "Kept as an earlier version: a newer version is already in the library"
            return "Added as the new version: the earlier one is kept as history"
        return "Not added"

    def to_json(self) -> dict[str, str | None]:
        return {
            "path": self.path,
            "status": self.status,
            "outcome": self.outcome,
            "document_id": self.document_id,
            "title": self.title,
            "reason": self.reason,
            "supersedes": self.supersedes,
            "superseded_by": self.superseded_by,
        }


def get_or_create_trust(session: Session, code: str, name: str | None = None) -> Trust:
    """The trust with `code`, created on first use (a new organisation is data, not code)."""
    code = code.strip().upper()
    if not re.fullmatch(r"[A-Z0-9][A-Z0-9_-]{0,31}", code):
        raise ValueError(f"invalid trust code {code!r}: use letters, digits, '-' or '_'")
    trust = session.scalar(select(Trust).where(Trust.code == code))
    if trust is None:
        trust = Trust(code=code, name=name or code)
        session.add(trust)
        session.flush()
    elif name and trust.name != name:
        trust.name = name
    return trust


_TITLE_NOISE = re.compile(
    r"\b(policy|procedure|guideline|guidelines|protocol|sop|standard operating procedure|trust|nhs|"
    r"foundation|version|v\d+(\.\d+)*|draft|final)\b",
    re.IGNORECASE,
)


def title_key(title: str) -> str:
    """A title reduced to its topic words, so "Sepsis Policy v3" and "Sepsis policy" are one document."""
    words = re.sub(r"[^a-z0-9 ]+", " ", _TITLE_NOISE.sub(" ", title.lower())).split()
    return " ".join(words)[:500]


def _version_tuple(version: str | None) -> tuple[int, ...]:
    if not version:
        return ()
    return tuple(int(n) for n in re.findall(r"\d+", version)[:4])


def _is_newer(new: Document, old: StoredDocument) -> bool:
    """Whether `new` is a later version than `old`: by version number, then front-sheet dates, then the
    latest date each text names, else arrival order."""
    nv, ov = _version_tuple(new.meta.get("version")), _version_tuple(old.version)
    if nv and ov and nv != ov:
        return nv > ov
    for key in ("date_approved", "date_issued", "review_date"):
        nd, od = new.meta.get(key), (old.meta or {}).get(key)
        if nd and od and nd != od:
            return nd > od
    by_text = newer_by_dates(new.body_text(), old.body_text or "")
    return True if by_text is None else by_text


def store_document(session: Session, trust: Trust, doc: Document, original: bytes | None) -> FileResult:
    """Add a parsed document, recording it as a new version only when it is proved to be one.

    See `converge.workflow.versions`: the same reference code, or the same title and mostly the same body. A weaker
    likeness keeps both current and records a possible version for a lead to confirm or dismiss.
    """
    reference = (doc.meta.get("reference") or "").strip()
    key = title_key(doc.title)
    body = doc.body_text()
    verdict = versions.judge(session, trust, reference, key, body, snapshot=bool(doc.meta.get("captured_from")))
    row = StoredDocument(
        id=doc.id,
        trust_id=trust.id,
        title=doc.title[:500],
        title_key=key,
        reference=reference or None,
        version=doc.meta.get("version"),
        document_type=canonical(session, "document_type", doc.meta.get("document_type")),
        specialty=canonical(session, "specialty", doc.meta.get("specialty")),
        review_date=(doc.meta.get("review_date") or None),
        meta=dict(doc.meta),
        source_path=doc.source.path,
        media_type=doc.source.media_type,
        sha256=doc.source.sha256,
        size=doc.source.size,
        pages=doc.source.pages,
        parser=doc.source.parser,
        structure=document_to_dict(doc),
        body_text=body,
        original=original,
    )
    session.add(row)
    session.flush()
    # What matching derives from the text, from the document as matching reads it back (workflow.features).
    store_features(session, [text_features(document_from_dict(row.structure))])
    versions.record_possible(session, trust, row, verdict.possible)
    previous = verdict.same
    if previous is None:
        return FileResult(doc.source.path, "ingested", doc.id, title=doc.title)
    if _is_newer(doc, previous):
        versions.mark_superseded(session, previous, row, versions.INGEST_ACTOR, verdict.reason)
        return FileResult(doc.source.path, "superseded", doc.id, title=doc.title, supersedes=previous.id)
    versions.mark_superseded(session, row, previous, versions.INGEST_ACTOR, verdict.reason)
    return FileResult(doc.source.path, "superseded", doc.id, title=doc.title, superseded_by=previous.id)


def load_document(row: StoredDocument) -> Document:
    """The model Document of a stored row."""
    return document_from_dict(row.structure)


def ingest_paths(
    factory: sessionmaker[Session],
    trust_code: str,
    paths: Sequence[str | Path | tuple[str | Path, str]],
    settings: Settings,
    *,
    keep_originals: bool = True,
    on_total: Callable[[int], None] | None = None,
    on_result: Callable[[FileResult], None] | None = None,
) -> list[FileResult]:
    """Ingest files, folders and zip archives for one trust; one transaction per document.

    Inputs already held (same bytes at this trust) are reported "unchanged" without being parsed again.
    """
    with factory() as session, session.begin():
        trust_id = get_or_create_trust(session, trust_code).id
    results: list[FileResult] = []
    record = _recorder(factory, trust_id, results, on_result)
    inputs = list(collect_inputs(paths, settings))
    if on_total:
        on_total(len(inputs))
    to_parse, copies = _to_parse(factory, trust_code.upper(), inputs, record)
    for item, outcome in zip(to_parse, parse_inputs(to_parse, trust_code.upper(), settings), strict=True):
        first = _store_outcome(factory, trust_id, outcome, keep_originals)
        record(first)
        for path in copies.get(item.sha256, []):
            record(_copy_of(first, path))
    return results


def _recorder(
    factory: sessionmaker[Session],
    trust_id: int,
    results: list[FileResult],
    on_result: Callable[[FileResult], None] | None,
) -> Callable[[FileResult], None]:
    """What records one file's outcome: kept in `results`, logged as an ingest record (best effort, in its
    own transaction) and passed to `on_result`."""
    run_id = uuid.uuid4().hex

    def record(result: FileResult) -> None:
        results.append(result)
        try:
            with factory() as session, session.begin():
                session.add(
                    IngestRecord(
                        run_id=run_id,
                        trust_id=trust_id,
                        path=result.path,
                        status=result.status,
                        document_id=result.document_id,
                        reason=result.reason,
                    )
                )
        except SQLAlchemyError:
            pass  # the outcome is still reported to the caller; the log row is best effort
        if on_result:
            on_result(result)

    return record


def _to_parse(
    factory: sessionmaker[Session],
    trust_code: str,
    inputs: Sequence[InputFile | Rejected],
    record: Callable[[FileResult], None],
) -> tuple[list[InputFile], dict[str, list[str]]]:
    """The inputs to parse (rejected, empty and already-held ones recorded here), and the later copies of
    each (a file given twice in one run: reported with the first's outcome)."""
    to_parse: list[InputFile] = []
    copies: dict[str, list[str]] = {}
    with factory() as session:
        for item in inputs:
            if isinstance(item, Rejected):
                record(FileResult(item.display_path, "rejected", reason=item.reason))
                continue
            if item.size == 0:
                record(FileResult(item.display_path, "rejected", reason="the file is empty (0 bytes)"))
                continue
            doc_id = make_document_id(trust_code, item.sha256)
            held = session.scalar(select(StoredDocument.title).where(StoredDocument.id == doc_id))
            if held is not None:
                record(FileResult(item.display_path, "unchanged", doc_id, title=held))
                continue
            if item.sha256 in copies:
                copies[item.sha256].append(item.display_path)
                continue
            copies[item.sha256] = []
            to_parse.append(item)
    return to_parse, copies


def _copy_of(first: FileResult, path: str) -> FileResult:
    """The outcome of a second copy of a file in one run: the first's, never a link to nothing."""
    if first.status == "rejected":
        return FileResult(path, "rejected", reason=f"same file as {first.path}: {first.reason}")
    return FileResult(
        path, "unchanged", first.document_id, reason=f"same file as {first.path}", title=first.title
    )


def _store_outcome(
    factory: sessionmaker[Session], trust_id: int, outcome: Outcome, keep_originals: bool
) -> FileResult:
    if isinstance(outcome, Rejected):
        return FileResult(outcome.display_path, "rejected", reason=outcome.reason)
    assert isinstance(outcome, Parsed)
    try:
        with factory() as session, session.begin():
            trust = session.get_one(Trust, trust_id)
            return store_document(
                session, trust, outcome.document, outcome.input.read() if keep_originals else None
            )
    except SQLAlchemyError as exc:
        reason = f"database error, nothing stored: {type(exc).__name__}"
        return FileResult(outcome.input.display_path, "rejected", reason=reason)


def list_documents(
    session: Session, trust: str | None = None, include_superseded: bool = True
) -> list[StoredDocument]:
    query = select(StoredDocument).join(Trust).order_by(Trust.code, StoredDocument.title)
    if trust:
        query = query.where(Trust.code == trust.upper())
    if not include_superseded:
        query = query.where(StoredDocument.status == "current")
    return list(session.scalars(query))


def document_json(row: StoredDocument, possible: list[dict] | None = None) -> dict[str, object]:
    """The public `converge documents --json` record of a stored document.

    `possible_versions` lists the pairs (see `converge.workflow.versions.possible_versions`) this document is in,
    each with the other document's id, for a lead to confirm or dismiss.
    """
    return {
        "id": row.id,
        "trust": row.trust.code,
        "title": row.title,
        "status": row.status,
        "superseded_by": row.superseded_by_id,
        "source_path": row.source_path,
        "media_type": row.media_type,
        "sha256": row.sha256,
        "parser": row.parser,
        "pages": row.pages,
        "metadata": dict(row.meta or {}),
        "possible_versions": [
            {"id": p["newer"] if p["older"] == row.id else p["older"]} | p for p in (possible or [])
        ],
    }


def current_documents(session: Session, trusts: Iterable[str] | None = None) -> list[Document]:
    """Model Documents of every current (not superseded) document, for matching; a national library's
    (NICE, RCEM, ...) only when asked for by code: guidance is held against, never converged."""
    # Only the stored structure is read (not the original file, the body text or the other columns), in
    # list_documents' order, without building ORM rows: at 9,000 documents the whole rows cost seconds and
    # hundreds of MB.
    with gc_paused():
        return [
            document_from_dict(structure)
            for structure in session.scalars(current_for_matching(trusts, StoredDocument.structure))
        ]


@dataclass(frozen=True, slots=True)
class LibraryFilter:
    """What a governance lead narrows a library by."""

    query: str = ""
    specialty: str = ""
    document_type: str = ""
    review_passed: bool = False
    unmatched: bool = False
    include_superseded: bool = False


def search_documents(session: Session, trust: str, flt: LibraryFilter, today: str) -> list[StoredDocument]:
    """A trust's documents by title and full-text search and the filters; `today` is an ISO date."""
    from sqlalchemy import func, or_

    query = select(StoredDocument).join(Trust).where(Trust.code == trust.upper())
    if not flt.include_superseded:
        query = query.where(StoredDocument.status == "current")
    for word in flt.query.split()[:8]:
        like = f"%{word.lower()}%"
        query = query.where(
            or_(func.lower(StoredDocument.title).like(like), func.lower(StoredDocument.body_text).like(like))
        )
    if flt.specialty:
        query = query.where(func.lower(StoredDocument.specialty) == flt.specialty.strip().lower())
    if flt.document_type:
        query = query.where(func.lower(StoredDocument.document_type) == flt.document_type.strip().lower())
    if flt.review_passed:
        query = query.where(StoredDocument.review_date.is_not(None), StoredDocument.review_date < today)
    if flt.unmatched:
        # Not in any live group that has a counterpart from another trust.
        multi = (
            select(MatchMember.group_id)
            .join(MatchGroupRow)
            .where(MatchGroupRow.status.not_in(["superseded", "rejected"]))
            .group_by(MatchMember.group_id)
            .having(func.count(MatchMember.id) > 1)
        )
        query = query.where(
            StoredDocument.id.not_in(select(MatchMember.document_id).where(MatchMember.group_id.in_(multi)))
        )
    return list(session.scalars(query.order_by(StoredDocument.title).limit(1000)))


def library_overview(session: Session, today: str) -> list[dict[str, object]]:
    """Per trust: documents held, superseded versions kept, and reviews past due."""
    from sqlalchemy import func

    rows = []
    for trust in session.scalars(select(Trust).order_by(Trust.code)):
        base = select(func.count(StoredDocument.id)).where(StoredDocument.trust_id == trust.id)
        rows.append(
            {
                "code": trust.code,
                "name": trust.name,
                "current": session.scalar(base.where(StoredDocument.status == "current")) or 0,
                "superseded": session.scalar(base.where(StoredDocument.status == "superseded")) or 0,
                "overdue": session.scalar(
                    base.where(
                        StoredDocument.status == "current",
                        StoredDocument.review_date.is_not(None),
                        StoredDocument.review_date < today,
                    )
                )
                or 0,
            }
        )
    return rows


def facet_values(session: Session, trust: str) -> dict[str, list[str]]:
    """Specialties and document types present at a trust, for filter drop-downs."""
    base = select(StoredDocument).join(Trust).where(Trust.code == trust.upper())
    docs = list(session.scalars(base))
    return {
        "specialties": _one_per_spelling(d.specialty for d in docs),
        "document_types": _one_per_spelling(d.document_type for d in docs),
    }


def _one_per_spelling(values: Iterable[str | None]) -> list[str]:
    """Values once each, however they are capitalised (the first spelling met names them)."""
    seen: dict[str, str] = {}
    for v in values:
        if v and v.strip():
            seen.setdefault(v.strip().lower(), v.strip())
    return sorted(seen.values(), key=str.lower)


# Fields a governance lead may correct, with the column that mirrors each (None: kept in meta only).
def parse_day(value: str, field_name: str = "date") -> str:
    """A date typed as 31/03/2027 (day first, as in the UK), 2027-03-31 or a month 2027-03, as stored
    (ISO); a ConvergeError on `field_name` for anything else, 31/06/2027 included."""
    import re
    from datetime import date

    label = field_name.replace("_", " ")
    value = value.strip()
    try:
        if m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", value):
            return date(int(m[3]), int(m[2]), int(m[1])).isoformat()
        if re.fullmatch(r"\d{4}-\d{2}", value):
            date.fromisoformat(f"{value}-01")
            return value
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise ConvergeError(
            f"{label} must be a real date, for example 31/03/2027 ({value} does not exist)", field=field_name
        ) from exc
    raise ConvergeError(f"{label} must be a date, for example 31/03/2027", field=field_name)


def metadata_history(session: Session, document_id: str) -> list[Any]:
    return list(
        session.scalars(
            select(MetadataEdit).where(MetadataEdit.document_id == document_id).order_by(MetadataEdit.id)
        )
    )
