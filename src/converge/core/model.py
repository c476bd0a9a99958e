"""The shared document model: Document -> Section -> Block.

Pure dataclasses with no I/O, so parsers, matching and diff agree on one shape
and nothing here depends on a database or a web framework.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Layer(StrEnum):
    """Whether a block is content or page furniture (kept for display, excluded from matching)."""

    BODY = "body"
    FURNITURE = "furniture"  # running headers/footers, control tables, "uncontrolled when printed"


class BlockKind(StrEnum):
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE = "table"


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a block came from, so a reviewer can find it in the source file."""

    page: int | None  # PDF page (1-based); None for DOCX
    index: int  # order of the source paragraph/line/table in the file
    style: str | None = None  # DOCX style / PDF font that drove classification


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    text: str  # normalised text used for matching and diff (for tables: cells joined)
    layer: Layer = Layer.BODY
    depth: int = 0  # list nesting
    rows: tuple[tuple[str, ...], ...] = ()  # TABLE only
    prov: Provenance | None = None


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    number: str | None  # as printed, e.g. "4.2"
    level: int  # 1 = top
    blocks: tuple[Block, ...] = ()
    children: tuple[Section, ...] = ()

    def walk(self, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Section]]:
        """Yield (heading path, section) for this section and all descendants, depth first."""
        here = (*path, self.heading)
        yield here, self
        for child in self.children:
            yield from child.walk(here)

    def own_text(self, layer: Layer | None = Layer.BODY) -> str:
        """Text of this section's own blocks (not its children's)."""
        return "\n".join(b.text for b in self.blocks if layer is None or b.layer == layer)


@dataclass(frozen=True, slots=True)
class SourceRef:
    path: str  # as given to ingest (or relative to the archive it came from)
    media_type: str
    sha256: str
    parser: str  # "docx@3": name@version; bump the version when output changes
    size: int = 0
    pages: int | None = None


@dataclass(frozen=True, slots=True)
class Document:
    id: str  # f"{trust}:{sha256[:12]}"
    trust: str
    title: str
    source: SourceRef
    preamble: tuple[Block, ...] = ()  # blocks before the first heading
    sections: tuple[Section, ...] = ()
    meta: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)

    def walk(self) -> Iterator[tuple[tuple[str, ...], Section]]:
        """Yield (heading path, section) for every section in document order."""
        for section in self.sections:
            yield from section.walk()

    def blocks(self, layer: Layer | None = None) -> Iterator[Block]:
        """Every block in document order, optionally only one layer."""
        for block in self.preamble:
            if layer is None or block.layer == layer:
                yield block
        for _, section in self.walk():
            for block in section.blocks:
                if layer is None or block.layer == layer:
                    yield block

    def body_text(self) -> str:
        """Body text only (headings and body blocks): what matching and diff should read."""
        parts: list[str] = [b.text for b in self.preamble if b.layer == Layer.BODY]
        for _, section in self.walk():
            parts.append(section.heading)
            parts.extend(b.text for b in section.blocks if b.layer == Layer.BODY)
        return "\n".join(p for p in parts if p)

    def headings(self) -> list[str]:
        return [section.heading for _, section in self.walk()]


def make_document_id(trust: str, sha256: str) -> str:
    """Stable id of a document: the same bytes at the same trust always get the same id."""
    return f"{trust}:{sha256[:12]}"


# Metadata keys read from the document-control front sheet. Unknown stays absent, never guessed.
META_KEYS: tuple[str, ...] = (
    "reference",
    "version",
    "status",
    "author",
    "owner",
    "approved_by",
    "ratified_by",
    "date_approved",
    "date_issued",
    "review_date",
    "audience",
    "supersedes",
    "document_type",
    "specialty",
    "keywords",
)
