"""Blueprint "library": each trust's documents, search and filters, a document's page, uploads."""

from __future__ import annotations

import mimetypes
import re
from datetime import date
from pathlib import Path

from flask import (
    Blueprint,
    abort,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_login import current_user
from sqlalchemy import select
from werkzeug.utils import secure_filename

from converge.store.models import MatchGroupRow, MatchMember, StoredDocument, Trust, UploadJob
from converge.web import jobs
from converge.web.db import get_session
from converge.web.forms import fail, reshow
from converge.workflow.corrections import EDITABLE_FIELDS, update_metadata
from converge.workflow.groups import known_specialties
from converge.workflow.library import (
    LibraryFilter,
    facet_values,
    library_overview,
    load_document,
    metadata_history,
    search_documents,
)
from converge.workflow.uploads import FINISHED, job_json, start_upload, upload_progress
from converge.workflow.versions import decide_possible, get_possible, possible_versions, reinstate_document
from converge.workflow.vocab import term_values

bp = Blueprint("library", __name__)
UPLOAD_SUFFIXES = {".docx", ".pdf", ".doc", ".rtf", ".odt", ".txt", ".md", ".zip"}


# What a person calls each kind of file the parsers read (the document page shows these, not MIME types).
FILE_KINDS = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document (.docx)",
    "application/msword": "Word 97–2003 document (.doc)",
    "application/rtf": "Rich Text Format (.rtf)",
    "application/vnd.oasis.opendocument.text": "OpenDocument text (.odt)",
    "application/vnd.wordperfect": "WordPerfect document (.wpd)",
    "text/plain": "Plain text",
    "text/markdown": "Markdown text",
}


@bp.app_template_filter("file_kind")
def file_kind(media_type: str | None) -> str:
    return FILE_KINDS.get((media_type or "").split(";")[0].strip(), "File")


@bp.app_template_filter("file_size")
def file_size(size: int | None) -> str:
    if not size:
        return ""
    for unit, scale in (("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


def get_trust_or_404(code: str) -> Trust:
    trust = get_session().scalar(select(Trust).where(Trust.code == code.upper()))
    if trust is None:
        abort(404, description=f"No trust {code!r}.")
    return trust


def get_document_or_404(doc_id: str) -> StoredDocument:
    row = get_session().get(StoredDocument, doc_id)
    if row is None:
        abort(404, description="No such document.")
    return row


@bp.route("/")
def index():
    return render_template(
        "library/index.html", trusts=library_overview(get_session(), date.today().isoformat())
    )


@bp.route("/<code>")
def trust_documents(code: str):
    trust = get_trust_or_404(code)
    args = request.args
    flt = LibraryFilter(
        query=args.get("q", "")[:200],
        specialty=args.get("specialty", ""),
        document_type=args.get("type", ""),
        review_passed=args.get("overdue") == "1",
        unmatched=args.get("unmatched") == "1",
        include_superseded=args.get("history") == "1",
    )
    session = get_session()
    docs = search_documents(session, trust.code, flt, date.today().isoformat())
    return render_template(
        "library/documents.html",
        trust=trust,
        docs=docs,
        flt=flt,
        facets=facet_values(session, trust.code),
        today=date.today().isoformat(),
        can_upload=current_user.can_edit_trust(trust.code),
    )


@bp.route("/documents/<doc_id>")
def document(doc_id: str):
    row = get_document_or_404(doc_id)
    session = get_session()
    groups = list(
        session.scalars(
            select(MatchGroupRow)
            .join(MatchMember)
            .where(MatchMember.document_id == doc_id, MatchGroupRow.status != "superseded")
        )
    )
    versions = []
    if row.superseded_by_id:
        versions.append(("Superseded by", session.get(StoredDocument, row.superseded_by_id)))
    for older in session.scalars(select(StoredDocument).where(StoredDocument.superseded_by_id == doc_id)):
        versions.append(("Supersedes", older))
    pairs = []
    for pair in possible_versions(session, document_id=doc_id):
        other = session.get(StoredDocument, pair["newer"] if pair["older"] == doc_id else pair["older"])
        pairs.append((pair, other))
    return render_template(
        "library/document.html",
        row=row,
        doc=load_document(row),
        groups=groups,
        versions=versions,
        pairs=pairs,
        edits=metadata_history(session, doc_id),
        can_edit=current_user.can_edit_trust(row.trust.code),
    )


@bp.route("/documents/<doc_id>/versions", methods=["POST"])
@reshow(document, "versions", {"reason": "reinstate-reason"})
def versions(doc_id: str):
    """A lead confirms or dismisses a possible version, or makes a superseded document current again."""
    row = get_document_or_404(doc_id)
    if not current_user.can_edit_trust(row.trust.code):
        abort(
            403, description="Only an administrator or this trust's governance lead can change its versions."
        )
    session = get_session()
    action = request.form.get("action", "")
    reason = request.form.get("reason", "").strip()
    if action == "reinstate":
        reinstate_document(session, doc_id, current_user.actor(), reason)
        flash("This document is current again.")
    elif action in ("confirm", "dismiss"):
        try:
            pair_id = int(request.form.get("pair", ""))
        except ValueError:
            abort(400, description="Which pair?")
        pair = get_possible(session, pair_id)
        if doc_id not in (pair.older_id, pair.newer_id):
            abort(400, description="That pair is not this document's.")
        current = request.form.get("current") or None
        decide_possible(session, pair_id, action, current_user.actor(), reason, current_id=current)
        flash(
            "Confirmed as versions: the earlier one is superseded." if action == "confirm" else "Kept apart."
        )
    else:
        abort(400, description="Unknown action.")
    session.commit()
    return redirect(url_for("library.document", doc_id=doc_id))


@bp.route("/documents/<doc_id>/original")
def original(doc_id: str):
    row = get_document_or_404(doc_id)
    data = get_session().scalar(select(StoredDocument.original).where(StoredDocument.id == doc_id))
    if not data:
        abort(404, description="The original file was not kept for this document.")
    name = secure_filename(Path(row.source_path).name) or "document"
    import io

    # Always a download, never rendered inline: an uploaded file is not trusted content.
    return send_file(
        io.BytesIO(data),
        as_attachment=True,
        download_name=name,
        mimetype=mimetypes.guess_type(name)[0] or "application/octet-stream",
    )


def _allowed_upload_trusts() -> list[Trust]:
    trusts = list(get_session().scalars(select(Trust).order_by(Trust.code)))
    return [t for t in trusts if current_user.can_edit_trust(t.code)]


@bp.route("/upload", methods=["GET", "POST"])
def upload():
    trusts = _allowed_upload_trusts()
    if not trusts:
        abort(403, description="Only a governance lead (for their own trust) or an administrator can upload.")
    if request.method == "GET":
        return render_template("library/upload.html", trusts=trusts)
    code = request.form.get("trust", "")
    if code not in {t.code for t in trusts}:
        fail("upload", "choose your own trust's library: you can upload only to it", "trust")
        return render_template("library/upload.html", trusts=trusts), 403
    files = [f for f in request.files.getlist("files") if f and f.filename]
    if not files:
        fail("upload", "choose at least one file to upload", "files")
        return render_template("library/upload.html", trusts=trusts), 400
    # The bytes go to the database with the upload: a consumer on any machine parses them (converge.workflow.jobs).
    saved = [(_display_name(f.filename or f"file-{n}"), f.read()) for n, f in enumerate(files)]
    session = get_session()
    job, parse_jobs = start_upload(session, code, current_user.username, saved)
    session.commit()
    jobs.enqueue(parse_jobs)
    if request.accept_mimetypes.best == "application/json":
        return jsonify({"job": job.id, "url": url_for("library.job", job_id=job.id)}), 202
    return redirect(url_for("library.job", job_id=job.id))


def _display_name(name: str) -> str:
    # Keep the name the user gave (for the results list) but never a path or control characters.
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    return re.sub(r"[\x00-\x1f\x7f]", "", name)[:200] or "upload"


def get_job_or_404(job_id: str) -> UploadJob:
    job = get_session().get(UploadJob, job_id)
    if job is None:
        abort(404, description="No such upload.")
    return job


def upload_as_of_now(job_id: str) -> tuple[UploadJob, str, str]:
    """An upload's phase from its jobs, then its files and results read after that phase.

    Each statement reads what is committed when it runs (SQLite outside a write, PostgreSQL read committed),
    so the upload read first and its jobs second could show "done" with the results of a moment before the
    parse committed them: no rows (the flaky e2e upload). A parse job commits its results with its own
    "done", so results read after the phase are never older than it.
    """
    session = get_session()
    upload = get_job_or_404(job_id)
    phase, message = upload_progress(session, upload)
    session.refresh(upload)
    return upload, phase, message


@bp.route("/uploads/<job_id>")
def job(job_id: str):
    upload, phase, message = upload_as_of_now(job_id)
    return render_template("library/job.html", job=upload, phase=phase, message=message)


@bp.route("/uploads/<job_id>.json")
def job_status(job_id: str):
    upload, phase, message = upload_as_of_now(job_id)
    return jsonify({**job_json(upload), "phase": phase, "message": message, "finished": phase in FINISHED})


def _editable_or_403(doc_id: str) -> StoredDocument:
    row = get_document_or_404(doc_id)
    if not current_user.can_edit_trust(row.trust.code):
        abort(403, description="Only an administrator or this trust's governance lead can edit it.")
    return row


@bp.route("/documents/<doc_id>/edit")
def edit(doc_id: str):
    row = _editable_or_403(doc_id)
    session = get_session()
    meta = row.meta or {}
    values = {name: (row.title if name == "title" else meta.get(name, "")) for name in EDITABLE_FIELDS}
    for name in ("document_type", "specialty"):
        values[name] = getattr(row, name) or values[name]
    for name in ("review_date", "date_approved"):
        values[name] = _uk_date(values[name])
    return render_template(
        "library/edit.html",
        row=row,
        values=values,
        choices={
            "document_type": term_values(session, "document_type"),
            "specialty": known_specialties(session),
        },
    )


def _uk_date(value: str | None) -> str:
    """An ISO date as the form shows it (31/03/2027); anything else as it is."""
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return f"{value[8:10]}/{value[5:7]}/{value[:4]}"
    return value or ""


@bp.route("/documents/<doc_id>/edit", methods=["POST"])
@reshow(edit, "metadata", {name: name for name in EDITABLE_FIELDS} | {"reason": "reason"})
def save(doc_id: str):
    _editable_or_403(doc_id)
    session = get_session()
    changes = {name: request.form[name] for name in EDITABLE_FIELDS if name in request.form}
    changed = update_metadata(session, doc_id, changes, current_user.actor(), request.form.get("reason", ""))
    session.commit()
    flash(f"Saved: {', '.join(f.replace('_', ' ') for f in changed)}." if changed else "Nothing changed.")
    return redirect(url_for("library.document", doc_id=doc_id))
