"""Measure a grouping against labelled truth, beside the two baselines a governance lead would use.

Baselines: fuzzy title matching alone (rapidfuzz) and plain TF-IDF cosine of the whole extracted text.
Both are grouped with the same one-per-trust rule as the matcher; their thresholds are chosen with the
truth in hand (the best a tuned baseline could do), while the matcher runs at its default threshold.

Run on the demo corpus: `python -m converge.core.matching.evaluate corpora/demo`.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from converge.core.matching.grouping import GroupingRules, group_links
from converge.core.model import Document
from converge.core.parsers import parse_file


def _members(group: Any) -> Collection[str]:
    return getattr(group, "members", group)  # a MatchGroup, or any collection of keys


def linked_pairs(groups: Iterable[object]) -> set[frozenset[str]]:
    """Every pair of keys that share a group."""
    pairs: set[frozenset[str]] = set()
    for g in groups:
        pairs.update(frozenset(p) for p in combinations(sorted(set(_members(g))), 2))
    return pairs


def pairwise_prf(groups: Iterable[object], truth_groups: Iterable[object]) -> tuple[float, float, float]:
    """Precision, recall and F1 over pairwise links (pairs of keys placed in the same group).

    `groups` and `truth_groups` hold collections of the same kind of key (document ids or paths), or
    `MatchGroup`s. With no links on either side the score is perfect (nothing to find, nothing wrong).
    """
    found, truth = linked_pairs(groups), linked_pairs(truth_groups)
    tp = len(found & truth)
    precision = tp / len(found) if found else 1.0
    recall = tp / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def near_miss_violations(
    groups: Iterable[object], near_misses: Iterable[tuple[str, str]]
) -> list[tuple[str, str]]:
    """Near-miss pairs (must never be linked) that ended in the same group."""
    found = linked_pairs(groups)
    return [(a, b) for a, b in near_misses if frozenset((a, b)) in found]


def cross_pairs(groups: Iterable[object], library_of: Mapping[str, str]) -> set[frozenset[str]]:
    """Pairs of keys that share a group and come from different libraries (the pairs that are scored)."""
    return {p for p in linked_pairs(groups) if len({library_of[k] for k in p}) == 2}


def score_grouping(
    groups: Sequence[Collection[str]],
    truth_groups: Sequence[Collection[str]],
    near_misses: Sequence[tuple[str, str]],
    library_of: Mapping[str, str],
    subset: Collection[str] | None = None,
    found_share: float = 0.8,
) -> dict[str, object]:
    """Score a grouping against the truth on cross-library pairs, near misses, found groups and gaps.

    Pairs within one library are not scored (a library may hold two documents of one topic). A truth group
    is found when at least `found_share` of its libraries sit in one group that holds no near-miss pair.
    `subset` (keys of some truth groups, e.g. the held-out half) restricts every figure to pairs and near
    misses touching those keys and to the truth groups inside it. Beside the pairs-weighted F1 (where one
    16-publisher group outweighs every small one), `group_f1` is the mean of each truth group's own F1.
    """
    keys = set(library_of)
    groups = [set(g) & keys for g in groups]
    truth_groups = [set(t) & keys for t in truth_groups]
    if subset is not None:
        subset = set(subset)
        truth_groups = [t for t in truth_groups if set(t) & subset]
        near_misses = [(a, b) for a, b in near_misses if a in subset or b in subset]
    found = cross_pairs(groups, library_of)
    truth = cross_pairs(truth_groups, library_of)
    if subset is not None:
        found = {p for p in found if p & subset}
        truth = {p for p in truth if p & subset}
    near = {frozenset(p) for p in near_misses}
    linked_near = sorted(tuple(sorted(p)) for p in near & linked_pairs(groups))
    scored = [t for t in truth_groups if len({library_of[k] for k in t}) > 1]
    in_truth = set().union(*truth_groups) if truth_groups else set()
    lone = sorted(keys - in_truth) if subset is None else []
    return {
        **_prf(found, truth),
        "pairs_found": len(found),
        "pairs_true": len(truth),
        "pairs_correct": len(found & truth),
        "near_misses_linked": len(linked_near),
        "near_miss_pairs": [list(p) for p in linked_near],
        "groups_found": _groups_found(groups, scored, near, library_of, found_share),
        "groups_total": len(scored),
        "group_f1": _mean_group_f1(found, scored, library_of),
        "lone_kept_apart": _lone_kept(groups, lone, library_of),
        "lone_total": len(lone),
    }


def _prf(found: set[frozenset[str]], truth: set[frozenset[str]]) -> dict[str, float]:
    tp = len(found & truth)
    precision = tp / len(found) if found else 1.0
    recall = tp / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def _groups_found(groups, truth_groups, near, library_of, found_share: float) -> int:
    """Truth groups with at least `found_share` of their libraries in one stored group free of near misses."""
    spoilt = [any(frozenset(p) in near for p in combinations(sorted(g), 2)) for g in groups]
    count = 0
    for t in truth_groups:
        libraries = {library_of[k] for k in t}
        cover = max(
            (
                len({library_of[k] for k in t & g}) / len(libraries)
                for g, bad in zip(groups, spoilt, strict=True)
                if not bad and t & g
            ),
            default=0.0,
        )
        count += cover >= found_share
    return count


def _mean_group_f1(found, truth_groups, library_of) -> float:
    """Mean over truth groups of the F1 of the cross-library pairs touching each group's documents."""
    if not truth_groups:
        return 1.0
    scores = []
    for t in truth_groups:
        truth = cross_pairs([t], library_of)
        scores.append(_prf({p for p in found if p & t}, truth)["f1"])
    return sum(scores) / len(scores)


def _lone_kept(groups, lone, library_of) -> int:
    """Documents with no counterpart in the truth that no stored group links across libraries."""
    group_of = {k: g for g in groups for k in g}
    return sum(1 for k in lone if all(library_of[x] == library_of[k] for x in group_of.get(k, {k})))


# --- baselines ------------------------------------------------------------------------------------


def _all_cross_pairs(docs: Sequence[Document], sim: np.ndarray) -> list[tuple[str, str, float]]:
    links = []
    for i, j in zip(*np.nonzero(np.triu(sim, 1) > 0.0), strict=True):
        if docs[i].trust != docs[j].trust:
            links.append((docs[i].id, docs[j].id, float(sim[i, j])))
    return links


def title_similarity_matrix(docs: Sequence[Document]) -> np.ndarray:
    """Baseline 1: rapidfuzz WRatio of the raw titles, every pair."""
    titles = [d.title.lower() for d in docs]
    return process.cdist(titles, titles, scorer=fuzz.WRatio, dtype=np.float32, workers=1) / 100.0


def load_baselines() -> None:
    """Import scikit-learn for the TF-IDF baseline now, so that its time is not counted as the baseline's
    (it is imported on first use: matching, which imports this module, does not need it)."""
    import sklearn.feature_extraction.text  # noqa: F401


def tfidf_similarity_matrix(docs: Sequence[Document]) -> np.ndarray:
    """Baseline 2: TF-IDF cosine of the whole extracted text (furniture included), every pair."""
    texts = [d.title + "\n" + "\n".join(b.text for b in d.blocks()) for d in docs]
    from sklearn.feature_extraction.text import TfidfVectorizer  # see `load_baselines`

    m = TfidfVectorizer(sublinear_tf=True, dtype=np.float32).fit_transform(texts)
    return (m @ m.T).toarray()


def group_by_similarity(docs: Sequence[Document], sim: np.ndarray, threshold: float) -> list[set[str]]:
    """Group with the matcher's own one-per-trust rule, links taken from a similarity matrix."""
    pos = {d.id: i for i, d in enumerate(docs)}
    links = [lk for lk in _all_cross_pairs(docs, sim) if lk[2] >= threshold]
    clusters = group_links(
        [d.id for d in docs],
        {d.id: d.trust for d in docs},
        links,
        lambda a, b: float(sim[pos[a], pos[b]]),
        GroupingRules(
            threshold=threshold, min_average_link=threshold * 0.7, veto_link=0.0, allow_split=False
        ),
    )
    return [c.members for c in clusters]


def best_threshold(
    docs: Sequence[Document], sim: np.ndarray, truth: Sequence[Collection[str]]
) -> tuple[float, list[set[str]]]:
    """The threshold that gives a baseline its best F1 on this truth (generous to the baseline)."""
    best: tuple[float, float, list[set[str]]] = (-1.0, 0.0, [])
    for t in np.arange(0.05, 1.0, 0.05):
        groups = group_by_similarity(docs, sim, float(t))
        f1 = pairwise_prf(groups, truth)[2]
        if f1 > best[0]:
            best = (f1, float(t), groups)
    return best[1], best[2]


def compare(
    docs: Sequence[Document],
    truth: Sequence[Collection[str]],
    near_misses: Sequence[tuple[str, str]],
    match: Callable[[Sequence[Document]], Iterable[object]] | None = None,
) -> list[dict[str, object]]:
    """Rows of (method, threshold, P, R, F1, near misses linked, seconds) for the matcher and baselines."""
    # function-local: the package (converge.core.matching) loads this module before the index
    from converge.core.matching.index import match_documents

    rows = []
    start = time.perf_counter()
    found = list(match(docs) if match else match_documents(docs).groups)
    rows.append(_row("converge matcher", None, found, truth, near_misses, time.perf_counter() - start))
    baselines = (
        ("title fuzzy (rapidfuzz)", title_similarity_matrix),
        ("TF-IDF whole text", tfidf_similarity_matrix),
    )
    load_baselines()
    for name, fn in baselines:
        start = time.perf_counter()
        sim = fn(docs)
        threshold, groups = best_threshold(docs, sim, truth)
        elapsed = time.perf_counter() - start
        rows.append(_row(name, threshold, groups, truth, near_misses, elapsed))
    return rows


def _row(name, threshold, groups, truth, near, seconds) -> dict[str, object]:
    p, r, f = pairwise_prf(groups, truth)
    return {
        "method": name,
        "threshold": threshold,
        "precision": p,
        "recall": r,
        "f1": f,
        "near_misses_linked": len(near_miss_violations(groups, near)),
        "seconds": seconds,
    }


def format_rows(rows: Sequence[Mapping[str, object]]) -> str:
    lines = [f"{'method':<26}{'thr':>6}{'P':>7}{'R':>7}{'F1':>7}{'near':>6}{'secs':>8}"]
    for r in rows:
        thr = "-" if r["threshold"] is None else f"{r['threshold']:.2f}"
        lines.append(
            f"{r['method']:<26}{thr:>6}{r['precision']:>7.3f}{r['recall']:>7.3f}{r['f1']:>7.3f}"
            f"{r['near_misses_linked']:>6}{r['seconds']:>8.2f}"
        )
    return "\n".join(lines)


# --- a labelled corpus on disk ----------------------------------------------------------------------


def load_corpus(root: Path) -> tuple[list[Document], list[set[str]], list[tuple[str, str]]]:
    """Parse a labelled corpus (truth.json beside the trust folders); keys are document ids.

    Files the truth does not expect to ingest (scans) and superseded versions are left out, as in the
    truth's groups. Returns (documents, truth groups, near-miss pairs).
    """
    truth = json.loads((root / "truth.json").read_text())
    id_of: dict[str, str] = {}
    docs = []
    for entry in truth["documents"]:
        if entry.get("expect") == "rejected" or entry.get("superseded_by"):
            continue
        d = parse_file(root / entry["path"], entry["trust"])
        docs.append(d)
        id_of[entry["path"]] = d.id
    groups = [
        {id_of[p] for paths in g["members"].values() for p in paths if p in id_of} for g in truth["groups"]
    ]
    near = [
        (id_of[n["a"]], id_of[n["b"]])
        for n in truth.get("near_misses", [])
        if n["a"] in id_of and n["b"] in id_of
    ]
    return docs, groups, near


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    root = Path(args[0] if args else "corpora/demo")
    docs, truth, near = load_corpus(root)
    sys.stdout.write(f"{root}: {len(docs)} documents, {len(truth)} groups, {len(near)} near-miss pairs\n")
    sys.stdout.write(format_rows(compare(docs, truth, near)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
