"""The matcher: a library indexed once, matched as a whole or one new document at a time."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from converge.core.errors import MatchError
from converge.core.matching import features as ft
from converge.core.matching.candidates import candidate_pairs, containment_pairs, prune_rows, top_k_per_trust
from converge.core.matching.grouping import Cluster, Decisions, GroupingRules, group_links, missing_trusts
from converge.core.matching.scoring import MatchScore, Weights, best_case, log_odds, sigmoid
from converge.core.matching.vectors import LibraryVectors
from converge.core.memory import gc_paused
from converge.core.model import Document

_OWN_TOP = 3  # top values of a document against the sample left out of its usual (mean, spread)
# Cosine of two titles' character n-grams from which they name the same topic ("Ankle sprains" and "ANKLE
# SPRAIN"): such documents are candidates, not the background a document's usual cosine is read from.
_ALIKE_TITLES = 0.8


@dataclass(frozen=True)
class MatchSettings:
    """Tunables of the matcher; the defaults were set on the demo topics' synthetic library."""

    threshold: float = 0.5  # confidence needed to propose a link
    min_average_link: float = 0.35
    veto_link: float = 0.02
    allow_split: bool = True
    split_threshold: float = 0.5
    # A pair each other's clear best, below the threshold but not below this, and with nothing against it
    # (see `GroupingRules`); chosen on realdev's even groups, the odd ones held out.
    mutual_floor: float = 0.1
    mutual_margin: float = 2.0
    candidates_per_trust: int = 4  # k nearest documents kept at each other trust
    prune_terms: int = 40  # terms per document used to find candidates
    boilerplate_share: float = (
        0.4  # a term in this share of one trust's documents is that trust's boilerplate
    )
    weights: Weights = field(default_factory=Weights)

    def rules(self) -> GroupingRules:
        return GroupingRules(
            self.threshold,
            self.min_average_link,
            self.veto_link,
            self.allow_split,
            self.split_threshold,
            self.mutual_floor,
            self.mutual_margin,
        )


@dataclass(frozen=True)
class MatchGroup:
    """Documents (at most one per trust, unless a trust splits the topic) believed to cover one topic."""

    id: str
    members: tuple[str, ...]  # document ids, ordered by trust
    confidence: float  # mean confidence of the links that built the group; 0 for a lone document
    evidence: tuple[MatchScore, ...]  # the links that built the group, strongest first
    missing: tuple[str, ...] = ()  # trusts with no document in the group
    confirmed: frozenset[str] = frozenset()  # members placed by a human decision
    split_trusts: tuple[str, ...] = ()  # trusts holding the topic in more than one document

    @property
    def proposed(self) -> bool:
        return len(self.members) > 1 and not set(self.members) <= self.confirmed


@dataclass(frozen=True)
class Gap:
    """A group that lacks a document at one or more trusts."""

    group_id: str
    members: tuple[str, ...]
    missing: tuple[str, ...]


@dataclass(frozen=True)
class MatchResult:
    groups: tuple[MatchGroup, ...]
    gaps: tuple[Gap, ...]
    trusts: tuple[str, ...]
    scored_pairs: int = 0

    def group_of(self, doc_id: str) -> MatchGroup:
        for g in self.groups:
            if doc_id in g.members:
                return g
        raise KeyError(doc_id)


def group_id(members: Iterable[str]) -> str:
    """Stable id: the same members always give the same group id."""
    return "grp-" + hashlib.sha1("|".join(sorted(members)).encode()).hexdigest()[:12]


def _title_text(p: ft.Profile) -> str:
    return p.title_text


def _energy_and_presence(matrix: sparse.csr_matrix) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """Squared unit TF-IDF rows (each sums to 1) and 0/1 term presence, for `features.containment`."""
    energy = matrix.multiply(matrix).tocsr().astype(np.float32)
    present = matrix.copy().tocsr()
    present.data = np.ones_like(present.data)
    return energy, present


def _usual_rows(values: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """(mean, spread) of each row's `keep`-ed values against the sample: a document's usual value.

    Its own few best (`_OWN_TOP`, at least two values kept) are left out: a true partner in the sample
    is not its usual, and would inflate the spread it is measured against. The spread is floored so that
    one faint overlap cannot become a huge z-score. (0, 0) for a row with fewer than two values.

    Rows left with the same number of values are reduced together along their own axis, as one row alone
    would be, so the figures are those of a row-by-row loop to the last bit (that loop, in Python, took a
    second of a full re-match at 3 x 3,000 documents).
    """
    out = np.zeros((values.shape[0], 2), np.float32)
    n = keep.sum(axis=1)
    # The kept values of each row, smallest first, the rest (as infinity) after them.
    ordered = np.sort(np.where(keep, values, values.dtype.type(np.inf)), axis=1)
    size = np.maximum(2, n - _OWN_TOP)  # values kept of a row of two or more
    for length in np.unique(size[n >= 2]):
        rows = np.flatnonzero((n >= 2) & (size == length))
        block = np.ascontiguousarray(ordered[rows, :length])
        out[rows, 0] = block.mean(axis=1)
        out[rows, 1] = np.maximum(block.std(axis=1).astype(np.float64), 0.01)
    return out


def _slice(m: sparse.csr_matrix, i: int) -> tuple[np.ndarray, np.ndarray]:
    s, e = m.indptr[i], m.indptr[i + 1]
    return m.indices[s:e], m.data[s:e]


@dataclass(frozen=True, slots=True)
class _Row:
    """One sparse row without scipy's slicing cost (the feature functions read indices and data only)."""

    indices: np.ndarray
    data: np.ndarray


@dataclass(frozen=True)
class _NewReading:
    """A new document as the index reads it (MatchIndex._read_new)."""

    doc: Document  # the very object read (its title may be corrected under the same id)
    profile: ft.Profile
    vector: sparse.csr_matrix
    cosines: dict[int, float]  # its body cosine with each candidate
    own: float  # the best of those
    spread: tuple[float, float]  # (mean, spread) of its cosines to other trusts' sample documents


class MatchIndex:
    """A library indexed for matching: vectors, profiles and candidate structures built once.

    `match()` groups the whole library; `match_new(doc)` proposes links for one uploaded document
    against the index without refitting (fast enough to run on upload).
    """

    def __init__(self, docs: Sequence[Document | ft.TextFeatures], settings: MatchSettings | None = None):
        with gc_paused():
            self._build(docs, settings)

    def _build(self, docs: Sequence[Document | ft.TextFeatures], settings: MatchSettings | None) -> None:
        if not docs:
            raise MatchError("no documents to match")
        # Documents, or their text features already derived (stored with them: workflow.features).
        texts = [d if isinstance(d, ft.TextFeatures) else ft.text_features(d) for d in docs]
        ids = [t.doc_id for t in texts]
        if len(set(ids)) != len(ids):
            raise MatchError("document ids are not unique")
        self.settings = settings or MatchSettings()
        self.trusts = tuple(sorted({t.trust for t in texts}))
        self.trust_of = {t.doc_id: t.trust for t in texts}
        self.title_noise = ft.learn_title_noise(texts) | {t.lower() for t in self.trusts}
        self.profiles = [ft.profile_of(t, self.title_noise) for t in texts]
        words = [t.words for t in texts]
        self.vectors = LibraryVectors(words, [t.trust for t in texts], self.settings.boilerplate_share)
        self.title_vectorizer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 4), sublinear_tf=True, dtype=np.float32
        )
        self.title_matrix = self.title_vectorizer.fit_transform(
            [_title_text(p) for p in self.profiles]
        ).tocsr()
        self.pruned = prune_rows(self.vectors.matrix, self.settings.prune_terms)
        self.energy, self.present = _energy_and_presence(self.vectors.matrix)
        local = ft.local_words(self.profiles)
        # Topic-word weight for `distinct_terms`: a word only one library uses says nothing across trusts.
        self.idf = {w: 0.0 if w in local else v for w, v in self.vectors.word_idf().items()}
        self.modifiers = ft.learn_title_modifiers(self.profiles)
        self.min_idf = ft.idf_floor(len(texts))
        self.position = {t: i for i, t in enumerate(ids)}
        self._cache: dict[tuple[int, int], MatchScore] = {}
        self._best: np.ndarray | None = None  # each document's best body cosine at any other trust
        self._pairs: dict[tuple[int, int], float] | None = None
        self._partners: dict[int, list[int]] | None = None  # each document's candidate partners (_best_at)
        self._last_new: _NewReading | None = None  # the last new document read (_read_new)
        self._cosines: dict[tuple[int, int], float] = {}
        self._spread: np.ndarray | None = None  # (mean, spread) of each document's cosines elsewhere
        self._contain: np.ndarray | None = None  # usual containment of each document, both directions
        # The same three as plain Python floats, read pair by pair while scoring (numpy scalars are slow).
        self._best_list: list[float] | None = None
        self._spread_list: list[list[float]] | None = None
        self._contain_list: list[list[float]] | None = None

    # --- scoring ---------------------------------------------------------------------------------------

    def _score(
        self,
        pa: ft.Profile,
        va: sparse.csr_matrix,
        pb: ft.Profile,
        vb: sparse.csr_matrix,
        cosine: float | None = None,
        evidence: bool = True,
        best: tuple[float, float] = (0.0, 0.0),
        spread: tuple[tuple[float, float], tuple[float, float]] = ((0.0, 0.0), (0.0, 0.0)),
        contained: float | None = None,
        title: float | None = None,
    ) -> MatchScore:
        cosine = ft.body_cosine(va, vb) if cosine is None else cosine
        feats: dict[str, float | None] = {
            "title_similarity": ft.title_similarity(pa, pb) if title is None else title,
            "body_cosine": cosine,
            "relative_cosine": ft.relative_cosine(cosine, *best),
            "cosine_standout": ft.cosine_standout(cosine, *spread),
            "containment_standout": contained,
            "heading_overlap": ft.heading_overlap(pa, pb),
            "guidance_overlap": ft.guidance_overlap(pa, pb),
            "cited_guidance": ft.cited_guidance(pa, pb),
            "metadata_agreement": ft.metadata_agreement(pa, pb),
            "qualifier_conflict": ft.qualifier_conflict(pa, pb, self.modifiers),
            "distinct_term_conflict": ft.distinct_term_conflict(pa, pb, self.idf, self.min_idf),
        }
        z, contributions = log_odds(feats, self.settings.weights)
        score = MatchScore(pa.doc_id, pb.doc_id, sigmoid(z), feats, contributions)
        return self._with_evidence(score, pa, va, pb, vb) if evidence else score

    def _with_evidence(self, score, pa, va, pb, vb) -> MatchScore:
        """Add what a reviewer reads: shared terms, aligned headings, reasons against."""
        conflicts = [f"{axis}: {x} vs {y}" for axis, x, y, _ in ft.qualifier_conflicts(pa, pb)]
        if ft.kinds_differ(pa, pb):
            conflicts.append(ft.KIND_CONFLICT)
        if ft.systems_differ(pa, pb):
            conflicts.append(f"health system: {pa.health_system} vs {pb.health_system}")
        if mods := ft.modifier_conflict(pa, pb, self.modifiers):
            conflicts.append("title modifiers: " + " ".join(mods))
        conflicts += [
            f"distinct term: {w!r} in {p.doc_id} only"
            for p, q in ((pa, pb), (pb, pa))
            for w, _ in ft.distinct_terms(p, q, self.idf, self.min_idf)
        ]
        return replace(
            score,
            shared_terms=tuple(ft.shared_terms(va, vb, self.vectors.term)),
            aligned_headings=tuple(ft.aligned_headings(pa, pb)),
            conflicts=tuple(conflicts),
        )

    def _key(self, a: str, b: str) -> tuple[int, int]:
        i, j = self.position[a], self.position[b]
        return (i, j) if i < j else (j, i)

    def score_pair(self, a: str, b: str, evidence: bool = False) -> MatchScore:
        """Score two indexed documents (cached); `evidence` adds shared terms, headings and conflicts."""
        key = self._key(a, b)
        i, j = key
        if key not in self._cache:
            self._cache[key] = self._score(
                self.profiles[i],
                self._row(i),
                self.profiles[j],
                self._row(j),
                evidence=False,
                best=self._best_of(i, j),
                spread=self._spread_of(i, j),
                contained=self._contained_of(i, j),
            )
        score = self._cache[key]
        if evidence and not score.shared_terms:
            score = self._with_evidence(score, self.profiles[i], self._row(i), self.profiles[j], self._row(j))
        return score

    def _row(self, i: int) -> _Row:
        return _Row(*_slice(self.vectors.matrix, i))

    def _score_batch(self, pairs: Sequence[tuple[int, int]]) -> None:
        """Score many pairs at once: the body cosines come from one sparse product."""
        todo = [p for p in pairs if p not in self._cache]
        if not todo:
            return
        cosines = self._pair_cosines(todo)
        contained = self._pair_contained(todo)
        weights = self.settings.weights
        for (i, j), c, held in zip(todo, cosines, contained, strict=True):
            best = self._best_of(i, j)
            spread = self._spread_of(i, j)
            known = {
                "body_cosine": float(c),
                "relative_cosine": ft.relative_cosine(float(c), *best),
                "cosine_standout": ft.cosine_standout(float(c), *spread),
                "containment_standout": float(held),
                "title_similarity": ft.title_similarity(self.profiles[i], self.profiles[j]),
            }
            if sigmoid(best_case(known, weights)) < min(self.settings.threshold, self.settings.mutual_floor):
                continue  # cannot reach the threshold: scored on demand only if grouping asks
            self._cache[(i, j)] = self._score(
                self.profiles[i],
                None,
                self.profiles[j],
                None,
                cosine=float(c),
                evidence=False,
                best=best,
                spread=spread,
                contained=float(held),
                title=known["title_similarity"],  # computed just above
            )

    def _pair_cosines(self, pairs: Sequence[tuple[int, int]]) -> np.ndarray:
        """Body cosines of many pairs from one sparse product (in chunks, to bound memory).

        Kept by pair: a full match asks for the candidates' cosines twice (to score them, and for each
        document's best), and the second product cost as much as the first.
        """
        if self._cosines and all(p in self._cosines for p in pairs):
            return np.fromiter((self._cosines[p] for p in pairs), np.float32, count=len(pairs))
        cosines = self._sparse_cosines(pairs)
        self._cosines.update(zip(pairs, cosines.tolist(), strict=True))
        return cosines

    def _sparse_cosines(self, pairs: Sequence[tuple[int, int]]) -> np.ndarray:
        m = self.vectors.matrix
        rows_i = np.fromiter((i for i, _ in pairs), dtype=np.int64, count=len(pairs))
        rows_j = np.fromiter((j for _, j in pairs), dtype=np.int64, count=len(pairs))
        cosines = np.empty(len(pairs), np.float32)
        for s in range(0, len(pairs), 4000):
            a, b = m[rows_i[s : s + 4000]], m[rows_j[s : s + 4000]]
            cosines[s : s + 4000] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
        return cosines

    def _best_of(self, i: int, j: int) -> tuple[float, float]:
        """The best body cosine each of two documents has with any candidate at another trust."""
        if self._best_list is None:
            self._best_list = self._best_cosines().tolist()
        return self._best_list[i], self._best_list[j]

    def _spread_of(self, i: int, j: int) -> tuple[tuple[float, float], tuple[float, float]]:
        if self._spread_list is None:
            self._spread_list = self._spreads().tolist()
        (ma, sa), (mb, sb) = self._spread_list[i], self._spread_list[j]  # lists of two, as pairs
        return (ma, sa), (mb, sb)

    def _reference_rows(self) -> np.ndarray:
        """A fixed, evenly spaced sample of the library against which each document's usual cosine is read."""
        n = len(self.profiles)
        return np.unique(np.linspace(0, n - 1, num=min(n, 400)).astype(np.int64))

    def _row_spread(
        self, rows: sparse.csr_matrix, trusts: Sequence[str], titles: sparse.csr_matrix
    ) -> np.ndarray:
        """(mean, spread) of each row's cosines to the reference sample's documents at other trusts."""
        ref = self._reference_rows()
        out = np.zeros((rows.shape[0], 2), np.float32)
        for s in range(0, rows.shape[0], 2000):
            cos = np.asarray((rows[s : s + 2000] @ self.vectors.matrix[ref].T).todense())
            background = self._background(titles[s : s + 2000], trusts[s : s + 2000], ref)
            # The document's own few equivalents are not its usual (see `_usual_rows`).
            out[s : s + 2000] = _usual_rows(cos, background)
        return out

    def _background(self, titles: sparse.csr_matrix, trusts: Sequence[str], ref: np.ndarray) -> np.ndarray:
        """Which sample documents each row's usual cosine is read from: those at other trusts whose titles
        are not alike. A topic many organisations publish (an ankle-sprain leaflet from sixteen trusts) would
        otherwise count its own equivalents as the usual, and no pair of them would stand out."""
        alike = np.asarray((titles @ self.title_matrix[ref].T).todense()) >= _ALIKE_TITLES
        ref_trusts = np.asarray([self.profiles[r].trust for r in ref])
        other = ref_trusts[None, :] != np.asarray(trusts)[:, None]
        return other & ~alike

    def _spreads(self) -> np.ndarray:
        if self._spread is None:
            self._spread = self._row_spread(
                self.vectors.matrix, [p.trust for p in self.profiles], self.title_matrix
            )
        return self._spread

    def _contain_stats(self) -> np.ndarray:
        """Each document's usual containment: in other trusts' sample documents, and theirs in it."""
        if self._contain is None:
            self._contain = self._row_contain_stats(
                self.energy, self.present, [p.trust for p in self.profiles]
            )
        return self._contain

    def _row_contain_stats(self, energy, present, trusts: Sequence[str]) -> np.ndarray:
        """(mean, spread) of containment in the reference sample and of the sample in each row's document."""
        ref = self._reference_rows()
        ref_trusts = np.asarray([self.profiles[r].trust for r in ref])
        out = np.zeros((energy.shape[0], 4), np.float32)
        for s in range(0, energy.shape[0], 2000):
            rows = slice(s, s + 2000)
            outward = np.asarray((energy[rows] @ self.present[ref].T).todense())
            inward = np.asarray((present[rows] @ self.energy[ref].T).todense())
            other = ref_trusts[None, :] != np.asarray(trusts[rows])[:, None]
            out[rows, :2] = _usual_rows(outward, other)
            out[rows, 2:] = _usual_rows(inward, other)
        return out

    def _contain_stats_list(self) -> list[list[float]]:
        if self._contain_list is None:
            self._contain_list = self._contain_stats().tolist()
        return self._contain_list

    def _contained_of(self, i: int, j: int) -> float:
        return float(self._pair_contained([(i, j)])[0])

    def _pair_contained(self, pairs: Sequence[tuple[int, int]]) -> np.ndarray:
        """`containment_standout` of many pairs: both directions' containment from two sparse products."""
        stats = self._contain_stats_list()
        ii = np.fromiter((i for i, _ in pairs), dtype=np.int64, count=len(pairs))
        jj = np.fromiter((j for _, j in pairs), dtype=np.int64, count=len(pairs))
        out = np.empty(len(pairs), np.float32)
        for s in range(0, len(pairs), 4000):
            a, b = ii[s : s + 4000], jj[s : s + 4000]
            a_in_b = np.asarray(self.energy[a].multiply(self.present[b]).sum(axis=1)).ravel()
            b_in_a = np.asarray(self.energy[b].multiply(self.present[a]).sum(axis=1)).ravel()
            # Plain floats (`tolist`, the same values): indexing numpy arrays per pair cost a second.
            chunk = zip(a.tolist(), b.tolist(), a_in_b.tolist(), b_in_a.tolist(), strict=True)
            for k, (i, j, ab, ba) in enumerate(chunk):
                (ma, sa, ia, ja), (mb, sb, ib, jb) = stats[i], stats[j]
                out[s + k] = ft.containment_standout(ab, ba, ((ma, sa), (ia, ja)), ((mb, sb), (ib, jb)))
        return out

    def _best_cosines(self) -> np.ndarray:
        """Each document's best body cosine over its candidates at other trusts (computed once).

        Real equivalents (a two-page local pathway and the long national guideline it adapts) share
        little text, so their cosine is low in absolute terms; being each other's best is what marks them.
        """
        if self._best is None:
            # Only documents of one kind are ever grouped (features.kinds_differ): a trust's leaflet is
            # not measured against a web page's snapshot that copies it word for word.
            keys = list(self.candidates())
            if any(p.reference_copy for p in self.profiles):
                keys = [(i, j) for i, j in keys if not ft.kinds_differ(self.profiles[i], self.profiles[j])]
            best = np.zeros(len(self.profiles), np.float32)
            if keys:
                cos = self._pair_cosines(keys)
                ii = np.fromiter((i for i, _ in keys), np.int64, count=len(keys))
                jj = np.fromiter((j for _, j in keys), np.int64, count=len(keys))
                np.maximum.at(best, ii, cos)
                np.maximum.at(best, jj, cos)
            self._best = best
        return self._best

    # --- whole-library matching ------------------------------------------------------------------------

    def candidates(self) -> dict[tuple[int, int], float]:
        """Cross-trust pairs worth scoring (sparse top-k, never all pairs)."""
        if self._pairs is None:
            trusts = [p.trust for p in self.profiles]
            self._pairs = candidate_pairs(
                self.vectors.matrix,
                self.title_matrix,
                trusts,
                self.settings.candidates_per_trust,
                self.settings.prune_terms,
            )
            held = containment_pairs(
                self.pruned,
                self.present,
                trusts,
                self._contain_stats()[:, 2:],
                self.settings.candidates_per_trust,
            )
            for key in [*held, *self._cited_pairs()]:
                self._pairs.setdefault(key, 0.0)
        return dict(self._pairs)

    def _cited_pairs(self) -> set[tuple[int, int]]:
        """Pairs where one document cites the national guidance the other one is ("NG185" in a local ACS
        pathway, and NICE NG185 itself): a candidate however little text the two share."""
        by_code: dict[str, list[int]] = {}
        for j, p in enumerate(self.profiles):
            for code in p.own_guidance:
                by_code.setdefault(code, []).append(j)
        out = set()
        for i, p in enumerate(self.profiles):
            for code in p.guidance:
                for j in by_code.get(code, ()):
                    if self.profiles[j].trust != p.trust:
                        out.add((i, j) if i < j else (j, i))
        return out

    def _union_helps(self, halves: set[str], others: set[str]) -> bool:
        m = self.vectors.matrix
        return self._union_of(m[[self.position[h] for h in halves]], others)

    def union_helps_new(self, doc: Document, halves: Collection[str], others: Collection[str]) -> bool:
        """`_union_helps` for a new document beside its trust's indexed `halves` (a single upload placed on
        its own is held to the whole-library grouping's rule for a split topic)."""
        m = self.vectors.matrix
        rows = sparse.vstack([m[[self.position[h] for h in halves]], self._read_new(doc).vector]).tocsr()
        return self._union_of(rows, others)

    def _union_of(self, rows: sparse.csr_matrix, others: Collection[str]) -> bool:
        """Whether the halves (`rows`, unit vectors) together resemble `others` better than either alone."""
        o = self.vectors.matrix[[self.position[x] for x in others]]
        # One product for all the halves (each row's figures are those of a product of its own).
        alone = float((rows @ o.T).toarray().mean(axis=1).max())
        union = np.asarray(rows.sum(axis=0)).ravel()
        union /= np.linalg.norm(union) or 1.0
        together = float(np.asarray(o @ union).mean())
        return together > alone + 0.02

    def match(self, decisions: Decisions | None = None) -> MatchResult:
        """Group the whole library, honouring reviewers' decisions."""
        with gc_paused():
            return self._match(decisions)

    def _match(self, decisions: Decisions | None) -> MatchResult:
        decisions = decisions or Decisions()
        ids = [p.doc_id for p in self.profiles]
        pairs = self.candidates()
        for group in decisions.confirmed:  # confirmed pairs carry evidence too
            g = [x for x in group if x in self.position]
            for x in g:
                for y in g:
                    if self.position[x] < self.position[y] and self.trust_of[x] != self.trust_of[y]:
                        pairs.setdefault((self.position[x], self.position[y]), 0.0)
        self._score_batch(list(pairs))
        links = []
        for i, j in pairs:
            s = self._cache.get((i, j))
            if s is not None:
                links.append((s.a, s.b, s.confidence))
        clusters = group_links(
            ids,
            self.trust_of,
            links,
            lambda x, y: self.score_pair(x, y).confidence,
            self.settings.rules(),
            decisions,
            self._union_helps,
            lambda x, y: ft.clash(self.profiles[self.position[x]], self.profiles[self.position[y]]),
            lambda x, y: ft.clean(
                self.profiles[self.position[x]],
                self.profiles[self.position[y]],
                dict(self.score_pair(x, y).features),
            ),
        )
        groups = [self._to_group(c) for c in clusters]
        groups.sort(key=lambda g: (-len(g.members), -g.confidence, g.members))
        gaps = tuple(Gap(g.id, g.members, g.missing) for g in groups if g.missing)
        return MatchResult(tuple(groups), gaps, self.trusts, scored_pairs=len(pairs))

    def _to_group(self, c: Cluster) -> MatchGroup:
        members = tuple(sorted(c.members, key=lambda m: (self.trust_of[m], self.position[m])))
        evidence = tuple(
            sorted((self.score_pair(a, b, evidence=True) for a, b, _ in c.links), key=lambda s: -s.confidence)
        )
        confidence = sum(s.confidence for s in evidence) / len(evidence) if evidence else 0.0
        return MatchGroup(
            id=group_id(members),
            members=members,
            confidence=confidence,
            evidence=evidence,
            missing=missing_trusts(c, self.trusts),
            confirmed=frozenset(c.confirmed),
            split_trusts=tuple(sorted(t for t, ms in c.trusts.items() if len(ms) > 1)),
        )

    # --- incremental -----------------------------------------------------------------------------------

    def prepare_for_uploads(self) -> MatchIndex:
        """Compute now what `match_new` reads from the whole library (each document's best cosine over its
        candidates, and its usual cosines), which is otherwise computed on the first upload: about 3 s at
        9,000 documents, paid by whichever upload comes first after a consumer builds its index."""
        self._best_cosines()
        self._spreads()
        return self

    def match_new(self, doc: Document, limit: int | None = None, mutual: bool = False) -> list[MatchScore]:
        """Proposed links for a newly uploaded document against the index, best first.

        Only links at or above the threshold are returned, at most one per other trust (its best), plus
        `limit` runners-up if asked, and with `mutual` the weaker links the whole-library grouping also
        takes when both documents are still alone (`_clear_mutual_bests`). The index itself is not
        changed: rebuild it to include the document.
        """
        profile, scores = self.score_new(doc)
        weak = self._clear_mutual_bests(profile, scores) if mutual else []
        return self._best_per_trust(scores, limit) + weak

    def score_new(
        self, doc: Document, only: Collection[str] | None = None, own_trust: bool = False
    ) -> tuple[ft.Profile, list[MatchScore]]:
        """A new document's profile and its scores with every candidate in the index, none left out; or,
        with `only`, with those indexed documents (of other trusts, or also of its own with `own_trust`, and
        of its kind) whether candidates or not."""
        new = self._read_new(doc)
        found = set(new.cosines)
        if only is not None:
            asked = {
                self.position[x]
                for x in only
                if x in self.position and (own_trust or self.trust_of[x] != doc.trust)
            }
            found = {j for j in asked if not ft.kinds_differ(new.profile, self.profiles[j])}
        best = self._best_cosines()
        rows = {j: self._row(j) for j in found}
        cos = {j: new.cosines[j] if j in new.cosines else ft.body_cosine(new.vector, rows[j]) for j in found}
        mine = new.spread
        spreads = self._spreads()
        contained = self._new_contained(new.vector, doc.trust, found)
        return new.profile, [
            self._score(
                new.profile,
                new.vector,
                self.profiles[j],
                rows[j],
                cos[j],
                best=(new.own, float(best[j])),
                spread=((float(mine[0]), float(mine[1])), (float(spreads[j, 0]), float(spreads[j, 1]))),
                contained=contained[j],
            )
            for j in found
        ]

    def clashes_new(self, doc: Document, doc_id: str) -> bool:
        """Whether a new document and an indexed one name a conflict (`features.clash`): a near miss."""
        return ft.clash(self._read_new(doc).profile, self.profiles[self.position[doc_id]])

    def _read_new(self, doc: Document) -> _NewReading:
        """What scoring a new document against the index needs whatever it is scored with: its profile and
        vector, its candidates' cosines, its best one (relative cosines are read against its best among
        its candidates, however many documents it is asked about) and its usual cosines. Kept for the last
        document object read: an upload is scored with its candidates, then with the members of the groups
        open to it."""
        last = self._last_new
        if last is not None and last.doc is doc:
            return last
        profile = ft.make_profile(doc, self.title_noise)
        vec = self.vectors.transform([ft.document_words(doc)], [doc.trust])
        candidates = [j for j in self._new_candidates(profile, vec) if not ft.kinds_differ(profile, self.profiles[j])]
        cosines = {j: ft.body_cosine(vec, self._row(j)) for j in candidates}
        title = self.title_vectorizer.transform([_title_text(profile)])
        spread = self._row_spread(vec, [doc.trust], title)[0]
        own = max(cosines.values(), default=0.0)
        self._last_new = _NewReading(doc, profile, vec, cosines, own, (float(spread[0]), float(spread[1])))
        return self._last_new

    def _clear_mutual_bests(self, profile: ft.Profile, scores: list[MatchScore]) -> list[MatchScore]:
        """The new document's best link at each other trust that is below the threshold but that
        `grouping.group_links` would take between two documents left alone: at least the mutual floor,
        each the other's best at the other's trust (the indexed one's other links there scored from its
        candidates), one of the two clearly so (the mutual margin), and nothing against the pair
        (`features.clean`). Without it a single upload into a large library, placed on its own, lost
        every pair of a short local pathway and the long guideline it adapts that `match --full` makes.
        Whether the other document is still alone is for the caller, who knows the stored groups.
        """
        s = self.settings
        by_trust: dict[str, list[MatchScore]] = {}
        for sc in sorted(scores, key=lambda x: (-x.confidence, x.b)):
            by_trust.setdefault(self.trust_of[sc.b], []).append(sc)
        out = []
        for ranked in by_trust.values():
            top = ranked[0]
            if not s.mutual_floor <= top.confidence < s.threshold:
                continue
            runner_up = ranked[1].confidence if len(ranked) > 1 else 0.0
            theirs = self._best_at(self.position[top.b], profile.trust, besides=profile.doc_id)
            if theirs >= top.confidence:  # the new document is not the other's best at its trust
                continue
            if top.confidence < s.mutual_margin * min(runner_up, theirs):
                continue  # clear for neither
            if ft.clean(profile, self.profiles[self.position[top.b]], dict(top.features)):
                out.append(top)
        return out

    def _best_at(self, i: int, trust: str, besides: str) -> float:
        """Document i's best confidence with an indexed document of `trust` (not `besides`) among its
        candidate pairs, 0 if none."""
        if self._partners is None:
            self._partners = {}
            for a, b in self.candidates():
                self._partners.setdefault(a, []).append(b)
                self._partners.setdefault(b, []).append(a)
        me = self.profiles[i].doc_id
        return max(
            (
                self.score_pair(me, self.profiles[j].doc_id).confidence
                for j in self._partners.get(i, ())
                if self.profiles[j].trust == trust and self.profiles[j].doc_id != besides
            ),
            default=0.0,
        )

    def _new_candidates(self, profile: ft.Profile, vec: sparse.csr_matrix) -> set[int]:
        """Indexed documents worth scoring against a new one: body and title neighbours, and the national
        documents whose code it cites."""
        trusts = [p.trust for p in self.profiles]
        pruned = prune_rows(vec, self.settings.prune_terms)
        k = self.settings.candidates_per_trust
        found = {j for _, j, _ in top_k_per_trust(pruned, [profile.trust], self.pruned, trusts, k)}
        title_vec = self.title_vectorizer.transform([_title_text(profile)])
        found |= {j for _, j, _ in top_k_per_trust(title_vec, [profile.trust], self.title_matrix, trusts, 3)}
        found |= {
            j
            for j, p in enumerate(self.profiles)
            if p.trust != profile.trust
            and (p.own_guidance & profile.guidance or p.guidance & profile.own_guidance)
        }
        return found

    def _new_contained(self, vec: sparse.csr_matrix, trust: str, found: set[int]) -> dict[int, float]:
        """`containment_standout` of a new document against each of `found`."""
        energy, present = _energy_and_presence(vec)
        mine = self._row_contain_stats(energy, present, [trust])[0]
        stats = self._contain_stats()
        out = {}
        for j in found:
            e_j, p_j = _Row(*_slice(self.energy, j)), _Row(*_slice(self.present, j))
            out[j] = ft.containment_standout(
                ft.containment(energy, p_j),
                ft.containment(e_j, present),
                ((float(mine[0]), float(mine[1])), (float(mine[2]), float(mine[3]))),
                ((float(stats[j, 0]), float(stats[j, 1])), (float(stats[j, 2]), float(stats[j, 3]))),
            )
        return out

    def _best_per_trust(self, scores: list[MatchScore], limit: int | None) -> list[MatchScore]:
        """At or above the threshold: each other trust's best, then `limit` runners-up."""
        scores.sort(key=lambda s: -s.confidence)
        best_of_trust: dict[str, MatchScore] = {}
        rest: list[MatchScore] = []
        for s in scores:
            if s.confidence < self.settings.threshold:
                continue
            t = self.trust_of[s.b]
            if t not in best_of_trust:
                best_of_trust[t] = s
            else:
                rest.append(s)
        out = list(best_of_trust.values())
        return out + rest[: limit or 0]


def match_documents(
    docs: Sequence[Document | ft.TextFeatures],
    settings: MatchSettings | None = None,
    decisions: Decisions | None = None,
) -> MatchResult:
    """Group equivalent documents across trusts; never contradicts `decisions`."""
    return MatchIndex(docs, settings).match(decisions)
