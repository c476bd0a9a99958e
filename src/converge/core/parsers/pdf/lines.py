"""What a PDF page holds once read: printed lines and ruled tables, with the style classification reads.

The reading half of the parser (pdf.reading) fills these from pdfplumber; the structure half
(pdf.structure) turns them into headings, paragraphs, tables and furniture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LIST_NUMBER = re.compile(r"^(?:\(?\d{1,2}[.)]|\(?[a-z][.)]|\(?[ivx]{1,5}[.)]|\([0-9a-zA-Z]{1,4}\))\s+\S")

BULLETS = frozenset(
    "\u2022\u25cf\u25aa\u25a0\u2023\u2043\u25e6\u2219\u00b7\uf0b7\uf0a7\uf0d8\uf0fc\u27a2\u2013-*o"
)

MIN_TEXT_CHARS = 10  # a page with fewer characters than this carries no real text layer


@dataclass(slots=True)
class TextLine:
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
class PageTable:
    page: int
    top: float
    x0: float
    rows: list[tuple[str, ...]]
    page_end: int = 0

    def __post_init__(self) -> None:
        self.page_end = self.page_end or self.page


@dataclass(slots=True)
class PageContent:
    number: int
    width: float
    height: float
    items: list[TextLine | PageTable] = field(default_factory=list)
    chars: int = 0
    images: int = 0
    cover: list[TextLine] = field(default_factory=list)  # first pages: every line, tables' words included
    cids: int = 0  # "(cid:NN)" glyph codes met on the page (fonts without a Unicode map)
    unmapped: int = 0  # of which outside printable ASCII, so dropped
