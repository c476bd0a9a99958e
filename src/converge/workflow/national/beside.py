"""What the national guidance says beside each significant difference between trusts in a group's review,
and which trust's wording agrees with it (pure: review differences and national documents in, notes out).

"Agrees" uses the same significance rules as everywhere else: a trust's sentence agrees when it shows no
clinically significant departure from the national sentence that speaks to the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy.orm import Session

from converge.core.diff.context import DEFAULT_CONTEXT, DiffContext
from converge.core.diff.significance import name_sides
from converge.core.errors import ReviewError
from converge.core.model import Document
from converge.core.national.departures import (
    HoldSettings,
    Sentence,
    _vectors,
    compare_sentences,
    sentences_of,
    speaks_to,
)
from converge.store.models import DifferenceDecision
from converge.workflow.actors import Actor
from converge.workflow.comparison.differences import Difference
from converge.workflow.review import record_decision


@dataclass(frozen=True, slots=True)
class Source:
    """A national document linked to a member of the group, and whether a lead confirmed the link."""

    name: str
    document: Document
    confirmed: bool


@dataclass(frozen=True, slots=True)
class NationalNote:
    key: str  # the difference's key
    source: str
    confirmed: bool
    text: str
    section: str
    similarity: float
    agreeing: tuple[str, ...]  # trusts whose wording agrees with the national wording
    departing: tuple[tuple[str, str], ...]  # (trust, reason) of those that depart

    def citation(self) -> str:
        where = f", {self.section}" if self.section else ""
        return f'National guidance ({self.source}{where}): "{self.text}"'


def beside_differences(
    differences: Sequence[Difference],
    sources: Sequence[Source],
    context: DiffContext = DEFAULT_CONTEXT,
    settings: HoldSettings | None = None,
) -> dict[str, NationalNote]:
    """A note for every significant difference that some national sentence speaks to."""
    settings = settings or HoldSettings()
    wanted = [d for d in differences if d.significant and d.sides]
    if not wanted or not sources:
        return {}
    nat: list[tuple[Source, Sentence]] = [
        (src, s) for src in sources for s in sentences_of(src.document, settings.national_min_words)
    ]
    if not nat:
        return {}
    queries = [" ".join(side.text for side in d.sides) for d in wanted]
    matrix = _vectors([s.text for _, s in nat] + queries)
    sims = (matrix[len(nat) :] @ matrix[: len(nat)].T).toarray()
    out: dict[str, NationalNote] = {}
    for i, d in enumerate(wanted):
        j = int(np.argmax(sims[i]))
        src, sentence = nat[j]
        if not any(speaks_to(side.text, sentence.text, float(sims[i, j]), settings) for side in d.sides):
            continue
        agreeing, departing = [], []
        for side in d.sides:
            verdict = compare_sentences(sentence.text, side.text, context)
            if verdict is None or not verdict[1]:
                agreeing.append(side.trust)
            else:
                departing.append((side.trust, name_sides(verdict[2], src.name, side.trust)))
        out[d.key] = NationalNote(
            d.key,
            src.name,
            src.confirmed,
            sentence.text,
            sentence.section,
            round(float(sims[i, j]), 3),
            tuple(agreeing),
            tuple(departing),
        )
    return out


def decide_citing(  # noqa: PLR0913 - each is one fact of the decision
    session: Session,
    group_id: int,
    key: str,
    difference: Difference,
    note: NationalNote | None,
    trust: str,
    actor: Actor,
) -> DifferenceDecision:
    """Adopt `trust`'s wording for a difference because it agrees with the national guidance, the citation
    as the reason; refused when that trust's wording departs from it (or the note has gone)."""
    if note is None or trust not in note.agreeing:
        raise ReviewError("that difference or its national wording has changed; reload the page")
    return record_decision(
        session,
        group_id,
        key,
        "adopt",
        actor,
        adopted_trust=trust,
        reason=f"Agrees with national guidance. {note.citation()}"[:5000],
        category=difference.category,
        significant=difference.significant,
    )
