"""Assembling a draft from a group's aligned sections and decisions: no database, no Word.

The draft follows the group's aligned sections. Each section starts from one trust's text (the "base": the
most complete document of the group) and each difference a reviewer decided replaces the base's sentence
with the adopted trust's sentence or the new text. Every significant difference without a settling decision
is marked UNDECIDED with each trust's wording; trust-specific names become placeholders.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from converge.core.diff import GroupDiff
from converge.core.diff.align import PREAMBLE
from converge.core.diff.context import DEFAULT_CONTEXT, DiffContext
from converge.core.diff.tokens import sentence_key, split_sentences, strip_heading_number
from converge.core.errors import ReviewError
from converge.core.localnames import placeholders
from converge.core.model import Document, Layer
from converge.store.models import DifferenceDecision
from converge.workflow.comparison.differences import Difference, Side
from converge.workflow.draft.clauses import (
    BaseChoice,
    Built,
    Clause,
    ClauseSource,
    base_text,
    cell_value,
    insert_at,
    link_equivalents,
    locate_cell,
    naive_time,
    section_clauses,
    sentences_of,
    side_of,
    span_of,
)
from converge.workflow.openwork import is_open

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
    said = base_text(clauses, diff, base)
    who = _who(decision)
    at = locate_cell(clauses, said) if said else None
    if at is not None and clauses[at[0]].cells is not None:
        _apply_to_row(clauses[at[0]], at[1], decision, diff, base, docs)
        return
    span = span_of(clauses, said) if said else None
    if decision.decision == "adopt" and decision.adopted_trust and decision.adopted_trust != base:
        trust = decision.adopted_trust
        side = side_of(diff, trust)
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
        side = side_of(diff, decision.adopted_trust)
        said = side.text.strip() if side is not None else ""  # a trust without the text: it goes
        if cell is not None:
            cells[cell] = cell_value(said) if said else ""
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
        seen = _place_undecided(clauses, diff, base, docs)
    for k in keys:
        marked[k] = seen
    for side in diff.sides:
        seen.said.setdefault(side.trust, side.text)
    clause = seen.clause
    clause.how, clause.decision_id = "undecided", None
    clause.note = "; ".join(n for n in (clause.note, note) if n)
    clause.sources = [
        ClauseSource(docs[t].id, t, next((s.path or () for s in diff.sides if s.trust == t), ()))
        for t in seen.said
        if t in docs
    ]
    _write_undecided(seen, context)


def _place_undecided(
    clauses: list[Clause], diff: Difference, base: str, docs: dict[str, Document]
) -> _Marked:
    """Where an undecided difference goes: the table row (or cell) holding it, or a clause of its own in
    place of the sentences it covers (inserted where the text belongs when the base lacks it)."""
    texts = [base_text(clauses, diff, base), *(s.text for s in diff.sides)]
    at = next((a for a in (locate_cell(clauses, t) for t in texts if t.strip()) if a is not None), None)
    if at is not None and clauses[at[0]].cells is not None:
        return _Marked(clauses[at[0]], {}, -1 if at[1] is None else at[1])  # -1: the whole row
    # A paragraph of its own, so it reads apart from the decided text around it.
    own = -1 - sum(1 for c in clauses if c.how == "undecided")
    clause = Clause("", "undecided", [], own, None, "")
    span = next((sp for sp in (span_of(clauses, t) for t in texts if t.strip()) if sp is not None), None)
    if span is not None:
        clauses[span[0] : span[1]] = [clause]
    else:
        side = next((s for s in diff.sides if s.text.strip()), None)
        lo = insert_at(clauses, side, docs.get(side.trust)) if side is not None else len(clauses)
        clauses.insert(lo, clause)
    return _Marked(clause, {})


def _write_undecided(seen: _Marked, context: DiffContext) -> None:
    """An undecided clause's text (or its row's cell): every trust's wording so far, none chosen."""
    clause = seen.clause
    if seen.cell is None:
        clause.text = undecided_text(seen.said, context)
        return
    cells = list(clause.cells or [])
    if seen.cell < 0:
        cells = [undecided_text(seen.said, context)] + [""] * max(0, len(cells) - 1)
    else:
        said = {t: cell_value(x) if x else "" for t, x in seen.said.items()}
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
        lo = hi = insert_at(clauses, side, doc) if side is not None else len(clauses)
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
                present, key=lambda t: sum(len(s) for s, _ in sentences_of(by_trust[t], row.paths[t]))
            )
        clauses = section_clauses(by_trust[row_base], row.paths[row_base])
        heading = row.heading if row.heading != PREAMBLE[0] else "Policy"
        link_equivalents(
            clauses,
            {t: (by_trust[t], sentences_of(by_trust[t], row.paths[t])) for t in present if t != row_base},
        )
        for decision, diff in sorted(decided.get(n, []), key=lambda x: (naive_time(x[0].at), x[0].id)):
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


def open_differences(
    differences: Sequence[Difference], decisions: dict[str, list[DifferenceDecision]]
) -> list[Difference]:
    """Significant differences still open (openwork.is_open): what stands between the draft and agreement."""
    return [d for d in differences if d.significant and is_open(_standing(decisions, d.key))]


def _standing(decisions: dict[str, list[DifferenceDecision]], key: str) -> str | None:
    chosen = decisions.get(key)
    return chosen[-1].decision if chosen else None
