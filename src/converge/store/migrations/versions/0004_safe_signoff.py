"""sign-offs of an agreed draft by each member trust's lead; approval overrides recorded as such

Revision ID: 0004_safe_signoff
Revises: 0003_hardening
Create Date: 2026-12-06 12:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_safe_signoff"
down_revision = "0003_hardening"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("group_transitions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("override", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.create_table(
        "group_signoffs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("trust", sa.String(length=32), nullable=True),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["group_id"], ["match_groups.id"]),
        sa.ForeignKeyConstraint(["round_id"], ["group_transitions.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("group_signoffs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_group_signoffs_group_id"), ["group_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("group_signoffs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_signoffs_group_id"))
    op.drop_table("group_signoffs")
    with op.batch_alter_table("group_transitions", schema=None) as batch_op:
        batch_op.drop_column("override")
