"""Refused forms are shown again where they were (summary, message by the field, input kept); match
actions with pickers; a reviewer's request to confirm; the vocabularies' admin page; small fixes."""

from __future__ import annotations

import re

from sqlalchemy import select

from converge.store.models import ConfirmRequest, MatchDecision, MatchGroupRow, VocabularyTerm, Wave
from converge.workflow.status import Status
from tests.web.conftest import csrf_token, session_factory_of
from tests.web.test_review_views import first_key, make_group, post, set_status


def shown_again(response, status: int, message: str, field: str) -> str:  # type: ignore[no-untyped-def]
    html = response.get_data(as_text=True)
    assert response.status_code == status, html[:500]
    assert "There is a problem" in html and message in html
    assert f'href="#{field}"' in html and f'id="{field}-error"' in html  # summary links to the field
    assert "<title>Error: " in html
    return html


def test_each_refused_decision_is_shown_on_its_form_with_what_was_typed(app, sign_in, docs):
    gid = make_group(app, [docs["JPUH"], docs["QEH"]])
    set_status(app, gid, Status.IN_REVIEW)
    client = sign_in("reviewer")
    key = first_key(client.get(f"/groups/{gid}").get_data(as_text=True))
    url, p = f"/groups/{gid}/decisions", f"dec-{key}"
    html = shown_again(
        post(client, url, gid, {"change_key": key, "text": "kept text"}, app),
        400,
        "Choose a decision",
        f"{p}-decision",
    )
    assert "kept text</textarea>" in html
    html = shown_again(
        post(client, url, gid, {"change_key": key, "decision": "local_variation"}, app),
        400,
        "Enter a reason",
        f"{p}-reason",
    )
    assert re.search(r'value="local_variation"[^>]*checked', html)
    html = shown_again(
        post(client, url, gid, {"change_key": key, "decision": "new_text", "reason": "NICE NG51"}, app),
        400,
        "Enter the new text",
        f"{p}-text",
    )
    assert "NICE NG51</textarea>" in html and re.search(r'value="new_text"[^>]*checked', html)
    shown_again(
        post(client, f"/groups/{gid}/comments", gid, {"change_key": key, "text": " "}, app),
        400,
        "Enter your comment",
        f"{p}-comment",
    )


def test_lead_removes_one_document_and_finds_groups_and_documents_by_title(app, sign_in, docs):
    gid = make_group(app, [docs["JPUH"], docs["NNUH"], docs["QEH"]])
    other = make_group(app, [docs["QEH"]], topic="Sepsis in children", specialty="Paediatrics")
    lead = sign_in("lead.jpuh")
    page = lead.get(f"/groups/{gid}?find_group=sepsis+children&find_doc=sepsis").get_data(as_text=True)
    assert f'name="other_group" type="radio" value="{other}"' in page  # found by words of its topic
    assert f'value="{gid}"' not in re.findall(r'name="other_group"[^>]*>', page).__str__()
    assert "No current document outside this group" in page  # every sepsis document is already here
    url = f"/groups/{gid}/match"
    html = shown_again(
        post(lead, url, gid, {"action": "remove", "document_id": docs["QEH"]}, app),
        400,
        "Enter a reason",
        "remove-reason",
    )
    assert 'id="change-match" open' in html
    ok = post(
        lead, url, gid, {"action": "remove", "document_id": docs["QEH"], "reason": "QEH's is older"}, app
    )
    assert ok.status_code == 302
    with session_factory_of(app)() as session:
        group = session.get(MatchGroupRow, gid)
        assert {m.document_id for m in group.members} == {docs["JPUH"], docs["NNUH"]}
        kinds = [d.kind for d in session.scalars(select(MatchDecision).where(MatchDecision.group_id == gid))]
        assert sorted(kinds) == ["reject_pair", "reject_pair", "remove"]
    shown_again(
        post(lead, url, gid, {"action": "merge", "reason": "same"}, app),
        400,
        "Choose the group to merge",
        "merge-other",
    )


def test_reviewer_asks_a_lead_to_confirm_a_proposed_group(app, sign_in, docs):
    gid = make_group(app, [docs["JPUH"], docs["NNUH"]])
    client = sign_in("reviewer")
    page = client.get(f"/groups/{gid}").get_data(as_text=True)
    assert "Waiting for a lead to confirm this match" in page and "Ask a lead to confirm" in page
    token = csrf_token(client, f"/groups/{gid}")
    assert (
        client.post(f"/groups/{gid}/confirm-request", data={"csrf_token": token, "note": "same"}).status_code
        == 302
    )
    again = client.post(f"/groups/{gid}/confirm-request", data={"csrf_token": token})
    assert again.status_code == 400 and "already asked" in again.get_data(as_text=True)
    assert "You asked a lead to confirm this match" in client.get(f"/groups/{gid}").get_data(as_text=True)
    with session_factory_of(app)() as session:
        (row,) = session.scalars(select(ConfirmRequest)).all()
        assert (row.group_id, row.requester, row.note, row.resolved_at) == (gid, "reviewer", "same", None)


def test_admin_keeps_the_vocabularies(app, sign_in, docs):
    assert sign_in("lead.jpuh").get("/admin/vocabularies").status_code == 403
    admin = sign_in("admin")
    page = admin.get("/admin/vocabularies/specialty").get_data(as_text=True)
    assert "In use but not listed: Acute Medicine" in page
    token = csrf_token(admin, "/admin/vocabularies/specialty")
    assert (
        admin.post(
            "/admin/vocabularies/specialty", data={"csrf_token": token, "value": "acute medicine"}
        ).status_code
        == 302
    )
    dup = admin.post("/admin/vocabularies/specialty", data={"csrf_token": token, "value": "ACUTE MEDICINE"})
    html = shown_again(dup, 400, "already in the list", "term-value")
    assert 'value="ACUTE MEDICINE"' in html
    with session_factory_of(app)() as session:
        assert session.scalars(
            select(VocabularyTerm.value).where(VocabularyTerm.kind == "specialty")
        ).all() == ["acute medicine"]


def test_reports_wave_by_number_and_day_first_as_of(app, sign_in, docs):
    make_group(app, [docs["JPUH"], docs["NNUH"]], wave="Wave 1")
    client = sign_in("viewer")
    with session_factory_of(app)() as session:
        wave_id = session.scalar(select(Wave.id))
    by_name = client.get("/reports/?wave=Wave+1").get_data(as_text=True)
    by_number = client.get(f"/reports/?wave={wave_id}").get_data(as_text=True)
    count = re.compile(
        r'cv-headline__value">(\d+)</span></a>\s*<span class="cv-headline__label">topics \(matched'
    )
    assert count.search(by_name).group(1) == count.search(by_number).group(1) == "1"
    assert "wave Wave 1" in by_number  # shown by its name
    ok = client.get("/reports/?as_of=01/01/2026")
    assert ok.status_code == 200 and 'value="01/01/2026"' in ok.get_data(as_text=True)
    shown_again(client.get("/reports/?as_of=31/06/2027"), 400, "must be a real date", "as_of")


def test_upload_without_files_and_document_page_in_plain_words(app, sign_in, docs):
    lead = sign_in("lead.jpuh")
    token = csrf_token(lead, "/library/upload")
    shown_again(
        lead.post("/library/upload", data={"csrf_token": token, "trust": "JPUH"}),
        400,
        "Choose at least one file",
        "files",
    )
    html = shown_again(
        lead.post("/library/upload", data={"csrf_token": token, "trust": "NNUH"}),
        403,
        "your own trust",
        "trust",
    )
    assert "Upload and parse" in html
    page = lead.get(f"/library/documents/{docs['JPUH']}").get_data(as_text=True)
    assert "? pages" not in page and "application/" not in page
