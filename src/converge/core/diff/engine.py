"""diff_documents: align sections, diff each pair, then find sentences that moved between sections."""

from __future__ import annotations

from dataclasses import replace

from converge.core.diff.align import SectionMatch, align_documents
from converge.core.diff.changes import PairDiffer, Unit, all_units, match_moves, side_units
from converge.core.diff.context import DEFAULT_CONTEXT, DiffContext
from converge.core.diff.result import Category, Change, DocumentDiff, SectionPair
from converge.core.diff.tokens import squeeze, strip_heading_number
from converge.core.model import Document


def _all_units(m: SectionMatch) -> tuple[list[Unit], list[Unit]]:
    a_sent, a_tables = side_units(m.a)
    b_sent, b_tables = side_units(m.b)
    return all_units(a_sent, a_tables), all_units(b_sent, b_tables)


def diff_documents(
    a: Document, b: Document, context: DiffContext | None = None, matches: list[SectionMatch] | None = None
) -> DocumentDiff:
    """Every difference between the body text of two documents, aligned by section and classified."""
    context = context or DEFAULT_CONTEXT
    matches = matches if matches is not None else align_documents(a, b)
    differ = PairDiffer(context, _names(a, b))
    per_match, moves = _section_changes(differ, matches)
    # Words one side lacks in this section pair but states word for word in another section were moved
    # (a page or section break fell elsewhere), not removed.
    if any(_one_sided(c) for cs in (*per_match, moves) for c in cs):
        whole = (squeeze(a.body_text()), squeeze(b.body_text()))
        per_match = [[_moved_text(c, whole, differ.names) for c in cs] for cs in per_match]
        moves = [_moved_text(c, whole, differ.names) for c in moves]
    pairs = tuple(_section_pair(m, changes) for m, changes in zip(matches, per_match, strict=True))
    return DocumentDiff(
        a.id, b.id, a.trust, b.trust, a.title, b.title, pairs, tuple(moves), _similarity(a, b, pairs, moves)
    )


def _section_changes(
    differ: PairDiffer, matches: list[SectionMatch]
) -> tuple[list[list[Change]], list[Change]]:
    """The changes of each section pair, and the sentences that moved between sections.

    A sentence left over in one section pair is first sought among the other pairs' leftovers (a move);
    only then is it one-sided, judged against everything the other side says in the same section pair:
    a fact stated there in another sentence (or a sentence cut differently) is not missing.
    """
    per_match: list[list[Change]] = []
    a_left: list[tuple[int, Unit]] = []
    b_left: list[tuple[int, Unit]] = []
    texts_a: dict[int, list[str]] = {}
    texts_b: dict[int, list[str]] = {}
    for k, m in enumerate(matches):
        if m.a and m.b:
            changes, la, lb, texts_a[k], texts_b[k] = differ.diff(m)
        else:
            changes = []
            la, lb = _all_units(m)
        per_match.append(changes)
        a_left += [(k, u) for u in la]
        b_left += [(k, u) for u in lb]
    moves: list[Change] = []
    used_a, used_b = set(), set()
    for i, j, _ in match_moves([u for _, u in a_left], [u for _, u in b_left]):
        moves += differ.diff_words(a_left[i][1], b_left[j][1], moved=True)
        used_a.add(i)
        used_b.add(j)
    for n, (k, u) in enumerate(a_left):
        if n not in used_a:
            per_match[k].append(differ.one_sided(u, side="a", scope=texts_b.get(k, [])))
    for n, (k, u) in enumerate(b_left):
        if n not in used_b:
            per_match[k].append(differ.one_sided(u, side="b", scope=texts_a.get(k, [])))
    return per_match, moves


def _section_pair(m: SectionMatch, changes: list[Change]) -> SectionPair:
    return SectionPair(
        kind=m.kind,
        a_paths=tuple(u.path for u in m.a),
        b_paths=tuple(u.path for u in m.b),
        a_heading=strip_heading_number(m.a[0].heading) if m.a else "",
        b_heading=strip_heading_number(m.b[0].heading) if m.b else "",
        score=round(m.score, 4),
        heading_score=round(m.heading_score, 4),
        content_score=round(m.content_score, 4),
        changes=tuple(sorted(changes, key=lambda c: c.a_pos or c.b_pos or (0, 0))),
    )


MIN_MOVED_CHARS = 24  # shorter stretches ('do not give', 'within 4 hours') recur by chance, too often


def _one_sided(c: Change) -> bool:
    """A significant change that only removes words, or only adds them, at sentence length."""
    if not c.significant or bool(c.a_changed.strip()) == bool(c.b_changed.strip()):
        return False
    return len(c.a_changed) + len(c.b_changed) >= MIN_MOVED_CHARS


def _moved_text(c: Change, whole: tuple[str, str], names: tuple[str, str]) -> Change:
    """A significant change that only removes (or only adds) words the other document states elsewhere,
    word for word and at sentence length, is the same text set in another section: a move, shown quietly."""
    if not _one_sided(c):
        return c
    side, other, here = ("a", whole[1], c.a_changed) if c.a_changed.strip() else ("b", whole[0], c.b_changed)
    text = squeeze(here)
    if len(text) < MIN_MOVED_CHARS or text not in other:
        return c
    where = names[1] if side == "a" else names[0]
    return replace(
        c,
        category=Category.NOISE,
        significant=False,
        reason=f"moved: the same words stand in another section at {where}",
        categories=(Category.NOISE,),
    )


def _names(a: Document, b: Document) -> tuple[str, str]:
    """How reasons name the two documents: by organisation, or by order when both come from one."""
    if a.trust and b.trust and a.trust != b.trust:
        return a.trust, b.trust
    return "document 1", "document 2"


def _similarity(a: Document, b: Document, pairs: tuple[SectionPair, ...], moves: list[Change]) -> float:
    """Share of words not touched by any change (wording, local and noise changes included)."""
    total = len(a.body_text().split()) + len(b.body_text().split())
    if not total:
        return 1.0
    changed = sum(len(c.a_changed.split()) + len(c.b_changed.split()) for p in pairs for c in p.changes)
    changed += sum(len(c.a_changed.split()) + len(c.b_changed.split()) for c in moves if c.kind != "move")
    return max(0.0, 1.0 - changed / total)
