"""Ingest into the database: idempotence, new versions, bad input reported per file (SQLite, PostgreSQL)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from sqlalchemy import func, select

from converge.core.config import Settings
from converge.store.models import IngestRecord, StoredDocument
from converge.workflow.library import ingest_paths, list_documents


def policy_md(title: str, threshold: str = "5", version: str = "1.0") -> str:
    return (
        f"# {title}\n\nReference: TST-{sum(map(ord, title)) % 1000:03d}\nVersion: {version}\n\n## Purpose\n\n"
        f"Screen adults with a NEWS2 score of {threshold} or more for sepsis.\n\n"
        "## Scope\n\nAll adult wards.\n"
    )


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def statuses(results) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {Path(r.path).name: r.status for r in results}


def test_folder_ingest_is_idempotent(session_factory, settings: Settings, tmp_path: Path) -> None:
    write(tmp_path / "lib" / "sepsis.md", policy_md("Sepsis"))
    write(tmp_path / "lib" / "sub" / "falls.md", policy_md("Falls prevention"))
    first = ingest_paths(session_factory, "JPUH", [tmp_path / "lib"], settings)
    assert statuses(first) == {"sepsis.md": "ingested", "falls.md": "ingested"}
    second = ingest_paths(session_factory, "JPUH", [tmp_path / "lib"], settings)
    assert statuses(second) == {"sepsis.md": "unchanged", "falls.md": "unchanged"}
    with session_factory() as session:
        assert session.scalar(select(func.count(StoredDocument.id))) == 2
        assert session.scalar(select(func.count(IngestRecord.id))) == 4


def test_same_bytes_at_another_trust_is_a_separate_document(session_factory, settings, tmp_path) -> None:
    f = write(tmp_path / "sepsis.md", policy_md("Sepsis"))
    ingest_paths(session_factory, "JPUH", [f], settings)
    results = ingest_paths(session_factory, "QEH", [f], settings)
    assert results[0].status == "ingested" and results[0].document_id.startswith("QEH:")


def test_new_version_supersedes_old_and_keeps_it(session_factory, settings, tmp_path) -> None:
    old = write(tmp_path / "v1" / "sepsis.md", policy_md("Sepsis", "7", version="1.0"))
    new = write(tmp_path / "v2" / "sepsis.md", policy_md("Sepsis", "5", version="2.0"))
    (r1,) = ingest_paths(session_factory, "JPUH", [old], settings)
    (r2,) = ingest_paths(session_factory, "JPUH", [new], settings)
    assert r2.status == "superseded" and r2.supersedes == r1.document_id
    with session_factory() as session:
        rows = {r.id: r for r in list_documents(session, "JPUH")}
        assert rows[r1.document_id].status == "superseded"
        assert rows[r1.document_id].superseded_by_id == r2.document_id
        assert rows[r2.document_id].status == "current"


def test_older_version_arriving_later_is_kept_as_history(session_factory, settings, tmp_path) -> None:
    new = write(tmp_path / "v2" / "sepsis.md", policy_md("Sepsis", "5", version="3.1"))
    old = write(tmp_path / "v1" / "sepsis.md", policy_md("Sepsis", "7", version="2.0"))
    (r_new,) = ingest_paths(session_factory, "JPUH", [new], settings)
    (r_old,) = ingest_paths(session_factory, "JPUH", [old], settings)
    assert r_old.status == "superseded" and r_old.superseded_by == r_new.document_id
    with session_factory() as session:
        current = list_documents(session, "JPUH", include_superseded=False)
        assert [d.id for d in current] == [r_new.document_id]


def test_bad_files_are_rejected_one_by_one_and_the_batch_goes_on(session_factory, tmp_path) -> None:
    settings = Settings(database_url="unused", workers=1, max_file_bytes=50_000)
    lib = tmp_path / "lib"
    write(lib / "good.md", policy_md("Good"))
    write(lib / "empty.docx", b"")
    write(lib / "corrupt.docx", b"PK\x03\x04 this is not a real zip at all")
    write(lib / "truncated.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog")
    write(lib / "huge.md", "# Huge\n\n" + "x" * 60_000)
    write(lib / "picture.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    write(lib / "~$lockfile.docx", b"lock")
    results = ingest_paths(session_factory, "NNUH", [lib, tmp_path / "missing.docx"], settings)
    by_name = {Path(r.path).name: r for r in results}
    assert by_name["good.md"].status == "ingested"
    assert "~$lockfile.docx" not in by_name  # Word's lock files are not documents
    for name in ("empty.docx", "corrupt.docx", "truncated.pdf", "huge.md", "picture.png", "missing.docx"):
        assert by_name[name].status == "rejected", name
        assert by_name[name].reason and "\n" not in by_name[name].reason
    assert "too large" in by_name["huge.md"].reason
    with session_factory() as session:
        assert session.scalar(select(func.count(StoredDocument.id))) == 1


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def test_zip_archive_members_are_checked(session_factory, settings, tmp_path) -> None:
    bomb = b"0" * (3 * 1024 * 1024)  # compresses over 1000x
    inner = _zip({"a.md": policy_md("Inner").encode()})
    archive = write(
        tmp_path / "library.zip",
        _zip(
            {
                "policies/sepsis.md": policy_md("Sepsis").encode(),
                "../../etc/evil.md": b"# evil",
                "/abs/evil.md": b"# evil",
                "bomb.md": bomb,
                "nested.zip": inner,
                "__MACOSX/._sepsis.md": b"junk",
            }
        ),
    )
    results = ingest_paths(session_factory, "QEH", [archive], settings)
    by_path = {r.path: r for r in results}
    assert by_path[f"{archive}/policies/sepsis.md"].status == "ingested"
    rejected = {p: r.reason for p, r in by_path.items() if r.status == "rejected"}
    assert any("escape" in reason for reason in rejected.values())
    assert sum("escape" in reason for reason in rejected.values()) == 2
    assert any("zip bomb" in reason for reason in rejected.values())
    assert any("nested zip" in reason for reason in rejected.values())
    assert not any("__MACOSX" in p for p in by_path)


def test_encrypted_zip_member_is_rejected(session_factory, settings, tmp_path) -> None:
    data = bytearray(_zip({"secret.md": b"# x"}))
    # Set the "encrypted" flag bit in the local and central headers, as a password-protected archive has.
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.index(signature) + flag_offset
        data[at] |= 0x1
    archive = write(tmp_path / "locked.zip", bytes(data))
    (result,) = ingest_paths(session_factory, "QEH", [archive], settings)
    assert result.status == "rejected" and "encrypted" in result.reason


def test_docx_ingest_stores_structure_and_metadata(session_factory, settings, tmp_path) -> None:
    d = docx.Document()
    table = d.add_table(rows=3, cols=2)
    for row, (label, value) in zip(
        table.rows,
        [("Title", "Blood Transfusion Policy"), ("Reference", "JPUH-CP-014"), ("Review date", "01/02/2027")],
        strict=True,
    ):
        row.cells[0].text, row.cells[1].text = label, value
    d.add_heading("1. Purpose", level=1)
    d.add_paragraph("Every unit must be checked at the bedside by two registered staff.")
    path = tmp_path / "transfusion.docx"
    d.save(path)
    (result,) = ingest_paths(session_factory, "JPUH", [path], settings)
    assert result.status == "ingested", result.reason
    with session_factory() as session:
        row = session.get(StoredDocument, result.document_id)
        assert row.title == "Blood Transfusion Policy"
        assert row.reference == "JPUH-CP-014"
        assert row.review_date == "2027-02-01"
        assert "two registered staff" in row.body_text
        assert "JPUH-CP-014" not in row.body_text  # the control table is furniture, not body
        assert row.original == path.read_bytes()


def test_two_workers_give_the_same_outcomes(session_factory, tmp_path) -> None:
    for n in range(6):
        write(tmp_path / "lib" / f"doc{n}.md", policy_md(f"Topic number {n}", str(n)))
    write(tmp_path / "lib" / "bad.pdf", b"%PDF-1.4 broken")
    settings = Settings(database_url="unused", workers=2)
    results = ingest_paths(session_factory, "JPUH", [tmp_path / "lib"], settings)
    assert sorted(r.status for r in results) == ["ingested"] * 6 + ["rejected"]


def test_day_first_dates_and_dates_that_do_not_exist() -> None:
    from converge.core.errors import ConvergeError
    from converge.workflow.library import parse_day

    assert parse_day("31/03/2027") == "2027-03-31" and parse_day("1/4/2027") == "2027-04-01"
    assert parse_day("2027-03-31") == "2027-03-31" and parse_day("2027-03") == "2027-03"
    for bad in ("31/06/2027", "2027-02-30", "next year", "03/31/2027"):
        with pytest.raises(ConvergeError) as refused:
            parse_day(bad, "review_date")
        assert refused.value.field == "review_date"


def test_an_empty_file_and_its_copy_in_a_zip_are_rejected_with_no_link(
    session_factory, settings, tmp_path
) -> None:
    import zipfile

    empty = tmp_path / "blank.docx"
    empty.write_bytes(b"")
    junk = tmp_path / "x.pdf"
    junk.write_bytes(bytes(range(256)) * 8)
    archive = tmp_path / "set.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("blank.docx", b"")
        z.write(junk, "again/x.pdf")
    results = ingest_paths(session_factory, "JPUH", [empty, junk, archive], settings)
    assert [r.status for r in results] == ["rejected"] * 4
    assert all(r.document_id is None for r in results)  # never a link to a document not stored
    blanks = [r for r in results if r.path.endswith("blank.docx")]
    assert len(blanks) == 2 and all("empty" in r.reason for r in blanks)
    pdfs = [r for r in results if r.path.endswith("x.pdf")]
    assert "not a readable PDF" in pdfs[0].reason and pdfs[1].reason.startswith("same file as")
    assert all(r.to_json()["outcome"] == "Not added" for r in results)
