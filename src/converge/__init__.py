"""Converge: turn several trusts' libraries of clinical policies into one shared set.

The public library API. Names load on first use, so `import converge` stays cheap for the CLI.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = ["Document", "Section", "Block", "parse_file", "match_documents", "diff_documents", "diff_group"]

_WHERE = {
    "Document": "converge.core.model",
    "Section": "converge.core.model",
    "Block": "converge.core.model",
    "parse_file": "converge.core.parsers",
    "match_documents": "converge.core.matching",
    "diff_documents": "converge.core.diff",
    "diff_group": "converge.core.diff",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'converge' has no attribute {name!r}")
