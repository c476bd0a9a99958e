"""my work: people follow groups and are notified of their requests, decisions and comments; e-mail addresses

Revision ID: 0006_work
Revises: 0005_versions
Create Date: 2026-12-06 15:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_work"
down_revision = "0005_versions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("email", sa.String(length=300), nullable=True))
    op.create_table(
        "group_follows",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["group_id"], ["match_groups.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id", "group_id", name="uq_group_follows_user_group"),
    )
    with op.batch_alter_table("group_follows", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_group_follows_user_id"), ["user_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_group_follows_group_id"), ["group_id"], unique=False)
    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("emailed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["group_id"], ["match_groups.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_notifications_group_id"), ["group_id"], unique=False)
        batch_op.create_index("ix_notifications_user_read", ["user_id", "read_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_index("ix_notifications_user_read")
        batch_op.drop_index(batch_op.f("ix_notifications_group_id"))
    op.drop_table("notifications")
    with op.batch_alter_table("group_follows", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_group_follows_group_id"))
        batch_op.drop_index(batch_op.f("ix_group_follows_user_id"))
    op.drop_table("group_follows")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("email")
