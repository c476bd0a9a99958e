"""Section alignment: which section of one document corresponds to which of another.

Headings alone mislead (trusts rename, renumber and reorder sections) and content alone misleads
(short standard sections read alike), so both are scored together and assigned one-to-one with a floor;
then splits and merges are recognised where one section's content is covered by two on the other side.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from converge.core.diff.result import GroupRow, PairKind, Path
from converge.core.diff.tokens import normalise_word, strip_heading_number
from converge.core.headings import HEADING_SYNONYMS
from converge.core.model import Document, Layer, Section


def linear_sum_assignment(cost: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """scipy's assignment solver, imported on first use: scipy.optimize and scikit-learn are a second of
    imports that `converge match` (which imports the comparison code to queue comparisons) never needs."""
    from scipy.optimize import linear_sum_assignment as solve

    rows, cols = solve(cost)
    return rows, cols


PREAMBLE: Path = ("(preamble)",)
MATCH_FLOOR = 0.35  # below this combined score two sections are not the same section
SPLIT_MIN_CONTENT = 0.2  # an extra section must share at least this much content to be part of a split
SPLIT_GAIN = 0.03  # ... and improve the similarity of the pair by at least this much

_CANON = {" ".join(v.split()): k for k, vs in HEADING_SYNONYMS.items() for v in vs}
_STOP = frozenset(
    (
        "a an and are as at be by for from has have in is it its of on or that the this to was were will with"
    ).split()
)


@dataclass(frozen=True, slots=True)
class SectionUnit:
    """One section (own body blocks only) as the aligner sees it."""

    index: int  # document order
    path: Path
    heading: str
    title: str  # heading without numbering
    canon: str | None  # standard meaning of the heading, if it has one
    section: Section | None  # None for the preamble
    text: str


@dataclass(frozen=True, slots=True)
class SectionMatch:
    kind: PairKind
    a: tuple[SectionUnit, ...]
    b: tuple[SectionUnit, ...]
    score: float
    heading_score: float
    content_score: float


def heading_title(heading: str) -> str:
    """Heading without numbering, lower-cased, '&' as 'and', British spelling, no punctuation."""
    t = strip_heading_number(heading).lower().replace("&", " and ")
    t = re.sub(r"^(?:appendix\s+\w+\s*[-–:.]?\s*)", "appendix ", t)
    return " ".join(normalise_word(w) for w in re.findall(r"[\w'-]+", t))


_PHRASES = tuple(p for p in sorted(_CANON, key=len, reverse=True) if len(p) > 5)


@lru_cache(maxsize=4096)
def canonical_heading(title: str) -> str | None:
    if title in _CANON:
        return _CANON[title]
    # "Duties and Responsibilities of Staff" -> duties;
    # "Monitoring Compliance with this Policy" -> monitoring.
    # The opening words name the section first: "References and Associated Documentation" is references.
    phrases = _PHRASES
    for phrase in phrases:
        if title.startswith(phrase + " "):
            return _CANON[phrase]
    for phrase in phrases:
        if title.endswith(" " + phrase):
            return _CANON[phrase]
    return None


def section_units(doc: Document) -> list[SectionUnit]:
    units: list[SectionUnit] = []
    pre = "\n".join(b.text for b in doc.preamble if b.layer == Layer.BODY and b.text)
    if pre.strip():
        units.append(SectionUnit(0, PREAMBLE, "", "", None, None, pre))
    for path, section in doc.walk():
        title = heading_title(section.heading)
        units.append(
            SectionUnit(
                len(units),
                path,
                section.heading,
                title,
                canonical_heading(title),
                section,
                section.own_text(Layer.BODY),
            )
        )
    return units


@lru_cache(maxsize=4096)
def _content_words(text: str) -> tuple[str, ...]:
    return tuple(
        w for w in (normalise_word(m) for m in re.findall(r"[^\W_][\w'/-]*", text)) if w not in _STOP
    )


def _analyzer(text: str) -> list[str]:
    words = _content_words(text)
    return list(words) + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def heading_scores(a: Sequence[SectionUnit], b: Sequence[SectionUnit]) -> np.ndarray:
    """Heading similarity in [0, 1]: same standard meaning = 1, otherwise fuzzy token similarity."""
    scores = (
        process.cdist(
            [u.title for u in a], [u.title for u in b], scorer=fuzz.token_set_ratio, dtype=np.float32
        )
        / 100.0
    )
    ca = np.array([u.canon or "" for u in a], dtype=object)[:, None]
    cb = np.array([u.canon or "" for u in b], dtype=object)[None, :]
    both = (ca != "") & (cb != "")
    scores = np.where(both, np.where(ca == cb, 1.0, np.minimum(scores, 0.3)), scores)
    pa = np.array([u.path == PREAMBLE for u in a])[:, None]
    pb = np.array([u.path == PREAMBLE for u in b])[None, :]
    scores = np.where(~both & (pa | pb), (pa & pb).astype(np.float32), scores)
    return scores.astype(np.float32)


def _content_matrices(
    a: Sequence[SectionUnit], b: Sequence[SectionUnit]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Cosine a-b, a-a and b-b from one TF-IDF fit (splits and merges need the same-side figures)."""
    texts = [u.text for u in a] + [u.text for u in b]
    if not any(_content_words(t) for t in texts):
        return np.zeros((len(a), len(b))), np.zeros((len(a), len(a))), np.zeros((len(b), len(b)))
    from sklearn.feature_extraction.text import TfidfVectorizer  # on first use: see `linear_sum_assignment`

    m = TfidfVectorizer(analyzer=_analyzer, sublinear_tf=True).fit_transform(texts)
    ma, mb = m[: len(a)], m[len(a) :]
    return (ma @ mb.T).toarray(), (ma @ ma.T).toarray(), (mb @ mb.T).toarray()


def _combine(h: np.ndarray, c: np.ndarray, a: Sequence[SectionUnit], b: Sequence[SectionUnit]) -> np.ndarray:
    has_a = np.array([bool(_content_words(u.text)) for u in a])[:, None]
    has_b = np.array([bool(_content_words(u.text)) for u in b])[None, :]
    both = has_a & has_b
    # Text on both sides: content leads, heading confirms; very similar content wins even when renamed.
    score = np.where(both, np.maximum(0.35 * h + 0.65 * np.minimum(1.0, c * 1.4), c), 0.0)
    # Heading-only sections (parents of sub-sections): the heading is all there is.
    score = np.where(~has_a & ~has_b, 0.9 * h, score)
    score = np.where(has_a ^ has_b, 0.6 * h, score)
    # Small preference for similar relative position, to break ties between look-alike sections.
    pa = np.array([u.index for u in a])[:, None] / max(1, len(a) - 1)
    pb = np.array([u.index for u in b])[None, :] / max(1, len(b) - 1)
    return score + 0.05 * (1 - np.abs(pa - pb))


def align_units(a: Sequence[SectionUnit], b: Sequence[SectionUnit]) -> list[SectionMatch]:
    """One-to-one assignment with a floor, then splits/merges, then one-sided sections, in reading order."""
    if not a or not b:
        return [SectionMatch(PairKind.A_ONLY, (u,), (), 0, 0, 0) for u in a] + [
            SectionMatch(PairKind.B_ONLY, (), (u,), 0, 0, 0) for u in b
        ]
    h = heading_scores(a, b)
    c, aa, bb = _content_matrices(a, b)
    s = _combine(h, c, a, b)
    rows, cols = linear_sum_assignment(-s)
    pairs = {int(i): int(j) for i, j in zip(rows, cols, strict=True) if s[i, j] >= MATCH_FLOOR}
    a_of_b = {j: i for i, j in pairs.items()}
    extra_b: dict[int, list[int]] = {}
    extra_a: dict[int, list[int]] = {}
    lone_b = [j for j in range(len(b)) if j not in a_of_b and _content_words(b[j].text)]
    lone_a = [i for i in range(len(a)) if i not in pairs and _content_words(a[i].text)]
    if lone_b:  # split: b[j] unmatched but its content belongs with a[i] (matched to b[k])
        for j in lone_b:
            best = _best_cover(j, c, pairs, same_side=bb)
            if best is not None:
                extra_b.setdefault(best, []).append(j)
    if lone_a:  # merge: a[i] unmatched but its content belongs with b[k] (matched to a[m])
        for i in lone_a:
            best = _best_cover(i, c.T, a_of_b, same_side=aa)
            if best is not None:
                extra_a.setdefault(best, []).append(i)
    used_a = set(pairs) | {i for v in extra_a.values() for i in v}
    used_b = set(a_of_b) | {j for v in extra_b.values() for j in v}
    out: list[tuple[float, SectionMatch]] = []
    for i, j in pairs.items():
        a_units = (a[i], *(a[x] for x in extra_a.get(j, ())))
        b_units = (b[j], *(b[x] for x in extra_b.get(i, ())))
        kind = (
            PairKind.SPLIT if len(b_units) > 1 else PairKind.MERGED if len(a_units) > 1 else PairKind.MATCHED
        )
        a_units = tuple(sorted(a_units, key=lambda u: u.index))
        b_units = tuple(sorted(b_units, key=lambda u: u.index))
        out.append(
            (
                i,
                SectionMatch(
                    kind, a_units, b_units, float(min(1.0, s[i, j])), float(h[i, j]), float(c[i, j])
                ),
            )
        )
    for i in range(len(a)):
        if i not in used_a:
            out.append((i, SectionMatch(PairKind.A_ONLY, (a[i],), (), 0.0, 0.0, 0.0)))
    for j in range(len(b)):
        if j not in used_b:
            prev = [a_of_b[k] for k in range(j) if k in a_of_b]
            out.append(
                (
                    (prev[-1] if prev else -1) + 0.5 + j / 1e4,
                    SectionMatch(PairKind.B_ONLY, (), (b[j],), 0.0, 0.0, 0.0),
                )
            )
    out.sort(key=lambda t: t[0])
    return [m for _, m in out]


def _best_cover(
    extra: int, c_other: np.ndarray, partner: dict[int, int], *, same_side: np.ndarray
) -> int | None:
    """The other-side section that the extra section most plausibly belongs to, if joining it helps.

    c_other[x, extra] is the similarity of other-side section x to the extra section; partner[x] is x's
    current match on the extra's side. Joining helps when cos(x, partner + extra) beats cos(x, partner).
    """
    best, best_gain = None, SPLIT_GAIN
    for x, p in partner.items():
        cx_e, cx_p = float(c_other[x, extra]), float(c_other[x, p])
        if cx_e < SPLIT_MIN_CONTENT:
            continue
        joined = (cx_p + cx_e) / np.sqrt(max(1e-9, 2 + 2 * float(same_side[p, extra])))
        if joined - cx_p > best_gain:
            best, best_gain = x, joined - cx_p
    return best


def align_documents(a: Document, b: Document) -> list[SectionMatch]:
    return align_units(section_units(a), section_units(b))


def align_group(
    docs: Sequence[Document], pairwise: dict[tuple[int, int], list[SectionMatch]] | None = None
) -> list[GroupRow]:
    """Rows of corresponding sections across a group (connected pairwise matches); one-sided rows kept."""
    units = [section_units(d) for d in docs]
    parent: dict[tuple[int, Path], tuple[int, Path]] = {
        (k, u.path): (k, u.path) for k, us in enumerate(units) for u in us
    }

    def find(x: tuple[int, Path]) -> tuple[int, Path]:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i in range(len(docs)):
        for j in range(i + 1, len(docs)):
            matches = (pairwise or {}).get((i, j)) or align_units(units[i], units[j])
            for m in matches:
                nodes = [(i, u.path) for u in m.a] + [(j, u.path) for u in m.b]
                for n in nodes[1:]:
                    parent[find(n)] = find(nodes[0])
    rows: dict[tuple[int, Path], dict[str, list[Path]]] = {}
    order: dict[tuple[int, Path], tuple[int, int]] = {}
    headings: dict[tuple[int, Path], str] = {}
    for k, us in enumerate(units):
        for u in us:
            root = find((k, u.path))
            rows.setdefault(root, {d.trust: [] for d in docs})[docs[k].trust].append(u.path)
            order.setdefault(root, (k, u.index))
            headings.setdefault(root, strip_heading_number(u.heading) or "(preamble)")
    return [
        GroupRow(headings[r], {t: tuple(p) for t, p in rows[r].items()})
        for r in sorted(rows, key=lambda r: order[r])
    ]
