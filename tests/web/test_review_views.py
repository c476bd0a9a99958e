"""Review pages: the queue, a group's side-by-side review, decisions, workflow, matching actions, history."""

from __future__ import annotations

import hashlib
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import delete, select

from converge.store.models import (
    Comment,
    DifferenceDecision,
    GroupEdit,
    GroupReview,
    GroupTransition,
    MatchDecision,
    MatchGroupRow,
    MatchMember,
    Wave,
)
from converge.workflow.accounts import create_user
from converge.workflow.comparison.summary import summarise_group
from converge.workflow.library import get_or_create_trust, store_document
from converge.workflow.status import Status
from tests.web.conftest import PASSWORD, csrf_token, make_doc, session_factory_of

EVIDENCE = {
    "links": [
        {
            "a": "",
            "b": "",
            "confidence": 0.91,
            "features": {"title_similarity": 1.0, "body_cosine": 0.83},
            "contributions": {"title_similarity": 0.5, "body_cosine": 0.41},
            "shared_terms": ["news2", "sepsis"],
            "conflicts": ["reference numbers differ"],
        }
    ],
    "missing": [],
}


def sha(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def make_group(
    app: Flask,
    doc_ids: list[str],
    status: str = "proposed",
    topic: str = "Sepsis in adults",
    specialty: str | None = "Acute Medicine",
    wave: str | None = None,
    confidence: float = 0.91,
) -> int:
    with session_factory_of(app)() as session, session.begin():
        wave_id = None
        if wave:
            w = session.scalar(select(Wave).where(Wave.name == wave)) or Wave(name=wave)
            session.add(w)
            session.flush()
            wave_id = w.id
        evidence = {**EVIDENCE, "links": [{**EVIDENCE["links"][0], "a": doc_ids[0], "b": doc_ids[-1]}]}
        row = MatchGroupRow(
            status=status,
            confidence=confidence,
            topic=topic,
            specialty=specialty,
            wave_id=wave_id,
            evidence=evidence,
            members=[MatchMember(document_id=d) for d in doc_ids],
        )
        session.add(row)
        session.flush()
        session.add(GroupTransition(group_id=row.id, from_status=None, to_status=status, actor="matcher"))
        summarise_group(session, row)
        return row.id


@pytest.fixture
def group_id(app: Flask, docs: dict[str, str]) -> int:
    return make_group(app, [docs["JPUH"], docs["NNUH"], docs["QEH"]])


def revision_of(app: Flask, gid: int) -> int:
    with session_factory_of(app)() as session:
        return session.get(MatchGroupRow, gid).revision


def status_of(app: Flask, gid: int) -> str:
    with session_factory_of(app)() as session:
        return session.get(MatchGroupRow, gid).status


def set_status(app: Flask, gid: int, status: str) -> None:
    with session_factory_of(app)() as session, session.begin():
        session.get(MatchGroupRow, gid).status = status


def signed_in_client(app: Flask, username: str) -> FlaskClient:
    """A second browser, signed in as `username`."""
    other = app.test_client()
    token = csrf_token(other)
    response = other.post("/sign-in", data={"username": username, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    return other


def post(client: FlaskClient, url: str, gid: int, data: dict, app: Flask):  # type: ignore[no-untyped-def]
    token = csrf_token(client, "/sign-in")  # any page with a form: the token is per session
    return client.post(url, data={"csrf_token": token, "revision": revision_of(app, gid), **data})


def first_key(html: str, level: str = "significant") -> str:
    match = re.search(rf'class="cv-diff cv-diff--{level}" id="d-([0-9a-f-]+)"', html)
    assert match, f"no {level} difference on the page"
    return match.group(1)


# --- queue -----------------------------------------------------------------------------------------


def test_queue_lists_groups_with_counts_and_gaps(app, sign_in, docs, group_id):
    make_group(app, [docs["JPUH"]], topic="Falls only at one trust", specialty="Nursing")
    html = sign_in("viewer").get("/").get_data(as_text=True)
    assert "Sepsis in adults" in html and "Falls only at one trust" in html
    assert "Only at JPUH" in html
    assert re.search(r"Proposed<span class=\"cv-count-n\">2</span>", html)


def test_queue_filters_and_sorts(app, sign_in, docs, group_id):
    other = make_group(
        app,
        [docs["JPUH"], docs["NNUH"]],
        topic="Potassium replacement",
        specialty="Pharmacy",
        wave="Wave 1",
        confidence=0.55,
    )
    client = sign_in("viewer")

    def topics(query: str) -> list[str]:
        html = client.get("/?" + query).get_data(as_text=True)
        return re.findall(r'<a href="/groups/\d+">([^<]+)</a>', html)

    assert topics("specialty=pharmacy") == ["Potassium replacement"]
    assert topics("q=sepsis") == ["Sepsis in adults"]
    assert topics("cmin=0.6") == ["Sepsis in adults"]
    assert topics("missing=QEH") == ["Potassium replacement"]
    assert topics("present=QEH") == ["Sepsis in adults"]
    with session_factory_of(app)() as session:
        wave_id = session.get(MatchGroupRow, other).wave_id
    assert topics(f"wave={wave_id}") == ["Potassium replacement"]
    assert topics("status=confirmed") == []
    assert topics("sort=confidence&order=asc") == ["Potassium replacement", "Sepsis in adults"]
    assert topics("sort=significant") == ["Sepsis in adults", "Potassium replacement"]
    assert topics("cmin=nonsense") == topics("")  # bad numbers are ignored


def test_queue_paginates(app, sign_in, docs):
    for n in range(55):
        make_group(app, [docs["JPUH"]], topic=f"Topic {n:02d}", specialty=None)
    client = sign_in("viewer")
    first = client.get("/?sort=topic&order=asc").get_data(as_text=True)
    assert "Showing 1 to 50 of 55 groups" in first and "Topic 00" in first and "Topic 50" not in first
    second = client.get("/?sort=topic&order=asc&page=2").get_data(as_text=True)
    assert "Topic 54" in second and "Topic 00" not in second and "Page 2 of 2" in second


# --- group page ------------------------------------------------------------------------------------


def test_group_page_shows_side_by_side_review(app, sign_in, docs, group_id):
    html = sign_in("reviewer").get(f"/groups/{group_id}").get_data(as_text=True)
    assert 'class="cv-compare cv-cols-3"' in html
    for code in ("JPUH", "NNUH", "QEH"):
        assert f'href="/library/documents/{docs[code]}"' in html
    # QEH's threshold differs: marked in the text, tagged with words, and listed with its reason.
    assert '<mark class="cv-w cv-w--significant">7</mark> <a class="cv-sig-tag"' in html
    assert "Significant: threshold" in html
    assert "Significant differences (1)" in html
    assert 'src="/static/js/review.js"' in html and "/static/css/review.css" in html
    assert "shared terms" in html.lower() and "news2, sepsis" in html and "reference numbers differ" in html
    assert 'id="section-nav"' in html and "1 significant" in html


def test_group_page_has_no_inline_script_or_style(sign_in, group_id):
    html = sign_in("admin").get(f"/groups/{group_id}").get_data(as_text=True)
    assert " style=" not in html and "onclick=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)


def test_noise_toggle_works_without_javascript(app, sign_in, docs):
    ids = {}
    with session_factory_of(app)() as session, session.begin():
        for code, text in (
            ("JPUH", "Record the observations every hour."),
            ("NNUH", "record the Observations every hour."),
        ):
            trust = get_or_create_trust(session, code)
            doc = make_doc(code, "Observations", text, sha=sha(code, text))
            store_document(session, trust, doc, None)
            ids[code] = doc.id
    gid = make_group(app, [ids["JPUH"], ids["NNUH"]], topic="Observations")
    client = sign_in("viewer")
    hidden = client.get(f"/groups/{gid}").get_data(as_text=True)
    assert '<div id="noise-list" hidden>' in hidden and 'aria-expanded="false"' in hidden
    shown = client.get(f"/groups/{gid}?noise=1").get_data(as_text=True)
    assert '<div id="noise-list">' in shown and 'aria-expanded="true"' in shown
    assert "cv-show-noise" in shown


def test_one_sided_section_is_shown_as_such(app, sign_in):
    from converge.core.model import Block, BlockKind, Document, Section, SourceRef

    ids = []
    with session_factory_of(app)() as session, session.begin():
        for code, extra in (("JPUH", True), ("NNUH", False)):
            trust = get_or_create_trust(session, code)
            sections = [Section("Scope", "1", 1, (Block(BlockKind.PARAGRAPH, "All adult inpatients."),))]
            if extra:
                sections.append(
                    Section(
                        "Escalation",
                        "2",
                        1,
                        (Block(BlockKind.PARAGRAPH, "The nurse must call the registrar."),),
                    )
                )
            digest = sha(code, "escalation")
            doc = Document(
                f"{code}:{digest[:12]}",
                code,
                "Escalation",
                SourceRef("x.docx", "application/docx", digest, "t@1"),
                (),
                tuple(sections),
            )
            store_document(session, trust, doc, None)
            ids.append(doc.id)
    gid = make_group(app, ids, topic="Escalation")
    page = sign_in("viewer").get(f"/groups/{gid}").get_data(as_text=True)
    assert "only at JPUH" in page and "Not in NNUH's document." in page


def test_hostile_policy_text_is_escaped(app, sign_in, docs):
    with session_factory_of(app)() as session, session.begin():
        ids = []
        for code, n in (("JPUH", "5"), ("NNUH", "7")):
            trust = get_or_create_trust(session, code)
            doc = make_doc(
                code,
                "<script>alert(1)</script>",
                f"Give <img src=x onerror=alert(2)> {n} mg of <b>drug</b>.",
                sha=sha(code, "hostile"),
            )
            store_document(session, trust, doc, None)
            ids.append(doc.id)
    gid = make_group(app, ids, topic="<script>alert(1)</script>")
    html = sign_in("viewer").get(f"/groups/{gid}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "<img src=x" not in html and "<b>drug</b>" not in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html


def test_unknown_group_is_404(sign_in):
    assert sign_in("viewer").get("/groups/999999").status_code == 404
    assert sign_in("viewer").get("/groups/999999/history").status_code == 404


# --- workflow --------------------------------------------------------------------------------------


def test_lead_confirms_and_reviewer_cannot(app, sign_in, group_id):
    client = sign_in("reviewer")
    html = client.get(f"/groups/{group_id}").get_data(as_text=True)
    assert 'value="confirmed"' not in html  # the reviewer is not offered the move
    assert (
        post(client, f"/groups/{group_id}/status", group_id, {"to_status": "confirmed"}, app).status_code
        == 403
    )
    assert status_of(app, group_id) == "proposed"
    client.post("/sign-out", data={"csrf_token": csrf_token(client, "/")})
    lead = sign_in("lead.jpuh")
    response = post(lead, f"/groups/{group_id}/status", group_id, {"to_status": "confirmed"}, app)
    assert response.status_code == 302
    assert status_of(app, group_id) == "confirmed"
    with session_factory_of(app)() as session:
        last = session.scalars(
            select(GroupTransition)
            .where(GroupTransition.group_id == group_id)
            .order_by(GroupTransition.id.desc())
        ).first()
        assert (last.actor, last.to_status) == ("lead.jpuh", "confirmed")


def test_reject_needs_a_reason(app, sign_in, group_id):
    lead = sign_in("lead.nnuh")
    assert (
        post(lead, f"/groups/{group_id}/status", group_id, {"to_status": "rejected"}, app).status_code == 400
    )
    assert status_of(app, group_id) == "proposed"
    ok = post(
        lead,
        f"/groups/{group_id}/status",
        group_id,
        {"to_status": "rejected", "reason": "different topics"},
        app,
    )
    assert ok.status_code == 302 and status_of(app, group_id) == "rejected"


def test_reviewer_cannot_approve(app, sign_in, group_id):
    set_status(app, group_id, Status.DRAFT_AGREED)
    client = sign_in("reviewer")
    assert (
        post(client, f"/groups/{group_id}/status", group_id, {"to_status": "approved"}, app).status_code
        == 403
    )
    assert status_of(app, group_id) == "draft_agreed"


def test_viewer_cannot_post_anything(app, sign_in, group_id):
    set_status(app, group_id, Status.IN_REVIEW)
    client = sign_in("viewer")
    html = client.get(f"/groups/{group_id}").get_data(as_text=True)
    assert "Save decision" not in html and "Add comment" not in html and "Move group" not in html
    key = first_key(html)
    for url, data in (
        (f"/groups/{group_id}/status", {"to_status": "draft_agreed"}),
        (f"/groups/{group_id}/decisions", {"change_key": key, "decision": "defer"}),
        (f"/groups/{group_id}/comments", {"text": "hello"}),
        (f"/groups/{group_id}/match", {"action": "merge", "other_group": "1"}),
    ):
        assert post(client, url, group_id, data, app).status_code == 403, url
    with session_factory_of(app)() as session:
        assert session.scalars(select(DifferenceDecision)).all() == []
        assert session.scalars(select(Comment)).all() == []
    assert status_of(app, group_id) == "in_review"


def test_posts_without_csrf_are_refused(app, sign_in, group_id):
    client = sign_in("admin")
    response = client.post(f"/groups/{group_id}/status", data={"to_status": "confirmed", "revision": "1"})
    assert response.status_code == 400 and status_of(app, group_id) == "proposed"


def test_post_without_revision_is_refused(app, sign_in, group_id):
    client = sign_in("admin")
    token = csrf_token(client, f"/groups/{group_id}")
    response = client.post(f"/groups/{group_id}/status", data={"to_status": "confirmed", "csrf_token": token})
    assert response.status_code == 400 and status_of(app, group_id) == "proposed"


# --- decisions -------------------------------------------------------------------------------------


def test_reviewer_records_decision_and_it_shows_who_and_when(app, sign_in, group_id):
    set_status(app, group_id, Status.CONFIRMED)
    client = sign_in("reviewer")
    before = client.get(f"/groups/{group_id}").get_data(as_text=True)
    key = first_key(before)
    response = post(
        client,
        f"/groups/{group_id}/decisions",
        group_id,
        {"change_key": key, "decision": "adopt:QEH", "reason": "NICE NG51"},
        app,
    )
    assert response.status_code == 302 and response.headers["Location"].endswith(f"#d-{key}")
    with session_factory_of(app)() as session:
        (row,) = session.scalars(select(DifferenceDecision)).all()
        assert (row.decision, row.adopted_trust, row.actor, row.significant, row.category) == (
            "adopt",
            "QEH",
            "reviewer",
            True,
            "threshold",
        )
    assert status_of(app, group_id) == "in_review"  # the first decision starts the review
    html = client.get(f"/groups/{group_id}").get_data(as_text=True)
    assert (
        "<strong>Decided:</strong> Adopt QEH's text" in html
        and "reviewer," in html
        and "Reason: NICE NG51" in html
    )
    # The difference's form says whether it is decided (review.js preselects the choice from data-decision).
    def form_of(page: str) -> tuple[str, str]:
        form = r'data-key="' + key + r'"[^>]*data-decision="([^"]*)">\s*<summary[^>]*><span[^>]*>([^<]*)'
        found = re.search(form, page)
        assert found is not None
        return found.group(1), found.group(2)

    assert form_of(before) == ("", "Decide or comment")
    assert form_of(html) == ("adopt:QEH", "Change decision or comment")
    # The decision sticks to the same key after the diff is recomputed from scratch.
    with session_factory_of(app)() as session, session.begin():
        session.execute(delete(GroupReview))
    assert first_key(client.get(f"/groups/{group_id}").get_data(as_text=True)) == key
    history = client.get(f"/groups/{group_id}/history").get_data(as_text=True)
    assert "adopt QEH&#39;s text" in history and "NICE NG51" in history and "first decision" in history


def test_local_variation_needs_reason_and_new_text_needs_text(app, sign_in, group_id):
    set_status(app, group_id, Status.IN_REVIEW)
    client = sign_in("reviewer")
    key = first_key(client.get(f"/groups/{group_id}").get_data(as_text=True))
    url = f"/groups/{group_id}/decisions"
    assert (
        post(client, url, group_id, {"change_key": key, "decision": "local_variation"}, app).status_code
        == 400
    )
    assert post(client, url, group_id, {"change_key": key, "decision": "new_text"}, app).status_code == 400
    assert post(client, url, group_id, {"change_key": "nope", "decision": "defer"}, app).status_code == 400
    ok = post(
        client, url, group_id, {"change_key": key, "decision": "new_text", "text": "NEWS2 of 5 or more"}, app
    )
    assert ok.status_code == 302
    again = post(client, url, group_id, {"change_key": key, "decision": "defer"}, app)
    assert again.status_code == 302
    with session_factory_of(app)() as session:
        rows = session.scalars(select(DifferenceDecision).order_by(DifferenceDecision.id)).all()
        assert [r.decision for r in rows] == ["new_text", "defer"]
        assert rows[0].superseded_by_id == rows[1].id  # superseded, never deleted


def test_decision_that_lost_a_race_is_shown_with_theirs_and_a_choice(app, docs, group_id):
    set_status(app, group_id, Status.IN_REVIEW)
    first, second = app.test_client(), app.test_client()
    for c in (first, second):
        c.post(
            "/sign-in",
            data={
                "username": "reviewer" if c is first else "lead.jpuh",
                "password": PASSWORD,
                "csrf_token": csrf_token(c),
            },
        )
    page1 = first.get(f"/groups/{group_id}").get_data(as_text=True)
    page2 = second.get(f"/groups/{group_id}").get_data(as_text=True)
    key = first_key(page1)
    shown = int(re.search(r'name="revision" value="(\d+)"', page2).group(1))
    seen = re.search(r'name="seen_decision" value="(\d+)"', page2).group(1)
    token1 = re.search(r'name="csrf_token" value="([^"]+)"', page1).group(1)
    token2 = re.search(r'name="csrf_token" value="([^"]+)"', page2).group(1)
    ok = first.post(
        f"/groups/{group_id}/decisions",
        data={
            "csrf_token": token1,
            "revision": shown,
            "seen_decision": seen,
            "change_key": key,
            "decision": "adopt:JPUH",
        },
    )
    assert ok.status_code == 302
    mine = {
        "csrf_token": token2,
        "revision": shown,
        "seen_decision": seen,
        "change_key": key,
        "decision": "local_variation",
        "reason": "QEH keeps its own threshold",
    }
    lost = second.post(f"/groups/{group_id}/decisions", data=mine)
    html = lost.get_data(as_text=True)
    assert lost.status_code == 409
    assert "Someone else decided this difference" in html and "Adopt JPUH" in html
    assert "QEH keeps its own threshold" in html and "Replace it with my decision" in html
    with session_factory_of(app)() as session:
        (row,) = session.scalars(select(DifferenceDecision)).all()
        assert (row.adopted_trust, row.actor) == ("JPUH", "reviewer")  # nothing of the loser saved
    # A comment changes nothing decided: the stale page's comment is taken.
    late = second.post(
        f"/groups/{group_id}/comments", data={"csrf_token": token2, "revision": shown, "text": "late"}
    )
    assert late.status_code == 302
    # Replacing theirs knowingly: the conflict page's form carries their decision as seen.
    theirs = re.search(r'name="seen_decision" value="(\d+)"', html).group(1)
    replaced = second.post(f"/groups/{group_id}/decisions", data={**mine, "seen_decision": theirs})
    assert replaced.status_code == 302
    with session_factory_of(app)() as session:
        rows = session.scalars(select(DifferenceDecision).order_by(DifferenceDecision.id)).all()
        assert [(r.decision, r.superseded_by_id is None) for r in rows] == [
            ("adopt", False),
            ("local_variation", True),
        ]
        assert [c.text for c in session.scalars(select(Comment))] == ["late"]


def test_stale_status_move_is_shown_again_on_the_group_page(app, docs, group_id):
    lead = app.test_client()
    lead.post(
        "/sign-in", data={"username": "lead.jpuh", "password": PASSWORD, "csrf_token": csrf_token(lead)}
    )
    page = lead.get(f"/groups/{group_id}").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    shown = int(re.search(r'name="revision" value="(\d+)"', page).group(1))
    with session_factory_of(app)() as session, session.begin():  # someone else changed it meanwhile
        session.get(MatchGroupRow, group_id).revision += 1
    stale = lead.post(
        f"/groups/{group_id}/status",
        data={"csrf_token": token, "revision": shown, "to_status": "rejected", "reason": "not one topic"},
    )
    html = stale.get_data(as_text=True)
    assert stale.status_code == 409 and "changed by someone else" in html
    assert "There is a problem" in html and "not one topic" in html  # on the form, input kept


def test_reviewer_of_another_specialty_cannot_decide(app, sign_in, group_id):
    with session_factory_of(app)() as session, session.begin():
        create_user(session, "paeds", PASSWORD, "reviewer", specialty="Paediatrics")
        create_user(session, "acute", PASSWORD, "reviewer", specialty="acute medicine")
    set_status(app, group_id, Status.IN_REVIEW)
    client = sign_in("paeds")
    key = first_key(client.get(f"/groups/{group_id}").get_data(as_text=True))
    url = f"/groups/{group_id}/decisions"
    assert post(client, url, group_id, {"change_key": key, "decision": "defer"}, app).status_code == 403
    client.post("/sign-out", data={"csrf_token": csrf_token(client, "/")})
    client = sign_in("acute")
    assert post(client, url, group_id, {"change_key": key, "decision": "defer"}, app).status_code == 302
    with session_factory_of(app)() as session:
        assert [r.actor for r in session.scalars(select(DifferenceDecision))] == ["acute"]


def test_comments_on_group_and_difference(app, sign_in, group_id):
    client = sign_in("reviewer")
    key = first_key(client.get(f"/groups/{group_id}").get_data(as_text=True))
    assert (
        post(
            client, f"/groups/{group_id}/comments", group_id, {"text": "Whole group <looks> fine"}, app
        ).status_code
        == 302
    )
    assert (
        post(
            client, f"/groups/{group_id}/comments", group_id, {"text": "Check NG51", "change_key": key}, app
        ).status_code
        == 302
    )
    assert post(client, f"/groups/{group_id}/comments", group_id, {"text": "  "}, app).status_code == 400
    html = client.get(f"/groups/{group_id}").get_data(as_text=True)
    assert "Whole group &lt;looks&gt; fine" in html and "Check NG51" in html
    with session_factory_of(app)() as session:
        assert sorted((c.change_key or "") for c in session.scalars(select(Comment))) == ["", key]


# --- matching actions ------------------------------------------------------------------------------


def test_reviewer_cannot_change_the_match(app, sign_in, docs, group_id):
    client = sign_in("reviewer")
    assert "Change the match" not in client.get(f"/groups/{group_id}").get_data(as_text=True)
    response = post(
        client, f"/groups/{group_id}/match", group_id, {"action": "split", "document_ids": [docs["QEH"]]}, app
    )
    assert response.status_code == 403
    with session_factory_of(app)() as session:
        assert len(session.get(MatchGroupRow, group_id).members) == 3


def test_lead_splits_merges_moves_and_marks_no_counterpart(app, sign_in, docs, group_id):
    client = sign_in("lead.jpuh")
    response = post(
        client,
        f"/groups/{group_id}/match",
        group_id,
        {"action": "split", "document_ids": [docs["QEH"]], "reason": "QEH covers children"},
        app,
    )
    assert response.status_code == 302
    new_id = int(response.headers["Location"].rsplit("/", 1)[1])
    with session_factory_of(app)() as session:
        assert {m.document_id for m in session.get(MatchGroupRow, group_id).members} == {
            docs["JPUH"],
            docs["NNUH"],
        }
        assert [m.document_id for m in session.get(MatchGroupRow, new_id).members] == [docs["QEH"]]
    merge = {"action": "merge", "other_group": str(new_id)}
    # The split-off group holds only QEH's document: JPUH's lead cannot take it over, an admin can.
    assert post(client, f"/groups/{group_id}/match", group_id, merge, app).status_code == 403
    admin = signed_in_client(app, "admin")
    assert post(admin, f"/groups/{group_id}/match", group_id, merge, app).status_code == 302
    with session_factory_of(app)() as session:
        assert len(session.get(MatchGroupRow, group_id).members) == 3
        assert session.get(MatchGroupRow, new_id).status == "superseded"
    assert (
        post(
            client, f"/groups/{group_id}/match", group_id, {"action": "merge", "other_group": "abc"}, app
        ).status_code
        == 400
    )
    other = make_group(app, [docs["QEH"]], topic="Elsewhere")
    move = {"action": "move", "document_id": docs["QEH"]}
    assert post(client, f"/groups/{other}/match", other, move, app).status_code == 403  # not JPUH's
    assert post(admin, f"/groups/{other}/match", other, move, app).status_code == 302
    with session_factory_of(app)() as session:
        assert docs["QEH"] not in {m.document_id for m in session.get(MatchGroupRow, group_id).members}
    assert (
        post(
            client,
            f"/groups/{group_id}/match",
            group_id,
            {"action": "no_counterpart", "document_id": docs["NNUH"], "reason": "local only"},
            app,
        ).status_code
        == 302
    )
    with session_factory_of(app)() as session:
        kinds = [d.kind for d in session.scalars(select(MatchDecision).order_by(MatchDecision.id))]
        assert "reject_pair" in kinds and "merge" in kinds and "move" in kinds and "no_counterpart" in kinds
    history = client.get(f"/groups/{group_id}/history").get_data(as_text=True)
    assert "QEH covers children" in history and "merge" in history


def test_history_page_lists_transitions(app, sign_in, group_id):
    lead = sign_in("admin")
    post(
        lead, f"/groups/{group_id}/status", group_id, {"to_status": "confirmed", "reason": "same topic"}, app
    )
    html = lead.get(f"/groups/{group_id}/history").get_data(as_text=True)
    assert "Proposed → Confirmed" in html and "same topic" in html and "admin" in html and "matcher" in html


@pytest.mark.parametrize("path", ["/", "/groups/{gid}", "/groups/{gid}/history"])
def test_pages_need_sign_in(client, group_id, path):
    response = client.get(path.format(gid=group_id))
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


# --- the cached side-by-side fragment, the shared decision form, the per-difference page ----------------


def test_group_page_has_one_decision_form_and_a_draft_link(app, sign_in, group_id):
    set_status(app, group_id, Status.CONFIRMED)
    html = sign_in("reviewer").get(f"/groups/{group_id}").get_data(as_text=True)
    # One form in a <template> for every difference, not one per difference.
    assert html.count('class="cv-decide-form"') == 1 and '<template id="decide-template">' in html
    key = first_key(html)
    assert f'data-key="{key}"' in html and 'class="cv-area cv-can-act"' in html
    assert f'href="/groups/{group_id}/differences/{key}"' in html  # the form without JavaScript
    assert f'href="/groups/{group_id}/draft"' in html


def test_viewer_gets_no_decision_controls(sign_in, group_id):
    html = sign_in("viewer").get(f"/groups/{group_id}").get_data(as_text=True)
    assert 'id="decide-template"' not in html and "cv-can-act" not in html
    # The sign-out form and "Follow this group" only (a viewer may follow a group's progress).
    assert html.count('name="csrf_token"') == 2 and 'id="follow-button"' in html


def test_side_by_side_html_holds_nothing_personal_and_shows_decisions_at_once(app, sign_in, group_id):
    set_status(app, group_id, Status.CONFIRMED)
    reviewer = sign_in("reviewer")
    first = reviewer.get(f"/groups/{group_id}").get_data(as_text=True)
    lead = sign_in("lead.jpuh")
    assert first_key(lead.get(f"/groups/{group_id}").get_data(as_text=True)) == first_key(first)
    key = first_key(first)
    post(reviewer, f"/groups/{group_id}/decisions", group_id, {"change_key": key, "decision": "defer"}, app)
    assert "<strong>Decided:</strong> Deferred" in lead.get(f"/groups/{group_id}").get_data(as_text=True)
    post(reviewer, f"/groups/{group_id}/comments", group_id, {"text": "Ask pharmacy", "change_key": key}, app)
    assert "Ask pharmacy" in lead.get(f"/groups/{group_id}").get_data(as_text=True)


def test_difference_page_decides_without_javascript(app, sign_in, group_id):
    set_status(app, group_id, Status.CONFIRMED)
    client = sign_in("reviewer")
    key = first_key(client.get(f"/groups/{group_id}").get_data(as_text=True))
    page = client.get(f"/groups/{group_id}/differences/{key}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Significant difference: threshold" in html
    assert f'name="change_key" value="{key}"' in html and 'class="nhsuk-radios nhsuk-radios--small"' in html
    assert "<legend" in html and 'class="nhsuk-hint nhsuk-radios__hint"' in html
    response = post(
        client,
        f"/groups/{group_id}/decisions",
        group_id,
        {"change_key": key, "decision": "local_variation", "reason": "Local pathway"},
        app,
    )
    assert response.status_code == 302
    again = client.get(f"/groups/{group_id}/differences/{key}").get_data(as_text=True)
    assert "Accept local variation" in again and 'value="local_variation" aria-describedby' in again
    assert re.search(r'value="local_variation"[^>]*checked', again)
    assert client.get(f"/groups/{group_id}/differences/0000000000000000").status_code == 404
    viewer = sign_in("viewer").get(f"/groups/{group_id}/differences/{key}").get_data(as_text=True)
    assert 'name="decision"' not in viewer and 'name="change_key"' not in viewer


def test_difference_page_escapes_hostile_text(app, sign_in):
    with session_factory_of(app)() as session, session.begin():
        ids = []
        for code, n in (("JPUH", "5"), ("NNUH", "7")):
            trust = get_or_create_trust(session, code)
            doc = make_doc(
                code, "Hostile", f"Give <img src=x onerror=alert(2)> {n} mg now.", sha=sha(code, "h2")
            )
            store_document(session, trust, doc, None)
            ids.append(doc.id)
    gid = make_group(app, ids, topic="<script>alert(1)</script>")
    client = sign_in("viewer")
    html = client.get(f"/groups/{gid}").get_data(as_text=True)
    key = re.search(r'id="d-([0-9a-f-]+)"', html).group(1)  # type: ignore[union-attr]
    page = client.get(f"/groups/{gid}/differences/{key}").get_data(as_text=True)
    assert "<img src=x" not in page and "<script>alert(1)</script>" not in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page


def test_breadcrumbs_use_frontend_v10_markup(sign_in, group_id):
    html = sign_in("viewer").get(f"/groups/{group_id}/history").get_data(as_text=True)
    assert 'class="nhsuk-breadcrumb__list-item"' in html and "nhsuk-breadcrumb__item" not in html


def test_decisions_on_vanished_differences_are_still_listed(app, sign_in, group_id):
    with session_factory_of(app)() as session, session.begin():
        session.add(
            DifferenceDecision(
                group_id=group_id,
                change_key="0123456789abcdef",
                decision="defer",
                actor="reviewer",
                reason="Old wording <gone>",
            )
        )
        session.get(MatchGroupRow, group_id).revision += 1
    html = sign_in("viewer").get(f"/groups/{group_id}").get_data(as_text=True)
    assert "Decisions on differences no longer present" in html
    assert "Deferred – reviewer" in html and "Old wording &lt;gone&gt;" in html


def test_cached_queue_shows_changes_at_once(app, sign_in, group_id):
    """The queue's rendered list is reused between readers, but never after the groups change."""
    lead = sign_in("lead.jpuh")
    before = lead.get("/?status=confirmed").get_data(as_text=True)
    assert "No groups match these filters" in before
    moved = post(lead, f"/groups/{group_id}/status", group_id, {"to_status": "confirmed"}, app)
    assert moved.status_code == 302
    after = lead.get("/?status=confirmed").get_data(as_text=True)
    assert f"/groups/{group_id}" in after
    with session_factory_of(app)() as session, session.begin():
        session.get(MatchGroupRow, group_id).divergence = 0.4321  # a re-diff changes what the queue shows
    assert "0.43" in lead.get("/?status=confirmed").get_data(as_text=True)


# --- correcting the topic and specialty ---------------------------------------------------------------


def test_lead_sets_the_specialty_and_the_audit_trail_says_why(app, sign_in, docs):
    gid = make_group(app, [docs["NNUH"], docs["QEH"]], specialty=None)
    lead = sign_in("lead.nnuh")
    html = lead.get(f"/groups/{gid}").get_data(as_text=True)
    assert "Correct the topic or specialty" in html and "Not set" in html
    assert '<option value="Acute Medicine">' in html  # the documents' specialty is offered
    response = post(
        lead,
        f"/groups/{gid}/details",
        gid,
        {"topic": "Sepsis in adults", "specialty": "Acute Medicine", "reason": "no JPUH front sheet"},
        app,
    )
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/groups/{gid}")
    page = lead.get(f"/groups/{gid}").get_data(as_text=True)
    assert "Topic and specialty saved." in page
    assert re.search(r"Specialty</dt>\s*<dd[^>]*>Acute Medicine</dd>", page)
    history = lead.get(f"/groups/{gid}/history").get_data(as_text=True)
    assert "Correction: specialty: Not set → Acute Medicine" in history and "no JPUH front sheet" in history
    # The same form again changes nothing and says so; a form from before the change is stale.
    data = {"topic": "Sepsis in adults", "specialty": "Acute Medicine"}
    assert post(lead, f"/groups/{gid}/details", gid, data, app).status_code == 400
    token = csrf_token(lead, "/sign-in")
    stale = lead.post(
        f"/groups/{gid}/details",
        data={"csrf_token": token, "revision": revision_of(app, gid) - 1, "topic": "Sepsis", "specialty": ""},
    )
    assert stale.status_code == 409
    with session_factory_of(app)() as session:
        group = session.get(MatchGroupRow, gid)
        assert (group.topic, group.specialty) == ("Sepsis in adults", "Acute Medicine")
        edits = [(e.field, e.actor) for e in session.scalars(select(GroupEdit))]
        assert edits == [("specialty", "lead.nnuh")]


def test_topic_and_specialty_hostile_text_is_escaped(app, sign_in, group_id):
    lead = sign_in("admin")
    data = {"topic": "<script>alert(1)</script>", "specialty": '"><b>x', "reason": "<i>why</i>"}
    assert post(lead, f"/groups/{group_id}/details", group_id, data, app).status_code == 302
    for path in (f"/groups/{group_id}", f"/groups/{group_id}/history", "/"):
        html = lead.get(path).get_data(as_text=True)
        assert "<script>alert(1)</script>" not in html and "<b>x" not in html and "<i>why" not in html, path


def test_only_leads_correct_the_topic_and_specialty(app, sign_in, group_id):
    for username in ("reviewer", "viewer"):
        client = sign_in(username)
        html = client.get(f"/groups/{group_id}").get_data(as_text=True)
        assert "Correct the topic or specialty" not in html
        data = {"topic": "Sepsis", "specialty": "Paediatrics"}
        assert post(client, f"/groups/{group_id}/details", group_id, data, app).status_code == 403
        client.post("/sign-out", data={"csrf_token": csrf_token(client, "/")})
    admin = sign_in("admin")
    no_csrf = admin.post(
        f"/groups/{group_id}/details",
        data={"revision": revision_of(app, group_id), "topic": "Sepsis", "specialty": "Paediatrics"},
    )
    assert no_csrf.status_code == 400
    with session_factory_of(app)() as session:
        assert session.get(MatchGroupRow, group_id).specialty == "Acute Medicine"
        assert session.scalars(select(GroupEdit)).all() == []


def test_specialty_reviewer_decides_once_the_lead_sets_their_specialty(app, sign_in, group_id):
    with session_factory_of(app)() as session, session.begin():
        create_user(session, "paeds", PASSWORD, "reviewer", specialty="Paediatrics")
    set_status(app, group_id, Status.IN_REVIEW)
    paeds = sign_in("paeds")
    key = first_key(paeds.get(f"/groups/{group_id}").get_data(as_text=True))
    url = f"/groups/{group_id}/decisions"
    assert post(paeds, url, group_id, {"change_key": key, "decision": "defer"}, app).status_code == 403
    paeds.post("/sign-out", data={"csrf_token": csrf_token(paeds, "/")})
    lead = sign_in("lead.jpuh")
    data = {"topic": "Sepsis in adults", "specialty": "Paediatrics", "reason": "children's sepsis"}
    assert post(lead, f"/groups/{group_id}/details", group_id, data, app).status_code == 302
    lead.post("/sign-out", data={"csrf_token": csrf_token(lead, "/")})
    paeds = sign_in("paeds")
    assert post(paeds, url, group_id, {"change_key": key, "decision": "defer"}, app).status_code == 302
    with session_factory_of(app)() as session:
        assert [r.actor for r in session.scalars(select(DifferenceDecision))] == ["paeds"]


def test_side_by_side_html_is_rendered_once_and_decisions_filled_in(app, sign_in, group_id, monkeypatch):
    """The one cache (web.ttl) keeps the columns, rendered once for every reader (web.columns); a decision
    or a comment is filled in at its difference, so it shows at once with no render of the columns."""
    import converge.web.ttl as ttl
    import converge.web.views.review as views

    app.config["CACHE_SECONDS"] = 600
    monkeypatch.setattr(ttl.time, "monotonic", lambda: 1000.0)
    renders = []
    real = views._render_compare
    monkeypatch.setattr(views, "_render_compare", lambda *a: renders.append(a[1]) or real(*a))
    set_status(app, group_id, Status.CONFIRMED)
    reviewer, lead = sign_in("reviewer"), sign_in("lead.jpuh")
    key = first_key(reviewer.get(f"/groups/{group_id}").get_data(as_text=True))
    lead.get(f"/groups/{group_id}")
    assert renders == [group_id]  # the second reader, another user, got the same HTML without a render
    post(reviewer, f"/groups/{group_id}/decisions", group_id, {"change_key": key, "decision": "defer"}, app)
    page = lead.get(f"/groups/{group_id}").get_data(as_text=True)
    item = page[page.index(f'id="d-{key}"') :]
    item = item[: item.index("</li>")]
    assert "<strong>Decided:</strong> Deferred" in item and 'data-decision="defer"' in item
    assert "Change decision or comment" in item
    post(reviewer, f"/groups/{group_id}/comments", group_id, {"text": "Ask pharmacy", "change_key": key}, app)
    assert "Ask pharmacy" in lead.get(f"/groups/{group_id}").get_data(as_text=True)
    assert renders == [group_id]
    assert "<!--slot:" not in page  # every slot filled


def test_decision_and_comment_text_filled_into_the_columns_are_escaped(app, sign_in, group_id):
    set_status(app, group_id, Status.CONFIRMED)
    reviewer = sign_in("reviewer")
    url = f"/groups/{group_id}"
    key = first_key(reviewer.get(url).get_data(as_text=True))
    hostile = {"change_key": key, "decision": "new_text", "text": "<script>alert(1)</script>", "reason": "<b>r</b>"}
    assert post(reviewer, f"{url}/decisions", group_id, hostile, app).status_code == 302
    forged = "<!--slot:0000:0--><img src=x onerror=alert(2)>"
    post(reviewer, f"{url}/comments", group_id, {"text": forged, "change_key": key}, app)
    html = reviewer.get(url).get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "<b>r</b>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;img src=x onerror=alert(2)&gt;" in html
