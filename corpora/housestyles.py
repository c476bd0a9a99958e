"""House styles of the three demo trusts: how each lays out a clinical document in DOCX.

Real trusts differ in front sheets, reference schemes, heading numbering, section names and order and
page furniture; the demo corpus must differ the same way so that parsing and matching are tested on
the variety they will meet. Everything here writes python-docx objects; conversion to PDF and legacy
formats is done afterwards in one LibreOffice batch (see `officeconv.py`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from docx import Document as new_docx
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from topicsrc import TRUSTS, RSection

from converge.core.docxwrite import add_page_x_of_y

STANDARD_NAMES = {
    "JPUH": {
        "introduction": "Introduction",
        "purpose": "Purpose",
        "scope": "Scope",
        "definitions": "Definitions",
        "duties": "Duties",
        "training": "Training",
        "monitoring": "Monitoring Compliance",
        "references": "References",
    },
    "NNUH": {
        "introduction": "Background",
        "purpose": "Aim",
        "scope": "Scope",
        "definitions": "Definitions and Abbreviations",
        "duties": "Roles and Responsibilities",
        "training": "Training and Competencies",
        "monitoring": "Monitoring and Audit",
        "references": "References and Related Documents",
    },
    "QEH": {
        "introduction": "Introduction",
        "purpose": "Purpose",
        "scope": "Scope",
        "definitions": "Definitions",
        "duties": "Duties and Responsibilities",
        "training": "Training Requirements",
        "monitoring": "Monitoring Effectiveness",
        "references": "References and Associated Documentation",
    },
}

# Standard sections a trust puts before the topic's own sections, and after them.
HOUSE_FRONT = {
    "JPUH": ["introduction", "purpose", "scope", "definitions", "duties"],
    "NNUH": ["purpose", "introduction", "scope", "definitions", "duties"],
    "QEH": ["introduction", "purpose", "duties", "scope"],
}
HOUSE_BACK = {
    "JPUH": ["training", "monitoring", "references"],
    "NNUH": ["training", "monitoring", "references"],
    "QEH": ["training", "monitoring", "references"],
}
# QEH keeps definitions as an appendix at the end.
HOUSE_APPENDIX = {"JPUH": [], "NNUH": [], "QEH": ["definitions"]}

TYPE_CODES = {
    "Policy": "POL",
    "Guideline": "GUI",
    "Procedure": "PROC",
    "Protocol": "PROT",
    "Standard Operating Procedure": "SOP",
    "Pathway": "PATH",
    "Care Bundle": "PROT",
    "Checklist": "PROC",
    "Patient Group Direction": "PGD",
}


@dataclass
class DocMeta:
    """Document-control facts of one rendered document (also written to truth.json)."""

    trust: str
    title: str
    doc_type: str
    specialty: str
    reference: str
    version: str
    date_approved: dt.date
    review_date: dt.date
    author: str
    owner: str
    approved_by: str
    audience: str
    status: str = "Approved"
    history: list[tuple[str, str, str]] = field(default_factory=list)  # (version, date, summary)
    heading_scheme: str = "numbered"  # QEH: "section" ("Section 1 –") or "point" ("1.0")
    style: str = ""  # house style to use when it is not the trust's own (generated trusts borrow one)
    trust_name: str = ""  # full organisation name for furniture; defaults to TRUSTS[trust]


def order_sections(trust: str, sections: list[RSection], order: list[str] | None = None) -> list[RSection]:
    """Arrange top-level sections in the trust's house order; appendices are flagged."""
    by_key = {s.key: s for s in sections}
    if order:
        keys = [k for k in order if k in by_key] + [s.key for s in sections if s.key not in order]
        out = [by_key[k] for k in keys]
        for s in out:
            s.appendix = s.key in HOUSE_APPENDIX.get(trust, [])
        return out
    front = [by_key[k] for k in HOUSE_FRONT.get(trust, []) if k in by_key]
    back = [by_key[k] for k in HOUSE_BACK.get(trust, []) if k in by_key]
    appendix = [by_key[k] for k in HOUSE_APPENDIX.get(trust, []) if k in by_key]
    placed = {s.key for s in front + back + appendix}
    middle = [s for s in sections if s.key not in placed]
    for s in appendix:
        s.appendix = True
    return front + middle + back + appendix


def fmt_date(trust: str, d: dt.date) -> str:
    """Each trust writes dates its own way."""
    if trust == "JPUH":
        return f"{d.day} {d.strftime('%B %Y')}"
    if trust == "NNUH":
        return d.strftime("%d/%m/%Y")
    return d.strftime("%B %Y") if trust == "QEH" else d.isoformat()


# --- low-level DOCX helpers -------------------------------------------------------------------------




def _set_columns(section, num: int) -> None:
    sect_pr = section._sectPr
    for old in sect_pr.findall(qn("w:cols")):
        sect_pr.remove(old)
    cols = OxmlElement("w:cols")
    cols.set(qn("w:num"), str(num))
    cols.set(qn("w:space"), "567")
    sect_pr.append(cols)


def _set_outline_level(style, level: int) -> None:
    ppr = style.element.get_or_add_pPr()
    el = OxmlElement("w:outlineLvl")
    el.set(qn("w:val"), str(level))
    ppr.append(el)


def _base_font(doc, name: str, size: float) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = name
    normal.font.size = Pt(size)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        fonts.set(qn("w:eastAsia"), name)


def _style_heading(doc, name: str, font: str, size: float, rgb: tuple[int, int, int]) -> None:
    st = doc.styles[name]
    st.font.name = font
    st.font.size = Pt(size)
    st.font.color.rgb = RGBColor(*rgb)
    st.font.bold = True


def _para(doc, text: str = "", style_id: str | None = None):
    """Add a paragraph, setting the style by id: python-docx's lookup by name is slow at corpus scale."""
    p = doc.add_paragraph(text)
    if style_id:
        p._p.get_or_add_pPr().style = style_id
    return p


def _table(doc, rows: list[list[str]], header: bool = True, widths: list[float] | None = None):
    ncols = max(len(r) for r in rows)
    t = doc.add_table(rows=len(rows), cols=ncols)
    t._tbl.tblPr.style = "TableGrid"
    for i, (row, trow) in enumerate(zip(rows, t.rows, strict=True)):
        for j, cell in enumerate(trow.cells):
            cell.text = row[j] if j < len(row) else ""
            if header and i == 0:
                for r in cell.paragraphs[0].runs:
                    r.bold = True
            if widths and j < len(widths):
                cell.width = Cm(widths[j])
    return t


def _set_core(doc, meta: DocMeta) -> None:
    """Fixed core properties so rebuilding the corpus gives the same files."""
    cp = doc.core_properties
    stamp = dt.datetime.combine(meta.date_approved, dt.time(9, 0))
    cp.created = stamp
    cp.modified = stamp
    cp.last_printed = stamp
    cp.title = meta.title
    cp.author = meta.author.split(",")[0]
    cp.last_modified_by = meta.author.split(",")[0]
    cp.revision = 1
    cp.subject = meta.specialty
    cp.keywords = meta.doc_type
    cp.comments = ""
    cp.category = meta.doc_type
    cp.identifier = meta.reference


# --- the renderer -----------------------------------------------------------------------------------


class HouseRenderer:
    """Render one document in one trust's house style.

    `plain` writes headings as bold numbered Normal paragraphs (no heading styles), as in documents
    typed by hand; `columns` sets the body to a multi-column leaflet layout.
    """

    def __init__(self, meta: DocMeta, plain: bool = False, columns: int = 1):
        self.meta = meta
        self.trust = meta.style or meta.trust
        self.org = meta.trust_name or TRUSTS.get(meta.trust, meta.trust)
        self.plain = plain
        self.columns = columns
        self.doc = new_docx()
        s = self.doc.sections[0]
        s.page_height, s.page_width = Cm(29.7), Cm(21.0)
        s.left_margin = s.right_margin = Cm(2.2)
        s.top_margin = s.bottom_margin = Cm(2.0)

    # headings -----------------------------------------------------------------------------------

    def _number(self, path: tuple[int, ...], appendix_letter: str | None) -> str:
        if appendix_letter:
            return (
                f"Appendix {appendix_letter} –"
                if len(path) == 1
                else f"{appendix_letter}." + ".".join(map(str, path[1:]))
            )
        if self.trust == "JPUH" or (self.trust == "NNUH" and self.plain):
            return f"{path[0]}." if len(path) == 1 else ".".join(map(str, path))
        if self.trust == "QEH":
            if len(path) == 1:
                return f"Section {path[0]} –" if self.meta.heading_scheme == "section" else f"{path[0]}.0"
            return ".".join(map(str, path))
        return ""

    def heading(self, text: str, level: int, number: str) -> None:
        full = f"{number} {text}".strip()
        if self.plain:
            p = self.doc.add_paragraph()
            r = p.add_run(full)
            r.bold = True
            if level == 1:
                r.font.size = Pt(12)
            p.paragraph_format.space_before = Pt(10 if level == 1 else 6)
            p.paragraph_format.keep_with_next = True
            return
        if self.trust == "QEH":
            _para(self.doc, full, f"QEHHeading{min(level, 3)}")
        else:
            _para(self.doc, full, f"Heading{min(level, 3)}")

    # content ------------------------------------------------------------------------------------

    def items(self, items) -> None:
        for it in items:
            if it.kind == "para":
                self.doc.add_paragraph(it.text)
            elif it.kind == "bullet":
                if self.plain:
                    p = self.doc.add_paragraph(("• " if it.level == 1 else "– ") + it.text)
                    p.paragraph_format.left_indent = Cm(0.8 * it.level)
                else:
                    _para(self.doc, it.text, "ListBullet" if it.level == 1 else "ListBullet2")
            elif it.kind == "table":
                _table(self.doc, it.rows)
                self.doc.add_paragraph()

    def sections(self, sections: list[RSection]) -> None:
        n = 0
        self._letters = iter("ABCDEFGH")
        for sec in sections:
            letter = next(self._letters) if sec.appendix else None
            if not letter:
                n += 1
            self._section(sec, (n,) if not letter else (0,), letter)

    def _section(self, sec: RSection, path: tuple[int, ...], letter: str | None) -> None:
        self.heading(sec.heading, len(path), self._number(path, letter))
        self.items(sec.items)
        for i, child in enumerate(sec.children, start=1):
            self._section(child, path + (i,), letter)

    # house front matter and furniture ------------------------------------------------------------

    def setup_styles(self) -> None:
        doc = self.doc
        if self.trust == "JPUH":
            _base_font(doc, "Arial", 11)
            for name, size in (("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 11)):
                _style_heading(doc, name, "Arial", size, (0x00, 0x30, 0x87))
        elif self.trust == "NNUH":
            _base_font(doc, "Calibri", 11)
            for name, size in (("Heading 1", 13), ("Heading 2", 11.5), ("Heading 3", 11)):
                _style_heading(doc, name, "Calibri", size, (0x00, 0x5E, 0xB8))
        else:
            _base_font(doc, "Times New Roman", 11.5)
            # QEH's template has its own heading styles, based on Word's but renamed, with outline levels.
            for lvl, size in ((1, 13), (2, 12), (3, 11.5)):
                st = doc.styles.add_style(f"QEH Heading {lvl}", WD_STYLE_TYPE.PARAGRAPH)
                st.base_style = doc.styles["Normal"]
                st.font.name = "Times New Roman"
                st.font.size = Pt(size)
                st.font.bold = True
                st.font.color.rgb = RGBColor(0x4B, 0x1E, 0x5A)
                st.paragraph_format.space_before = Pt(12 if lvl == 1 else 6)
                st.paragraph_format.keep_with_next = True
                _set_outline_level(st, lvl - 1)

    def furniture(self) -> None:
        m = self.meta
        sec = self.doc.sections[0]
        header = sec.header.paragraphs[0]
        footer = sec.footer.paragraphs[0]
        if self.trust == "JPUH":
            header.text = f"{m.reference}  {m.title}"
            header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            footer.add_run(f"{self.org} | Uncontrolled when printed | ")
            add_page_x_of_y(footer)
            footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif self.trust == "NNUH":
            header.add_run(m.title).bold = True
            header.add_run("\tTrust Guideline" if m.doc_type == "Guideline" else f"\tTrust {m.doc_type}")
            footer.add_run(f"{m.reference.split()[0]} – {m.title}  ")
            add_page_x_of_y(footer)
            footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            header.text = f"{m.reference}"
            header.alignment = WD_ALIGN_PARAGRAPH.LEFT
            footer.add_run(
                f"{self.org.removeprefix('The ')} | "
                f"Version {m.version} | Issued {fmt_date(self.trust, m.date_approved)} | "
                "Uncontrolled when printed | "
            )
            add_page_x_of_y(footer)
            footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for p in (header, footer):
            for r in p.runs:
                r.font.size = Pt(8)

    def front_matter(self) -> None:
        m = self.meta
        doc = self.doc
        if self.trust == "JPUH":
            p = doc.add_paragraph(self.org)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            t = doc.add_paragraph()
            t.alignment = WD_ALIGN_PARAGRAPH.CENTER
            r = t.add_run(m.title)
            r.bold = True
            r.font.size = Pt(18)
            doc.add_paragraph("Document Control").runs[0].bold = True
            rows = [
                ["Title", m.title],
                ["Reference", m.reference],
                ["Version", m.version],
                ["Status", m.status],
                ["Author", m.author],
                ["Owner", m.owner],
                ["Approved by", m.approved_by],
                ["Date approved", fmt_date(self.trust, m.date_approved)],
                ["Review date", fmt_date(self.trust, m.review_date)],
                ["Target audience", m.audience],
                ["Document type", m.doc_type],
                ["Specialty", m.specialty],
            ]
            tbl = _table(doc, rows, header=False, widths=[4.5, 12])
            for row in tbl.rows:
                for r in row.cells[0].paragraphs[0].runs:
                    r.bold = True
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif self.trust == "NNUH":
            t = _para(doc, m.title, "Title")
            t.alignment = WD_ALIGN_PARAGRAPH.LEFT
            major = m.version.split(".")[0]
            lines = [
                ("Reference No", f"{m.reference} v{major}"),
                ("Version", m.version),
                ("Document type", f"Trust {m.doc_type}"),
                ("Author(s)", m.author),
                ("Lead Director", m.owner),
                ("Ratified by", m.approved_by),
                ("Date ratified", fmt_date(self.trust, m.date_approved)),
                ("Review date", fmt_date(self.trust, m.review_date)),
                ("For use in", m.audience),
            ]
            for label, value in lines:
                p = doc.add_paragraph()
                p.paragraph_format.space_after = Pt(0)
                p.add_run(f"{label}: ").bold = True
                p.add_run(value)
            doc.add_paragraph()
        else:
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            r = p.add_run(m.title.upper())
            r.bold = True
            r.font.size = Pt(16)
            sub = doc.add_paragraph(f"{m.doc_type} – {m.specialty}")
            sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _table(
                doc,
                [
                    ["Reference", "Version", "Effective from", "Review date", "Approved by"],
                    [
                        m.reference,
                        m.version,
                        fmt_date(self.trust, m.date_approved),
                        fmt_date(self.trust, m.review_date),
                        m.approved_by,
                    ],
                ],
            )
            doc.add_paragraph(f"Author: {m.author}. Executive lead: {m.owner}.")
            doc.add_paragraph("Version history").runs[0].bold = True
            _table(doc, [["Version", "Date", "Summary of changes"]] + [list(h) for h in m.history])
            doc.add_paragraph()

    def back_matter(self) -> None:
        """Trust boilerplate that every document of the house carries."""
        m = self.meta
        if self.trust == "NNUH":
            self.heading("Summary of development and consultation", 1, "")
            self.doc.add_paragraph(
                f"This {m.doc_type.lower()} was developed by {m.author.split(',')[0]} with the "
                f"{m.specialty} team and circulated for consultation before ratification by the "
                f"{m.approved_by}. Comments received were incorporated in version {m.version}."
            )
        elif self.trust == "QEH":
            letter = next(self._letters)
            self.heading("Equality Impact Assessment", 1, f"Appendix {letter} –")
            self.doc.add_paragraph(
                "An equality impact assessment was completed when this document was reviewed. No adverse "
                "impact on any group with protected characteristics was identified."
            )

    def render(self, sections: list[RSection]) -> object:
        """Build the whole python-docx Document and return it."""
        self.setup_styles()
        self.furniture()
        self.front_matter()
        if self.columns > 1:
            new = self.doc.add_section(WD_SECTION.CONTINUOUS)
            _set_columns(new, self.columns)
        self.sections(sections)
        self.back_matter()
        _set_core(self.doc, self.meta)
        return self.doc
