"""DOCX parser on real files built with python-docx in tmp_path."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from converge.core.errors import ParseError
from converge.core.model import BlockKind, Document, Layer
from converge.core.parsers import find_parser, parse_bytes, parse_file

TRACK = 'w:author="Reviewer" w:date="2024-01-01T00:00:00Z"'


def parse(path: Path, trust: str = "NNUH") -> Document:
    return parse_file(path, trust)


def outline(doc: Document) -> list[tuple[tuple[str, ...], str | None, int]]:
    return [(path, section.number, section.level) for path, section in doc.walk()]


def section(doc: Document, heading: str):
    for _, sec in doc.walk():
        if sec.heading == heading:
            return sec
    raise AssertionError(f"no section {heading!r} in {doc.headings()}")


def test_builtin_heading_styles_build_the_tree(make_docx):
    doc = parse(
        make_docx(
            [
                ("title", "Sepsis Policy"),
                ("heading", "1. Introduction", 1),
                "Sepsis is a life-threatening condition.",
                ("heading", "2. Procedure", 1),
                ("heading", "2.1 Screening", 2),
                "Screen every patient with NEWS2 of 5 or more.",
                ("heading", "Escalation", 3),
                "Call the outreach team.",
            ]
        )
    )
    assert doc.title == "Sepsis Policy"
    assert outline(doc) == [
        (("Introduction",), "1", 1),
        (("Procedure",), "2", 1),
        (("Procedure", "Screening"), "2.1", 2),
        (("Procedure", "Screening", "Escalation"), None, 3),
    ]
    assert section(doc, "Screening").own_text() == "Screen every patient with NEWS2 of 5 or more."
    block = section(doc, "Escalation").blocks[0]
    assert block.prov is not None and block.prov.page is None and block.prov.style == "Normal"
    # The Title-style line stays in the preamble as body text, not a section.
    assert [b.text for b in doc.preamble] == ["Sepsis Policy"]
    assert doc.meta["document_type"] == "policy"


def test_custom_styles_based_on_headings_and_outline_levels(make_docx):
    doc = parse(
        make_docx(
            [
                ("style", "Trust Heading A", "Purpose", {"based_on": "Heading 1"}),
                "Why this guideline exists.",
                ("style", "Trust Sub", "Background", {"outline": 1}),
                "Some background.",
                ("outline", "Definitions", 1),
                "Words.",
                ("style", "TOC Like", "Not a heading", {"based_on": "Heading 1", "outline": 9}),
            ]
        )
    )
    assert outline(doc) == [
        (("Purpose",), None, 1),
        (("Purpose", "Background"), None, 2),
        (("Purpose", "Definitions"), None, 2),
    ]
    assert section(doc, "Definitions").own_text() == "Words.\nNot a heading"
    assert section(doc, "Purpose").blocks[0].prov.style == "Normal"


def test_numbered_and_bold_lines_are_headings_without_styles(make_docx):
    doc = parse(
        make_docx(
            [
                ("bold", "1 INTRODUCTION"),
                "This policy covers adult inpatients.",
                ("bold", "4.2 Scope"),
                "All wards.",
                "4.3 Staff must record the score in the notes.",
                ("bold", "Responsibilities of the nurse in charge"),
                ("p", "Every patient must be screened within one hour.", {"bold": True}),
                ("bold", "Note: this is important"),
                "PURPOSE OF THE AUDIT",
                "Text under the caps heading.",
            ]
        )
    )
    headings = doc.headings()
    assert headings[:3] == ["INTRODUCTION", "Scope", "Responsibilities of the nurse in charge"]
    assert "PURPOSE OF THE AUDIT" in headings
    # Sentences, bold sentences and label lines stay paragraphs.
    body = doc.body_text()
    for text in (
        "4.3 Staff must record the score in the notes.",
        "Every patient must be screened within one hour.",
        "Note: this is important",
    ):
        assert text in body and text not in headings
    assert section(doc, "Scope").number == "4.2"


def test_bold_sentence_in_a_paragraph_is_not_a_heading(make_docx):
    def mixed(doc):
        para = doc.add_paragraph()
        para.add_run("Warning").bold = True
        para.add_run(" check allergies before giving any antibiotic")

    doc = parse(make_docx([("heading", "Dosing", 1), mixed, ("heading", "Monitoring", 1), "Text."]))
    assert doc.headings() == ["Dosing", "Monitoring"]
    assert section(doc, "Dosing").own_text() == "Warning check allergies before giving any antibiotic"


def test_lists_have_depth(make_docx):
    doc = parse(
        make_docx(
            [
                ("heading", "Steps", 1),
                ("bullet", "Take observations", 0),
                ("bullet", "Blood pressure", 1),
                ("number", "Systolic below 90", 2),
                ("p", "Give oxygen", {"style": "List Bullet"}),
                ("p", "Record the time", {"style": "List Bullet 2"}),
                "\u2022 Typed bullet",
            ]
        )
    )
    blocks = section(doc, "Steps").blocks
    assert [(b.kind, b.text, b.depth) for b in blocks] == [
        (BlockKind.LIST_ITEM, "Take observations", 0),
        (BlockKind.LIST_ITEM, "Blood pressure", 1),
        (BlockKind.LIST_ITEM, "Systolic below 90", 2),
        (BlockKind.LIST_ITEM, "Give oxygen", 0),
        (BlockKind.LIST_ITEM, "Record the time", 1),
        (BlockKind.LIST_ITEM, "Typed bullet", 0),
    ]


def test_tables_interleave_in_order_without_duplicated_merges(make_docx):
    doc = parse(
        make_docx(
            [
                ("heading", "Doses", 1),
                "Before the table.",
                (
                    "table",
                    [["Drug", "", "Route"], ["Amoxicillin", "500 mg", "Oral"], ["Gentamicin", "5 mg/kg", ""]],
                    {"merge": [((0, 0), (0, 1)), ((1, 2), (2, 2))], "nested": {(2, 0): [["Max", "7 days"]]}},
                ),
                "After the table.",
            ]
        )
    )
    blocks = section(doc, "Doses").blocks
    assert [b.kind for b in blocks] == [BlockKind.PARAGRAPH, BlockKind.TABLE, BlockKind.PARAGRAPH]
    table = blocks[1]
    assert table.rows == (
        ("Drug", "", "Route"),
        ("Amoxicillin", "500 mg", "Oral"),
        ("Gentamicin\nMax | 7 days", "5 mg/kg", ""),
    )
    assert table.text.count("Drug") == 1 and table.text.count("Oral") == 1
    assert "Max | 7 days" in table.text
    assert table.layer == Layer.BODY
    assert [b.prov.index for b in blocks] == sorted(b.prov.index for b in blocks)


def test_headers_and_footers_of_every_section_are_furniture(make_docx):
    doc = parse(
        make_docx(
            {
                "header": "Norfolk and Norwich University Hospitals",
                "footer": ["Uncontrolled when printed", "Sepsis Policy v4"],
                "body": [("heading", "Scope", 1), "Adults."],
                "sections": [
                    {
                        "header": "Appendix header",
                        "footer": "Appendix footer",
                        "body": [("heading", "Appendix A", 1), "Flowchart."],
                    }
                ],
            }
        )
    )
    furniture = [b for b in doc.preamble if b.layer == Layer.FURNITURE]
    texts = [b.text for b in furniture]
    for expected in (
        "Norfolk and Norwich University Hospitals",
        "Uncontrolled when printed",
        "Sepsis Policy v4",
        "Appendix header",
        "Appendix footer",
    ):
        assert texts.count(expected) == 1
    assert {b.prov.style for b in furniture} == {"header", "footer"}
    assert "Norfolk and Norwich" not in doc.body_text()


def test_control_table_becomes_metadata_and_furniture(make_docx):
    doc = parse(
        make_docx(
            {
                "core": {"title": "Template for policies"},
                "body": [
                    (
                        "table",
                        [
                            ["Document title", "Management of Sepsis in Adults"],
                            ["Reference No", "CG-0042"],
                            ["Version", "V4.1"],
                            ["Status", "Approved"],
                            ["Author (name and job title)", "Dr A Smith, Consultant"],
                            ["Approving committee", "Clinical Guidelines Group"],
                            ["Date approved", "12/03/2024"],
                            ["Date of next review", "March 2027"],
                            ["Target audience", "All clinical staff"],
                            ["Document type", "Clinical Guideline"],
                        ],
                    ),
                    "Keywords: sepsis, NEWS2, antibiotics",
                    (
                        "table",
                        [
                            ["Version", "Date", "Author", "Changes"],
                            ["4.0", "2021", "AS", "Review"],
                            ["4.1", "2024", "AS", "NEWS2 threshold"],
                        ],
                    ),
                    ("heading", "1. Introduction", 1),
                    "Sepsis kills.",
                ],
            }
        )
    )
    assert doc.title == "Management of Sepsis in Adults"
    assert doc.meta == {
        "title": "Management of Sepsis in Adults",
        "reference": "CG-0042",
        "version": "4.1",
        "status": "Approved",
        "author": "Dr A Smith, Consultant",
        "approved_by": "Clinical Guidelines Group",
        "date_approved": "2024-03-12",
        "review_date": "2027-03",
        "audience": "All clinical staff",
        "document_type": "guideline",
        "keywords": "sepsis, NEWS2, antibiotics",
        "title_source": "front sheet",
        "text_quality": "good",
    }
    assert [b.layer for b in doc.preamble] == [Layer.FURNITURE] * 3
    assert "CG-0042" not in doc.body_text() and "Sepsis kills." in doc.body_text()


def test_title_falls_back_to_core_properties_then_first_heading(make_docx):
    with_core = parse(
        make_docx(
            {"core": {"title": "Falls Prevention Policy"}, "body": [("heading", "Scope", 1), "All wards."]},
            name="a.docx",
        )
    )
    assert with_core.title == "Falls Prevention Policy"
    plain = parse(
        make_docx(
            [
                ("bold", "FALLS PREVENTION GUIDELINE"),
                ("bold", "1. Scope"),
                "All wards.",
                ("bold", "2. Duties"),
                "Nurses.",
            ],
            name="b.docx",
        )
    )
    assert plain.title == "FALLS PREVENTION GUIDELINE"
    assert plain.headings() == ["Scope", "Duties"]


def test_text_box_text_is_kept_once(make_docx):
    box = (
        "<w:p><w:r><w:t>Host paragraph.</w:t></w:r><w:r><mc:AlternateContent>"
        '<mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>'
        "<w:txbxContent><w:p><w:r><w:t>Call the outreach team on bleep 1234</w:t></w:r></w:p></w:txbxContent>"
        "</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r>"
        "<w:t>Call the outreach team on bleep 1234</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape>"
        "</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    doc = parse(make_docx([("heading", "Escalation", 1), ("xml", box)]))
    texts = [b.text for b in section(doc, "Escalation").blocks]
    assert texts == ["Host paragraph.", "Call the outreach team on bleep 1234"]


def test_tracked_changes_fields_and_moves(make_docx):
    xml = (
        f'<w:p><w:r><w:t xml:space="preserve">Give antibiotics within </w:t></w:r>'
        f'<w:del w:id="1" {TRACK}><w:r><w:delText>3 hours</w:delText></w:r></w:del>'
        f'<w:ins w:id="2" {TRACK}><w:r><w:t>1 hour</w:t></w:r></w:ins></w:p>'
        f'<w:p><w:del w:id="3" {TRACK}><w:r>'
        "<w:delText>A whole deleted paragraph.</w:delText></w:r></w:del></w:p>"
        '<w:p><w:r><w:t xml:space="preserve">See </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> HYPERLINK "http://intranet/secret" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>the intranet</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        f'<w:p><w:moveFrom w:id="4" {TRACK}><w:r><w:t>Moved sentence.</w:t></w:r></w:moveFrom></w:p>'
        f'<w:p><w:r><w:t xml:space="preserve">Later: </w:t></w:r>'
        f'<w:moveTo w:id="5" {TRACK}><w:r><w:t>Moved sentence.</w:t></w:r></w:moveTo></w:p>'
    )
    doc = parse(make_docx([("heading", "Treatment", 1), ("xml", xml)]))
    texts = [b.text for b in section(doc, "Treatment").blocks]
    assert texts == ["Give antibiotics within 1 hour", "See the intranet", "Later: Moved sentence."]
    body = doc.body_text()
    assert "3 hours" not in body and "deleted" not in body and "HYPERLINK" not in body


def _add_multilevel_numbering(doc) -> None:
    """A Word outline list "1." / "1.1" (numId 90), as trusts' templates attach to Heading 1/2."""
    from docx.oxml import parse_xml

    xml_ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering = doc.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {xml_ns} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
        "</w:abstractNum>"
    )
    numbering.insert(0, abstract)
    numbering.append(parse_xml(f'<w:num {xml_ns} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))


def test_word_numbered_headings_get_their_printed_number(make_docx):
    spec: list = [_add_multilevel_numbering]
    for text, ilvl in [("Introduction", 0), ("Purpose", 0), ("Aims", 1), ("Objectives", 1), ("Duties", 0)]:
        spec.append(
            (
                "xml",
                f'<w:p><w:pPr><w:pStyle w:val="Heading{ilvl + 1}"/><w:numPr><w:ilvl w:val="{ilvl}"/>'
                f'<w:numId w:val="90"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>',
            )
        )
        spec.append("Body text.")
    doc = parse(make_docx(spec))
    assert outline(doc) == [
        (("Introduction",), "1", 1),
        (("Purpose",), "2", 1),
        (("Purpose", "Aims"), "2.1", 2),
        (("Purpose", "Objectives"), "2.2", 2),
        (("Duties",), "3", 1),
    ]


def test_table_of_contents_is_furniture(make_docx):
    doc = parse(
        make_docx(
            [
                ("heading", "Contents", 1),
                ("style", "toc 1", "Introduction 3"),
                ("heading", "Introduction", 1),
                "Text.",
            ]
        )
    )
    assert doc.headings() == ["Introduction"]
    assert all(b.layer == Layer.FURNITURE for b in doc.preamble)


# ---- rejection ----
def _docx_bytes(make_docx) -> bytes:
    return make_docx([("heading", "Scope", 1), "Adults."]).read_bytes()


def test_not_a_zip_is_rejected_clearly(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"this is not a word document at all")
    with pytest.raises(ParseError, match="corrupt or truncated DOCX"):
        parse(path)


def test_truncated_docx_is_rejected_clearly(make_docx, tmp_path):
    data = _docx_bytes(make_docx)
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ParseError, match="corrupt or truncated DOCX"):
        parse(path)


def test_zip_without_document_is_rejected(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    path = tmp_path / "empty.docx"
    path.write_bytes(buf.getvalue())
    with pytest.raises(ParseError, match="corrupt or truncated DOCX"):
        parse(path)


def test_docx_without_text_is_rejected(make_docx):
    with pytest.raises(ParseError, match="^no text"):
        parse(make_docx(["", ""]))


def test_encrypted_docx_is_rejected(make_docx, tmp_path):
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = make_docx([("heading", "Scope", 1), "Secret adults."])
    out = io.BytesIO()
    with plain.open("rb") as fh:
        OOXMLFile(fh).encrypt("password", out)
    path = tmp_path / "locked.docx"
    path.write_bytes(out.getvalue())
    with pytest.raises(ParseError, match=r"encrypted \(password-protected\) document"):
        parse(path)


def test_docx_named_pdf_is_parsed_by_content(make_docx, tmp_path):
    data = _docx_bytes(make_docx)
    assert find_parser(data[:4096], ".pdf").name == "docx"
    doc = parse_bytes(data, trust="QEH", path="misnamed.pdf")
    assert doc.headings() == ["Scope"]
    assert doc.source.parser == "docx@2"


def test_pdf_named_docx_is_not_claimed_by_docx(make_docx, to_pdf):
    pdf = to_pdf(make_docx([("heading", "Scope", 1), "Adults."]))
    head = pdf.read_bytes()[:4096]
    assert find_parser(head, ".docx").name != "docx"


def test_external_entity_is_not_resolved(make_docx, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    path = make_docx([("heading", "Scope", 1), "Adults."])
    with zipfile.ZipFile(path) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    xml = members["word/document.xml"].decode("utf-8")
    decl_end = xml.index("?>") + 2
    dtd = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    xml = xml[:decl_end] + dtd + xml[decl_end:]
    xml = xml.replace("<w:t>Adults.</w:t>", "<w:t>Adults &xxe; here.</w:t>")
    members["word/document.xml"] = xml.encode("utf-8")
    evil = tmp_path / "evil.docx"
    with zipfile.ZipFile(evil, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    try:
        doc = parse(evil)
    except ParseError as exc:  # refusing the file is as good as parsing it safely
        assert "TOP-SECRET" not in str(exc)
        return
    assert "TOP-SECRET-CONTENT" not in doc.body_text()
    assert "Adults here." in doc.body_text()
    assert all("TOP-SECRET" not in b.text for b in doc.blocks())


def test_parsing_is_deterministic(make_docx):
    data = make_docx(
        {
            "header": "Trust",
            "body": [
                ("table", [["Title", "Sepsis"], ["Version", "2"]]),
                ("heading", "Scope", 1),
                ("bullet", "Adults", 0),
                ("table", [["a", "b"]]),
            ],
        }
    ).read_bytes()
    first = parse_bytes(data, trust="JPUH", path="x.docx")
    second = parse_bytes(data, trust="JPUH", path="x.docx")
    assert first == second
    assert dict(first.meta) == dict(second.meta)


def test_macro_enabled_docm_is_read_as_a_document(make_docx, tmp_path):
    path = make_docx([("heading", "Scope", 1), "Adults."])
    with zipfile.ZipFile(path) as zf:
        members = {name: zf.read(name) for name in zf.namelist()}
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml",
    )
    docm = tmp_path / "macro.docm"
    with zipfile.ZipFile(docm, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    assert parse(docm).headings() == ["Scope"]


def test_docx_expanding_past_the_archive_limit_is_refused(make_docx):
    from converge.core.config import Settings
    from converge.core.errors import InputTooLarge

    path = make_docx([("heading", "Scope", 1), "Adults."])
    with pytest.raises(InputTooLarge, match="DOCX expands to"):
        parse_file(path, "QEH", settings=Settings(max_archive_bytes=10_000))


def test_table_of_contents_content_control_is_furniture(make_docx):
    toc = (
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj>'
        "</w:sdtPr><w:sdtContent><w:p><w:r><w:t>1. Introduction ........ 3</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>2. Scope ........ 4</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    doc = parse(make_docx([("xml", toc), ("heading", "Introduction", 1), "Text."]))
    assert doc.headings() == ["Introduction"]
    assert [b.layer for b in doc.preamble] == [Layer.FURNITURE, Layer.FURNITURE]
