"""PDF parser (pdfplumber): words -> lines -> paragraphs, headings from font and numbering, furniture.

One pass of `extract_words` per page (font name and size kept), lines built here, then whole-document
rules: running headers/footers are the band lines that repeat across pages; the body size is the most
common size; headings stand out from it by size, weight or numbering. Tables are read only on pages that
draw ruling lines, so plain text pages cost little more than `extract_text`.
"""

from __future__ import annotations

import io
import logging
import math
import re
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from converge.core.config import Settings
from converge.core.errors import InputTooLarge, ParseError
from converge.core.model import Block, BlockKind, Document, Layer, Provenance, SourceRef, make_document_id
from converge.core.parsers import SourceInfo
from converge.core.parsers.metadata import (
    clean_value,
    document_type_from,
    extract_metadata,
    is_control_block,
    label_key,
    pair_from_line,
)
from converge.core.parsers.outline import Heading, build_sections, split_heading_number
from converge.core.parsers.titles import (
    FILE_PROPERTIES,
    FRONT_SHEET,
    HEADING,
    LARGE_FONT,
    Candidate,
    choose_title,
    why_not_title,
)
from converge.core.text import normalise, one_line, strip_bullet

if TYPE_CHECKING:
    import pdfplumber
    import pdfplumber.page

# pdfminer reports every recoverable oddity of a file at WARNING; across a library that is noise.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

# Page bands where running headers and footers live, as a share of page height.
_TOP_BAND = 0.12
_BOTTOM_BAND = 0.88
# A band line is furniture when its text (digits normalised) recurs on at least this share of pages.
_REPEAT_SHARE = 0.5
_FURNITURE_PATTERNS = re.compile(
    r"(?i)^(page\s+#+(\s+of\s+#+)?|#+\s+of\s+#+|#+|.*uncontrolled (copy )?when (printed|downloaded).*)$"
)
_PAGE_NUMBER = re.compile(r"(?i)\bpage\s+#|\b#+\s*(of|/)\s*#+\b|^[-\u2013 ]*#+[-\u2013 ]*$")
_TOC_LINE = re.compile(r"(?:\.\s?){4,}\s*\d{1,3}$|\u2026+\s*\d{1,3}$|^(table of )?contents$", re.IGNORECASE)
_BOLD = re.compile(r"(?i)bold|black|heavy|semibold|demibold")
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_LIST_NUMBER = re.compile(r"^(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|\(?[ivx]{1,5}[.)]|\([0-9a-zA-Z]{1,4}\))\s+\S")
_BULLETS = frozenset(
    "\u2022\u25cf\u25aa\u25a0\u2023\u2043\u25e6\u2219\u00b7\uf0b7\uf0a7\uf0d8\uf0fc\u27a2\u2013-*o"
)
_HYPHENS = ("-", "\u00ad", "\u2010")
_MIN_TEXT_CHARS = 10  # a page with fewer characters than this carries no real text layer

# Hyphenated line ends in policies are mostly real compounds ("follow-up", "self-administered"), because
# Word does not hyphenate by default. These halves keep their hyphen unless the document itself spells the
# joined word elsewhere.
_COMPOUND_FIRST = frozenset(
    "self non co pre post anti multi inter intra cross well long short high low ex semi half full part "
    "day night age time evidence risk patient family nurse doctor consultant trust hospital ward end first "
    "second third life all case follow check sign hand face one two three four five six seven eight nine "
    "ten mid on off out up by over under".split()
)
_COMPOUND_SECOND = frozenset(
    "up ups in ins out outs off on over down based led related specific term time care wide free making "
    "friendly like only aware level dependent to by through back hour day week month year date site line "
    "threatening saving limiting sensitive resistant positive negative going taking".split()
)


@dataclass(slots=True)
class _Line:
    """One printed line (or one column's part of it) with the style that drives classification."""

    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    text: str
    size: float  # dominant font size, rounded to 0.5 pt
    bold: bool  # every word bold
    font: str
    first_width: float  # width of the first word, to tell a wrapped line from a deliberate break
    text_x0: float  # where the text starts after a bullet or list number
    col_left: float = 0.0
    col_right: float = 0.0
    col: int = 0  # 0 full width, 1 left column, 2 right column
    segment: int = 0  # column segment id on the page: lines join only within one, or across a break
    band: str = ""  # "top" / "bottom" when in a running header/footer band
    furniture: bool = False


@dataclass(slots=True)
class _Table:
    page: int
    top: float
    x0: float
    rows: list[tuple[str, ...]]
    page_end: int = 0

    def __post_init__(self) -> None:
        self.page_end = self.page_end or self.page


@dataclass(slots=True)
class _Page:
    number: int
    width: float
    height: float
    items: list[_Line | _Table] = field(default_factory=list)
    chars: int = 0
    images: int = 0
    cover: list[_Line] = field(default_factory=list)  # first pages: every line, tables' words included
    cids: int = 0  # "(cid:NN)" glyph codes met on the page (fonts without a Unicode map)
    unmapped: int = 0  # of which outside printable ASCII, so dropped


class PdfParser:
    """pdfplumber-based parser for text PDFs; scanned (image-only) PDFs are refused, not guessed."""

    name = "pdf"
    version = 3  # 3: turned (rotated) text read upright; landscape covers rank by type size
    media_type = "application/pdf"
    suffixes = (".pdf",)

    def sniff(self, head: bytes, suffix: str) -> bool:
        # Content wins over the name: a PDF saved as ".docx" is still a PDF. Some writers put a few
        # bytes of junk before the header, which readers tolerate within the first kilobyte.
        return b"%PDF-" in head[:1024]

    def parse(self, data: bytes, *, trust: str, source: SourceInfo, settings: Settings) -> Document:
        pages, info_title, failed = _read_pdf(data, settings)
        return _build_document(pages, info_title, failed, trust=trust, source=source, parser=self)


PARSER = PdfParser()


# ---------------------------------------------------------------------------------------------- reading


def _read_pdf(data: bytes, settings: Settings) -> tuple[list[_Page], str, list[int]]:
    """Open the PDF and turn each page into lines and tables, translating every failure to ParseError.

    A page that fails to read is skipped and its number returned, so one bad page never loses the
    others; only a file that cannot be opened at all, or none of whose pages can be read, is refused.
    """
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    pages: list[_Page] = []
    failed: list[int] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with _open_pdf(data) as pdf:
                page_objects = _page_objects(pdf)
                count = len(page_objects)
                if count > settings.max_pdf_pages:
                    raise InputTooLarge(f"PDF has {count:,} pages; the limit is {settings.max_pdf_pages:,}")
                if count == 0:
                    raise ParseError("corrupt or truncated PDF: no pages")
                info_title = _info_title(pdf)
                first_error: Exception | None = None
                doctop = 0.0
                for number, page_object in enumerate(page_objects, start=1):
                    try:
                        page = _open_page(pdf, page_object, number, doctop)
                    except Exception as exc:  # a page dictionary beyond repair: keep the others
                        failed.append(number)
                        first_error = first_error or exc
                        continue
                    doctop += float(page.height)
                    try:
                        pages.append(_read_page(page, cover=len(pages) < 2))
                    except (MemoryError, RecursionError):
                        raise
                    except Exception as exc:  # one unreadable page: keep the others, say which
                        failed.append(number)
                        first_error = first_error or exc
                    finally:
                        page.close()  # drop this page's layout objects before the next one
                if not pages and first_error is not None:
                    raise first_error
    except ParseError:
        raise
    except Exception as exc:  # pdfminer raises bare Exceptions of many kinds on bad input
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError) or "password" in str(inner).lower():
            raise ParseError("encrypted PDF (password required)") from exc
        reason = str(inner).strip() or type(inner).__name__
        raise ParseError(f"corrupt or truncated PDF: {reason.splitlines()[0][:200]}") from exc
    _check_text_layer(pages)
    return pages, info_title, failed


@contextmanager
def _open_pdf(data: bytes) -> Iterator[pdfplumber.PDF]:
    """pdfplumber's PDF, released without `close()`: that opens every page again, which is what a broken
    page tree or page dictionary cannot survive (pages are opened one by one in `_read_pdf`)."""
    import pdfplumber

    pdf = pdfplumber.open(io.BytesIO(data))
    try:
        yield pdf
    finally:
        pdf.flush_cache()


def _page_objects(pdf: object) -> list:
    """The PDF's pages in order from its page tree; when the tree itself is broken (a kid that is not a
    page reference), every /Page object in the file instead, as pdfminer does when /Pages is missing."""
    from pdfminer.pdfpage import PDFPage
    from pdfminer.psparser import LIT

    doc = pdf.doc  # type: ignore[attr-defined]
    try:
        return list(PDFPage.create_pages(doc))
    except Exception:
        found = []
        for xref in doc.xrefs:
            for objid in xref.get_objids():
                try:
                    obj = doc.getobj(objid)
                except Exception:
                    continue
                if isinstance(obj, dict) and obj.get("Type") is LIT("Page"):
                    found.append(PDFPage(doc, objid, obj, None))
        if not found:
            raise
        return found


_BOX_KEYS = ("MediaBox", "CropBox", "TrimBox", "BleedBox", "ArtBox")


def _open_page(pdf: object, page_object: object, number: int, doctop: float) -> pdfplumber.page.Page:
    """A pdfplumber page; a page dictionary with a malformed box or rotation (which pdfplumber indexes
    blindly, "list index out of range") is repaired the way pdfminer reads it: the default box, no turn."""
    from pdfminer.pdftypes import resolve1
    from pdfplumber.page import Page

    try:
        return Page(pdf, page_object, page_number=number, initial_doctop=doctop)
    except Exception:
        attrs = page_object.attrs  # type: ignore[attr-defined]
        for key in _BOX_KEYS:
            box = resolve1(attrs.get(key)) if key in attrs else None
            good = isinstance(box, list) and len(box) == 4
            if key in attrs and not (good and all(isinstance(resolve1(v), int | float) for v in box)):
                del attrs[key]
        if "MediaBox" not in attrs:
            attrs["MediaBox"] = list(getattr(page_object, "mediabox", None) or [0, 0, 612, 792])
        if not isinstance(resolve1(attrs.get("Rotate", 0)), int):
            attrs["Rotate"] = 0
        return Page(pdf, page_object, page_number=number, initial_doctop=doctop)


def _info_title(pdf: object) -> str:
    try:
        value = pdf.metadata.get("Title")  # type: ignore[attr-defined]
    except Exception:  # a broken Info dictionary is no reason to lose the document
        return ""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return str(value or "")


def _check_text_layer(pages: list[_Page]) -> None:
    """Refuse only a PDF with no text at all: a scan with a few typed pages is still read."""
    if sum(p.chars for p in pages) - sum(p.unmapped for p in pages) >= _MIN_TEXT_CHARS:
        return
    if any(p.images for p in pages):
        raise ParseError("no text layer (scanned?), needs OCR")
    raise ParseError("PDF has no text")


_CID = re.compile(r"\(cid:(\d+)\)")


def _decode_cids(word: dict, page: _Page) -> None:
    """Glyph codes of a font without a Unicode map: printable ASCII codes read as that character (the
    usual simple-font encoding), others dropped. Counted, so the document can say its text was repaired."""
    codes = _CID.findall(word["text"])
    page.cids += len(codes)

    def char(m: re.Match[str]) -> str:
        n = int(m.group(1))
        if 32 <= n < 127:
            return chr(n)
        page.unmapped += 1
        return ""

    word["text"] = _CID.sub(char, word["text"])


def _cid_text(text: str) -> str:
    """A table cell's glyph codes read as `_decode_cids` reads its words (not counted again: the page's
    words, table words included, were counted there)."""
    if "(cid:" not in text:
        return text
    return _CID.sub(lambda m: chr(int(m.group(1))) if 32 <= int(m.group(1)) < 127 else "", text)


def _read_page(page: pdfplumber.page.Page, cover: bool = False) -> _Page:
    out = _Page(number=page.page_number, width=float(page.width), height=float(page.height))
    out.images = len(page.images)
    if _overprinted(page.chars):
        # "Fake bold" prints every glyph twice, a hair apart: read once, or text doubles ("PPaattiieenntt").
        page = page.dedupe_chars()
    turned, turn = _turned_words(page.chars, out)
    if not turned:
        words = page.extract_words(extra_attrs=["fontname", "size"])
    elif turn == 0:  # an upright page with some turned text: its upright glyphs alone, then the turned
        words = _extract([c for c in page.chars if _turn(c) == 0]) + turned
    else:
        words = turned
    for w in words:
        if "(cid:" in w["text"]:
            _decode_cids(w, out)
    words = [w for w in words if w["text"].strip()]
    out.chars = sum(len(w["text"]) for w in words)
    tables: list[tuple[tuple[float, float, float, float], list[tuple[str, ...]]]] = []
    # find_tables is the costly step; only pages that draw ruling lines can hold a ruled table. A page
    # read turned has its rulings in the other frame: its table's words are read as lines.
    if words and turn == 0 and (page.lines or page.rects):
        try:
            for table in page.find_tables():
                rows = [tuple(one_line(_cid_text(c or "")) for c in row) for row in table.extract()]
                rows = [r for r in rows if any(r)]
                if rows:
                    tables.append((table.bbox, rows))
        except (MemoryError, RecursionError):
            raise
        except Exception:  # a ruling pdfplumber cannot make a table of: the words are read as lines
            tables = []
    if cover:
        # Title candidates see every phrase of the first pages, tables' words included: a form drawn as
        # boxes puts its title inside a "table".
        out.cover = _phrases(words, out)
    if tables:
        words = [w for w in words if not _in_any(w, tables)]
    lines = _reading_order(_rows_from_words(words), out)
    out.items = _place_tables(
        lines, [_Table(out.number, float(b[1]), float(b[0]), rows) for b, rows in tables]
    )
    return out


def _turn(char: dict) -> int:
    """How far a glyph is turned from upright, in degrees anticlockwise (0, 90, 180 or 270), from its
    text matrix: a landscape flowchart set on a portrait page runs its text up the page (90)."""
    a, b = char["matrix"][0], char["matrix"][1]
    if abs(a) >= abs(b):
        return 0 if a >= 0 else 180
    return 90 if b > 0 else 270


def _extract(chars: list[dict]) -> list[dict]:
    from pdfplumber.utils.text import extract_words

    return extract_words(chars, extra_attrs=["fontname", "size"]) if chars else []


def _turned_words(chars: list[dict], out: _Page) -> tuple[list[dict], int]:
    """Words of the glyphs not set upright, each read in its own upright frame, and the page's turn.

    pdfplumber joins glyphs left to right along the page, so text turned a quarter (a landscape page
    drawn on a portrait one, a label up a flowchart's side) comes out as single letters ("r", ") y").
    Each turn's glyphs are turned back first. When most glyphs are turned the page is read in their
    frame (`out` takes its width and height) and any upright text follows it; otherwise turned text
    follows the upright page. The turn is returned (0 when the page is read as it stands).
    """
    groups: dict[int, list[dict]] = {}
    for c in chars:
        groups.setdefault(_turn(c), []).append(c)
    if set(groups) <= {0}:
        return [], 0
    main = max(groups, key=lambda k: (len(groups[k]), k == 0))
    width, height = out.width, out.height
    order = [main] + sorted(k for k in groups if k != main)
    words: list[dict] = []
    below = 0.0  # each further frame goes under the last, so reading order keeps them apart
    for turn in order:
        if turn == 0 and main == 0:
            below = height
            continue
        frame_w, frame_h = (height, width) if turn in (90, 270) else (width, height)
        chars_up = [_upright(c, turn, width, height, below) for c in groups[turn]]
        words += _extract(chars_up)
        if turn == main:
            out.width, out.height = frame_w, frame_h
        below += frame_h
    return words, main


def _upright(c: dict, turn: int, width: float, height: float, below: float) -> dict:
    """A glyph turned back to upright: its box in the turned frame, its size across the line."""
    x0, x1, top, bottom = float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"])
    if turn == 90:  # runs up the page: turn the page a quarter clockwise
        box = (height - bottom, height - top, x0, x1)
    elif turn == 270:  # runs down the page
        box = (top, bottom, width - x1, width - x0)
    elif turn == 180:
        box = (width - x1, width - x0, height - bottom, height - top)
    else:
        box = (x0, x1, top, bottom)
    nx0, nx1, ntop, nbottom = box
    ntop, nbottom = ntop + below, nbottom + below
    size = (nbottom - ntop) if turn in (90, 270) else c["size"]
    return dict(c, x0=nx0, x1=nx1, top=ntop, bottom=nbottom, doctop=ntop, upright=True, size=size)


def _phrases(words: list[dict], page: _Page) -> list[_Line]:
    """Rows of words cut where the type size changes or a wide gap opens: on a cover or a form, a title
    shares its row with a "Hospital No." box or a logo's text, and must be read apart from them."""
    out: list[_Line] = []
    for row_number, row in enumerate(_rows_from_words(words)):
        row = _join_touching(row)
        start = 0
        for i in range(1, len(row) + 1):
            if i < len(row):
                a, b = row[i - 1], row[i]
                sa, sb = float(a["size"]), float(b["size"])
                gap = float(b["x0"]) - float(a["x1"])
                if abs(sa - sb) <= max(1.0, 0.15 * max(sa, sb)) and gap <= 1.5 * min(sa, sb):
                    continue
            line = _make_line(row[start:i], page.number)
            line.text = _undouble(line.text)
            line.segment = row_number  # phrases of one printed row share it (see `_front_sheet_pairs`)
            line.band = (
                "top"
                if line.top < _TOP_BAND * page.height
                else ("bottom" if line.top > _BOTTOM_BAND * page.height else "")
            )
            out.append(line)
            start = i
    return out


def _join_touching(row: list[dict]) -> list[dict]:
    """Words that touch are one word: small capitals print "G" + "UIDELINES" in two sizes."""
    out: list[dict] = []
    for w in row:
        prev = out[-1] if out else None
        if prev is not None and -0.5 <= float(w["x0"]) - float(prev["x1"]) <= 0.5:
            bigger = prev if len(prev["text"]) >= len(w["text"]) else w
            out[-1] = dict(prev, text=prev["text"] + w["text"], x1=w["x1"], size=bigger["size"])
            continue
        out.append(w)
    return out


def _undouble(text: str) -> str:
    """A phrase drawn twice over itself reads "Emergency Emergency Department Department": read it once."""
    words = text.split()
    if len(words) >= 2 and len(words) % 2 == 0:
        if words[0::2] == words[1::2]:
            return " ".join(words[0::2])
        half = len(words) // 2
        if words[:half] == words[half:]:
            return " ".join(words[:half])
    return text


def _overprinted(chars: list[dict]) -> bool:
    """More than a tenth of the glyphs drawn again on top of themselves."""
    if len(chars) < 20:
        return False
    seen: set[tuple[str, int, int]] = set()
    again = 0
    for c in chars:
        key = (c["text"], round(c["x0"]), round(c["top"]))
        again += key in seen
        seen.add(key)
    return again * 10 > len(chars)


def _in_any(word: dict, tables: list) -> bool:
    cx = (word["x0"] + word["x1"]) / 2
    cy = (word["top"] + word["bottom"]) / 2
    return any(x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1 for (x0, top, x1, bottom), _ in tables)


def _place_tables(lines: list[_Line], tables: list[_Table]) -> list[_Line | _Table]:
    """Put each table before the first line of its own column that lies below it."""
    if not tables:
        return list(lines)
    out: list[_Line | _Table] = []
    pending = sorted(tables, key=lambda t: t.top)
    for line in lines:
        for table in list(pending):
            in_column = line.col == 0 or (line.col == 2) == (table.x0 >= line.col_left - 1)
            if table.top <= line.top and (in_column or line.band):
                out.append(table)
                pending.remove(table)
        out.append(line)
    out.extend(pending)
    return out


def _rows_from_words(words: list[dict]) -> list[list[dict]]:
    """Group words into visual rows by vertical overlap (a row may still hold two columns' text)."""
    rows: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows:
            row = rows[-1]
            top = min(x["top"] for x in row[-3:])
            bottom = max(x["bottom"] for x in row[-3:])
            overlap = min(bottom, w["bottom"]) - max(top, w["top"])
            if overlap > 0.5 * min(bottom - top, w["bottom"] - w["top"]):
                row.append(w)
                continue
        rows.append([w])
    for row in rows:
        row.sort(key=lambda w: w["x0"])
    return rows


def _make_line(words: list[dict], page: int) -> _Line:
    sizes: Counter[float] = Counter()
    fonts: Counter[str] = Counter()
    for w in words:
        sizes[round(float(w["size"]) * 2) / 2] += len(w["text"])
        fonts[w["fontname"]] += len(w["text"])
    font = _SUBSET.sub("", fonts.most_common(1)[0][0])
    text = " ".join(w["text"] for w in words)
    text_x0 = float(words[0]["x0"])
    first = words[0]["text"]
    if len(words) > 1 and (first in _BULLETS or _LIST_NUMBER.match(first + " x")):
        text_x0 = float(words[1]["x0"])
    return _Line(
        page=page,
        top=float(min(w["top"] for w in words)),
        bottom=float(max(w["bottom"] for w in words)),
        x0=float(words[0]["x0"]),
        x1=float(words[-1]["x1"]),
        text=text,
        size=sizes.most_common(1)[0][0],
        bold=all(_BOLD.search(w["fontname"]) for w in words if w["text"] not in _BULLETS),
        font=font,
        first_width=float(words[0]["x1"] - words[0]["x0"]),
        text_x0=text_x0,
    )


_COLUMN_BAND = 0.06


def _reading_order(rows: list[list[dict]], page: _Page) -> list[_Line]:
    """Turn word rows into lines in reading order, splitting two-column pages at their gutter.

    A gutter is a vertical strip in the middle of the page that no body word crosses, with text on both
    sides that runs up to it (so a borderless "Label  value" front sheet is not taken for two columns).
    Rows that cross the gutter (a title over both columns) split the page into segments, each read left
    column then right column.
    """
    h, w = page.height, page.width
    # Running headers/footers sit in the outer ~6% of the page; narrow margins put body text just inside.
    body = [r for r in rows if r[0]["top"] > _COLUMN_BAND * h and r[0]["bottom"] < (1 - _COLUMN_BAND) * h]
    gutter = _find_gutter(body, w) if len(body) >= 8 else None
    lines: list[_Line] = []
    segment = 0
    left: list[_Line] = []
    right: list[_Line] = []

    def flush() -> None:
        nonlocal segment, left, right
        lines.extend(left)
        for ln in right:
            ln.segment = segment + 1
        lines.extend(right)
        segment += 2
        left, right = [], []

    for row in rows:
        if gutter is None:
            line = _make_line(row, page.number)
            line.col_left, line.col_right = 0.0, w
            lines.append(line)
            continue
        g0, g1 = gutter
        in_band = not (row[0]["top"] > _COLUMN_BAND * h and row[0]["bottom"] < (1 - _COLUMN_BAND) * h)
        middle = (g0 + g1) / 2
        # A row crosses only when a word spans the gutter's middle (a title over both columns); a word
        # that merely runs into the gutter strip still belongs to its column.
        crossing = any(x["x0"] < middle < x["x1"] for x in row)
        if crossing or in_band:
            flush()
            line = _make_line(row, page.number)
            line.col_left, line.col_right, line.segment = 0.0, w, segment
            lines.append(line)
            segment += 1
            continue
        lpart = [x for x in row if x["x1"] <= middle]
        rpart = [x for x in row if x["x0"] >= middle]
        if lpart:
            line = _make_line(lpart, page.number)
            line.col_left, line.col_right, line.segment, line.col = 0.0, g0, segment, 1
            left.append(line)
        if rpart:
            line = _make_line(rpart, page.number)
            line.col_left, line.col_right, line.col = g1, w, 2
            right.append(line)
    flush()
    # Right edge of the text in each column, for the "would the next word have fitted" test.
    edges: dict[int, float] = {}
    for ln in lines:
        if not (ln.top < 0.08 * h or ln.bottom > 0.92 * h):
            edges[ln.col] = max(edges.get(ln.col, 0.0), ln.x1)
    for ln in lines:
        ln.col_right = edges.get(ln.col, ln.x1)
        if ln.top < _TOP_BAND * h:
            ln.band = "top"
        elif ln.top > _BOTTOM_BAND * h:
            ln.band = "bottom"
    return lines


def _find_gutter(rows: list[list[dict]], width: float) -> tuple[float, float] | None:
    bins = int(width // 2) + 2
    cover = [0] * (bins + 1)
    for row in rows:
        for x in row:
            cover[max(0, int(x["x0"] // 2))] += 1
            cover[min(bins, int(x["x1"] // 2) + 1)] -= 1
    running, counts = 0, []
    for c in cover[:bins]:
        running += c
        counts.append(running)
    allowed = max(1, len(rows) // 10)
    lo, hi = int(0.3 * width // 2), int(0.7 * width // 2)
    best: tuple[int, int] | None = None
    start = None
    for i in range(lo, hi + 1):
        if counts[i] <= allowed:
            start = i if start is None else start
            if best is None or (i - start) > (best[1] - best[0]):
                best = (start, i)
        else:
            start = None
    if best is None or (best[1] - best[0] + 1) * 2 < 6:
        return None
    g0, g1 = best[0] * 2.0, (best[1] + 1) * 2.0
    left = [x for r in rows for x in r if x["x1"] <= g0]
    right = [x for r in rows for x in r if x["x0"] >= g1]
    # A short side column (a "summary" box beside the text) still makes a column, so the share needed is
    # small; it must span several rows, though, or a stray word would split the page.
    right_rows = sum(1 for r in rows if any(x["x0"] >= g1 for x in r))
    if len(left) < 0.08 * (len(left) + len(right)) or len(right) < 0.08 * (len(left) + len(right)):
        return None
    if right_rows < 3:
        return None
    # Real columns fill to the gutter: most left-column rows end close to it.
    left_ends = [max(x["x1"] for x in r if x["x1"] <= g0) for r in rows if any(x["x1"] <= g0 for x in r)]
    near = sum(1 for e in left_ends if g0 - e < 0.2 * g0)
    if near * 2 < len(left_ends):
        return None
    return g0, g1


# --------------------------------------------------------------------------------------------- analysis


def _build_document(
    pages: list[_Page],
    info_title: str,
    failed: list[int],
    *,
    trust: str,
    source: SourceInfo,
    parser: PdfParser,
) -> Document:
    _mark_furniture(pages)
    lines = [it for p in pages for it in p.items if isinstance(it, _Line)]
    body_lines = [ln for ln in lines if not ln.furniture]
    body_size = _body_size(body_lines)
    title_lines = _title_lines(pages, body_lines, body_size)
    vocab = _vocabulary(body_lines)
    items = list(_blocks(pages, body_size, title_lines, vocab))

    front = _front_blocks(items)
    meta = extract_metadata(front)
    for key, value in _front_sheet_pairs(pages):
        if key not in meta and (clean := clean_value(key, value)):
            meta[key] = clean
    items = [_as_furniture(it) if isinstance(it, Block) and _is_control(it, front) else it for it in items]
    title, source_kind = choose_title(
        _title_candidates(meta, info_title, _cover_lines(pages, lines, body_size), body_size, items),
        source.path,
    )
    meta["title"] = title
    meta["title_source"] = source_kind
    if failed:
        meta["pages_unreadable"] = ", ".join(str(n) for n in failed)
    if quality := _text_quality(pages, body_lines):
        meta["text_quality"] = quality
    if "document_type" not in meta and (kind := document_type_from(title)):
        meta["document_type"] = kind
    preamble, sections = build_sections(items)
    return Document(
        id=make_document_id(trust, source.sha256),
        trust=trust,
        title=title,
        source=SourceRef(
            path=source.path,
            media_type=parser.media_type,
            sha256=source.sha256,
            parser=f"{parser.name}@{parser.version}",
            size=source.size,
            pages=len(pages) + len(failed),
        ),
        preamble=preamble,
        sections=sections,
        meta=meta,
    )


def _mark_furniture(pages: list[_Page]) -> None:
    """Band lines that recur on many pages are running headers/footers.

    Text must recur exactly, except that a line carrying a page number ("Page 3 of 22", "- 3 -") may
    differ in its digits. Digits are not ignored elsewhere, so "4.1 Scope" at the top of one page and
    "5.1 Duties" at the top of the next are not taken for a running header.
    """
    exact: dict[tuple[str, str], set[int]] = {}
    numbered: dict[tuple[str, str], set[int]] = {}
    for page in pages:
        for it in page.items:
            if isinstance(it, _Line) and it.band:
                exact.setdefault((it.band, _plain(it.text)), set()).add(page.number)
                numbered.setdefault((it.band, _furniture_key(it.text)), set()).add(page.number)
    need = max(2, math.ceil(_REPEAT_SHARE * len(pages)))
    stray = _stray_repeats(pages)
    for page in pages:
        for it in page.items:
            if not (isinstance(it, _Line) and it.band):
                continue
            key = _furniture_key(it.text)
            if id(it) in stray:
                continue
            if _FURNITURE_PATTERNS.match(key) or len(exact[(it.band, _plain(it.text))]) >= need:
                it.furniture = True
            elif _PAGE_NUMBER.search(key) and (len(numbered[(it.band, key)]) >= need or len(pages) == 1):
                it.furniture = True


def _stray_repeats(pages: list[_Page]) -> set[int]:
    """Band lines printed twice on one page, where the copy away from the running text's usual place is
    body: a title set just below a running header that repeats it ("Sepsis Guideline" over "Sepsis
    Guideline") is the document's title, not furniture."""
    where: dict[tuple[str, str], list[tuple[int, float, _Line]]] = {}
    for page in pages:
        for it in page.items:
            if isinstance(it, _Line) and it.band:
                place = (page.number, it.top / page.height, it)
                where.setdefault((it.band, _plain(it.text)), []).append(place)
    stray: set[int] = set()
    for seen in where.values():
        per_page = Counter(n for n, _, _ in seen)
        if max(per_page.values()) < 2:
            continue
        usual = sorted(pos for n, pos, _ in seen if per_page[n] == 1) or sorted(pos for _, pos, _ in seen)
        middle = usual[len(usual) // 2]
        for n in (n for n, k in per_page.items() if k > 1):
            copies = sorted((abs(pos - middle), id(ln)) for m, pos, ln in seen if m == n)
            stray.update(i for _, i in copies[1:])
    return stray


def _plain(text: str) -> str:
    return " ".join(text.lower().split())


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", _plain(text))


def _body_size(lines: list[_Line]) -> float:
    sizes: Counter[float] = Counter()
    for ln in lines:
        sizes[ln.size] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _title_lines(pages: list[_Page], body: list[_Line], body_size: float) -> list[_Line]:
    """The largest-font lines at the top of page 1, when that size is used nowhere else as a heading."""
    first = [ln for ln in body if ln.page == pages[0].number]
    if not first:
        return []
    biggest = max(ln.size for ln in first)
    if biggest < body_size + 1.5:
        return []
    if any(ln.size >= biggest for ln in body if ln.page != pages[0].number):
        return []
    out: list[_Line] = []
    for ln in first:
        if ln.size == biggest:
            if out and ln.top - out[-1].bottom > ln.bottom - ln.top:
                break
            out.append(ln)
        elif out:
            break
    return out


def _vocabulary(lines: list[_Line]) -> set[str]:
    vocab: set[str] = set()
    for ln in lines:
        for word in ln.text.lower().split()[:-1] or []:
            vocab.add(word.strip(".,;:()[]\"'"))
    return vocab


@dataclass(slots=True)
class _Para:
    lines: list[_Line]
    kind: str  # "heading" / "list" / "text"

    @property
    def last(self) -> _Line:
        return self.lines[-1]


def _classify(line: _Line, body_size: float) -> str:
    text = line.text
    words = len(text.split())
    first = text.split(" ", 1)[0]
    if first in _BULLETS or strip_bullet(text)[1]:
        return "list"
    number, _ = split_heading_number(text)
    ends_sentence = text.rstrip().endswith((".", ";", ","))
    if line.size >= body_size + 1.0 and words <= 25 and not ends_sentence:
        return "heading"
    if line.bold and words <= 15 and not ends_sentence:
        return "heading"
    if number and words <= 12 and not ends_sentence and ("." in number or not number[0].isdigit()):
        return "heading"
    if _LIST_NUMBER.match(text):
        return "list"
    return "text"


def _can_join(para: _Para, line: _Line, kind: str) -> bool:
    prev = para.last
    if kind == "list" or line.size != prev.size or line.bold != prev.bold:
        return False
    if kind == "heading" and para.kind == "heading":
        gap = line.top - prev.bottom
        return prev.page == line.page and gap < 0.8 * (prev.bottom - prev.top) and not _numbered(line)
    if kind != "text" or para.kind == "heading":
        return False
    # A line that ends early although the next line's first word would have fitted was broken on purpose.
    room = prev.col_right - prev.x1
    if room > line.first_width + 0.6 * prev.size:
        return False
    same_flow = prev.page == line.page and prev.segment == line.segment
    if not same_flow and prev.text.endswith((".", ":", ";", "!", "?")) and line.text[:1].isupper():
        return False  # across a page or column break, a finished sentence is taken to end the paragraph
    if same_flow:
        gap = line.top - prev.bottom
        if gap > 0.7 * (prev.bottom - prev.top) or gap < -1:
            return False
    if not same_flow:
        return True
    if para.kind == "text" and len(para.lines) == 1 and line.x0 < prev.x0 - 1:
        return True  # a first-line indent: the rest of the paragraph sits left of it
    # Continuation lines line up with the text of the first line (after its bullet), then with each other.
    expected = para.lines[0].text_x0 if len(para.lines) == 1 else prev.x0
    return abs(line.x0 - expected) <= 3


def _wraps_styled(para: _Para, line: _Line, kind: str, body_size: float) -> bool:
    """A run set in heading type (larger or bold) wrapped onto its next line, where one of the two lines
    was read as text only for ending in a comma or full stop ('For full details on cautions,' /
    'contraindications, drug interactions ...'): one run, read as one heading, however its lines end.
    The line above must be full (the next line's first word would not have fitted), so a short heading
    followed by a sentence in the same type stays apart, and so does a heading after a finished sentence."""
    prev = para.last
    if {kind, para.kind} != {"heading", "text"} or line.size != prev.size or line.bold != prev.bold:
        return False
    if not (line.bold or line.size >= body_size + 1.0) or prev.page != line.page or _numbered(line):
        return False
    if prev.text.rstrip().endswith((".", "!", "?", ":")) and line.text[:1].isupper():
        return False  # a finished sentence, then a heading in the same type ('... record it.' / 'Scope')
    gap = line.top - prev.bottom
    room = prev.col_right - prev.x1
    return -1 <= gap < 0.8 * (prev.bottom - prev.top) and room <= line.first_width + 0.6 * prev.size


def _numbered(line: _Line) -> bool:
    return split_heading_number(line.text)[0] is not None


def _blocks(
    pages: list[_Page], body_size: float, title_lines: list[_Line], vocab: set[str]
) -> Iterator[Heading | Block]:
    """The flat stream of headings and blocks in reading order (furniture included, flagged)."""
    heading_sizes = _heading_levels(pages, body_size, title_lines)
    list_base = _list_base(pages, body_size)
    counter = 0
    para: _Para | None = None
    title_ids = {id(ln) for ln in title_lines}

    furniture: list[_Line] = []
    table: _Table | None = None  # held back in case it continues at the top of the next page

    def flush() -> Iterator[Heading | Block]:
        # Furniture met inside a paragraph or table (a page break) follows it.
        nonlocal para, table, counter
        if para is not None:
            yield _emit(para, body_size, heading_sizes, list_base, vocab, counter)
            counter += 1
            para = None
        if table is not None:
            yield _table_block(table, counter)
            counter += 1
            table = None
        for line in furniture:
            yield Block(
                kind=BlockKind.PARAGRAPH,
                text=one_line(line.text),
                layer=Layer.FURNITURE,
                prov=Provenance(page=line.page, index=counter, style=_style(line)),
            )
            counter += 1
        furniture.clear()

    for page in pages:
        for it in page.items:
            if isinstance(it, _Table):
                if table is not None and para is None and _continues(table, it):
                    _extend_table(table, it)
                    continue
                yield from flush()
                table = _Table(it.page, it.top, it.x0, list(it.rows))
                continue
            if it.furniture or _TOC_LINE.search(it.text):
                # A table-of-contents line ("4.2 Escalation ........ 7") is navigation, not a heading.
                furniture.append(it)
                if para is None and table is None:
                    yield from flush()
                continue
            kind = "title" if id(it) in title_ids else _classify(it, body_size)
            if para is not None and _wraps_styled(para, it, kind, body_size):
                para.lines.append(it)
                para.kind = "heading"
                continue
            if para is not None and kind != "title" and _can_join(para, it, kind):
                para.lines.append(it)
                continue
            if para is not None and para.kind == "title" and kind == "title":
                para.lines.append(it)
                continue
            yield from flush()
            para = _Para(lines=[it], kind=kind)
    yield from flush()


def _extend_table(table: _Table, nxt: _Table) -> None:
    """Append a table's continuation: drop a repeated header row, re-join a row split by the page break."""
    rows = nxt.rows[1:] if nxt.rows[0] == table.rows[0] else list(nxt.rows)
    if rows and _row_continues(table.rows[-1], rows[0]):
        last = table.rows[-1]
        table.rows[-1] = tuple(" ".join(p for p in (a, b) if p) for a, b in zip(last, rows[0], strict=True))
        rows = rows[1:]
    table.rows.extend(rows)
    table.page_end = nxt.page


_CELL_END = (".", "!", "?", ":", ";")


def _row_continues(last: tuple[str, ...], first: tuple[str, ...]) -> bool:
    """Whether the first row on a page is the rest of the last row of the page before, broken by the page
    break: its first cell is empty (the label stayed on the last page), or every cell it fills carries on
    the words above it (lower case, after a cell that stops mid-sentence: 'up to a maximum of 2' /
    'litres.'). A cell filled below an empty one, or starting a new sentence or a number, is a new row."""
    if len(first) != len(last) or not any(first):
        return False
    if not first[0] and last[0]:
        return True
    carried = False
    for above, below in zip(last, first, strict=True):
        if not below:
            continue
        if not above or above.rstrip().endswith(_CELL_END) or not below[:1].islower():
            return False
        carried = True
    return carried


def _continues(table: _Table, nxt: _Table) -> bool:
    """A table at the top of a page with the same columns continues the one that ended the last page."""
    width = max(len(r) for r in table.rows)
    return nxt.page == table.page_end + 1 and max(len(r) for r in nxt.rows) == width


def _heading_levels(
    pages: list[_Page], body_size: float, title_lines: list[_Line]
) -> dict[tuple[float, bool], int]:
    """Level of an unnumbered heading from its size rank (bigger first); bold body-size headings last."""
    title_ids = {id(ln) for ln in title_lines}
    styles: set[tuple[float, bool]] = set()
    for page in pages:
        for it in page.items:
            if isinstance(it, _Line) and not it.furniture and id(it) not in title_ids:
                if _classify(it, body_size) == "heading":
                    styles.add((it.size, it.bold))
    ranked = sorted(styles, key=lambda s: (-s[0], not s[1]))
    return {style: min(i + 1, 6) for i, style in enumerate(ranked)}


def _list_base(pages: list[_Page], body_size: float) -> dict[int, list[float]]:
    """Distinct list indents per column, outermost first: a list item's depth is its indent's rank."""
    seen: dict[int, list[float]] = {}
    for page in pages:
        for it in page.items:
            if isinstance(it, _Line) and not it.furniture and _classify(it, body_size) == "list":
                seen.setdefault(it.col, []).append(it.x0)
    levels: dict[int, list[float]] = {}
    for col, xs in seen.items():
        for x in sorted(xs):
            if not levels.get(col) or x - levels[col][-1] > 4:
                levels.setdefault(col, []).append(x)
    return levels


def _emit(
    para: _Para,
    body_size: float,
    heading_sizes: dict[tuple[float, bool], int],
    list_base: dict[int, list[float]],
    vocab: set[str],
    index: int,
) -> Heading | Block:
    first = para.lines[0]
    text = _join_lines([ln.text for ln in para.lines], vocab)
    prov = Provenance(page=first.page, index=index, style=_style(first))
    if para.kind == "heading":
        number, rest = split_heading_number(one_line(text))
        return Heading(text=rest, level=heading_sizes.get((first.size, first.bold)), number=number)
    if para.kind == "list":
        # The bullet glyph or list label ("1.", "(a)") goes, as Word's automatic numbering is not part of
        # a DOCX paragraph's text either: the same document then reads the same from DOCX and PDF.
        stripped, _ = strip_bullet(text)
        if stripped == text and text.split(" ", 1)[0] in _BULLETS:
            stripped = text.split(" ", 1)[1] if " " in text else ""
        if stripped == text and _LIST_NUMBER.match(text):
            stripped = text.split(" ", 1)[1]
        indents = list_base.get(first.col, [first.x0])
        depth = max(0, sum(1 for x in indents if x < first.x0 - 4))
        return Block(kind=BlockKind.LIST_ITEM, text=normalise(stripped), depth=depth, prov=prov)
    return Block(kind=BlockKind.PARAGRAPH, text=normalise(text), prov=prov)


def _join_lines(texts: list[str], vocab: set[str]) -> str:
    """Join wrapped lines with spaces, repairing words split by an end-of-line hyphen.

    Rule (see `_keep_hyphen`): the hyphen is dropped only between two lower-case letters, and only when the
    hyphenated form is not spelled elsewhere in the document and is not a usual compound ("follow-up").
    """
    out = texts[0].rstrip()
    for nxt in texts[1:]:
        nxt = nxt.lstrip()
        if out.endswith(_HYPHENS) and len(out) > 1 and nxt:
            left = out[:-1]
            head = re.split(r"[^A-Za-z]", left)[-1]
            tail = re.split(r"[^A-Za-z]", nxt)[0]
            if _keep_hyphen(head, tail, vocab):
                out = left + "-" + nxt
            else:
                out = left + nxt
        else:
            out = f"{out} {nxt}"
    return out


def _keep_hyphen(head: str, tail: str, vocab: set[str]) -> bool:
    if not (head and tail and head[-1].islower() and tail[0].islower()):
        return True  # "COVID-19", "Trust-Wide", "-" before a number: a real hyphen
    h, t = head.lower(), tail.lower()
    if f"{h}-{t}" in vocab:
        return True
    if h + t in vocab:
        return False
    return h in _COMPOUND_FIRST or t in _COMPOUND_SECOND


def _table_block(table: _Table, index: int) -> Block:
    width = max(len(r) for r in table.rows)
    rows = tuple(tuple(r) + ("",) * (width - len(r)) for r in table.rows)
    text = "\n".join(" | ".join(c for c in row if c) for row in rows)
    return Block(
        kind=BlockKind.TABLE,
        text=normalise(text),
        rows=rows,
        prov=Provenance(page=table.page, index=index, style="table"),
    )


def _style(line: _Line) -> str:
    return f"{line.font} {line.size:g}"


def _front_blocks(items: list[Heading | Block]) -> list[Block]:
    """Blocks of the front sheet: everything before the first heading, plus tables on early pages."""
    out: list[Block] = []
    before_heading = True
    for it in items:
        if isinstance(it, Heading):
            before_heading = False
            continue
        if it.layer == Layer.FURNITURE and it.kind != BlockKind.TABLE:
            continue
        page = it.prov.page if it.prov else 1
        if before_heading or (it.kind == BlockKind.TABLE and (page or 1) <= 2):
            out.append(it)
    return out


def _is_control(block: Block, front: list[Block]) -> bool:
    if block.layer == Layer.FURNITURE:
        return False
    if block.kind == BlockKind.TABLE:
        # Version-history tables often sit at the end; control tables anywhere are furniture.
        return is_control_block(block)
    return any(block is f for f in front) and is_control_block(block)


def _as_furniture(block: Block) -> Block:
    return Block(
        kind=block.kind,
        text=block.text,
        layer=Layer.FURNITURE,
        depth=block.depth,
        rows=block.rows,
        prov=block.prov,
    )


def _clean_info_title(title: str) -> str:
    """The PDF's Info Title when it names the document; not a file name, path, URL or an editor's default."""
    title = one_line(title)
    title = re.sub(r"^Microsoft (Word|PowerPoint|Excel) - ", "", title)
    if not title or re.search(
        r"(?i)\.(docx?|pdf|rtf|odt|pptx?)$|^untitled|^document\d*$|^slide \d+$|^powerpoint presentation$|"
        r"^(?:microsoft )?word document$|^preview$|^print$|^scan\w*$|_|^https?:|^[a-z]:\\|/",
        title,
    ):
        return ""
    return title


_VOWELS = frozenset("aeiouyAEIOUY")
# Share of word-like tokens that read as noise above which a text layer is flagged as OCR noise.
_NOISE_SHARE = 0.2


def noise_share(texts: list[str]) -> float:
    """Share of letter tokens that no language spells: no vowel in 3+ letters, or case flipping inside a
    word ("tHe", "aNd"), or single letters other than "a"/"I" -- what a poor OCR text layer is made of."""
    tokens = [t for text in texts for t in re.findall(r"[A-Za-z]+", text)]
    if len(tokens) < 30:
        return 0.0
    bad = 0
    for t in tokens:
        if len(t) == 1:
            bad += t not in "aAI"
        elif len(t) >= 3 and not any(c in _VOWELS for c in t) and not t.isupper():
            bad += 1
        elif re.search(r"[a-z][A-Z][a-z]", t):
            bad += 1
    return bad / len(tokens)


def _text_quality(pages: list[_Page], body_lines: list[_Line]) -> str:
    """ "good", or what is wrong with the text layer: repaired glyph codes, unreadable glyphs, OCR noise,
    pages with no text. Matching and review can then treat the text with the care it needs."""
    flags: list[str] = []
    cids = sum(p.cids for p in pages)
    unmapped = sum(p.unmapped for p in pages)
    if cids:
        flags.append("glyph codes unreadable" if unmapped * 5 > cids else "glyph codes mapped to text")
    if noise_share([ln.text for ln in body_lines]) > _NOISE_SHARE:
        flags.append("OCR noise")
    blank = [p.number for p in pages if p.chars < _MIN_TEXT_CHARS]
    if blank:
        flags.append(f"{len(blank)} of {len(pages)} pages without text")
    return "; ".join(flags) or "good"


def _front_sheet_pairs(pages: list[_Page]) -> Iterator[tuple[str, str]]:
    """(key, value) pairs of a borderless document-control table on the first two pages.

    A row is cut into cells where a wide gap or a run of spaces opens; a label cell ("Approving body",
    "Review date") takes the next cell of its row as its value, and a "Label: value" cell reads as one.
    A value that breaks off on a joining word ("... (Whiston) and") continues on the next row.
    """
    for page in pages[:2]:
        rows: dict[int, list[_Line]] = {}
        for ln in page.cover:
            rows.setdefault(ln.segment, []).append(ln)
        order = sorted(rows)
        for i, number in enumerate(order):
            cells = [
                c.strip()
                for ln in sorted(rows[number], key=lambda ln: ln.x0)
                for c in re.split(r"\s{2,}", ln.text)
                if c.strip()
            ]
            for j, cell in enumerate(cells):
                pair = next(iter(pair_from_line(cell, strict=True)), None)
                if pair is not None and pair[1].strip():
                    yield pair
                    continue
                key = label_key(cell.rstrip(" :")) if not re.search(r"\d", cell) else None
                if key is None or key == "title" or j + 1 >= len(cells) or label_key(cells[j + 1]):
                    continue
                value = cells[j + 1]
                if re.search(r"(?i)(?:\band|\bof|\bthe|,|&)$", value) and i + 1 < len(order):
                    below = rows[order[i + 1]]
                    if len(below) == 1 and not label_key(below[0].text):
                        value += " " + below[0].text.strip()
                yield key, value


def _cover_lines(
    pages: list[_Page], lines: list[_Line], body_size: float
) -> tuple[list[_Line], float, float]:
    """Every phrase of the first page with text, and that page's height and width, less the running
    headers and footers in small type (a title repeated at the top of every page in large type is still
    the title)."""
    furniture: dict[int, list[_Line]] = {}
    for ln in lines:
        if ln.furniture:
            furniture.setdefault(ln.page, []).append(ln)

    def is_furniture(ln: _Line) -> bool:
        text = _plain(ln.text)
        return any(abs(f.top - ln.top) < 3 and text in _plain(f.text) for f in furniture.get(ln.page, ()))

    for page in pages[:2]:
        cover = [ln for ln in page.cover if ln.size >= body_size + 2 or not is_furniture(ln)]
        if sum(len(ln.text) for ln in cover) >= _MIN_TEXT_CHARS:
            return cover, page.height, page.width
    return [], 0.0, 0.0


def _font_runs(cover: list[_Line], height: float, width: float = 0.0) -> list[tuple[float, str, list[_Line]]]:
    """Runs of adjacent same-size lines on the cover page: those in its upper half first, then the rest,
    each part biggest type first (then earliest). On a landscape page (a folded leaflet's panels) the
    cover panel centres its title, often just below mid-height: there the upper part is the top two thirds.

    A title set in large type often wraps over two or three lines; a run stops at a change of size or a
    gap taller than a line. Titles sit at the top: a bigger slogan lower on a poster ("STOP THE BLEED")
    comes after them.
    """
    runs: list[list[_Line]] = []
    used: set[int] = set()
    for i, ln in enumerate(cover):
        if i in used:
            continue
        run = [ln]
        # The next line of a title may come after a phrase beside it ("Hospital No:" in a form's box).
        for j in range(i + 1, min(i + 8, len(cover))):
            nxt, prev = cover[j], run[-1]
            if j in used or len(run) >= 6 or nxt.page != prev.page:
                continue
            line_height = max(prev.bottom - prev.top, 1.0)
            same_size = abs(nxt.size - prev.size) <= max(0.5, 0.08 * prev.size)
            # Display type on a cover may stand a few lines apart and still be one title.
            reach = 6.0 if prev.size >= 24 else 0.9  # 24 pt and up: display type
            close = -1 <= nxt.top - prev.bottom <= reach * line_height
            overlap = min(nxt.x1, prev.x1) - max(nxt.x0, prev.x0)  # the lines stand over each other
            if same_size and close and overlap > 0:
                run.append(nxt)
                used.add(j)
        runs.append(run)

    def rank(item: tuple[int, list[_Line]]) -> tuple[bool, float, int]:
        order, run = item
        lower = run[0].top > (0.5 if width <= height else 0.67) * height
        return (lower, -max(ln.size for ln in run), order)

    ranked = sorted(enumerate(runs), key=rank)
    return [(max(ln.size for ln in run), _run_text(run), run) for _, run in ranked]


def _run_text(run: list[_Line]) -> str:
    """A run's lines as one title, stopping at a line that is a sentence, notice or instruction of its
    own (a subtitle such as "Ensure a senior member of staff is available" set in the same type)."""
    kept = [run[0].text]
    for ln in run[1:]:
        why = why_not_title(ln.text)
        # An instruction starts a new sentence with a capital; "after Sexual Assault and /" continues.
        if why in ("sentence", "notice", "form field") or (why == "instruction" and ln.text[:1].isupper()):
            break
        kept.append(ln.text)
    return " ".join(kept)


_NAMES_KIND = re.compile(
    r"(?i)\b(?:pathway|guideline|policy|protocol|procedure|proforma|algorithm|bundle|checklist|leaflet|"
    r"care plan|record|chart|flowchart|toolkit)s?\b"
)

# "Procedure – Nursing and Patient Safety", "Guideline: Paediatrics": a kind of document and its category.
_KIND_LABEL = re.compile(r"(?i)^\s*(?:" + _NAMES_KIND.pattern.removeprefix("(?i)") + r")\s*[–—:|-]")


def _title_candidates(
    meta: dict[str, str],
    info_title: str,
    cover: tuple[list[_Line], float, float],
    body_size: float,
    items: list,
) -> Iterator[Candidate]:
    """Title candidates in order of trust: front sheet, clearly large type, the PDF's Title, larger type,
    the first heading of the first two pages (see `converge.core.parsers.titles`)."""
    if meta.get("title"):
        yield Candidate(meta["title"], FRONT_SHEET)
    runs = _font_runs(*cover)
    height = cover[1]
    for size, text, run in runs:
        # Lines at the very top naming the kind of document ("ADULT SEPSIS PATHWAY", "... (TIME bundle)")
        # are its title even when a poster's slogan or a score box below them is set larger; not when larger
        # type stands above them (the title over its "Procedure – Nursing" kind line), nor a kind label.
        if run[0].top < 0.2 * height and size >= body_size and _NAMES_KIND.search(text):
            larger_above = any(s > size and r[0].top < run[0].top for s, _, r in runs)
            if larger_above or _KIND_LABEL.match(text):
                continue
            if len(text.split()) >= 3 and not re.search(r"\d", text):
                yield Candidate(text, LARGE_FONT)
    for strong in (True, False):
        for size, text, run in runs:
            if (size >= body_size + 2) != strong or size < body_size + 1:
                continue
            yield Candidate(text, LARGE_FONT)
            if len(run) > 1:
                for ln in run:
                    yield Candidate(ln.text, LARGE_FONT)
        if strong and (info := _clean_info_title(info_title)):
            yield Candidate(info, FILE_PROPERTIES)
    for it in items[:200]:
        if isinstance(it, Heading):
            yield Candidate(it.text, HEADING)
            break
        if isinstance(it, Block) and it.prov and (it.prov.page or 1) > 2:
            break


__all__ = ["PARSER", "PdfParser"]
