"""queue placement: a second count per group (group_versions.placed), moved by triggers only when what decides
which groups the work queue lists, in which order and how many of each status, changes

Revision ID: 0014_queue_placement
Revises: 0013_document_features
Create Date: 2026-12-07 10:00:00

Every decision changes a column the queue shows (its group's updated_at and decided counts), so under
0012's count alone each one made the next reader of the queue read it all again: counts by status, the
page's groups, their members, the filters' choices. Most of the time the page came out the same: the group
decided was not on it. With this count the web layer keeps where the groups fall (the page's group ids, the
counts, the filters' choices) under the sum of `placed`, and each listed group's row under its own `listed`
count (web.views.review.queue): a decision re-reads the page's counts in one query, and the rows only if
its group is on the page.

The columns are those the queue filters and sorts on, and the ones every page shows (organisations'
codes, waves: group 0). updated_at is not among them: it orders the queue only when sorted by it, and that
sort keeps its places under 0012's sum too. As 0012, the sum only grows, and triggers rather than
application code.
"""

import sqlalchemy as sa
from alembic import op

revision = "0014_queue_placement"
down_revision = "0013_document_features"
branch_labels = None
depends_on = None

EVERY = "SELECT 0 AS g"
# table -> (the groups of row {r}, the columns that place a group in the queue)
WATCHED: dict[str, tuple[str, tuple[str, ...]]] = {
    "match_groups": (
        "SELECT {r}.id AS g",
        ("status", "topic", "specialty", "wave_id", "confidence", "divergence", "significant"),
    ),
    "match_members": ("SELECT {r}.group_id AS g", ("group_id", "document_id")),
    "documents": ("SELECT group_id AS g FROM match_members WHERE document_id = {r}.id", ("id", "trust_id")),
    "trusts": (EVERY, ("id", "code")),
    "waves": (EVERY, ("id", "name", "starts_on")),
}
RANDOM = {"sqlite": "random()", "postgresql": "(random() * 9007199254740991)::bigint"}  # as 0011's


def bump(dialect: str, table: str, r: str) -> str:
    """The statement adding 1 to the placement count of every group of row `r` (a new row: 1)."""
    groups = WATCHED[table][0].format(r=r)
    return (
        f"INSERT INTO group_versions (group_id, version, listed, placed) SELECT g, {RANDOM[dialect]}, 1, 1 "
        f"FROM ({groups}) AS changed WHERE g IS NOT NULL "
        "ON CONFLICT (group_id) DO UPDATE SET placed = group_versions.placed + 1"
    )


def changed(dialect: str, table: str) -> str:
    """The condition under which an update moves a group's place (no JSON column among them: see 0012)."""
    differs = "IS DISTINCT FROM" if dialect == "postgresql" else "IS NOT"
    return " OR ".join(f"OLD.{column} {differs} NEW.{column}" for column in WATCHED[table][1])


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.add_column("group_versions", sa.Column("placed", sa.BigInteger(), nullable=False, server_default="1"))
    start = {"sqlite": "1 + abs(random() % 2147483647)", "postgresql": "1 + (random() * 2147483647)::bigint"}
    op.execute(f"UPDATE group_versions SET placed = {start[dialect]}")
    for table in WATCHED:
        if dialect == "postgresql":
            op.execute(
                f"CREATE FUNCTION queue_placement_{table}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
                f"  IF TG_OP = 'UPDATE' AND NOT ({changed(dialect, table)}) THEN RETURN NULL; END IF;\n"
                f"  IF TG_OP <> 'INSERT' THEN {bump(dialect, table, 'OLD')}; END IF;\n"
                f"  IF TG_OP <> 'DELETE' THEN {bump(dialect, table, 'NEW')}; END IF;\n"
                "  RETURN NULL;\nEND $$"
            )
            op.execute(
                f"CREATE TRIGGER queue_placement_{table} AFTER INSERT OR DELETE OR UPDATE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION queue_placement_{table}()"
            )
        else:
            for event, rows, when in (
                ("INSERT", ("NEW",), ""),
                ("UPDATE", ("OLD", "NEW"), f" WHEN {changed(dialect, table)}"),
                ("DELETE", ("OLD",), ""),
            ):
                name = f"queue_placement_{table}_{event.lower()}"
                body = "".join(f"{bump(dialect, table, r)};\n" for r in rows)
                op.execute(f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW{when} BEGIN\n{body}END")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in WATCHED:
        if dialect == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS queue_placement_{table} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS queue_placement_{table}()")
        else:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS queue_placement_{table}_{event}")
    op.execute("ALTER TABLE group_versions DROP COLUMN placed")
