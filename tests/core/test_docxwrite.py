"""DOCX writing helpers: live page-number footers and header-row tables."""

import docx

from converge.core.docxwrite import add_footer, add_table


def test_footer_has_live_page_fields_and_table_header_is_bold(tmp_path) -> None:
    doc = docx.Document()
    add_table(doc, ["Figure", "Value"], [("Topics", 34), ("Converged", None)], numeric_from=1)
    add_footer(doc, "Progress report")
    path = tmp_path / "out.docx"
    doc.save(path)
    reopened = docx.Document(path)
    footer = reopened.sections[0].footer.paragraphs[0]
    xml = footer._p.xml
    assert "Progress report" in footer.text and "Page" in footer.text and " of " in footer.text
    assert " PAGE " in xml and " NUMPAGES " in xml  # computed by Word/LibreOffice, not frozen text
    table = reopened.tables[0]
    assert table.rows[0].cells[0].paragraphs[0].runs[0].bold
    assert [c.text for c in table.rows[2].cells] == ["Converged", ""]
