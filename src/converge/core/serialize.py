"""Document <-> JSON-ready dicts, with a schema_version, for golden files and caches.

Bump SCHEMA_VERSION when the shape changes; readers refuse versions they do not know rather than
misreading them.
"""

from __future__ import annotations

from typing import Any

from converge.core.model import Block, BlockKind, Document, Layer, Provenance, Section, SourceRef

SCHEMA_VERSION = 1


def document_to_dict(doc: Document) -> dict[str, Any]:
    """Plain dict of `doc` (only str/int/None/list/dict), stable key order, ready for json.dumps."""
    return {
        "schema_version": SCHEMA_VERSION,
        "id": doc.id,
        "trust": doc.trust,
        "title": doc.title,
        "source": {
            "path": doc.source.path,
            "media_type": doc.source.media_type,
            "sha256": doc.source.sha256,
            "parser": doc.source.parser,
            "size": doc.source.size,
            "pages": doc.source.pages,
        },
        "meta": dict(sorted(doc.meta.items())),
        "preamble": [_block_to_dict(b) for b in doc.preamble],
        "sections": [_section_to_dict(s) for s in doc.sections],
    }


def _block_to_dict(block: Block) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": block.kind.value, "text": block.text}
    if block.layer != Layer.BODY:
        out["layer"] = block.layer.value
    if block.depth:
        out["depth"] = block.depth
    if block.rows:
        out["rows"] = [list(row) for row in block.rows]
    if block.prov is not None:
        out["prov"] = {"page": block.prov.page, "index": block.prov.index, "style": block.prov.style}
    return out


def _section_to_dict(section: Section) -> dict[str, Any]:
    return {
        "heading": section.heading,
        "number": section.number,
        "level": section.level,
        "blocks": [_block_to_dict(b) for b in section.blocks],
        "children": [_section_to_dict(c) for c in section.children],
    }


def document_from_dict(data: dict[str, Any]) -> Document:
    """Rebuild a Document from `document_to_dict` output; ValueError for an unknown schema_version."""
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise ValueError(f"unsupported document schema_version {version!r} (expected {SCHEMA_VERSION})")
    src = data["source"]
    return Document(
        id=data["id"],
        trust=data["trust"],
        title=data["title"],
        source=SourceRef(
            path=src["path"],
            media_type=src["media_type"],
            sha256=src["sha256"],
            parser=src["parser"],
            size=src.get("size", 0),
            pages=src.get("pages"),
        ),
        preamble=tuple(_block_from_dict(b) for b in data.get("preamble", [])),
        sections=tuple(_section_from_dict(s) for s in data.get("sections", [])),
        meta=dict(data.get("meta", {})),
    )


# Members by value: calling the enum class per block was a fifth of loading a library for matching.
_KINDS = {k.value: k for k in BlockKind}
_LAYERS = {x.value: x for x in Layer}


def _block_from_dict(data: dict[str, Any]) -> Block:
    prov = data.get("prov")
    kind, layer = data["kind"], data.get("layer", "body")
    return Block(
        kind=_KINDS.get(kind) or BlockKind(kind),  # an unknown value raises as the enum does
        text=data["text"],
        layer=_LAYERS.get(layer) or Layer(layer),
        depth=data.get("depth", 0),
        rows=tuple(tuple(row) for row in data.get("rows", [])),
        prov=Provenance(page=prov["page"], index=prov["index"], style=prov.get("style")) if prov else None,
    )


def _section_from_dict(data: dict[str, Any]) -> Section:
    return Section(
        heading=data["heading"],
        number=data.get("number"),
        level=data["level"],
        blocks=tuple(_block_from_dict(b) for b in data.get("blocks", [])),
        children=tuple(_section_from_dict(c) for c in data.get("children", [])),
    )


__all__ = ["SCHEMA_VERSION", "document_from_dict", "document_to_dict"]
