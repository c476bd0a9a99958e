"""DOCX parser: python-docx package + our own walk of WordprocessingML into the shared Document.

The body is walked as XML (paragraphs and tables interleaved, text boxes, content controls, tracked
changes), because python-docx's high-level API drops inserted runs, merges cells by repetition and does
not expose document order. Headings come from styles and outline levels; documents written without
heading styles fall back to numbered / bold / ALL CAPS short lines.
"""

from __future__ import annotations

from converge.core.config import Settings
from converge.core.errors import ParseError
from converge.core.model import Block, Document, Layer, Section
from converge.core.parsers.base import SourceInfo
from converge.core.parsers.docx.package import MEDIA_TYPE, open_package
from converge.core.parsers.docx.reader import Reader
from converge.core.parsers.docx.structure import assemble
from converge.core.parsers.finish import finish_document
from converge.core.parsers.metadata import extract_metadata

_SUFFIXES = (".docx", ".docm", ".dotx", ".dotm")


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
        # Named .docx but not a zip: ours to reject clearly, unless another format's magic says otherwise
        # (an OLE container named .docx, encrypted or a renamed .doc, is the legacy converter's).
        return suffix in _SUFFIXES and not head.startswith((b"%PDF", b"{\\rtf", b"\xd0\xcf\x11\xe0"))

    def parse(self, data: bytes, *, trust: str, source: SourceInfo, settings: Settings) -> Document:
        package = open_package(data, settings)
        reader = Reader(package)
        paras_and_tables = list(reader.walk_body())
        furniture = list(reader.header_footer_blocks(start_index=reader.counter))
        preamble, sections, title, title_source = assemble(paras_and_tables, package, source)
        _check_has_text(preamble, sections)
        body = [b for s in sections for _, sec in s.walk() for b in sec.blocks]
        meta = extract_metadata(list(preamble) + body)
        headers = tuple(b for b in furniture if b.prov and b.prov.style == "header")
        footers = tuple(b for b in furniture if b.prov and b.prov.style == "footer")
        return finish_document(
            parser=self,
            trust=trust,
            source=source,
            title=title,
            title_source=title_source,
            preamble=headers + preamble + footers,
            sections=sections,
            meta=meta | {"text_quality": "good"},
        )


PARSER = DocxParser()


def _check_has_text(preamble: tuple[Block, ...], sections: tuple[Section, ...]) -> None:
    """Refuse a package with no body text: nothing to match on, even when it has a front sheet."""
    if any(b.text for b in preamble if b.layer == Layer.BODY) or sections:
        return
    if not any(b.text for b in preamble):
        raise ParseError("no text")
    raise ParseError("no text (only document-control material)")


__all__ = ["MEDIA_TYPE", "PARSER", "DocxParser"]
