"""queue versions: a count per group (group_versions.listed), moved by triggers whenever what the work queue
shows of it changes

Revision ID: 0012_queue_versions
Revises: 0011_group_versions
Create Date: 2026-12-07 05:00:00

The work queue lists every group, so the web layer keeps it under the sum of every group's `listed`
(store.queries.QUEUE_VERSION). Each change adds 1 to a row, and a new row starts at 1 or more: the sum
only grows, so two reads give the same sum only if no change the queue shows was committed in between.
A count per group, not one row for all: one row would be locked by every writer until it commits, and a
long matching run would hold up every reviewer's decision.

The tables and columns are what the queue reads (workflow.queue; recorded from its SQL in
tests/web/test_page_cache.py): a group's listed columns, its members, its standing decisions, its
documents' titles and organisations; group 0 stands for what every page of the queue shows (organisations'
codes, waves). An update that changes none of those columns (a comment's lock of its group, a sign-in, a
stored comparison's payload) moves nothing, so the queue stays kept while people comment.

As in 0011, triggers rather than application code, and SQLite drops a rebuilt table's triggers: the tests
run one change per watched table against the migrated schema.

On PostgreSQL, a row of a group (a member, a comment, a job about it, ...) also locks the group's own row
first (a BEFORE trigger, `group_locks_*`): 0011's triggers lock a group's group_versions row, and every
review action locks the group's row first (workflow.review.lock_group: its match_groups row, then by its
trigger the version row), so a transaction writing a group's rows before its match_groups row took the two
in the opposite order, and the two could deadlock (tests/store/test_queue_versions.py). SQLite lets one
writer in at a time: no such lock there.
"""

import importlib.util
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0012_queue_versions"
down_revision = "0011_group_versions"
branch_labels = None
depends_on = None

EVERY = "SELECT 0 AS g"
# table -> (the groups of row {r}, the columns the queue shows of it)
WATCHED: dict[str, tuple[str, tuple[str, ...]]] = {
    "match_groups": (
        "SELECT {r}.id AS g",
        (
            "status",
            "topic",
            "specialty",
            "wave_id",
            "confidence",
            "divergence",
            "significant",
            "updated_at",
            "diff_summary",
        ),
    ),
    "match_members": ("SELECT {r}.group_id AS g", ("group_id", "document_id")),
    "difference_decisions": (
        "SELECT {r}.group_id AS g",
        ("group_id", "change_key", "decision", "superseded_by_id", "at"),
    ),
    "documents": ("SELECT group_id AS g FROM match_members WHERE document_id = {r}.id", ("id", "title", "trust_id")),
    "trusts": (EVERY, ("id", "code")),
    "waves": (EVERY, ("id", "name", "starts_on")),
}
JSON_COLUMNS = {"diff_summary"}  # PostgreSQL's json has no equality: compared as text


RANDOM = {"sqlite": "random()", "postgresql": "(random() * 9007199254740991)::bigint"}  # as 0011's


def bump(dialect: str, table: str, r: str) -> str:
    """The statement adding 1 to the queue count of every group of row `r` (a new row: 1, with a version as
    0011's triggers give one)."""
    groups = WATCHED[table][0].format(r=r)
    return (
        f"INSERT INTO group_versions (group_id, version, listed) SELECT g, {RANDOM[dialect]}, 1 "
        f"FROM ({groups}) AS changed WHERE g IS NOT NULL "
        "ON CONFLICT (group_id) DO UPDATE SET listed = group_versions.listed + 1"
    )


def changed(dialect: str, table: str) -> str:
    """The condition under which an update changes what the queue shows."""
    tests = []
    for column in WATCHED[table][1]:
        old, new = f"OLD.{column}", f"NEW.{column}"
        if dialect == "postgresql" and column in JSON_COLUMNS:
            old, new = f"{old}::text", f"{new}::text"
        tests.append(f"{old} IS DISTINCT FROM {new}" if dialect == "postgresql" else f"{old} IS NOT {new}")
    return " OR ".join(tests)


def _group_versions_0011() -> Any:
    """Migration 0011's module: its tables and the groups of a row of each."""
    spec = importlib.util.spec_from_file_location("group_versions_0011", Path(__file__).with_name("0011_group_versions.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def locked_tables() -> dict[str, str]:
    """Each table holding rows of a group (0011's, but the groups themselves and what every group shows),
    and the groups of a row of it."""
    old = _group_versions_0011()
    out = {}
    for table, groups in old.WATCHED.items():
        if table == "match_groups" or groups == old.EVERY_GROUP:
            continue
        out[table] = groups["postgresql"] if isinstance(groups, dict) else groups
    return out


def lock_groups(groups: str, r: str) -> str:
    return (
        f"PERFORM 1 FROM match_groups WHERE id IN (SELECT g FROM ({groups.format(r=r)}) AS changed) "
        "ORDER BY id FOR NO KEY UPDATE"
    )


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.add_column("group_versions", sa.Column("listed", sa.BigInteger(), nullable=False, server_default="1"))
    # Each row starts where no server can hold a queue under its sum: at random, as 0011's versions.
    start = {"sqlite": "1 + abs(random() % 2147483647)", "postgresql": "1 + (random() * 2147483647)::bigint"}
    op.execute(f"UPDATE group_versions SET listed = {start[dialect]}")
    for table in WATCHED:
        if dialect == "postgresql":
            op.execute(
                f"CREATE FUNCTION queue_versions_{table}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
                f"  IF TG_OP = 'UPDATE' AND NOT ({changed(dialect, table)}) THEN RETURN NULL; END IF;\n"
                f"  IF TG_OP <> 'INSERT' THEN {bump(dialect, table, 'OLD')}; END IF;\n"
                f"  IF TG_OP <> 'DELETE' THEN {bump(dialect, table, 'NEW')}; END IF;\n"
                "  RETURN NULL;\nEND $$"
            )
            op.execute(
                f"CREATE TRIGGER queue_versions_{table} AFTER INSERT OR DELETE OR UPDATE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION queue_versions_{table}()"
            )
        else:
            for event, rows, when in (
                ("INSERT", ("NEW",), ""),
                ("UPDATE", ("OLD", "NEW"), f" WHEN {changed(dialect, table)}"),
                ("DELETE", ("OLD",), ""),
            ):
                name = f"queue_versions_{table}_{event.lower()}"
                body = "".join(f"{bump(dialect, table, r)};\n" for r in rows)
                op.execute(f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW{when} BEGIN\n{body}END")
    if dialect == "postgresql":
        for table, groups in locked_tables().items():
            op.execute(
                f"CREATE FUNCTION group_locks_{table}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
                f"  IF TG_OP <> 'INSERT' THEN {lock_groups(groups, 'OLD')}; END IF;\n"
                f"  IF TG_OP <> 'DELETE' THEN {lock_groups(groups, 'NEW')}; RETURN NEW; END IF;\n"
                "  RETURN OLD;\nEND $$"
            )
            op.execute(
                f"CREATE TRIGGER group_locks_{table} BEFORE INSERT OR DELETE OR UPDATE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION group_locks_{table}()"
            )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        for table in locked_tables():
            op.execute(f"DROP TRIGGER IF EXISTS group_locks_{table} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS group_locks_{table}()")
    for table in WATCHED:
        if dialect == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS queue_versions_{table} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS queue_versions_{table}()")
        else:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS queue_versions_{table}_{event}")
    # (Not a batch rebuild on SQLite: 0011's triggers name the table, and SQLite refuses to rename a
    # rebuilt copy into their place. SQLite 3.35 and later drop a column in place.)
    op.execute("ALTER TABLE group_versions DROP COLUMN listed")
