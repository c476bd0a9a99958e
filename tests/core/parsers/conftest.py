"""Fixtures that build small real documents in tmp_path, so parser tests need no binary fixtures.

`make_docx(spec, name=...)` writes a DOCX with python-docx; `to_pdf(docx_path)` and
`lo_convert(path, fmt)` convert with LibreOffice headless, each call with a private profile.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx import Document as new_docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt

# Namespaces a raw-XML spec item may use.
XML_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
)

# numIds present in python-docx's default template: 1 is a bullet list, 5 a decimal list.
_BULLET_NUM_ID = 1
_DECIMAL_NUM_ID = 5

Spec = list[Any] | dict[str, Any]


def build_docx(spec: Spec, path: Path) -> Path:
    """Write the DOCX described by `spec` to `path` (see `make_docx` for the spec language)."""
    if isinstance(spec, dict):
        body = spec.get("body", [])
        options = spec
    else:
        body, options = spec, {}
    doc = new_docx()
    core = options.get("core", {})
    for key, value in core.items():
        setattr(doc.core_properties, key, value)
    section = doc.sections[0]
    for text in _as_list(options.get("header")):
        _add_furniture_paragraph(section.header, text)
    for text in _as_list(options.get("footer")):
        _add_furniture_paragraph(section.footer, text)
    for item in body:
        _add_item(doc, item)
    for extra in options.get("sections", []):
        # Each extra section: {"header": ..., "footer": ..., "body": [...]}; starts a new page section.
        new = doc.add_section()
        new.header.is_linked_to_previous = False
        new.footer.is_linked_to_previous = False
        for text in _as_list(extra.get("header")):
            _add_furniture_paragraph(new.header, text)
        for text in _as_list(extra.get("footer")):
            _add_furniture_paragraph(new.footer, text)
        for item in extra.get("body", []):
            _add_item(doc, item)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _add_furniture_paragraph(part: Any, text: str) -> None:
    first = part.paragraphs[0] if part.paragraphs and not part.paragraphs[0].text else None
    if first is not None:
        first.text = text
    else:
        part.add_paragraph(text)


def _add_item(doc: Any, item: Any) -> None:
    if callable(item):
        item(doc)
        return
    if isinstance(item, str):
        doc.add_paragraph(item)
        return
    kind, *args = item
    if kind == "heading":
        text, level = args[0], (args[1] if len(args) > 1 else 1)
        doc.add_heading(text, level)
    elif kind == "title":
        doc.add_heading(args[0], 0)
    elif kind == "p":
        opts = args[1] if len(args) > 1 else {}
        para = doc.add_paragraph(style=opts.get("style"))
        run = para.add_run(args[0])
        run.bold = opts.get("bold")
        if opts.get("size"):
            run.font.size = Pt(opts["size"])
    elif kind == "bold":
        doc.add_paragraph().add_run(args[0]).bold = True
    elif kind in ("bullet", "number"):
        text, depth = args[0], (args[1] if len(args) > 1 else 0)
        para = doc.add_paragraph(text, style="List Paragraph")
        num_id = _BULLET_NUM_ID if kind == "bullet" else _DECIMAL_NUM_ID
        ppr = para._p.get_or_add_pPr()
        ppr.append(
            parse_xml(f'<w:numPr {XML_NS}><w:ilvl w:val="{depth}"/><w:numId w:val="{num_id}"/></w:numPr>')
        )
    elif kind == "style":
        # ("style", name, text[, {"based_on": "Heading 1", "outline": 0}])
        name, text = args[0], args[1]
        opts = args[2] if len(args) > 2 else {}
        _ensure_style(doc, name, opts)
        doc.add_paragraph(text, style=name)
    elif kind == "outline":
        # ("outline", text, level0): a Normal paragraph carrying w:outlineLvl in its own pPr.
        para = doc.add_paragraph(args[0])
        para._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {XML_NS} w:val="{args[1]}"/>'))
    elif kind == "table":
        _add_table(doc, args[0], args[1] if len(args) > 1 else {})
    elif kind == "xml":
        # Raw WordprocessingML body children; the w/mc/wps/v... prefixes are declared for you.
        wrapper = parse_xml(f"<w:body {XML_NS}>{args[0]}</w:body>")
        body = doc.element.body
        sect = body.find(qn("w:sectPr"))
        for child in list(wrapper):
            if sect is not None:
                sect.addprevious(child)
            else:
                body.append(child)
    elif kind == "pagebreak":
        doc.add_page_break()
    else:
        raise ValueError(f"unknown spec item {kind!r}")


def _ensure_style(doc: Any, name: str, opts: dict[str, Any]) -> None:
    styles = doc.styles
    if name in [s.name for s in styles]:
        return
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[opts.get("based_on", "Normal")]
    if "outline" in opts:
        ppr = style.element.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:outlineLvl {XML_NS} w:val="{opts["outline"]}"/>'))
    if opts.get("bold"):
        style.font.bold = True


def _add_table(doc: Any, rows: list[list[str]], opts: dict[str, Any]) -> Any:
    width = max(len(r) for r in rows)
    table = doc.add_table(rows=len(rows), cols=width)
    if opts.get("style"):
        table.style = opts["style"]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for (r0, c0), (r1, c1) in opts.get("merge", []):
        table.cell(r0, c0).merge(table.cell(r1, c1))
    for (r, c), inner in opts.get("nested", {}).items():
        cell = table.cell(r, c)
        nested = cell.add_table(rows=len(inner), cols=max(len(x) for x in inner))
        for ir, irow in enumerate(inner):
            for ic, text in enumerate(irow):
                nested.cell(ir, ic).text = text
    return table


@pytest.fixture
def make_docx(tmp_path: Path) -> Callable[..., Path]:
    """Factory: `make_docx(spec, name="test.docx") -> Path` writing a real DOCX into tmp_path.

    `spec` is a list of body items, or a dict {"body": [...], "header": str|list, "footer": str|list,
    "core": {"title": ...}, "sections": [{"header", "footer", "body"}]}. Body items:
      "text"                                  Normal paragraph
      ("title", text)                         Title style
      ("heading", text, level)                built-in Heading <level>
      ("p", text, {"bold", "style", "size"})  paragraph with one run
      ("bold", text)                          Normal paragraph whose whole text is bold
      ("bullet"|"number", text, depth)        list paragraph with numPr ilvl=depth
      ("style", name, text, {"based_on", "outline", "bold"})   custom paragraph style
      ("outline", text, level0)               Normal paragraph with its own w:outlineLvl
      ("table", rows, {"merge": [((r0,c0),(r1,c1))], "nested": {(r,c): rows}, "style"})
      ("xml", "<w:p>...</w:p>")               raw body XML (namespaces declared)
      ("pagebreak",)
      callable(document)                      free-form python-docx code
    """

    def factory(spec: Spec, name: str = "test.docx") -> Path:
        return build_docx(spec, tmp_path / name)

    return factory


def convert_with_libreoffice(src: Path, fmt: str, outdir: Path, timeout: int = 120) -> Path:
    """Convert `src` to `fmt` ("pdf", "doc", "rtf", "odt", "docx") with soffice; return the new file."""
    from converge.core.office import OfficeError, OfficeMissing, convert

    try:
        (out,) = convert([src], fmt, outdir, timeout=timeout)
    except OfficeMissing:
        pytest.fail("LibreOffice (soffice) is required for this test; install libreoffice-writer")
    except OfficeError as exc:
        pytest.fail(str(exc))
    return out


@pytest.fixture
def lo_convert(tmp_path: Path) -> Callable[[Path, str], Path]:
    """Factory: `lo_convert(path, fmt) -> Path` converting with LibreOffice into tmp_path/<fmt>/."""

    def factory(src: Path, fmt: str) -> Path:
        return convert_with_libreoffice(Path(src), fmt, tmp_path / f"lo-{fmt.split(':')[0]}")

    return factory


@pytest.fixture
def to_pdf(tmp_path: Path) -> Callable[[Path], Path]:
    """Factory: `to_pdf(docx_path) -> Path` of the PDF LibreOffice prints from it."""

    def factory(docx_path: Path) -> Path:
        return convert_with_libreoffice(Path(docx_path), "pdf", tmp_path / "pdf")

    return factory


@pytest.fixture(scope="session")
def docx_builder() -> Callable[[Spec, Path], Path]:
    """`build_docx(spec, path)` for fixtures of wider scope than a test (same spec language as make_docx)."""
    return build_docx


@pytest.fixture(scope="session")
def lo_converter() -> Callable[..., Path]:
    """`convert_with_libreoffice(src, fmt, outdir)` for fixtures of wider scope than a test."""
    return convert_with_libreoffice
