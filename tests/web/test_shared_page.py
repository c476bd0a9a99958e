"""The queue and group pages are shared by their readers (web.shared_page): rendered once for everyone of one role,
trust and specialty reading the same data, each reader's own parts (name, form token, unread count, follow
state, whether they asked for a confirmation, a flashed message) filled in for every request and never shown
to anyone else. On SQLite the group page is rendered for each request (no snapshot names its data)."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import contextmanager
from typing import TypeVar

import pytest
from flask import Flask, template_rendered
from sqlalchemy import create_engine, event, select

from converge.store.models import Comment, MatchGroupRow, Notification, User
from converge.web.shared_page import SharedPage
from converge.workflow.accounts import create_user
from converge.workflow.status import Status
from tests.web.conftest import PASSWORD, csrf_token, session_factory_of
from tests.web.test_review_views import make_group, revision_of, set_status, signed_in_client

T = TypeVar("T")
NAME = "<b>Ann</b> & co"  # a display name with markup in it: shown as text


@pytest.fixture
def group_id(app: Flask, docs: dict[str, str]) -> int:
    app.config["CACHE_SECONDS"] = 3600  # only a change may end a kept page here, never its age
    with session_factory_of(app)() as session, session.begin():
        create_user(session, "reviewer.two", PASSWORD, "reviewer", display_name=NAME)
    return make_group(app, [docs["JPUH"], docs["NNUH"], docs["QEH"]])


@contextmanager
def rendered(app: Flask):
    """The names of the templates rendered meanwhile (pages, not the reader's own parts' macros)."""
    names: list[str] = []

    def record(sender, template, context, **extra):  # type: ignore[no-untyped-def]
        names.append(template.name)

    template_rendered.connect(record, app)
    try:
        yield names
    finally:
        template_rendered.disconnect(record, app)


def is_postgresql(app: Flask) -> bool:
    return app.config["DATABASE_URL"].startswith("postgresql")


def quietly(app: Flask, action: Callable[[], T]) -> T:
    """`action()`'s result from a run during which nothing was committed anywhere on the PostgreSQL server
    (other tests may share it, and any commit is a new snapshot: a page read again, not a shared one)."""
    if not is_postgresql(app):
        return action()
    with create_engine(app.config["DATABASE_URL"]).connect() as conn:
        for _ in range(50):
            before = conn.exec_driver_sql("select pg_current_snapshot()::text").scalar()
            result = action()
            if conn.exec_driver_sql("select pg_current_snapshot()::text").scalar() == before:
                return result
    raise AssertionError("the PostgreSQL server was never quiet for one run")


def token(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]


def session_secret(html: str) -> str:
    """The session's own token inside a page's signed one (the signature carries the second it was made)."""
    return token(html).split(".")[0]


def notify(app: Flask, username: str, group_id: int, text: str) -> None:
    with session_factory_of(app)() as session, session.begin():
        user = session.scalar(select(User).where(User.username == username))
        session.add(Notification(user_id=user.id, group_id=group_id, kind="comment", actor="x", text=text))


def test_two_reviewers_share_the_page_each_with_their_own_parts(app, sign_in, group_id):
    set_status(app, group_id, Status.CONFIRMED)
    one = sign_in("reviewer")
    two = signed_in_client(app, "reviewer.two")
    followed = one.post(f"/groups/{group_id}/follow", data={"csrf_token": csrf_token(one), "follow": "1"})
    assert followed.status_code == 302
    one.get(f"/groups/{group_id}")  # (shows the flashed message once, for this reader alone)
    notify(app, "reviewer.two", group_id, "A comment on a group you follow")
    url = f"/groups/{group_id}"

    def read_both() -> tuple[list[str], str, str]:
        app.extensions.get("converge_ttl", {}).clear()  # (a retry starts as the first try did)
        with rendered(app) as names:
            mine, theirs = (c.get(url).get_data(as_text=True) for c in (one, two))
        return names, mine, theirs

    names, mine, theirs = quietly(app, read_both)
    assert names.count("review/group.html") == 1  # (kept under the group's data version, on both databases)
    assert "Stop following this group" in mine and "Stop following this group" not in theirs
    assert 'id="unread-count"' not in mine and re.search(r'id="unread-count">1<', theirs)
    assert "&lt;b&gt;Ann&lt;/b&gt; &amp; co (Clinical reviewer)" in theirs and "&lt;b&gt;Ann" not in mine
    assert "<!--own:" not in mine + theirs
    assert session_secret(mine) != session_secret(theirs)
    # Each token is its reader's own: the other's is refused, theirs is taken.
    data = {"revision": revision_of(app, group_id), "text": "Checked"}
    assert two.post(f"{url}/comments", data={**data, "csrf_token": token(mine)}).status_code == 400
    assert two.post(f"{url}/comments", data={**data, "csrf_token": token(theirs)}).status_code == 302


def test_the_queue_is_rendered_once_per_role(app, sign_in, group_id):
    one = sign_in("reviewer")
    two = signed_in_client(app, "reviewer.two")
    lead = signed_in_client(app, "lead.jpuh")
    with rendered(app) as names:
        pages = [c.get("/").get_data(as_text=True) for c in (one, two, lead, one)]
    assert names.count("review/queue.html") == 2  # the reviewers' page, and the lead's
    assert "Confirm the high-confidence" in pages[2] and "Confirm the high-confidence" not in pages[0]
    assert NAME not in pages[1] and "&lt;b&gt;Ann&lt;/b&gt;" in pages[1] and "&lt;b&gt;Ann" not in pages[0] + pages[3]
    assert len({session_secret(p) for p in pages[:3]}) == 3 and session_secret(pages[0]) == session_secret(pages[3])


def test_a_flashed_message_is_shown_to_its_reader_only_and_the_change_to_everyone(app, sign_in, group_id):
    set_status(app, group_id, Status.CONFIRMED)
    one = sign_in("reviewer")
    two = signed_in_client(app, "reviewer.two")
    url = f"/groups/{group_id}"
    two.get(url)
    posted = one.post(
        f"{url}/comments",
        data={"csrf_token": csrf_token(one), "revision": revision_of(app, group_id), "text": "Seen by pharmacy"},
    )
    assert posted.status_code == 302
    mine = one.get(url).get_data(as_text=True)
    theirs = two.get(url).get_data(as_text=True)
    assert "Comment added." in mine and "Comment added." not in theirs
    assert "Seen by pharmacy" in mine and "Seen by pharmacy" in theirs
    assert "Comment added." not in one.get(url).get_data(as_text=True)  # shown once


def test_only_the_reviewer_who_asked_is_told_they_asked(app, sign_in, group_id):
    one = sign_in("reviewer")
    two = signed_in_client(app, "reviewer.two")
    url = f"/groups/{group_id}"
    assert 'id="ask-form"' in two.get(url).get_data(as_text=True)
    asked = one.post(f"{url}/confirm-request", data={"csrf_token": csrf_token(one), "note": "Same topic"})
    assert asked.status_code == 302
    one.get(url)  # (the flashed message)
    mine, theirs = (c.get(url).get_data(as_text=True) for c in (one, two))
    assert 'id="asked"' in mine and 'id="ask-form"' not in mine
    assert 'id="ask-form"' in theirs and 'id="asked"' not in theirs


def test_signing_out_from_a_shared_page_uses_the_readers_own_token(app, sign_in, group_id):
    one = sign_in("reviewer")
    two = signed_in_client(app, "reviewer.two")
    two.get("/")
    html = one.get("/").get_data(as_text=True)
    form = re.search(r'action="/sign-out".*?name="csrf_token" value="([^"]+)"', html, re.S)
    assert form and one.post("/sign-out", data={"csrf_token": form.group(1)}).status_code == 302
    assert one.get("/").status_code == 302  # signed out
    assert two.get("/").status_code == 200


def test_a_commit_the_queue_does_not_show_leaves_its_page_as_rendered(app, sign_in, group_id):
    """The queue's data is read again after any commit (a new snapshot), its page rendered again only when
    that data changed."""
    one = sign_in("reviewer")
    assert "Sepsis in adults" in one.get("/").get_data(as_text=True)
    with session_factory_of(app)() as session, session.begin():
        session.add(Comment(group_id=group_id, actor="someone", text="Checked with pharmacy"))
    with rendered(app) as names:
        assert "Sepsis in adults" in one.get("/").get_data(as_text=True)
    assert names.count("review/queue.html") == 0
    with session_factory_of(app)() as session, session.begin():
        session.get(MatchGroupRow, group_id).topic = "Sepsis in adults and young people"
    with rendered(app) as names:
        assert "Sepsis in adults and young people" in one.get("/").get_data(as_text=True)
    assert names.count("review/queue.html") == 1


def test_a_shared_group_page_holds_the_columns_by_reference_not_as_a_copy(app, sign_in, group_id):
    """While people write, each commit is a new shared copy of a page: the side-by-side columns (most of its
    size) are held once, under their own key, by every copy."""
    set_status(app, group_id, Status.CONFIRMED)
    one = sign_in("reviewer")
    html = one.get(f"/groups/{group_id}").get_data(as_text=True)
    assert 'class="cv-diff cv-diff--significant"' in html
    shared = [k.value for k in app.extensions["converge_ttl"].values() if isinstance(k.value, SharedPage)]
    assert shared and all("cv-diff--significant" not in "".join(p.pieces) for p in shared)


@pytest.mark.parametrize(
    "db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)  # the snapshot is PostgreSQL's
def test_a_page_kept_under_an_unchanged_snapshot_is_served_in_few_statements(app, sign_in, group_id):
    """On PostgreSQL a kept page costs one statement: the session check, which reads the snapshot, the
    unread count and the page's data version with it (the queue's, or the group's; whether the reader
    follows the group is kept under the snapshot)."""
    set_status(app, group_id, Status.CONFIRMED)
    one = sign_in("reviewer")
    statements: list[str] = []
    for name in ("engine", "reader"):
        event.listen(app.extensions["converge"][name], "before_cursor_execute", lambda *a: statements.append(a[2]))
    for url in ("/", f"/groups/{group_id}"):
        one.get(url)  # (the first view of the group stores its comparison: a commit, a new snapshot)

        def read_twice(url: str = url) -> list[str]:
            one.get(url)
            statements.clear()
            assert one.get(url).status_code == 200
            return list(statements)

        served = quietly(app, read_twice)
        assert len(served) == 1 and "pg_current_snapshot" in served[0], served
        assert "group_versions" in served[0] and ("listed" in served[0]) == (url == "/")


def test_following_and_unfollowing_show_on_the_next_read(app, sign_in, group_id):
    one = sign_in("reviewer")
    url = f"/groups/{group_id}"
    for follow, shown in (("1", "Stop following this group"), ("0", "Follow this group")):
        one.get(url)
        one.get(url)  # kept, with whether the reader follows it
        posted = one.post(f"{url}/follow", data={"csrf_token": csrf_token(one), "follow": follow})
        assert posted.status_code == 302
        one.get(url)  # (the flashed message)
        assert f'id="follow-button">{shown}<' in one.get(url).get_data(as_text=True)
