"""Justified deviations and the alignment register: per trust and specialty, every linked local document,
its national source and edition, its departures, which are justified ("local deviation: reason") and
which are not, and national references that are out of date (a newer edition is held).

Departures are recomputed from the stored documents (they are cheap next to a page of reading); a
justification is keyed by the departure's stable key, so it survives re-runs while the wording stands.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from converge.core.diff.context import DiffContext
from converge.core.matching import text as mt
from converge.core.national.departures import Alignment, Departure, HoldSettings, hold_against
from converge.store.models import DeviationNote, NationalLink, StoredDocument, Trust
from converge.workflow.actors import Actor, NotPermitted
from converge.workflow.comparison.compute import diff_context_for
from converge.workflow.library import load_document
from converge.workflow.national.linking import own_link, replaced_codes
from converge.workflow.status import LEADS


def national_name(doc: StoredDocument) -> str:
    """How a national document is named in reasons: its title, led by its own code when it has one."""
    codes = sorted(mt.guidance_codes(doc.title) | mt.guidance_codes(doc.source_path.rsplit("/", 1)[-1]))
    if not codes or codes[0] in doc.title.replace(" ", ""):
        return doc.title
    return f"{codes[0]}: {doc.title}"


def edition(doc: StoredDocument) -> str:
    """The national document's edition as held: version and date where the front matter gives them."""
    parts = [
        p
        for p in (doc.version and f"version {doc.version}", doc.meta.get("date") or doc.meta.get("issued"))
        if p
    ]
    return ", ".join(parts) or "edition not stated"


def justify(session: Session, link_id: int, departure: Departure, reason: str, actor: Actor) -> DeviationNote:
    """Record "local deviation: reason" for one departure; an earlier note on it is superseded, kept."""
    if actor.role not in LEADS:
        raise NotPermitted(f"a {actor.role} cannot record a local deviation")
    own_link(session, link_id, actor, acting="justifies the deviations")
    if not reason.strip():
        raise ValueError("a local deviation needs its reason")
    note = DeviationNote(
        link_id=link_id,
        departure_key=departure.key,
        summary=departure.reason,
        reason=reason.strip(),
        actor=actor.name,
    )
    session.add(note)
    session.flush()
    for old in session.scalars(
        select(DeviationNote).where(
            DeviationNote.link_id == link_id,
            DeviationNote.departure_key == departure.key,
            DeviationNote.superseded_by_id.is_(None),
            DeviationNote.id != note.id,
        )
    ):
        old.superseded_by_id = note.id
    session.flush()
    return note


def justifications(session: Session, link_id: int) -> dict[str, DeviationNote]:
    rows = session.scalars(
        select(DeviationNote).where(
            DeviationNote.link_id == link_id, DeviationNote.superseded_by_id.is_(None)
        )
    )
    return {n.departure_key: n for n in rows}


@dataclass(frozen=True)
class LinkReport:
    """One linked local document held against one national source, with its justifications."""

    link: NationalLink
    local: StoredDocument
    national: StoredDocument
    alignment: Alignment
    justified: dict[str, DeviationNote] = field(default_factory=dict)
    outdated: str | None = None  # why the national reference is out of date, if it is

    @property
    def unjustified(self) -> list[Departure]:
        return [d for d in self.alignment.departures if d.key not in self.justified]

    @property
    def status(self) -> str:
        if self.outdated:
            return "outdated national reference"
        if self.unjustified:
            return "unjustified departures"
        if self.alignment.departures:
            return "departures justified"
        return "aligned"


def outdated_reason(session: Session, local: StoredDocument, national: StoredDocument) -> str | None:
    """Why the national reference is out of date: the linked edition is superseded by a newer one held, or
    the local text cites a code that a held national document says it replaces."""
    if national.status == "superseded" and national.superseded_by_id:
        newer = session.get(StoredDocument, national.superseded_by_id)
        return f"a newer edition is held: {newer.title if newer else national.superseded_by_id}"
    cited = mt.guidance_codes(mt.clean_text(local.body_text))
    if not cited:
        return None
    nat_doc = load_document(national)
    old = sorted(cited & replaced_codes(nat_doc))
    if old:
        return f"the local text cites {', '.join(old)}, replaced by {national_name(national)}"
    return None


def hold_link(
    session: Session,
    link: NationalLink,
    context: DiffContext | None = None,
    settings: HoldSettings | None = None,
) -> LinkReport:
    context = context or diff_context_for(session)
    alignment = hold_against(
        load_document(link.local),
        load_document(link.national),
        context,
        settings,
        national_name(link.national),
    )
    return LinkReport(
        link,
        link.local,
        link.national,
        alignment,
        justifications(session, link.id),
        outdated_reason(session, link.local, link.national),
    )


def alignment_register(
    session: Session, trust: str | None = None, specialty: str | None = None, include_proposed: bool = False
) -> list[LinkReport]:
    """Every confirmed (and, if asked, proposed) link of a trust's current documents, held against its
    source, ordered by trust, specialty and title."""
    q = (
        select(NationalLink)
        .join(StoredDocument, StoredDocument.id == NationalLink.local_id)
        .join(Trust, Trust.id == StoredDocument.trust_id)
        .where(StoredDocument.status == "current")
    )
    statuses = ("confirmed", "proposed") if include_proposed else ("confirmed",)
    q = q.where(NationalLink.status.in_(statuses))
    if trust:
        q = q.where(Trust.code == trust.upper())
    if specialty:
        q = q.where(StoredDocument.specialty == specialty)
    links = list(session.scalars(q))
    context = diff_context_for(session)
    reports = [hold_link(session, link, context) for link in links]
    reports.sort(key=lambda r: (r.local.trust.code, r.local.specialty or "", r.local.title, r.national.title))
    return reports


def unjustified_by_trust(
    reports: Iterable[LinkReport],
) -> dict[tuple[str, str], list[tuple[LinkReport, Departure]]]:
    """(trust, specialty) -> every unjustified departure, for the governance lists."""
    out: dict[tuple[str, str], list[tuple[LinkReport, Departure]]] = {}
    for r in reports:
        for d in r.unjustified:
            out.setdefault((r.local.trust.code, r.local.specialty or "unassigned"), []).append((r, d))
    return out
