"""Versions only on evidence (SQLite and PostgreSQL): a title alone never hides a document as superseded."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from converge.core.errors import ConvergeError
from converge.store.models import MetadataEdit, PossibleVersion, StoredDocument
from converge.workflow.actors import Actor, NotPermitted
from converge.workflow.library import document_json, ingest_paths
from converge.workflow.versions import (
    body_similarity,
    decide_possible,
    newer_by_dates,
    possible_versions,
    reinstate_document,
)

SEPSIS = (
    "Screen every adult with a NEWS2 score of five or more for sepsis within one hour of arrival. "
    "Take blood cultures before the first dose of antibiotics and measure serum lactate. "
    "Give intravenous fluids when the systolic blood pressure is below ninety. "
    "Escalate to the critical care outreach team when lactate stays above four after fluids. "
)
EPIDURAL = (
    "Check the epidural catheter site every four hours for leakage, redness and tenderness. "
    "Record the sensory block height with ice after every bolus and before each top-up. "
    "Stop the infusion and call the anaesthetist when the block rises above the nipple line. "
    "Keep naloxone prescribed for respiratory depression while the infusion runs. "
)


def md(
    title: str, body: str, *, first_line: str | None = None, reference: str = "", version: str = ""
) -> str:
    """A small markdown document; `first_line` stands before the title, as boilerplate on a cover does."""
    lines = [first_line, ""] if first_line else []
    lines += [f"# {title}", ""]
    if reference:
        lines += [f"Reference: {reference}", ""]
    if version:
        lines += [f"Version: {version}", ""]
    lines += [
        "## Guidance",
        "",
        body,
        "",
        "## Monitoring",
        "",
        "Audited each year by the governance team.",
        "",
    ]
    return "\n".join(lines)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def ingest(factory, settings, *paths: Path):  # type: ignore[no-untyped-def]
    return {Path(r.path).name: r for r in ingest_paths(factory, "JPUH", list(paths), settings)}


def test_two_documents_under_one_boilerplate_title_both_stay_current(session_factory, settings, tmp_path):
    """The real failure: every document opened with the same boilerplate line, taken for its title, and a
    sepsis guideline was "superseded" by an epidural one."""
    banner = "TRUST CLINICAL GUIDELINE"
    a = write(tmp_path / "sepsis.md", md("TRUST CLINICAL GUIDELINE", SEPSIS))
    b = write(tmp_path / "epidural.md", md("TRUST CLINICAL GUIDELINE", EPIDURAL, first_line=banner))
    results = ingest(session_factory, settings, a, b)
    assert {r.status for r in results.values()} == {"ingested"}
    with session_factory() as session:
        rows = list(session.scalars(select(StoredDocument)))
        assert [r.status for r in rows] == ["current", "current"]
        # Nothing names either document: the title comes from the file, never from the banner.
        assert {r.title for r in rows} == {"sepsis", "epidural"}
        assert {r.meta["title_source"] for r in rows} == {"file name"}


def test_same_title_different_text_is_a_possible_version_not_a_supersession(
    session_factory, settings, tmp_path
):
    a = write(tmp_path / "a" / "sepsis.md", md("Sepsis in adults", SEPSIS))
    b = write(tmp_path / "b" / "sepsis.md", md("Sepsis in adults", EPIDURAL))
    ingest(session_factory, settings, a)
    results = ingest(session_factory, settings, b)
    assert results["sepsis.md"].status == "ingested"
    with session_factory() as session:
        assert {r.status for r in session.scalars(select(StoredDocument))} == {"current"}
        (pair,) = possible_versions(session)
        assert pair["status"] == "open" and "same title" in pair["reason"]
        row = session.get_one(StoredDocument, results["sepsis.md"].document_id)
        record = document_json(row, [pair])
        assert record["possible_versions"][0]["id"] == pair["older"]


def test_same_title_and_mostly_same_text_supersedes_and_is_audited(session_factory, settings, tmp_path):
    edited = SEPSIS.replace("one hour", "sixty minutes")
    assert body_similarity(SEPSIS, edited) >= 0.5
    a = write(tmp_path / "a" / "sepsis.md", md("Sepsis in adults", SEPSIS, version="1.0"))
    b = write(tmp_path / "b" / "sepsis.md", md("Sepsis in adults", edited, version="2.0"))
    (old,) = ingest(session_factory, settings, a).values()
    (new,) = ingest(session_factory, settings, b).values()
    assert new.status == "superseded" and new.supersedes == old.document_id
    with session_factory() as session:
        (edit,) = session.scalars(select(MetadataEdit)).all()
        assert edit.document_id == old.document_id and edit.new_value == f"superseded by {new.document_id}"
        assert edit.actor == "converge ingest" and "in common" in edit.reason


def test_a_title_shared_by_several_documents_never_supersedes(session_factory, settings, tmp_path):
    files = [
        write(tmp_path / f"{n}" / "doc.md", md("Emergency care", body))
        for n, body in enumerate((SEPSIS, EPIDURAL, SEPSIS + " Also in pregnancy."))
    ]
    for f in files:
        ingest(session_factory, settings, f)
    with session_factory() as session:
        assert {r.status for r in session.scalars(select(StoredDocument))} == {"current"}
        assert len(session.scalars(select(PossibleVersion)).all()) >= 2


def test_same_reference_supersedes_even_when_retitled(session_factory, settings, tmp_path):
    a = write(tmp_path / "a.md", md("Sepsis screening", SEPSIS, reference="CG-0042", version="3"))
    b = write(tmp_path / "b.md", md("Recognition of sepsis", EPIDURAL, reference="CG-0042", version="4"))
    ingest(session_factory, settings, a)
    results = ingest(session_factory, settings, b)
    assert results["b.md"].status == "superseded"


def test_a_lead_confirms_dismisses_and_reverses(session_factory, settings, tmp_path):
    a = write(tmp_path / "a" / "sepsis.md", md("Sepsis in adults", SEPSIS))
    b = write(tmp_path / "b" / "sepsis.md", md("Sepsis in adults", EPIDURAL))
    ingest(session_factory, settings, a)
    ingest(session_factory, settings, b)
    lead = Actor("lead.jpuh", "lead", trust="JPUH")
    other_lead = Actor("lead.qeh", "lead", trust="QEH")
    with session_factory() as session, session.begin():
        (pair,) = session.scalars(select(PossibleVersion)).all()
        with pytest.raises(NotPermitted):
            decide_possible(session, pair.id, "confirm", other_lead)
        decide_possible(session, pair.id, "confirm", lead, "the 2025 edition")
        older = session.get_one(StoredDocument, pair.older_id)
        assert older.status == "superseded" and older.superseded_by_id == pair.newer_id
        with pytest.raises(ConvergeError):
            decide_possible(session, pair.id, "dismiss", lead)
    with session_factory() as session, session.begin():
        with pytest.raises(ConvergeError):
            reinstate_document(session, pair.older_id, lead, "  ")
        reinstate_document(session, pair.older_id, lead, "a different document after all")
    with session_factory() as session:
        older = session.get_one(StoredDocument, pair.older_id)
        assert older.status == "current" and older.superseded_by_id is None
        trail = [
            (e.new_value, e.actor) for e in session.scalars(select(MetadataEdit).order_by(MetadataEdit.id))
        ]
        assert trail == [(f"superseded by {pair.newer_id}", "lead.jpuh"), ("current", "lead.jpuh")]


def test_dismissed_pair_keeps_both_current(session_factory, settings, tmp_path):
    a = write(tmp_path / "a" / "sepsis.md", md("Sepsis in adults", SEPSIS))
    b = write(tmp_path / "b" / "sepsis.md", md("Sepsis in adults", EPIDURAL))
    ingest(session_factory, settings, a)
    ingest(session_factory, settings, b)
    with session_factory() as session, session.begin():
        (pair,) = session.scalars(select(PossibleVersion)).all()
        decide_possible(session, pair.id, "dismiss", Actor("admin", "admin"), "two documents")
    with session_factory() as session:
        assert {r.status for r in session.scalars(select(StoredDocument))} == {"current"}
        assert possible_versions(session)[0]["status"] == "dismissed"


def test_supersessions_are_in_the_audit_log(session_factory, settings, tmp_path):
    from converge.reports.audit import audit_entries

    a = write(tmp_path / "a" / "sepsis.md", md("Sepsis in adults", SEPSIS, version="1"))
    b = write(
        tmp_path / "b" / "sepsis.md", md("Sepsis in adults", SEPSIS + " Review at six hours.", version="2")
    )
    ingest(session_factory, settings, a)
    (new,) = ingest(session_factory, settings, b).values()
    with session_factory() as session, session.begin():
        reinstate_document(session, new.supersedes, Actor("admin", "admin"), "still in use on two wards")
    with session_factory() as session:
        entries = [e for e in audit_entries(session) if e.kind == "version"]
    assert [(e.actor, e.action.split(" → ")[1]) for e in entries] == [
        ("converge ingest", f"superseded by {new.document_id}"),
        ("admin", "current"),
    ]
    assert entries[1].reason == "still in use on two wards" and entries[1].detail == new.supersedes


def test_an_older_edition_ingested_after_the_newer_one_is_the_one_superseded(
    session_factory, settings, tmp_path
):
    # Real failure (RCEM aortic dissection 2024 and 2025): no version numbers or front-sheet dates, and
    # the newer edition arrived first, so arrival order hid the newer one behind the older.
    older = SEPSIS + "Minor update November 2023 by the guideline group. "
    newer = older + "Update November 2024 by the research committee. Published March 2025. "
    assert body_similarity(older, newer) >= 0.5
    a = write(tmp_path / "a" / "sepsis.md", md("Sepsis in adults", newer))
    b = write(tmp_path / "b" / "sepsis.md", md("Sepsis in adults", older))
    (first,) = ingest(session_factory, settings, a).values()
    (second,) = ingest(session_factory, settings, b).values()
    assert second.status == "superseded" and second.superseded_by == first.document_id
    with session_factory() as session:
        assert session.get(StoredDocument, first.document_id).status == "current"


@pytest.mark.parametrize(
    ("new", "old", "expected"),
    [
        ("Update November 2024. Published March 2025", "Minor update November 2023", True),
        ("Reviewed Jan 2019", "Reviewed Sept. 2021", False),
        ("No dates at all", "Updated May 2020", None),
        ("Published March 2025", "Published 3 March 2025", None),
    ],
)
def test_the_latest_date_a_text_names_orders_two_editions(new: str, old: str, expected: bool | None) -> None:
    assert newer_by_dates(new, old) is expected


ADULT_SPRAIN = (
    "Rest the ankle for two days and use ice for twenty minutes every two hours. "
    "Walk as pain allows and start the exercises in this leaflet after forty eight hours. "
)
CHILD_SPRAIN = (
    "Rest your child's ankle for two days and use ice for twenty minutes every two hours. "
    "Your child may walk as pain allows. Bring your child back if the swelling grows. "
)


def test_a_childrens_and_an_adults_leaflet_under_one_title_are_not_versions(
    session_factory, settings, tmp_path
):
    a = write(tmp_path / "a" / "sprain.md", md("Ankle sprain", ADULT_SPRAIN))
    b = write(tmp_path / "b" / "sprain.md", md("Ankle sprain", CHILD_SPRAIN))
    ingest(session_factory, settings, a)
    assert ingest(session_factory, settings, b)["sprain.md"].status == "ingested"
    with session_factory() as session:
        assert {r.status for r in session.scalars(select(StoredDocument))} == {"current"}
        assert possible_versions(session) == []


def test_a_snapshot_of_a_web_page_is_never_a_version_of_the_trusts_own_document(
    session_factory, settings, tmp_path
):
    # The trust's own guideline, then a saved copy of a web page with the same title, reference and words:
    # the copy must not hide the trust's document as superseded, nor be offered as a version of it.
    note = "Archive note: text snapshot of the official webpage https://example.org/sepsis"
    own = write(tmp_path / "a" / "sepsis.md", md("Sepsis in adults", SEPSIS, reference="CG-7"))
    copy = write(tmp_path / "b" / "sepsis.md", md("Sepsis in adults", SEPSIS, reference="CG-7", first_line=note))
    ingest(session_factory, settings, own)
    record = ingest(session_factory, settings, copy)["sepsis.md"]
    assert record.status == "ingested"
    with session_factory() as session:
        rows = session.scalars(select(StoredDocument)).all()
        assert {r.status for r in rows} == {"current"}
        assert sorted(bool(r.meta.get("captured_from")) for r in rows) == [False, True]
        assert possible_versions(session) == []
