"""The web side of background jobs: queue them for the consumers, and the page that follows them.

No job runs in a web process: a request records the job and queues its id (converge.workflow.taskqueue); a
consumer (`converge worker`, or the one `converge serve` starts) does the work.
"""

from __future__ import annotations

from collections.abc import Iterable

from flask import Blueprint, Flask, current_app, flash, jsonify, redirect, render_template, request, url_for

from converge.core.config import Settings
from converge.web.auth import require_role
from converge.web.db import get_session
from converge.workflow.jobs import counts, job_json, recent_jobs, retry
from converge.workflow.taskqueue import enqueue as queue_jobs

bp = Blueprint("jobs", __name__)


def init_app(app: Flask) -> None:
    app.extensions["converge_queue"] = Settings(
        database_url=app.config["DATABASE_URL"],
        queue_url=app.config.get("QUEUE_URL") or "",
        queue_name=app.config.get("QUEUE_NAME") or "converge",
    )


def queue_settings() -> Settings:
    return current_app.extensions["converge_queue"]


def enqueue(job_ids: Iterable[str]) -> None:
    """Queue jobs the request has committed."""
    queue_jobs(queue_settings(), job_ids)


@bp.route("/")
def index():
    session = get_session()
    phase = request.args.get("phase", "")
    return render_template(
        "jobs/index.html",
        jobs=recent_jobs(session, 100, phase if phase in ("queued", "running", "done", "failed") else None),
        counts=counts(session),
        phase=phase,
    )


@bp.route("/status.json")
def index_json():
    session = get_session()
    return jsonify({"counts": counts(session), "jobs": [job_json(j) for j in recent_jobs(session, 100)]})


@bp.route("/<job_id>/retry", methods=["POST"])
@require_role("admin", "lead")
def retry_job(job_id: str):
    session = get_session()
    job = retry(session, job_id)
    session.commit()
    enqueue([job.id])
    flash(f"The {job.kind} job was queued again.", "success")
    return redirect(url_for("jobs.index"))
