"""The difference engine: section alignment, word-level changes and their clinical significance.

Domain core only: takes converge.model Documents (body layer), returns dataclasses and plain dicts.
"""

from converge.diff.align import align_documents, align_group
from converge.diff.context import DiffContext
from converge.diff.engine import diff_documents
from converge.diff.render import diff_to_dict, render_text
from converge.diff.result import (
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
from converge.diff.summary import diff_group, divergence

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
