"""Rebuild the committed PDF fixtures in tests/data/pdf/ from DOCX written here with python-docx.

Run `python tests/data/make_pdf_fixtures.py` (needs LibreOffice `soffice` and `pdftoppm`). The PDFs are
committed so the tests run without LibreOffice; the DOCX sources are rebuilt in a temporary folder.
The texts are synthetic (written for these tests), not any trust's document.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from converge.core.docxwrite import add_field
from converge.core.office import convert

OUT = Path(__file__).parent / "pdf"
SHY = "\u00ad"  # marks where _hyphenated_paragraph puts an optional hyphen

ENCRYPT_FILTER = (
    'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
    '"DocumentOpenPassword":{"type":"string","value":"secret"}}'
)


_field = add_field  # a live PAGE/NUMPAGES field, as Word writes page numbers


def _running_text(section, title: str) -> None:
    header = section.header.paragraphs[0]
    header.text = f"{title} - Version 4.1"
    section.header.add_paragraph("Uncontrolled when printed")
    footer = section.footer.paragraphs[0]
    footer.add_run("Norfolk Example Hospital NHS Foundation Trust    Page ")
    _field(footer, "PAGE")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES")


def _control_table(doc, rows: list[tuple[str, str]]) -> None:
    table = doc.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    for i, (label, value) in enumerate(rows):
        table.cell(i, 0).text = label
        table.cell(i, 1).text = value


SENTENCES = [
    "Sepsis is a life-threatening organ dysfunction caused by a dysregulated host response to infection.",
    "Every adult inpatient must have observations recorded and a NEWS2 score calculated at each set.",
    "Staff should escalate any patient whose score rises, and record the escalation in the notes.",
    "The nurse in charge is responsible for making sure that the escalation is acted upon promptly.",
    "Antibiotics are to be given within one hour of recognition when red flag sepsis is suspected.",
    "Blood cultures are taken before the first dose unless this would delay treatment materially.",
    "Lactate is measured on arrival and repeated within two hours if the first value is raised.",
    "Fluid resuscitation follows the current national guidance for adults with suspected sepsis.",
]


def _prose(seed: int, sentences: int = 6) -> str:
    out = [SENTENCES[(seed + i) % len(SENTENCES)] for i in range(sentences)]
    return f"Paragraph {seed}. " + " ".join(out)


def build_policy(path: Path) -> None:
    """A three-to-four page policy: control table, numbered and styled headings, lists, a table."""
    doc = Document()
    _running_text(doc.sections[0], "Sepsis Policy")
    doc.add_heading("Sepsis Recognition and Management Policy", 0)
    _control_table(
        doc,
        [
            ("Reference", "CLIN-0042"),
            ("Version", "4.1"),
            ("Author", "Dr A Example, Consultant in Acute Medicine"),
            ("Approved by", "Clinical Governance Committee"),
            ("Date approved", "12/03/2024"),
            ("Review date", "12/03/2027"),
        ],
    )
    doc.add_heading("1. Introduction", 1)
    doc.add_paragraph(_prose(1))
    doc.add_heading("2. Scope", 1)
    doc.add_paragraph(_prose(2, 4))
    doc.add_paragraph("This policy applies to:")
    for item in ("all adult inpatients;", "patients in the emergency department;", "maternity patients."):
        doc.add_paragraph(item, style="List Bullet")
    doc.add_heading("3. Duties", 1)
    doc.add_heading("3.1 Medical staff", 2)
    doc.add_paragraph(_prose(3))
    doc.add_heading("3.2 Nursing staff", 2)
    doc.add_paragraph(_prose(4))
    # A numbered heading at body size, set in bold by hand, as many trusts type them.
    bold = doc.add_paragraph()
    bold.add_run("3.3 Outreach team").bold = True
    doc.add_paragraph(_prose(5, 3))
    doc.add_heading("4. Procedure", 1)
    doc.add_paragraph(_prose(6))
    doc.add_paragraph("Escalation by NEWS2 score:")
    table = doc.add_table(rows=4, cols=2)
    table.style = "Table Grid"
    for r, (score, action) in enumerate(
        [
            ("NEWS2 score", "Action"),
            ("0-4", "Ward-based response"),
            ("5-6", "Urgent review by FY1"),
            ("7 or more", "Emergency response, call outreach"),
        ]
    ):
        table.cell(r, 0).text = score
        table.cell(r, 1).text = action
    doc.add_heading("4.1 Antibiotics", 2)
    # Optional hyphens (w:softHyphen) let LibreOffice break "management" at a line end with a "-".
    _hyphenated_paragraph(
        doc,
        [
            f"Timely man{SHY}age{SHY}ment and ad{SHY}min{SHY}is{SHY}tra{SHY}tion {'x' * (i % 4)} saves lives"
            for i in range(10)
        ],
    )
    doc.add_paragraph(
        " ".join(f"Arrange{' ' * 1}a follow-up {'review ' * (i % 3)}visit" for i in range(14)) + "."
    )
    doc.add_paragraph("Give the first dose within one hour:", style="List Number")
    doc.add_paragraph("Take blood cultures before antibiotics.", style="List Number")
    doc.add_heading("5. Monitoring compliance", 1)
    doc.add_paragraph(_prose(7))
    doc.add_heading("Appendix A: Sepsis screening tool", 1)
    doc.add_paragraph(_prose(8, 3))
    doc.save(str(path))


def _hyphenated_paragraph(doc, sentences: list[str]) -> None:
    paragraph = doc.add_paragraph()
    for sentence in sentences:
        for i, part in enumerate(f"{sentence}. ".split(SHY)):
            if i:
                paragraph.add_run()._r.append(OxmlElement("w:softHyphen"))
            paragraph.add_run(part)


def build_two_column(path: Path) -> None:
    """A title across the page, then a two-column section whose text must be read column by column."""
    doc = Document()
    _running_text(doc.sections[0], "Falls Guideline")
    doc.add_heading("Falls Prevention Guideline", 0)
    doc.add_paragraph("This guideline is printed in two columns.")
    section = doc.add_section(WD_SECTION.CONTINUOUS)
    cols = section._sectPr.find(qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        section._sectPr.append(cols)
    cols.set(qn("w:num"), "2")
    cols.set(qn("w:space"), "720")
    left = " ".join(
        f"Left column sentence {i} says that patients at risk are assessed daily." for i in range(12)
    )
    right = " ".join(f"Right column sentence {i} says that bed rails are reviewed weekly." for i in range(12))
    doc.add_paragraph(left)
    doc.paragraphs[-1].add_run().add_break(WD_BREAK.COLUMN)
    doc.add_paragraph(right)
    doc.save(str(path))


def build_small(path: Path) -> None:
    doc = Document()
    doc.add_heading("Encrypted Policy", 0)
    doc.add_paragraph(_prose(1, 2))
    for p in doc.paragraphs:
        for run in p.runs:
            run.font.size = run.font.size or Pt(11)
    doc.save(str(path))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp)
        build_policy(src / "policy.docx")
        build_two_column(src / "two_column.docx")
        build_small(src / "encrypted.docx")
        convert([src / "policy.docx", src / "two_column.docx"], "pdf", OUT, timeout=300)
        convert([src / "encrypted.docx"], ENCRYPT_FILTER, OUT, timeout=300)
        # Truncated: the first half of a real PDF (trailer and cross-reference table lost).
        data = (OUT / "policy.pdf").read_bytes()
        (OUT / "truncated.pdf").write_bytes(data[: len(data) // 2])
        # Scanned: page 1 rendered to an image and saved back as an image-only PDF.
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                "-png",
                str(OUT / "policy.pdf"),
                str(src / "page"),
            ],
            check=True,
        )
        from PIL import Image

        png = next(src.glob("page*.png"))
        Image.open(png).convert("RGB").save(OUT / "scanned.pdf", "PDF", resolution=60)
    for pdf in sorted(OUT.glob("*.pdf")):
        print(f"{pdf.name}: {pdf.stat().st_size:,} bytes")  # noqa: T201


if __name__ == "__main__":
    main()
