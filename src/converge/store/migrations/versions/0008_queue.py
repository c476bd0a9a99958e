"""background jobs on a task queue; uploaded bytes kept until parsed; no stored HTML

Revision ID: 0008_queue
Revises: 0007_forms
Create Date: 2026-12-06 15:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_queue"
down_revision = "0007_forms"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("args", sa.JSON(), nullable=False),
        sa.Column("phase", sa.String(length=20), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("upload_id", sa.String(length=40), nullable=True),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("runner", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["upload_id"], ["upload_jobs.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.create_index("ix_jobs_phase_kind", ["phase", "kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_jobs_upload_id"), ["upload_id"], unique=False)
    op.create_table(
        "upload_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("upload_id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["upload_id"], ["upload_jobs.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("upload_files", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_upload_files_upload_id"), ["upload_id"], unique=False)
    # Rendered HTML is the web layer's business, never the database's (a group's comparison is stored as
    # data in group_reviews; pages render it).
    op.drop_table("rendered_reviews")


def downgrade() -> None:
    op.create_table(
        "rendered_reviews",
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["group_id"], ["match_groups.id"]),
        sa.PrimaryKeyConstraint("group_id"),
    )
    with op.batch_alter_table("upload_files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_upload_files_upload_id"))
    op.drop_table("upload_files")
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_jobs_upload_id"))
        batch_op.drop_index("ix_jobs_phase_kind")
    op.drop_table("jobs")
