"""My work, following and notifications through the web app; a group holding two documents of one trust
shown, decided and drafted column by column."""

from __future__ import annotations

import re

from flask import Flask
from sqlalchemy import select

from converge.store.models import DifferenceDecision, GroupFollow, MatchGroupRow, Notification, User
from converge.workflow.actors import Actor
from converge.workflow.draft import assemble_draft, current_sections
from converge.workflow.library import get_or_create_trust, store_document
from tests.web.conftest import csrf_token, make_doc, session_factory_of
from tests.web.test_review_views import group_id, make_group  # noqa: F401 - fixtures


def _confirm(client, gid: int) -> None:  # type: ignore[no-untyped-def]
    html = client.get(f"/groups/{gid}").get_data(as_text=True)
    revision = re.search(r'name="revision" value="(\d+)"', html).group(1)
    r = client.post(
        f"/groups/{gid}/status",
        data={
            "to_status": "confirmed",
            "revision": revision,
            "csrf_token": csrf_token(client, f"/groups/{gid}"),
        },
    )
    assert r.status_code == 302, r.get_data(as_text=True)


def test_my_work_for_a_lead_and_a_reviewer(app: Flask, sign_in, group_id: int) -> None:  # noqa: F811
    lead = sign_in("lead.jpuh")
    html = lead.get("/my-work").get_data(as_text=True)
    assert "Groups to confirm (1)" in html and f'href="/groups/{group_id}"' in html
    _confirm(lead, group_id)
    html = lead.get("/my-work").get_data(as_text=True)
    assert "Groups to confirm (0)" in html and "Groups you follow (1)" in html  # confirming follows
    lead.post("/sign-out", data={"csrf_token": csrf_token(lead, "/my-work")})

    reviewer = sign_in("reviewer")
    html = reviewer.get("/my-work").get_data(as_text=True)
    assert "Groups to confirm" not in html  # not a reviewer's work
    assert re.search(r"Differences to decide \(1 group\)", html) and re.search(
        r"0 of \d+ significant decided", html
    )
    page = reviewer.get(f"/groups/{group_id}").get_data(as_text=True)
    key = re.search(r'<li class="cv-diff cv-diff--significant" id="d-([0-9a-f-]+)"', page).group(1)
    revision = re.search(r'name="revision" value="(\d+)"', page).group(1)
    token = csrf_token(reviewer, f"/groups/{group_id}")
    r = reviewer.post(
        f"/groups/{group_id}/comments",
        data={
            "change_key": key,
            "text": "Which threshold does NICE give?",
            "revision": revision,
            "csrf_token": token,
        },
    )
    assert r.status_code == 302
    reviewer.post("/sign-out", data={"csrf_token": token})

    lead = sign_in("lead.jpuh")
    html = lead.get("/my-work").get_data(as_text=True)
    assert 'id="unread-count">1<' in html
    assert "reviewer commented on a difference on “Sepsis in adults”: Which threshold does NICE give?" in html
    token = csrf_token(lead, "/my-work")
    assert lead.post("/my-work/read", data={"csrf_token": token}).status_code == 302
    assert 'id="unread-count"' not in lead.get("/my-work").get_data(as_text=True)
    # Unfollow: the next comment tells the lead nothing.
    lead.post(f"/groups/{group_id}/follow", data={"follow": "0", "csrf_token": token})
    with session_factory_of(app)() as session:
        uid = session.scalar(select(User.id).where(User.username == "lead.jpuh"))
        assert session.scalar(select(GroupFollow).where(GroupFollow.user_id == uid)) is None
        before = session.query(Notification).filter_by(user_id=uid).count()
    lead.post(
        f"/groups/{group_id}/comments",
        data={"text": "Noted.", "revision": revision, "csrf_token": token},
    )
    with session_factory_of(app)() as session:
        assert session.query(Notification).filter_by(user_id=uid).count() == before
    html = lead.get(f"/groups/{group_id}").get_data(as_text=True)
    assert "Stop following this group" in html  # commenting follows the group again


def test_two_documents_of_one_trust_are_two_columns_decided_and_drafted_apart(
    app: Flask, sign_in, docs: dict[str, str]
) -> None:
    with session_factory_of(app)() as session, session.begin():
        ward = make_doc(
            "JPUH",
            "Sepsis on the renal ward",
            "Screen adults with a NEWS2 score of 3 or more for sepsis.",
            sha="f" * 64,
        )
        store_document(session, get_or_create_trust(session, "JPUH"), ward, None)
    gid = make_group(app, [docs["JPUH"], ward.id, docs["NNUH"]], status="confirmed")
    client = sign_in("reviewer")
    html = client.get(f"/groups/{gid}").get_data(as_text=True)
    heads = re.findall(r'<div class="cv-col__head"><strong>([^<]+)</strong>: <a [^>]*>([^<]+)</a>', html)
    assert heads == [
        ("JPUH-1", "Sepsis in adults") if docs["JPUH"] < ward.id else ("JPUH-1", "Sepsis on the renal ward"),
        ("JPUH-2", "Sepsis on the renal ward") if docs["JPUH"] < ward.id else ("JPUH-2", "Sepsis in adults"),
        ("NNUH", "Sepsis in adults"),
    ]
    ward_label = "JPUH-2" if docs["JPUH"] < ward.id else "JPUH-1"
    key = re.search(r'<li class="cv-diff cv-diff--significant" id="d-([0-9a-f-]+)"', html).group(1)
    revision = re.search(r'name="revision" value="(\d+)"', html).group(1)
    r = client.post(
        f"/groups/{gid}/decisions",
        data={
            "change_key": key,
            "decision": f"adopt:{ward_label}",
            "revision": revision,
            "csrf_token": csrf_token(client, f"/groups/{gid}"),
        },
    )
    assert r.status_code == 302, r.get_data(as_text=True)
    with session_factory_of(app)() as session, session.begin():
        decision = session.scalar(select(DifferenceDecision).where(DifferenceDecision.group_id == gid))
        assert decision.adopted_trust == ward_label
        assemble_draft(session, gid, Actor("reviewer", "reviewer"))
        text = " ".join(s.text for s in current_sections(session, gid))
        assert "NEWS2 score of 3 or more" in text  # the ward document's own words, adopted
        assert session.get(MatchGroupRow, gid).status == "in_review"
