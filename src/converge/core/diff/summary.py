"""Group summaries: pairwise diffs of 2-3 documents, counts by category, one-trust sections, divergence."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from converge.core.diff.align import align_group, align_units, section_units
from converge.core.diff.context import DEFAULT_CONTEXT, DiffContext
from converge.core.diff.engine import diff_documents
from converge.core.diff.result import DocumentDiff, GroupDiff, PairKind
from converge.core.model import Document


def divergence(d: DocumentDiff) -> float:
    """How far apart two documents are, in [0, 1], for prioritising review.

    Half from the number of significant changes (saturating: 10 changes ~ 0.63), a quarter from sections
    present at one side only and a quarter from the share of words changed.
    """
    n_sig = len(d.significant())
    one_sided = sum(1 for p in d.pairs if p.kind in (PairKind.A_ONLY, PairKind.B_ONLY))
    share = one_sided / max(1, len(d.pairs))
    value = 0.5 * (1 - math.exp(-n_sig / 10)) + 0.25 * share + 0.25 * (1 - d.similarity)
    return round(min(1.0, max(0.0, value)), 4)


def diff_group(docs: Sequence[Document], context: DiffContext | None = None) -> GroupDiff:
    """Pairwise diffs of every two documents of a group, with a section alignment across all of them."""
    context = context or DEFAULT_CONTEXT
    units = [section_units(d) for d in docs]
    aligned = {
        (i, j): align_units(units[i], units[j]) for i in range(len(docs)) for j in range(i + 1, len(docs))
    }
    pairwise = tuple(diff_documents(docs[i], docs[j], context, matches=m) for (i, j), m in aligned.items())
    rows = tuple(align_group(docs, aligned))
    counts: Counter[str] = Counter()
    for d in pairwise:
        counts.update(c.category.value for c in d.significant())
    only_at: dict[str, tuple[str, ...]] = {}
    if len(docs) > 1:
        for doc in docs:
            only_at[doc.trust] = tuple(r.heading for r in rows if r.trusts == (doc.trust,))
    score = max((divergence(d) for d in pairwise), default=0.0)
    return GroupDiff(
        trusts=tuple(d.trust for d in docs),
        doc_ids=tuple(d.id for d in docs),
        pairwise=pairwise,
        rows=rows,
        counts=dict(sorted(counts.items())),
        only_at=only_at,
        divergence=score,
    )
