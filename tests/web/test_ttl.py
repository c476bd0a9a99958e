"""Rows kept per worker for CACHE_SECONDS; whether a session still stands (active account, auth version) is
read on every request, so a deactivation signs the user out at once, whatever the cache holds."""

from __future__ import annotations

from sqlalchemy import select

import converge.web.ttl as ttl
from converge.store.models import User
from tests.web.conftest import session_factory_of


def deactivate(app, username: str) -> None:  # type: ignore[no-untyped-def]
    with session_factory_of(app)() as session, session.begin():
        session.scalar(select(User).where(User.username == username)).active = False


def test_a_deactivated_user_is_signed_out_at_once_even_with_a_cached_copy(app, sign_in, monkeypatch):
    app.config["CACHE_SECONDS"] = 60
    clock = [1000.0]
    monkeypatch.setattr(ttl.time, "monotonic", lambda: clock[0])
    client = sign_in("reviewer")
    assert client.get("/").status_code == 200
    deactivate(app, "reviewer")
    clock[0] += 1  # well within CACHE_SECONDS: the worker's copy of the user is still fresh
    response = client.get("/")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_with_no_cache_a_deactivation_counts_at_once(app, sign_in):
    app.config["CACHE_SECONDS"] = 0
    client = sign_in("viewer")
    assert client.get("/").status_code == 200
    deactivate(app, "viewer")
    assert client.get("/").status_code == 302


def test_threads_missing_one_key_together_build_it_once(app, monkeypatch):
    """After a commit every reader of a page misses its new key at once: one thread builds, the rest wait."""
    import threading

    app.config["CACHE_SECONDS"] = 60
    builds, results = [], []
    release, waiting = threading.Event(), threading.Event()
    started = threading.Event()

    class Spy(threading.Event):  # tells the test when a thread waits for another's build
        def wait(self, timeout=None):  # type: ignore[no-untyped-def]
            if timeout == ttl.WAIT_SECONDS:
                waiting.set()
            return super().wait(timeout)

    monkeypatch.setattr(ttl.threading, "Event", Spy)

    def build() -> str:
        builds.append(1)
        started.set()
        release.wait(10)
        return "page"

    def read() -> None:
        with app.app_context():
            results.append(ttl.cached(("page", 1), build))

    first, second = threading.Thread(target=read), threading.Thread(target=read)
    first.start()
    assert started.wait(10)
    second.start()
    assert waiting.wait(10) or len(builds) == 2
    release.set()
    first.join(10)
    second.join(10)
    assert results == ["page", "page"] and len(builds) == 1


def test_a_value_that_cannot_go_stale_is_kept_while_it_is_read(app, monkeypatch):
    """A value kept under a snapshot lives while it is read (at most LASTING_SECONDS); any other value
    lives CACHE_SECONDS however often it is read."""
    app.config["CACHE_SECONDS"] = 5
    clock = [1000.0]
    monkeypatch.setattr(ttl.time, "monotonic", lambda: clock[0])
    builds: list[str] = []

    def read(key: str, lasting: bool) -> None:
        with app.app_context():
            ttl.cached(key, lambda: builds.append(key), lasting=lasting)

    for _ in range(5):  # read every 4 seconds for 16 seconds
        read("page under a snapshot", True)
        read("a user's row", False)
        clock[0] += 4
    assert builds.count("page under a snapshot") == 1 and builds.count("a user's row") == 3
    clock[0] += 6  # unread for longer than CACHE_SECONDS: gone
    read("page under a snapshot", True)
    assert builds.count("page under a snapshot") == 2
    for _ in range(ttl.LASTING_SECONDS // 4 + 1):  # read often, but never kept past LASTING_SECONDS
        read("page under a snapshot", True)
        clock[0] += 4
    assert builds.count("page under a snapshot") == 3
