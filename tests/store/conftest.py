"""The store tests' library: two groups of two documents, a national document, a user."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy.orm import Session

from converge.store.models import GroupTransition, MatchGroupRow, MatchMember, NationalLink, StoredDocument, Trust, User


@dataclass
class Library:
    """Two groups of two documents each; the first group's JPUH document adapts a national document."""

    mine: int
    other: int
    my_doc: str
    other_doc: str
    national: str
    spare: str  # in no group
    user: int
    round: int  # a transition, for a sign-off to name


def _doc(session: Session, trust: Trust, key: str) -> str:
    doc = StoredDocument(
        id=f"{trust.code}:{key}",
        trust=trust,
        title=f"Sepsis {key}",
        title_key=f"sepsis {key}",
        source_path=f"{key}.docx",
        media_type="application/docx",
        sha256=key.ljust(64, "0"),
        parser="test@1",
    )
    session.add(doc)
    session.flush()
    return doc.id


@pytest.fixture
def library(session_factory) -> Library:  # type: ignore[no-untyped-def]
    with session_factory() as session, session.begin():
        jpuh, nnuh, nice = (Trust(code=c, name=c) for c in ("JPUH", "NNUH", "NICE"))
        nice.kind = "national"
        session.add_all([jpuh, nnuh, nice])
        docs = [_doc(session, t, k) for t, k in ((jpuh, "a1"), (nnuh, "a2"), (jpuh, "b1"), (nnuh, "b2"))]
        national, spare = _doc(session, nice, "n1"), _doc(session, jpuh, "s1")
        groups = [
            MatchGroupRow(topic=t, members=[MatchMember(document_id=d) for d in pair])
            for t, pair in (("mine", docs[:2]), ("other", docs[2:]))
        ]
        session.add_all(groups)
        session.add(NationalLink(local_id=docs[0], national_id=national, status="confirmed"))
        user = User(username="rev", password_hash="-", role="reviewer")
        session.add(user)
        session.flush()
        agreed = GroupTransition(group_id=groups[0].id, to_status="draft_agreed", actor="lead")
        session.add(agreed)
        session.flush()
        return Library(groups[0].id, groups[1].id, docs[0], docs[2], national, spare, user.id, agreed.id)
