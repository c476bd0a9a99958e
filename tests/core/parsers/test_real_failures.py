"""Each failure seen on real trust libraries, reproduced on a small document written here.

Boilerplate taken for a title, a page tree that trips the PDF reader, a page that fails, glyph codes with
no Unicode map, and a web page saved with a .pdf name.
"""

from __future__ import annotations

import pytest
from tests.core.parsers.pdfbuild import Text, build_pdf

from converge.core.errors import UnsupportedFormat
from converge.core.parsers import parse_bytes, parse_file
from converge.core.parsers.pdf import reading as pdf_reading
from converge.core.parsers.titles import choose_title, title_from_file_name, why_not_title

BODY = [
    Text("Screen every adult with a NEWS2 score of five or more for sepsis within one hour.", 11, 72, 600),
    Text("Take blood cultures before the first dose of antibiotics and measure the lactate.", 11, 72, 585),
]


def parse(data: bytes, name: str = "library/0042_sepsis_guideline_ocr.pdf"):  # type: ignore[no-untyped-def]
    return parse_bytes(data, trust="JPUH", path=name)


@pytest.mark.parametrize(
    "line",
    [
        "TRUST CLINICAL GUIDELINE",
        "Index",
        "Contents",
        "Version history",
        "Guideline Title",
        "Please note, IF DOCUMENT IS PRINTED, IT MAY BECOME OUT OF DATE",
        "The interpretation and application of clinical guidelines will remain the responsibility of staff",
        "Northshire Teaching Hospitals NHS Foundation Trust",
        "Uncontrolled when printed",
        "Forenames",
        "Hospital No.",
        "Page 1 of 4",
        "March 2025",
        "https://intranet.example.nhs.uk/uploads/2021-6166eb7a",
    ],
)
def test_boilerplate_and_furniture_are_never_a_title(line: str) -> None:
    assert why_not_title(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        "Sepsis: recognition, diagnosis and early management",
        "Management of Hyperkalaemia in Adults",
        "Escalation",
        "ADULT CHEST DRAIN INSERTION RECORD",
        "Ankle sprain - aftercare",
        # Words that begin like a month name are not dates.
        "Sepsis",
        "Decision making in the ED",
        "Marfan syndrome",
    ],
)
def test_real_titles_pass(line: str) -> None:
    assert why_not_title(line) is None


def test_boilerplate_first_line_in_large_type_is_passed_over_for_the_title() -> None:
    data = build_pdf(
        [
            [
                Text("TRUST CLINICAL GUIDELINE", 22, 72, 790),
                Text("Please note, IF DOCUMENT IS PRINTED, IT MAY BECOME OUT OF DATE", 16, 72, 760),
                Text("Recognition of Sepsis in Adults", 18, 72, 720),
                *BODY,
            ]
        ]
    )
    doc = parse(data)
    assert doc.title == "Recognition of Sepsis in Adults"
    assert doc.meta["title_source"] == "large font"


def test_a_document_of_only_boilerplate_is_named_from_its_file_tidied() -> None:
    data = build_pdf([[Text("TRUST CLINICAL GUIDELINE", 22, 72, 790), *BODY]])
    doc = parse(data, "library/07_Sepsis_Screening_(Sepsis : NEWS2 : Lactate)_ocr.pdf")
    assert doc.title == "Sepsis Screening"
    assert doc.meta["title_source"] == "file name"


def test_two_documents_with_the_same_first_line_get_their_own_titles() -> None:
    banner = Text("TRUST CLINICAL GUIDELINE", 20, 72, 790)
    a = parse(build_pdf([[banner, Text("Sepsis in Adults", 18, 72, 740), *BODY]]), "a.pdf")
    b = parse(build_pdf([[banner, Text("Epidural Analgesia on the Ward", 18, 72, 740), *BODY]]), "b.pdf")
    assert (a.title, b.title) == ("Sepsis in Adults", "Epidural Analgesia on the Ward")


def test_pdf_metadata_title_is_used_unless_it_is_a_file_name_or_address() -> None:
    page = [Text("Introduction", 12, 72, 760), *BODY]
    named = parse(build_pdf([page], info_title="Sepsis: recognition and early management"))
    assert named.title == "Sepsis: recognition and early management"
    assert named.meta["title_source"] == "file properties"
    junk = parse(
        build_pdf([page], info_title="https:/intranet.example.nhs.uk/uploads/2021-61.pdf"), "x/Sepsis.pdf"
    )
    assert junk.title == "Sepsis"


def test_page_tree_with_a_broken_kid_is_read_from_its_page_objects() -> None:
    data = build_pdf([[Text("Sepsis in Adults", 18, 72, 760), *BODY]], broken_kid=True)
    doc = parse(data)
    assert doc.title == "Sepsis in Adults" and "NEWS2" in doc.body_text()


def test_page_with_a_malformed_mediabox_is_repaired_not_fatal() -> None:
    """pdfplumber indexes a two-number MediaBox: "list index out of range" lost the whole file."""
    data = build_pdf(
        [[Text("Sepsis in Adults", 18, 72, 760), *BODY], [Text("Escalate to outreach.", 11, 72, 700)]],
        bad_mediabox_on=2,
    )
    doc = parse(data)
    assert "Escalate to outreach" in doc.body_text() and doc.source.pages == 2


def test_a_page_that_fails_is_skipped_and_named(monkeypatch: pytest.MonkeyPatch) -> None:
    read_page = pdf_reading._read_page

    def failing(page, cover=False):  # type: ignore[no-untyped-def]
        if page.page_number == 2:
            raise IndexError("list index out of range")
        return read_page(page, cover)

    monkeypatch.setattr(pdf_reading, "_read_page", failing)
    pages = [[Text("Sepsis in Adults", 18, 72, 760), *BODY], [Text("Lost page", 11, 72, 700)], BODY]
    doc = parse(build_pdf(pages))
    assert doc.meta["pages_unreadable"] == "2"
    assert doc.source.pages == 3 and "Lost page" not in doc.body_text() and "NEWS2" in doc.body_text()


def test_glyph_codes_without_a_unicode_map_are_read_as_text_and_flagged() -> None:
    data = build_pdf([[Text("Sepsis in Adults", 18, 72, 760), *BODY]], cid_font=True)
    doc = parse(data)
    assert doc.title == "Sepsis in Adults"
    assert "(cid:" not in doc.body_text() and "NEWS2 score of five" in doc.body_text()
    assert doc.meta["text_quality"] == "glyph codes mapped to text"


def test_glyph_codes_in_a_ruled_table_are_read_as_text() -> None:
    # Pages drawn as one big form box put every line in a table: its cells need the same reading.
    xs, ys = (60, 250, 540), (300, 330, 360)
    grid = tuple((x, ys[0], x, ys[-1]) for x in xs) + tuple((xs[0], y, xs[-1], y) for y in ys)
    cells = [Text("Dose", 11, 70, 340), Text("Give 5 mg", 11, 260, 340)]
    cells += [Text("Route", 11, 70, 310), Text("Oral", 11, 260, 310)]
    data = build_pdf([[Text("Sepsis in Adults", 18, 72, 760), *BODY, *cells]], cid_font=True, rules=grid)
    doc = parse(data)
    text = doc.body_text()
    assert "(cid:" not in text, text
    assert "Give 5 mg" in text and "Route" in text


def test_blank_pages_do_not_make_a_pdf_unreadable() -> None:
    doc = parse(build_pdf([[Text("Sepsis in Adults", 18, 72, 760), *BODY], [], []]))
    assert "2 of 3 pages without text" in doc.meta["text_quality"]


def test_web_page_saved_as_pdf_is_refused_with_a_clear_reason() -> None:
    html = b"<!DOCTYPE html><html lang='en-GB'><head><title>Guide</title></head><body>Hi</body></html>"
    with pytest.raises(UnsupportedFormat, match="web page \\(HTML\\) saved with a .pdf extension"):
        parse(html, "guide.pdf")


def test_file_name_titles_are_tidied() -> None:
    assert title_from_file_name("MWL/Adult Head Injury (Minor)_ocr.pdf") == "Adult Head Injury (Minor)"
    assert title_from_file_name("MWL/Bells Palsy - (Facial Paralysis)_ocr.pdf") == "Bells Palsy"
    assert title_from_file_name("NZ/Handover_in_the_ED[1].pdf") == "Handover in the ED"
    assert (
        title_from_file_name("x/25_AAOS_Foot_Ankle_Conditioning_Program.pdf")
        == "AAOS Foot Ankle Conditioning Program"
    )
    assert title_from_file_name("Prescribing-of-Insulin-Needles.pdf") == "Prescribing of Insulin Needles"
    assert choose_title([], "a/Index.pdf")[1] == "file name"


def test_front_sheet_in_two_columns_with_a_value_over_two_lines() -> None:
    """A borderless control table: labels in one column, values in the next, a value wrapping below."""
    rows = [
        ("Document status", "Approved"),
        ("Document number", "PD0496"),
        ("Approving body", "Obstetrics Clinical Governance Group"),
        ("Date approved", "29/01/2025"),
        ("Review date", "31/01/2028"),
        ("Accountable Director", "Director of Nursing"),
        ("Policy Author", "Consultant Obstetrician (North) and"),
    ]
    lines = [Text("Guideline for the Management of Chickenpox in Pregnancy", 18, 72, 790)]
    for n, (label, value) in enumerate(rows):
        lines += [Text(label, 10, 72, 700 - 22 * n), Text(value, 10, 250, 700 - 22 * n)]
    lines += [Text("Consultant Obstetrician (South)", 10, 250, 700 - 22 * len(rows) + 12)]
    doc = parse(build_pdf([lines, BODY]))
    assert doc.title == "Guideline for the Management of Chickenpox in Pregnancy"
    meta = doc.meta
    assert (meta["status"], meta["reference"], meta["date_approved"], meta["review_date"]) == (
        "Approved",
        "PD0496",
        "2025-01-29",
        "2028-01-31",
    )
    assert meta["approved_by"] == "Obstetrics Clinical Governance Group"
    assert meta["owner"] == "Director of Nursing"
    assert meta["author"] == "Consultant Obstetrician (North) and Consultant Obstetrician (South)"


def test_a_cover_date_in_display_type_is_not_the_title() -> None:
    data = build_pdf(
        [
            [
                Text("Diagnosis of Thoracic Aortic Dissection", 26, 72, 500),
                Text("January", 30, 72, 120),
                Text("2024", 30, 72, 80),
                *BODY,
            ]
        ]
    )
    assert parse(data).title == "Diagnosis of Thoracic Aortic Dissection"


def test_a_markdown_document_is_titled_by_its_first_heading(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "good.md"
    path.write_text("# Sepsis\n\n## Purpose\n\nScreen adults with NEWS2 of 5 or more.\n")
    doc = parse_file(path, "JPUH")
    assert doc.title == "Sepsis" and doc.meta["title_source"] != "file name"


def test_a_kind_line_under_the_title_in_larger_type_is_not_the_title() -> None:
    data = build_pdf(
        [
            [
                Text("MANAGEMENT OF A PATIENT FOLLOWING", 16, 60, 740),
                Text("AN INPATIENT FALL", 16, 60, 720),
                Text("Procedure - Nursing and Patient Safety", 11, 300, 695),
                Text("1. Purpose", 11, 60, 640),
                Text("This procedure sets out what staff do after a patient falls on the ward.", 11, 60, 620),
            ]
        ]
    )
    doc = parse_bytes(data, trust="QEH", path="fall.pdf")
    assert doc.title == "MANAGEMENT OF A PATIENT FOLLOWING AN INPATIENT FALL"


def _turned_flowchart(turn: int) -> bytes:
    """A landscape flowchart drawn on a portrait page: every line turned a quarter. In the turned frame
    the title is at the top in larger type and two boxes' text follows."""

    # A point (x, y) of the landscape frame (842 x 595) on the portrait page (595 x 842).
    def at(x: float, y: float) -> tuple[float, float]:
        return (595 - y, x) if turn == 90 else (y, 842 - x)

    lines = [("Suspected Spinal Cord Compression Pathway", 20, 60, 540)] + [
        (b.text, b.size, b.x, b.y - 80) for b in BODY
    ]
    return build_pdf([[Text(t, s, *at(x, y), turn=turn) for t, s, x, y in lines]])


@pytest.mark.parametrize("turn", [90, 270])
def test_a_page_turned_a_quarter_is_read_upright(turn: int) -> None:
    # Real failure: landscape flowcharts set on portrait pages came out as single letters ("r", ") y"),
    # so the title fell back to the file name or to a fragment such as "ssess".
    doc = parse(_turned_flowchart(turn), "library/Brain_pathway_ocr.pdf")
    assert doc.title == "Suspected Spinal Cord Compression Pathway"
    assert doc.meta["title_source"] == "large font"
    text = " ".join(b.text for b in doc.blocks())
    assert "Take blood cultures before the first dose of antibiotics" in text


def test_turned_side_label_is_read_as_words_after_the_upright_page() -> None:
    data = build_pdf(
        [
            [
                Text("Sepsis Screening Tool", 22, 72, 760),
                *BODY,
                Text("Escalate to the outreach team", 9, 40, 200, turn=90),
            ]
        ]
    )
    doc = parse(data)
    assert doc.title == "Sepsis Screening Tool"
    text = " ".join(b.text for b in doc.blocks())
    assert "Escalate to the outreach team" in text
    assert text.index("Take blood cultures") < text.index("Escalate to the outreach team")


def test_a_folded_leaflets_cover_title_below_mid_height_beats_a_smaller_panel_heading() -> None:
    # Real failure: a tri-fold leaflet (landscape) whose cover panel centres "Patient Guide to Renal
    # Colic Management" below mid-height lost to a smaller "Emergency Department (A&E)" in another panel.
    data = build_pdf(
        [
            [
                Text("Useful contacts", 13, 40, 520),
                Text("Northshire Urgent Care Centre", 10, 40, 500),
                Text("Patient Guide to Renal Colic", 18, 600, 270),
                Text("Management at Home", 18, 600, 248),
                Text("Drink plenty of water and take pain relief as advised by the doctor.", 9, 40, 300),
                Text("Come back to the department if you have a fever or cannot pass urine.", 9, 40, 285),
            ]
        ],
        landscape=True,
    )
    assert parse(data).title == "Patient Guide to Renal Colic Management at Home"


def test_on_a_portrait_page_the_top_title_still_beats_a_bigger_slogan_lower_down() -> None:
    data = build_pdf(
        [[Text("Major Haemorrhage Protocol", 18, 72, 780), *BODY, Text("STOP THE BLEED", 30, 72, 200)]]
    )
    assert parse(data).title == "Major Haemorrhage Protocol"


@pytest.mark.parametrize("word", ["ssess", "nagement", "sepsis"])
def test_a_lone_lower_case_word_is_a_fragment_not_a_title(word: str) -> None:
    # Real failure: an OCR'd turned page gave "ssess" (of "Assessing"), which passed as a title.
    assert why_not_title(word) == "fragment"


@pytest.mark.parametrize("title", ["Sepsis", "ANAPHYLAXIS", "Bronchiolitis"])
def test_a_one_word_title_in_capitals_still_passes(title: str) -> None:
    assert why_not_title(title) is None


@pytest.mark.parametrize("title", ["Decision Aid", "Novel Anticoagulants", "Marfan"])
def test_words_that_begin_like_a_month_are_not_dates(title: str) -> None:
    assert why_not_title(title) is None


@pytest.mark.parametrize("line", ["Sept. 2024", "Reviewed: 12th March 2025", "June 2023 v2"])
def test_month_and_number_lines_are_still_dates(line: str) -> None:
    assert why_not_title(line) == "date or number"


def test_on_a_landscape_page_a_bigger_box_in_the_bottom_third_does_not_beat_the_top_title() -> None:
    data = build_pdf(
        [
            [
                Text("Acute Kidney Injury Pathway", 16, 40, 560),
                Text("Check potassium and urine output every four hours on the ward.", 9, 40, 400),
                Text("Stop nephrotoxic medicines and review the fluid balance chart daily.", 9, 40, 385),
                Text("CALL OUTREACH", 26, 500, 90),
            ]
        ],
        landscape=True,
    )
    assert parse(data).title == "Acute Kidney Injury Pathway"
