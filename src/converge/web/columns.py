"""A group's side-by-side columns and lists of differences as HTML: rendered once per comparison, with the
decisions and comments filled in for each view.

review/_compare.html was most of an uncached group page's time (some 100 differences and 70 kB for a group
of three), and a decision or a comment changes only its own difference's few lines of it; yet each one
rendered the whole again, while people decided. So it is rendered once per comparison, with a marker at
each place that shows a difference's decision or comments (`slot`), and kept (web.ttl) under what it is made
from: the group, its comparison's fingerprint and the wording switch. Each view fills the slots in: one of a
difference nobody has decided or commented on takes its fixed text, the others are rendered by
review/_slots.html's macros. A new decision or comment shows on the next view, with no re-render.

A marker is an HTML comment holding a random mark of this process: autoescaped text never holds a '<', so no
policy text can forge one (as web.shared_page's markers).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from flask import current_app
from markupsafe import Markup

_MARK = secrets.token_hex(8)
_MARKER = re.compile(f"<!--slot:{_MARK}:(\\d+)-->")
_SLOTS_TEMPLATE = "review/_slots.html"  # one macro per slot name, each given (decision, comments)
SLOT_NAMES = frozenset({"decided", "decision_value", "summary_text", "compact_state"})


@dataclass(frozen=True)
class Columns:
    """The rendered columns cut at their slots: pieces[0], slot 0, pieces[1], slot 1, ..."""

    pieces: tuple[str, ...]
    slots: tuple[tuple[str, str], ...]  # (macro of review/_slots.html, difference key)

    def fill(self, decisions: Mapping[str, Any], comments: Mapping[str, Sequence[Any]]) -> Markup:
        """The HTML with each difference's current decision (`decisions`: key -> decision) and comments."""
        macros = current_app.jinja_env.get_template(_SLOTS_TEMPLATE).module
        fixed = {name: str(getattr(macros, name)(None, ())) for name in SLOT_NAMES}
        out = [self.pieces[0]]
        for (name, key), piece in zip(self.slots, self.pieces[1:], strict=True):
            decision, notes = decisions.get(key), comments.get(key, ())
            out.append(fixed[name] if decision is None and not notes else str(getattr(macros, name)(decision, notes)))
            out.append(piece)
        return Markup("".join(out))  # noqa: S704 - autoescaped template and macros, our markers cut out


def render_columns(render: Callable[[Callable[[str, str], Markup]], str]) -> Columns:
    """The columns `render(slot)` makes, cut at their slots: `render` passes `slot` to the template, which
    calls slot(name, difference key) wherever a decision or comments go (a macro of review/_slots.html)."""
    recorded: list[tuple[str, str]] = []

    def slot(name: str, key: str) -> Markup:
        if name not in SLOT_NAMES:
            raise ValueError(f"no slot {name!r} in {_SLOTS_TEMPLATE}")
        recorded.append((name, key))
        return Markup(f"<!--slot:{_MARK}:{len(recorded) - 1}-->")  # noqa: S704 - our marker, no input in it

    split = _MARKER.split(render(slot))  # text, index, text, index, ..., text
    return Columns(tuple(split[0::2]), tuple(recorded[int(i)] for i in split[1::2]))
