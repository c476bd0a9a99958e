"""A group's differences as plain data for the side-by-side review page (never HTML).

The page shows each trust's text of every aligned section with the words that differ marked, so this
module turns a GroupDiff (pairwise changes, sentence and changed words on each side) back into spans of
each trust's own text. In a group of three, the same difference usually appears in two pairwise diffs
(QEH says 7 where JPUH and NNUH both say 5); those are merged into one difference so a reviewer decides it
once. Every difference has a `change_key` computed from its content only, so a decision sticks when the
group is diffed again (after a restart, or a new member that leaves this text alone).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from converge.core.diff.align import PREAMBLE
from converge.core.diff.identity import change_key
from converge.core.diff.result import Category, Change, ChangeKind, DocumentDiff, GroupDiff, Path
from converge.core.diff.tokens import strip_heading_number
from converge.core.model import Block, BlockKind, Document, Layer

# Display levels, weakest first: where two differences overlap the stronger one is shown.
LEVELS = ("equal", "noise", "local", "changed", "significant")
_RANK = {name: n for n, name in enumerate(LEVELS)}
CATEGORY_LABELS = {
    "threshold": "threshold",
    "dose": "dose",
    "unit": "unit",
    "route": "route",
    "frequency": "frequency",
    "time_limit": "time limit",
    "age_weight": "age or weight",
    "drug": "drug",
    "criteria": "criteria",
    "role": "who is responsible",
    "duty": "strength of duty",
    "negation": "negation",
    "guidance": "guidance",
    "wording": "wording",
    "local": "local variation",
    "noise": "noise",
}


@dataclass(frozen=True, slots=True)
class Span:
    """A run of one trust's text: unchanged, or part of a difference (`key`) at some level."""

    text: str
    level: str = "equal"
    key: str | None = None
    tag: str | None = None  # visible label after the first span of a significant difference ("dose")


@dataclass(frozen=True, slots=True)
class Piece:
    """One block of a section as shown: a paragraph, a list item or a table (rows of cells of spans)."""

    kind: str
    spans: tuple[Span, ...] = ()
    depth: int = 0
    rows: tuple[tuple[tuple[Span, ...], ...], ...] = ()


@dataclass(frozen=True, slots=True)
class Cell:
    """One trust's side of an aligned row; `present` is False where the trust has no such section."""

    trust: str
    present: bool
    headings: tuple[str, ...] = ()
    pieces: tuple[Piece, ...] = ()


@dataclass(frozen=True, slots=True)
class Side:
    """One trust's wording of a difference: its whole sentence and the words that differ."""

    trust: str
    text: str
    changed: str
    section: str  # heading of the section it sits in
    path: Path | None = None


@dataclass(frozen=True, slots=True)
class Difference:
    key: str
    row: int
    level: str  # significant | changed | local | noise
    category: str
    categories: tuple[str, ...]
    significant: bool
    reason: str
    kind: str
    sides: tuple[Side, ...]
    moved: bool = False

    @property
    def anchor(self) -> str:
        return f"d-{self.key}"

    @property
    def label(self) -> str:
        return CATEGORY_LABELS.get(self.category, self.category)

    trusts: tuple[str, ...] = ()  # the trusts in `sides`, in group order


@dataclass(frozen=True, slots=True)
class Row:
    index: int
    heading: str
    cells: tuple[Cell, ...]
    significant: int
    differences: int

    @property
    def anchor(self) -> str:
        return f"row-{self.index}"

    @property
    def trusts(self) -> tuple[str, ...]:
        return tuple(c.trust for c in self.cells if c.present)

    @property
    def only_at(self) -> str | None:
        present = self.trusts
        return present[0] if len(present) == 1 and len(self.cells) > 1 else None


@dataclass(frozen=True, slots=True)
class ReviewData:
    """Everything the side-by-side page shows that depends on the documents only (not on decisions)."""

    trusts: tuple[str, ...]
    titles: dict[str, str] = field(hash=False)
    doc_ids: dict[str, str] = field(hash=False)
    rows: tuple[Row, ...] = ()
    differences: tuple[Difference, ...] = ()
    counts: dict[str, int] = field(default_factory=dict, hash=False)
    only_at: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    divergence: float = 0.0

    def by_level(self, level: str) -> list[Difference]:
        return [d for d in self.differences if d.level == level]

    def get(self, key: str) -> Difference | None:
        return next((d for d in self.differences if d.key == key), None)


def column_labels(members: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The name of each document's column in a group's review (document id -> label), from (trust, id).

    One document of a trust is named by the trust ("JPUH"); two or more of one trust (a person moved a
    second one in) are numbered in id order ("JPUH-1", "JPUH-2"), so each keeps its own column, its own
    words and its own choice in a decision ("adopt JPUH-2's text"), never merged under one name.
    """
    by_trust: dict[str, list[str]] = {}
    for trust, doc_id in sorted(members):
        by_trust.setdefault(trust, []).append(doc_id)
    labels = {}
    for trust, ids in by_trust.items():
        for n, doc_id in enumerate(ids, 1):
            labels[doc_id] = trust if len(ids) == 1 else f"{trust}-{n}"
    return labels


# --- differences -----------------------------------------------------------------------------------


def _level(c: Change) -> str:
    if c.significant:
        return "significant"
    if c.category == Category.LOCAL:
        return "local"
    if c.category == Category.NOISE or c.kind == ChangeKind.MOVE:
        return "noise"
    return "changed"


@dataclass(slots=True)
class _Entry:
    """One pairwise change, with each side's words, before merging across pairs."""

    change: Change
    sides: dict[str, tuple[Path | None, str, str]]  # trust -> (section path, sentence, changed words)
    pair: tuple[str, str]


def _entries(diff: DocumentDiff) -> Iterable[_Entry]:
    for c in diff.changes():
        sides: dict[str, tuple[Path | None, str, str]] = {}
        if c.a_text or c.a_section:
            sides[diff.a_trust] = (c.a_section, c.a_text, c.a_changed)
        if c.b_text or c.b_section:
            sides[diff.b_trust] = (c.b_section, c.b_text, c.b_changed)
        yield _Entry(c, sides, (diff.a_trust, diff.b_trust))


def _merge(entries: list[_Entry]) -> list[list[_Entry]]:
    """Union pairwise changes that are one difference seen from two pairs (same words at a shared trust).

    In a group of three, "5" at JPUH against "7" at QEH and "5" at JPUH against "6" at NNUH are one
    difference with three wordings. Changes from the same pair never merge; where the shared words are
    empty (an insertion point) the words at the other trusts must match too.
    """
    parent = list(range(len(entries)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index: dict[tuple[str, str, str, str], list[int]] = {}
    for n, e in enumerate(entries):
        for trust, (_, sentence, changed) in e.sides.items():
            index.setdefault((trust, sentence, changed, e.change.kind.value), []).append(n)
    for (_, _, changed, _), ids in index.items():
        for x in ids[1:]:
            a, b = entries[ids[0]], entries[x]
            if a.pair == b.pair:
                continue
            if not changed.strip():
                shared = set(a.sides) & set(b.sides)
                if {a.sides[t][2] for t in a.sides if t not in shared} != {
                    b.sides[t][2] for t in b.sides if t not in shared
                }:
                    continue
            if find(ids[0]) != find(x):
                parent[find(x)] = find(ids[0])
    groups: dict[int, list[_Entry]] = {}
    for n, e in enumerate(entries):
        groups.setdefault(find(n), []).append(e)
    return list(groups.values())


def merge_reasons(reasons: Sequence[str], trusts: Sequence[str]) -> str:
    """One reason from the pairwise reasons of one difference: each wording once, with the trusts saying it.

    Reads the diff's phrasings: "NAME: X at T1, Y at T2", "NAME: X (T1) vs Y (T2)" and "only T says this: X";
    anything else is kept as written (duplicates dropped).
    """
    unique = list(dict.fromkeys(reasons))
    if len(unique) == 1:
        return unique[0]
    names = "|".join(re.escape(t) for t in sorted(trusts, key=len, reverse=True))
    only = [re.fullmatch(rf"only ({names}) says this: (.+)", r) for r in unique]
    if all(only) and len({m.group(2) for m in only if m}) == 1:
        who = list(dict.fromkeys(m.group(1) for m in only if m))
        return f"only {_and(who)} say{'s' if len(who) == 1 else ''} this: {only[0].group(2)}"  # type: ignore[union-attr]
    at_re = re.compile(rf"(.+?) at ({names})(?:, |$)")
    vs_re = re.compile(rf"(.+?) \(({names})\)(?: vs |$)")
    values: dict[str, list[str]] = {}
    style = ""
    name = ""
    for r in unique:
        head, sep, rest = r.partition(": ")
        if not sep or (name and head.split()[-1] != name.split()[-1]):
            return "; ".join(unique)
        name = name or head
        for pattern, kind in ((at_re, "at"), (vs_re, "vs")):
            parts = list(pattern.finditer(rest))
            if parts and parts[-1].end() == len(rest) and "".join(p.group() for p in parts) == rest:
                style = style or kind
                for p in parts:
                    values.setdefault(p.group(1), [])
                    if p.group(2) not in values[p.group(1)]:
                        values[p.group(1)].append(p.group(2))
                break
        else:
            return "; ".join(unique)
    stated = {t for v, ts in values.items() if v != "not stated" for t in ts}
    if "not stated" in values:  # one pair saw no value in a sentence; another pair saw this trust's value
        values["not stated"] = [t for t in values["not stated"] if t not in stated]
    values = {v: ts for v, ts in values.items() if ts}
    order = {t: n for n, t in enumerate(trusts)}
    items = sorted(values.items(), key=lambda kv: min(order.get(t, 99) for t in kv[1]))
    if style == "vs":
        return f"{name}: " + " vs ".join(f"{v} ({', '.join(ts)})" for v, ts in items)
    return f"{name}: " + ", ".join(f"{v} at {_and(ts)}" for v, ts in items)


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# --- spans -----------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Mark:
    sentence: str
    changed: str
    level: str
    key: str
    tag: str | None


def _find(haystack: str, needle: str, start: int = 0) -> tuple[int, int] | None:
    """Where `needle` occurs in `haystack`, tolerating differences in whitespace."""
    if not needle:
        return None
    i = haystack.find(needle, start)
    if i >= 0:
        return i, i + len(needle)
    words = needle.split()
    if not words or words[0] not in haystack or words[-1] not in haystack:
        return None  # cheap test first: most marks belong to another block of the section
    m = re.compile(r"\s+".join(re.escape(w) for w in words)).search(haystack, start)
    return (m.start(), m.end()) if m else None


def _intervals(text: str, marks: Sequence[_Mark], cell_prefix: bool = False) -> list[tuple[int, int, _Mark]]:
    """Character ranges of `text` that the marks cover; a mark whose sentence is elsewhere is skipped."""
    out: list[tuple[int, int, _Mark]] = []
    taken: set[tuple[int, int, str]] = set()
    for m in marks:
        sentence = m.sentence
        where = _find(text, sentence)
        if where is None and cell_prefix:
            # Table cells are diffed as "row label: cell"; the cell itself is the end of the sentence.
            head, sep, tail = sentence.partition(": ")
            if sep and tail and tail.strip() == text.strip():
                sentence, where = tail, _find(text, tail)
        if where is None:
            continue
        s0, s1 = where
        if not m.changed or m.changed == m.sentence:
            out.append((s0, s1, m))
            continue
        # The changed words inside the sentence: the first occurrence not already claimed at this level.
        pos = s0
        found = None
        while True:
            hit = _find(text[:s1], m.changed, pos)
            if hit is None:
                break
            if (hit[0], hit[1], m.level) not in taken:
                found = hit
                break
            pos = hit[0] + 1
        if found is None:
            found = _find(text[:s1], m.changed, s0)
        if found is not None:
            taken.add((found[0], found[1], m.level))
            out.append((found[0], found[1], m))
    return out


def _spans(text: str, marks: Sequence[_Mark], cell_prefix: bool = False) -> tuple[Span, ...]:
    """Split text into spans; overlapping marks show the strongest level (and its difference)."""
    found = _intervals(text, marks, cell_prefix)
    if not found:
        return (Span(text),) if text else ()
    cuts = sorted({0, len(text), *(a for a, _, _ in found), *(b for _, b, _ in found)})
    spans: list[Span] = []
    tagged: set[str] = set()
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a == b:
            continue
        over = [m for s, e, m in found if s <= a and e >= b]
        best = max(over, key=lambda m: _RANK[m.level]) if over else None
        level, key = (best.level, best.key) if best else ("equal", None)
        if spans and spans[-1].level == level and spans[-1].key == key and spans[-1].tag is None:
            spans[-1] = Span(spans[-1].text + text[a:b], level, key)
        else:
            spans.append(Span(text[a:b], level, key))
    # The visible tag goes on the last span of each significant difference (after its words).
    out = list(spans)
    for n in range(len(out) - 1, -1, -1):
        s = out[n]
        if s.level == "significant" and s.key and s.key not in tagged:
            mark = next(m for _, _, m in found if m.key == s.key)
            out[n] = Span(s.text, s.level, s.key, mark.tag)
            tagged.add(s.key)
    return tuple(out)


def _piece(block: Block, marks: Sequence[_Mark]) -> Piece:
    if block.kind == BlockKind.TABLE and block.rows:
        rows = tuple(tuple(_spans(cell, marks, cell_prefix=True) for cell in row) for row in block.rows)
        # A row present at one side only is diffed as its cells joined with " | ".
        joined = {" | ".join(c for c in row if c.strip()): n for n, row in enumerate(block.rows)}
        whole = [m for m in marks if m.sentence in joined and m.changed == m.sentence]
        if whole:
            rows = tuple(
                tuple((Span(cell, m.level, m.key, m.tag),) if cell else () for cell in row)
                if (m := next((w for w in whole if joined[w.sentence] == n), None))
                else rows[n]
                for n, row in enumerate(block.rows)
            )
        return Piece("table", rows=rows)
    return Piece(block.kind.value, _spans(block.text, marks), depth=block.depth)


def _sections(doc: Document) -> dict[Path, tuple[str, tuple[Block, ...]]]:
    out: dict[Path, tuple[str, tuple[Block, ...]]] = {PREAMBLE: ("", doc.preamble)}
    for path, section in doc.walk():
        out[path] = (section.heading, section.blocks)
    return out


# --- building the page data ------------------------------------------------------------------------


def build_review(docs: Sequence[Document], diff: GroupDiff) -> ReviewData:
    """Rows of aligned sections with marked words, and the merged list of differences with stable keys."""
    trusts = tuple(d.trust for d in docs)
    differences = _differences(diff, trusts)
    return ReviewData(
        trusts=trusts,
        titles={d.trust: d.title for d in docs},
        doc_ids={d.trust: d.id for d in docs},
        rows=_rows(docs, diff, trusts, differences),
        differences=tuple(differences),
        counts=dict(diff.counts),
        only_at={k: v for k, v in diff.only_at.items() if v},
        divergence=diff.divergence,
    )


def _differences(diff: GroupDiff, trusts: tuple[str, ...]) -> list[Difference]:
    """The pairwise changes merged into differences, each with a key stable across recomputations, in
    reading order (by row, stronger first)."""
    row_of: dict[tuple[str, Path], int] = {}
    for n, r in enumerate(diff.rows):
        for trust, paths in r.paths.items():
            for p in paths:
                row_of[(trust, p)] = n
    entries = [e for d in diff.pairwise for e in _entries(d)]
    seen: dict[str, int] = {}
    differences = [_difference(group, trusts, row_of, seen) for group in _merge(entries)]
    differences.sort(key=lambda d: (d.row if d.row >= 0 else 10**6, -_RANK[d.level]))
    return differences


def _difference(
    group: Sequence[_Entry],
    trusts: tuple[str, ...],
    row_of: dict[tuple[str, Path], int],
    seen: dict[str, int],
) -> Difference:
    """One difference from the pairwise changes merged into it (`seen` counts the keys already given)."""
    changes = [e.change for e in group]
    sides: dict[str, tuple[Path | None, str, str]] = {}
    for e in group:
        for t, v in e.sides.items():
            sides.setdefault(t, v)
    primary = max(changes, key=lambda c: (c.significant, _RANK[_level(c)]))
    kind = primary.kind.value
    raw = [(t, *sides[t]) for t in trusts if t in sides]
    key = change_key(raw, kind)
    if key in seen:  # the same words changed twice in one sentence: keep both, distinctly
        seen[key] += 1
        key = f"{key[:13]}-{seen[key]}"
    else:
        seen[key] = 0
    rows = [row_of[(t, p)] for t, p, _, _ in raw if p is not None and (t, p) in row_of]
    shown = [c for c in changes if c.significant or not primary.significant]
    # One reason per category, every trust's wording in it: the same difference seen from two pairs is
    # told once ("dose: 5 mg at JPUH and NNUH, 7 mg at QEH").
    by_category: dict[Category, list[str]] = {}
    for c in shown:
        if c.reason:
            by_category.setdefault(c.category, []).append(c.reason)
    return Difference(
        key=key,
        row=min(rows) if rows else -1,
        level=_level(primary),
        category=primary.category.value,
        categories=tuple(dict.fromkeys(x.value for c in changes for x in (c.categories or (c.category,)))),
        significant=primary.significant,
        reason="; ".join(merge_reasons(rs, trusts) for rs in by_category.values()),
        kind=kind,
        sides=tuple(Side(t, s, c, strip_heading_number(p[-1]) if p else "", p) for t, p, s, c in raw),
        moved=primary.kind == ChangeKind.MOVE,
        trusts=tuple(t for t, *_ in raw),
    )


def _rows(
    docs: Sequence[Document], diff: GroupDiff, trusts: tuple[str, ...], differences: Sequence[Difference]
) -> tuple[Row, ...]:
    """The side-by-side rows: each trust's blocks of an aligned section, their changed words marked."""
    by_trust_path: dict[tuple[str, Path], list[_Mark]] = {}
    for d in differences:
        tag = f"Significant: {d.label}" if d.significant else None
        for side in d.sides:
            if side.path is not None and side.text:
                by_trust_path.setdefault((side.trust, side.path), []).append(
                    _Mark(side.text, side.changed, d.level, d.key, tag)
                )
    for ms in by_trust_path.values():  # stronger differences claim their words first
        ms.sort(key=lambda m: -_RANK[m.level])
    sections = {d.trust: _sections(d) for d in docs}
    rows: list[Row] = []
    for n, r in enumerate(diff.rows):
        cells = []
        for t in trusts:
            paths = r.paths.get(t, ())
            if not paths:
                cells.append(Cell(t, False))
                continue
            headings, pieces = [], []
            for p in paths:
                heading, blocks = sections[t].get(p, ("", ()))
                if heading:
                    headings.append(heading)
                ms = by_trust_path.get((t, p), [])
                pieces += [_piece(b, ms) for b in blocks if b.layer == Layer.BODY and (b.text or b.rows)]
            cells.append(Cell(t, True, tuple(headings), tuple(pieces)))
        in_row = [d for d in differences if d.row == n]
        rows.append(Row(n, r.heading, tuple(cells), sum(1 for d in in_row if d.significant), len(in_row)))
    return tuple(rows)
