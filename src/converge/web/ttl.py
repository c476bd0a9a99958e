"""The web layer's one cache: values kept per worker for a few seconds.

Three kinds of value go in. Rows that rarely change (the signed-in user, the organisations' local terms):
every page needs them, and re-reading them on each request was a good part of a page's cost;
`CACHE_SECONDS` (default 5) bounds how long a change made elsewhere (a deactivated user, new local terms)
takes to show. A group's side-by-side columns as HTML with a slot for each difference's decision and
comments (web.columns), and its decoded comparison, under the comparison's fingerprint. And the work queue page and a
group's page, with what the group page shows of the group (for readers of one role, trust and specialty;
each reader's own parts are filled in per request, web.shared_page): the queue under its data version
(store.queries.QUEUE_VERSION; its places and rows apart, web.views.review._queue_data), a group's page under
the group's (store.models.GroupVersion); both are changed by database triggers, in the committing
transaction, with anything the page shows, and by nothing else, so a comment leaves the queue kept and a
commit to another group leaves a group's page kept. Those are never stale: a change to what they show is a
new key; they are kept because building them was most of those pages' time when many people read at once
(bench/web.py), while they are read (see cached). 0 re-reads and re-renders on every request.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import TypeVar

from flask import current_app

T = TypeVar("T")
_LOCK = threading.Lock()
MAX_ENTRIES = 2_000
SWEEP_AT = 200  # from this many entries, expired ones are dropped before another is added
LASTING_SECONDS = 60  # the longest a value that cannot go stale is kept (see cached)
WAIT_SECONDS = 30  # longest wait for another thread's build of the same key before building it too
_next_sweep = [0.0]


def cached(
    key: Hashable, build: Callable[[], T], keep: Callable[[T], bool] | None = None, *, lasting: bool = False
) -> T:
    """`build()`'s value for `key`, from this app's cache when it is younger than CACHE_SECONDS; a value
    `keep` says no to is returned but not kept.

    A `lasting` value is one that cannot go stale: its key names everything it was made from (a PostgreSQL
    snapshot, a page's data version). It is kept while it is read, until CACHE_SECONDS pass without a
    read, for at most LASTING_SECONDS: readers of a library nobody is changing no longer rebuild every page every few
    seconds, and a value under a key nobody reads any more (a commit makes a new one) goes as soon as
    another. (At most: a page may show the date, and a day can end while nothing is committed.)

    Threads of one worker that miss the same key at once build it once: the first builds, the others wait
    for its value (after a commit, every reader of a page misses its new key together).
    """
    ttl = current_app.config.get("CACHE_SECONDS", 0)
    if ttl <= 0:
        return build()
    store: dict[Hashable, _Kept] = current_app.extensions.setdefault("converge_ttl", {})
    building: dict[Hashable, threading.Event] = current_app.extensions.setdefault("converge_ttl_building", {})
    hit = _fresh(store, key, ttl)
    if hit is not None:
        return hit.value  # type: ignore[return-value]
    with _LOCK:
        other = building.get(key)
        if other is None:
            building[key] = mine = threading.Event()
    if other is not None:  # (if its build failed, took too long or was not kept: built here too)
        other.wait(WAIT_SECONDS)
        hit = _fresh(store, key, ttl)
        return hit.value if hit is not None else build()  # type: ignore[return-value]
    try:
        value = build()
        if keep is None or keep(value):
            _store(store, key, _Kept(value, lasting), ttl)
        return value
    finally:
        with _LOCK:
            del building[key]
        mine.set()


class _Kept:
    """A kept value, when it was made and when it was last read."""

    __slots__ = ("value", "lasting", "made", "read")

    def __init__(self, value: object, lasting: bool) -> None:
        self.value, self.lasting = value, lasting
        self.made = self.read = time.monotonic()

    def fresh(self, now: float, ttl: float) -> bool:
        if self.lasting:
            return now - self.read < ttl and now - self.made < max(ttl, LASTING_SECONDS)
        return now - self.made < ttl


def _fresh(store: dict[Hashable, _Kept], key: Hashable, ttl: float) -> _Kept | None:
    kept = store.get(key)
    if kept is None:
        return None
    now = time.monotonic()
    if not kept.fresh(now, ttl):
        return None
    kept.read = now
    return kept


def _store(store: dict[Hashable, _Kept], key: Hashable, kept: _Kept, ttl: float) -> None:
    now = kept.made
    with _LOCK:
        # While people write, every commit brings new keys: the sweep runs at most once a second, not on
        # every value kept (it had become a measurable part of each page built).
        if len(store) >= SWEEP_AT and now >= _next_sweep[0]:
            _next_sweep[0] = now + min(ttl, 1.0)
            for old in [k for k, v in store.items() if not v.fresh(now, ttl)]:
                del store[old]
        if len(store) >= MAX_ENTRIES:
            store.clear()
        store[key] = kept
