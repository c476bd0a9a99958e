"""The queue and group pages are kept (web.ttl) under what they were read from: the queue under its data
version (store.queries.QUEUE_VERSION), a group's page under the group's (store.models.GroupVersion), both set
by database triggers. Whatever is committed, by a page or behind the app's back, is shown by the very next
request, however long CACHE_SECONDS is."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from sqlalchemy import event, select, text

from converge.store.models import Base, Comment, DifferenceDecision, MatchGroupRow, StoredDocument
from converge.web.db import get_session, snapshot_token
from converge.workflow.status import Status
from tests.web.conftest import session_factory_of
from tests.web.test_review_views import first_key, make_group, post, set_status, signed_in_client


@pytest.fixture
def group_id(app: Flask, docs: dict[str, str]) -> int:
    app.config["CACHE_SECONDS"] = 3600  # only a change may end a kept page here, never its age
    return make_group(app, [docs["JPUH"], docs["NNUH"], docs["QEH"]])


def test_snapshot_token_names_committed_state_on_postgresql_only(app, group_id):
    with app.test_request_context("/"):
        session = get_session()
        before = snapshot_token(session)
        if app.config["DATABASE_URL"].startswith("sqlite"):
            assert before is None
            return
        assert before and re.fullmatch(r"\d+:\d+:[\d,]*", before)
        set_status(app, group_id, Status.CONFIRMED)  # a commit elsewhere
        assert snapshot_token(session) != before
    with app.test_request_context("/", method="POST"):  # a session that may write: never a key
        assert snapshot_token(get_session()) is None


def test_queue_shows_a_decision_and_a_retitled_document_at_once(app, sign_in, docs, group_id):
    set_status(app, group_id, Status.CONFIRMED)
    client = sign_in("reviewer")
    key = first_key(client.get(f"/groups/{group_id}").get_data(as_text=True))
    assert "1 of 1 open" in client.get("/").get_data(as_text=True)
    assert client.get("/").status_code == 200  # read twice: kept
    post(client, f"/groups/{group_id}/decisions", group_id, {"change_key": key, "decision": "adopt:QEH"}, app)
    assert "all 1 decided" in client.get("/").get_data(as_text=True)
    with session_factory_of(app)() as session, session.begin():
        session.get(StoredDocument, docs["NNUH"]).title = "Sepsis screening, renamed"
    html = client.get("/").get_data(as_text=True)
    assert "all 1 decided" in html  # (the titles are the documents' own, shown on the group page)
    assert "Sepsis screening, renamed" in client.get(f"/groups/{group_id}").get_data(as_text=True)


def test_group_page_shows_changes_made_behind_its_back_at_once(app, sign_in, group_id):
    client = sign_in("reviewer")
    first = client.get(f"/groups/{group_id}").get_data(as_text=True)
    assert client.get(f"/groups/{group_id}").get_data(as_text=True).count("Proposed") == first.count("Proposed")
    with session_factory_of(app)() as session, session.begin():
        session.get(MatchGroupRow, group_id).status = Status.IN_REVIEW
    assert "nhsuk-tag--yellow" in client.get(f"/groups/{group_id}").get_data(as_text=True)
    key = first_key(first)
    with session_factory_of(app)() as session, session.begin():
        session.add(Comment(group_id=group_id, actor="someone", text="Checked with pharmacy"))
        session.add(
            DifferenceDecision(group_id=group_id, change_key=key, decision="defer", actor="someone", reason="")
        )
    html = client.get(f"/groups/{group_id}").get_data(as_text=True)
    assert "Checked with pharmacy" in html and "<strong>Decided:</strong> Deferred" in html


def test_readers_of_one_group_get_their_own_controls(app, sign_in, group_id):
    """Kept per role, trust and specialty: a viewer never gets a reviewer's forms, nor the reverse."""
    set_status(app, group_id, Status.CONFIRMED)
    reviewer = sign_in("reviewer")
    viewer = signed_in_client(app, "viewer")
    lead = signed_in_client(app, "lead.jpuh")
    as_reviewer = reviewer.get(f"/groups/{group_id}").get_data(as_text=True)
    as_viewer = viewer.get(f"/groups/{group_id}").get_data(as_text=True)
    as_lead = lead.get(f"/groups/{group_id}").get_data(as_text=True)
    assert 'id="decide-template"' in as_reviewer and 'id="decide-template"' not in as_viewer
    assert 'id="move-form"' in as_lead and 'id="move-form"' not in as_viewer
    assert "(Viewer / auditor" in as_viewer and "(Clinical reviewer" in as_reviewer
    # Each reader's own form token, never another's.
    tokens = {re.search(r'name="csrf_token" value="([^"]+)"', h).group(1) for h in (as_reviewer, as_viewer)}  # type: ignore[union-attr]
    assert len(tokens) == 2


def test_a_status_move_through_the_page_is_shown_on_the_next_read(app, sign_in, group_id):
    lead = sign_in("lead.jpuh")
    assert 'id="move-form"' in lead.get(f"/groups/{group_id}").get_data(as_text=True)
    moved = post(lead, f"/groups/{group_id}/status", group_id, {"to_status": "confirmed"}, app)
    assert moved.status_code == 302
    html = lead.get(f"/groups/{group_id}").get_data(as_text=True)
    assert "nhsuk-tag--blue" in html and "Confirmed" in html
    with session_factory_of(app)() as session:
        assert session.scalar(select(MatchGroupRow.status).where(MatchGroupRow.id == group_id)) == "confirmed"


def test_what_the_kept_group_page_reads_is_all_watched_by_its_version(app, docs, monkeypatch):
    """Every table the kept part of the group page reads (recorded from its SQL, for every role, in every
    state of a group: proposed with a request, in review with decisions, comments, a draft and national
    guidance, agreed with a sign-off) has the triggers that change the group's version."""
    import converge.web.views.review as review
    from tests.store.test_group_versions import CHANGES
    from tests.web.test_national_views import _national
    from tests.web.test_review_views import first_key

    gid, _ = _national(app, docs)
    proposed = make_group(app, [docs["JPUH"], docs["NNUH"]])
    agreed = make_group(app, [docs["NNUH"], docs["QEH"]], status=Status.DRAFT_AGREED)
    admin, reviewer = signed_in_client(app, "admin"), signed_in_client(app, "reviewer")
    post(reviewer, f"/groups/{proposed}/confirm-request", proposed, {"note": "please"}, app)
    post(admin, f"/groups/{gid}/status", gid, {"to_status": "confirmed"}, app)
    key = first_key(reviewer.get(f"/groups/{gid}").get_data(as_text=True))
    post(reviewer, f"/groups/{gid}/decisions", gid, {"change_key": key, "decision": "adopt:QEH"}, app)
    post(reviewer, f"/groups/{gid}/comments", gid, {"text": "Checked", "change_key": key}, app)
    post(reviewer, f"/groups/{gid}/draft/build", gid, {}, app)
    post(signed_in_client(app, "lead.nnuh"), f"/groups/{agreed}/signoff", agreed, {}, app)

    read = _read_while(app, monkeypatch, review, "_group_context")
    for username in ("admin", "lead.jpuh", "reviewer", "viewer"):
        client = signed_in_client(app, username)
        for group in (gid, proposed, agreed):
            for query in ("", "?noise=1"):
                assert client.get(f"/groups/{group}{query}").status_code == 200
    assert {"difference_decisions", "group_signoffs", "confirm_requests", "national_links", "jobs"} <= set(read)
    assert set(read) - {"group_versions"} <= set(CHANGES), "a table the group page reads changes no version"


@pytest.mark.parametrize(
    ("change", "shown"),
    [
        ("UPDATE users SET display_name = 'Dr Newname' WHERE username = 'lead.nnuh'", "Dr Newname"),
        ("UPDATE documents SET version = '9.9' WHERE trust_id = (SELECT id FROM trusts WHERE code = 'QEH')", "9.9"),
    ],
)
def test_a_change_any_group_may_show_is_shown_at_once(app, group_id, change, shown):
    """A person's name (shown among the leads to sign off) and a document's version (one table every group
    shows, and one shown through membership), changed behind the app's back."""
    set_status(app, group_id, Status.DRAFT_AGREED)
    lead = signed_in_client(app, "lead.jpuh")
    assert shown not in lead.get(f"/groups/{group_id}").get_data(as_text=True)
    with session_factory_of(app)() as session, session.begin():
        session.execute(text(change))
    assert shown in lead.get(f"/groups/{group_id}").get_data(as_text=True)


def test_what_the_kept_queue_reads_is_all_watched_by_its_version(app, sign_in, docs, monkeypatch):
    """Every table and column the kept queue reads (recorded from its SQL, under every filter and sort, with
    waves, decisions and groups in every state) is one migration 0012's triggers watch."""
    import converge.web.views.review as review
    from tests.store.test_queue_versions import watched

    gid = make_group(app, [docs["JPUH"], docs["NNUH"], docs["QEH"]], wave="Wave 1")
    make_group(app, [docs["NNUH"]], status=Status.DRAFT_AGREED, topic="Falls", specialty="Nursing")
    set_status(app, gid, Status.CONFIRMED)
    reviewer = sign_in("reviewer")
    key = first_key(reviewer.get(f"/groups/{gid}").get_data(as_text=True))
    post(reviewer, f"/groups/{gid}/decisions", gid, {"change_key": key, "decision": "adopt:QEH"}, app)

    read = _read_while(app, monkeypatch, review, "queue_page", "queue_places", "queue_items", "queue_facets")
    for query in QUEUE_QUERIES:
        assert reviewer.get(f"/{query}").status_code == 200
    assert {"match_groups", "match_members", "documents", "trusts", "waves", "difference_decisions"} <= set(read)
    triggers = watched()
    assert set(read) - {"group_versions"} <= set(triggers), "a table the queue reads changes no version"
    for table, columns in read.items():
        if table in triggers:  # (an id is never changed)
            assert columns - {"id"} <= set(triggers[table][1]), f"{table}: a column the queue reads is unwatched"


def test_where_the_kept_queue_places_groups_is_all_watched_by_its_placement(app, sign_in, docs, monkeypatch):
    """What decides which groups the queue lists, in which order, with which counts and filter choices
    (recorded from the SQL of its places, under every filter and sort but last update, which keys its places
    under the queue's data version too) is all watched by migration 0014's triggers."""
    import converge.web.views.review as review
    from tests.store.test_queue_versions import placement_watched

    gid = make_group(app, [docs["JPUH"], docs["NNUH"], docs["QEH"]], wave="Wave 1")
    make_group(app, [docs["NNUH"]], status=Status.DRAFT_AGREED, topic="Falls", specialty="Nursing")
    set_status(app, gid, Status.CONFIRMED)
    reviewer = sign_in("reviewer")
    read = _read_while(app, monkeypatch, review, "queue_places", "queue_facets")
    for query in QUEUE_QUERIES:
        if "updated" not in query:
            assert reviewer.get(f"/{query}").status_code == 200
    assert {"match_groups", "match_members", "documents", "trusts", "waves"} <= set(read)
    triggers = placement_watched()
    assert set(read) <= set(triggers), "a table the queue's places read moves no placement"
    for table, columns in read.items():
        assert columns - {"id"} <= set(triggers[table][1]), f"{table}: a column placing groups is unwatched"


def test_a_decision_off_the_page_leaves_the_queue_places_kept_and_one_on_it_is_shown(app, sign_in, docs):
    """A decision changes its group's row of the queue, not where the groups fall: the next read keeps the
    places (no recount) and shows the decision; sorted by last update, the decided group moves to the top."""
    app.config["CACHE_SECONDS"] = 3600
    gid = make_group(app, [docs["JPUH"], docs["NNUH"], docs["QEH"]])
    set_status(app, gid, Status.CONFIRMED)
    other = make_group(app, [docs["NNUH"], docs["QEH"]], topic="Falls")  # updated last
    reviewer = sign_in("reviewer")
    assert "1 of 1 open" in reviewer.get("/").get_data(as_text=True)
    mine, theirs = f'href="/groups/{gid}">', f'href="/groups/{other}">'
    by_update = reviewer.get("/?sort=updated").get_data(as_text=True)
    assert by_update.index(theirs) < by_update.index(mine)
    places = {k for k in app.extensions["converge_ttl"] if k[0] == "queue places"}
    key = first_key(reviewer.get(f"/groups/{gid}").get_data(as_text=True))
    post(reviewer, f"/groups/{gid}/decisions", gid, {"change_key": key, "decision": "adopt:QEH"}, app)
    assert "all 1 decided" in reviewer.get("/").get_data(as_text=True)
    by_update = reviewer.get("/?sort=updated").get_data(as_text=True)
    assert by_update.index(mine) < by_update.index(theirs)
    now = {k for k in app.extensions["converge_ttl"] if k[0] == "queue places"}
    assert {k for k in places if k[1] == ()} <= now  # the default sort's places: kept
    assert len({k for k in now if k[1] == (("sort", "updated"),)}) == 2  # last update's: read again


def test_a_group_placed_off_the_page_leaves_its_rows_kept_and_is_counted(app, sign_in, docs):
    """A change to where groups fall that leaves the page's groups as they were (a new group another status
    lists) is counted on the next read, without reading the page's rows again; a wave renamed behind the
    app's back is shown in its group's row at once."""
    app.config["CACHE_SECONDS"] = 3600
    gid = make_group(app, [docs["JPUH"], docs["NNUH"], docs["QEH"]], wave="Wave 1")
    set_status(app, gid, Status.IN_REVIEW)
    reviewer = sign_in("reviewer")
    counted = re.compile(r'>All<span class="cv-count-n">(\d+)</span>')
    assert counted.findall(reviewer.get("/?status=in_review").get_data(as_text=True)) == ["1"]
    rows = {k for k in app.extensions["converge_ttl"] if k[0] == "queue rows"}
    make_group(app, [docs["NNUH"], docs["QEH"]], topic="Falls")
    html = reviewer.get("/?status=in_review").get_data(as_text=True)
    assert counted.findall(html) == ["2"]
    assert {k for k in app.extensions["converge_ttl"] if k[0] == "queue rows"} == rows
    with session_factory_of(app)() as session, session.begin():
        session.execute(text("UPDATE waves SET name = 'Renamed wave'"))
    assert '<span class="cv-gap">Renamed wave</span>' in reviewer.get("/?status=in_review").get_data(as_text=True)


def test_queue_shows_changes_made_behind_its_back_at_once(app, sign_in, docs, group_id):
    """On both databases the queue's data is kept under its version: a change behind the app's back to a
    group's status, a member's title, a wave or a trust's code is on the very next read."""
    client = sign_in("viewer")
    assert "Proposed" in client.get("/").get_data(as_text=True)
    set_status(app, group_id, Status.IN_REVIEW)
    assert "In review" in client.get("/").get_data(as_text=True)
    with session_factory_of(app)() as session, session.begin():
        session.execute(text("INSERT INTO waves (name, specialties, notes, created_by, updated_by, created_at) "
                             "VALUES ('Spring wave', '[]', '', '', '', CURRENT_TIMESTAMP)"))
    assert "Spring wave" in client.get("/").get_data(as_text=True)
    with session_factory_of(app)() as session, session.begin():
        session.execute(text("UPDATE trusts SET code = 'QEHKL' WHERE code = 'QEH'"))
    assert "QEHKL" in client.get("/").get_data(as_text=True)


def test_a_comment_leaves_the_queue_kept(app, sign_in, group_id):
    """What the queue shows is not changed by a comment: the queue's kept data is served again."""
    set_status(app, group_id, Status.CONFIRMED)
    client = sign_in("reviewer")
    client.get("/")
    kept = {k for k in app.extensions["converge_ttl"] if k[0] == "queue data"}
    post(client, f"/groups/{group_id}/comments", group_id, {"text": "Checked"}, app)
    client.get("/")
    assert {k for k in app.extensions["converge_ttl"] if k[0] == "queue data"} == kept


QUEUE_QUERIES = ["", "?status=in_review", "?present=JPUH&missing=QEH", "?q=sepsis&specialty=acute+medicine"]
QUEUE_QUERIES += [f"?sort={s}&order=asc" for s in ("updated", "confidence", "divergence", "significant", "topic")]
QUEUE_QUERIES += ["?wave=1&cmin=0.1&cmax=1&dmin=0&dmax=1&page=2"]


def _read_while(app, monkeypatch, module, *functions: str) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    """Table -> columns named in the SQL the app runs while any of `module`'s `functions` runs (what a kept
    page reads, to be checked against the triggers that version it); filled in as the test makes requests."""
    read: dict[str, set[str]] = {}
    building = [False]
    names = sorted(Base.metadata.tables, key=len, reverse=True)

    def record(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        if not building[0]:
            return
        for table in names:
            if re.search(rf"\b{table}\b", statement):
                read.setdefault(table, set()).update(re.findall(rf"\b{table}\.(\w+)", statement))

    def recorded(real):  # type: ignore[no-untyped-def]
        def build(*args, **kwargs):  # type: ignore[no-untyped-def]
            building[0] = True
            try:
                return real(*args, **kwargs)
            finally:
                building[0] = False

        return build

    for name in functions:
        monkeypatch.setattr(module, name, recorded(getattr(module, name)))
    for pool in ("engine", "reader"):
        event.listen(app.extensions["converge"][pool], "before_cursor_execute", record)
    return read
