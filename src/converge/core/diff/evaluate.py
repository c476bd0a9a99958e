"""Recall of planted significant differences, and how many significant flags are only local or noise,
beside the same figures for a plain difflib word diff of the whole texts (the baseline)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from itertools import combinations
from typing import Any

from converge.core.diff.context import DiffContext
from converge.core.diff.lexicon import find_local_spans
from converge.core.diff.result import Change, DocumentDiff
from converge.core.diff.significance import STOPWORDS, _only_local
from converge.core.diff.summary import diff_group
from converge.core.diff.tokens import tokenise
from converge.core.model import Document


def _words(text: str) -> list[str]:
    return [t.key for t in tokenise(text) if t.is_word]


def distinguishing(p1: str, p2: str) -> tuple[set[str], set[str]]:
    """Words of each phrase the other lacks; a phrase with none counts by all its words."""
    w1, w2 = set(_words(p1)), set(_words(p2))
    return (w1 - w2) or w1, (w2 - w1) or w2


def covers(change: Change, p1: str, p2: str) -> bool:
    d1, d2 = distinguishing(p1, p2)
    return d1 <= set(_words(change.a_text)) and d2 <= set(_words(change.b_text))


def _is_local_or_noise(c: Change, context: DiffContext) -> bool:
    """Whether a change's differing words are only local details or presentation (case, spelling...)."""
    if _words(c.a_changed) == _words(c.b_changed):
        return True
    ok = True
    for text, part in ((c.a_text, c.a_changed), (c.b_text, c.b_changed)):
        if not part:
            continue
        at = text.find(part)
        span = (at, at + len(part)) if at >= 0 else (0, len(text))
        ok = ok and _only_local(text, span, find_local_spans(text, context))
    return ok


def _context_for(truth: Mapping[str, Any], context: DiffContext | None) -> DiffContext:
    if context is not None:
        return context
    trusts = truth.get("trusts") or {}
    return DiffContext.from_terms({code: [name, code] for code, name in trusts.items()})


def baseline_changes(a: Document, b: Document, window: int = 5) -> list[tuple[str, str]]:
    """A plain word diff of the whole body texts: each non-equal opcode with a few words either side."""
    wa, wb = a.body_text().split(), b.body_text().split()
    sm = SequenceMatcher(None, wa, wb, autojunk=False)
    out = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag != "equal":
            out.append(
                (
                    " ".join(wa[max(0, i1 - window) : i2 + window]),
                    " ".join(wb[max(0, j1 - window) : j2 + window]),
                )
            )
    return out


def evaluate_planted(
    truth: Mapping[str, Any],
    docs_by_path: Mapping[str, Document],
    context: DiffContext | None = None,
    with_baseline: bool = True,
) -> dict[str, Any]:
    """Score the engine against truth.json's planted differences (see corpora/demo_src/FORMAT.md).

    A planted difference between two trusts is found when a change flagged significant has the first
    trust's distinguishing words in a_text and the second's in b_text (either orientation of the pair).
    """
    context = _context_for(truth, context)
    tally = _Tally()
    for group in truth.get("groups", []):
        members = {t: [p for p in paths if p in docs_by_path] for t, paths in group["members"].items()}
        members = {t: ps for t, ps in members.items() if ps}
        if len(members) < 2:
            continue
        group_docs = {t: _joined([docs_by_path[p] for p in ps]) for t, ps in members.items()}
        gd = diff_group(list(group_docs.values()), context)
        planted_pairs = _score_planted(group, group_docs, gd.pairwise, tally, with_baseline)
        _count_flags(gd.pairwise, group_docs, planted_pairs, context, tally, with_baseline)
    return tally.result(with_baseline)


@dataclass
class _Tally:
    """Running counts of an evaluation, over every group of the truth file."""

    planted: int = 0
    found: int = 0
    base_found: int = 0
    sig_flags: int = 0
    noise_flags: int = 0
    all_changes: int = 0
    base_changes: int = 0
    missed: list[dict[str, Any]] = field(default_factory=list)
    by_category: dict[str, list[int]] = field(default_factory=dict)  # category -> [planted, found]

    def result(self, with_baseline: bool) -> dict[str, Any]:
        planted, sig_flags = self.planted, self.sig_flags
        result: dict[str, Any] = {
            "planted": planted,
            "found": self.found,
            "recall": round(self.found / planted, 4) if planted else None,
            "changes": self.all_changes,
            "significant_flags": sig_flags,
            "noise_or_local_flags": self.noise_flags,
            "significant_flags_per_planted": round(sig_flags / planted, 2) if planted else None,
            "noise_share": round(self.noise_flags / sig_flags, 4) if sig_flags else 0.0,
            "by_category": {k: {"planted": v[0], "found": v[1]} for k, v in sorted(self.by_category.items())},
            "missed": self.missed,
        }
        if with_baseline:
            result["baseline"] = {
                "changes": self.base_changes,
                "found": self.base_found,
                "recall": round(self.base_found / planted, 4) if planted else None,
            }
        return result


Pair = tuple[str, str]


def _score_planted(
    group: Mapping[str, Any],
    group_docs: Mapping[str, Document],
    pairwise: Sequence[DocumentDiff],
    tally: _Tally,
    with_baseline: bool,
) -> dict[Pair, list[Pair]]:
    """Count each planted difference of a group found or missed; its phrases by the diff pair they fall in."""
    diffs: dict[Pair, DocumentDiff] = {(d.a_trust, d.b_trust): d for d in pairwise}
    planted_pairs: dict[Pair, list[Pair]] = {}
    for diff in group.get("differences", []):
        text = diff["text"]
        for t1, t2 in combinations(group_docs, 2):
            if t1 not in text or t2 not in text or set(_words(text[t1])) == set(_words(text[t2])):
                continue
            d = diffs.get((t1, t2))
            p1, p2 = text[t1], text[t2]
            if d is None:
                d, p1, p2 = diffs[(t2, t1)], p2, p1
            planted_pairs.setdefault((d.a_trust, d.b_trust), []).append((p1, p2))
            hit = any(c.significant and covers(c, p1, p2) for c in d.changes())
            tally.planted += 1
            tally.found += hit
            stats = tally.by_category.setdefault(diff["category"], [0, 0])
            stats[0] += 1
            stats[1] += hit
            if not hit:
                tally.missed.append(
                    {
                        "group": group["id"],
                        "id": diff.get("id"),
                        "category": diff["category"],
                        "pair": [d.a_trust, d.b_trust],
                        "a": p1,
                        "b": p2,
                    }
                )
            if with_baseline:
                d1, d2 = distinguishing(p1, p2)
                tally.base_found += any(
                    d1 <= set(_words(x)) and d2 <= set(_words(y))
                    for x, y in baseline_changes(group_docs[d.a_trust], group_docs[d.b_trust])
                )
    return planted_pairs


def _count_flags(
    pairwise: Sequence[DocumentDiff],
    group_docs: Mapping[str, Document],
    planted_pairs: Mapping[Pair, list[Pair]],
    context: DiffContext,
    tally: _Tally,
    with_baseline: bool,
) -> None:
    """Count every change, the significant flags, and those flagged on only local detail or noise."""
    for d in pairwise:
        phrases = planted_pairs.get((d.a_trust, d.b_trust), [])
        for c in d.changes():
            tally.all_changes += 1
            if not c.significant:
                continue
            tally.sig_flags += 1
            if any(_overlaps_phrase(c, p1, p2) for p1, p2 in phrases):
                continue
            tally.noise_flags += _is_local_or_noise(c, context)
        if with_baseline:
            tally.base_changes += len(baseline_changes(group_docs[d.a_trust], group_docs[d.b_trust]))


def _joined(docs: list[Document]) -> Document:
    """A trust that splits a topic over several documents is compared as their sections in sequence."""
    if len(docs) == 1:
        return docs[0]
    return replace(
        docs[0],
        preamble=tuple(b for d in docs for b in d.preamble),
        sections=tuple(s for d in docs for s in d.sections),
    )


def _overlaps_phrase(c: Change, p1: str, p2: str) -> bool:
    w1, w2 = set(_words(p1)) - STOPWORDS, set(_words(p2)) - STOPWORDS
    ca, cb = set(_words(c.a_text)), set(_words(c.b_text))
    return bool(w1) and w1 <= ca or bool(w2) and w2 <= cb


__all__ = ["baseline_changes", "covers", "distinguishing", "evaluate_planted"]
