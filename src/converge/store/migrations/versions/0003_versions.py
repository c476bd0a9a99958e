"""possible versions a lead confirms or dismisses

Revision ID: 0003_versions
Revises: 0002
Create Date: 2026-12-06 12:15:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_versions"
down_revision = "0004_safe_signoff"  # chained after main's migrations when merged into s3-diff2
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "possible_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("trust_id", sa.Integer(), nullable=False),
        sa.Column("older_id", sa.String(length=64), nullable=False),
        sa.Column("newer_id", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("title_similarity", sa.Float(), nullable=False),
        sa.Column("body_similarity", sa.Float(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("decided_by", sa.String(length=200), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["trust_id"], ["trusts.id"]),
        sa.ForeignKeyConstraint(["older_id"], ["documents.id"]),
        sa.ForeignKeyConstraint(["newer_id"], ["documents.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("older_id", "newer_id", name="uq_possible_versions_pair"),
    )
    with op.batch_alter_table("possible_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_possible_versions_trust_id"), ["trust_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_possible_versions_older_id"), ["older_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_possible_versions_newer_id"), ["newer_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("possible_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_possible_versions_newer_id"))
        batch_op.drop_index(batch_op.f("ix_possible_versions_older_id"))
        batch_op.drop_index(batch_op.f("ix_possible_versions_trust_id"))
    op.drop_table("possible_versions")
