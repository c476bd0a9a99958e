"""The shared draft pages: who may build, edit, export; stale edits are caught; the export opens in Word."""

from __future__ import annotations

import io
import re

import docx
import pytest
from flask import Flask
from flask.testing import FlaskClient

from converge.store.models import DraftSection, GroupTransition, MatchGroupRow, MatchMember
from converge.workflow.actors import Actor
from converge.workflow.review import transition
from converge.workflow.signoff import Rules
from converge.workflow.status import Status
from tests.web.conftest import csrf_token, session_factory_of


@pytest.fixture
def group_id(app: Flask, docs: dict[str, str]) -> int:
    """A confirmed group of the seeded JPUH and QEH sepsis documents (NEWS2 5 vs 7)."""
    with session_factory_of(app)() as session, session.begin():
        group = MatchGroupRow(
            status=Status.PROPOSED,
            confidence=0.9,
            topic="Sepsis in adults",
            specialty="Acute Medicine",
            members=[MatchMember(document_id=docs[t]) for t in ("JPUH", "QEH")],
        )
        session.add(group)
        session.flush()
        session.add(
            GroupTransition(group_id=group.id, from_status=None, to_status=Status.PROPOSED, actor="matcher")
        )
        transition(session, group.id, Status.CONFIRMED, Actor("lead.jpuh", "lead", "JPUH"))
        return group.id


def _url(group_id: int, rest: str = "") -> str:
    return f"/groups/{group_id}/draft{rest}"


def _build(client: FlaskClient, group_id: int):  # type: ignore[no-untyped-def]
    token = csrf_token(client, _url(group_id))
    return client.post(_url(group_id, "/build"), data={"csrf_token": token})


def test_reviewer_builds_the_draft_and_sees_each_clause_source(sign_in, group_id: int, docs) -> None:
    client = sign_in("reviewer")
    page = client.get(_url(group_id)).get_data(as_text=True)
    assert "There is no draft yet" in page and "Build the draft from the decisions" in page
    response = _build(client, group_id)
    assert response.status_code == 302 and response.headers["Location"].endswith(_url(group_id))
    page = client.get(_url(group_id)).get_data(as_text=True)
    assert "The draft is being built from the decisions" in page  # the flash: a queue consumer builds it
    assert "Built by reviewer on" in page and "from the current decisions" in page
    assert "1. Recognition" in page and "2. Purpose" in page
    assert "NEWS2 score of 5 or more" in page  # JPUH is the base (equal size, first in trust order)
    assert f'href="/library/documents/{docs["JPUH"]}"' in page  # each clause links to its source document
    assert "1 significant difference not decided" in page
    assert "Rebuild the draft from the decisions" in page
    assert "Draft assembled from the decisions (2 sections)" in page  # version history


def test_edit_saves_a_new_version_and_a_stale_edit_is_refused_with_both_texts(sign_in, group_id: int) -> None:
    client = sign_in("reviewer")
    _build(client, group_id)
    form = client.get(_url(group_id, "/sections/0")).get_data(as_text=True)
    assert re.search(r'name="revision" value="1"', form) and 'for="text"' in form
    token = csrf_token(client, _url(group_id, "/sections/0"))
    new = "Screen adults with a NEWS2 score of 5 or more for sepsis.\n\nRecord the score in the notes."
    response = client.post(
        _url(group_id, "/sections/0"), data={"csrf_token": token, "revision": "1", "text": new}
    )
    assert response.status_code == 302
    page = client.get(_url(group_id)).get_data(as_text=True)
    assert "Record the score in the notes." in page and "Version 2, saved by reviewer" in page

    # A second editor who opened version 1 is told, keeps their text, and sees the saved version.
    stale = client.post(
        _url(group_id, "/sections/0"),
        data={"csrf_token": token, "revision": "1", "text": "My competing wording."},
    )
    assert stale.status_code == 409
    html = stale.get_data(as_text=True)
    assert "was saved by reviewer since you opened it" in html
    assert "My competing wording." in html and "Record the score in the notes." in html
    assert 'name="revision" value="2"' in html
    history = client.get(_url(group_id, "/sections/0/history")).get_data(as_text=True)
    assert "Version 2 (current)" in history and "Version 1:" in history


def test_viewer_reads_and_exports_but_cannot_build_or_edit(
    app: Flask, client, sign_in, group_id: int
) -> None:
    reviewer = sign_in("reviewer")
    _build(reviewer, group_id)
    reviewer.post("/sign-out", data={"csrf_token": csrf_token(reviewer, _url(group_id))})
    viewer = sign_in("viewer")
    page = viewer.get(_url(group_id)).get_data(as_text=True)
    assert "1. Recognition" in page and "Build the draft" not in page and '/sections/0"' not in page
    token = csrf_token(viewer, _url(group_id))
    assert viewer.post(_url(group_id, "/build"), data={"csrf_token": token}).status_code == 403
    assert viewer.get(_url(group_id, "/sections/0")).status_code == 403
    assert (
        viewer.post(
            _url(group_id, "/sections/0"), data={"csrf_token": token, "revision": "1", "text": "x"}
        ).status_code
        == 403
    )
    export = viewer.get(_url(group_id, "/export.docx"))
    assert export.status_code == 200
    assert (
        "attachment" in export.headers["Content-Disposition"]
        and ".docx" in export.headers["Content-Disposition"]
    )
    document = docx.Document(io.BytesIO(export.data))
    assert document.paragraphs[0].text == "Sepsis in adults"
    front = {r.cells[0].text: r.cells[1].text for r in document.tables[0].rows}
    assert front["Reference"] == "To be assigned" and front["Status"] == "In review"


def test_posts_without_csrf_token_are_refused(sign_in, group_id: int) -> None:
    client = sign_in("reviewer")
    assert client.post(_url(group_id, "/build")).status_code == 400
    _build(client, group_id)
    assert client.post(_url(group_id, "/sections/0"), data={"revision": "1", "text": "x"}).status_code == 400


def test_draft_is_frozen_once_agreed_and_signed_out_users_are_sent_to_sign_in(
    app: Flask, client, sign_in, group_id: int
) -> None:
    anonymous = app.test_client()
    assert anonymous.get(_url(group_id, "/export.docx")).status_code == 302
    client = sign_in("reviewer")
    _build(client, group_id)
    with session_factory_of(app)() as session, session.begin():
        transition(
            session, group_id, Status.DRAFT_AGREED, Actor("reviewer", "reviewer"), rules=Rules("reviewer")
        )
    assert client.get(_url(group_id, "/sections/0")).status_code == 403
    token = csrf_token(client, _url(group_id))
    assert client.post(_url(group_id, "/build"), data={"csrf_token": token}).status_code == 400
    page = client.get(_url(group_id)).get_data(as_text=True)
    assert "Rebuild the draft" not in page
    with session_factory_of(app)() as session:
        assert session.query(DraftSection).filter_by(group_id=group_id, current=True).count() == 2
    assert client.get(_url(999)).status_code == 404


def test_the_draft_is_built_by_a_queued_job_and_says_when_decisions_overtake_it(
    app: Flask, sign_in, group_id: int
) -> None:
    """The build is a "draft" job (run at once here: the test queue is immediate); a decision recorded
    after it makes the page and the Word document say the draft may be out of date."""
    from sqlalchemy import select

    from converge.store.models import Job
    from converge.workflow.comparison.stored import group_review
    from converge.workflow.draft import export_docx
    from converge.workflow.review import record_decision

    client = sign_in("reviewer")
    _build(client, group_id)
    with session_factory_of(app)() as session:
        job = session.scalars(select(Job).where(Job.kind == "draft")).one()
        assert job.phase == "done" and job.args["group"] == group_id and job.actor == "reviewer"
        assert job.message == "2 sections"
    page = client.get(_url(group_id)).get_data(as_text=True)
    assert 'id="draft-current"' in page and "may be out of date" not in page
    state = client.get(_url(group_id, "/state.json")).get_json()
    assert state == {"building": False, "phase": "done", "message": "2 sections", "current": True}
    assert f"of group {group_id}" in client.get("/jobs/").get_data(as_text=True)
    with session_factory_of(app)() as session, session.begin():
        group = session.get(MatchGroupRow, group_id)
        key = group_review(session, group).differences[0].key
        record_decision(session, group_id, key, "adopt", Actor("dr.x", "reviewer"), adopted_trust="QEH")
    page = client.get(_url(group_id)).get_data(as_text=True)
    assert "This draft may be out of date" in page and 'id="draft-current"' not in page
    with session_factory_of(app)() as session:
        text = _docx_text(export_docx(session, group_id))
    assert "built before the latest decisions" in text


def test_a_build_already_queued_is_not_queued_twice(app: Flask, sign_in, group_id: int) -> None:
    from sqlalchemy import func, select

    from converge.store.models import Job
    from converge.workflow.draft import queue_draft

    reviewer = Actor("reviewer", "reviewer")
    with session_factory_of(app)() as session, session.begin():
        first = queue_draft(session, group_id, reviewer)
        again = queue_draft(session, group_id, reviewer)
        assert again.id == first.id
        assert session.scalar(select(func.count()).select_from(Job).where(Job.kind == "draft")) == 1
    page = sign_in("reviewer").get(_url(group_id)).get_data(as_text=True)
    assert "Building the draft from the decisions (queued)" in page and "data-building" in page
    assert "Build the draft from the decisions</button>" not in page


def _docx_text(data: bytes) -> str:
    doc = docx.Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_the_group_page_says_how_the_draft_stands(app: Flask, sign_in, group_id: int) -> None:
    from converge.workflow.comparison.stored import group_review
    from converge.workflow.review import record_decision

    client = sign_in("reviewer")
    assert "not built yet" in client.get(f"/groups/{group_id}").get_data(as_text=True)
    _build(client, group_id)
    page = client.get(f"/groups/{group_id}").get_data(as_text=True)
    assert "from the current decisions" in page and "may be out of date" not in page
    with session_factory_of(app)() as session, session.begin():
        key = group_review(session, session.get(MatchGroupRow, group_id)).differences[0].key
        record_decision(session, group_id, key, "adopt", Actor("dr.x", "reviewer"), adopted_trust="QEH")
    page = client.get(f"/groups/{group_id}").get_data(as_text=True)
    assert "before the latest decisions: it may be out of date" in page
