"""draft sections record what they were built from (the comparison and the latest decision)

Revision ID: 0010_web_draft_basis
Revises: 0009_national
Create Date: 2026-12-06 18:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_web_draft_basis"
down_revision = "0009_national"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Null for drafts built before: they show as "built before the latest decisions" until rebuilt.
    with op.batch_alter_table("draft_sections", schema=None) as batch_op:
        batch_op.add_column(sa.Column("basis", sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("draft_sections", schema=None) as batch_op:
        batch_op.drop_column("basis")
