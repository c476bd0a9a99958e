"""The national pages and the review panel: national wording beside a difference, which trust agrees, a
decision citing it; a lead justifies a departure; the appendix downloads."""

from __future__ import annotations

import io
import re

from openpyxl import load_workbook
from sqlalchemy import select

from converge.store.models import DifferenceDecision, MatchMember, NationalLink
from converge.workflow.actors import Actor
from converge.workflow.groups import match_library
from converge.workflow.library import get_or_create_trust, store_document
from converge.workflow.national.linking import add_link, set_kind
from tests.web.conftest import csrf_token, make_doc, session_factory_of

NATIONAL_TEXT = "Screen adults with a NEWS2 score of 7 or more for sepsis."


def _national(app, docs):  # type: ignore[no-untyped-def]
    """A national library holding the guidance the seeded sepsis documents adapt; QEH's threshold (7)
    agrees with it, JPUH's and NNUH's (5) depart. Returns (group id, link id of JPUH's document)."""
    factory = session_factory_of(app)
    with factory() as session, session.begin():
        nice = get_or_create_trust(session, "NICE", "National Institute for Health and Care Excellence")
        set_kind(session, "NICE", "national")
        nat = make_doc("NICE", "Suspected sepsis NG51", NATIONAL_TEXT, sha="9" * 64)
        store_document(session, nice, nat, original=None)
        match_library(session)
        group_id = session.scalar(select(MatchMember.group_id).where(MatchMember.document_id == docs["JPUH"]))
        link = add_link(session, docs["JPUH"], nat.id, Actor("admin", "admin"), "adapts NG51")
        assert session.scalar(select(MatchMember.id).where(MatchMember.document_id == nat.id)) is None
        return group_id, link.id


def test_the_review_shows_the_national_wording_and_which_trust_agrees(app, docs, sign_in) -> None:  # type: ignore[no-untyped-def]
    group_id, _ = _national(app, docs)
    client = sign_in("reviewer")
    html = client.get(f"/groups/{group_id}").get_data(as_text=True)
    assert 'id="national-panel"' in html
    panel = html[html.index('id="national-panel"') :]
    panel = panel[: panel.index("</section>")]
    assert NATIONAL_TEXT in panel
    assert re.search(r"Agrees: QEH\.", panel)
    assert "NEWS2 score threshold: 7 at Suspected sepsis NG51, 5 at JPUH" in panel
    assert "citing this" not in panel  # a proposed group is not decided yet: nothing to cite into


def test_a_decision_can_cite_the_national_guidance(app, docs, sign_in) -> None:  # type: ignore[no-untyped-def]
    group_id, _ = _national(app, docs)
    client = sign_in("admin")
    token = csrf_token(client, f"/groups/{group_id}/history")
    client.post(
        f"/groups/{group_id}/status", data={"to_status": "confirmed", "csrf_token": token, "revision": "1"}
    )
    html = client.get(f"/groups/{group_id}").get_data(as_text=True)
    key = re.search(r'name="change_key" value="([^"]+)"><input type="hidden" name="trust" value="QEH"', html)
    assert key, "no cite form for QEH"
    response = client.post(
        f"/national/groups/{group_id}/cite",
        data={
            "change_key": key.group(1),
            "trust": "QEH",
            "csrf_token": csrf_token(client, f"/groups/{group_id}"),
        },
    )
    assert response.status_code == 302
    with session_factory_of(app)() as session:
        [decision] = session.scalars(
            select(DifferenceDecision).where(DifferenceDecision.group_id == group_id)
        )
        assert decision.decision == "adopt" and decision.adopted_trust == "QEH"
        assert "Suspected sepsis NG51" in decision.reason and NATIONAL_TEXT in decision.reason
    # citing a trust whose wording departs from the national text is refused
    refused = client.post(
        f"/national/groups/{group_id}/cite",
        data={
            "change_key": key.group(1),
            "trust": "JPUH",
            "csrf_token": csrf_token(client, f"/groups/{group_id}"),
        },
    )
    assert refused.status_code in (400, 409, 422)


def test_a_lead_justifies_a_departure_and_the_appendix_reports_it(app, docs, sign_in) -> None:  # type: ignore[no-untyped-def]
    _, link_id = _national(app, docs)
    client = sign_in("viewer")
    page = client.get(f"/national/documents/{docs['JPUH']}").get_data(as_text=True)
    assert "threshold" in page and NATIONAL_TEXT in page and "Not justified" in page
    assert "Record local deviation" not in page  # a viewer cannot
    assert client.post(f"/national/links/{link_id}/justify", data={"departure_key": "x"}).status_code in (
        400,
        403,
    )
    client.post("/sign-out", data={"csrf_token": csrf_token(client, "/")})
    client = sign_in("lead.jpuh")
    page = client.get(f"/national/documents/{docs['JPUH']}").get_data(as_text=True)
    key = re.search(r'name="departure_key" value="([^"]+)"', page).group(1)
    response = client.post(
        f"/national/links/{link_id}/justify",
        data={
            "departure_key": key,
            "reason": "<b>local</b> early warning policy",
            "csrf_token": csrf_token(client, f"/national/documents/{docs['JPUH']}"),
        },
    )
    assert response.status_code == 302
    page = client.get(f"/national/documents/{docs['JPUH']}").get_data(as_text=True)
    assert "&lt;b&gt;local&lt;/b&gt; early warning policy" in page and "<b>local</b>" not in page
    register = client.get("/national/?trust=JPUH").get_data(as_text=True)
    assert "Departures justified" in register
    data = client.get("/national/appendix.xlsx?trust=JPUH")
    assert data.status_code == 200 and data.headers["Content-Disposition"].endswith('.xlsx"')
    rows = list(load_workbook(io.BytesIO(data.data))["Departures"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1 and rows[0][-1] == "justified"
    assert client.get("/national/appendix.docx?trust=JPUH").data[:2] == b"PK"


def test_another_trusts_lead_cannot_decide_the_link(app, docs, sign_in) -> None:  # type: ignore[no-untyped-def]
    _, link_id = _national(app, docs)
    client = sign_in("lead.nnuh")
    response = client.post(
        f"/national/links/{link_id}/decide",
        data={"to_status": "rejected", "reason": "no", "csrf_token": csrf_token(client, "/national/")},
    )
    assert response.status_code == 403
    with session_factory_of(app)() as session:
        assert session.get(NationalLink, link_id).status == "confirmed"
