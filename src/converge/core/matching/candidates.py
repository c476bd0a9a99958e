"""Candidate pairs without comparing every document with every other.

Each document keeps only its `prune_terms` heaviest TF-IDF terms (its "blocking key"); common words carry
little weight and drop out, so the sparse product of pruned vectors touches few pairs and the cost grows
close to linearly with the library. For each document and each other trust the `k` best are kept.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse


def prune_rows(matrix: sparse.csr_matrix, keep: int) -> sparse.csr_matrix:
    """Keep each row's `keep` largest entries, re-normalised to unit length."""
    matrix = matrix.tocsr()
    indptr = [0]
    indices: list[np.ndarray] = []
    data: list[np.ndarray] = []
    for i in range(matrix.shape[0]):
        start, end = matrix.indptr[i], matrix.indptr[i + 1]
        vals = matrix.data[start:end]
        cols = matrix.indices[start:end]
        if len(vals) > keep:
            top = np.argpartition(-vals, keep - 1)[:keep]
            vals, cols = vals[top], cols[top]
        norm = float(np.sqrt((vals.astype(np.float64) ** 2).sum())) or 1.0
        indices.append(cols)
        data.append((vals / norm).astype(np.float32))
        indptr.append(indptr[-1] + len(vals))
    return sparse.csr_matrix(
        (
            np.concatenate(data) if data else np.zeros(0, np.float32),
            np.concatenate(indices) if indices else np.zeros(0, np.int32),
            np.array(indptr),
        ),
        shape=matrix.shape,
    )


def top_k_per_trust(
    queries: sparse.csr_matrix,
    query_trusts: Sequence[str],
    keys: sparse.csr_matrix,
    key_trusts: Sequence[str],
    k: int,
    chunk: int = 2000,
    exclude_self: bool = False,
) -> list[tuple[int, int, float]]:
    """(query row, key row, pruned similarity) for the `k` best keys at each trust other than the query's.

    Only pairs across different trusts are produced. The product is sparse and taken in chunks of rows,
    so memory stays bounded whatever the library size. Equal query rows (two trusts' documents titled
    alike, once their noise is gone) are multiplied once: a row's products, and so its best keys, depend
    on the row alone.
    """
    key_trusts_arr = np.asarray(key_trusts)
    query_trusts_arr = np.asarray(query_trusts)
    first = _first_equal_rows(queries)
    out: list[tuple[int, int, float]] = []
    blocks = {t: np.flatnonzero(key_trusts_arr == t) for t in sorted(set(key_trusts))}
    for trust, cols in blocks.items():
        sub = keys[cols].T.tocsc()
        rows_all = np.flatnonzero(query_trusts_arr != trust)
        distinct, slot = np.unique(first[rows_all], return_inverse=True)
        found = [
            _best_of_rows((queries[distinct[s : s + chunk]] @ sub).tocsr(), k)
            for s in range(0, len(distinct), chunk)
        ]
        # Each distinct row's entries (positions in `at`, `val`), then handed to every row equal to it.
        at = np.concatenate([f[0] for f in found]) if found else np.zeros(0, np.int64)
        val = np.concatenate([f[1] for f in found]) if found else np.zeros(0, np.float32)
        kept = np.concatenate([f[2] for f in found]) if found else np.zeros(0, np.int64)
        begin = np.cumsum(kept) - kept
        n = kept[slot]
        ends = np.cumsum(n)
        pos = np.repeat(begin[slot] - (ends - n), n) + np.arange(int(ends[-1]) if len(ends) else 0)
        query, key, sim = np.repeat(rows_all, n), cols[at[pos]], val[pos]
        if exclude_self:
            other = key != query
            query, key, sim = query[other], key[other], sim[other]
        out.extend(zip(query.tolist(), key.tolist(), sim.tolist(), strict=True))
    return out


def _first_equal_rows(m: sparse.csr_matrix) -> np.ndarray:
    """For each row, the first row with the same entries in the same order (itself if none before)."""
    seen: dict[tuple[bytes, bytes], int] = {}
    bounds = m.indptr.tolist()
    return np.fromiter(
        (
            seen.setdefault((m.indices[s:e].tobytes(), m.data[s:e].tobytes()), i)
            for i, (s, e) in enumerate(zip(bounds[:-1], bounds[1:], strict=True))
        ),
        np.int64,
        count=m.shape[0],
    )


def _best_of_rows(sims: sparse.csr_matrix, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's `k` best entries, row after row, as the row's own `argpartition` orders them: their
    columns, their values and how many each row has. Only rows with more than `k` entries need one: the
    rest are taken whole with array operations (a Python loop over every entry took a second at 3 x 3,000
    documents)."""
    counts = np.diff(sims.indptr)
    kept = np.minimum(counts, k)
    ends = np.cumsum(kept)
    # Position in `sims.data` of every entry kept: the row's first ones, replaced below for a long row.
    pos = np.repeat(sims.indptr[:-1] - (ends - kept), kept) + np.arange(int(ends[-1]) if len(ends) else 0)
    bounds = sims.indptr.tolist()
    for r in np.flatnonzero(counts > k).tolist():
        s = bounds[r]
        pos[ends[r] - k : ends[r]] = s + np.argpartition(-sims.data[s : bounds[r + 1]], k - 1)[:k]
    return sims.indices[pos], sims.data[pos], kept


def candidate_pairs(
    body: sparse.csr_matrix,
    titles: sparse.csr_matrix,
    trusts: Sequence[str],
    k: int = 6,
    prune_terms: int = 40,
) -> dict[tuple[int, int], float]:
    """Unordered cross-trust pairs (i < j) worth scoring, with their best blocking similarity.

    Pairs come from pruned body vectors and, so that a short or garbled body cannot hide a document,
    from title vectors too.
    """
    pruned = prune_rows(body, prune_terms)
    pairs: dict[tuple[int, int], float] = {}
    for matrix, kk in ((pruned, k), (titles, max(2, k // 2))):
        for i, j, s in top_k_per_trust(matrix, trusts, matrix, trusts, kk):
            key = (i, j) if i < j else (j, i)
            if s > pairs.get(key, -1.0):
                pairs[key] = s
    return pairs


def containment_pairs(
    pruned: sparse.csr_matrix,
    present: sparse.csr_matrix,
    trusts: Sequence[str],
    usual_in: np.ndarray,
    k: int = 4,
) -> dict[tuple[int, int], float]:
    """Unordered cross-trust pairs where one document's distinctive terms are found in the other.

    The asymmetric path: a short local pathway and the long national guideline it adapts share too small
    a part of their vocabularies for the body vectors to find each other, yet the pathway's heaviest terms
    are mostly in the guideline. A long document contains some of every document's terms, so each key's
    containment is read against its usual one (`usual_in`: (mean, spread) of other documents'
    containment in it) before the `k` best per trust are kept.
    """
    queries = pruned.copy()
    queries.data = queries.data**2  # each document's heaviest terms (unit rows): squared, they sum to 1
    pairs: dict[tuple[int, int], float] = {}
    best: dict[tuple[int, str], list[tuple[float, int]]] = {}
    for i, j, held in top_k_per_trust(queries, trusts, present, trusts, 3 * k):
        z = (held - usual_in[j, 0]) / usual_in[j, 1] if usual_in[j, 1] > 0 else 0.0
        best.setdefault((i, trusts[j]), []).append((float(z), j))
    for (i, _), found in best.items():
        for z, j in sorted(found, reverse=True)[:k]:
            key = (i, j) if i < j else (j, i)
            pairs[key] = max(pairs.get(key, -1.0), z)
    return pairs
