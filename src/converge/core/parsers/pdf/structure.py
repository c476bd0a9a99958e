"""From read pages to a Document: running headers and footers, paragraphs, headings, title, front sheet.

Whole-document rules: running headers/footers are the band lines that repeat across pages; the body size
is the most common size; headings stand out from it by size, weight or numbering.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from converge.core.model import Block, BlockKind, Document, Layer, Provenance
from converge.core.parsers.base import Parser, SourceInfo
from converge.core.parsers.finish import finish_document
from converge.core.parsers.metadata import (
    clean_value,
    extract_metadata,
    is_control_block,
    label_key,
    pair_from_line,
)
from converge.core.parsers.outline import Heading, build_sections, split_heading_number
from converge.core.parsers.pdf.lines import BULLETS, LIST_NUMBER, MIN_TEXT_CHARS, PageContent, PageTable, TextLine
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

# A band line is furniture when its text (digits normalised) recurs on at least this share of pages.
_REPEAT_SHARE = 0.5
_FURNITURE_PATTERNS = re.compile(
    r"(?i)^(page\s+#+(\s+of\s+#+)?|#+\s+of\s+#+|#+|.*uncontrolled (copy )?when (printed|downloaded).*)$"
)
_PAGE_NUMBER = re.compile(r"(?i)\bpage\s+#|\b#+\s*(of|/)\s*#+\b|^[-\u2013 ]*#+[-\u2013 ]*$")
_TOC_LINE = re.compile(r"(?:\.\s?){4,}\s*\d{1,3}$|\u2026+\s*\d{1,3}$|^(table of )?contents$", re.IGNORECASE)
_HYPHENS = ("-", "\u00ad", "\u2010")

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


def build_document(
    pages: list[PageContent],
    info_title: str,
    failed: list[int],
    *,
    trust: str,
    source: SourceInfo,
    parser: Parser,
) -> Document:
    _mark_furniture(pages)
    lines = [it for p in pages for it in p.items if isinstance(it, TextLine)]
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
    running = " | ".join(ln.text for ln in lines if ln.band)  # headers and footers, repeated or not
    candidates = _title_candidates(meta, info_title, _cover_lines(pages, lines, body_size), body_size, items)
    title, source_kind = choose_title((c for c in candidates if not _cited_journal(c.text, running)), source.path)
    if failed:
        meta["pages_unreadable"] = ", ".join(str(n) for n in failed)
    if quality := _text_quality(pages, body_lines):
        meta["text_quality"] = quality
    preamble, sections = build_sections(items)
    return finish_document(
        parser=parser,
        trust=trust,
        source=source,
        title=title,
        title_source=source_kind,
        preamble=preamble,
        sections=sections,
        meta=meta,
        pages=len(pages) + len(failed),
    )


def _mark_furniture(pages: list[PageContent]) -> None:
    """Band lines that recur on many pages are running headers/footers.

    Text must recur exactly, except that a line carrying a page number ("Page 3 of 22", "- 3 -") may
    differ in its digits. Digits are not ignored elsewhere, so "4.1 Scope" at the top of one page and
    "5.1 Duties" at the top of the next are not taken for a running header.
    """
    exact: dict[tuple[str, str], set[int]] = {}
    numbered: dict[tuple[str, str], set[int]] = {}
    for page in pages:
        for it in page.items:
            if isinstance(it, TextLine) and it.band:
                exact.setdefault((it.band, _plain(it.text)), set()).add(page.number)
                numbered.setdefault((it.band, _furniture_key(it.text)), set()).add(page.number)
    need = max(2, math.ceil(_REPEAT_SHARE * len(pages)))
    stray = _stray_repeats(pages)
    for page in pages:
        for it in page.items:
            if not (isinstance(it, TextLine) and it.band):
                continue
            key = _furniture_key(it.text)
            if id(it) in stray:
                continue
            if _FURNITURE_PATTERNS.match(key) or len(exact[(it.band, _plain(it.text))]) >= need:
                it.furniture = True
            elif _PAGE_NUMBER.search(key) and (len(numbered[(it.band, key)]) >= need or len(pages) == 1):
                it.furniture = True


def _stray_repeats(pages: list[PageContent]) -> set[int]:
    """Band lines printed twice on one page, where the copy away from the running text's usual place is
    body: a title set just below a running header that repeats it ("Sepsis Guideline" over "Sepsis
    Guideline") is the document's title, not furniture."""
    where: dict[tuple[str, str], list[tuple[int, float, TextLine]]] = {}
    for page in pages:
        for it in page.items:
            if isinstance(it, TextLine) and it.band:
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


def _cited_journal(text: str, running: str) -> bool:
    """A name a page's header or footer cites as a journal, by year and volume or before a DOI
    ("O'Driscoll BR, et al. Thorax 2017;72:i1", "PLOS ONE | https://doi.org/10.1371/..."): the journal's
    masthead on the first page of what it printed, not the title. Spaces are ignored: journal footers often
    lose them ("PLOSONE|https://doi.org")."""
    name = re.sub(r"\s+", "", one_line(text).strip(" .:|")).lower()
    if not name or len(text.split()) > 8:
        return False
    cited = rf"(?<![a-z0-9]){re.escape(name)}\.?,?(?:(?:19|20)\d\d[;:]\d|\|?(?:https?://)?(?:dx\.)?doi\b)"
    return re.search(cited, re.sub(r"\s+", "", running).lower()) is not None


def _plain(text: str) -> str:
    return " ".join(text.lower().split())


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", _plain(text))


def _body_size(lines: list[TextLine]) -> float:
    sizes: Counter[float] = Counter()
    for ln in lines:
        sizes[ln.size] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _title_lines(pages: list[PageContent], body: list[TextLine], body_size: float) -> list[TextLine]:
    """The largest-font lines at the top of page 1, when that size is used nowhere else as a heading."""
    first = [ln for ln in body if ln.page == pages[0].number]
    if not first:
        return []
    biggest = max(ln.size for ln in first)
    if biggest < body_size + 1.5:
        return []
    if any(ln.size >= biggest for ln in body if ln.page != pages[0].number):
        return []
    out: list[TextLine] = []
    for ln in first:
        if ln.size == biggest:
            if out and ln.top - out[-1].bottom > ln.bottom - ln.top:
                break
            out.append(ln)
        elif out:
            break
    return out


def _vocabulary(lines: list[TextLine]) -> set[str]:
    vocab: set[str] = set()
    for ln in lines:
        for word in ln.text.lower().split()[:-1] or []:
            vocab.add(word.strip(".,;:()[]\"'"))
    return vocab


@dataclass(slots=True)
class _Para:
    lines: list[TextLine]
    kind: str  # "heading" / "list" / "text"

    @property
    def last(self) -> TextLine:
        return self.lines[-1]


def _classify(line: TextLine, body_size: float) -> str:
    text = line.text
    words = len(text.split())
    first = text.split(" ", 1)[0]
    if first in BULLETS or strip_bullet(text)[1]:
        return "list"
    number, _ = split_heading_number(text)
    ends_sentence = text.rstrip().endswith((".", ";", ","))
    if line.size >= body_size + 1.0 and words <= 25 and not ends_sentence:
        return "heading"
    if line.bold and words <= 15 and not ends_sentence:
        return "heading"
    if number and words <= 12 and not ends_sentence and ("." in number or not number[0].isdigit()):
        return "heading"
    if LIST_NUMBER.match(text):
        return "list"
    return "text"


def _can_join(para: _Para, line: TextLine, kind: str) -> bool:
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


def _wraps_styled(para: _Para, line: TextLine, kind: str, body_size: float) -> bool:
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


def _numbered(line: TextLine) -> bool:
    return split_heading_number(line.text)[0] is not None


def _blocks(
    pages: list[PageContent], body_size: float, title_lines: list[TextLine], vocab: set[str]
) -> Iterator[Heading | Block]:
    """The flat stream of headings and blocks in reading order (furniture included, flagged)."""
    stream = _BlockStream(pages, body_size, title_lines, vocab)
    for page in pages:
        for it in page.items:
            if isinstance(it, PageTable):
                yield from stream.add_table(it)
            elif it.furniture or _TOC_LINE.search(it.text):
                # A table-of-contents line ("4.2 Escalation ........ 7") is navigation, not a heading.
                yield from stream.add_furniture(it)
            else:
                yield from stream.add_line(it)
    yield from stream.flush()


class _BlockStream:
    """Lines joined into paragraphs and tables across pages, furniture met inside one following it."""

    def __init__(
        self, pages: list[PageContent], body_size: float, title_lines: list[TextLine], vocab: set[str]
    ) -> None:
        self.body_size = body_size
        self.vocab = vocab
        self.heading_sizes = _heading_levels(pages, body_size, title_lines)
        self.list_base = _list_base(pages, body_size)
        self.title_ids = {id(ln) for ln in title_lines}
        self.counter = 0
        self.para: _Para | None = None
        self.table: PageTable | None = None  # held back in case it continues at the top of the next page
        self.furniture: list[TextLine] = []

    def add_table(self, it: PageTable) -> Iterator[Heading | Block]:
        if self.table is not None and self.para is None and _continues(self.table, it):
            _extend_table(self.table, it)
            return
        yield from self.flush()
        self.table = PageTable(it.page, it.top, it.x0, list(it.rows))

    def add_furniture(self, it: TextLine) -> Iterator[Heading | Block]:
        self.furniture.append(it)
        if self.para is None and self.table is None:
            yield from self.flush()

    def add_line(self, it: TextLine) -> Iterator[Heading | Block]:
        """Join the line to the open paragraph when it continues it, else start a new one."""
        kind = "title" if id(it) in self.title_ids else _classify(it, self.body_size)
        para = self.para
        if para is not None and _wraps_styled(para, it, kind, self.body_size):
            para.lines.append(it)
            para.kind = "heading"
        elif para is not None and kind != "title" and _can_join(para, it, kind):
            para.lines.append(it)
        elif para is not None and para.kind == "title" and kind == "title":
            para.lines.append(it)
        else:
            yield from self.flush()
            self.para = _Para(lines=[it], kind=kind)

    def flush(self) -> Iterator[Heading | Block]:
        """The open paragraph and table, then the furniture met inside them (a page break)."""
        if self.para is not None:
            para, sizes = self.para, self.heading_sizes
            yield _emit(para, self.body_size, sizes, self.list_base, self.vocab, self.counter)
            self.counter += 1
            self.para = None
        if self.table is not None:
            yield _table_block(self.table, self.counter)
            self.counter += 1
            self.table = None
        for line in self.furniture:
            yield Block(
                kind=BlockKind.PARAGRAPH,
                text=one_line(line.text),
                layer=Layer.FURNITURE,
                prov=Provenance(page=line.page, index=self.counter, style=_style(line)),
            )
            self.counter += 1
        self.furniture.clear()


def _extend_table(table: PageTable, nxt: PageTable) -> None:
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


def _continues(table: PageTable, nxt: PageTable) -> bool:
    """A table at the top of a page with the same columns continues the one that ended the last page."""
    width = max(len(r) for r in table.rows)
    return nxt.page == table.page_end + 1 and max(len(r) for r in nxt.rows) == width


def _heading_levels(
    pages: list[PageContent], body_size: float, title_lines: list[TextLine]
) -> dict[tuple[float, bool], int]:
    """Level of an unnumbered heading from its size rank (bigger first); bold body-size headings last."""
    title_ids = {id(ln) for ln in title_lines}
    styles: set[tuple[float, bool]] = set()
    for page in pages:
        for it in page.items:
            if isinstance(it, TextLine) and not it.furniture and id(it) not in title_ids:
                if _classify(it, body_size) == "heading":
                    styles.add((it.size, it.bold))
    ranked = sorted(styles, key=lambda s: (-s[0], not s[1]))
    return {style: min(i + 1, 6) for i, style in enumerate(ranked)}


def _list_base(pages: list[PageContent], body_size: float) -> dict[int, list[float]]:
    """Distinct list indents per column, outermost first: a list item's depth is its indent's rank."""
    seen: dict[int, list[float]] = {}
    for page in pages:
        for it in page.items:
            if isinstance(it, TextLine) and not it.furniture and _classify(it, body_size) == "list":
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
        if stripped == text and text.split(" ", 1)[0] in BULLETS:
            stripped = text.split(" ", 1)[1] if " " in text else ""
        if stripped == text and LIST_NUMBER.match(text):
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


def _table_block(table: PageTable, index: int) -> Block:
    width = max(len(r) for r in table.rows)
    rows = tuple(tuple(r) + ("",) * (width - len(r)) for r in table.rows)
    text = "\n".join(" | ".join(c for c in row if c) for row in rows)
    return Block(
        kind=BlockKind.TABLE,
        text=normalise(text),
        rows=rows,
        prov=Provenance(page=table.page, index=index, style="table"),
    )


def _style(line: TextLine) -> str:
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


def _text_quality(pages: list[PageContent], body_lines: list[TextLine]) -> str:
    """ "good", or what is wrong with the text layer: repaired glyph codes, unreadable glyphs, OCR noise,
    pages with no text. Matching and review can then treat the text with the care it needs."""
    flags: list[str] = []
    cids = sum(p.cids for p in pages)
    unmapped = sum(p.unmapped for p in pages)
    if cids:
        flags.append("glyph codes unreadable" if unmapped * 5 > cids else "glyph codes mapped to text")
    if noise_share([ln.text for ln in body_lines]) > _NOISE_SHARE:
        flags.append("OCR noise")
    blank = [p.number for p in pages if p.chars < MIN_TEXT_CHARS]
    if blank:
        flags.append(f"{len(blank)} of {len(pages)} pages without text")
    return "; ".join(flags) or "good"


def _front_sheet_pairs(pages: list[PageContent]) -> Iterator[tuple[str, str]]:
    """(key, value) pairs of a borderless document-control table on the first two pages.

    A row is cut into cells where a wide gap or a run of spaces opens; a label cell ("Approving body",
    "Review date") takes the next cell of its row as its value, and a "Label: value" cell reads as one.
    A value that breaks off on a joining word ("... (Whiston) and") continues on the next row.
    """
    for page in pages[:2]:
        rows: dict[int, list[TextLine]] = {}
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
    pages: list[PageContent], lines: list[TextLine], body_size: float
) -> tuple[list[TextLine], float, float]:
    """Every phrase of the first page with text, and that page's height and width, less the running
    headers and footers in small type (a title repeated at the top of every page in large type is still
    the title)."""
    furniture: dict[int, list[TextLine]] = {}
    for ln in lines:
        if ln.furniture:
            furniture.setdefault(ln.page, []).append(ln)

    def is_furniture(ln: TextLine) -> bool:
        text = _plain(ln.text)
        return any(abs(f.top - ln.top) < 3 and text in _plain(f.text) for f in furniture.get(ln.page, ()))

    for page in pages[:2]:
        cover = [ln for ln in page.cover if ln.size >= body_size + 2 or not is_furniture(ln)]
        if sum(len(ln.text) for ln in cover) >= MIN_TEXT_CHARS:
            return cover, page.height, page.width
    return [], 0.0, 0.0


def _font_runs(
    cover: list[TextLine], height: float, width: float = 0.0
) -> list[tuple[float, str, list[TextLine]]]:
    """Runs of adjacent same-size lines on the cover page: those in its upper half first, then the rest,
    each part biggest type first (then earliest). On a landscape page (a folded leaflet's panels) the
    cover panel centres its title, often just below mid-height: there the upper part is the top two thirds.

    A title set in large type often wraps over two or three lines; a run stops at a change of size or a
    gap taller than a line. Titles sit at the top: a bigger slogan lower on a poster ("STOP THE BLEED")
    comes after them.
    """
    runs: list[list[TextLine]] = []
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

    def rank(item: tuple[int, list[TextLine]]) -> tuple[bool, float, int]:
        order, run = item
        lower = run[0].top > (0.5 if width <= height else 0.67) * height
        return (lower, -max(ln.size for ln in run), order)

    ranked = sorted(enumerate(runs), key=rank)
    return [(max(ln.size for ln in run), _run_text(run), run) for _, run in ranked]


def _run_text(run: list[TextLine]) -> str:
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
    cover: tuple[list[TextLine], float, float],
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
                yield Candidate(text, LARGE_FONT, size)
    for strong in (True, False):
        for size, text, run in runs:
            if (size >= body_size + 2) != strong or size < body_size + 1:
                continue
            yield Candidate(text, LARGE_FONT, size)
            if len(run) > 1:
                for ln in run:
                    yield Candidate(ln.text, LARGE_FONT, ln.size)
        if strong and (info := _clean_info_title(info_title)):
            yield Candidate(info, FILE_PROPERTIES)
    for it in items[:200]:
        if isinstance(it, Heading):
            yield Candidate(it.text, HEADING)
            break
        if isinstance(it, Block) and it.prov and (it.prov.page or 1) > 2:
            break
