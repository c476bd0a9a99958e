"""Result types of the difference engine: plain frozen dataclasses, never HTML."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

Path = tuple[str, ...]


class ChangeKind(StrEnum):
    INSERT = "insert"
    DELETE = "delete"
    REPLACE = "replace"
    MOVE = "move"


class Category(StrEnum):
    THRESHOLD = "threshold"
    DOSE = "dose"
    UNIT = "unit"
    ROUTE = "route"
    FREQUENCY = "frequency"
    TIME_LIMIT = "time_limit"
    AGE_WEIGHT = "age_weight"
    DRUG = "drug"
    CRITERIA = "criteria"
    ROLE = "role"
    DUTY = "duty"
    NEGATION = "negation"
    GUIDANCE = "guidance"
    WORDING = "wording"
    LOCAL = "local"
    NOISE = "noise"


SIGNIFICANT_CATEGORIES: frozenset[Category] = frozenset(Category) - {
    Category.WORDING,
    Category.LOCAL,
    Category.NOISE,
}


class PairKind(StrEnum):
    """How sections on the two sides correspond."""

    MATCHED = "matched"  # one to one (possibly renamed, renumbered, moved)
    SPLIT = "split"  # one section on side a covered by several on side b
    MERGED = "merged"  # several on side a covered by one on side b
    A_ONLY = "a_only"
    B_ONLY = "b_only"


@dataclass(frozen=True, slots=True)
class Change:
    """One difference between the two sides, with enough context to read and a clinical verdict.

    a_text/b_text hold the whole sentence (or table cell) on each side; a_changed/b_changed the words
    that differ. Positions are token offsets within the pair's side (all its sections' sentences in order).
    """

    kind: ChangeKind
    a_text: str
    b_text: str
    a_changed: str
    b_changed: str
    a_section: Path | None
    b_section: Path | None
    a_pos: tuple[int, int] | None
    b_pos: tuple[int, int] | None
    category: Category
    significant: bool
    reason: str
    categories: tuple[Category, ...] = ()  # every category that applied, primary first


@dataclass(frozen=True, slots=True)
class SectionPair:
    """Sections that correspond across the two documents, and the changes between them."""

    kind: PairKind
    a_paths: tuple[Path, ...]
    b_paths: tuple[Path, ...]
    a_heading: str
    b_heading: str
    score: float
    heading_score: float
    content_score: float
    changes: tuple[Change, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentDiff:
    a_id: str
    b_id: str
    a_trust: str
    b_trust: str
    a_title: str
    b_title: str
    pairs: tuple[SectionPair, ...]
    moves: tuple[Change, ...] = ()  # sentences moved between sections
    similarity: float = 0.0  # share of sentences (by tokens) unchanged, in [0, 1]

    def changes(self) -> Iterator[Change]:
        for pair in self.pairs:
            yield from pair.changes
        yield from self.moves

    def significant(self) -> list[Change]:
        return [c for c in self.changes() if c.significant]


@dataclass(frozen=True, slots=True)
class GroupRow:
    """One row of a group's section alignment: the paths of the same section at each trust."""

    heading: str
    paths: dict[str, tuple[Path, ...]] = field(hash=False)  # trust -> paths (empty = absent there)

    @property
    def trusts(self) -> tuple[str, ...]:
        return tuple(t for t, p in self.paths.items() if p)


@dataclass(frozen=True, slots=True)
class GroupDiff:
    trusts: tuple[str, ...]
    doc_ids: tuple[str, ...]
    pairwise: tuple[DocumentDiff, ...]
    rows: tuple[GroupRow, ...]
    counts: dict[str, int] = field(hash=False)  # significant changes by category, over all pairs
    only_at: dict[str, tuple[str, ...]] = field(hash=False)  # trust -> headings present only there
    divergence: float = 0.0
