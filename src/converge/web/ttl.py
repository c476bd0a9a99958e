"""Rows that rarely change (the signed-in user, the organisations' local terms), kept per worker for a few
seconds: every page needs them, and re-reading them on each request was a good part of a page's cost.

`CACHE_SECONDS` (default 5) bounds how long a change made elsewhere (a deactivated user, new local terms)
takes to show; 0 re-reads on every request.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import TypeVar

from flask import current_app

T = TypeVar("T")
_LOCK = threading.Lock()
MAX_ENTRIES = 10_000


def cached(key: Hashable, build: Callable[[], T]) -> T:
    """`build()`'s value for `key`, from this app's cache when it is younger than CACHE_SECONDS."""
    ttl = current_app.config.get("CACHE_SECONDS", 0)
    store: dict[Hashable, tuple[float, object]] = current_app.extensions.setdefault("converge_ttl", {})
    now = time.monotonic()
    hit = store.get(key)
    if hit is not None and now - hit[0] < ttl:
        return hit[1]  # type: ignore[return-value]
    value = build()
    if ttl > 0:
        with _LOCK:
            if len(store) >= MAX_ENTRIES:
                store.clear()
            store[key] = (now, value)
    return value
