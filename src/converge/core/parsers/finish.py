"""The one place a parser's reading becomes a Document: title, document type, source record, id.

Every format ends the same way; keeping the finish here means a new meta rule (or a new field on the
source record) reaches every parser at once instead of drifting between three copies.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import chain

from converge.core.model import Block, Document, Section, SourceRef, make_document_id
from converge.core.parsers.base import Parser, SourceInfo
from converge.core.parsers.metadata import document_type_from
from converge.core.parsers.provenance import captured_from, front_text


def finish_document(
    *,
    parser: Parser,
    trust: str,
    source: SourceInfo,
    title: str,
    title_source: str,
    preamble: tuple[Block, ...],
    sections: tuple[Section, ...],
    meta: Mapping[str, str],
    media_type: str | None = None,
    pages: int | None = None,
) -> Document:
    """A Document from what a parser read; `meta` loses any front-sheet "title" to the chosen one.

    The document type comes from the front sheet when it says one, else from the title's wording; a
    document that says it is a snapshot of a web page records the page (`captured_from`).
    """
    finished = {k: v for k, v in meta.items() if k != "title"}
    finished |= {"title": title, "title_source": title_source}
    if "document_type" not in finished and title and (kind := document_type_from(title)):
        finished["document_type"] = kind
    blocks = chain(preamble, (b for s in sections for _, sub in s.walk() for b in sub.blocks))
    if page := captured_from(front_text(blocks)):
        finished["captured_from"] = page
    return Document(
        id=make_document_id(trust, source.sha256),
        trust=trust,
        title=title,
        source=SourceRef(
            path=source.path,
            media_type=media_type or parser.media_type,
            sha256=source.sha256,
            parser=f"{parser.name}@{parser.version}",
            size=source.size,
            pages=pages,
        ),
        preamble=preamble,
        sections=sections,
        meta=finished,
    )
