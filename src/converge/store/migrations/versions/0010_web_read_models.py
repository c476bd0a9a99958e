"""web read models: what a draft was built from; a group's significant differences as a column

Revision ID: 0010_web_read_models
Revises: 0009_national
Create Date: 2026-12-06 18:00:00
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0010_web_read_models"
down_revision = "0009_national"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Null for drafts built before: they show as "built before the latest decisions" until rebuilt.
    with op.batch_alter_table("draft_sections", schema=None) as batch_op:
        batch_op.add_column(sa.Column("basis", sa.String(length=100), nullable=True))
    with op.batch_alter_table("match_groups", schema=None) as batch_op:
        batch_op.add_column(sa.Column("significant", sa.Integer(), server_default="0", nullable=False))
    groups = sa.table("match_groups", sa.column("id", sa.Integer), sa.column("diff_summary", sa.JSON))
    bind = op.get_bind()
    counted = []
    for gid, summary in bind.execute(sa.select(groups.c.id, groups.c.diff_summary)):
        summary = json.loads(summary) if isinstance(summary, str) else (summary or {})
        if "significant" in summary:
            n = int(summary["significant"] or 0)
        else:
            n = int(sum((summary.get("significant_by_category") or {}).values()))
        if n:
            counted.append({"gid": gid, "n": n})
    if counted:
        bind.execute(sa.text("UPDATE match_groups SET significant = :n WHERE id = :gid"), counted)


def downgrade() -> None:
    with op.batch_alter_table("match_groups", schema=None) as batch_op:
        batch_op.drop_column("significant")
    with op.batch_alter_table("draft_sections", schema=None) as batch_op:
        batch_op.drop_column("basis")
