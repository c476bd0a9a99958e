"""DOCX parser: python-docx package + our own walk of WordprocessingML into the shared Document.

The body is walked as XML (paragraphs and tables interleaved, text boxes, content controls, tracked
changes), because python-docx's high-level API drops inserted runs, merges cells by repetition and does
not expose document order. Headings come from styles and outline levels; documents written without
heading styles fall back to numbered / bold / ALL CAPS short lines.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from converge.core.config import Settings
from converge.core.errors import InputTooLarge, ParseError, UnsafeArchive
from converge.core.model import (
    Block,
    BlockKind,
    Document,
    Layer,
    Provenance,
    SourceRef,
    make_document_id,
)
from converge.core.parsers import SourceInfo
from converge.core.parsers.metadata import (
    document_type_from,
    extract_metadata,
    is_control_line,
    is_control_table,
    is_notice,
)
from converge.core.parsers.outline import Heading, build_sections, level_from_number, split_heading_number
from converge.core.parsers.titles import (
    FILE_PROPERTIES,
    FIRST_LINE,
    FRONT_SHEET,
    HEADING,
    Candidate,
    choose_title,
)
from converge.core.text import normalise, one_line, strip_bullet

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm")

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


W_P, W_TBL, W_TR, W_TC, W_SDT, W_SDTCONTENT = (_w(t) for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent"))
W_T, W_DELTEXT, W_INSTR, W_DEL, W_MOVEFROM = (_w(t) for t in ("t", "delText", "instrText", "del", "moveFrom"))
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
# Headings that introduce front-sheet material rather than policy content.
_FRONT_HEADINGS = re.compile(
    r"^(?:table\s+of\s+)?contents?$|^index$|^document\s+(?:control|information|details)(?:\s+sheet)?$|"
    r"^version\s+control(?:\s+sheet)?$|^document\s+history$|^contents\s+page$",
    re.IGNORECASE,
)
_TITLE_JUNK = re.compile(r"^(?:title|document|untitled|microsoft word.*|policy template.*|.*template)$", re.I)


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
class _Para:
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
class _Table:
    rows: tuple[tuple[str, ...], ...]
    index: int
    style: str | None


class DocxParser:
    """Word 2007+ documents (.docx)."""

    name = "docx"
    version = 2
    media_type = MEDIA_TYPE

    def sniff(self, head: bytes, suffix: str) -> bool:
        if head.startswith(b"PK\x03\x04"):
            if b"mimetypeapplication/vnd.oasis" in head:
                return False  # OpenDocument: the legacy parser's
            return b"[Content_Types].xml" in head or b"word/" in head or suffix in _SUFFIXES
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            # An encrypted .docx is an OLE container; a real .doc is the legacy parser's.
            return suffix in _SUFFIXES
        # Named .docx but not a zip: ours to reject clearly, unless another format's magic says otherwise.
        return suffix in _SUFFIXES and not head.startswith((b"%PDF", b"{\\rtf"))

    def parse(self, data: bytes, *, trust: str, source: SourceInfo, settings: Settings) -> Document:
        if data.startswith(b"\xd0\xcf\x11\xe0"):
            if "EncryptionInfo".encode("utf-16-le") in data:
                raise ParseError("encrypted (password-protected) document")
            # A Word 97-2003 file renamed .docx: read it as what it is.
            from converge.core.parsers.legacy import parse_legacy

            return parse_legacy(data, "doc", trust=trust, source=source, settings=settings)
        return parse_docx(
            data, trust=trust, source=source, parser_label=f"{self.name}@{self.version}", settings=settings
        )


PARSER = DocxParser()


def parse_docx(
    data: bytes,
    *,
    trust: str,
    source: SourceInfo,
    parser_label: str = "docx@1",
    media_type: str = MEDIA_TYPE,
    settings: Settings | None = None,
) -> Document:
    """Parse DOCX bytes into a Document; `parser_label`/`media_type` let wrappers (legacy) record theirs."""
    package = _open_package(data, settings or Settings())
    reader = _Reader(package)
    paras_and_tables = list(reader.walk_body())
    furniture = list(reader.header_footer_blocks(start_index=reader.counter))
    preamble, sections, title, title_source = _assemble(paras_and_tables, package, source)
    if not any(b.text for b in preamble if b.layer == Layer.BODY) and not sections:
        if not any(b.text for b in preamble):
            raise ParseError("no text")
        # Only front-sheet material: still a document, but nothing to match on.
        raise ParseError("no text (only document-control material)")
    meta = extract_metadata(list(preamble) + [b for s in sections for _, sec in s.walk() for b in sec.blocks])
    meta = {k: v for k, v in meta.items() if k != "title"}
    meta |= {"title": title, "title_source": title_source, "text_quality": "good"}
    if "document_type" not in meta and title:
        kind = document_type_from(title)
        if kind:
            meta["document_type"] = kind
    headers = tuple(b for b in furniture if b.prov and b.prov.style == "header")
    footers = tuple(b for b in furniture if b.prov and b.prov.style == "footer")
    return Document(
        id=make_document_id(trust, source.sha256),
        trust=trust,
        title=title,
        source=SourceRef(
            path=source.path,
            media_type=media_type,
            sha256=source.sha256,
            parser=parser_label,
            size=source.size,
        ),
        preamble=headers + preamble + footers,
        sections=sections,
        meta=meta,
    )


def _open_package(data: bytes, settings: Settings) -> Any:
    import docx  # python-docx; imported here so `converge.core.parsers` stays cheap to import

    if not data.startswith(b"PK"):
        raise ParseError("corrupt or truncated DOCX: not a zip package")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            _check_expansion(zf, settings)
            bad = zf.testzip()
            if bad is not None:
                raise ParseError(f"corrupt or truncated DOCX: damaged member {bad}")
            names = set(zf.namelist())
        if "word/document.xml" not in names and not any(n.endswith("document.xml") for n in names):
            raise ParseError("corrupt or truncated DOCX: no word/document.xml")
        try:
            return docx.Document(io.BytesIO(data))
        except ValueError as exc:
            if "content type" not in str(exc):
                raise
            # .docm / .dotx / .dotm: same WordprocessingML, another main content type python-docx refuses.
            return docx.Document(io.BytesIO(_as_plain_docx(data)))
    except ParseError:
        raise
    except Exception as exc:  # zipfile, lxml and python-docx each raise their own kinds
        raise ParseError(f"corrupt or truncated DOCX: {type(exc).__name__}: {exc}") from exc


_MAIN_TYPES = (
    b"application/vnd.ms-word.document.macroEnabled.main+xml",
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)


def _as_plain_docx(data: bytes) -> bytes:
    """The package with its main part relabelled as a plain document (macros are never run or read)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                for kind in _MAIN_TYPES:
                    content = content.replace(kind, MEDIA_TYPE.encode() + b".main+xml")
            dst.writestr(info.filename, content)
    return out.getvalue()


def _check_expansion(zf: zipfile.ZipFile, settings: Settings) -> None:
    """Refuse a DOCX that would expand beyond the archive limits (a zip bomb dressed as a document)."""
    total = 0
    for info in zf.infolist():
        total += info.file_size
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size > 1_000_000 and ratio > settings.max_compression_ratio:
            raise UnsafeArchive(f"DOCX member {info.filename} expands {ratio:.0f} times: refusing a zip bomb")
    if total > settings.max_archive_bytes:
        raise InputTooLarge(f"DOCX expands to {total:,} bytes; the limit is {settings.max_archive_bytes:,}")


class _Reader:
    """Walks one python-docx package's XML, yielding paragraphs and tables in document order."""

    def __init__(self, package: Any) -> None:
        self.package = package
        self.styles = _read_styles(package)
        self.numbering = _read_numbering(package)
        self.counter = 0

    # ---- body ----
    def walk_body(self) -> Iterator[_Para | _Table]:
        yield from self._walk_container(self.package.element.body, in_textbox=False, in_toc=False)

    def _walk_container(self, container: Any, *, in_textbox: bool, in_toc: bool) -> Iterator[_Para | _Table]:
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
                    yield _Table(rows=rows, index=index, style=self._table_style(child))
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

    def _paragraph(self, p: Any, *, in_textbox: bool, in_toc: bool) -> Iterator[_Para]:
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
            yield _Para(
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
                        text = item.text if isinstance(item, _Para) else _table_text(item.rows)
                        if not text:
                            continue
                        yield Block(
                            kind=BlockKind.TABLE if isinstance(item, _Table) else BlockKind.PARAGRAPH,
                            text=one_line(text) if isinstance(item, _Para) else text,
                            layer=Layer.FURNITURE,
                            rows=item.rows if isinstance(item, _Table) else (),
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


def _table_text(rows: tuple[tuple[str, ...], ...]) -> str:
    lines = [" | ".join(one_line(c) for c in row if c.strip()) for row in rows]
    return "\n".join(line for line in lines if line)


# ---- classification ----
_HEADING_NUMBER = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,4})\.?$")


def _assemble(
    items: list[_Para | _Table], package: Any, source: SourceInfo
) -> tuple[tuple[Block, ...], tuple[Any, ...], str, str]:
    """Classify paragraphs/tables into headings and blocks, build the outline and pick the title."""
    styled = sum(
        1
        for i in items
        if isinstance(i, _Para)
        and not i.in_textbox
        and not i.is_toc
        and i.heading_level
        and not _FRONT_HEADINGS.match(i.text)
    )
    use_heuristics = styled < 2
    candidates = {id(i): _heuristic_tier(i) for i in items if isinstance(i, _Para)} if use_heuristics else {}
    cover_title = _cover_title_candidate(items, candidates)
    if cover_title is not None:
        candidates[id(cover_title)] = None
    tiers = sorted({t for t in candidates.values() if t is not None})
    tier_level = {t: n + 1 for n, t in enumerate(tiers)}

    control_title = extract_metadata(_front_blocks(items)).get("title")
    title_para = next(
        (i for i in items if isinstance(i, _Para) and i.heading_level == 0 and not i.is_toc), None
    )
    core_title = _core_title(package)

    stream: list[Heading | Block] = []
    seen_heading = False
    first_heading_like: str | None = None
    for item in items:
        if isinstance(item, _Table):
            layer = Layer.FURNITURE if is_control_table(item.rows) else Layer.BODY
            stream.append(
                Block(
                    kind=BlockKind.TABLE,
                    text=_table_text(item.rows),
                    layer=layer,
                    rows=item.rows,
                    prov=Provenance(page=None, index=item.index, style=item.style),
                )
            )
            continue
        prov = Provenance(page=None, index=item.index, style=item.style)
        text = item.text
        single = one_line(text)
        if item.is_toc or is_notice(single):
            stream.append(Block(kind=BlockKind.PARAGRAPH, text=single, layer=Layer.FURNITURE, prov=prov))
            continue
        heading = None if item.in_textbox else _as_heading(item, candidates, tier_level)
        if heading is not None and _FRONT_HEADINGS.match(heading.text):
            stream.append(Block(kind=BlockKind.PARAGRAPH, text=single, layer=Layer.FURNITURE, prov=prov))
            continue
        if heading is not None and not seen_heading and is_control_line(single):
            heading = None
        if heading is not None and not seen_heading and _same_title(heading.text, control_title, core_title):
            # The cover-page title set as a heading: the document's title, not its first section.
            heading = None
            first_heading_like = first_heading_like or single
        if heading is not None:
            seen_heading = True
            first_heading_like = first_heading_like or single
            stream.append(heading)
            continue
        if not seen_heading and is_control_line(text):
            stream.append(Block(kind=BlockKind.PARAGRAPH, text=text, layer=Layer.FURNITURE, prov=prov))
            continue
        if item.heading_level == 0 or (item.heading_level is not None and item.in_textbox):
            first_heading_like = first_heading_like or single
            stream.append(Block(kind=BlockKind.PARAGRAPH, text=single, prov=prov))
            continue
        body, had_bullet = strip_bullet(text)
        if item.list_level is not None or had_bullet:
            stream.append(Block(kind=BlockKind.LIST_ITEM, text=body, depth=item.list_level or 0, prov=prov))
        else:
            stream.append(Block(kind=BlockKind.PARAGRAPH, text=text, prov=prov))
    preamble, sections = build_sections(stream)
    candidates = [
        Candidate(control_title or "", FRONT_SHEET),
        Candidate(core_title or "", FILE_PROPERTIES),
        Candidate(title_para.text if title_para else "", HEADING),
        Candidate(cover_title.text if cover_title else "", HEADING),
        Candidate(first_heading_like or "", HEADING),
        *(Candidate(text, FIRST_LINE) for text in _first_texts(preamble)),
    ]
    title, title_source = choose_title(candidates, source.path)
    return preamble, sections, title, title_source


def _cover_title_candidate(items: list[_Para | _Table], candidates: dict[int, int | None]) -> _Para | None:
    """In a document without heading styles, an unnumbered first heading-like line followed by numbered
    ones ("SEPSIS GUIDELINE", then "1. Scope") is the cover title, not section 1."""
    found = [i for i in items if isinstance(i, _Para) and candidates.get(id(i)) is not None]
    if len(found) < 2 or split_heading_number(one_line(found[0].text))[0] is not None:
        return None
    if any(split_heading_number(one_line(i.text))[0] is not None for i in found[1:]):
        return found[0]
    return None


def _front_blocks(items: list[_Para | _Table]) -> list[Block]:
    """The blocks of the front sheet as plain Blocks, for reading the control title before classifying."""
    out: list[Block] = []
    for item in items[:80]:
        if isinstance(item, _Table):
            out.append(Block(kind=BlockKind.TABLE, text=_table_text(item.rows), rows=item.rows))
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


def _as_heading(item: _Para, candidates: dict[int, int | None], tier_level: dict[int, int]) -> Heading | None:
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


def _heuristic_tier(item: _Para) -> int | None:
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
