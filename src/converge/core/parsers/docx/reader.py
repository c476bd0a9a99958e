"""Reading a DOCX body as WordprocessingML: paragraphs and tables in document order, with styles.

Text boxes, content controls, alternate content and tracked changes (inserted runs kept, deleted ones
dropped) are walked here, because python-docx's high-level API drops inserted runs, merges cells by
repetition and does not expose document order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from converge.core.model import Block, BlockKind, Layer, Provenance
from converge.core.text import normalise, one_line

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


W_P, W_TBL, W_TR, W_TC, W_SDT, W_SDTCONTENT = (_w(t) for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent"))
W_T, W_DEL, W_MOVEFROM = (_w(t) for t in ("t", "del", "moveFrom"))
W_TXBX = _w("txbxContent")
W_VAL = _w("val")
MC_ALT, MC_CHOICE, MC_FALLBACK = (f"{{{_MC}}}{t}" for t in ("AlternateContent", "Choice", "Fallback"))

# Elements whose subtree never contributes visible text.
_SKIP = frozenset(
    _w(t)
    for t in (
        "pPr",
        "rPr",
        "tblPr",
        "trPr",
        "tcPr",
        "sectPr",
        "del",
        "moveFrom",
        "delText",
        "instrText",
        "delInstrText",
        "footnoteReference",
        "endnoteReference",
        "commentReference",
        "annotationRef",
        "sdtPr",
        "sdtEndPr",
        "fldData",
        "object",
        "tblGrid",
    )
)


@dataclass
class _Style:
    name: str
    based_on: str | None = None
    outline: int | None = None  # 0-8 heading, 9 body text
    num: tuple[str | None, int | None] = (None, None)  # (numId, ilvl)
    bold: bool | None = None
    caps: bool | None = None


@dataclass
class _Numbering:
    """Word list numbering, enough to print heading numbers that Word generates ("4.2")."""

    abstract_of: dict[str, str] = field(default_factory=dict)
    levels: dict[str, dict[int, tuple[int, str, str]]] = field(default_factory=dict)  # abs -> lvl -> fmt
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    def next_label(self, num_id: str, ilvl: int) -> tuple[str, str]:
        """Advance the counter of (num_id, ilvl); return (printed label, number format)."""
        abstract = self.abstract_of.get(num_id)
        levels = self.levels.get(abstract or "", {})
        counters = self.counters.setdefault(abstract or num_id, {})
        start, fmt, text = levels.get(ilvl, (1, "decimal", f"%{ilvl + 1}."))
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]

        def sub(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lvl_start, lvl_fmt, _ = levels.get(k, (1, "decimal", ""))
            return _format_number(counters.get(k, lvl_start), lvl_fmt)

        return re.sub(r"%(\d)", sub, text), fmt


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out += numeral
            n -= value
    return out


@dataclass
class BodyParagraph:
    """One paragraph as read from XML, before classification."""

    text: str
    style: str | None
    index: int
    heading_level: int | None  # from style / outline level; 0 = Title
    list_level: int | None  # ilvl when numbered or a List style
    number: str | None  # printed label Word generates for numbered paragraphs, e.g. "4.2."
    bold: bool
    caps: bool
    in_textbox: bool = False
    is_toc: bool = False


@dataclass
class BodyTable:
    rows: tuple[tuple[str, ...], ...]
    index: int
    style: str | None


class Reader:
    """Walks one python-docx package's XML, yielding paragraphs and tables in document order."""

    def __init__(self, package: Any) -> None:
        self.package = package
        self.styles = _read_styles(package)
        self.numbering = _read_numbering(package)
        self.counter = 0

    # ---- body ----
    def walk_body(self) -> Iterator[BodyParagraph | BodyTable]:
        yield from self._walk_container(self.package.element.body, in_textbox=False, in_toc=False)

    def _walk_container(
        self, container: Any, *, in_textbox: bool, in_toc: bool
    ) -> Iterator[BodyParagraph | BodyTable]:
        for child in container:
            tag = child.tag
            if not isinstance(tag, str):
                continue  # comments, processing instructions, unresolved entities
            if tag == W_P:
                yield from self._paragraph(child, in_textbox=in_textbox, in_toc=in_toc)
            elif tag == W_TBL:
                index = self._next_index()
                rows = self._table_rows(child)
                if any(any(c for c in row) for row in rows):
                    yield BodyTable(rows=rows, index=index, style=self._table_style(child))
                for box in _textboxes(child):
                    yield from self._walk_container(box, in_textbox=True, in_toc=in_toc)
            elif tag == W_SDT:
                toc = in_toc or _is_toc_sdt(child)
                content = child.find(W_SDTCONTENT)
                if content is not None:
                    yield from self._walk_container(content, in_textbox=in_textbox, in_toc=toc)
            elif tag in (_w("customXml"), _w("ins"), _w("moveTo"), _w("smartTag")):
                yield from self._walk_container(child, in_textbox=in_textbox, in_toc=in_toc)
            elif tag == MC_ALT:
                branch = _alternate_branch(child)
                if branch is not None:
                    yield from self._walk_container(branch, in_textbox=in_textbox, in_toc=in_toc)

    def _next_index(self) -> int:
        index = self.counter
        self.counter += 1
        return index

    def _paragraph(self, p: Any, *, in_textbox: bool, in_toc: bool) -> Iterator[BodyParagraph | BodyTable]:
        index = self._next_index()
        text = normalise(_text_of(p))
        style_id, p_outline, p_num = _paragraph_props(p)
        style = self.styles.get(style_id or "Normal") or self.styles.get("Normal")
        style_name = style.name if style else style_id
        if p_outline is not None:
            # Outline level 0-8 on the paragraph itself makes it a heading; 9 ("body text") unmakes one.
            heading_level = p_outline + 1 if p_outline < 9 else None
        else:
            heading_level = self._style_heading_level(style_id)
        num_id, ilvl = p_num
        if num_id is None:
            num_id, style_ilvl = self._style_num(style_id)
            ilvl = ilvl if ilvl is not None else style_ilvl
        list_level: int | None = None
        number: str | None = None
        if num_id and num_id != "0":
            level = ilvl if ilvl is not None else _level_from_style_name(style_name)
            label, fmt = self.numbering.next_label(num_id, level)
            if text:
                list_level = level
                if fmt not in ("bullet", "none"):
                    number = label
        elif style_name and re.match(r"(?i)list (bullet|number|paragraph)", style_name):
            list_level = _level_from_style_name(style_name)
        is_toc = in_toc or bool(style_name and re.match(r"(?i)toc \d", style_name))
        if text:
            short = len(text) <= 120 and "\n" not in text
            yield BodyParagraph(
                text=text,
                style=style_name,
                index=index,
                heading_level=heading_level,
                list_level=list_level,
                number=number,
                # Only short single lines can be heading-like; skip the run scan for the rest.
                bold=short and self._is_bold(p, style_id),
                caps=short and self._is_caps(p, style_id, text),
                in_textbox=in_textbox,
                is_toc=is_toc,
            )
        for box in _textboxes(p):
            yield from self._walk_container(box, in_textbox=True, in_toc=in_toc)

    def _style_chain(self, style_id: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            style_id = style.based_on

    def _style_heading_level(self, style_id: str | None) -> int | None:
        """0 for Title, 1-9 for headings (by name or outline level, inherited through basedOn)."""
        for style in self._style_chain(style_id):
            m = re.fullmatch(r"(?i)heading\s*([1-9])", style.name)
            if style.outline is not None:
                return style.outline + 1 if style.outline < 9 else None
            if m:
                return int(m.group(1))
            if style.name.lower() == "title":
                return 0
        return None

    def _style_num(self, style_id: str | None) -> tuple[str | None, int | None]:
        for style in self._style_chain(style_id):
            if style.num[0] is not None:
                return style.num
        return None, None

    def _style_flag(self, style_id: str | None, attr: str) -> bool:
        for style in self._style_chain(style_id):
            value = getattr(style, attr)
            if value is not None:
                return bool(value)
        return False

    def _is_bold(self, p: Any, style_id: str | None) -> bool:
        """True when every run carrying text is bold (directly, by character style or paragraph style)."""
        style_bold = self._style_flag(style_id, "bold")
        seen_text = False
        for run in p.iter(_w("r")):
            if not any(t.text and t.text.strip() for t in run.iter(W_T)):
                continue
            if _inside(run, p, (W_DEL, W_MOVEFROM, W_TXBX)):
                continue
            seen_text = True
            bold = _toggle(run, "b")
            if bold is None:
                r_style = _run_style(run)
                bold = self._style_flag(r_style, "bold") if r_style else None
            if not (bold if bold is not None else style_bold):
                return False
        return seen_text

    def _is_caps(self, p: Any, style_id: str | None, text: str) -> bool:
        letters = [c for c in text if c.isalpha()]
        if not letters:
            return False
        if all(c.isupper() for c in letters):
            return True
        runs = [r for r in p.iter(_w("r")) if any(t.text and t.text.strip() for t in r.iter(W_T))]
        style_caps = self._style_flag(style_id, "caps")
        return bool(runs) and all(
            (_toggle(r, "caps") if _toggle(r, "caps") is not None else style_caps) for r in runs
        )

    # ---- tables ----
    def _table_rows(self, tbl: Any) -> tuple[tuple[str, ...], ...]:
        rows: list[tuple[str, ...]] = []
        for tr in _children(tbl, W_TR):
            row: list[str] = []
            for tc in _children(tr, W_TC):
                tc_pr = tc.find(_w("tcPr"))
                span, vmerge_continue = 1, False
                if tc_pr is not None:
                    grid = tc_pr.find(_w("gridSpan"))
                    if grid is not None and (grid.get(W_VAL) or "1").isdigit():
                        span = max(1, int(grid.get(W_VAL)))
                    vmerge = tc_pr.find(_w("vMerge"))
                    vmerge_continue = vmerge is not None and vmerge.get(W_VAL) in (None, "continue")
                # Merged cells are read once: a spanned or continued cell leaves "" in the grid.
                row.append("" if vmerge_continue else self._cell_text(tc))
                row.extend([""] * (span - 1))
            rows.append(tuple(row))
        width = max((len(r) for r in rows), default=0)
        return tuple(r + ("",) * (width - len(r)) for r in rows)

    def _cell_text(self, tc: Any) -> str:
        lines: list[str] = []
        for child in tc:
            if not isinstance(child.tag, str):
                continue
            if child.tag == W_TBL:
                # Nested table: one line per row, cells joined, so its words stay in the outer cell.
                for row in self._table_rows(child):
                    line = " | ".join(one_line(c) for c in row if c.strip())
                    if line:
                        lines.append(line)
            elif child.tag in (W_P, W_SDT, _w("customXml"), W_SDTCONTENT):
                paragraphs = [child] if child.tag == W_P else list(child.iter(W_P))
                for p in paragraphs:
                    text = normalise(_text_of(p))
                    if text:
                        lines.append(text)
        return normalise("\n".join(lines))

    def _table_style(self, tbl: Any) -> str | None:
        pr = tbl.find(_w("tblPr"))
        style = pr.find(_w("tblStyle")) if pr is not None else None
        if style is None:
            return "table"
        sid = style.get(W_VAL)
        return self.styles[sid].name if sid in self.styles else sid

    # ---- headers / footers ----
    def header_footer_blocks(self, start_index: int) -> Iterator[Block]:
        """Every section's headers and footers (default, first page, even), each part once, as furniture."""
        index = start_index
        seen: set[str] = set()
        document_part = self.package.part
        body = self.package.element.body
        sect_prs = [s for s in body.iter(_w("sectPr"))]
        for role, ref_tag in (("header", _w("headerReference")), ("footer", _w("footerReference"))):
            for sect in sect_prs:
                for ref in sect.findall(ref_tag):
                    rid = ref.get(f"{{{_R}}}id")
                    if not rid or rid not in document_part.rels:
                        continue
                    part = document_part.rels[rid].target_part
                    name = str(part.partname)
                    if name in seen:
                        continue
                    seen.add(name)
                    element = getattr(part, "element", None)
                    if element is None:
                        continue
                    for item in self._walk_container(element, in_textbox=False, in_toc=False):
                        text = item.text if isinstance(item, BodyParagraph) else table_text(item.rows)
                        if not text:
                            continue
                        yield Block(
                            kind=BlockKind.TABLE if isinstance(item, BodyTable) else BlockKind.PARAGRAPH,
                            text=one_line(text) if isinstance(item, BodyParagraph) else text,
                            layer=Layer.FURNITURE,
                            rows=item.rows if isinstance(item, BodyTable) else (),
                            prov=Provenance(page=None, index=index, style=role),
                        )
                        index += 1


# ---- XML helpers ----
def _children(el: Any, tag: str) -> Iterator[Any]:
    """Direct children with `tag`, looking through content controls and tracked insertions."""
    for child in el:
        if not isinstance(child.tag, str):
            continue
        if child.tag == tag:
            yield child
        elif child.tag in (W_SDT, W_SDTCONTENT, _w("customXml"), _w("ins")):
            inner = child.find(W_SDTCONTENT) if child.tag == W_SDT else child
            if inner is not None:
                yield from _children(inner, tag)


def _text_of(el: Any) -> str:
    """Visible text of a paragraph: insertions accepted, deletions and field codes dropped.

    Text boxes anchored in the paragraph are left out here; the walker reads them as their own blocks.
    """
    parts: list[str] = []
    _collect_text(el, parts)
    return "".join(parts)


def _collect_text(el: Any, parts: list[str]) -> None:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP or tag == W_TXBX:
            continue
        if tag == W_T:
            # Children of w:t are only unresolved entity references: drop them, keep the text around them.
            parts.append((child.text or "") + "".join(sub.tail or "" for sub in child))
        elif tag == _w("tab"):
            parts.append("\t")
        elif tag in (_w("br"), _w("cr")):
            parts.append("\n")
        elif tag == _w("noBreakHyphen"):
            parts.append("-")
        elif tag == MC_ALT:
            branch = _alternate_branch(child)
            if branch is not None:
                _collect_text(branch, parts)
        else:
            _collect_text(child, parts)


def _alternate_branch(alt: Any) -> Any | None:
    """One branch of mc:AlternateContent: the first Choice (the same content is repeated in Fallback)."""
    choice = alt.find(MC_CHOICE)
    return choice if choice is not None else alt.find(MC_FALLBACK)


def _textboxes(el: Any) -> Iterator[Any]:
    """Outermost w:txbxContent under `el`, taking one branch of each mc:AlternateContent."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in (W_DEL, W_MOVEFROM):
            continue
        if tag == W_TXBX:
            yield child
        elif tag == MC_ALT:
            branch = _alternate_branch(child)
            if branch is not None:
                yield from _textboxes(branch)
        elif tag in (W_P, W_TBL) and el.tag not in (W_TXBX,):
            # Nested paragraphs/tables are walked on their own; do not reach into them from here.
            continue
        else:
            yield from _textboxes(child)


def _inside(el: Any, stop: Any, tags: tuple[str, ...]) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


def _toggle(run: Any, prop: str) -> bool | None:
    rpr = run.find(_w("rPr"))
    if rpr is None:
        return None
    el = rpr.find(_w(prop))
    if el is None:
        return None
    return el.get(W_VAL) not in ("0", "false", "off")


def _run_style(run: Any) -> str | None:
    rpr = run.find(_w("rPr"))
    el = rpr.find(_w("rStyle")) if rpr is not None else None
    return el.get(W_VAL) if el is not None else None


def _paragraph_props(p: Any) -> tuple[str | None, int | None, tuple[str | None, int | None]]:
    ppr = p.find(_w("pPr"))
    if ppr is None:
        return None, None, (None, None)
    style = ppr.find(_w("pStyle"))
    outline = ppr.find(_w("outlineLvl"))
    num_pr = ppr.find(_w("numPr"))
    num: tuple[str | None, int | None] = (None, None)
    if num_pr is not None:
        num_id = num_pr.find(_w("numId"))
        ilvl = num_pr.find(_w("ilvl"))
        num = (
            num_id.get(W_VAL) if num_id is not None else None,
            _int(ilvl.get(W_VAL)) if ilvl is not None else None,
        )
    return (
        style.get(W_VAL) if style is not None else None,
        _int(outline.get(W_VAL)) if outline is not None else None,
        num,
    )


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _level_from_style_name(name: str | None) -> int:
    m = re.search(r"(\d)\s*$", name or "")
    return int(m.group(1)) - 1 if m else 0


def _is_toc_sdt(sdt: Any) -> bool:
    pr = sdt.find(_w("sdtPr"))
    if pr is None:
        return False
    gallery = pr.find(f"{_w('docPartObj')}/{_w('docPartGallery')}")
    return gallery is not None and "contents" in (gallery.get(W_VAL) or "").lower()


def _read_styles(package: Any) -> dict[str, _Style]:
    styles: dict[str, _Style] = {}
    try:
        root = package.styles.element
    except Exception:  # a package without styles.xml still parses, with no styles
        return styles
    for el in root.findall(_w("style")):
        sid = el.get(_w("styleId"))
        if not sid:
            continue
        name_el = el.find(_w("name"))
        based = el.find(_w("basedOn"))
        ppr = el.find(_w("pPr"))
        rpr = el.find(_w("rPr"))
        style = _Style(name=(name_el.get(W_VAL) if name_el is not None else sid) or sid)
        style.based_on = based.get(W_VAL) if based is not None else None
        if ppr is not None:
            outline = ppr.find(_w("outlineLvl"))
            style.outline = _int(outline.get(W_VAL)) if outline is not None else None
            num_pr = ppr.find(_w("numPr"))
            if num_pr is not None:
                num_id = num_pr.find(_w("numId"))
                ilvl = num_pr.find(_w("ilvl"))
                style.num = (
                    num_id.get(W_VAL) if num_id is not None else None,
                    _int(ilvl.get(W_VAL)) if ilvl is not None else None,
                )
        if rpr is not None:
            for prop in ("b", "caps"):
                flag = rpr.find(_w(prop))
                if flag is not None:
                    setattr(style, "bold" if prop == "b" else "caps", flag.get(W_VAL) not in ("0", "false"))
        # Built-in names are stored lower-case ("heading 1"); show them as Word does.
        if re.fullmatch(r"heading \d|title|toc \d|list (bullet|number|paragraph)( \d)?", style.name):
            style.name = style.name[0].upper() + style.name[1:]
        styles[sid] = style
    return styles


def _read_numbering(package: Any) -> _Numbering:
    numbering = _Numbering()
    try:
        root = package.part.numbering_part.element
    except Exception:  # no numbering.xml: nothing is numbered
        return numbering
    for absn in root.findall(_w("abstractNum")):
        aid = absn.get(_w("abstractNumId"))
        levels: dict[int, tuple[int, str, str]] = {}
        for lvl in absn.findall(_w("lvl")):
            ilvl = _int(lvl.get(_w("ilvl")))
            if ilvl is None:
                continue
            start = lvl.find(_w("start"))
            fmt = lvl.find(_w("numFmt"))
            text = lvl.find(_w("lvlText"))
            levels[ilvl] = (
                _int(start.get(W_VAL)) or 1 if start is not None else 1,
                (fmt.get(W_VAL) if fmt is not None else "decimal") or "decimal",
                (text.get(W_VAL) if text is not None else "") or "",
            )
        if aid is not None:
            numbering.levels[aid] = levels
    for num in root.findall(_w("num")):
        nid = num.get(_w("numId"))
        ref = num.find(_w("abstractNumId"))
        if nid is not None and ref is not None:
            numbering.abstract_of[nid] = ref.get(W_VAL) or ""
    return numbering


def table_text(rows: tuple[tuple[str, ...], ...]) -> str:
    """A table as text: its filled cells joined by " | ", one line a row."""
    lines = [" | ".join(one_line(c) for c in row if c.strip()) for row in rows]
    return "\n".join(line for line in lines if line)
