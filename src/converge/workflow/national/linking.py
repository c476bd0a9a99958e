"""Link each local document to the national document(s) it adapts, with evidence a lead can check.

Two kinds of evidence, both from the matching package (its public extractors, never its internals):
- the local text cites the code a national document *is* ("in line with NICE NG232"): `guidance_codes`
  of the local body against `own_guidance` of the national document;
- the matcher's own pairwise score (title, body TF-IDF, headings, qualifiers) of the two documents, over
  an index of the local library and the national library together.
A link is proposed, never assumed: a lead confirms or rejects it, and each decision is kept (audited).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from converge.core.errors import NotFound
from converge.core.matching import MatchIndex
from converge.core.matching import text as mt
from converge.core.model import Document
from converge.store.models import NationalLink, NationalLinkEvent, StoredDocument, Trust
from converge.workflow.actors import Actor, NotPermitted
from converge.workflow.library import load_document
from converge.workflow.status import LEADS

KINDS = ("trust", "national")
_REPLACES = re.compile(r"\b(?:replaces|supersedes|updates and replaces)\b[^.]{0,80}", re.IGNORECASE)


@dataclass(frozen=True)
class LinkSettings:
    """Shipped defaults: the matcher's own threshold and feature centres, not fitted to any corpus.

    A local pathway against a long national guideline is equivalent in topic, not in shape, so the matcher's
    confidence (built for one trust's policy against another's) is often low for true links. The national
    document nearest in content is also proposed when both are each other's closest (relative cosine) with
    one more piece of evidence above the matcher's neutral centre, or when it is also the national document
    whose cosine stands out most (two readings of the body agree; no threshold).
    """

    threshold: float = 0.5  # matcher confidence from which the best national document is proposed
    cited_floor: float = 0.9  # score given to a link the local text cites by code
    runner_up_margin: float = 0.05  # a second matcher link is proposed only this close to the best
    mutual: float = 0.9  # relative cosine of documents that are each other's closest
    standout: float = 0.4  # cosine_standout's neutral centre in the matcher
    title: float = 0.5  # title_similarity's neutral centre in the matcher


@dataclass(frozen=True)
class ProposedLink:
    local_id: str
    national_id: str
    score: float
    evidence: tuple[dict, ...] = field(default=())


def national_codes(session: Session) -> list[str]:
    return list(session.scalars(select(Trust.code).where(Trust.kind == "national").order_by(Trust.code)))


def set_kind(session: Session, code: str, kind: str) -> Trust:
    """Mark an organisation as a national library (or back to a trust)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}")
    trust = session.scalar(select(Trust).where(Trust.code == code.strip().upper()))
    if trust is None:
        raise NotFound(f"no organisation {code.strip().upper()!r}")
    trust.kind = kind
    return trust


def replaced_codes(doc: Document) -> frozenset[str]:
    """Codes a national document says it replaces ("This guideline replaces CG176 and CG56")."""
    text = mt.clean_text("\n".join(b.text for b in doc.blocks()))
    found: set[str] = set()
    for m in _REPLACES.finditer(text):
        found |= mt.guidance_codes(m.group())
    return frozenset(found)


def own_codes(doc: Document) -> frozenset[str]:
    return mt.own_guidance(
        mt.clean_text(doc.title),
        doc.source.path.rsplit("/", 1)[-1],
        mt.clean_text("\n".join(b.text for b in doc.blocks())),
    )


def _population_conflict(score) -> bool:
    return any(c.startswith("population") for c in score.conflicts)


def _evidence(s, hit: Sequence[str], why: str) -> tuple[dict, ...]:
    out: list[dict] = []
    if hit:
        out.append({"kind": "cites", "detail": f"the local text cites {', '.join(hit)}"})
    out.append({"kind": "matcher", "detail": f"matcher confidence {s.confidence:.2f}{why}"})
    f = s.features
    shown = ("title_similarity", "body_cosine", "relative_cosine", "cosine_standout")
    parts = [f"{n.replace('_', ' ')} {f[n]:.2f}" for n in shown if f.get(n) is not None]
    if parts:
        out.append({"kind": "features", "detail": ", ".join(parts)})
    if s.shared_terms:
        out.append({"kind": "shared terms", "detail": ", ".join(s.shared_terms[:8])})
    for a_head, b_head, _ in s.aligned_headings[:3]:
        out.append({"kind": "headings", "detail": f"{a_head} ~ {b_head}"})
    out.extend({"kind": "conflict", "detail": c} for c in s.conflicts)
    return tuple(out)


def propose(
    local: Sequence[Document], national: Sequence[Document], settings: LinkSettings | None = None
) -> list[ProposedLink]:
    """Proposed links of every local document, best first per document; pure (no database).

    Every local document is scored against every national one (a national library is a few hundred
    documents): the matcher's pairwise score, plus the codes the local text cites.
    """
    settings = settings or LinkSettings()
    if not local or not national:
        return []
    codes = {d.id: own_codes(d) for d in national}
    index = MatchIndex([*local, *national])
    out: list[ProposedLink] = []
    for doc in local:
        cited = mt.guidance_codes(mt.clean_text(doc.body_text()))
        scores = [index.score_pair(doc.id, n.id) for n in national]
        pairs = list(zip(national, scores, strict=True))
        kept: dict[str, tuple[object, str]] = {}
        for n, s in pairs:
            if codes[n.id] & cited:
                kept[n.id] = (s, "")
        ranked = sorted(pairs, key=lambda p: -p[1].confidence)
        if ranked[0][1].confidence >= settings.threshold:
            best = ranked[0][1].confidence
            for n, s in ranked[:2]:
                if s.confidence >= max(settings.threshold, best - settings.runner_up_margin):
                    kept.setdefault(n.id, (s, ""))
        n, s = max(pairs, key=lambda p: p[1].features.get("body_cosine") or 0.0)
        f = s.features
        standout = max(pairs, key=lambda p: p[1].features.get("cosine_standout") or 0.0)[0]
        if (f.get("body_cosine") or 0.0) <= 0.0 or _population_conflict(index.score_pair(doc.id, n.id, True)):
            pass  # a guideline for another population (children, pregnancy) is never adapted by this one
        elif (f.get("relative_cosine") or 0.0) >= settings.mutual and (
            (f.get("cosine_standout") or 0.0) >= settings.standout
            or (f.get("title_similarity") or 0.0) >= settings.title
        ):
            kept.setdefault(n.id, (s, "; nearest national document in content, each other's closest"))
        elif standout.id == n.id:
            # Two readings of the body agree: the nearest national document is also the one whose
            # closeness stands out most from each document's usual cosines (a weaker proposal).
            kept.setdefault(n.id, (s, "; nearest national document in content, and the most exceptional"))
        found = []
        for nid, (_, why) in kept.items():
            s = index.score_pair(doc.id, nid, evidence=True)
            hit = sorted(codes[nid] & cited)
            score = max(s.confidence, settings.cited_floor) if hit else s.confidence
            found.append(ProposedLink(doc.id, nid, round(score, 3), _evidence(s, hit, why)))
        out.extend(sorted(found, key=lambda p: -p.score))
    return out


def _current(session: Session, kind: str, trusts: Iterable[str] | None = None) -> list[StoredDocument]:
    q = (
        select(StoredDocument)
        .join(Trust)
        .where(StoredDocument.status == "current", Trust.kind == kind)
        .order_by(StoredDocument.id)
    )
    if trusts:
        q = q.where(Trust.code.in_([t.upper() for t in trusts]))
    return list(session.scalars(q))


def link_library(
    session: Session, trusts: Iterable[str] | None = None, settings: LinkSettings | None = None
) -> list[NationalLink]:
    """Propose links for every current local document (of `trusts`, or all) and save them.

    A link a lead decided keeps its decision; a proposal no longer made is withdrawn (kept, not shown).
    """
    local_rows = _current(session, "trust", trusts)
    national_rows = _current(session, "national")
    proposals = propose(
        [load_document(r) for r in local_rows], [load_document(r) for r in national_rows], settings
    )
    existing = {
        (link.local_id, link.national_id): link
        for link in session.scalars(
            select(NationalLink).where(NationalLink.local_id.in_([r.id for r in local_rows]))
        )
    }
    saved = []
    made = {(p.local_id, p.national_id) for p in proposals}
    for key, old in existing.items():
        if key not in made and old.status == "proposed" and old.origin == "linker":
            old.status = "withdrawn"  # no longer proposed: kept, never deleted, shown nowhere
    for p in proposals:
        link = existing.get((p.local_id, p.national_id))
        if link is None:
            link = NationalLink(local_id=p.local_id, national_id=p.national_id, status="proposed")
            session.add(link)
        elif link.status == "withdrawn":
            link.status = "proposed"
        link.score = p.score
        link.evidence = list(p.evidence)
        saved.append(link)
    session.flush()
    return saved


def decide_link(
    session: Session, link_id: int, to_status: str, actor: Actor, reason: str = ""
) -> NationalLink:
    """A lead confirms or rejects a proposed link (or reverses a decision); each step is kept."""
    if to_status not in ("confirmed", "rejected", "proposed"):
        raise ValueError(f"cannot set a link to {to_status!r}")
    if actor.role not in LEADS:
        raise NotPermitted(f"a {actor.role} cannot confirm or reject national links")
    link = own_link(session, link_id, actor, acting="decides the links")
    if to_status == "rejected" and not reason.strip():
        raise ValueError("say why the link is rejected")
    session.add(
        NationalLinkEvent(
            link_id=link.id,
            from_status=link.status,
            to_status=to_status,
            actor=actor.name,
            reason=reason.strip(),
        )
    )
    link.status = to_status
    session.flush()
    return link


def own_link(session: Session, link_id: int, actor: Actor, *, acting: str) -> NationalLink:
    """The link, if `actor` may act on it: a lead acts only on their own trust's documents' links."""
    link = session.get(NationalLink, link_id)
    if link is None:
        raise NotFound(f"no national link {link_id}")
    if actor.role == "lead" and actor.trust and link.local.trust.code != actor.trust.upper():
        raise NotPermitted(f"a lead {acting} of their own trust's documents")
    return link


def add_link(
    session: Session, local_id: str, national_id: str, actor: Actor, reason: str = ""
) -> NationalLink:
    """A lead links a document the linker missed: recorded as confirmed by that person."""
    if actor.role not in LEADS:
        raise NotPermitted(f"a {actor.role} cannot link documents")
    nat = session.get(StoredDocument, national_id)
    if nat is None or nat.trust.kind != "national":
        raise NotFound(f"{national_id} is not a national document")
    link = session.scalar(
        select(NationalLink).where(NationalLink.local_id == local_id, NationalLink.national_id == national_id)
    )
    if link is None:
        link = NationalLink(
            local_id=local_id,
            national_id=national_id,
            status="proposed",
            origin="person",
            evidence=[{"kind": "person", "detail": f"linked by {actor.name}"}],
        )
        session.add(link)
        session.flush()
    return decide_link(session, link.id, "confirmed", actor, reason)


def links_of(session: Session, local_id: str, include_rejected: bool = False) -> list[NationalLink]:
    q = select(NationalLink).where(NationalLink.local_id == local_id, NationalLink.status != "withdrawn")
    if not include_rejected:
        q = q.where(NationalLink.status != "rejected")
    return sorted(session.scalars(q), key=lambda link: (link.status != "confirmed", -link.score))


def link_history(session: Session, link_id: int) -> list[NationalLinkEvent]:
    return list(
        session.scalars(
            select(NationalLinkEvent)
            .where(NationalLinkEvent.link_id == link_id)
            .order_by(NationalLinkEvent.id)
        )
    )


def group_links(session: Session, document_ids: Iterable[str]) -> list[NationalLink]:
    """The links (not rejected) of a group's members, confirmed first: the national sources to show."""
    ids = list(document_ids)
    if not ids:
        return []
    rows = session.scalars(
        select(NationalLink).where(
            NationalLink.local_id.in_(ids), NationalLink.status.not_in(("rejected", "withdrawn"))
        )
    )
    best: dict[str, NationalLink] = {}
    for link in sorted(rows, key=lambda x: (x.status != "confirmed", -x.score)):
        best.setdefault(link.national_id, link)
    return list(best.values())
