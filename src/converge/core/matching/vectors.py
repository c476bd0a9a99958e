"""The library's TF-IDF space: word and word-pair counts built with numpy, trust boilerplate damped.

scikit-learn's vectoriser builds its vocabulary in a Python loop over every n-gram string; on a library of
ten thousand documents that alone took longer than the whole match should. Here each word becomes an
integer once and word pairs are integer codes, so counting is a few array operations.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse


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
        self.word_id: dict[str, int] = {}
        ids = [
            np.fromiter((self.word_id.setdefault(w, len(self.word_id)) for w in ws), np.int64) for ws in words
        ]
        codes, rows = self._codes(ids)
        self.codes, cols = np.unique(codes, return_inverse=True)
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

    def _codes(self, ids: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """Integer code of every word (its id) and adjacent pair (offset past all words), with its row."""
        v = max(1, len(self.word_id))
        parts, rows = [], []
        for r, a in enumerate(ids):
            a = a[a >= 0]
            pair = (a[:-1] + 1) * v + a[1:] if len(a) > 1 else np.zeros(0, np.int64)
            parts.append(np.concatenate([a, pair]))
            rows.append(np.full(len(a) + len(pair), r, np.int64))
        if not parts:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        return np.concatenate(parts), np.concatenate(rows)

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
        ids = [np.fromiter((self.word_id.get(w, -1) for w in ws), np.int64) for ws in words]
        codes, rows = self._codes(ids)
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
