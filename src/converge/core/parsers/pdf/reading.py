"""Reading a PDF with pdfplumber: pages -> words (font and size kept) -> lines in reading order, tables.

One pass of `extract_words` per page; two-column pages are split at their gutter; turned (rotated) text
is read upright. Tables are read only on pages that draw ruling lines, so plain text pages cost little
more than `extract_text`.
"""

from __future__ import annotations

import io
import re
import warnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from converge.core.config import Settings
from converge.core.errors import InputTooLarge, ParseError
from converge.core.parsers.pdf.lines import BULLETS, LIST_NUMBER, MIN_TEXT_CHARS, PageContent, PageTable, TextLine
from converge.core.text import one_line

if TYPE_CHECKING:
    import pdfplumber
    import pdfplumber.page

# Page bands where running headers and footers live, as a share of page height.
_TOP_BAND = 0.12
_BOTTOM_BAND = 0.88
_BOLD = re.compile(r"(?i)bold|black|heavy|semibold|demibold")
_SUBSET = re.compile(r"^[A-Z]{6}\+")


def read_pdf(data: bytes, settings: Settings) -> tuple[list[PageContent], str, list[int]]:
    """Open the PDF and turn each page into lines and tables, translating every failure to ParseError.

    A page that fails to read is skipped and its number returned, so one bad page never loses the
    others; only a file that cannot be opened at all, or none of whose pages can be read, is refused.
    """
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    pages: list[PageContent] = []
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
    page tree or page dictionary cannot survive (pages are opened one by one in `read_pdf`)."""
    import pdfplumber

    pdf = pdfplumber.open(io.BytesIO(data))
    try:
        yield pdf
    finally:
        pdf.flush_cache()


def _page_objects(pdf: Any) -> list:
    """The PDF's pages in order from its page tree; when the tree itself is broken (a kid that is not a
    page reference), every /Page object in the file instead, as pdfminer does when /Pages is missing."""
    from pdfminer.pdfpage import PDFPage
    from pdfminer.psparser import LIT

    doc = pdf.doc
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


def _open_page(pdf: Any, page_object: Any, number: int, doctop: float) -> pdfplumber.page.Page:
    """A pdfplumber page; a page dictionary with a malformed box or rotation (which pdfplumber indexes
    blindly, "list index out of range") is repaired the way pdfminer reads it: the default box, no turn."""
    from pdfminer.pdftypes import resolve1
    from pdfplumber.page import Page

    try:
        return Page(pdf, page_object, page_number=number, initial_doctop=doctop)
    except Exception:
        attrs = page_object.attrs
        for key in _BOX_KEYS:
            box = resolve1(attrs.get(key)) if key in attrs else None
            good = (
                isinstance(box, list)
                and len(box) == 4
                and all(isinstance(resolve1(v), int | float) for v in box)
            )
            if key in attrs and not good:
                del attrs[key]
        if "MediaBox" not in attrs:
            mediabox = getattr(page_object, "mediabox", None)
            attrs["MediaBox"] = list(mediabox) if mediabox else [0, 0, 612, 792]
        if not isinstance(resolve1(attrs.get("Rotate", 0)), int):
            attrs["Rotate"] = 0
        return Page(pdf, page_object, page_number=number, initial_doctop=doctop)


def _info_title(pdf: Any) -> str:
    try:
        value = pdf.metadata.get("Title")
    except Exception:  # a broken Info dictionary is no reason to lose the document
        return ""
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return str(value or "")


def _check_text_layer(pages: list[PageContent]) -> None:
    """Refuse only a PDF with no text at all: a scan with a few typed pages is still read."""
    if sum(p.chars for p in pages) - sum(p.unmapped for p in pages) >= MIN_TEXT_CHARS:
        return
    if any(p.images for p in pages):
        raise ParseError("no text layer (scanned?), needs OCR")
    raise ParseError("PDF has no text")


_CID = re.compile(r"\(cid:(\d+)\)")


def _decode_cids(word: dict, page: PageContent) -> None:
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


def _read_page(page: pdfplumber.page.Page, cover: bool = False) -> PageContent:
    out = PageContent(number=page.page_number, width=float(page.width), height=float(page.height))
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
        lines, [PageTable(out.number, float(b[1]), float(b[0]), rows) for b, rows in tables]
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


def _turned_words(chars: list[dict], out: PageContent) -> tuple[list[dict], int]:
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


def _phrases(words: list[dict], page: PageContent) -> list[TextLine]:
    """Rows of words cut where the type size changes or a wide gap opens: on a cover or a form, a title
    shares its row with a "Hospital No." box or a logo's text, and must be read apart from them."""
    out: list[TextLine] = []
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


def _place_tables(lines: list[TextLine], tables: list[PageTable]) -> list[TextLine | PageTable]:
    """Put each table before the first line of its own column that lies below it."""
    if not tables:
        return list(lines)
    out: list[TextLine | PageTable] = []
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


def _make_line(words: list[dict], page: int) -> TextLine:
    sizes: Counter[float] = Counter()
    fonts: Counter[str] = Counter()
    for w in words:
        sizes[round(float(w["size"]) * 2) / 2] += len(w["text"])
        fonts[w["fontname"]] += len(w["text"])
    font = _SUBSET.sub("", fonts.most_common(1)[0][0])
    text = " ".join(w["text"] for w in words)
    text_x0 = float(words[0]["x0"])
    first = words[0]["text"]
    if len(words) > 1 and (first in BULLETS or LIST_NUMBER.match(first + " x")):
        text_x0 = float(words[1]["x0"])
    return TextLine(
        page=page,
        top=float(min(w["top"] for w in words)),
        bottom=float(max(w["bottom"] for w in words)),
        x0=float(words[0]["x0"]),
        x1=float(words[-1]["x1"]),
        text=text,
        size=sizes.most_common(1)[0][0],
        bold=all(_BOLD.search(w["fontname"]) for w in words if w["text"] not in BULLETS),
        font=font,
        first_width=float(words[0]["x1"] - words[0]["x0"]),
        text_x0=text_x0,
    )


_COLUMN_BAND = 0.06


def _reading_order(rows: list[list[dict]], page: PageContent) -> list[TextLine]:
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
    if gutter is None:
        lines = [_make_line(row, page.number) for row in rows]
        for line in lines:
            line.col_left, line.col_right = 0.0, w
    else:
        lines = _column_lines(rows, page, gutter)
    _mark_edges_and_bands(lines, h)
    return lines


def _column_lines(rows: list[list[dict]], page: PageContent, gutter: tuple[float, float]) -> list[TextLine]:
    """Lines of a two-column page: each segment's left column, then its right column."""
    h, w = page.height, page.width
    g0, g1 = gutter
    middle = (g0 + g1) / 2
    lines: list[TextLine] = []
    left: list[TextLine] = []
    right: list[TextLine] = []
    segment = 0
    for row in rows:
        in_band = not (row[0]["top"] > _COLUMN_BAND * h and row[0]["bottom"] < (1 - _COLUMN_BAND) * h)
        # A row crosses only when a word spans the gutter's middle (a title over both columns); a word
        # that merely runs into the gutter strip still belongs to its column.
        crossing = any(x["x0"] < middle < x["x1"] for x in row)
        if crossing or in_band:
            segment = _close_segment(lines, left, right, segment)
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
    _close_segment(lines, left, right, segment)
    return lines


def _close_segment(lines: list[TextLine], left: list[TextLine], right: list[TextLine], segment: int) -> int:
    """Move a segment's left then right column into `lines`; returns the next segment's number."""
    lines.extend(left)
    for ln in right:
        ln.segment = segment + 1
    lines.extend(right)
    left.clear()
    right.clear()
    return segment + 2


def _mark_edges_and_bands(lines: list[TextLine], height: float) -> None:
    """Each line's column right edge (for "would the next word have fitted") and header/footer band."""
    edges: dict[int, float] = {}
    for ln in lines:
        if not (ln.top < 0.08 * height or ln.bottom > 0.92 * height):
            edges[ln.col] = max(edges.get(ln.col, 0.0), ln.x1)
    for ln in lines:
        ln.col_right = edges.get(ln.col, ln.x1)
        if ln.top < _TOP_BAND * height:
            ln.band = "top"
        elif ln.top > _BOTTOM_BAND * height:
            ln.band = "bottom"


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
