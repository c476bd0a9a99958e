"""A document that says it is a snapshot of a web page: recognised from its own words, address recorded."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.core.parsers.pdfbuild import Text, build_pdf

from converge.core.parsers import parse_bytes, parse_file
from converge.core.parsers.provenance import WEB_PAGE, captured_from


@pytest.mark.parametrize(
    ("front", "page"),
    [
        (
            "Knee pain\nIssuing body: Example Health\nOriginal URL:\nhttps://example.org/knee-pain/\n"
            "Archive note: plain text snapshot of the official information webpage.",
            "https://example.org/knee-pain/",
        ),
        (
            "Knee pain\nSource page: https://example.org/a?b=1\n"
            "This PDF is a local snapshot of the official page, navigation removed.",
            "https://example.org/a?b=1",
        ),
        ("Saved copy of the hospital web page on knee pain, taken in May.", WEB_PAGE),
        ("Knee pain. Web capture of the website https://example.org/k taken 2024.", "https://example.org/k"),
    ],
)
def test_a_note_that_the_document_is_a_snapshot_of_a_web_page_is_read(front: str, page: str) -> None:
    assert captured_from(front) == page


@pytest.mark.parametrize(
    "front",
    [
        "Uncontrolled when printed. Printed copies of this policy are not controlled: see the intranet.",
        "Sepsis policy\nhttps://intranet.example.nhs.uk/policies/sepsis\nPage 1 of 12",
        "Further information is on our website https://www.example.nhs.uk/ankle (leaflets page).",
        "A snapshot audit of the ward in March found ten patients without a fluid chart.",
        "",
    ],
)
def test_a_document_that_says_nothing_of_being_a_snapshot_is_not_one(front: str) -> None:
    assert captured_from(front) is None


def test_a_pdf_with_a_snapshot_cover_records_the_page_it_copies() -> None:
    cover = [
        Text("Knee pain after a fall", 16, 72, 740),
        Text("Original official URL: https://example.org/knee-fall", 10, 72, 700),
        Text("Archive note: text snapshot of the official patient-information webpage.", 10, 72, 685),
    ]
    body = [
        Text("Knee pain after a fall", 16, 72, 740),
        Text("Rest the knee and use ice for twenty minutes every two hours for two days.", 11, 72, 700),
        Text("Come back to the emergency department if you cannot bear weight after a week.", 11, 72, 685),
    ]
    doc = parse_bytes(build_pdf([cover, body]), trust="JPUH", path="leaflets/knee.pdf")
    assert doc.meta["captured_from"] == "https://example.org/knee-fall"
    own = parse_bytes(build_pdf([body]), trust="JPUH", path="leaflets/knee-own.pdf")
    assert "captured_from" not in own.meta


REALDEV = Path(__file__).resolve().parents[3].parent / "shared" / "realdev"
REAL_SNAPSHOT = "CUH/20_Cambridge_NHS_Ankle_Sprain_Discharge_Advice.pdf"
REAL_ORIGINAL = "PAH/01_PAH_NHS_Ankle_Sprain_Patient_Leaflet.pdf"


@pytest.mark.skipif(
    not (REALDEV / REAL_SNAPSHOT).exists() or not (REALDEV / REAL_ORIGINAL).exists(),
    reason="../shared/realdev is not present",
)
def test_a_real_web_page_snapshot_and_a_real_trust_leaflet_on_one_topic() -> None:
    snapshot = parse_file(REALDEV / REAL_SNAPSHOT, "CUH")
    assert snapshot.meta["captured_from"].startswith("https://www.cuh.nhs.uk/")
    assert "captured_from" not in parse_file(REALDEV / REAL_ORIGINAL, "PAH").meta
