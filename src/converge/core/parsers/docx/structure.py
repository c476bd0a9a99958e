"""From the walked body to headings and blocks: heading tiers, front-sheet material, the title.

Headings come from styles and outline levels; documents written without heading styles fall back to
numbered / bold / ALL CAPS short lines.
"""

from __future__ import annotations

import re
from typing import Any

from converge.core.model import Block, BlockKind, Layer, Provenance
from converge.core.parsers.base import SourceInfo
from converge.core.parsers.docx.reader import BodyParagraph, BodyTable, table_text
from converge.core.parsers.metadata import extract_metadata, is_control_line, is_control_table, is_notice
from converge.core.parsers.outline import Heading, build_sections, level_from_number, split_heading_number
from converge.core.parsers.titles import FILE_PROPERTIES, FIRST_LINE, FRONT_SHEET, HEADING, Candidate, choose_title
from converge.core.text import one_line, strip_bullet

# Headings that introduce front-sheet material rather than policy content.
_FRONT_HEADINGS = re.compile(
    r"^(?:table\s+of\s+)?contents?$|^index$|^document\s+(?:control|information|details)(?:\s+sheet)?$|"
    r"^version\s+control(?:\s+sheet)?$|^document\s+history$|^contents\s+page$",
    re.IGNORECASE,
)
_TITLE_JUNK = re.compile(r"^(?:title|document|untitled|microsoft word.*|policy template.*|.*template)$", re.I)


_HEADING_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,4})\.?$")


def assemble(
    items: list[BodyParagraph | BodyTable], package: Any, source: SourceInfo
) -> tuple[tuple[Block, ...], tuple[Any, ...], str, str]:
    """Classify paragraphs/tables into headings and blocks, build the outline and pick the title."""
    candidates, tier_level, cover_title = _heading_tiers(items)
    control_title = extract_metadata(_front_blocks(items)).get("title")
    core_title = _core_title(package)
    stream = _Stream(candidates, tier_level, (control_title, core_title))
    for item in items:
        if isinstance(item, BodyTable):
            stream.add_table(item)
        else:
            stream.add_paragraph(item)
    preamble, sections = build_sections(stream.items)
    title_para = next(
        (i for i in items if isinstance(i, BodyParagraph) and i.heading_level == 0 and not i.is_toc), None
    )
    titles = [
        Candidate(control_title or "", FRONT_SHEET),
        Candidate(core_title or "", FILE_PROPERTIES),
        Candidate(title_para.text if title_para else "", HEADING),
        Candidate(cover_title.text if cover_title else "", HEADING),
        Candidate(stream.first_heading_like or "", HEADING),
        *(Candidate(text, FIRST_LINE) for text in _first_texts(preamble)),
    ]
    title, title_source = choose_title(titles, source.path)
    return preamble, sections, title, title_source


def _heading_tiers(
    items: list[BodyParagraph | BodyTable],
) -> tuple[dict[int, int | None], dict[int, int], BodyParagraph | None]:
    """Heading candidates by look when the document hardly uses heading styles, their tiers' levels,
    and an unnumbered cover title above numbered headings (taken out of the candidates)."""
    styled = sum(
        1
        for i in items
        if isinstance(i, BodyParagraph)
        and not i.in_textbox
        and not i.is_toc
        and i.heading_level
        and not _FRONT_HEADINGS.match(i.text)
    )
    use_heuristics = styled < 2
    candidates = (
        {id(i): _heuristic_tier(i) for i in items if isinstance(i, BodyParagraph)} if use_heuristics else {}
    )
    cover_title = _cover_title_candidate(items, candidates)
    if cover_title is not None:
        candidates[id(cover_title)] = None
    tiers = sorted({t for t in candidates.values() if t is not None})
    return candidates, {t: n + 1 for n, t in enumerate(tiers)}, cover_title


class _Stream:
    """The flat (heading, block) stream of a document, with what the title choice needs to know of it."""

    def __init__(
        self, candidates: dict[int, int | None], tier_level: dict[int, int], titles: tuple[str | None, ...]
    ) -> None:
        self.candidates = candidates
        self.tier_level = tier_level
        self.titles = titles  # the front sheet's and the file properties' titles
        self.items: list[Heading | Block] = []
        self.seen_heading = False
        self.first_heading_like: str | None = None

    def add_table(self, item: BodyTable) -> None:
        layer = Layer.FURNITURE if is_control_table(item.rows) else Layer.BODY
        prov = Provenance(page=None, index=item.index, style=item.style)
        self.items.append(
            Block(kind=BlockKind.TABLE, text=table_text(item.rows), layer=layer, rows=item.rows, prov=prov)
        )

    def add_paragraph(self, item: BodyParagraph) -> None:
        prov = Provenance(page=None, index=item.index, style=item.style)
        text = item.text
        single = one_line(text)
        furniture = Block(kind=BlockKind.PARAGRAPH, text=single, layer=Layer.FURNITURE, prov=prov)
        if item.is_toc or is_notice(single):
            self.items.append(furniture)
            return
        heading = None if item.in_textbox else _as_heading(item, self.candidates, self.tier_level)
        if heading is not None and _FRONT_HEADINGS.match(heading.text):
            self.items.append(furniture)
            return
        heading = self._section_heading(heading, single)
        if heading is not None:
            self.seen_heading = True
            self.first_heading_like = self.first_heading_like or single
            self.items.append(heading)
        elif not self.seen_heading and is_control_line(text):
            self.items.append(Block(kind=BlockKind.PARAGRAPH, text=text, layer=Layer.FURNITURE, prov=prov))
        elif item.heading_level == 0 or (item.heading_level is not None and item.in_textbox):
            self.first_heading_like = self.first_heading_like or single
            self.items.append(Block(kind=BlockKind.PARAGRAPH, text=single, prov=prov))
        else:
            body, had_bullet = strip_bullet(text)
            if item.list_level is not None or had_bullet:
                self.items.append(
                    Block(kind=BlockKind.LIST_ITEM, text=body, depth=item.list_level or 0, prov=prov)
                )
            else:
                self.items.append(Block(kind=BlockKind.PARAGRAPH, text=text, prov=prov))

    def _section_heading(self, heading: Heading | None, single: str) -> Heading | None:
        """A heading-like paragraph before the first section: a front-sheet control line, or the cover
        title set as a heading, is no section heading."""
        if heading is None or self.seen_heading:
            return heading
        if is_control_line(single):
            return None
        if _same_title(heading.text, *self.titles):
            # The cover-page title set as a heading: the document's title, not its first section.
            self.first_heading_like = self.first_heading_like or single
            return None
        return heading


def _cover_title_candidate(
    items: list[BodyParagraph | BodyTable], candidates: dict[int, int | None]
) -> BodyParagraph | None:
    """In a document without heading styles, an unnumbered first heading-like line followed by numbered
    ones ("SEPSIS GUIDELINE", then "1. Scope") is the cover title, not section 1."""
    found = [i for i in items if isinstance(i, BodyParagraph) and candidates.get(id(i)) is not None]
    if len(found) < 2 or split_heading_number(one_line(found[0].text))[0] is not None:
        return None
    if any(split_heading_number(one_line(i.text))[0] is not None for i in found[1:]):
        return found[0]
    return None


def _front_blocks(items: list[BodyParagraph | BodyTable]) -> list[Block]:
    """The blocks of the front sheet as plain Blocks, for reading the control title before classifying."""
    out: list[Block] = []
    for item in items[:80]:
        if isinstance(item, BodyTable):
            out.append(Block(kind=BlockKind.TABLE, text=table_text(item.rows), rows=item.rows))
        else:
            out.append(Block(kind=BlockKind.PARAGRAPH, text=item.text))
    return out


def _core_title(package: Any) -> str | None:
    try:
        title = one_line(package.core_properties.title or "")
    except Exception:  # malformed core.xml must not sink the document
        return None
    if not title or _TITLE_JUNK.match(title):
        return None
    return title


def _same_title(text: str, *titles: str | None) -> bool:
    key = _title_key(text)
    return any(t and _title_key(t) == key for t in titles)


def _title_key(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def _first_texts(blocks: tuple[Block, ...]) -> list[str]:
    """The first few body paragraphs, for a document with no title, heading or control table."""
    return [
        one_line(b.text)[:200]
        for b in blocks
        if b.layer == Layer.BODY and b.kind == BlockKind.PARAGRAPH and b.text
    ][:3]


def _as_heading(
    item: BodyParagraph, candidates: dict[int, int | None], tier_level: dict[int, int]
) -> Heading | None:
    text = one_line(item.text)
    if item.heading_level:
        number, rest = split_heading_number(text)
        if number is None and item.number:
            number = _clean_number(item.number)
            rest = text
            if number and level_from_number(number) != item.heading_level:
                number = None  # a list that does not follow the heading levels: trust the style
        return Heading(text=rest, level=item.heading_level, number=number)
    tier = candidates.get(id(item))
    if tier is None:
        return None
    number, rest = split_heading_number(text)
    if number is None and item.number:
        number = _clean_number(item.number)
        rest = text
    return Heading(text=rest, level=None if number else tier_level.get(tier, 1), number=number)


def _clean_number(label: str) -> str | None:
    label = label.strip().rstrip(".)").strip()
    m = _HEADING_NUMBER.match(label)
    return m.group(1) if m else None


_TERMINAL = re.compile(r"[.;,:!?]$")
# Bold lead-ins that open a sentence ("Note: ...", "Warning - ..."), never headings.
_LEAD_IN = re.compile(
    r"^(?:please\s+)?(?:note|nb|n\.b\.|warning|caution|important|remember|tip|example|action|alert)\b\s*[:\-\u2013]",
    re.IGNORECASE,
)


def _heuristic_tier(item: BodyParagraph) -> int | None:
    """Heading tier of a paragraph in a document without heading styles, or None for body text.

    Tier 0: ALL CAPS lines; tier 1: bold lines. Both must be short and not end like a sentence, so a
    bold warning sentence stays a paragraph. Numbered "4.2 Scope" lines qualify when short, even unbolded.
    """
    if item.in_textbox or item.is_toc or item.heading_level is not None or "\n" in item.text.strip():
        return None
    text = one_line(item.text)
    words = text.split()
    if not words or len(text) > 120 or len(words) > 14 or _TERMINAL.search(text):
        return None
    if is_control_line(text) or not (text[0].isupper() or text[0].isdigit()) or _LEAD_IN.match(text):
        return None
    number, rest = split_heading_number(text)
    if number is None and item.number and item.list_level is not None and (item.bold or item.caps):
        number = _clean_number(item.number)
    if not rest or not (rest[0].isupper() or rest[0].isdigit()):
        return None
    letters = [c for c in rest if c.isalpha()]
    if len(letters) < 3:
        return None
    if item.list_level is not None and number is None:
        return None  # a bulleted line is a list item even when bold
    if item.caps and (len(letters) >= 5 or len(words) >= 2):
        return 0
    if item.bold:
        return 1
    if number is not None and "." in number and len(words) <= 10:
        return 2
    return None
