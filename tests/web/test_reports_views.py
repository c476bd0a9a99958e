"""Reports pages: figures and charts render, drill-down, exports, audit log, and who may plan waves."""

from __future__ import annotations

import io

import pytest
from docx import Document
from openpyxl import load_workbook
from sqlalchemy import select

from converge.store.models import MatchGroupRow, Wave, WaveAssignment
from tests.reports.scenario import build
from tests.web.conftest import csrf_token, session_factory_of


@pytest.fixture
def programme(app, docs):  # type: ignore[no-untyped-def]
    with session_factory_of(app)() as session, session.begin():
        return build(session)


def test_reports_page_figures_charts_filters_and_drill_down(sign_in, programme):
    client = sign_in("viewer")
    response = client.get("/reports/?as_of=2025-05-01")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "As of 01 May 2025" in html
    assert "2 of 4" in html and "(50.0%)" in html
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 3
    assert 'aria-labelledby="chart-burnup-title chart-burnup-desc"' in html
    assert "style=" not in html and "<script>" not in html  # the CSP allows neither
    assert "css/reports.css" in html
    assert "Wave 1" in html and "Overdue" in html
    march = client.get("/reports/?as_of=2025-03-31&specialty=Acute+medicine").get_data(as_text=True)
    assert "1 of 2" in march and "specialty Acute medicine" in march
    assert client.get("/reports/?as_of=yesterday").status_code == 400
    # Drill-down: the groups behind a number.
    html = client.get("/reports/groups?as_of=2025-05-01&converged=1").get_data(as_text=True)
    assert "2 groups" in html and "Sepsis in adults" in html and "Falls prevention" in html
    assert "NEWS2 escalation" not in html
    gap = client.get("/reports/groups?as_of=2025-05-01&gap=QEH").get_data(as_text=True)
    assert "1 group" in gap and "Anticoagulation" in gap
    link = f'/groups/{programme.groups["G3"]}"'
    assert link in gap


def test_exports_and_audit_log_download(sign_in, programme):
    client = sign_in("viewer")
    csv_response = client.get("/reports/export.csv?as_of=2025-05-01")
    assert csv_response.status_code == 200 and csv_response.mimetype == "text/csv"
    assert "headline,,,converged,2" in csv_response.get_data(as_text=True)
    groups = client.get("/reports/export.csv?as_of=2025-05-01&what=groups").get_data(as_text=True)
    assert groups.startswith("group_id,topic") and "Sepsis in adults" in groups
    book = load_workbook(io.BytesIO(client.get("/reports/export.xlsx?as_of=2025-05-01").data))
    assert (book["Summary"]["A5"].value, book["Summary"]["B5"].value) == (
        "Converged (approved or adopted, nothing open)",
        2,
    )
    docx = client.get("/reports/export.docx?as_of=2025-05-01&wave=Wave+1")
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.data)).paragraphs)
    assert "Scope: wave Wave 1" in text
    assert client.get("/reports/export.pdf").status_code == 404
    html = client.get("/reports/audit?from=2025-02-01&to=2025-02-28").get_data(as_text=True)
    assert "5 entries" in html and "different topics" not in html and "dr.reviewer" in html
    data = client.get("/reports/audit?from=2025-03-05&to=2025-03-05&format=csv").get_data(as_text=True)
    assert "different patient populations" in data and data.count("\n") == 2


def test_viewer_and_reviewer_cannot_create_or_plan_waves(sign_in, programme, app):
    client = sign_in("reviewer")
    page = client.get("/reports/waves").get_data(as_text=True)
    assert "Plan a new wave" not in page
    token = csrf_token(client, "/reports/waves")  # from the sign-out form: the refusal is by role, not CSRF
    assert client.post("/reports/waves", data={"name": "Sneaky", "csrf_token": token}).status_code == 403
    plan = {"specialty": "Older people", "csrf_token": token}
    assert client.post(f"/reports/waves/{programme.wave_id}/plan", data=plan).status_code == 403
    with session_factory_of(app)() as session:
        assert session.scalar(select(Wave).where(Wave.name == "Sneaky")) is None


def test_lead_creates_a_wave_and_plans_a_specialty(sign_in, programme, app):
    client = sign_in("lead.jpuh")
    token = csrf_token(client, "/reports/waves")
    response = client.post(
        "/reports/waves",
        data={
            "csrf_token": token,
            "name": "Wave 2",
            "starts_on": "2025-05-01",
            "target_date": "2025-09-30",
            "target": "1",
            "specialty": ["Older people"],
        },
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Falls prevention" in page and "1 groups planned" in page
    with session_factory_of(app)() as session:
        wave = session.scalar(select(Wave).where(Wave.name == "Wave 2"))
        falls = session.get(MatchGroupRow, programme.groups["G5"])
        assert falls.wave_id == wave.id
        (row,) = session.scalars(select(WaveAssignment).where(WaveAssignment.wave_id == wave.id))
        assert row.actor == "lead.jpuh"
    bad = client.post(
        "/reports/waves",
        data={"csrf_token": token, "name": "Wave 3", "starts_on": "2025-09-01", "target_date": "2025-01-01"},
    )
    assert bad.status_code == 400 and "before its start" in bad.get_data(as_text=True)
    # Hand-planning a group into the wave, with the CSRF token a browser would send.
    response = client.post(
        f"/reports/waves/{wave.id}/plan", data={"csrf_token": token, "group": [str(programme.groups["G2"])]}
    )
    assert response.status_code == 303
    with session_factory_of(app)() as session:
        assert session.get(MatchGroupRow, programme.groups["G2"]).wave_id == wave.id
