"""Changes between aligned sections as data: sentences paired first, then words diffed within pairs.

Diffing sentences before words keeps the work proportional to what changed (unrelated text never reaches
the word diff), lets a sentence that moved be recognised as a move, and gives every change its whole
sentence as readable context. Tables are compared cell by cell, rows aligned by their first cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

import numpy as np
from rapidfuzz import fuzz, process
from scipy.sparse import csr_matrix

from converge.core.diff.align import SectionMatch, SectionUnit, linear_sum_assignment
from converge.core.diff.context import DiffContext
from converge.core.diff.result import Category, Change, ChangeKind, Path
from converge.core.diff.significance import STOPWORDS, Verdict, classify, name_sides
from converge.core.diff.tokens import (
    Token,
    broken_alike,
    sentence_key,
    split_sentences,
    squeeze,
    strip_bullet,
    strip_heading_number,
    tokenise,
)
from converge.core.model import BlockKind, Layer

BULLET_KEYS = frozenset("•·▪◦‣●○■□➢►")
PAIR_FLOOR_NEAR = 0.35  # sentences in the same changed stretch pair from this similarity
PAIR_FLOOR_FAR = 0.5  # sentences elsewhere in the section pair (moved) need more
PAIR_FLOOR_LOOSE = 0.2  # ... and, once nothing better is left in the section pair, from this
WHOLE_SENTENCE_BELOW = 0.45  # pairs less alike than this are shown as one rewritten sentence
MOVE_FLOOR = 0.5  # a deleted and an inserted sentence this alike, in different sections, are a move
ROW_FLOOR = 0.5
ROW_LABEL_FLOOR = 0.5  # first cells less alike than this are different rows, wherever they stand
SENTENCE_HEADING_WORDS = 8  # a "heading" this long is a sentence
MIN_SPLIT_CHARS = 12  # words shorter than this (squeezed) are too common to say "found at the other side"
CITATION_SECTIONS = frozenset(
    {"references", "related"}
)  # standard sections that list documents cited  # table rows pair when their first cells are this alike


@dataclass(slots=True)
class Unit:
    """A sentence (or a table cell or row) on one side, with its tokens and where it sits."""

    text: str
    key: str
    tokens: list[Token]
    path: Path
    offset: int  # token offset within this side of the section pair


def _unit(text: str, path: Path, offset: int) -> Unit:
    tokens = tokenise(text)
    return Unit(text, " ".join(t.key for t in tokens if t.key not in BULLET_KEYS), tokens, path, offset)


Table = tuple[Path, tuple[tuple[str, ...], ...], int]  # where, its rows, how many sentences precede it


def side_units(units: Sequence[SectionUnit]) -> tuple[list[Unit], list[Table]]:
    """Sentences and tables (kept whole, for cell-by-cell comparison) of a pair's side, in order; each
    table knows its place among the sentences, so its rows can be compared where the document has them."""
    sentences: list[Unit] = []
    tables: list[Table] = []
    offset = 0
    for u in units:
        blocks = u.section.blocks if u.section is not None else ()
        texts: list[str] = []
        if u.section is None:
            texts = u.text.split("\n")
        elif len(u.title.split()) >= SENTENCE_HEADING_WORDS and u.section.heading:
            # A numbered recommendation or a first line a parser took for a heading is text: compared as
            # text, it still pairs with the same words laid out as a paragraph at the other side.
            texts.append(strip_heading_number(u.section.heading))
        citations = u.canon in CITATION_SECTIONS
        in_item = False
        after_table = False
        table_at: list[tuple[int, Path, tuple[tuple[str, ...], ...]]] = []  # (index in texts, ...)
        for b in blocks:
            if b.layer != Layer.BODY:
                continue
            if b.kind == BlockKind.TABLE and b.rows:
                table_at.append((len(texts), u.path, b.rows))
                after_table = True
                continue
            text = strip_bullet(b.text).strip()
            if not text:
                continue
            # A paragraph broken at a page or line end (common in PDFs) continues in lower case; in a
            # reference list, plain lines after a list item are the rest of that item. Never across a
            # table: the table stands between them.
            if (
                texts
                and not after_table
                and (
                    text[:1].islower()
                    and not texts[-1].rstrip().endswith((".", "!", "?", ":"))
                    or citations
                    and in_item
                    and b.kind == BlockKind.PARAGRAPH
                )
            ):
                texts[-1] = f"{texts[-1]} {text}"
            else:
                texts.append(text)
                in_item = b.kind == BlockKind.LIST_ITEM
            after_table = False
        k = 0
        for t, text in enumerate(texts):
            while k < len(table_at) and table_at[k][0] <= t:
                tables.append((table_at[k][1], table_at[k][2], len(sentences)))
                k += 1
            # A reference is one unit: "Report of a working party. 2012." is not two sentences.
            for s in [text] if citations else _sentences(text):
                unit = _unit(s, u.path, offset)
                offset += len(unit.tokens)
                sentences.append(unit)
        tables += [(path, rows, len(sentences)) for _, path, rows in table_at[k:]]
    return sentences, tables


def _sentences(text: str) -> list[str]:
    """Sentences of a block; fragments under four words ("2017.", "Yes.") rejoin their neighbour."""
    out: list[str] = []
    for piece in split_sentences(text):
        if out and (len(piece.split()) < 4 or len(out[-1].split()) < 4):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def _table_rows(table: Table) -> list[Unit]:
    path, rows, _ = table
    return [_row_unit(row, path) for row in rows if any(c.strip() for c in row)]


def in_document_order(sentences: list[Unit], rows_at: Sequence[tuple[int, list[Unit]]]) -> list[Unit]:
    """Sentences with table rows put back where their table stands (rows_at: sentence index, rows), token
    offsets counted again. A table printed as prose at the other side then faces the same words in the
    same place, so a sentence cut around it is rejoined like any other layout, never left for the end."""
    out: list[Unit] = []
    k = 0
    rows_at = sorted(rows_at, key=lambda t: t[0])
    for i in range(len(sentences) + 1):
        while k < len(rows_at) and rows_at[k][0] <= i:
            out += rows_at[k][1]
            k += 1
        if i < len(sentences):
            out.append(sentences[i])
    offset = 0
    for u in out:
        u.offset = offset
        offset += len(u.tokens)
    return out


def all_units(sentences: list[Unit], tables: Sequence[Table]) -> list[Unit]:
    """A side's sentences and every table row, in document order."""
    return in_document_order(sentences, [(t[2], _table_rows(t)) for t in tables])


def _filled(row: tuple[str, ...]) -> tuple[str, ...]:
    """A row without its empty cells when it has any filled one (an all-empty row stays as it is)."""
    cells = tuple(c for c in row if c.strip())
    return cells if cells else row


def _row_unit(row: tuple[str, ...], path: Path) -> Unit:
    return _unit(" | ".join(c for c in row if c.strip()), path, 0)


def _layout_run(a: Sequence[Unit], b: Sequence[Unit], from_end: bool = False) -> tuple[int, int]:
    """How many units at the start (or end) of `a` and `b` spell the same text once layout is set aside:
    a sentence cut in two by a page or cell break, words broken at a line end, a row split differently."""
    if from_end:
        a, b = a[::-1], b[::-1]
    i = j = 0
    sa = sb = ""
    best = (0, 0)
    while True:
        if sa and sa == sb:
            best = (i, j)
        if len(sa) <= len(sb) and i < len(a):
            piece = squeeze(a[i].text)
            sa = piece + sa if from_end else sa + piece
            i += 1
        elif len(sb) < len(sa) and j < len(b):
            piece = squeeze(b[j].text)
            sb = piece + sb if from_end else sb + piece
            j += 1
        else:
            break
        ok = (sa.endswith(sb) or sb.endswith(sa)) if from_end else (sa.startswith(sb) or sb.startswith(sa))
        if not ok:
            break
    if sa and sa == sb:
        best = (i, j)
    return best


class PairDiffer:
    """Diffs one section pair; sentences it cannot place are left for cross-section move detection."""

    def __init__(self, context: DiffContext, names: tuple[str, str] = ("the first", "the second")) -> None:
        self.context = context
        self.names = names  # who says each side, named in reasons

    def diff(self, m: SectionMatch) -> tuple[list[Change], list[Unit], list[Unit], list[str], list[str]]:
        """Changes of a section pair, the units left unpaired at each side, and every unit's text."""
        a_sent, a_tables = side_units(m.a)
        b_sent, b_tables = side_units(m.b)
        changes: list[Change] = []
        # Tables at both sides are compared cell by cell; a table facing prose is compared as rows of text.
        # Rows left unpaired join the sentences: a row re-laid out (split, merged, other columns) still pairs.
        # Unpaired rows and tables stay where the document has them (see in_document_order).
        n = min(len(a_tables), len(b_tables))
        a_rows: list[tuple[int, list[Unit]]] = []
        b_rows: list[tuple[int, list[Unit]]] = []
        for (pa, ra, ia), (pb, rb, ib) in zip(a_tables[:n], b_tables[:n], strict=True):
            more, la, lb = self.diff_table(pa, ra, pb, rb)
            changes += more
            a_rows.append((ia, la))
            b_rows.append((ib, lb))
        a_rows += [(t[2], _table_rows(t)) for t in a_tables[n:]]
        b_rows += [(t[2], _table_rows(t)) for t in b_tables[n:]]
        a_sent = in_document_order(a_sent, a_rows)
        b_sent = in_document_order(b_sent, b_rows)
        more, a_left, b_left = self.diff_sentences(a_sent, b_sent)
        return changes + more, a_left, b_left, [u.text for u in a_sent], [u.text for u in b_sent]

    def diff_sentences(self, a: list[Unit], b: list[Unit]) -> tuple[list[Change], list[Unit], list[Unit]]:
        """Changes between two sections' sentences, and the sentences each side has that the other lacks.

        Sentences are paired closest first, then the rewrites left within one changed stretch in order,
        then rewrites that moved within the section; whatever stays unpaired is one-sided.
        """
        # Each side's whole text, layout removed: words cut off a sentence at one side and found here at
        # the other are the same text split elsewhere (a page or cell break), not a difference.
        self.squeezed = (squeeze(" ".join(u.text for u in a)), squeeze(" ".join(u.text for u in b)))
        changes, a_open, b_open = self._open_stretches(a, b)
        if not a_open or not b_open:
            return changes, [a[i] for i, _ in a_open], [b[j] for j, _ in b_open]
        rest = _OpenSentences(a, b, a_open, b_open)
        sim = similarity_matrix([a[i] for i, _ in a_open], [b[j] for j, _ in b_open])
        changes += self._diff_closest(rest, sim)
        changes += self._diff_stretch_rewrites(rest)
        changes += self._diff_loose_rewrites(rest, sim)
        return changes, *rest.left()

    def _open_stretches(
        self, a: list[Unit], b: list[Unit]
    ) -> tuple[list[Change], list[tuple[int, int]], list[tuple[int, int]]]:
        """Word changes of sentences equal but for case or spelling, and every sentence of the changed
        stretches as (index, stretch number), their layout-only ends trimmed off."""
        changes: list[Change] = []
        sm = SequenceMatcher(None, [u.key for u in a], [u.key for u in b], autojunk=False)
        a_open: list[tuple[int, int]] = []
        b_open: list[tuple[int, int]] = []
        for n, (tag, i1, i2, j1, j2) in enumerate(sm.get_opcodes()):
            if tag == "equal":
                for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                    if a[i].text != b[j].text:
                        changes += self.diff_words(a[i], b[j])
                continue
            if i2 > i1 and j2 > j1:
                ka, kb = _layout_run(a[i1:i2], b[j1:j2])
                i1, j1 = i1 + ka, j1 + kb
                ea, eb = _layout_run(a[i1:i2], b[j1:j2], from_end=True)
                i2, j2 = i2 - ea, j2 - eb
            a_open += [(i, n) for i in range(i1, i2)]
            b_open += [(j, n) for j in range(j1, j2)]
        return changes, a_open, b_open

    def _diff_closest(self, rest: _OpenSentences, sim: np.ndarray) -> list[Change]:
        """The best one-to-one pairing, a pair within one changed stretch preferred to a moved one."""
        same = np.array([[sa == sb for _, sb in rest.b_open] for _, sa in rest.a_open])
        rows, cols = linear_sum_assignment(-np.where(same, sim + 0.1, sim))
        pairs = [
            (r, c)
            for r, c in zip(rows, cols, strict=True)
            if sim[r, c] >= (PAIR_FLOOR_NEAR if same[r, c] else PAIR_FLOOR_FAR)
        ]
        for r, c in pairs:
            rest.pair(r, c)
        changes: list[Change] = []
        for r, c in pairs:
            if same[r, c]:
                # One sentence at one side, cut in two at the other (a short fragment joined to its
                # neighbour at one side only, a line or page break): the neighbour left unpaired beside
                # the pair is the rest of the same sentence, compared with it, not one-sided.
                changes += self.diff_words(*rest.joined(r, c))
            else:
                changes += self.diff_words(rest.a_unit(r), rest.b_unit(c), moved=True)
        return changes

    def _diff_stretch_rewrites(self, rest: _OpenSentences) -> list[Change]:
        """Sentences still unpaired within one changed stretch are its rewrites: paired in order, so a
        sentence rewritten beyond recognition is compared with what replaced it, not reported twice."""
        changes: list[Change] = []
        stretches = {n for _, n in rest.a_open} & {n for _, n in rest.b_open}
        for n in sorted(stretches):
            rest_a = [k for k, (_, sa) in enumerate(rest.a_open) if sa == n and k not in rest.paired_a]
            rest_b = [k for k, (_, sb) in enumerate(rest.b_open) if sb == n and k not in rest.paired_b]
            while rest_a and rest_b:
                r, c = rest_a.pop(0), rest_b.pop(0)
                rest.pair(r, c)
                ua, ub = rest.joined(r, c)
                rest_a = [k for k in rest_a if k not in rest.paired_a]
                rest_b = [k for k in rest_b if k not in rest.paired_b]
                changes += self.diff_words(ua, ub)
        return changes

    def _diff_loose_rewrites(self, rest: _OpenSentences, sim: np.ndarray) -> list[Change]:
        """Last, rewrites that moved within the section: loosely alike sentences left on both sides."""
        rest_a = [k for k in range(len(rest.a_open)) if k not in rest.paired_a]
        rest_b = [k for k in range(len(rest.b_open)) if k not in rest.paired_b]
        if not (rest_a and rest_b):
            return []
        sub = sim[np.ix_(rest_a, rest_b)]
        loose = [
            (rest_a[r], rest_b[c])
            for r, c in zip(*linear_sum_assignment(-sub), strict=True)
            if sub[r, c] >= PAIR_FLOOR_LOOSE
        ]
        for r, c in loose:
            rest.pair(r, c)
        changes: list[Change] = []
        for r, c in loose:
            changes += self.diff_words(*rest.joined(r, c))
        return changes

    def diff_words(self, ua: Unit, ub: Unit, *, moved: bool = False) -> list[Change]:
        """Word-level changes within one sentence pair (a move first, if the sentence moved)."""
        out: list[Change] = []
        if moved:
            v = Verdict(Category.NOISE, False, "moved" + (" and edited" if ua.key != ub.key else ""))
            out.append(self._change(ChangeKind.MOVE, ua, ub, None, None, v))
        if ua.key != ub.key and (squeeze(ua.text) == squeeze(ub.text) or broken_alike(ua.text, ub.text)):
            # The same letters and numbers, cut into words differently (a narrow column's broken words).
            v = Verdict(Category.NOISE, False, "the same words, laid out differently")
            out.append(self._change(ChangeKind.REPLACE, ua, ub, (0, len(ua.tokens)), (0, len(ub.tokens)), v))
            return out
        if ua.key == ub.key:
            if ua.text != ub.text and not moved:
                v = classify(ua.text, ub.text, (0, len(ua.text)), (0, len(ub.text)), self.context)
                out.append(
                    self._change(ChangeKind.REPLACE, ua, ub, (0, len(ua.tokens)), (0, len(ub.tokens)), v)
                )
            return out
        ka, kb = [t.key for t in ua.tokens], [t.key for t in ub.tokens]
        sm = SequenceMatcher(None, ka, kb, autojunk=False)
        if sm.ratio() < WHOLE_SENTENCE_BELOW:
            v = classify(ua.text, ub.text, (0, len(ua.text)), (0, len(ub.text)), self.context)
            out.append(self._change(ChangeKind.REPLACE, ua, ub, (0, len(ka)), (0, len(kb)), v))
            return out
        for i1, i2, j1, j2 in _word_groups(ua, ub, sm):
            a_span = _char_span(ua.tokens, i1, i2)
            b_span = _char_span(ub.tokens, j1, j2)
            v = self._split_elsewhere(ua, ub, i1, i2, j1, j2) or classify(
                ua.text, ub.text, a_span, b_span, self.context
            )
            kind = (
                ChangeKind.REPLACE
                if i2 > i1 and j2 > j1
                else ChangeKind.DELETE
                if i2 > i1
                else ChangeKind.INSERT
            )
            out.append(self._change(kind, ua, ub, (i1, i2), (j1, j2), v))
        return out

    def diff_table(
        self, pa: Path, ra: tuple[tuple[str, ...], ...], pb: Path, rb: tuple[tuple[str, ...], ...]
    ) -> tuple[list[Change], list[Unit], list[Unit]]:
        """Cell-by-cell changes, rows paired by first-cell similarity and columns by position; rows left
        unpaired are returned as units, to be compared with the rest of the section."""
        out: list[Change] = []
        if not ra or not rb:
            return out, [], []
        # Empty cells are layout (merged cells, a PDF's extra column): columns count from the filled ones.
        ra = tuple(_filled(r) for r in ra)
        rb = tuple(_filled(r) for r in rb)
        paired = _pair_rows(ra, rb)
        for r, c in sorted(paired.items()):
            out += self._diff_row(pa, ra[r], pb, rb[c])
        left_a = [_row_unit(ra[r], pa) for r in range(len(ra)) if r not in paired and any(ra[r])]
        taken = set(paired.values())
        left_b = [_row_unit(rb[c], pb) for c in range(len(rb)) if c not in taken and any(rb[c])]
        return out, left_a, left_b

    def _diff_row(self, pa: Path, row_a: tuple[str, ...], pb: Path, row_b: tuple[str, ...]) -> list[Change]:
        """Two paired rows compared cell by cell, each cell read with its row's label ("Under 50 kg: 20")."""
        text_a, text_b = " ".join(row_a), " ".join(row_b)
        if squeeze(text_a) == squeeze(text_b) or broken_alike(text_a, text_b):
            return []  # the same words, laid out in other cells
        if len([x for x in row_a if x.strip()]) != len([x for x in row_b if x.strip()]):
            # Cells split or merged differently: compare the rows as text, not column by column.
            return self.diff_words(_row_unit(row_a, pa), _row_unit(row_b, pb))
        out: list[Change] = []
        label = row_a[0] if row_a else ""
        for k in range(max(len(row_a), len(row_b))):
            ta = row_a[k] if k < len(row_a) else ""
            tb = row_b[k] if k < len(row_b) else ""
            if ta == tb:
                continue
            prefix_a = f"{label}: " if k else ""
            prefix_b = f"{row_b[0]}: " if k and row_b else ""
            ua = _unit(prefix_a + ta, pa, 0)
            ub = _unit(prefix_b + tb, pb, 0)
            if not ta.strip() or not tb.strip():
                a_span, b_span = (len(prefix_a), len(ua.text)), (len(prefix_b), len(ub.text))
                v = classify(ua.text, ub.text, a_span, b_span, self.context)
                kind = ChangeKind.INSERT if not ta.strip() else ChangeKind.DELETE
                out.append(self._change(kind, ua, ub, None, None, v))
            else:
                out += self.diff_words(ua, ub)
        return out

    def _split_elsewhere(self, ua: Unit, ub: Unit, i1: int, i2: int, j1: int, j2: int) -> Verdict | None:
        """Words missing at the start or end of one side's sentence that the other side's section holds
        word for word: the sentence was cut at another point, nothing was removed."""
        squeezed = getattr(self, "squeezed", None)
        if squeezed is None or (i2 > i1 and j2 > j1):
            return None
        if i2 > i1 and (i1 == 0 or i2 == len(ua.tokens)):
            missing, other = squeeze(ua.text[ua.tokens[i1].start : ua.tokens[i2 - 1].end]), squeezed[1]
        elif j2 > j1 and (j1 == 0 or j2 == len(ub.tokens)):
            missing, other = squeeze(ub.text[ub.tokens[j1].start : ub.tokens[j2 - 1].end]), squeezed[0]
        else:
            return None
        if len(missing) >= MIN_SPLIT_CHARS and missing in other:
            return Verdict(Category.NOISE, False, "the same words, split between sentences differently")
        return None

    def _squeezed_scope(self, scope: Sequence[str]) -> str:
        """The squeezed text of a scope, once per scope (every one-sided sentence of a section shares it)."""
        cached = getattr(self, "_scope_cache", None)
        if cached is not None and cached[0] is scope:
            return cached[1]
        text = squeeze(" ".join(scope))
        self._scope_cache = (scope, text)
        return text

    def one_sided(self, u: Unit, *, side: str, scope: Sequence[str] = ()) -> Change:
        """A sentence at one side only; significant if it states a clinical feature the other lacks. Its
        words found unchanged in the other side's section (laid out another way) are not a difference."""
        text = squeeze(u.text)
        if scope and len(text) >= MIN_SPLIT_CHARS and text in self._squeezed_scope(scope):
            v = Verdict(Category.NOISE, False, "the same words, laid out differently at the other side")
            if side == "a":
                return self._change(ChangeKind.DELETE, u, None, (0, len(u.tokens)), None, v)
            return self._change(ChangeKind.INSERT, None, u, None, (0, len(u.tokens)), v)
        if side == "a":
            v = classify(u.text, "", (0, len(u.text)), None, self.context, b_scope=scope)
            return self._change(ChangeKind.DELETE, u, None, (0, len(u.tokens)), None, v)
        v = classify("", u.text, None, (0, len(u.text)), self.context, a_scope=scope)
        return self._change(ChangeKind.INSERT, None, u, None, (0, len(u.tokens)), v)

    def _change(
        self,
        kind: ChangeKind,
        ua: Unit | None,
        ub: Unit | None,
        ra: tuple[int, int] | None,
        rb: tuple[int, int] | None,
        v: Verdict,
    ) -> Change:
        def changed(u: Unit | None, r: tuple[int, int] | None) -> str:
            if u is None:
                return ""
            if r is None:
                return u.text
            span = _char_span(u.tokens, *r)
            return u.text[span[0] : span[1]] if span else ""

        return Change(
            kind=kind,
            a_text=ua.text if ua else "",
            b_text=ub.text if ub else "",
            a_changed=changed(ua, ra),
            b_changed=changed(ub, rb),
            a_section=ua.path if ua else None,
            b_section=ub.path if ub else None,
            a_pos=(ua.offset + ra[0], ua.offset + ra[1])
            if ua and ra
            else (ua.offset, ua.offset + len(ua.tokens))
            if ua
            else None,
            b_pos=(ub.offset + rb[0], ub.offset + rb[1])
            if ub and rb
            else (ub.offset, ub.offset + len(ub.tokens))
            if ub
            else None,
            category=v.category,
            significant=v.significant,
            reason=name_sides(v.reason, *self.names),
            categories=v.categories or (v.category,),
        )


@dataclass
class _OpenSentences:
    """The sentences of two sections' changed stretches, as (index, stretch number), and those paired."""

    a: list[Unit]
    b: list[Unit]
    a_open: list[tuple[int, int]]
    b_open: list[tuple[int, int]]
    paired_a: set[int] = field(default_factory=set)
    paired_b: set[int] = field(default_factory=set)

    def a_unit(self, r: int) -> Unit:
        return self.a[self.a_open[r][0]]

    def b_unit(self, c: int) -> Unit:
        return self.b[self.b_open[c][0]]

    def pair(self, r: int, c: int) -> None:
        self.paired_a.add(r)
        self.paired_b.add(c)

    def joined(self, r: int, c: int) -> tuple[Unit, Unit]:
        """The pair, each joined with the unpaired rest of its sentence when cut in two (see _join_cut)."""
        ua = _join_cut(self.a_unit(r), self.b_unit(c), self.a, self.a_open, r, self.paired_a)
        ub = _join_cut(self.b_unit(c), ua, self.b, self.b_open, c, self.paired_b)
        return ua, ub

    def left(self) -> tuple[list[Unit], list[Unit]]:
        a_left = [self.a[i] for k, (i, _) in enumerate(self.a_open) if k not in self.paired_a]
        b_left = [self.b[j] for k, (j, _) in enumerate(self.b_open) if k not in self.paired_b]
        return a_left, b_left


def _word_groups(ua: Unit, ub: Unit, sm: SequenceMatcher[str]) -> list[tuple[int, int, int, int]]:
    """The changed word stretches (i1, i2, j1, j2) of a sentence pair.

    Case or spelling differences inside equal stretches are their own (noise) groups, still reported;
    two changes parted by no more than two stop words or punctuation are one change.
    """
    groups: list[list[int]] = []  # [i1, i2, j1, j2, inside an equal stretch]
    last_equal: tuple[int, int] | None = None
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            last_equal = (i1, i2)
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                if ua.tokens[i].text != ub.tokens[j].text:
                    groups.append([i, i + 1, j, j + 1, 1])
            continue
        bridge = (
            last_equal is not None
            and groups
            and groups[-1][1] == last_equal[0]
            and not groups[-1][4]
            and last_equal[1] - last_equal[0] <= 2
            and all(t.key in STOPWORDS or not t.is_word for t in ua.tokens[last_equal[0] : last_equal[1]])
        )
        if bridge:
            groups[-1][1], groups[-1][3] = i2, j2
        else:
            groups.append([i1, i2, j1, j2, 0])
        last_equal = None
    return [(i1, i2, j1, j2) for i1, i2, j1, j2, _ in groups]


def _pair_rows(ra: tuple[tuple[str, ...], ...], rb: tuple[tuple[str, ...], ...]) -> dict[int, int]:
    """Rows of two tables paired by their first cells, row order breaking ties."""
    firsts_a = [sentence_key(r[0]) if r else "" for r in ra]
    firsts_b = [sentence_key(r[0]) if r else "" for r in rb]
    sim = process.cdist(firsts_a, firsts_b, scorer=fuzz.ratio, dtype=np.float32, workers=1) / 100.0
    # Row order is a tie-breaker: tables often share labels ("Under 50 kg" vs "Under 45 kg").
    pos = 1 - np.abs(
        np.arange(len(ra))[:, None] / max(1, len(ra) - 1) - np.arange(len(rb))[None, :] / max(1, len(rb) - 1)
    )
    rows, cols = linear_sum_assignment(-(sim + 0.3 * pos))
    return {
        int(r): int(c)
        for r, c in zip(rows, cols, strict=True)
        # Position only breaks ties: rows whose labels differ are not paired for standing at the same
        # height (a table split across pages shifts every row); they are compared with the sentences.
        if sim[r, c] >= ROW_LABEL_FLOOR and sim[r, c] + 0.3 * pos[r, c] >= ROW_FLOOR
    }


def _join_cut(
    u: Unit, other: Unit, units: list[Unit], opens: list[tuple[int, int]], k: int, paired: set[int]
) -> Unit:
    """`u` (units[opens[k][0]]) joined with an unpaired neighbour of its changed stretch when the two read
    more like `other` than `u` alone; a neighbour joined is marked paired."""
    best, score = u, fuzz.ratio(u.key, other.key)
    for nb in (k - 1, k + 1):
        if not 0 <= nb < len(opens) or nb in paired or opens[nb][1] != opens[k][1]:
            continue
        if abs(opens[nb][0] - opens[k][0]) != 1:
            continue
        n = units[opens[nb][0]]
        first, second = (n, best) if nb < k else (best, n)
        joined = _unit(f"{first.text} {second.text}", first.path, first.offset)
        joined_score = fuzz.ratio(joined.key, other.key)
        if joined_score > score and joined_score >= 100 * WHOLE_SENTENCE_BELOW:
            best, score = joined, joined_score
            paired.add(nb)
    return best


def _char_span(tokens: list[Token], i1: int, i2: int) -> tuple[int, int] | None:
    """Character span covering tokens i1..i2; an empty range gives the point where words were inserted."""
    if not tokens:
        return (0, 0)
    if i2 > i1:
        return tokens[i1].start, tokens[i2 - 1].end
    at = tokens[i1].start if i1 < len(tokens) else tokens[-1].end
    return at, at


def _content(u: Unit) -> frozenset[str]:
    return frozenset(t.key for t in u.tokens if t.is_word and t.key not in STOPWORDS)


def similarity_matrix(a: list[Unit], b: list[Unit]) -> np.ndarray:
    """Sentence likeness in [0, 1]: the better of shared content words (Dice, for every pair, by one sparse
    product) and character similarity (only where words overlap), so a sentence reworded around the same
    facts ('travels with' / 'does not travel with') still pairs and unrelated text stays cheap."""
    ca, cb = [_content(u) for u in a], [_content(u) for u in b]
    if len(a) * len(b) <= 400:  # few sentences: plain loops beat building sparse matrices
        sim = np.zeros((len(a), len(b)), dtype=np.float32)
        for i, x in enumerate(ca):
            for j, y in enumerate(cb):
                dice = 0.9 * 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0
                sim[i, j] = max(dice, fuzz.ratio(a[i].key, b[j].key) / 100.0) if dice >= 0.27 else dice
        return sim
    vocab: dict[str, int] = {}
    for words in ca + cb:
        for w in words:
            vocab.setdefault(w, len(vocab))
    if not vocab:
        return np.zeros((len(a), len(b)), dtype=np.float32)
    ma, mb = _binary(ca, vocab), _binary(cb, vocab)
    shared = (ma @ mb.T).toarray().astype(np.float32)
    sizes = (
        np.array([len(x) for x in ca], dtype=np.float32)[:, None] + np.array([len(y) for y in cb])[None, :]
    )
    sim = 0.9 * np.divide(2 * shared, sizes, out=np.zeros_like(shared), where=sizes > 0)
    for i, j in zip(*np.nonzero(sim >= 0.27), strict=True):
        r = fuzz.ratio(a[i].key, b[j].key) / 100.0
        if r > sim[i, j]:
            sim[i, j] = r
    return sim


def _binary(sets: list[frozenset[str]], vocab: dict[str, int]) -> csr_matrix:
    rows = [i for i, s in enumerate(sets) for _ in s]
    cols = [vocab[w] for s in sets for w in s]
    return csr_matrix((np.ones(len(cols), dtype=np.float32), (rows, cols)), shape=(len(sets), len(vocab)))


def match_moves(a_left: list[Unit], b_left: list[Unit]) -> list[tuple[int, int, float]]:
    """Pairs (a index, b index, similarity) of leftover sentences alike enough to be one moved sentence."""
    if not a_left or not b_left:
        return []
    sim = similarity_matrix(a_left, b_left)
    sim[sim < MOVE_FLOOR] = 0
    if not sim.any():
        return []
    rows, cols = linear_sum_assignment(-sim)
    return [
        (int(r), int(c), float(sim[r, c])) for r, c in zip(rows, cols, strict=True) if sim[r, c] >= MOVE_FLOOR
    ]
