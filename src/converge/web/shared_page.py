"""A page shared by its readers: rendered once and kept (web.ttl), each reader's own parts filled in as it is
served.

The queue and a group's page are the same for everyone of one role, trust and specialty reading the same data,
but for a few parts: the form token in every form, the account line and unread count in the header, whether
they follow the group. Rendering the whole page for each request was most of what a kept page still cost
(a group page's forms alone took 4-5 ms of CPU), so the page is rendered once with a marker where each such
part goes, and each request renders only those parts, for its own reader.

A marker is an HTML comment holding a random mark of this process: autoescaped text never holds a '<', so no
policy text or name can forge one. A page carrying a message for one reader only (a flashed message after a
form, a refused form shown again) is rendered for that reader alone and never kept.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from flask import Flask, current_app, g, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

from converge.web.ttl import cached

_MARK = secrets.token_hex(8)
_MARKER = re.compile(f"<!--own:{_MARK}:(\\d+)-->")
_OWN_TEMPLATE = "own.html"  # the macros that render each part (templates/own.html)
_HELD = ""  # the name of a part that is not the reader's own but held by reference (see held)


@dataclass(frozen=True)
class SharedPage:
    """A rendered page cut at its readers' own parts: pieces[0], part 0, pieces[1], part 1, ..."""

    pieces: tuple[str, ...]
    parts: tuple[tuple[str, tuple[Hashable, ...]], ...]

    def fill(self) -> str:
        """The page for the reader of this request."""
        out = [self.pieces[0]]
        for (name, args), piece in zip(self.parts, self.pieces[1:], strict=True):
            out.append(str(args[0]) if name == _HELD else render_part(name, args))
            out.append(piece)
        return "".join(out)


def shared_page(key: Hashable, render: Callable[[], str], *, lasting: bool = False) -> str:
    """The page `render()` makes, kept under `key` and the reader's role, trust and specialty, with this
    reader's own parts filled in. `key` must name everything else the page is made from (`lasting`: it
    names a snapshot, see web.ttl.cached)."""
    if not can_share():
        return render()
    reader = (current_user.role, current_user.trust, getattr(current_user, "specialty", None))
    return cached(("shared page", key, reader), lambda: _cut(render), lasting=lasting).fill()


def can_share() -> bool:
    """False when this request's page carries a message for its reader alone (see the module docstring)."""
    return "_flashes" not in session and g.get("form_error") is None


def own(name: str, *args: Hashable) -> Markup:
    """Jinja: the reader's own part `name` (a macro of templates/own.html, given the reader and `args`)
    rendered here, or a marker in its place while a page is rendered to be shared."""
    marker = _marker(name, args)
    return render_part(name, args) if marker is None else marker


def held(html: Markup) -> Markup:
    """Jinja: `html`, a large part kept in the cache already (a group's side-by-side columns), placed here;
    a shared page holds it by reference rather than as a copy: while people decide and comment, each
    commit is a new copy of the page, but the columns change only with their own group's decisions and
    comments (web.views.review._compare_html)."""
    marker = _marker(_HELD, (html,))
    return html if marker is None else marker


def _marker(name: str, args: tuple[Hashable, ...]) -> Markup | None:
    """While a page is rendered to be shared, the marker standing for this part (None otherwise)."""
    recorded = g.get("own_parts")
    if recorded is None:
        return None
    recorded.append((name, args))
    return Markup(f"<!--own:{_MARK}:{len(recorded) - 1}-->")  # noqa: S704 - our marker, no input in it


def csrf_token() -> Markup:
    """Jinja's csrf_token(): the reader's own form token (Flask-WTF's), a marker in a shared page."""
    return own("csrf")


def render_part(name: str, args: tuple[Hashable, ...]) -> Markup:
    if name == "csrf":
        return escape(generate_csrf())
    macro = getattr(current_app.jinja_env.get_template(_OWN_TEMPLATE).module, name)
    return Markup(macro(current_user, *args))  # noqa: S704 - an autoescaped macro's output


def _cut(render: Callable[[], str]) -> SharedPage:
    g.own_parts = []
    try:
        html = render()
        parts = g.own_parts
    finally:
        g.pop("own_parts", None)
    split = _MARKER.split(html)  # text, index, text, index, ..., text
    return SharedPage(tuple(split[0::2]), tuple(parts[int(i)] for i in split[1::2]))


def init_app(app: Flask) -> None:
    # After Flask-WTF's init_app, which gave templates its generate_csrf both as a global (for macros
    # imported without context) and from a context processor: both are replaced, or a shared page would
    # carry its first reader's token.
    app.jinja_env.globals.update(own=own, held=held, csrf_token=csrf_token)
    app.jinja_env.globals.pop("csrf_meta_tag", None)
    app.context_processor(lambda: {"csrf_token": csrf_token, "csrf_meta_tag": None})
