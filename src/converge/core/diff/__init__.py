"""The difference engine: section alignment, word-level changes and their clinical significance.

Domain core only: takes converge.core.model Documents (body layer), returns dataclasses and plain dicts.
"""

from converge.core.diff.align import align_documents, align_group
from converge.core.diff.context import DiffContext
from converge.core.diff.engine import diff_documents
from converge.core.diff.render import diff_to_dict, render_text
from converge.core.diff.result import (
    SIGNIFICANT_CATEGORIES,
    Category,
    Change,
    ChangeKind,
    DocumentDiff,
    GroupDiff,
    GroupRow,
    PairKind,
    SectionPair,
)
from converge.core.diff.summary import diff_group, divergence

__all__ = [
    "SIGNIFICANT_CATEGORIES",
    "Category",
    "Change",
    "ChangeKind",
    "DiffContext",
    "DocumentDiff",
    "GroupDiff",
    "GroupRow",
    "PairKind",
    "SectionPair",
    "align_documents",
    "align_group",
    "diff_documents",
    "diff_group",
    "diff_to_dict",
    "divergence",
    "render_text",
]
