"""Match equivalent documents across trusts: explainable scores, one-per-trust groups, gaps.

Use it as `match_documents(docs)`, or build a `MatchIndex` once and call `match()` / `match_new(doc)`.
"""

from converge.core.matching.evaluate import pairwise_prf
from converge.core.matching.grouping import Decisions
from converge.core.matching.index import (
    Gap,
    MatchGroup,
    MatchIndex,
    MatchResult,
    MatchSettings,
    match_documents,
)
from converge.core.matching.scoring import MatchScore, Weights

__all__ = [
    "Decisions",
    "Gap",
    "MatchGroup",
    "MatchIndex",
    "MatchResult",
    "MatchScore",
    "MatchSettings",
    "Weights",
    "match_documents",
    "pairwise_prf",
]
