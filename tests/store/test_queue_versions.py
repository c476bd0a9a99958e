"""The work queue's data version (store.queries.QUEUE_VERSION, the sum of the counts migration 0012's triggers
raise) changes with every change to what the queue shows, and with nothing else: a comment, a sign-in or a
stored comparison's payload leaves the queue kept.

The tables and columns are those the queue was seen to read (tests/web/test_page_cache.py records the SQL
of the kept queue's build and checks each against the triggers' list); here, one change per table and per
listed column of a group.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text, update
from sqlalchemy.orm import Session
from tests.store.conftest import Library

from converge.store.models import (
    Comment,
    DifferenceDecision,
    GroupReview,
    Job,
    MatchGroupRow,
    MatchMember,
    StoredDocument,
    Trust,
    User,
    Wave,
)
from converge.store.queries import queue_version
from converge.workflow.review import lock_group

MIGRATION = Path(__file__).parents[2] / "src/converge/store/migrations/versions/0012_queue_versions.py"


PLACEMENT = MIGRATION.with_name("0014_queue_placement.py")


def watched(path: Path = MIGRATION) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Migration 0012's tables and the columns of each the queue shows (or another migration's WATCHED)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.WATCHED  # type: ignore[no-any-return]


def placement_watched() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Migration 0014's tables and the columns of each that place a group in the queue."""
    return watched(PLACEMENT)


CHANGES: dict[str, Callable[[Session, Library], object]] = {
    "match_groups": lambda s, lib: s.get(MatchGroupRow, lib.mine).__setattr__("status", "in_review"),
    "match_members": lambda s, lib: s.add(MatchMember(group_id=lib.mine, document_id=lib.spare)),
    "difference_decisions": lambda s, lib: s.add(
        DifferenceDecision(group_id=lib.mine, change_key="k", decision="defer", actor="rev")
    ),
    "documents": lambda s, lib: s.get(StoredDocument, lib.my_doc).__setattr__("title", "Sepsis, renamed"),
    "trusts": lambda s, lib: s.execute(update(Trust).where(Trust.code == "NNUH").values(code="NNUH2")),
    "waves": lambda s, lib: s.add(Wave(name="Wave 1")),
}
# A new value for each column of a group the queue shows.
GROUP_COLUMNS = {
    "status": "in_review",
    "topic": "Sepsis, retitled",
    "specialty": "Renal",
    "wave_id": "new wave",
    "confidence": 0.5,
    "divergence": 0.25,
    "significant": 7,
    "updated_at": datetime(2030, 1, 2, tzinfo=UTC),
    "diff_summary": {"significant": 7},
}
# Changes the queue does not show: each leaves it kept.
UNSHOWN: dict[str, Callable[[Session, Library], object]] = {
    "a comment and its lock of the group": lambda s, lib: (
        lock_group(s, lib.mine, bump=False),
        s.add(Comment(group_id=lib.mine, actor="rev", text="Checked")),
    ),
    "a stored comparison's payload": lambda s, lib: s.add(
        GroupReview(group_id=lib.mine, fingerprint="f", payload=b"x")
    ),
    "a sign-in": lambda s, lib: s.execute(update(User).values(failed_signins=User.failed_signins + 1)),
    "a job": lambda s, lib: s.add(Job(id="j1", kind="draft", args={"group": lib.mine})),
    "a document in no group": lambda s, lib: s.get(StoredDocument, lib.spare).__setattr__("title", "Spare"),
    "a trust's local terms": lambda s, lib: s.execute(update(Trust).values(local_terms=["Ward 9"])),
    "a group's unshown columns": lambda s, lib: s.execute(
        update(MatchGroupRow).where(MatchGroupRow.id == lib.mine).values(revision=MatchGroupRow.revision + 5)
    ),
}


def _version(session_factory) -> int:  # type: ignore[no-untyped-def]
    with session_factory() as session:
        return queue_version(session)[1]


@pytest.mark.parametrize("table", sorted(CHANGES))
def test_a_change_to_a_table_the_queue_reads_changes_its_version(session_factory, library, table) -> None:  # type: ignore[no-untyped-def]
    before = _version(session_factory)
    with session_factory() as session, session.begin():
        CHANGES[table](session, library)
    assert _version(session_factory) > before


def test_every_watched_table_has_a_change_above_and_carries_the_triggers(session_factory) -> None:  # type: ignore[no-untyped-def]
    """(A batch migration on SQLite drops a rebuilt table's triggers: then this fails.)"""
    assert set(CHANGES) == set(watched())
    assert _tables_with_triggers(session_factory, "queue_versions_") == set(CHANGES)


def _tables_with_triggers(session_factory, prefix: str) -> set[str]:  # type: ignore[no-untyped-def]
    """The tables carrying a trigger whose name starts with `prefix`."""
    with session_factory() as session:
        if session.get_bind().dialect.name == "postgresql":
            query = (
                "SELECT DISTINCT event_object_table FROM information_schema.triggers "
                "WHERE trigger_name LIKE :name AND trigger_schema = current_schema()"
            )
        else:
            query = "SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE :name"
        return set(session.scalars(text(query), {"name": f"{prefix}%"}))


@pytest.mark.parametrize("column", sorted(GROUP_COLUMNS))
def test_each_column_of_a_group_the_queue_shows_changes_its_version(session_factory, library, column) -> None:  # type: ignore[no-untyped-def]
    assert set(GROUP_COLUMNS) == set(watched()["match_groups"][1])
    value = _new_value(session_factory, column)
    before = _version(session_factory)
    with session_factory() as session, session.begin():
        session.execute(update(MatchGroupRow).where(MatchGroupRow.id == library.mine).values({column: value}))
    assert _version(session_factory) > before


def _new_value(session_factory, column: str):  # type: ignore[no-untyped-def]
    """A value of a group's `column` other than the library's (for wave_id, a new wave's id)."""
    if column != "wave_id":
        return GROUP_COLUMNS[column]
    with session_factory() as session, session.begin():
        wave = Wave(name="Wave 2")
        session.add(wave)
        session.flush()
        return wave.id


@pytest.mark.parametrize("change", sorted(UNSHOWN))
def test_a_change_the_queue_does_not_show_leaves_its_version(session_factory, library, change) -> None:  # type: ignore[no-untyped-def]
    before = _version(session_factory)
    with session_factory() as session, session.begin():
        UNSHOWN[change](session, library)
    assert _version(session_factory) == before


def test_a_decision_superseding_another_and_a_deleted_member_change_it(session_factory, library) -> None:  # type: ignore[no-untyped-def]
    with session_factory() as session, session.begin():
        old = DifferenceDecision(group_id=library.mine, change_key="k", decision="defer", actor="rev")
        session.add(old)
    before = _version(session_factory)
    with session_factory() as session, session.begin():
        session.execute(update(DifferenceDecision).values(decision="adopt", adopted_trust="JPUH"))
    after = _version(session_factory)
    assert after > before
    with session_factory() as session, session.begin():
        member = session.query(MatchMember).filter_by(document_id=library.other_doc).one()
        session.delete(member)
    assert _version(session_factory) > after


@pytest.mark.parametrize(
    "db_url", [pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)  # row locks and their waits are PostgreSQL's
def test_a_writer_locking_a_group_and_one_writing_its_rows_first_do_not_deadlock(session_factory, library) -> None:  # type: ignore[no-untyped-def]
    """The version triggers lock the group's group_versions row; a transaction that writes a group's rows
    before its match_groups row (a matching run adding a member, then updating the group) and one that
    locks the group first (every review action: web.views.review, workflow.review.lock_group) take the
    two rows in opposite orders. Both must finish, neither be chosen as a deadlock's victim."""
    errors: list[BaseException] = []
    first_wrote = threading.Event()
    second_locked = threading.Event()

    def rows_first() -> None:
        try:
            with session_factory() as session, session.begin():
                session.add(Comment(group_id=library.mine, actor="rev", text="first"))
                session.flush()  # the group's version row is locked now
                first_wrote.set()
                second_locked.wait(5)
                session.execute(
                    update(MatchGroupRow).where(MatchGroupRow.id == library.mine).values(confidence=0.5)
                )
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    def group_first() -> None:
        try:
            first_wrote.wait(5)
            with session_factory() as session, session.begin():
                session.execute(text("SET LOCAL lock_timeout = '10s'"))
                threading.Timer(0.5, second_locked.set).start()  # (its lock is taken, then it waits)
                lock_group(session, library.mine)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=rows_first), threading.Thread(target=group_first)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors, errors


def _placement(session_factory) -> int:  # type: ignore[no-untyped-def]
    with session_factory() as session:
        return queue_version(session)[0]


PLACING = {table: CHANGES[table] for table in ("match_groups", "match_members", "trusts", "waves")} | {
    "documents": lambda s, lib: s.get(StoredDocument, lib.my_doc).__setattr__(
        "trust_id", s.query(Trust.id).filter(Trust.code == "NNUH").scalar()
    ),
}
# Changes the queue shows that place no group: each leaves the placement as it was, and moves the version.
UNPLACING: dict[str, Callable[[Session, Library], object]] = {
    "a decision": CHANGES["difference_decisions"],
    "a retitled document": CHANGES["documents"],
    "a decision's lock of its group": lambda s, lib: lock_group(s, lib.mine),  # (its updated_at)
    "a stored comparison's summary": lambda s, lib: s.execute(
        update(MatchGroupRow).where(MatchGroupRow.id == lib.mine).values(diff_summary={"significant": 3})
    ),
}


@pytest.mark.parametrize("table", sorted(PLACING))
def test_a_change_to_what_places_groups_moves_the_placement(session_factory, library, table) -> None:  # type: ignore[no-untyped-def]
    before, listed = _placement(session_factory), _version(session_factory)
    with session_factory() as session, session.begin():
        PLACING[table](session, library)
    assert _placement(session_factory) > before
    assert _version(session_factory) > listed


@pytest.mark.parametrize("column", sorted(set(GROUP_COLUMNS) - {"updated_at", "diff_summary"}))
def test_each_column_placing_a_group_moves_the_placement(session_factory, library, column) -> None:  # type: ignore[no-untyped-def]
    assert set(GROUP_COLUMNS) - {"updated_at", "diff_summary"} == set(placement_watched()["match_groups"][1])
    value = _new_value(session_factory, column)
    before = _placement(session_factory)
    with session_factory() as session, session.begin():
        session.execute(update(MatchGroupRow).where(MatchGroupRow.id == library.mine).values({column: value}))
    assert _placement(session_factory) > before


@pytest.mark.parametrize("change", sorted(UNPLACING))
def test_a_change_that_places_no_group_leaves_the_placement(session_factory, library, change) -> None:  # type: ignore[no-untyped-def]
    before, listed = _placement(session_factory), _version(session_factory)
    with session_factory() as session, session.begin():
        UNPLACING[change](session, library)
    assert _placement(session_factory) == before
    assert _version(session_factory) > listed


def test_every_placing_table_carries_the_placement_triggers(session_factory) -> None:  # type: ignore[no-untyped-def]
    """(A batch migration on SQLite drops a rebuilt table's triggers: then this fails.)"""
    assert set(PLACING) == set(placement_watched())
    assert _tables_with_triggers(session_factory, "queue_placement_") == set(PLACING)
