"""The web layer's one cache: values kept per worker for a few seconds.

Three kinds of value go in. Rows that rarely change (the signed-in user, the organisations' local terms):
every page needs them, and re-reading them on each request was a good part of a page's cost;
`CACHE_SECONDS` (default 5) bounds how long a change made elsewhere (a deactivated user, new local terms)
takes to show. A group's side-by-side columns as HTML, under a key naming everything they are made from
(the comparison's fingerprint, the latest decision, the latest comment). And the work queue's list and what
the group page shows of a group (for readers of one role, trust and specialty), under the PostgreSQL
snapshot they were read under (web.db.snapshot_token: equal only while nothing at all has been committed),
or on SQLite the queue's data itself. Those last two are never stale: any commit is a new key; they are kept
a few seconds because building them was most of those pages' time when many people read at once
(bench/web.py). 0 re-reads and re-renders on every request.
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


def cached(key: Hashable, build: Callable[[], T], keep: Callable[[T], bool] | None = None) -> T:
    """`build()`'s value for `key`, from this app's cache when it is younger than CACHE_SECONDS; a value
    `keep` says no to is returned but not kept."""
    ttl = current_app.config.get("CACHE_SECONDS", 0)
    store: dict[Hashable, tuple[float, object]] = current_app.extensions.setdefault("converge_ttl", {})
    now = time.monotonic()
    hit = store.get(key)
    if hit is not None and now - hit[0] < ttl:
        return hit[1]  # type: ignore[return-value]
    value = build()
    if ttl > 0 and (keep is None or keep(value)):
        with _LOCK:
            if len(store) >= SWEEP_AT:
                for old in [k for k, (at, _) in store.items() if now - at >= ttl]:
                    del store[old]
            if len(store) >= MAX_ENTRIES:
                store.clear()
            store[key] = (now, value)
    return value
