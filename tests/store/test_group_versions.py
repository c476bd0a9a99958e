"""A group's data version (models.GroupVersion, set by the triggers of migration 0011) changes with every
change to any table the group's page reads, and a change to another group leaves it as it was.

The tables are those the page was seen to read (tests/web/test_page_cache.py records the SQL of the kept
page's build and checks each table it reads carries these triggers); here, one change per table.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import delete, inspect, text, update
from sqlalchemy.orm import Session
from tests.store.conftest import Library

from converge.store.models import (
    Comment,
    ConfirmRequest,
    DifferenceDecision,
    DraftSection,
    GroupReview,
    GroupSignoff,
    GroupTransition,
    Job,
    MatchGroupRow,
    MatchMember,
    NationalLink,
    StoredDocument,
    Trust,
    User,
    VocabularyTerm,
)
from converge.store.queries import group_version

# A change to each table the group page reads, made to the first group (or to what every group shows).
CHANGES: dict[str, Callable[[Session, Library], object]] = {
    "match_groups": lambda s, lib: s.get(MatchGroupRow, lib.mine).__setattr__("status", "in_review"),
    "match_members": lambda s, lib: s.add(MatchMember(group_id=lib.mine, document_id=lib.spare)),
    "comments": lambda s, lib: s.add(Comment(group_id=lib.mine, actor="rev", text="Checked")),
    "difference_decisions": lambda s, lib: s.add(
        DifferenceDecision(group_id=lib.mine, change_key="k", decision="defer", actor="rev")
    ),
    "draft_sections": lambda s, lib: s.add(DraftSection(group_id=lib.mine, position=0, heading="Scope", actor="rev")),
    "group_reviews": lambda s, lib: s.add(GroupReview(group_id=lib.mine, fingerprint="f", payload=b"x")),
    "group_transitions": lambda s, lib: s.add(
        GroupTransition(group_id=lib.mine, from_status="proposed", to_status="confirmed", actor="lead")
    ),
    "group_signoffs": lambda s, lib: s.add(
        GroupSignoff(
            group_id=lib.mine,
            round_id=lib.round,
            kind="signoff",
            trust="JPUH",
            actor="lead",
        )
    ),
    "confirm_requests": lambda s, lib: s.add(ConfirmRequest(group_id=lib.mine, requester="rev")),
    "documents": lambda s, lib: s.get(StoredDocument, lib.my_doc).__setattr__("title", "Sepsis, renamed"),
    "national_links": lambda s, lib: s.execute(
        update(NationalLink).where(NationalLink.local_id == lib.my_doc).values(status="rejected")
    ),
    "jobs": lambda s, lib: s.add(Job(id="j1", kind="draft", args={"group": lib.mine})),
    "trusts": lambda s, lib: s.execute(update(Trust).where(Trust.code == "JPUH").values(local_terms=["Ward 9"])),
    "users": lambda s, lib: s.get(User, lib.user).__setattr__("display_name", "Dr Rev"),
    "vocabulary_terms": lambda s, lib: s.add(VocabularyTerm(kind="specialty", value="Renal")),
}
EVERY_GROUP = {"trusts", "users", "vocabulary_terms"}  # shown on every group's page


def _versions(session_factory, lib: Library) -> tuple:  # type: ignore[no-untyped-def]
    with session_factory() as session:
        return group_version(session, lib.mine), group_version(session, lib.other)


@pytest.mark.parametrize("table", sorted(CHANGES))
def test_a_change_to_a_table_the_page_reads_changes_only_its_groups_version(
    session_factory, library: Library, table: str
) -> None:
    (mine, every), (other, _) = _versions(session_factory, library)
    with session_factory() as session, session.begin():
        CHANGES[table](session, library)
    (mine_after, every_after), (other_after, _) = _versions(session_factory, library)
    if table in EVERY_GROUP:
        assert every_after != every and mine_after == mine
    else:
        assert mine_after != mine and every_after == every
        assert other_after == other, "a change to one group must leave another group's pages kept"


def test_every_table_with_a_change_above_carries_the_triggers(session_factory) -> None:
    """The list above is every watched table (a batch migration on SQLite drops a rebuilt table's
    triggers: then this fails, as would that table's change above)."""
    with session_factory() as session:
        if session.get_bind().dialect.name == "postgresql":
            query = (
                "SELECT DISTINCT event_object_table FROM information_schema.triggers "
                "WHERE trigger_name LIKE 'group_versions_%' AND trigger_schema = current_schema()"
            )
        else:
            query = (
                "SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'group_versions_%'"
            )
        assert set(session.scalars(text(query))) == set(CHANGES)


def test_deleting_and_moving_rows_changes_the_groups_they_left_and_joined(session_factory, library) -> None:  # type: ignore[no-untyped-def]
    with session_factory() as session, session.begin():
        session.add(Comment(group_id=library.mine, actor="rev", text="to be deleted"))
    before = _versions(session_factory, library)
    with session_factory() as session, session.begin():
        session.execute(delete(Comment).where(Comment.group_id == library.mine))
    after = _versions(session_factory, library)
    assert after[0] != before[0] and after[1] == before[1]
    with session_factory() as session, session.begin():
        session.execute(
            update(MatchMember).where(MatchMember.document_id == library.my_doc).values(group_id=library.other)
        )
    moved = _versions(session_factory, library)
    assert moved[0][0] != after[0][0] and moved[1][0] != after[1][0]


def test_the_national_document_changes_the_groups_holding_its_adaptations(session_factory, library) -> None:  # type: ignore[no-untyped-def]
    before = _versions(session_factory, library)
    with session_factory() as session, session.begin():
        session.get(StoredDocument, library.national).title = "Suspected sepsis NG51, updated"
    after = _versions(session_factory, library)
    assert after[0] != before[0] and after[1] == before[1]


def test_signing_in_and_other_groups_jobs_change_no_page(session_factory, library) -> None:  # type: ignore[no-untyped-def]
    before = _versions(session_factory, library)
    with session_factory() as session, session.begin():
        session.execute(update(User).values(failed_signins=User.failed_signins + 1, auth_version=2))
        session.add(Job(id="j2", kind="parse", args={"file": 3}))
        session.add(Job(id="j3", kind="compare", args={"group": library.other}))
        session.add(Job(id="j4", kind="odd", args=["group", 1]))
        session.get(StoredDocument, library.spare).title = "In no group"
    after = _versions(session_factory, library)
    assert after[0] == before[0] and after[1] != before[1]


def test_what_every_group_shows_has_a_version_from_the_start(session_factory) -> None:
    with session_factory() as session:
        assert inspect(session.get_bind()).has_table("group_versions")
        own, every = group_version(session, 12345)
        assert own is None and every is not None  # (0011 starts every group there is, and group 0)
