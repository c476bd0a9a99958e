"""Build small Documents directly from the model (no parser needed)."""

from __future__ import annotations

from converge.core.model import Block, BlockKind, Document, Section, SourceRef


def para(text: str) -> Block:
    return Block(BlockKind.PARAGRAPH, text)


def table(*rows: tuple[str, ...]) -> Block:
    return Block(BlockKind.TABLE, " ".join(c for r in rows for c in r), rows=tuple(rows))


def sec(
    heading: str, *blocks: str | Block, number: str | None = None, children: tuple[Section, ...] = ()
) -> Section:
    return Section(heading, number, 1, tuple(para(b) if isinstance(b, str) else b for b in blocks), children)


def doc(trust: str, *sections: Section, title: str = "Policy") -> Document:
    sha = f"{trust.lower()}{'0' * 40}"[:40]
    return Document(
        f"{trust}:{sha[:12]}",
        trust,
        title,
        SourceRef(f"{trust}/x.docx", "application/docx", sha, "test@1"),
        (),
        tuple(sections),
    )
