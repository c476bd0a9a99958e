"""Format-agnostic outline building: heading numbers, and a flat stream of items -> a Section tree.

Parsers decide *what* is a heading; this module decides *where* it sits, so DOCX, PDF and plain text
share one set of numbering rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from converge.core.model import Block, Section

# "4", "4.2", "4.2.1", "4.2.1.", "2.0", "Section 3 -", "Appendix A:", "Part 2", "A.", "(a)"
_NUMBERED = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+(?P<rest>\S.*)$")
_SECTION_WORD = re.compile(
    r"^(?P<word>Section|Part|Chapter|Appendix|Annex|Annexe)\s+(?P<num>[0-9]{1,2}|[A-Z]|[IVX]{1,4})\b"
    r"\s*[:.\-\u2013\u2014]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading found by a parser. `level` is the parser's guess (style/font); numbering may refine it."""

    text: str
    level: int | None = None
    number: str | None = None


def split_heading_number(text: str) -> tuple[str | None, str]:
    """Split "4.2 Scope" into ("4.2", "Scope"); "Section 3 – Duties" into ("Section 3", "Duties").

    Returns (None, text) when the text carries no heading number.
    """
    text = text.strip()
    m = _SECTION_WORD.match(text)
    if m:
        word = m.group("word").capitalize()
        return f"{word} {m.group('num').upper()}", m.group("rest").strip() or text
    m = _NUMBERED.match(text)
    if m and not _looks_like_quantity(m.group("rest")):
        return m.group("num"), m.group("rest").strip()
    return None, text


def _looks_like_quantity(rest: str) -> bool:
    # "5 mg of ...", "4 hours after ..." are sentences starting with a number, not headings.
    return bool(
        re.match(r"(?i)(mg|g|ml|mmol|micrograms?|units?|hours?|minutes?|days?|weeks?|%|x\b|kg)\b", rest)
    )


def level_from_number(number: str | None) -> int | None:
    """Depth implied by a heading number: "4" -> 1, "4.2" -> 2, "2.0" -> 1, "Appendix A" -> 1."""
    if not number:
        return None
    if not number[0].isdigit():
        return 1
    parts = number.split(".")
    while len(parts) > 1 and parts[-1] == "0":
        parts.pop()
    return len(parts)


def build_sections(items: Iterable[Heading | Block]) -> tuple[tuple[Block, ...], tuple[Section, ...]]:
    """Turn a flat stream of headings and blocks into (preamble blocks, section tree).

    Levels come from the heading number when there is one, else from the parser's guess, else 1; a level
    that jumps more than one below its parent is pulled up, so the tree never has empty gaps.
    """
    preamble: list[Block] = []
    # Each open node: [heading, number, level, blocks, children]
    roots: list[list] = []
    stack: list[list] = []
    for item in items:
        if isinstance(item, Block):
            (stack[-1][3] if stack else preamble).append(item)
            continue
        level = level_from_number(item.number) or item.level or 1
        while stack and stack[-1][2] >= level:
            stack.pop()
        level = min(level, stack[-1][2] + 1) if stack else 1
        node: list = [item.text, item.number, level, [], []]
        (stack[-1][4] if stack else roots).append(node)
        stack.append(node)
    return tuple(preamble), tuple(_freeze(node) for node in roots)


def _freeze(node: list) -> Section:
    heading, number, level, blocks, children = node
    return Section(
        heading=heading,
        number=number,
        level=level,
        blocks=tuple(blocks),
        children=tuple(_freeze(child) for child in children),
    )
