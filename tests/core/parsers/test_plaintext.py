"""Plain-text and Markdown parser on real files."""

from __future__ import annotations

import pytest

from converge.core.errors import ParseError
from converge.core.model import BlockKind, Layer
from converge.core.parsers import find_parser, parse_bytes, parse_file

MARKDOWN = """\
---
author: Dr A Smith
---
# Sepsis Guideline

Reference No: QEH-CG-12
Review date: 01/04/2027

## 1. Introduction

Sepsis is a **life-threatening** condition
described in [NICE NG51](https://www.nice.org.uk/guidance/ng51).

## 2. Screening

- Take observations
  - Blood pressure
    - Systolic below 90
* Escalate

### 2.1 Antibiotics

| Drug | Dose |
|------|------|
| Amoxicillin | 500 mg |

1. Give within one hour.
2. Record the time.
"""


def test_markdown_structure(tmp_path):
    path = tmp_path / "sepsis.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    doc = parse_file(path, "QEH")
    assert doc.title == "Sepsis Guideline"
    assert doc.source.media_type == "text/markdown" and doc.source.parser == "plaintext@2"
    assert [(p, s.number, s.level) for p, s in doc.walk()] == [
        (("Introduction",), "1", 1),
        (("Screening",), "2", 1),
        (("Screening", "Antibiotics"), "2.1", 2),
    ]
    intro = doc.sections[0].blocks
    assert intro[0].text == "Sepsis is a life-threatening condition described in NICE NG51."
    screening = doc.sections[1].blocks
    assert [(b.kind, b.text, b.depth) for b in screening] == [
        (BlockKind.LIST_ITEM, "Take observations", 0),
        (BlockKind.LIST_ITEM, "Blood pressure", 1),
        (BlockKind.LIST_ITEM, "Systolic below 90", 2),
        (BlockKind.LIST_ITEM, "Escalate", 0),
    ]
    antibiotics = doc.sections[1].children[0].blocks
    assert antibiotics[0].kind == BlockKind.TABLE
    assert antibiotics[0].rows == (("Drug", "Dose"), ("Amoxicillin", "500 mg"))
    assert [b.text for b in antibiotics[1:]] == ["Give within one hour.", "Record the time."]
    assert doc.meta["reference"] == "QEH-CG-12" and doc.meta["review_date"] == "2027-04-01"
    assert doc.meta["document_type"] == "guideline"
    furniture = [b.text for b in doc.preamble if b.layer == Layer.FURNITURE]
    assert furniture == ["author: Dr A Smith", "Reference No: QEH-CG-12", "Review date: 01/04/2027"]


def test_plain_text_numbered_and_caps_headings(tmp_path):
    text = (
        "FALLS PREVENTION POLICY\r\n\r\n1 INTRODUCTION\r\nThis policy applies to all adult wards.\r\n\r\n"
        "4.2 Scope\r\nAll inpatients over 65.\r\n\r\n"
        "4.3 Nurses must complete the assessment within 6 hours.\r\n"
    )
    path = tmp_path / "falls.txt"
    path.write_bytes(text.encode("utf-8"))
    doc = parse_file(path, "JPUH")
    assert doc.headings()[:2] == ["INTRODUCTION", "Scope"]
    assert "4.3 Nurses must complete the assessment within 6 hours." in doc.body_text()
    assert doc.source.media_type == "text/plain"


@pytest.mark.parametrize(
    "data",
    [
        "Caf\u00e9 policy\n\nTreatment \u2013 2\u20134 hours".encode(),
        b"\xef\xbb\xbf" + "Caf\u00e9 policy\n\nTreatment \u2013 2\u20134 hours".encode(),
        "Caf\u00e9 policy\n\nTreatment \u2013 2\u20134 hours".encode("cp1252"),
        "Caf\u00e9 policy\n\nTreatment \u2013 2\u20134 hours".encode("utf-16"),
    ],
    ids=["utf8", "utf8-bom", "cp1252", "utf16-bom"],
)
def test_encodings(data):
    doc = parse_bytes(data, trust="NNUH", path="x.txt")
    assert doc.body_text() == "Caf\u00e9 policy\nTreatment \u2013 2\u20134 hours"


def test_binary_content_is_rejected(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"GIF89a\x00\x01\x02binary")
    with pytest.raises(ParseError, match="binary content"):
        parse_file(path, "QEH")


def test_empty_text_is_rejected():
    with pytest.raises(ParseError, match="no text"):
        parse_bytes(b"\n\n   \n", trust="QEH", path="blank.md")


def test_sniffs_by_extension_but_not_other_formats():
    assert find_parser(b"Hello", ".txt").name == "plaintext"
    assert find_parser(b"# Title", ".md").name == "plaintext"
    assert find_parser(b"PK\x03\x04[Content_Types].xml", ".txt").name == "docx"
