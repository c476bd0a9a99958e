"""A draft's clauses (sentences or table rows) with their sources, and how to find a sentence among them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from rapidfuzz import fuzz, process

from converge.core.diff.align import PREAMBLE
from converge.core.diff.tokens import sentence_key, split_sentences
from converge.core.model import BlockKind, Document, Layer, Section
from converge.workflow.comparison.differences import Difference, Side

SourcePath = tuple[str, ...]
SAME_CLAUSE = 90  # rapidfuzz ratio from which two trusts' sentences count as the same clause
FIND_CLAUSE = 75  # ... from which a decided sentence is taken to be this base sentence
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


def find_section(doc: Document, path: SourcePath) -> Section | None:
    for p, section in doc.walk():
        if p == path:
            return section
    return None


def section_clauses(doc: Document, paths: Sequence[SourcePath], first_paragraph: int = 0) -> list[Clause]:
    """A document's sentences in the given sections, as base clauses linked to where they are."""
    clauses: list[Clause] = []
    para = first_paragraph
    for path in paths:
        src = [ClauseSource(doc.id, doc.trust, path)]
        if path == PREAMBLE:
            blocks = [b for b in doc.preamble if b.layer == Layer.BODY]
        else:
            section = find_section(doc, path)
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


def sentences_of(doc: Document, paths: Sequence[SourcePath]) -> list[tuple[str, SourcePath]]:
    return [(c.text, c.sources[0].section) for c in section_clauses(doc, paths)]


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


def link_equivalents(clauses: list[Clause], others: dict[str, tuple[Document, Sentences]]) -> None:
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


def locate(clauses: list[Clause], text: str) -> int | None:
    """The clause holding the sentence `text`, by wording (a table row also by one of its cells)."""
    found = locate_cell(clauses, text)
    return None if found is None else found[0]


def locate_cell(clauses: list[Clause], text: str) -> tuple[int, int | None] | None:
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


def cell_value(text: str) -> str:
    """A cell's own text from the diff's "first cell: cell" wording."""
    return text.split(": ", 1)[1] if ": " in text else text


def span_of(clauses: list[Clause], text: str) -> tuple[int, int] | None:
    """The run of clauses holding `text` (a difference's context can be more than one sentence)."""
    found = [i for i in (locate(clauses, s) for s in split_sentences(text)) if i is not None]
    return (min(found), max(found) + 1) if found else None


def side_of(diff: Difference, trust: str) -> Side | None:
    return next((s for s in diff.sides if s.trust == trust), None)


def insert_at(clauses: list[Clause], side: Side, doc: Document | None) -> int:
    """Where text the base lacks goes: after the base clause matching the sentence before it there."""
    first = (split_sentences(side.text) or [""])[0]
    if doc is None or side.path is None:
        return len(clauses)
    sentences = [s for s, _ in sentences_of(doc, [side.path])]
    keys = [sentence_key(s) for s in sentences]
    try:
        here = keys.index(sentence_key(first))
    except ValueError:
        return len(clauses)
    for before in reversed(sentences[:here]):
        found = locate(clauses, before)
        if found is not None:
            return found + 1
    return 0 if here == 0 else len(clauses)


def base_text(clauses: list[Clause], diff: Difference, base: str) -> str:
    mine = side_of(diff, base)
    if mine is not None:
        return mine.text
    # The base trust is not part of this difference: find its version of the text by wording.
    return next((s.text for s in diff.sides if span_of(clauses, s.text) is not None), "")


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


def naive_time(at: datetime | None) -> datetime:
    if at is None:
        return datetime.max
    return at.replace(tzinfo=None) if at.tzinfo else at
