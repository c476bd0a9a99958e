"""The shared policy draft of a match group: assembled from the reviewers' decisions, edited section by
section, exported as a Word document with a document-control front sheet and a version history.

The draft follows the group's aligned sections. Each section starts from one trust's text (the "base": the
most complete document of the group) and each difference a reviewer decided replaces the base's sentence
with the adopted trust's sentence or the new text. Every clause (sentence) keeps links to the source
clauses it came from, so a reviewer can check the shared wording against each trust's original.

Domain code: takes a Session, knows nothing of Flask. Functions add/flush; the caller commits.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from converge.diff import GroupDiff, diff_group
from converge.diff.align import PREAMBLE
from converge.diff.tokens import sentence_key, split_sentences
from converge.docxwrite import add_footer, add_table
from converge.errors import ReviewError
from converge.model import BlockKind, Document, Layer, Section
from converge.review import (
    CONVERGED,
    LABELS,
    REVIEWERS,
    Actor,
    NotPermitted,
    StaleRevision,
    Status,
    check_specialty,
    current_decisions,
    get_group,
    history,
    transition,
)
from converge.reviewview import Difference, Side, build_review
from converge.store.models import DifferenceDecision, DraftSection, MatchGroupRow, utcnow

SourcePath = tuple[str, ...]
# Statuses in which the draft may be (re)built and edited.
EDITABLE = frozenset({Status.IN_REVIEW})
SAME_CLAUSE = 90  # rapidfuzz ratio from which two trusts' sentences count as the same clause
FIND_CLAUSE = 75  # ... from which a decided sentence is taken to be this base sentence
REVIEW_YEARS = 3  # usual review interval of a ratified policy
HOW_LABELS = {"base": "trust text", "adopted": "adopted", "new_text": "new text", "edited": "edited"}


# --- data ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClauseSource:
    """Where a clause's wording came from: a document, a section (heading path) and the trust."""

    document_id: str
    trust: str
    section: SourcePath

    def to_json(self) -> dict[str, Any]:
        return {"document_id": self.document_id, "trust": self.trust, "section": list(self.section)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ClauseSource:
        return cls(data["document_id"], data["trust"], tuple(data.get("section") or ()))


@dataclass(slots=True)
class Clause:
    """One sentence (or table row) of the draft and how it got there."""

    text: str
    how: str  # base | adopted | new_text | edited
    sources: list[ClauseSource] = field(default_factory=list)
    paragraph: int = 0
    decision_id: int | None = None
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "how": self.how,
            "paragraph": self.paragraph,
            "sources": [s.to_json() for s in self.sources],
            "decision": self.decision_id,
            "note": self.note,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Clause:
        return cls(
            data.get("text", ""),
            data.get("how", "base"),
            [ClauseSource.from_json(s) for s in data.get("sources", [])],
            int(data.get("paragraph", 0)),
            data.get("decision"),
            data.get("note", ""),
        )


@dataclass(frozen=True, slots=True)
class BaseChoice:
    """Which trust's text the draft starts from, and why (shown to reviewers)."""

    trust: str
    document_id: str
    reason: str


# --- assembling ------------------------------------------------------------------------------------------


def choose_base(docs: Sequence[Document]) -> BaseChoice:
    """The most complete document: most sections with body text, then most words."""
    if not docs:
        raise ReviewError("a group with no documents has no draft")

    def size(d: Document) -> tuple[int, int]:
        sections = sum(1 for _, s in d.walk() if s.own_text(Layer.BODY).strip())
        return sections, len(d.body_text().split())

    sizes = {d.trust: size(d) for d in docs}
    best = max(docs, key=lambda d: (*sizes[d.trust], -docs.index(d)))
    others = "; ".join(f"{t}: {s} sections, {w:,} words" for t, (s, w) in sizes.items() if t != best.trust)
    s, w = sizes[best.trust]
    reason = f"{best.trust}'s text is the base: the most complete ({s} sections, {w:,} words"
    reason += f"; {others})." if others else ")."
    return BaseChoice(best.trust, best.id, reason)


def _find_section(doc: Document, path: SourcePath) -> Section | None:
    for p, section in doc.walk():
        if p == path:
            return section
    return None


def _section_clauses(doc: Document, paths: Sequence[SourcePath], first_paragraph: int = 0) -> list[Clause]:
    """A document's sentences in the given sections, as base clauses linked to where they are."""
    clauses: list[Clause] = []
    para = first_paragraph
    for path in paths:
        src = [ClauseSource(doc.id, doc.trust, path)]
        if path == PREAMBLE:
            blocks = [b for b in doc.preamble if b.layer == Layer.BODY]
        else:
            section = _find_section(doc, path)
            blocks = [b for b in (section.blocks if section else ()) if b.layer == Layer.BODY]
        for block in blocks:
            if block.kind == BlockKind.TABLE and block.rows:
                for row in block.rows:
                    clauses.append(Clause(" | ".join(c.strip() for c in row), "base", list(src), para))
                    para += 1
                continue
            for sentence in split_sentences(block.text):
                clauses.append(Clause(sentence, "base", list(src), para))
            para += 1
    return clauses


def _sentences(doc: Document, paths: Sequence[SourcePath]) -> list[tuple[str, SourcePath]]:
    return [(c.text, c.sources[0].section) for c in _section_clauses(doc, paths)]


Sentences = list[tuple[str, SourcePath]]
Built = tuple[str, list[Clause]]  # a section's heading and clauses


def _link_equivalents(clauses: list[Clause], others: dict[str, tuple[Document, Sentences]]) -> None:
    """Add, to each base clause, the same sentence at the other trusts (same wording, or nearly)."""
    for trust, (doc, sentences) in others.items():
        if not sentences:
            continue
        keys = [sentence_key(s) for s, _ in sentences]
        for clause in clauses:
            hit = process.extractOne(
                sentence_key(clause.text), keys, scorer=fuzz.ratio, score_cutoff=SAME_CLAUSE
            )
            if hit is not None:
                clause.sources.append(ClauseSource(doc.id, trust, sentences[hit[2]][1]))


def _locate(clauses: list[Clause], text: str) -> int | None:
    """The clause holding the sentence `text`, by wording."""
    if not text.strip() or not clauses:
        return None
    keys = [sentence_key(c.text) for c in clauses]
    hit = process.extractOne(sentence_key(text), keys, scorer=fuzz.ratio, score_cutoff=FIND_CLAUSE)
    return None if hit is None else hit[2]


def _span(clauses: list[Clause], text: str) -> tuple[int, int] | None:
    """The run of clauses holding `text` (a difference's context can be more than one sentence)."""
    found = [i for i in (_locate(clauses, s) for s in split_sentences(text)) if i is not None]
    return (min(found), max(found) + 1) if found else None


def _side(diff: Difference, trust: str) -> Side | None:
    return next((s for s in diff.sides if s.trust == trust), None)


def _insert_at(clauses: list[Clause], side: Side, doc: Document | None) -> int:
    """Where text the base lacks goes: after the base clause matching the sentence before it there."""
    first = (split_sentences(side.text) or [""])[0]
    if doc is None or side.path is None:
        return len(clauses)
    sentences = [s for s, _ in _sentences(doc, [side.path])]
    keys = [sentence_key(s) for s in sentences]
    try:
        here = keys.index(sentence_key(first))
    except ValueError:
        return len(clauses)
    for before in reversed(sentences[:here]):
        found = _locate(clauses, before)
        if found is not None:
            return found + 1
    return 0 if here == 0 else len(clauses)


def _apply(
    clauses: list[Clause],
    decision: DifferenceDecision,
    diff: Difference,
    base: str,
    docs: dict[str, Document],
) -> None:
    """Change a section's clauses as one decision on one difference says."""
    mine = _side(diff, base)
    if mine is not None:
        base_text = mine.text
    else:  # the base trust is not part of this difference: find its version of the text by wording
        base_text = next((s.text for s in diff.sides if _span(clauses, s.text) is not None), "")
    span = _span(clauses, base_text) if base_text else None
    who = f"{decision.actor}, {decision.at:%d %b %Y}" if decision.at else decision.actor
    if decision.decision == "adopt" and decision.adopted_trust and decision.adopted_trust != base:
        trust = decision.adopted_trust
        side = _side(diff, trust)
        if side is None:
            return
        if not side.text.strip():  # the adopted trust has no such text: the base's goes
            if span is not None:
                del clauses[span[0] : span[1]]
            return
        made = Clause(
            "",
            "adopted",
            [ClauseSource(docs[trust].id, trust, side.path or ())],
            0,
            decision.id,
            f"{trust} wording adopted ({who})",
        )
        _replace(clauses, span, side.text, made, side, docs.get(trust))
    elif decision.decision == "new_text":
        made = Clause("", "new_text", [], 0, decision.id, f"new text ({who})")
        other = next((s for s in diff.sides if s.trust != base and s.text), None)
        if span is not None or other is not None:
            _replace(clauses, span, decision.text, made, other, docs.get(other.trust) if other else None)
    elif span is not None and decision.decision in ("local_variation", "defer"):
        label = "local variation accepted" if decision.decision == "local_variation" else "deferred"
        note = f"{label} ({who})" + (f": {decision.reason}" if decision.reason else "")
        for clause in clauses[span[0] : span[1]]:
            clause.note = "; ".join(n for n in (clause.note, note) if n)
            clause.decision_id = decision.id


def _replace(
    clauses: list[Clause],
    span: tuple[int, int] | None,
    text: str,
    made: Clause,
    side: Side | None,
    doc: Document | None,
) -> None:
    """Put `text` in place of the clauses in `span` (or insert it); sentences already there stay put."""
    if span is not None:
        lo, hi = span
        old = {sentence_key(c.text): c for c in clauses[lo:hi]}
        paragraph = clauses[lo].paragraph
    else:
        lo = hi = _insert_at(clauses, side, doc) if side is not None else len(clauses)
        old = {}
        paragraph = clauses[lo - 1].paragraph if lo > 0 else (clauses[0].paragraph if clauses else 0)
    new: list[Clause] = []
    for sentence in split_sentences(text):
        kept = old.get(sentence_key(sentence))
        if kept is None:
            sources = list(made.sources) or ([s for c in clauses[lo:hi] for s in c.sources] if span else [])
            kept = Clause(sentence, made.how, sources, paragraph, made.decision_id, made.note)
        new.append(kept)
    clauses[lo:hi] = new


def section_text(clauses: Sequence[Clause]) -> str:
    """Clauses as text: sentences of a paragraph joined by a space, paragraphs by a blank line."""
    paragraphs: list[list[str]] = []
    last: int | None = None
    for c in clauses:
        if not c.text.strip():
            continue
        if last is None or c.paragraph != last:
            paragraphs.append([])
            last = c.paragraph
        paragraphs[-1].append(c.text.strip())
    return "\n\n".join(" ".join(p) for p in paragraphs)


def build_sections(
    docs: Sequence[Document],
    gd: GroupDiff,
    differences: Sequence[Difference],
    decisions: dict[str, list[DifferenceDecision]],
) -> tuple[BaseChoice, list[Built]]:
    """The draft's sections as (heading, clauses), one per aligned row that has text. No database.

    `differences` are the review page's (merged across pairs, keyed as decisions are).
    """
    base = choose_base(docs)
    by_trust = {d.trust: d for d in docs}
    titles = {sentence_key(d.title) for d in docs}
    pending: dict[int, list[tuple[DifferenceDecision, Difference]]] = {}
    for diff in differences:
        chosen = decisions.get(diff.key)
        if chosen and diff.row >= 0:
            pending.setdefault(diff.row, []).append((chosen[-1], diff))
    sections: list[Built] = []
    for n, row in enumerate(gd.rows):
        present = [t for t in row.trusts if t in by_trust]
        if not present:
            continue
        if base.trust in present:
            row_base = base.trust
        else:  # a section the base lacks: take the longest version of it
            row_base = max(
                present, key=lambda t: sum(len(s) for s, _ in _sentences(by_trust[t], row.paths[t]))
            )
        clauses = _section_clauses(by_trust[row_base], row.paths[row_base])
        heading = row.heading
        if row.heading == PREAMBLE[0]:  # text before the first heading: drop the repeated titles
            clauses = [c for c in clauses if sentence_key(c.text) not in titles]
            heading = "Introduction"
        _link_equivalents(
            clauses,
            {t: (by_trust[t], _sentences(by_trust[t], row.paths[t])) for t in present if t != row_base},
        )
        for decision, diff in sorted(pending.get(n, []), key=lambda x: (_naive(x[0].at), x[0].id)):
            _apply(clauses, decision, diff, row_base, by_trust)
        if clauses:
            sections.append((heading, clauses))
    return base, sections


def _check_can_edit(group: MatchGroupRow, actor: Actor, *, status: bool = True) -> None:
    if actor.role not in REVIEWERS:
        raise NotPermitted(f"a {actor.role} cannot edit the shared draft")
    check_specialty(group, actor)
    if status and group.status not in EDITABLE:
        raise ReviewError(
            f"the draft is edited while the group is in review, not {LABELS[Status(group.status)]}"
        )


def can_edit(group: MatchGroupRow, actor: Actor) -> bool:
    """Whether `actor` may build and edit this group's draft now (for showing the buttons)."""
    try:
        _check_can_edit(group, actor)
    except ReviewError:
        return False
    return True


def current_sections(session: Session, group_id: int) -> list[DraftSection]:
    return list(
        session.scalars(
            select(DraftSection)
            .where(DraftSection.group_id == group_id, DraftSection.current.is_(True))
            .order_by(DraftSection.position)
        )
    )


def assemble_draft(session: Session, group_id: int, actor: Actor, context: Any = None) -> list[DraftSection]:
    """(Re)build the draft from the group's aligned sections and current decisions.

    A rebuild supersedes the current text of every section (edits included); the old rows stay as history.
    A confirmed group moves into review, as it would on its first decision.
    """
    from converge.groups import diff_context_for, group_documents

    group = get_group(session, group_id)
    _check_can_edit(group, actor, status=False)
    if group.status == Status.CONFIRMED:
        transition(session, group_id, Status.IN_REVIEW, Actor(actor.name, "reviewer"), "draft started")
    _check_can_edit(group, actor)
    docs = group_documents(session, group)
    if not docs:
        raise ReviewError("the group has no documents to draft from")
    gd = diff_group(docs, context or diff_context_for(session))
    review = build_review(docs, gd)
    _, built = build_sections(docs, gd, review.differences, current_decisions(session, group_id))
    previous = {s.position: s for s in current_sections(session, group_id)}
    now = utcnow()
    rows: list[DraftSection] = []
    for position, (heading, clauses) in enumerate(built):
        old = previous.pop(position, None)
        if old is not None:
            old.current = False
        row = DraftSection(
            group_id=group_id,
            position=position,
            heading=heading[:500],
            text=section_text(clauses),
            sources=[c.to_json() for c in clauses],
            revision=(old.revision + 1) if old else 1,
            actor=actor.name,
            at=now,
            current=True,
        )
        session.add(row)
        rows.append(row)
    for old in previous.values():  # sections the new alignment no longer has
        old.current = False
    session.flush()
    return rows


def _reattach(text: str, old: Sequence[Clause], actor: str) -> list[Clause]:
    """Clauses of edited text: sentences kept word for word keep their sources; the rest are edits."""
    by_key: dict[str, Clause] = {}
    for c in old:
        by_key.setdefault(sentence_key(c.text), c)
    out: list[Clause] = []
    paragraphs = [p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    for n, para in enumerate(paragraphs):
        for sentence in split_sentences(" ".join(para.split())):
            prior = by_key.get(sentence_key(sentence))
            if prior is not None:
                out.append(Clause(sentence, prior.how, list(prior.sources), n, prior.decision_id, prior.note))
            else:
                out.append(Clause(sentence, "edited", [], n, None, f"edited by {actor}"))
    return out


def save_section(
    session: Session, group_id: int, position: int, text: str, actor: Actor, expected_revision: int | None
) -> DraftSection:
    """Save a new version of one section; refuse if someone else saved it since this editor was opened."""
    group = get_group(session, group_id)
    _check_can_edit(group, actor)
    current = session.scalar(
        select(DraftSection)
        .where(
            DraftSection.group_id == group_id,
            DraftSection.position == position,
            DraftSection.current.is_(True),
        )
        .with_for_update()
    )
    if current is None:
        raise ReviewError(f"the draft has no section {position + 1}; build the draft first")
    if expected_revision is not None and expected_revision != current.revision:
        raise StaleRevision(
            f"section {position + 1} ({current.heading}) was saved by {current.actor} since you opened it "
            f"(now at revision {current.revision}); your text was not saved — reload to see theirs"
        )
    clauses = _reattach(text, [Clause.from_json(c) for c in current.sources or []], actor.name)
    current.current = False
    row = DraftSection(
        group_id=group_id,
        position=position,
        heading=current.heading,
        text=section_text(clauses),
        sources=[c.to_json() for c in clauses],
        revision=current.revision + 1,
        actor=actor.name,
        at=utcnow(),
        current=True,
    )
    session.add(row)
    session.flush()
    return row


def section_history(session: Session, group_id: int, position: int) -> list[DraftSection]:
    """Every saved version of one section, newest first."""
    return list(
        session.scalars(
            select(DraftSection)
            .where(DraftSection.group_id == group_id, DraftSection.position == position)
            .order_by(DraftSection.revision.desc(), DraftSection.id.desc())
        )
    )


def clauses_of(row: DraftSection) -> list[Clause]:
    return [Clause.from_json(c) for c in row.sources or []]


# --- version history and export ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VersionEntry:
    version: str
    at: datetime
    actor: str
    change: str


def version_history(session: Session, group_id: int) -> list[VersionEntry]:
    """The draft's versions: each build or section save is a minor version, approval makes 1.0."""
    group = get_group(session, group_id)
    saves = session.execute(
        select(
            DraftSection.at,
            DraftSection.actor,
            func.count(),
            func.min(DraftSection.heading),
            func.max(DraftSection.revision),
        )
        .where(DraftSection.group_id == group_id)
        .group_by(DraftSection.at, DraftSection.actor)
        .order_by(DraftSection.at)
    ).all()
    events: list[tuple[datetime, str, str, str]] = []  # at, actor, what, kind (draft | approved | status)
    for at, actor, count, heading, revision in saves:
        if count > 1:
            what = "Draft rebuilt from decisions" if revision > 1 else "Draft assembled from the decisions"
            events.append((at, actor, f"{what} ({count} sections)", "draft"))
        else:
            events.append((at, actor, f"Section \u201c{heading}\u201d edited", "draft"))
    for t in history(session, group.id):
        label = LABELS[Status(t.to_status)] if t.to_status in set(Status) else t.to_status
        what = f"Status: {label}" + (f" – {t.reason}" if t.reason else "")
        events.append((t.at, t.actor, what, "approved" if t.to_status == Status.APPROVED else "status"))
    events.sort(key=lambda e: _naive(e[0]))
    out: list[VersionEntry] = []
    major, minor = 0, 0
    for at, actor, what, kind in events:
        if kind == "draft":
            minor += 1
        elif kind == "approved":
            major, minor = major + 1, 0
        out.append(VersionEntry(f"{major}.{minor}", at, actor, what))
    return out


def _naive(at: datetime | None) -> datetime:
    if at is None:
        return datetime.max
    return at.replace(tzinfo=None) if at.tzinfo else at


def _status_at(session: Session, group_id: int, status: Status) -> datetime | None:
    rows = [t for t in history(session, group_id) if t.to_status == status]
    return rows[-1].at if rows else None


def export_docx(session: Session, group_id: int) -> bytes:
    """The shared draft as a Word document: front sheet, sections, clause sources, version history."""
    from docx import Document as Docx
    from docx.shared import Pt

    group = get_group(session, group_id)
    sections = current_sections(session, group_id)
    versions = version_history(session, group_id)
    members = sorted(group.members, key=lambda m: m.document.trust.code)
    trusts = [(m.document.trust.code, m.document.trust.name) for m in members]
    approved = _status_at(session, group_id, Status.APPROVED) if group.status in CONVERGED else None
    adopted = _status_at(session, group_id, Status.ADOPTED) if group.status == Status.ADOPTED else None
    version = versions[-1].version if versions else "0.0"
    title = group.topic or f"Group {group.id}"

    doc = Docx()
    doc.styles["Normal"].font.name = "Arial"
    doc.styles["Normal"].font.size = Pt(11)
    doc.core_properties.title = title
    doc.core_properties.subject = "Shared clinical policy" + (" (draft)" if approved is None else "")
    doc.core_properties.author = "Converge"
    doc.add_heading(title, level=0)
    doc.add_paragraph("Shared policy of " + ", ".join(code for code, _ in trusts))
    doc.add_heading("Document control", level=1)
    first_draft = min(
        (s.at for s in session.scalars(select(DraftSection).where(DraftSection.group_id == group_id))),
        default=None,
        key=_naive,
    )
    review = approved.replace(year=approved.year + REVIEW_YEARS) if approved is not None else None
    control = [
        ("Title", title),
        ("Reference", "To be assigned"),
        ("Version", version),
        ("Status", LABELS.get(Status(group.status), group.status)),
        ("Owner", "To be confirmed by the approving committee"),
        ("Approving committee", "Joint clinical policy committee of " + ", ".join(c for c, _ in trusts)),
        ("Date drafted", _date(first_draft) or "Not yet drafted"),
        ("Date approved", _date(approved) or "Not yet approved"),
        ("Date adopted by every trust", _date(adopted) or "Not yet adopted"),
        ("Review date", _date(review) or f"{REVIEW_YEARS} years from approval"),
        ("Trusts", "; ".join(f"{c} – {n}" if n and n != c else c for c, n in trusts)),
        ("Specialty", group.specialty or "Not recorded"),
        (
            "Supersedes",
            "; ".join(
                f"{m.document.trust.code}: {m.document.title}"
                + (f" (ref. {m.document.reference})" if m.document.reference else "")
                + (f", version {m.document.version}" if m.document.version else "")
                for m in members
            ),
        ),
    ]
    add_table(doc, ["Item", "Detail"], control)
    doc.add_page_break()

    for n, row in enumerate(sections, start=1):
        doc.add_heading(f"{n}. {row.heading}", level=1)
        for para in (row.text or "").split("\n\n"):
            if para.strip():
                doc.add_paragraph(para.strip())

    doc.add_heading("Appendix A: sources of the shared wording", level=1)
    doc.add_paragraph(
        "Each clause's origin: the trust document and section it was taken from, or the "
        "reviewer decision that wrote or adopted it."
    )
    source_rows = []
    for n, row in enumerate(sections, start=1):
        for c in clauses_of(row):
            where = "; ".join(f"{s.trust}: {' > '.join(s.section)}" for s in c.sources) or "–"
            how = HOW_LABELS.get(c.how, c.how)
            source_rows.append((str(n), _clip(c.text, 90), how + (f" – {c.note}" if c.note else ""), where))
    add_table(doc, ["Section", "Clause", "How", "Source"], source_rows)

    doc.add_heading("Version history", level=1)
    add_table(
        doc,
        ["Version", "Date", "By", "Change"],
        [(v.version, _date(v.at, time=True), v.actor, v.change) for v in versions],
    )
    status = "Approved" if approved is not None else "Draft – not for use"
    add_footer(doc, f"{title} – version {version} – {status}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _date(at: datetime | None, *, time: bool = False) -> str:
    if at is None:
        return ""
    return at.strftime("%d %B %Y %H:%M" if time else "%d %B %Y")


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def open_differences(
    differences: Sequence[Difference], decisions: dict[str, list[DifferenceDecision]]
) -> list[Difference]:
    """Significant differences still undecided or deferred: what stands between the draft and agreement."""
    out = []
    for d in differences:
        chosen = decisions.get(d.key)
        if d.significant and (not chosen or chosen[-1].decision == "defer"):
            out.append(d)
    return out


def group_base(session: Session, group: MatchGroupRow) -> BaseChoice | None:
    """The base trust of a group's draft (None for a group without documents)."""
    from converge.groups import group_documents

    docs = group_documents(session, group)
    return choose_base(docs) if docs else None
