"""Front-sheet metadata: label synonyms, ISO dates, document types, control-block detection."""

from __future__ import annotations

import pytest

from converge.core.model import Block, BlockKind
from converge.core.parsers.metadata import (
    document_type_from,
    extract_metadata,
    is_control_block,
    label_key,
    normalise_date,
)


def table(*rows: tuple[str, ...]) -> Block:
    return Block(kind=BlockKind.TABLE, text="", rows=tuple(rows))


def para(text: str) -> Block:
    return Block(kind=BlockKind.PARAGRAPH, text=text)


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("12/03/2024", "2024-03-12"),
        ("12.03.24", "2024-03-12"),
        ("12-03-2024", "2024-03-12"),
        ("12 March 2024", "2024-03-12"),
        ("12th Mar 2024", "2024-03-12"),
        ("March 12, 2024", "2024-03-12"),
        ("March 2024", "2024-03"),
        ("Sept 2025", "2025-09"),
        ("03/2024", "2024-03"),
        ("2024-03-12", "2024-03-12"),
        ("2027", "2027"),
        ("Approved 01/02/2023 by board", "2023-02-01"),
    ],
)
def test_dates_become_iso(raw, iso):
    assert normalise_date(raw) == iso


@pytest.mark.parametrize(
    "raw",
    ["31/02/2024", "3 years from approval", "TBC", "", "01/03/2025 (extended to 01/09/2025)", "13/13/2024"],
)
def test_unparseable_or_ambiguous_dates_are_left_out(raw):
    assert normalise_date(raw) is None


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("Reference No.", "reference"),
        ("Document ref:", "reference"),
        ("Ref:", "reference"),
        ("Ratified by", "ratified_by"),
        ("Approving committee", "approved_by"),
        ("Date of next review", "review_date"),
        ("Review due", "review_date"),
        ("Expiry date", "review_date"),
        ("Target audience", "audience"),
        ("Applies to", "audience"),
        ("Document type", "document_type"),
        ("Category", "document_type"),
        ("Author(s)", "author"),
        ("Author (name and job title)", "author"),
        ("Executive lead", "owner"),
        ("Version number", "version"),
        ("Key words", "keywords"),
        ("Speciality", "specialty"),
        ("Supersedes", "supersedes"),
        ("Title of document", "title"),
        ("Introduction", None),
        ("Dose", None),
    ],
)
def test_label_synonyms(label, key):
    assert label_key(label) == key


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Clinical Guideline", "guideline"),
        ("Standard Operating Procedure for blood cultures", "sop"),
        ("Patient Group Direction: flu vaccine", "pgd"),
        ("Sepsis Care Bundle", "care bundle"),
        ("Policy and Procedure for Restraint", "policy"),
        ("Chest pain pathway", "pathway"),
        ("WHO surgical safety checklist", "checklist"),
        ("Gentamicin dosing protocol", "protocol"),
        ("Something else", None),
    ],
)
def test_document_types_are_normalised(text, kind):
    assert document_type_from(text) == kind


def test_label_value_table_and_lines():
    meta = extract_metadata(
        [
            table(
                ("Title", "Falls Prevention"),
                ("Ref:", "NNUH-123", "Version", "v2.3"),
                ("Status", "Final"),
                ("Ratified by", "Quality and Safety Committee"),
                ("Date ratified", "1st June 2023"),
                ("Review due", "June 2026"),
                ("Supersedes", "N/A"),
                ("Category", "Trust-wide Policy"),
            ),
            para("Applies to: All staff\nSpecialty: Elderly care"),
            para("Date issued 12.03.24"),
        ]
    )
    assert meta == {
        "title": "Falls Prevention",
        "reference": "NNUH-123",
        "version": "2.3",
        "status": "Final",
        "ratified_by": "Quality and Safety Committee",
        "date_approved": "2023-06-01",
        "review_date": "2026-06",
        "document_type": "policy",
        "audience": "All staff",
        "specialty": "Elderly care",
        "date_issued": "2024-03-12",
    }


def test_header_row_with_one_value_row():
    meta = extract_metadata([table(("Reference", "Version", "Review date"), ("QEH-9", "3", "01/01/2026"))])
    assert meta == {"reference": "QEH-9", "version": "3", "review_date": "2026-01-01"}


def test_version_history_is_not_read_as_current_values():
    history = table(
        ("Version", "Date", "Author", "Changes"), ("1.0", "2019", "AB", "New"), ("2.0", "2022", "CD", "x")
    )
    assert extract_metadata([history]) == {}
    assert is_control_block(history)


def test_unparseable_date_is_left_out_and_title_gives_type():
    meta = extract_metadata(
        [table(("Title", "Adult Sepsis Guideline"), ("Review date", "Three years from approval"))]
    )
    assert meta == {"title": "Adult Sepsis Guideline", "document_type": "guideline"}


def test_first_value_wins_and_first_n_limits_the_search():
    blocks = [para("Version: 1.0"), para("Version: 9.9")] + [para("text")] * 5 + [para("Author: Late")]
    assert extract_metadata(blocks, first_n=5) == {"version": "1.0"}


def test_control_block_detection():
    assert is_control_block(table(("Document title", "X"), ("Version", "1"), ("Author", "Y")))
    assert is_control_block(para("Review date: 01/01/2026"))
    assert is_control_block(para("Uncontrolled when printed"))
    assert is_control_block(para("Version: 4\nAuthor: Sepsis lead"))
    assert not is_control_block(para("Version: 4\nGive 500 mg amoxicillin."))
    assert not is_control_block(table(("Drug", "Dose", "Route"), ("Amoxicillin", "500 mg", "Oral")))
    assert not is_control_block(table(("Type", "Action"), ("Mild", "Observe"), ("Severe", "Call")))
    assert not is_control_block(para("Give 500 mg amoxicillin three times daily."))
    assert not is_control_block(para("Version control is the responsibility of the author."))
