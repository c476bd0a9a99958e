"""The library's TF-IDF space: word and word-pair counts built with numpy, trust boilerplate damped.

scikit-learn's vectoriser builds its vocabulary in a Python loop over every n-gram string; on a library of
ten thousand documents that alone took longer than the whole match should. Here each word becomes an
integer once and word pairs are integer codes, so counting is a few array operations.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse


def _unique_inverse(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`np.unique(codes, return_inverse=True)`, the same arrays in a third of the time: numpy sorts the
    codes with an unstable argsort, slow on a library's (half-ordered) word codes; a stable one is not."""
    if not len(codes):
        return codes.copy(), np.zeros(0, np.int64)
    order = np.argsort(codes, kind="stable")
    ordered = codes[order]
    first = np.empty(len(ordered), bool)
    first[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    inverse = np.empty(len(codes), np.int64)
    inverse[order] = np.cumsum(first) - 1
    return ordered[first], inverse


class LibraryVectors:
    """Unit-length TF-IDF rows (words and adjacent word pairs, sublinear tf) for every document.

    Each trust repeats its own boilerplate ("This policy applies to all staff employed by ...") across its
    documents; a term in more than `boilerplate_share` of one trust's documents is damped for that trust,
    so documents are compared on their topic, not their house style.
    """

    def __init__(
        self,
        words: Sequence[Sequence[str]],
        trusts: Sequence[str],
        boilerplate_share: float = 0.4,
        min_trust_docs: int = 8,
    ):
        # Ids in order of first use, looked up by C-level calls (a generator calling setdefault per word
        # took a second at 9,000 documents).
        flat = [w for ws in words for w in ws]
        self.word_id = {w: i for i, w in enumerate(dict.fromkeys(flat))}
        codes, rows = self._codes(
            np.fromiter(map(self.word_id.__getitem__, flat), np.int64, count=len(flat)),
            np.fromiter(map(len, words), np.int64, count=len(words)),
        )
        self.codes, cols = _unique_inverse(codes)
        counts = sparse.csr_matrix(
            (np.ones(len(cols), np.float32), (rows, cols)), shape=(len(words), len(self.codes))
        )
        counts.sum_duplicates()
        n = len(words)
        df = np.diff(counts.tocsc().indptr)
        self.idf = (np.log((1 + n) / (1 + df)) + 1).astype(np.float32)
        self.boilerplate_share = boilerplate_share
        self.trust_factor: dict[str, np.ndarray] = {}
        trusts_arr = np.asarray(trusts)
        for trust in sorted(set(trusts)):
            rows_t = np.flatnonzero(trusts_arr == trust)
            if len(rows_t) >= min_trust_docs:
                df_t = np.diff(counts[rows_t].tocsc().indptr) / len(rows_t)
                self.trust_factor[trust] = self._damping(df_t)
        self.matrix = self._weigh(counts, trusts)
        words_by_id = np.empty(len(self.word_id), dtype=object)
        for w, i in self.word_id.items():
            words_by_id[i] = w
        self._words_by_id = words_by_id

    def _codes(self, ids: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Integer code of every word (its id) and adjacent pair (offset past all words), with its row.

        `ids` holds every document's word ids one after another (`lengths` words each; -1 for a word
        outside the vocabulary, dropped before pairs are formed). Whole-library array operations: the
        order of the codes is of no account, they are counted."""
        v = max(1, len(self.word_id))
        rows = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
        known = ids >= 0
        ids, rows = ids[known], rows[known]
        same = rows[:-1] == rows[1:]  # neighbours in one document form a pair
        pairs = (ids[:-1][same] + 1) * v + ids[1:][same]
        return np.concatenate([ids, pairs]), np.concatenate([rows, rows[:-1][same]])

    def _damping(self, df: np.ndarray) -> np.ndarray:
        low, high = self.boilerplate_share / 2, self.boilerplate_share
        return np.clip((high - df) / (high - low), 0.0, 1.0).astype(np.float32)

    def _weigh(self, counts: sparse.csr_matrix, trusts: Sequence[str]) -> sparse.csr_matrix:
        m = counts.tocsr().astype(np.float32)
        m.data = (1 + np.log(m.data)) * self.idf[m.indices]
        for i, trust in enumerate(trusts):
            factor = self.trust_factor.get(trust)
            if factor is not None:
                s, e = m.indptr[i], m.indptr[i + 1]
                m.data[s:e] *= factor[m.indices[s:e]]
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sparse.csr_matrix(sparse.diags(1.0 / norms) @ m, dtype=np.float32)

    def transform(self, words: Sequence[Sequence[str]], trusts: Sequence[str]) -> sparse.csr_matrix:
        """Rows for documents outside the fitted library (new uploads); unseen terms are ignored."""
        flat = [self.word_id.get(w, -1) for ws in words for w in ws]
        codes, rows = self._codes(
            np.asarray(flat, np.int64), np.fromiter(map(len, words), np.int64, count=len(words))
        )
        pos = np.searchsorted(self.codes, codes)
        pos = np.minimum(pos, len(self.codes) - 1)
        known = self.codes[pos] == codes
        counts = sparse.csr_matrix(
            (np.ones(int(known.sum()), np.float32), (rows[known], pos[known])),
            shape=(len(words), len(self.codes)),
        )
        counts.sum_duplicates()
        return self._weigh(counts, trusts)

    def term(self, column: int) -> str:
        """The word or word pair of a column, for evidence."""
        code = int(self.codes[column])
        v = max(1, len(self.word_id))
        if code < v:
            return str(self._words_by_id[code])
        first, second = divmod(code, v)
        return f"{self._words_by_id[first - 1]} {self._words_by_id[second]}"

    def word_idf(self) -> dict[str, float]:
        """IDF of single words, for `distinct_terms`."""
        v = len(self.word_id)
        single = self.codes < v
        return {
            str(self._words_by_id[c]): float(i)
            for c, i in zip(self.codes[single], self.idf[single], strict=True)
        }
