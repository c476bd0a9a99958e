"""hardening: one current decision per difference, sign-in lockout and session revocation

Revision ID: 0003_hardening
Revises: 0002
Create Date: 2026-12-06 12:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = "0003_hardening"
down_revision = "0002"
branch_labels = None
depends_on = None

CURRENT = sa.text("superseded_by_id IS NULL")


def upgrade() -> None:
    # Races before this migration could leave two current decisions on one difference: the latest stays
    # current, the older ones are marked superseded by it (kept, as every decision is).
    op.execute(
        """
        UPDATE difference_decisions SET superseded_by_id = (
            SELECT MAX(d2.id) FROM difference_decisions d2
            WHERE d2.group_id = difference_decisions.group_id
              AND d2.change_key = difference_decisions.change_key
              AND d2.superseded_by_id IS NULL
        )
        WHERE superseded_by_id IS NULL AND id < (
            SELECT MAX(d3.id) FROM difference_decisions d3
            WHERE d3.group_id = difference_decisions.group_id
              AND d3.change_key = difference_decisions.change_key
              AND d3.superseded_by_id IS NULL
        )
        """
    )
    op.create_index(
        "uq_difference_decisions_current",
        "difference_decisions",
        ["group_id", "change_key"],
        unique=True,
        sqlite_where=CURRENT,
        postgresql_where=CURRENT,
    )
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("failed_signins", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("locked_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("auth_version", sa.Integer(), server_default="1", nullable=False))
    op.create_table(
        "sign_in_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("username", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_sign_in_failures_address_at", "sign_in_failures", ["address", "at"])


def downgrade() -> None:
    op.drop_index("ix_sign_in_failures_address_at", table_name="sign_in_failures")
    op.drop_table("sign_in_failures")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("auth_version")
        batch.drop_column("locked_at")
        batch.drop_column("failed_signins")
    op.drop_index("uq_difference_decisions_current", table_name="difference_decisions")
