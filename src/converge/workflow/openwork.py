"""What still stands between a group and one shared policy: its open significant differences.

One definition, used by every count (the queue, the group page, the draft, the reports, the exports and the
board report): a clinically significant difference of a group's documents is **open** unless its standing
decision settles it (adopt one trust's text, new text, an accepted local variation with its reason, or "not
applicable" with its reason). "Defer" leaves it open; so does no decision at all. A group's significant
differences are the merged ones a reviewer sees and decides (one per difference, however many trusts word
it differently), stored with the group's diff summary as `significant_keys` (key -> category).

A proposed group's differences are counted too, as "not yet confirmed", never as zero; a group counts as
converged only when it is approved (or adopted) with nothing open.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

# Decisions that settle a difference; "defer" does not.
SETTLING = frozenset({"adopt", "new_text", "local_variation", "not_applicable"})
# Statuses whose differences are nobody's work any more: the group ended without a shared policy.
ENDED_WITHOUT_POLICY = frozenset(
    {"rejected", "local_variation_accepted", "not_to_be_converged", "superseded"}
)
CONVERGED_STATUSES = frozenset({"approved", "adopted"})


class _Decided(Protocol):
    decision: str


class _Diff(Protocol):
    @property
    def key(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def significant(self) -> bool: ...


def is_open(decision: str | None) -> bool:
    """Whether a significant difference with this standing decision (None: none) is still open."""
    return decision not in SETTLING


def significant_of(differences: Iterable[_Diff]) -> dict[str, str]:
    """The significant differences of a review (key -> category), as stored in the diff summary."""
    return {d.key: d.category or "other" for d in differences if d.significant}


def standing(decisions: Mapping[str, Sequence[_Decided]]) -> dict[str, str]:
    """The standing decision on each difference, from current_decisions' answer (latest last)."""
    return {k: rows[-1].decision for k, rows in decisions.items() if rows}


def open_keys(significant: Mapping[str, str], decided: Mapping[str, str]) -> dict[str, str]:
    """THE definition: the significant differences (key -> category) whose standing decision leaves them
    open. `decided` maps a difference key to its standing decision."""
    return {k: c for k, c in significant.items() if is_open(decided.get(k))}


@dataclass(frozen=True, slots=True)
class OpenWork:
    """A group's significant differences and how many are open, for one status."""

    status: str
    significant: int
    open: int
    by_category: dict[str, int] = field(default_factory=dict, hash=False)  # open ones, by category
    known: bool = True  # False for a group whose differences were never computed (one document, say)

    @property
    def confirmed(self) -> bool:
        return self.status != "proposed"

    @property
    def ended(self) -> bool:
        return self.status in ENDED_WITHOUT_POLICY

    @property
    def converged(self) -> bool:
        """Approved or adopted with no significant difference open."""
        return self.status in CONVERGED_STATUSES and self.open == 0

    @property
    def decided(self) -> int:
        return self.significant - self.open

    def describe(self) -> str:
        """One line for a page or an export: "24 of 27 significant differences undecided"."""
        if not self.known:
            return "nothing to compare"
        if self.ended:
            return f"{self.significant} significant differences (group ended)"
        if not self.confirmed:
            return f"{self.significant} significant differences, not yet confirmed"
        if self.open == 0:
            return (
                f"all {self.significant} significant differences decided"
                if self.significant
                else ("no significant differences")
            )
        return f"{self.open} of {self.significant} significant differences undecided"


def open_work(status: str, significant: Mapping[str, str] | None, decided: Mapping[str, str]) -> OpenWork:
    """A group's open work from its significant differences (None: never computed) and standing decisions."""
    if significant is None:
        return OpenWork(status, 0, 0, {}, known=False)
    left = open_keys(significant, decided)
    return OpenWork(status, len(significant), len(left), dict(Counter(left.values()).most_common()))


def summary_significant(diff_summary: Mapping[str, Any] | None) -> dict[str, str] | None:
    """A group's significant differences from its stored diff summary; None when never computed."""
    keys = (diff_summary or {}).get("significant_keys")
    return dict(keys) if isinstance(keys, Mapping) else None
