"""Small python-docx writing helpers shared by the draft export, the board report, the corpus and tests."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def add_field(paragraph: Any, instr: str, placeholder: str = "1") -> None:
    """A complex field (PAGE, NUMPAGES) that Word and LibreOffice compute when laying out pages."""

    def run_with(element: Any) -> None:
        paragraph.add_run()._r.append(element)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = f" {instr} "
    run_with(instruction)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def add_page_x_of_y(paragraph: Any, prefix: str = "") -> None:
    """ "<prefix>Page 3 of 12" with live page fields."""
    paragraph.add_run(f"{prefix}Page ")
    add_field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    add_field(paragraph, "NUMPAGES")


def add_footer(doc: Any, text: str) -> None:
    """A footer on every page: the document's name and "Page X of Y" (board papers and policies need both)."""
    for section in doc.sections:
        paragraph = section.footer.paragraphs[0]
        paragraph.text = ""
        add_page_x_of_y(paragraph, prefix=f"{text}    ")


def add_table(
    doc: Any,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    style: str = "Table Grid",
    numeric_from: int | None = None,
) -> Any:
    """A table with a bold header row; numbers from column `numeric_from` on are right-aligned."""
    table = doc.add_table(rows=1, cols=len(header))
    table.style = style
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(str(text)).bold = True  # a new cell holds one empty paragraph
    for values in rows:
        cells = table.add_row().cells
        for n, (cell, value) in enumerate(zip(cells, values, strict=True)):
            cell.text = "" if value is None else str(value)
            if numeric_from is not None and n >= numeric_from and isinstance(value, int | float):
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return table
