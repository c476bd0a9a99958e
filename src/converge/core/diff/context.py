"""What the diff needs to know about the organisations: their local names, passed in, not hard-coded."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, eq=False)  # hashed by identity: used as a cache key
class DiffContext:
    """Local terms per organisation (trust, hospital, site, ward, committee names, e-mail domains...).

    A difference made only of such terms is local variation, shown but never significant. Terms of every
    organisation count at both sides: one trust's document may name another's hospital.
    """

    local_terms: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    extra_drugs: tuple[str, ...] = ()  # formulary or brand names the drug list misses
    lookup_drugs: bool = True  # use drug-named-entity-recognition (slower first call: loads its data)

    @classmethod
    def from_terms(cls, local_terms: Mapping[str, Iterable[str]], **kwargs: object) -> DiffContext:
        return cls(local_terms={k: tuple(v) for k, v in local_terms.items()}, **kwargs)  # type: ignore[arg-type]

    def all_local_terms(self) -> tuple[str, ...]:
        """Every organisation's terms, longest first (so 'X Hospital NHS Trust' wins over 'X Hospital')."""
        terms = {t.strip() for ts in self.local_terms.values() for t in ts if t and t.strip()}
        return tuple(sorted(terms, key=lambda t: (-len(t), t)))


DEFAULT_CONTEXT = DiffContext()
