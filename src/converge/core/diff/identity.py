"""The identity of a difference: the key every decision, comment and sign-off is stored under.

Computed from the difference's content only (its trusts, section headings without their numbering, the
sentences and the changed words), so a decision sticks when a group is diffed again: after a restart, a
new member that leaves this text alone, or a renumbered section. Changing it orphans stored decisions.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from converge.core.diff.result import Path
from converge.core.diff.tokens import strip_heading_number


def path_key(path: Path | None) -> tuple[str, ...]:
    """A section path with the heading numbers taken off ("4.2 Dosing" and "5.1 Dosing" are one)."""
    return tuple(strip_heading_number(p) for p in path) if path else ()


def change_key(trust_sides: Sequence[tuple[str, Path | None, str, str]], kind: str) -> str:
    """Stable id of a difference: its trusts, section headings (numbering ignored), sentences and words."""
    material = [kind, *sorted([t, list(path_key(p)), s, c] for t, p, s, c in trust_sides)]
    return hashlib.sha1(json.dumps(material, ensure_ascii=False).encode()).hexdigest()[:16]
