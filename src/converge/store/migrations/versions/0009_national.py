"""national libraries: organisation kind, links to national guidance, justified deviations

Revision ID: 0009_national
Revises: 0008_queue
Create Date: 2026-12-06 15:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_national"
down_revision = "0008_queue"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("trusts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=20), server_default="trust", nullable=False))
    op.create_table(
        "national_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(length=64), nullable=False),
        sa.Column("national_id", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["local_id"], ["documents.id"]),
        sa.ForeignKeyConstraint(["national_id"], ["documents.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("local_id", "national_id", name="uq_national_links_pair"),
    )
    with op.batch_alter_table("national_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_national_links_local_id"), ["local_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_national_links_national_id"), ["national_id"], unique=False)
    op.create_table(
        "national_link_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("link_id", sa.Integer(), nullable=False),
        sa.Column("from_status", sa.String(length=20), nullable=False),
        sa.Column("to_status", sa.String(length=20), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["link_id"], ["national_links.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("national_link_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_national_link_events_link_id"), ["link_id"], unique=False)
    op.create_table(
        "deviation_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("link_id", sa.Integer(), nullable=False),
        sa.Column("departure_key", sa.String(length=64), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("superseded_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["link_id"], ["national_links.id"]),
        sa.ForeignKeyConstraint(["superseded_by_id"], ["deviation_notes.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("deviation_notes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deviation_notes_link_id"), ["link_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("deviation_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deviation_notes_link_id"))
    op.drop_table("deviation_notes")
    with op.batch_alter_table("national_link_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_national_link_events_link_id"))
    op.drop_table("national_link_events")
    with op.batch_alter_table("national_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_national_links_national_id"))
        batch_op.drop_index(batch_op.f("ix_national_links_local_id"))
    op.drop_table("national_links")
    with op.batch_alter_table("trusts", schema=None) as batch_op:
        batch_op.drop_column("kind")
