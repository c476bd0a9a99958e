"""PDF parser (pdfplumber): words -> lines -> paragraphs, headings from font and numbering, furniture.

One pass of `extract_words` per page (font name and size kept), lines built here, then whole-document
rules: running headers/footers are the band lines that repeat across pages; the body size is the most
common size; headings stand out from it by size, weight or numbering. Tables are read only on pages that
draw ruling lines, so plain text pages cost little more than `extract_text`.
"""

from __future__ import annotations

import logging

from converge.core.config import Settings
from converge.core.model import Document
from converge.core.parsers.base import SourceInfo
from converge.core.parsers.pdf.reading import read_pdf
from converge.core.parsers.pdf.structure import build_document

# pdfminer reports every recoverable oddity of a file at WARNING; across a library that is noise.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


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
        pages, info_title, failed = read_pdf(data, settings)
        return build_document(pages, info_title, failed, trust=trust, source=source, parser=self)


PARSER = PdfParser()

__all__ = ["PARSER", "PdfParser"]
