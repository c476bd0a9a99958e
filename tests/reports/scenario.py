"""A scripted programme: three trusts, five topics moved through the workflow on known dates.

Timeline (2025, noon UTC). Expected figures at three dates are written out in EXPECTED, by hand, from this
script, so the tests compare the report with a reading of the story, not with a second implementation.

  G1 Sepsis (Acute medicine, all trusts, divergence 0.2)
     proposed 1 Jan, confirmed 10 Jan, in review 1 Feb, draft agreed 1 Mar, approved 15 Mar, adopted 20 Apr
  G2 NEWS2 escalation (Acute medicine, all trusts, 0.6, significant: threshold 3, dose 1)
     proposed 1 Jan, confirmed 12 Jan, in review 5 Feb; decisions: threshold 10 Feb, threshold 20 Mar,
     dose deferred 25 Mar
  G3 Anticoagulation (Haematology, JPUH + NNUH only, 0.8)
     proposed 1 Jan, confirmed 1 Feb, local variation accepted 5 Mar
  G4 Blood transfusion (Haematology): proposed 1 Jan, rejected 20 Jan (never a topic)
  G5 Falls prevention (Older people, all trusts, 0.4, significant: time_limit 2)
     proposed 1 Mar, confirmed 10 Mar, in review 20 Mar, both decided 31 Mar (afternoon), draft agreed 1 Apr,
     approved 10 Apr
  G6 a superseded proposal (never a topic)
  Wave 1: created 5 Jan, 15 Jan to 30 Apr, target 2; Acute medicine planned 15 Jan (G1, G2), G3 by hand 1 Feb.
  NNUH's sepsis policy v1 (review date 1 Dec 2024) is superseded by v2 (review 2028) ingested 15 Feb.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from converge.reports import waves
from converge.store.models import GroupTransition, MatchGroupRow, MatchMember, StoredDocument
from converge.workflow.actors import Actor
from converge.workflow.library import get_or_create_trust
from converge.workflow.review import record_decision, transition
from converge.workflow.signoff import Rules

LEAD = Actor("lead.jpuh", "lead", "JPUH")
REVIEWER = Actor("dr.reviewer", "reviewer")
RELAXED = Rules("reviewer", "any_lead")
TRUSTS = ("JPUH", "NNUH", "QEH")


def at(month: int, day: int, hour: int = 12) -> datetime:
    return datetime(2025, month, day, hour, tzinfo=UTC)


@dataclass
class Programme:
    groups: dict[str, int]  # G1..G6 -> id
    wave_id: int
    docs: dict[str, str]  # "G1:JPUH" -> document id


def _doc(
    session: Session,
    trust: str,
    title: str,
    specialty: str | None,
    review: str | None,
    when: datetime,
    key: str,
) -> StoredDocument:
    sha = hashlib.sha256(key.encode()).hexdigest()
    row = StoredDocument(
        id=f"{trust}:{sha[:12]}",
        trust_id=get_or_create_trust(session, trust).id,
        title=title,
        title_key=title.lower(),
        source_path=f"{trust}/{key}.docx",
        media_type="application/docx",
        sha256=sha,
        parser="test@1",
        specialty=specialty,
        review_date=review,
        ingested_at=when,
        document_type="policy",
    )
    session.add(row)
    session.flush()
    return row


def _group(
    session: Session,
    topic: str,
    specialty: str | None,
    doc_ids: list[str],
    when: datetime,
    divergence: float | None = None,
    significant: dict[str, int] | None = None,
) -> MatchGroupRow:
    group = MatchGroupRow(
        status="proposed",
        topic=topic,
        specialty=specialty,
        created_at=when,
        divergence=divergence,
        diff_summary={"significant_by_category": significant or {}},
        members=[MatchMember(document_id=d) for d in doc_ids],
    )
    session.add(group)
    session.flush()
    session.add(
        GroupTransition(group_id=group.id, from_status=None, to_status="proposed", actor="matcher", at=when)
    )
    session.flush()
    return group


def move(
    session: Session, group_id: int, status: str, when: datetime, reason: str = "", actor: Actor = LEAD
) -> None:
    # The story predates the sign-off rules: a deployment with the relaxed rules (docs/settings.md).
    transition(session, group_id, status, actor, reason, rules=RELAXED).at = when
    session.flush()


def decide(
    session: Session, group_id: int, key: str, decision: str, category: str, when: datetime, **kw: str
) -> None:
    record_decision(
        session, group_id, key, decision, REVIEWER, category=category, significant=True, **kw
    ).at = when
    session.flush()


def build(session: Session) -> Programme:
    docs: dict[str, str] = {}
    reviews = {
        ("G1", "JPUH"): "2025-03-01",
        ("G2", "QEH"): "2025-06-15",
        ("G5", "NNUH"): "2026-01-01",
        ("G3", "JPUH"): "2025-04",
    }
    topics = {
        "G1": ("Sepsis in adults", "Acute medicine"),
        "G2": ("NEWS2 escalation", "Acute medicine"),
        "G3": ("Anticoagulation", "Haematology"),
        "G4": ("Blood transfusion", "Haematology"),
        "G5": ("Falls prevention", "Older people"),
        "G6": ("Old proposal", None),
    }
    for g, (title, specialty) in topics.items():
        for trust in TRUSTS:
            if g == "G3" and trust == "QEH":
                continue
            review = reviews.get((g, trust), "2027-01-01")
            if g == "G1" and trust == "NNUH":
                review = "2024-12-01"
            docs[f"{g}:{trust}"] = _doc(
                session, trust, title, specialty, review, at(1, 1, 9), f"{g}{trust}"
            ).id
    old = session.get(StoredDocument, docs["G1:NNUH"])
    v2 = _doc(session, "NNUH", "Sepsis in adults", "Acute medicine", "2028-02-01", at(2, 15), "G1NNUHv2")
    old.status, old.superseded_by_id = "superseded", v2.id

    def members(g: str) -> list[str]:
        return [v for k, v in docs.items() if k.startswith(g + ":")]

    ids = {}
    ids["G1"] = _group(session, "Sepsis in adults", "Acute medicine", members("G1"), at(1, 1), 0.2).id
    ids["G2"] = _group(
        session,
        "NEWS2 escalation",
        "Acute medicine",
        members("G2"),
        at(1, 1),
        0.6,
        {"threshold": 3, "dose": 1},
    ).id
    ids["G3"] = _group(session, "Anticoagulation", "Haematology", members("G3"), at(1, 1), 0.8).id
    ids["G4"] = _group(session, "Blood transfusion", "Haematology", members("G4"), at(1, 1), 0.5).id
    ids["G5"] = _group(
        session, "Falls prevention", "Older people", members("G5"), at(3, 1), 0.4, {"time_limit": 2}
    ).id
    ids["G6"] = _group(session, "Old proposal", None, members("G6"), at(1, 1)).id
    g6 = session.get(MatchGroupRow, ids["G6"])
    g6.status = "superseded"
    session.add(
        GroupTransition(
            group_id=g6.id,
            from_status="proposed",
            to_status="superseded",
            actor="matcher",
            reason="a newer matching run proposes different groups",
            at=at(1, 2),
        )
    )

    wave = waves.create_wave(
        session,
        "Wave 1",
        LEAD,
        starts_on="2025-01-15",
        target_date="2025-04-30",
        target_converged=2,
        specialties=[],
    )
    wave.created_at = at(1, 5)

    move(session, ids["G1"], "confirmed", at(1, 10))
    move(session, ids["G2"], "confirmed", at(1, 12))
    waves.plan_specialty(session, wave, "Acute medicine", LEAD, at=at(1, 15))
    move(session, ids["G4"], "rejected", at(1, 20), "different topics")
    move(session, ids["G1"], "in_review", at(2, 1))
    move(session, ids["G3"], "confirmed", at(2, 1))
    waves.plan_groups(session, wave, [ids["G3"]], LEAD, at=at(2, 1))
    move(session, ids["G2"], "in_review", at(2, 5))
    decide(session, ids["G2"], "t1", "adopt", "threshold", at(2, 10), adopted_trust="NNUH")
    move(session, ids["G1"], "draft_agreed", at(3, 1))
    move(session, ids["G3"], "local_variation_accepted", at(3, 5), "different patient populations")
    move(session, ids["G5"], "confirmed", at(3, 10))
    move(session, ids["G1"], "approved", at(3, 15))
    move(session, ids["G5"], "in_review", at(3, 20))
    decide(session, ids["G2"], "t2", "new_text", "threshold", at(3, 20), text="NEWS2 of 5 or more")
    decide(session, ids["G2"], "d1", "defer", "dose", at(3, 25))
    decide(session, ids["G5"], "f1", "adopt", "time_limit", at(3, 31, 15), adopted_trust="JPUH")
    decide(session, ids["G5"], "f2", "new_text", "time_limit", at(3, 31, 16), text="Review within 4 hours.")
    move(session, ids["G5"], "draft_agreed", at(4, 1))
    move(session, ids["G5"], "approved", at(4, 10))
    move(session, ids["G1"], "adopted", at(4, 20))
    session.flush()
    return Programme(ids, wave.id, docs)


# What a person reading the timeline expects at three dates.
EXPECTED = {
    at(2, 15): {
        "topics": 3,
        "converged": 0,
        "percent": 0.0,
        "by_status": {"in_review": 2, "confirmed": 1},
        "open_significant": {"threshold": 2, "dose": 1},
        "gaps": {"JPUH": 0, "NNUH": 0, "QEH": 1},
        "wave_groups": 3,
        "wave_converged": 0,
    },
    at(3, 31): {
        "topics": 4,
        "converged": 1,
        "percent": 25.0,
        "by_status": {"in_review": 2, "approved": 1, "local_variation_accepted": 1},
        "open_significant": {"threshold": 1, "dose": 1, "time_limit": 2},
        "gaps": {"JPUH": 0, "NNUH": 0, "QEH": 1},
        "wave_groups": 3,
        "wave_converged": 1,
    },
    at(5, 1): {
        "topics": 4,
        "converged": 2,
        "percent": 50.0,
        "by_status": {"in_review": 1, "approved": 1, "adopted": 1, "local_variation_accepted": 1},
        "open_significant": {"threshold": 1, "dose": 1},
        "gaps": {"JPUH": 0, "NNUH": 0, "QEH": 1},
        "wave_groups": 3,
        "wave_converged": 1,
    },
}
