"""Library pages: lists, filters, a document page, originals, and who may upload where."""

import io
import zipfile

from sqlalchemy import select

from converge.store.models import GroupReview, Job, StoredDocument, UploadFile, UploadJob
from converge.workflow.groups import active_groups
from tests.web.conftest import csrf_token, session_factory_of
from tests.workflow.test_uploads import dead_process_identity


def test_library_overview_lists_trusts(sign_in):
    client = sign_in("viewer")
    html = client.get("/library/").get_data(as_text=True)
    for code in ("JPUH", "NNUH", "QEH"):
        assert code in html


def test_filters_and_search(sign_in, docs):
    client = sign_in("viewer")
    assert "Sepsis in adults" in client.get("/library/QEH?q=news2").get_data(as_text=True)
    assert "Sepsis in adults" not in client.get("/library/QEH?q=potassium").get_data(as_text=True)
    assert "Sepsis in adults" in client.get("/library/QEH?overdue=1").get_data(as_text=True)
    assert "Sepsis in adults" in client.get("/library/QEH?unmatched=1").get_data(as_text=True)


def test_document_page_escapes_hostile_text(app, sign_in):
    from converge.workflow.library import get_or_create_trust, store_document
    from tests.web.conftest import make_doc

    with session_factory_of(app)() as session, session.begin():
        trust = get_or_create_trust(session, "JPUH")
        doc = make_doc("JPUH", "<script>alert(1)</script>", "<img src=x onerror=alert(2)>", sha="f" * 64)
        store_document(session, trust, doc, None)
    client = sign_in("viewer")
    html = client.get(f"/library/documents/{doc.id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html


def test_original_is_always_a_download(sign_in, docs):
    client = sign_in("viewer")
    response = client.get(f"/library/documents/{docs['JPUH']}/original")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.data == b"%PDF-1.4 original bytes"


def test_unknown_document_is_404(sign_in):
    assert sign_in("viewer").get("/library/documents/JPUH:nope").status_code == 404


def test_reviewer_and_viewer_cannot_upload(sign_in):
    for user in ("reviewer", "viewer"):
        client = sign_in(user)
        assert client.get("/library/upload").status_code == 403


def test_lead_cannot_upload_to_another_trust(app, sign_in):
    client = sign_in("lead.jpuh")
    token = csrf_token(client, "/library/upload")
    response = client.post(
        "/library/upload",
        data={"trust": "NNUH", "csrf_token": token, "files": (io.BytesIO(b"hello"), "x.txt")},
    )
    assert response.status_code == 403
    with session_factory_of(app)() as session:
        assert session.scalars(select(UploadJob)).all() == []


def test_upload_without_csrf_is_refused(sign_in):
    client = sign_in("lead.jpuh")
    response = client.post("/library/upload", data={"trust": "JPUH", "files": (io.BytesIO(b"x"), "x.txt")})
    assert response.status_code == 400


def test_lead_uploads_a_zip_and_sees_per_file_results(app, sign_in):
    client = sign_in("lead.jpuh")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(
            "falls.md", "# Falls prevention\n\n## Purpose\n\nAssess every adult inpatient for falls risk.\n"
        )
        zf.writestr("broken.pdf", b"%PDF-1.4 this is not really a pdf")
        zf.writestr("../escape.md", "# Escape\n\ntext\n")
    buffer.seek(0)
    token = csrf_token(client, "/library/upload")
    response = client.post(
        "/library/upload",
        data={"trust": "JPUH", "csrf_token": token, "files": (buffer, "library.zip")},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 202
    job_url = response.get_json()["url"]
    status = client.get(job_url + ".json").get_json()
    assert status["phase"] == "done", status
    by_name = {r["path"].rsplit("/", 1)[-1]: r for r in status["results"]}
    assert by_name["falls.md"]["status"] == "ingested"
    assert by_name["broken.pdf"]["status"] == "rejected"
    assert any(
        "escape" in r["reason"] for r in status["results"] if r["status"] == "rejected" and r["reason"]
    )
    with session_factory_of(app)() as session:
        titles = set(session.scalars(select(StoredDocument.title)))
        # the upload's jobs: one parse, one matching, then a comparison of every group it changed
        compared = {g.id for g in active_groups(session) if len(g.members) > 1}
        stored = set(session.scalars(select(GroupReview.group_id)))
        kinds = sorted(session.scalars(select(Job.kind).where(Job.upload_id == job_url.rsplit("/", 1)[1])))
        phases = set(session.scalars(select(Job.phase)))
        left = session.scalars(select(UploadFile)).all()
    assert "Falls prevention" in titles
    assert compared and compared <= stored
    assert kinds.count("parse") == 1 and kinds.count("match") == 1 and "compare" in kinds
    assert phases == {"done"}
    assert left == []  # the uploaded bytes are gone once parsed


def test_an_upload_whose_process_is_gone_shows_as_interrupted(app, sign_in):
    client = sign_in("lead.jpuh")
    with session_factory_of(app)() as session, session.begin():  # an upload from before the task queue
        trust_id = session.scalar(select(StoredDocument.trust_id).limit(1)) or 1
        job = UploadJob(id="legacy", trust_id=trust_id, actor="lead.jpuh", message="")
        session.add(job)
        job.phase, job.total, job.done = "parsing", 5, 2
        job.results = [{"path": "a.docx", "status": "ingested"}, {"path": "b.pdf", "status": "ingested"}]
        job.runner = dead_process_identity()
        job_id = job.id
    status = client.get(f"/library/uploads/{job_id}.json").get_json()
    assert status["phase"] == "interrupted" and status["finished"] is True
    assert "upload the others again" in status["message"]
    html = client.get(f"/library/uploads/{job_id}").get_data(as_text=True)
    assert "Interrupted: 2 of 5 files" in html and "The server restarted" in html


def test_lead_corrects_own_trusts_metadata_and_the_old_value_is_kept(app, sign_in, docs):
    from converge.store.models import MetadataEdit

    client = sign_in("lead.jpuh")
    path = f"/library/documents/{docs['JPUH']}/edit"
    token = csrf_token(client, path)
    form = {
        "csrf_token": token,
        "title": "Sepsis in adults",
        "review_date": "2028-01-31",
        "specialty": "Acute Medicine",
        "reason": "ratified again in January",
    }
    response = client.post(path, data=form)
    assert response.status_code == 302
    with session_factory_of(app)() as session:
        row = session.get(StoredDocument, docs["JPUH"])
        assert row.review_date == "2028-01-31" and row.meta["review_date"] == "2028-01-31"
        (edit,) = session.scalars(select(MetadataEdit)).all()
        assert (edit.field, edit.old_value, edit.new_value, edit.actor) == (
            "review_date",
            "2020-01-01",
            "2028-01-31",
            "lead.jpuh",
        )
    page = client.get(f"/library/documents/{docs['JPUH']}").get_data(as_text=True)
    assert "ratified again in January" in page


def test_lead_cannot_edit_another_trusts_document_and_bad_dates_are_refused(app, sign_in, docs):
    client = sign_in("lead.jpuh")
    assert client.get(f"/library/documents/{docs['NNUH']}/edit").status_code == 403
    token = csrf_token(client, f"/library/documents/{docs['JPUH']}/edit")
    form = {
        "csrf_token": token,
        "title": "Sepsis in adults",
        "review_date": "31/06/2027",
        "reason": "new sheet",
    }
    response = client.post(f"/library/documents/{docs['JPUH']}/edit", data=form)
    html = response.get_data(as_text=True)
    # Shown again on the form: the summary, the message by the field, and what was typed.
    assert response.status_code == 400 and "must be a real date" in html and "There is a problem" in html
    assert 'value="31/06/2027"' in html and 'href="#review_date"' in html and "new sheet" in html
    ok = client.post(f"/library/documents/{docs['JPUH']}/edit", data={**form, "review_date": "31/01/2028"})
    assert ok.status_code == 302
    with session_factory_of(app)() as session:
        assert session.get(StoredDocument, docs["JPUH"]).review_date == "2028-01-31"  # stored as ISO
    viewer = sign_in("viewer")
    assert viewer.get(f"/library/documents/{docs['JPUH']}/edit").status_code == 403


def test_lead_confirms_a_possible_version_and_reverses_it_on_the_document_page(app, sign_in):
    from converge.store.models import MetadataEdit, PossibleVersion
    from converge.workflow.library import get_or_create_trust, store_document
    from tests.web.conftest import make_doc

    with session_factory_of(app)() as session, session.begin():
        trust = get_or_create_trust(session, "JPUH")
        old = make_doc("JPUH", "Falls prevention", "Assess every patient over 65 on admission.", sha="a" * 64)
        new = make_doc(
            "JPUH", "Falls prevention", "Use bed rails only after a risk assessment.", sha="b" * 64
        )
        store_document(session, trust, old, None)
        store_document(session, trust, new, None)
    viewer = sign_in("viewer")
    page = viewer.get(f"/library/documents/{new.id}").get_data(as_text=True)
    assert "Possible versions" in page and "waiting for a lead" in page and 'value="confirm"' not in page
    with session_factory_of(app)() as session:
        pair = session.scalars(select(PossibleVersion)).one()
    other = sign_in("lead.nnuh")
    token = csrf_token(other, f"/library/documents/{new.id}")
    form = {"csrf_token": token, "action": "confirm", "pair": str(pair.id), "current": new.id}
    assert other.post(f"/library/documents/{new.id}/versions", data=form).status_code == 403

    lead = sign_in("lead.jpuh")
    form["csrf_token"] = csrf_token(lead, f"/library/documents/{new.id}")
    form["reason"] = "the 2025 edition"
    assert lead.post(f"/library/documents/{new.id}/versions", data=form).status_code == 302
    with session_factory_of(app)() as session:
        assert session.get(StoredDocument, old.id).superseded_by_id == new.id
    page = lead.get(f"/library/documents/{old.id}").get_data(as_text=True)
    assert "Make current again" in page and "the 2025 edition" in page
    form = {
        "csrf_token": csrf_token(lead, f"/library/documents/{old.id}"),
        "action": "reinstate",
        "reason": "not it",
    }
    assert lead.post(f"/library/documents/{old.id}/versions", data=form).status_code == 302
    with session_factory_of(app)() as session:
        assert session.get(StoredDocument, old.id).status == "current"
        fields = [e.new_value for e in session.scalars(select(MetadataEdit).order_by(MetadataEdit.id))]
        assert fields == [f"superseded by {new.id}", "current"]


def test_upload_progress_never_shows_done_before_its_results(app, sign_in, monkeypatch):
    """The flaky e2e upload ("Done" with no rows): the parse and the matching commit between the page's
    reading of the upload and of its jobs. The results shown must be those of the phase shown."""
    import converge.web.views.library as views
    import converge.workflow.uploads
    from converge.workflow.uploads import upload_progress

    client = sign_in("lead.jpuh")
    with session_factory_of(app)() as session, session.begin():
        trust_id = session.scalar(select(StoredDocument.trust_id).limit(1)) or 1
        session.add(UploadJob(id="racing", trust_id=trust_id, actor="lead.jpuh", total=1, results=[]))
        session.flush()
        session.add(Job(id="parse-1", kind="parse", args={}, upload_id="racing", phase="running"))

    def consumer_finishes_meanwhile(session, upload):  # type: ignore[no-untyped-def]
        if session.get(Job, "match-1") is not None:
            return upload_progress(session, upload)
        with session_factory_of(app)() as other, other.begin():
            row = other.get(UploadJob, "racing")
            row.done, row.results = 1, [{"path": "a.docx", "status": "ingested", "outcome": "Added"}]
            other.get(Job, "parse-1").phase = "done"
            other.flush()
            other.add(Job(id="match-1", kind="match", args={}, upload_id="racing", phase="done"))
        return upload_progress(session, upload)

    monkeypatch.setattr(views, "upload_progress", consumer_finishes_meanwhile)
    monkeypatch.setattr(converge.workflow.uploads, "upload_progress", consumer_finishes_meanwhile)
    status = client.get("/library/uploads/racing.json").get_json()
    assert status["phase"] == "done" and status["finished"] is True
    assert status["done"] == 1 and [r["path"] for r in status["results"]] == ["a.docx"]


def test_a_snapshot_of_a_web_page_says_so_and_its_lead_can_clear_it(app, sign_in):
    # The page a snapshot copies is shown (escaped: it came from the file) with why matching keeps it
    # apart; the lead clears "captured from" and the stored structure, what matching reads, follows.
    from converge.workflow.library import get_or_create_trust, store_document
    from tests.web.conftest import make_doc

    hostile = 'https://example.org/"><script>alert(3)</script>'
    with session_factory_of(app)() as session, session.begin():
        trust = get_or_create_trust(session, "JPUH")
        doc = make_doc("JPUH", "Ankle sprain", "Rest and ice.", sha="e" * 64, captured_from=hostile)
        store_document(session, trust, doc, None)
    client = sign_in("lead.jpuh")
    html = client.get(f"/library/documents/{doc.id}").get_data(as_text=True)
    assert "snapshot of a web page" in html and "<script>alert(3)" not in html and "&lt;script&gt;" in html
    path = f"/library/documents/{doc.id}/edit"
    assert 'name="captured_from"' in client.get(path).get_data(as_text=True)
    form = {"csrf_token": csrf_token(client, path), "captured_from": "", "reason": "our own leaflet"}
    assert client.post(path, data=form).status_code == 302
    with session_factory_of(app)() as session:
        row = session.get(StoredDocument, doc.id)
        assert "captured_from" not in row.meta and "captured_from" not in row.structure["meta"]
    assert "snapshot of a web page" not in client.get(f"/library/documents/{doc.id}").get_data(as_text=True)
