"""The jobs page: every background job with its progress, a failed one with its reason, retried by a lead;
an upload whose job failed says so on its own page."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

import converge.workflow.jobs  # the parse job reads ingest_paths from its own namespace
from converge.store.models import Job, UploadJob
from converge.workflow.jobrecords import new_job
from tests.web.conftest import csrf_token, session_factory_of


def failed_compare(app, group_id: int = 999_999) -> str:  # type: ignore[no-untyped-def]
    with session_factory_of(app)() as session, session.begin():
        job = new_job(session, "compare", {"group": group_id})
        job.phase, job.message, job.attempts = "failed", "OperationalError: the database went away", 1
        return job.id


def test_a_failed_job_shows_its_reason_and_a_lead_retries_it(app, sign_in, docs) -> None:
    job_id = failed_compare(app)
    viewer = sign_in("viewer")
    html = viewer.get("/jobs/?phase=failed").get_data(as_text=True)
    assert "OperationalError: the database went away" in html and "Retry" not in html
    assert viewer.get("/jobs/status.json").get_json()["counts"]["failed"] == 1
    token = csrf_token(viewer, "/library/")
    assert viewer.post(f"/jobs/{job_id}/retry", data={"csrf_token": token}).status_code == 403
    lead = sign_in("lead.jpuh")  # the same test client, now signed in as a lead
    token = csrf_token(lead, "/jobs/")
    response = lead.post(f"/jobs/{job_id}/retry", data={"csrf_token": token})
    assert response.status_code == 302
    with session_factory_of(app)() as session:  # queued again, and run (the test queue runs at once)
        job = session.get_one(Job, job_id)
        assert job.phase == "done" and job.message == "nothing to compare"


def test_an_upload_whose_parse_job_failed_says_why(app, sign_in, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_a, **_k):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    monkeypatch.setattr(converge.workflow.jobs, "ingest_paths", broken)
    client = sign_in("lead.jpuh")
    token = csrf_token(client, "/library/upload")
    response = client.post(
        "/library/upload",
        data={"trust": "JPUH", "csrf_token": token, "files": (io.BytesIO(b"# Falls\n\ntext\n"), "falls.md")},
        headers={"Accept": "application/json"},
    )
    status = client.get(response.get_json()["url"] + ".json").get_json()
    assert status["phase"] == "failed" and "RuntimeError: disk full" in status["message"]
    assert status["finished"] is True
    with session_factory_of(app)() as session:
        upload = session.scalars(select(UploadJob)).one()
        assert session.scalar(select(Job.phase).where(Job.upload_id == upload.id)) == "failed"
