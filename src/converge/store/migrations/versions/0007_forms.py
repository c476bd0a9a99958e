"""requests to confirm a group, controlled vocabularies (document types, specialties)

Existing free-text document types and specialties become the vocabularies' first terms, with spellings
that differ only in case merged onto one ("guideline" and "Guideline"), and the stored values mapped to it.

Revision ID: 0007_forms
Revises: 0006_work
Create Date: 2026-12-06 15:30:00
"""

from collections import Counter
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0007_forms"
down_revision = "0006_work"
branch_labels = None
depends_on = None

DOCUMENT_TYPES = (
    "Policy",
    "Procedure",
    "Standard operating procedure",
    "Guideline",
    "Protocol",
    "Pathway",
    "Care bundle",
    "Checklist",
    "Patient group direction",
)
# Where each kind's free text was stored before the vocabularies.
COLUMNS = {
    "document_type": [("documents", "document_type")],
    "specialty": [("documents", "specialty"), ("match_groups", "specialty"), ("users", "specialty")],
}


def upgrade() -> None:
    op.create_table(
        "confirm_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("requester", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_by", sa.String(length=200), nullable=True),
        sa.Column("outcome", sa.String(length=30), nullable=True),
        sa.ForeignKeyConstraint(["group_id"], ["match_groups.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("confirm_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_confirm_requests_group_id"), ["group_id"], unique=False)
    op.create_table(
        "vocabulary_terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kind", "value", name="uq_vocabulary_terms_kind_value"),
    )
    with op.batch_alter_table("vocabulary_terms", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vocabulary_terms_kind"), ["kind"], unique=False)
    _seed(op.get_bind())


def _seed(conn: sa.Connection) -> None:
    """Terms from the defaults and the values in use; stored values mapped onto them by case."""
    terms = sa.table(
        "vocabulary_terms",
        sa.column("kind", sa.String),
        sa.column("value", sa.String),
        sa.column("active", sa.Boolean),
        sa.column("created_by", sa.String),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    now = datetime.now(UTC)
    for kind, places in COLUMNS.items():
        chosen: dict[str, str] = {v.lower(): v for v in (DOCUMENT_TYPES if kind == "document_type" else ())}
        used: Counter[str] = Counter()
        for table, column in places:
            for (value,) in conn.execute(sa.text(f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL")):
                if value and value.strip():
                    used[" ".join(value.split())] += 1
        # The most used spelling names a term new to the list (ties: the capitalised one).
        for value, _ in sorted(used.items(), key=lambda kv: (-kv[1], kv[0])):
            chosen.setdefault(value.lower(), value[:1].upper() + value[1:])
        for value in chosen.values():
            conn.execute(
                terms.insert().values(kind=kind, value=value, active=True, created_by="", created_at=now)
            )
        for table, column in places:
            for key, value in chosen.items():
                conn.execute(
                    sa.text(
                        f"UPDATE {table} SET {column} = :value "
                        f"WHERE lower(trim({column})) = :key AND {column} <> :value"
                    ),
                    {"value": value, "key": key},
                )


def downgrade() -> None:
    with op.batch_alter_table("vocabulary_terms", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vocabulary_terms_kind"))
    op.drop_table("vocabulary_terms")
    with op.batch_alter_table("confirm_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_confirm_requests_group_id"))
    op.drop_table("confirm_requests")
