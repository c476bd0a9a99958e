"""group versions: a number per group, changed by triggers whenever anything its page shows changes

Revision ID: 0011_group_versions
Revises: 0010_web_read_models
Create Date: 2026-12-07 02:30:00

Triggers, not application code, so that no writer (a view, the CLI, a queue consumer, a script, a later
migration's data fix) can change what a group's page shows without changing its version. For each table
the group page reads (found by recording the SQL the page runs, tests/web/test_page_cache.py; one change
per table in tests/store/test_group_versions.py), the groups a changed row belongs to, from the row as it
was (OLD) and as it is (NEW); group 0 stands for what every group's page shows (organisations and their
local terms, people, the vocabulary).

SQLite drops a table's triggers when a batch migration rebuilds the table: the tests run every watched
table's change against the migrated schema, so a later migration that loses one fails them.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_group_versions"
down_revision = "0010_web_read_models"
branch_labels = None
depends_on = None

# A row's groups, as a query of one column `g` ({r}: OLD or NEW).
DIRECT = "SELECT {r}.group_id AS g"
OF_DOCUMENT = (  # the groups holding it, and the groups of the documents holding it as their national source
    "SELECT group_id AS g FROM match_members WHERE document_id = {r}.id "
    "UNION SELECT m.group_id FROM match_members m JOIN national_links l ON l.local_id = m.document_id "
    "WHERE l.national_id = {r}.id"
)
EVERY_GROUP = "SELECT 0 AS g"
JOB_GROUP: dict[str, str] = {  # a job about one group names it in its args ({"group": id}): a draft build, a comparison
    "sqlite": (
        "SELECT CASE WHEN json_valid({r}.args) THEN CASE WHEN json_type({r}.args, '$.group') = 'integer' "
        "THEN json_extract({r}.args, '$.group') END END AS g"
    ),
    "postgresql": (
        "SELECT CASE WHEN jsonb_typeof({r}.args::jsonb) = 'object' "
        "AND ({r}.args::jsonb ->> 'group') ~ '^[0-9]{{1,9}}$' THEN ({r}.args::jsonb ->> 'group')::int END AS g"
    ),
}
WATCHED: dict[str, str | dict[str, str]] = {
    "match_groups": "SELECT {r}.id AS g",
    "match_members": DIRECT,
    "comments": DIRECT,
    "difference_decisions": DIRECT,
    "draft_sections": DIRECT,
    "group_reviews": DIRECT,
    "group_transitions": DIRECT,
    "group_signoffs": DIRECT,
    "confirm_requests": DIRECT,
    "documents": OF_DOCUMENT,
    "national_links": "SELECT group_id AS g FROM match_members WHERE document_id = {r}.local_id",
    "jobs": JOB_GROUP,
    "trusts": EVERY_GROUP,
    "users": EVERY_GROUP,
    "vocabulary_terms": EVERY_GROUP,
}
# Of a person, only what pages show: signing in, failing to and signing out change none of these.
USER_COLUMNS = "username, display_name, role, trust_id, specialty, active"
RANDOM = {"sqlite": "random()", "postgresql": "(random() * 9007199254740991)::bigint"}


def bump(dialect: str, table: str, r: str) -> str:
    """The statement giving every group of row `r` a new version (never equal to the one it had)."""
    groups = WATCHED[table]
    groups = groups[dialect] if isinstance(groups, dict) else groups
    return (
        f"INSERT INTO group_versions (group_id, version) SELECT g, {RANDOM[dialect]} "
        f"FROM ({groups.format(r=r)}) AS changed WHERE g IS NOT NULL "
        "ON CONFLICT (group_id) DO UPDATE SET version = CASE WHEN excluded.version = group_versions.version "
        "THEN excluded.version + 1 ELSE excluded.version END"
    )


def upgrade() -> None:
    op.create_table(
        "group_versions",
        sa.Column("group_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("group_id"),
    )
    dialect = op.get_bind().dialect.name
    # Every group there is, and what every group shows, start at a value no server can hold a page under.
    op.execute(
        f"INSERT INTO group_versions (group_id, version) SELECT 0, {RANDOM[dialect]} "
        f"UNION ALL SELECT id, {RANDOM[dialect]} FROM match_groups"
    )
    for table in WATCHED:
        on_update = f"UPDATE OF {USER_COLUMNS}" if table == "users" else "UPDATE"
        if dialect == "postgresql":
            op.execute(
                f"CREATE FUNCTION group_versions_{table}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n"
                f"  IF TG_OP <> 'INSERT' THEN {bump(dialect, table, 'OLD')}; END IF;\n"
                f"  IF TG_OP <> 'DELETE' THEN {bump(dialect, table, 'NEW')}; END IF;\n"
                "  RETURN NULL;\nEND $$"
            )
            op.execute(
                f"CREATE TRIGGER group_versions_{table} AFTER INSERT OR DELETE OR {on_update} ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION group_versions_{table}()"
            )
        else:
            for event, rows in (("INSERT", ("NEW",)), (on_update, ("OLD", "NEW")), ("DELETE", ("OLD",))):
                name = f"group_versions_{table}_{event.split()[0].lower()}"
                body = "".join(f"{bump(dialect, table, r)};\n" for r in rows)
                op.execute(f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW BEGIN\n{body}END")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in WATCHED:
        if dialect == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS group_versions_{table} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS group_versions_{table}()")
        else:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS group_versions_{table}_{event}")
    op.drop_table("group_versions")
