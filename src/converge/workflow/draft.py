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
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from converge.core.diff import GroupDiff, diff_group
from converge.core.diff.align import PREAMBLE
from converge.core.diff.context import DEFAULT_CONTEXT, DiffContext
from converge.core.diff.tokens import sentence_key, split_sentences, strip_heading_number
from converge.core.docxwrite import add_footer, add_table
from converge.core.errors import ReviewError
from converge.core.localnames import placeholders
from converge.core.model import BlockKind, Document, Layer, Section
from converge.store.models import DifferenceDecision, DraftSection, MatchGroupRow, utcnow
from converge.workflow.comparison.compute import diff_context_for, group_documents
from converge.workflow.comparison.differences import Difference, Side, build_review
from converge.workflow.openwork import is_open
from converge.workflow.review import (
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
from converge.workflow.signoff import approval_label, approved_by_override, group_open_work

SourcePath = tuple[str, ...]
# Statuses in which the draft may be (re)built and edited.
EDITABLE = frozenset({Status.IN_REVIEW})
SAME_CLAUSE = 90  # rapidfuzz ratio from which two trusts' sentences count as the same clause
FIND_CLAUSE = 75  # ... from which a decided sentence is taken to be this base sentence
REVIEW_YEARS = 3  # usual review interval of a ratified policy
HOW_LABELS = {
    "base": "trust text",
    "adopted": "adopted",
    "new_text": "new text",
    "edited": "edited",
    "undecided": "UNDECIDED",
}


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
    cells: list[str] | None = None  # a table row's cells (the clause is then one row of a Word table)
    table: int | None = None  # which table of the section the row belongs to

    def to_json(self) -> dict[str, Any]:
        out = {
            "text": self.text,
            "how": self.how,
            "paragraph": self.paragraph,
            "sources": [s.to_json() for s in self.sources],
            "decision": self.decision_id,
            "note": self.note,
        }
        if self.cells is not None:
            out["cells"], out["table"] = list(self.cells), self.table
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Clause:
        return cls(
            data.get("text", ""),
            data.get("how", "base"),
            [ClauseSource.from_json(s) for s in data.get("sources", [])],
            int(data.get("paragraph", 0)),
            data.get("decision"),
            data.get("note", ""),
            list(data["cells"]) if data.get("cells") is not None else None,
            data.get("table"),
        )

    def set_cells(self, cells: list[str]) -> None:
        self.cells = cells
        self.text = " | ".join(cells)


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
                table = para
                for row in block.rows:
                    cells = [c.strip() for c in row]
                    clauses.append(
                        Clause(" | ".join(cells), "base", list(src), para, cells=cells, table=table)
                    )
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


_MATERIAL = re.compile(
    r"\d+(?:[.,]\d+)?|(?<![\w-])(?:not|never|no|nor|cannot|must|should|may|shall|only|always|avoid)(?![\w-])",
    re.IGNORECASE,
)


def same_clause(a: str, b: str) -> bool:
    """Two trusts' sentences are the same clause: nearly the same words, and exactly the same numbers,
    negations and strength of duty ("10 mmol/hour" is not "20 mmol/hour", "must not" is not "may")."""
    if fuzz.ratio(sentence_key(a), sentence_key(b)) < SAME_CLAUSE:
        return False
    return sorted(m.lower() for m in _MATERIAL.findall(a)) == sorted(m.lower() for m in _MATERIAL.findall(b))


def _link_equivalents(clauses: list[Clause], others: dict[str, tuple[Document, Sentences]]) -> None:
    """Add, to each base clause, the same clause at the other trusts (see same_clause)."""
    for trust, (doc, sentences) in others.items():
        if not sentences:
            continue
        keys = [sentence_key(s) for s, _ in sentences]
        for clause in clauses:
            for _, _, i in process.extract(
                sentence_key(clause.text), keys, scorer=fuzz.ratio, score_cutoff=SAME_CLAUSE, limit=3
            ):
                if same_clause(clause.text, sentences[i][0]):
                    clause.sources.append(ClauseSource(doc.id, trust, sentences[i][1]))
                    break


def _locate(clauses: list[Clause], text: str) -> int | None:
    """The clause holding the sentence `text`, by wording (a table row also by one of its cells)."""
    found = _locate_cell(clauses, text)
    return None if found is None else found[0]


def _locate_cell(clauses: list[Clause], text: str) -> tuple[int, int | None] | None:
    """(clause, cell) holding `text`: a sentence, a whole table row, or one cell ("Peripheral: 10 mmol/hour",
    as the diff words a table cell with its row's first cell); cell is None for a whole clause."""
    if not text.strip() or not clauses:
        return None
    keys: list[str] = []
    where: list[tuple[int, int | None]] = []
    for n, c in enumerate(clauses):
        keys.append(sentence_key(c.text))
        where.append((n, None))
        for i, cell in enumerate(c.cells or []):
            if i and cell.strip():
                keys.append(sentence_key(f"{c.cells[0]}: {cell}"))  # type: ignore[index]
                where.append((n, i))
    hit = process.extractOne(sentence_key(text), keys, scorer=fuzz.ratio, score_cutoff=FIND_CLAUSE)
    return None if hit is None else where[hit[2]]


def _cell_value(text: str) -> str:
    """A cell's own text from the diff's "first cell: cell" wording."""
    return text.split(": ", 1)[1] if ": " in text else text


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


def _base_text(clauses: list[Clause], diff: Difference, base: str) -> str:
    mine = _side(diff, base)
    if mine is not None:
        return mine.text
    # The base trust is not part of this difference: find its version of the text by wording.
    return next((s.text for s in diff.sides if _span(clauses, s.text) is not None), "")


def _who(decision: DifferenceDecision) -> str:
    return f"{decision.actor}, {decision.at:%d %b %Y}" if decision.at else decision.actor


def _apply(
    clauses: list[Clause],
    decision: DifferenceDecision,
    diff: Difference,
    base: str,
    docs: dict[str, Document],
) -> None:
    """Change a section's clauses as one decision on one difference says."""
    base_text = _base_text(clauses, diff, base)
    who = _who(decision)
    at = _locate_cell(clauses, base_text) if base_text else None
    if at is not None and clauses[at[0]].cells is not None:
        _apply_to_row(clauses[at[0]], at[1], decision, diff, base, docs)
        return
    span = _span(clauses, base_text) if base_text else None
    if decision.decision == "adopt" and decision.adopted_trust and decision.adopted_trust != base:
        trust = decision.adopted_trust
        side = _side(diff, trust)
        if side is None or not side.text.strip():  # the adopted trust has no such text: the base's goes
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
    elif span is not None and decision.decision in NOTED:
        for clause in clauses[span[0] : span[1]]:
            _note(clause, decision)


NOTED = {
    "local_variation": "local variation accepted",
    "not_applicable": "not applicable",
    "defer": "deferred",
}


def _note(clause: Clause, decision: DifferenceDecision) -> None:
    note = f"{NOTED[decision.decision]} ({_who(decision)})" + (
        f": {decision.reason}" if decision.reason else ""
    )
    clause.note = "; ".join(n for n in (clause.note, note) if n)
    clause.decision_id = decision.id


def _apply_to_row(
    row: Clause,
    cell: int | None,
    decision: DifferenceDecision,
    diff: Difference,
    base: str,
    docs: dict[str, Document],
) -> None:
    """A decision on a table row or one of its cells: the row stays a row of the Word table."""
    cells = list(row.cells or [])
    if decision.decision == "adopt" and decision.adopted_trust and decision.adopted_trust != base:
        side = _side(diff, decision.adopted_trust)
        said = side.text.strip() if side is not None else ""  # a trust without the text: it goes
        if cell is not None:
            cells[cell] = _cell_value(said) if said else ""
        else:
            cells = [c.strip() for c in said.split(" | ")] if said else []
        trust = decision.adopted_trust
        row.how, row.decision_id = "adopted", decision.id
        row.sources = [ClauseSource(docs[trust].id, trust, side.path or ())] if side is not None else []
        row.note = f"{trust} wording adopted ({_who(decision)})"
    elif decision.decision == "new_text":
        if cell is not None:
            cells[cell] = decision.text.strip()
        else:
            cells = [c.strip() for c in decision.text.split(" | ")]
        row.how, row.decision_id, row.sources = "new_text", decision.id, []
        row.note = f"new text ({_who(decision)})"
    elif decision.decision in NOTED:
        _note(row, decision)
        return
    row.set_cells(cells)


def undecided_text(said: dict[str, str], context: DiffContext = DEFAULT_CONTEXT) -> str:
    """How an undecided difference reads in the draft: every trust's wording (trust -> text), none chosen;
    trust-specific names inside the wording are placeholders, the trusts' codes stay."""
    by_text: dict[str, list[str]] = {}
    for trust, text in said.items():
        by_text.setdefault(placeholders(" ".join(text.split()), context)[0], []).append(trust)
    parts = []
    for text, trusts in by_text.items():
        who = " and ".join(trusts)
        if text:
            parts.append(f"{who} {'say' if len(trusts) > 1 else 'says'} \u201c{text}\u201d")
        else:
            parts.append(f"{who} {'have' if len(trusts) > 1 else 'has'} no such text")
    return "UNDECIDED: " + "; ".join(parts) + "."


@dataclass(slots=True)
class _Marked:
    """An undecided clause already in a section, with every trust's wording of it so far."""

    clause: Clause
    said: dict[str, str]
    cell: int | None = None


def _mark_undecided(
    clauses: list[Clause],
    diff: Difference,
    base: str,
    docs: dict[str, Document],
    marked: dict[str, _Marked],
    context: DiffContext,
    deferred: DifferenceDecision | None = None,
) -> None:
    """Put an undecided significant difference in the draft as what it is, never as one trust's text.

    Several differences in one sentence (a threshold and a duty, or three trusts compared in pairs) make
    one UNDECIDED clause holding every trust's wording; `marked` finds it by any trust's sentence.
    """
    note = f"significant difference ({diff.label}) not yet decided" + (
        f": {diff.reason}" if diff.reason else ""
    )
    if deferred is not None:
        note += f"; deferred ({_who(deferred)})" + (f": {deferred.reason}" if deferred.reason else "")
    keys = [sentence_key(s.text) for s in diff.sides if s.text.strip()]
    seen = next((marked[k] for k in keys if k in marked), None)
    if seen is None:
        texts = [_base_text(clauses, diff, base), *(s.text for s in diff.sides)]
        at = next((a for a in (_locate_cell(clauses, t) for t in texts if t.strip()) if a is not None), None)
        if at is not None and clauses[at[0]].cells is not None:
            seen = _Marked(clauses[at[0]], {}, at[1])
            if at[1] is None:
                seen.cell = -1  # the whole row
        else:
            # A paragraph of its own, so it reads apart from the decided text around it.
            own = -1 - sum(1 for c in clauses if c.how == "undecided")
            clause = Clause("", "undecided", [], own, None, "")
            span = next(
                (sp for sp in (_span(clauses, t) for t in texts if t.strip()) if sp is not None), None
            )
            if span is not None:
                clauses[span[0] : span[1]] = [clause]
            else:
                side = next((s for s in diff.sides if s.text.strip()), None)
                lo = _insert_at(clauses, side, docs.get(side.trust)) if side is not None else len(clauses)
                clauses.insert(lo, clause)
            seen = _Marked(clause, {})
    for k in keys:
        marked[k] = seen
    for side in diff.sides:
        seen.said.setdefault(side.trust, side.text)
    clause = seen.clause
    clause.how, clause.decision_id = "undecided", None
    clause.note = "; ".join(n for n in (clause.note if clause.how == "undecided" else "", note) if n)
    clause.sources = [
        ClauseSource(docs[t].id, t, next((s.path or () for s in diff.sides if s.trust == t), ()))
        for t in seen.said
        if t in docs
    ]
    if seen.cell is None:
        clause.text = undecided_text(seen.said, context)
        return
    cells = list(clause.cells or [])
    if seen.cell < 0:
        cells = [undecided_text(seen.said, context)] + [""] * max(0, len(cells) - 1)
    else:
        said = {t: _cell_value(x) if x else "" for t, x in seen.said.items()}
        wordings = {placeholders(" ".join(x.split()), context)[0] for x in said.values()}
        # Cells the same at every trust once local names are placeholders hold nothing to decide.
        cells[seen.cell] = wordings.pop() if len(wordings) == 1 else undecided_text(said, context)
    clause.set_cells(cells)


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


# Sections that hold a source document's own control information, not policy: left out of the shared body
# (the shared policy gets its own control block on export).
CONTROL_HEADING = re.compile(
    r"(?i)^(?:\W*)(?:document (?:control|information|details|history|status)|version (?:control|history)|"
    r"(?:revision|amendment|change|review) (?:history|log|record)|summary of (?:development|changes)|"
    r"development and consultation|consultation(?: (?:and|with).*)?|approval(?:s| and ratification)?|"
    r"ratification|distribution(?: list)?|equality (?:and diversity )?impact assessment|"
    r"document control (?:sheet|table)|front sheet)\b"
)


def is_control_section(heading: str) -> bool:
    """A section of a source document's own control matter (version history, consultation, EIA...)."""
    return bool(CONTROL_HEADING.match(strip_heading_number(heading or "")))


def build_sections(
    docs: Sequence[Document],
    gd: GroupDiff,
    differences: Sequence[Difference],
    decisions: dict[str, list[DifferenceDecision]],
    context: DiffContext | None = None,
) -> tuple[BaseChoice, list[Built]]:
    """The draft's sections as (heading, clauses), one per aligned row that has policy text. No database.

    `differences` are the review page's (merged across pairs, keyed as decisions are). Every significant
    difference without a settling decision is marked UNDECIDED with each trust's wording; trust-specific
    names become "[LOCAL: ...]" placeholders (openwork, localnames). Front sheets (text before the first
    heading) and the source documents' control sections are not policy and are left out.
    """
    base = choose_base(docs)
    context = context or DEFAULT_CONTEXT
    by_trust = {d.trust: d for d in docs}
    decided: dict[int, list[tuple[DifferenceDecision, Difference]]] = {}
    undecided: dict[int, list[tuple[Difference, DifferenceDecision | None]]] = {}
    for diff in differences:
        chosen = decisions.get(diff.key)
        if diff.row < 0:
            continue
        if chosen:
            decided.setdefault(diff.row, []).append((chosen[-1], diff))
        if diff.significant and is_open(chosen[-1].decision if chosen else None):
            undecided.setdefault(diff.row, []).append((diff, chosen[-1] if chosen else None))
    has_sections = any(d.sections for d in docs)
    sections: list[Built] = []
    for n, row in enumerate(gd.rows):
        present = [t for t in row.trusts if t in by_trust]
        if not present:
            continue
        if (row.heading == PREAMBLE[0] and has_sections) or is_control_section(row.heading):
            continue
        if base.trust in present:
            row_base = base.trust
        else:  # a section the base lacks: take the longest version of it
            row_base = max(
                present, key=lambda t: sum(len(s) for s, _ in _sentences(by_trust[t], row.paths[t]))
            )
        clauses = _section_clauses(by_trust[row_base], row.paths[row_base])
        heading = row.heading if row.heading != PREAMBLE[0] else "Policy"
        _link_equivalents(
            clauses,
            {t: (by_trust[t], _sentences(by_trust[t], row.paths[t])) for t in present if t != row_base},
        )
        for decision, diff in sorted(decided.get(n, []), key=lambda x: (_naive(x[0].at), x[0].id)):
            _apply(clauses, decision, diff, row_base, by_trust)
        marked: dict[str, _Marked] = {}
        for diff, deferred in undecided.get(n, []):
            _mark_undecided(clauses, diff, row_base, by_trust, marked, context, deferred)
        for clause in clauses:
            _localise(clause, context)
        clauses = [c for c in clauses if c.text.strip()]
        if clauses:
            sections.append((heading, clauses))
    return base, sections


def _localise(clause: Clause, context: DiffContext) -> None:
    """Trust-specific names in a clause become placeholders (not in a reviewer's own new text)."""
    if clause.how in ("new_text", "edited", "undecided"):  # an undecided clause is localised as it is made
        return
    found: list[str] = []
    if clause.cells is not None:
        cells = []
        for cell in clause.cells:
            text, done = placeholders(cell, context)
            cells.append(text)
            found += [r.placeholder for r in done]
        clause.set_cells(cells)
    else:
        clause.text, done = placeholders(clause.text, context)
        found = [r.placeholder for r in done]
    if found:  # the kinds only: the note goes into the shared document's appendix too
        kinds = (f[len("[LOCAL: ") : -1] for f in found)
        note = "local details made placeholders (" + ", ".join(dict.fromkeys(kinds)) + ")"
        clause.note = "; ".join(n for n in (clause.note, note) if n)


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
    group = get_group(session, group_id)
    _check_can_edit(group, actor, status=False)
    if group.status == Status.CONFIRMED:
        transition(session, group_id, Status.IN_REVIEW, Actor(actor.name, "reviewer"), "draft started")
    _check_can_edit(group, actor)
    docs = group_documents(session, group)
    if not docs:
        raise ReviewError("the group has no documents to draft from")
    context = context or diff_context_for(session)
    gd = diff_group(docs, context)
    review = build_review(docs, gd)
    _, built = build_sections(docs, gd, review.differences, current_decisions(session, group_id), context)
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
        whole = by_key.get(sentence_key(" ".join(para.split())))
        if whole is not None and (whole.cells is not None or whole.how == "undecided"):
            # A table row or an undecided difference kept as it was: it stays a row, or stays marked.
            out.append(Clause.from_json({**whole.to_json(), "paragraph": n}))
            continue
        if para.lstrip().startswith("UNDECIDED:"):
            out.append(Clause(" ".join(para.split()), "undecided", [], n, None, f"edited by {actor}"))
            continue
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
        label += " (admin override of the trusts' sign-off)" if t.override else ""
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
    if not sections:
        raise ReviewError("there is no shared draft yet: build it from the decisions first")
    versions = version_history(session, group_id)
    override = approved_by_override(session, group_id) if group.status in CONVERGED else False
    work = group_open_work(session, group)
    undecided = sum(1 for row in sections for c in clauses_of(row) if c.how == "undecided")
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
        ("Status", approval_label(group.status, override)),
        (
            "Open differences",
            work.describe() + (f"; {undecided} clauses marked UNDECIDED" if undecided else ""),
        ),
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

    if undecided:
        warning = doc.add_paragraph()
        warning.add_run(
            f"This draft holds {undecided} undecided clauses, marked UNDECIDED with each trust's wording. "
            "It is not for use until they are decided."
        ).bold = True
    doc.add_paragraph(
        "Trust-specific details (hospitals, wards, committees, contact numbers, e-mail addresses, reference "
        "numbers) appear as [LOCAL: ...] placeholders for each trust to complete."
    )
    for n, row in enumerate(sections, start=1):
        doc.add_heading(f"{n}. {row.heading}", level=1)
        _write_clauses(doc, clauses_of(row))

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
    status = approval_label(group.status, override) if approved is not None else "Draft – not for use"
    if approved is not None and not work.converged:
        status += f" with {work.open} significant differences undecided"
    add_footer(doc, f"{title} – version {version} – {status}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _write_clauses(doc: Any, clauses: Sequence[Clause]) -> None:
    """A section's clauses: paragraphs as paragraphs, table rows as Word tables, undecided text marked."""
    paragraph = None
    last: int | None = None
    n = 0
    while n < len(clauses):
        c = clauses[n]
        if c.cells is not None:
            rows = []
            while n < len(clauses) and clauses[n].cells is not None and clauses[n].table == c.table:
                rows.append(clauses[n])
                n += 1
            _write_table(doc, rows)
            paragraph, last = None, None
            continue
        n += 1
        if not c.text.strip():
            continue
        if paragraph is None or c.paragraph != last or c.how == "undecided":
            paragraph, last = doc.add_paragraph(), c.paragraph
        elif paragraph.runs:
            paragraph.add_run(" ")
        _write_text(paragraph, c.text.strip(), c.how == "undecided")
        if c.how == "undecided":
            paragraph, last = None, None


def _write_text(paragraph: Any, text: str, undecided: bool) -> None:
    if undecided and text.startswith("UNDECIDED:"):
        paragraph.add_run("UNDECIDED:").bold = True
        paragraph.add_run(text[len("UNDECIDED:") :])
    else:
        paragraph.add_run(text)


def _write_table(doc: Any, rows: Sequence[Clause]) -> None:
    width = max(len(r.cells or []) for r in rows)
    table = doc.add_table(rows=0, cols=max(width, 1))
    table.style = "Table Grid"
    for r, clause in enumerate(rows):
        cells = table.add_row().cells
        for i, value in enumerate(clause.cells or []):
            _write_text(cells[i].paragraphs[0], value, value.startswith("UNDECIDED:"))
            if r == 0 and clause.how == "base":
                for run in cells[i].paragraphs[0].runs:
                    run.bold = True


def _date(at: datetime | None, *, time: bool = False) -> str:
    if at is None:
        return ""
    return at.strftime("%d %B %Y %H:%M" if time else "%d %B %Y")


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def open_differences(
    differences: Sequence[Difference], decisions: dict[str, list[DifferenceDecision]]
) -> list[Difference]:
    """Significant differences still open (openwork.is_open): what stands between the draft and agreement."""
    return [d for d in differences if d.significant and is_open(_standing(decisions, d.key))]


def _standing(decisions: dict[str, list[DifferenceDecision]], key: str) -> str | None:
    chosen = decisions.get(key)
    return chosen[-1].decision if chosen else None


def group_base(session: Session, group: MatchGroupRow) -> BaseChoice | None:
    """The base trust of a group's draft (None for a group without documents)."""
    docs = group_documents(session, group)
    return choose_base(docs) if docs else None
