"""Plain-text and Markdown parser: # headings, numbered headings, bullets and pipe tables.

Some trusts keep short guidance as .txt or .md (intranet exports); they go through the same outline
rules as DOCX and PDF so matching sees one shape.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from converge.core.config import Settings
from converge.core.errors import ParseError
from converge.core.model import Block, BlockKind, Document, Layer, Provenance
from converge.core.parsers.base import SourceInfo
from converge.core.parsers.finish import finish_document
from converge.core.parsers.metadata import (
    extract_metadata,
    is_control_line,
    is_control_table,
    is_notice,
)
from converge.core.parsers.outline import Heading, build_sections, split_heading_number
from converge.core.parsers.titles import FIRST_LINE, FRONT_SHEET, HEADING, Candidate, choose_title
from converge.core.text import one_line

_SUFFIXES = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
}
_OTHER_MAGIC = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"{\\rtf")

_ATX = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
_SETEXT = re.compile(r"^(?P<rule>=+|-+)\s*$")
_BULLET = re.compile(
    r"^(?P<indent>\s*)(?:[-*+\u2022\u25cf\u25aa\u2023\u25e6\u00b7]|\d{1,2}[.)]|[a-z][.)])\s+(?P<text>\S.*)$"
)
_ORDERED = re.compile(r"^\s*\d{1,2}[.)]\s")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_FRONT_MATTER = re.compile(r"\A---\s*\n(?P<body>.*?\n)---\s*\n", re.DOTALL)
_TERMINAL = re.compile(r"[.;,:!?]$")


@dataclass(frozen=True, slots=True)
class _Line:
    number: int
    text: str


class PlainTextParser:
    """.txt and .md files."""

    name = "plaintext"
    version = 2
    media_type = "text/plain"

    def sniff(self, head: bytes, suffix: str) -> bool:
        return suffix in _SUFFIXES and not head.startswith(_OTHER_MAGIC)

    def parse(self, data: bytes, *, trust: str, source: SourceInfo, settings: Settings) -> Document:
        suffix = Path(source.path).suffix.lower()
        text = decode_text(data)
        markdown = suffix in (".md", ".markdown")
        preamble, sections, meta = parse_text(text, markdown=markdown)
        if not preamble and not sections:
            raise ParseError("no text")
        title, title_source = choose_title(
            [
                Candidate(meta.get("title") or "", FRONT_SHEET),
                Candidate(_first_line(preamble) or "", FIRST_LINE),
                Candidate(sections[0].heading if sections else "", HEADING),
            ],
            source.path,
        )
        return finish_document(
            parser=self,
            trust=trust,
            source=source,
            title=title,
            title_source=title_source,
            preamble=preamble,
            sections=sections,
            meta=meta | {"text_quality": "good"},
            media_type=_SUFFIXES.get(suffix, "text/plain"),
        )


PARSER = PlainTextParser()


def decode_text(data: bytes) -> str:
    """Text of a file: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252.

    Raises ParseError for binary content (NUL bytes in a file that is not UTF-16).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ParseError(f"not readable as UTF-16 text: {exc}") from exc
    if b"\x00" in data[:65536]:
        raise ParseError("binary content (NUL bytes) in a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Older Windows exports; cp1252 leaves five bytes undefined, shown as U+FFFD rather than failing.
        return data.decode("cp1252", errors="replace")


def parse_text(text: str, *, markdown: bool) -> tuple[tuple[Block, ...], tuple, dict[str, str]]:
    """(preamble, sections, metadata) of a text or Markdown document."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    front: list[Block] = []
    start_line = 0
    m = _FRONT_MATTER.match(text) if markdown else None
    if m:
        for i, line in enumerate(m.group("body").splitlines(), start=1):
            if line.strip():
                front.append(_furniture(line, i))
        start_line = m.group(0).count("\n")
    lines = [_Line(n, line.rstrip()) for n, line in enumerate(text.split("\n")) if n >= start_line]
    items = list(_items(lines, markdown=markdown))
    items = _demote_title_heading(items)
    preamble, sections = build_sections(items)
    preamble = tuple(front) + preamble
    meta = extract_metadata(preamble)
    if "title" not in meta:
        title = next((b.text for b in preamble if b.prov and b.prov.style == "title"), None)
        if title:
            meta["title"] = title
    return preamble, sections, meta


def _furniture(text: str, number: int) -> Block:
    return Block(
        kind=BlockKind.PARAGRAPH,
        text=one_line(text),
        layer=Layer.FURNITURE,
        prov=Provenance(page=None, index=number, style="front matter"),
    )


def _items(lines: list[_Line], *, markdown: bool) -> Iterator[Heading | Block]:
    """Headings and blocks in order; paragraphs are runs of non-blank lines."""
    return _TextReader(lines, markdown).items()


class _TextReader:
    """One pass over a text file's lines, holding the open paragraph and whether the front sheet is over."""

    def __init__(self, lines: list[_Line], markdown: bool) -> None:
        self.lines = lines
        self.markdown = markdown
        self.i = 0  # the next line to read
        self.para: list[_Line] = []
        self.headings = 0
        self.body = False  # body text seen

    @property
    def in_front_sheet(self) -> bool:
        """Front sheet: before any body text, and at most a title heading above it."""
        return self.headings <= 1 and not self.body

    def items(self) -> Iterator[Heading | Block]:
        while self.i < len(self.lines):
            yield from self._read(self.lines[self.i])
        yield from self._flush()

    def _read(self, line: _Line) -> Iterator[Heading | Block]:
        """What starts at `line`, moving past the lines it takes."""
        raw = line.text
        if not raw.strip():
            yield from self._flush()
            self.i += 1
        elif _TABLE_ROW.match(raw):
            yield from self._flush()
            yield self._table()
        elif heading := self._marked_heading(line):
            yield from self._flush()
            self.headings += 1
            yield heading
        elif bullet := self._list_item(raw):
            yield from self._flush()
            self.body = True
            self.i += 1
            yield Block(
                kind=BlockKind.LIST_ITEM,
                text=one_line(_inline(bullet.group("text"))),
                depth=len(bullet.group("indent").expandtabs(4)) // 2,
                prov=Provenance(page=None, index=line.number, style="list"),
            )
        elif self.in_front_sheet and not self.para and is_control_line(raw):
            # Front-sheet "Label: value" lines stand alone even without blank lines between them.
            self.para.append(line)
            self.i += 1
            yield from self._flush()
        elif not self.para and _looks_like_heading(raw, self.markdown):
            self.headings += 1
            self.i += 1
            yield _heading(_inline(raw), None, line.number, bold=_is_md_bold(raw))
        else:
            self.para.append(line)
            self.i += 1

    def _list_item(self, raw: str) -> re.Match[str] | None:
        """A bulleted or numbered item, unless a numbered line reads as a heading ("4. Scope")."""
        bullet = _BULLET.match(raw)
        if bullet and _ORDERED.match(raw) and _looks_like_heading(raw, self.markdown):
            return None
        return bullet

    def _marked_heading(self, line: _Line) -> Heading | None:
        """A Markdown heading: "## Scope", or one text line underlined with === or --- (setext)."""
        if not self.markdown:
            return None
        if atx := _ATX.match(line.text):
            self.i += 1
            return _heading(_inline(atx.group("text")), len(atx.group("hashes")), line.number)
        after = self.lines[self.i + 1].text if self.i + 1 < len(self.lines) else ""
        if not self.para and _SETEXT.match(after) and line.text.strip():
            self.i += 2
            return _heading(_inline(line.text), 1 if after.strip()[0] == "=" else 2, line.number)
        return None

    def _table(self) -> Block:
        """A pipe table: a block of |...| rows (Markdown separator rows dropped)."""
        rows: list[tuple[str, ...]] = []
        start = self.lines[self.i].number
        while self.i < len(self.lines) and _TABLE_ROW.match(self.lines[self.i].text):
            if not _TABLE_RULE.match(self.lines[self.i].text):
                cells = self.lines[self.i].text.strip().strip("|").split("|")
                rows.append(tuple(one_line(_inline(c)) for c in cells))
            self.i += 1
        table = _table_block(rows, start)
        self.body = self.body or table.layer == Layer.BODY
        return table

    def _flush(self) -> Iterator[Block]:
        """The open paragraph as one block; a notice or front-sheet control line is furniture."""
        if not self.para:
            return
        joined = one_line(" ".join(_inline(x.text) for x in self.para))
        first = self.para[0].number
        self.para = []
        if not joined:
            return
        furniture = is_notice(joined) or (self.in_front_sheet and is_control_line(joined))
        self.body = self.body or not furniture
        yield Block(
            kind=BlockKind.PARAGRAPH,
            text=joined,
            layer=Layer.FURNITURE if furniture else Layer.BODY,
            prov=Provenance(page=None, index=first, style="text"),
        )


def _looks_like_heading(raw: str, markdown: bool) -> bool:
    """A short line with no sentence ending that is numbered ("4.2 Scope"), bold or ALL CAPS."""
    text = one_line(_inline(raw))
    words = text.split()
    if not words or len(text) > 100 or len(words) > 12 or _TERMINAL.search(text) or is_control_line(text):
        return False
    number, rest = split_heading_number(text)
    letters = [c for c in rest if c.isalpha()]
    if len(letters) < 3 or not (rest[:1].isupper() or rest[:1].isdigit()):
        return False
    if number is not None:
        return True
    if _is_md_bold(raw):
        return True
    return not markdown and all(c.isupper() for c in letters) and (len(letters) >= 5 or len(words) >= 2)


def _is_md_bold(raw: str) -> bool:
    s = raw.strip()
    return (s.startswith("**") and s.endswith("**")) or (s.startswith("__") and s.endswith("__"))


def _heading(text: str, level: int | None, index: int, *, bold: bool = False) -> Heading:
    number, rest = split_heading_number(one_line(text))
    return Heading(text=rest, level=level if level is not None else (2 if bold else 1), number=number)


def _table_block(rows: list[tuple[str, ...]], index: int) -> Block:
    width = max((len(r) for r in rows), default=0)
    rows = [r + ("",) * (width - len(r)) for r in rows]
    text = "\n".join(" | ".join(c for c in r if c) for r in rows)
    return Block(
        kind=BlockKind.TABLE,
        text=text,
        rows=tuple(rows),
        layer=Layer.FURNITURE if is_control_table(rows) else Layer.BODY,
        prov=Provenance(page=None, index=index, style="table"),
    )


def _demote_title_heading(items: list[Heading | Block]) -> list[Heading | Block]:
    """A lone top-level heading before every other heading is the title: keep it as a preamble line.

    Markdown documents usually start "# Sepsis Policy" then "## 1. Introduction"; without this the whole
    document would sit inside one section named after itself.
    """
    headings = [(n, h) for n, h in enumerate(items) if isinstance(h, Heading)]
    if len(headings) < 2:
        return items
    first_pos, first = headings[0]
    top = min((h.level or 1) for _, h in headings)
    same_level = [h for _, h in headings if (h.level or 1) == (first.level or 1)]
    later_numbered = any(h.number for _, h in headings[1:])
    if first.number or not (((first.level or 1) == top and len(same_level) == 1) or later_numbered):
        return items
    out: list[Heading | Block] = list(items)
    out[first_pos] = Block(
        kind=BlockKind.PARAGRAPH,
        text=first.text,
        prov=Provenance(page=None, index=_index_of(items, first_pos), style="title"),
    )
    shift = [(n, h) for n, h in enumerate(out) if isinstance(h, Heading)]
    for n, h in shift:
        if h.level and h.level > 1:
            out[n] = Heading(text=h.text, level=h.level - 1, number=h.number)
    return out


def _index_of(items: list[Heading | Block], pos: int) -> int:
    # Headings do not carry a line number; the next block's index is the closest honest value.
    for item in items[pos + 1 :]:
        if isinstance(item, Block) and item.prov:
            return max(0, item.prov.index - 1)
    return 0


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(?<!\w)(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1(?!\w)")


def _inline(text: str) -> str:
    """Markdown inline markup removed: links keep their words, emphasis and code marks go."""
    text = _LINK.sub(r"\1", text)
    previous = None
    while previous != text:
        previous = text
        text = _EMPHASIS.sub(r"\2", text)
    return text.strip()


def _first_line(blocks: tuple[Block, ...]) -> str | None:
    for block in blocks:
        if block.layer == Layer.BODY and block.text:
            return one_line(block.text)[:200]
    return None
