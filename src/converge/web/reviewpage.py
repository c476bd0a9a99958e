"""The side-by-side part of a group page, rendered once per group state, stored, and filled in per request.

Rendering a group's columns and lists of differences (thousands of marked spans) costs 20-30 ms, most of
a page view; it is the same for every reader, and only a few small parts of it change with decisions,
comments and the noise switch. So review/_compare.html is rendered once with those parts at their
defaults, each wrapped in a slot marker (review/_slots.html); the rendering is split at the markers and
stored in `rendered_reviews`, keyed by the review data's fingerprint, the templates' own fingerprint and the
URL root. A page view loads it (or renders it the first time) and re-renders only the slots whose state
differs from the default: a decided or commented difference, the noise switch.

Pages are rendered ahead, right after matching (`prerender`), by `converge match`, `converge demo` and
uploads, so even a group nobody has opened yet costs a page view no diffing and no rendering.
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import chain, zip_longest
from pathlib import Path
from typing import Any

from flask import Flask, current_app, render_template, request
from markupsafe import Markup
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from converge.groups import active_groups, diff_context_for
from converge.review import get_group
from converge.reviewstore import LRUCache, group_review, review_in_session, review_key
from converge.reviewview import LEVELS, ReviewData
from converge.store.models import RenderedReview, utcnow
from converge.store.session import write_apart

TEMPLATES = ("review/_compare.html", "review/_slots.html", "review/_macros.html")
# Policy text is autoescaped, so "<" never comes from a document: these markers come only from _slots.html.
SLOT = re.compile(r"<!--cv-slot:([a-z_]+):([0-9a-f-]*)-->(.*?)<!--/cv-slot-->", re.DOTALL)
DIFFERENCE_SLOTS = ("decided", "decision_value", "summary_text", "compact_state")
NOISE_SLOTS = ("noise_class", "noise_hidden", "noise_note")
PAGE_CACHE = "converge_review_pages"


RS, US = "\x1e", "\x1f"  # separators in the stored form; never left in rendered HTML (see compile_page)


@dataclass(frozen=True)
class ComparePage:
    """The stored rendering: static HTML `parts` around `slots` (kind, difference key, default HTML), and
    what the rest of the page shows of the review."""

    parts: tuple[str, ...]
    slots: tuple[tuple[str, str, str], ...]
    keys: frozenset[str]
    trusts: tuple[str, ...]
    counts: Mapping[str, int] = field(default_factory=dict)  # differences by level
    divergence: float = 0.0
    plain: str = field(init=False, repr=False)  # every slot at its default: most groups, most of the time

    def __post_init__(self) -> None:
        defaults = [html for _, _, html in self.slots]
        object.__setattr__(
            self, "plain", "".join(chain.from_iterable(zip_longest(self.parts, defaults, fillvalue="")))
        )

    def to_bytes(self) -> bytes:
        # A line of JSON, then the parts and slots between control characters: loading it is a split, where
        # parsing the HTML as JSON strings (or finding the slot markers again) cost milliseconds.
        head = {
            "keys": sorted(self.keys),
            "trusts": self.trusts,
            "counts": dict(self.counts),
            "divergence": self.divergence,
        }
        body = RS.join(
            [
                self.parts[0],
                *(
                    f"{k}{US}{key}{US}{html}{RS}{part}"
                    for (k, key, html), part in zip(self.slots, self.parts[1:], strict=True)
                ),
            ]
        )
        return zlib.compress(f"{json.dumps(head, ensure_ascii=True)}\n{body}".encode(), 6)

    @classmethod
    def from_bytes(cls, blob: bytes) -> ComparePage:
        head_line, _, body = zlib.decompress(blob).decode().partition("\n")
        head = json.loads(head_line)
        fields = body.split(RS)
        slots = tuple(tuple(f.split(US, 2)) for f in fields[1::2])
        if any(len(slot) != 3 for slot in slots):
            raise ValueError("damaged stored page")
        return cls(
            parts=tuple(fields[0::2]),
            slots=slots,  # type: ignore[arg-type]
            keys=frozenset(head["keys"]),
            trusts=tuple(head["trusts"]),
            counts=head["counts"],
            divergence=head["divergence"],
        )


def split_slots(html: str) -> tuple[tuple[str, ...], tuple[tuple[str, str, str], ...]]:
    parts, slots, at = [], [], 0
    for m in SLOT.finditer(html):
        parts.append(html[at : m.start()])
        slots.append((m.group(1), m.group(2), m.group(3)))
        at = m.end()
    parts.append(html[at:])
    return tuple(parts), tuple(slots)


def compile_page(group_id: int, data: ReviewData) -> ComparePage:
    """Render the fragment with every slot at its default and split it at the slots (needs a request)."""
    html = render_template(
        "review/_compare.html", group_id=group_id, data=data, decisions={}, comments={}, show_noise=False
    )
    # Control characters are not allowed in HTML text anyway; these two separate the stored parts.
    html = html.replace(RS, "\ufffd").replace(US, "\ufffd")
    parts, slots = split_slots(html)
    return ComparePage(
        parts=parts,
        slots=slots,
        keys=frozenset(d.key for d in data.differences),
        trusts=data.trusts,
        counts={level: len(data.by_level(level)) for level in LEVELS[1:]},
        divergence=data.divergence,
    )


def fill(
    page: ComparePage, decisions: Mapping[str, Any], comments: Mapping[str, Sequence[Any]], noise: bool
) -> Markup:
    """The fragment for this state: stored HTML, with the slots whose state is not the default re-rendered."""
    if not decisions and not comments and not noise:
        return Markup(page.plain)  # noqa: S704 - our templates' autoescaped output, markers removed
    macros = current_app.jinja_env.get_template("review/_slots.html").module
    out = [page.parts[0]]
    for (kind, key, default), part in zip(page.slots, page.parts[1:], strict=True):
        if kind in NOISE_SLOTS:
            quiet = page.counts.get("noise", 0) + page.counts.get("changed", 0)
            html = getattr(macros, kind)(noise, quiet) if noise else default
        elif key in decisions or key in comments:
            html = getattr(macros, kind)(decisions.get(key), comments.get(key, []))
        else:
            html = default
        out.append(str(html))
        out.append(part)
    return Markup("".join(out))  # noqa: S704 - our templates' autoescaped output, split and rejoined


@cache
def templates_fingerprint() -> str:
    """Changes when a template the stored rendering comes from changes (a new release re-renders)."""
    folder = Path(__file__).parent / "templates"
    digest = hashlib.sha1()
    for name in TEMPLATES:
        digest.update((folder / name).read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


def render_key(review_fingerprint: str, url_root: str) -> str:
    return hashlib.sha1(f"{review_fingerprint}|{templates_fingerprint()}|{url_root}".encode()).hexdigest()


# --- storing ---------------------------------------------------------------------------------------


def stored_page(session: Session, group_id: int, key: str) -> ComparePage | None:
    blob = session.connection().execute(_STORED, {"group_id": group_id, "key": key}).scalar()
    if blob is None:
        return None
    try:
        return ComparePage.from_bytes(blob)
    except (ValueError, KeyError, TypeError, zlib.error):  # damaged: render again rather than fail
        return None


_STORED = select(RenderedReview.payload).where(
    RenderedReview.group_id == bindparam("group_id"), RenderedReview.key == bindparam("key")
)


def save_page(session: Session, group_id: int, key: str, page: ComparePage) -> None:
    row = session.get(RenderedReview, group_id)
    if row is None:
        session.add(RenderedReview(group_id=group_id, key=key, payload=page.to_bytes()))
    else:
        row.key, row.payload, row.built_at = key, page.to_bytes(), utcnow()


def _pages() -> LRUCache:
    return current_app.extensions.setdefault(PAGE_CACHE, LRUCache(128))


def compare_page(session: Session, group_id: int, review_fingerprint: str) -> ComparePage:
    """The group's stored rendering: from this worker's memory, the database, or rendered now and kept."""
    key = render_key(review_fingerprint, request.script_root)

    def build() -> ComparePage:
        page = stored_page(session, group_id, key)
        if page is None:
            data = group_review(session, get_group(session, group_id), key=review_fingerprint)
            assert data is not None  # a fingerprint means two or more documents
            page = compile_page(group_id, data)
            write_apart(session, lambda own: save_page(own, group_id, key, page))
        return page

    return _pages().get_or_build(key, build)


def prerender(app: Flask, progress: Callable[[int, int], None] | None = None) -> int:
    """Render and store the page of every live group whose stored rendering is missing or stale.

    Run after matching, outside any request; returns how many pages were rendered.
    """
    from converge.web.db import session_factory

    with app.app_context(), app.test_request_context():
        factory = session_factory()
        with factory() as session:
            context = diff_context_for(session)
            have = {
                gid: key for gid, key in session.execute(select(RenderedReview.group_id, RenderedReview.key))
            }
            todo = []
            for group in active_groups(session):
                fp = review_key(session, group, context)
                if fp is not None and have.get(group.id) != render_key(fp, request.script_root):
                    todo.append((group, fp))
            for n, (group, fp) in enumerate(todo):
                if progress is not None:
                    progress(n, len(todo))
                page = compile_page(group.id, review_in_session(session, group, fp))
                save_page(session, group.id, render_key(fp, request.script_root), page)
                if n % 10 == 9:  # short write transactions: uploads and decisions go on meanwhile
                    session.commit()
            session.commit()
        if progress is not None:
            progress(len(todo), len(todo))
    return len(todo)
