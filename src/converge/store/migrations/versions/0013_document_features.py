"""document features: what matching derives from each document's text, stored under its code's version

Revision ID: 0013_document_features
Revises: 0012_queue_versions
Create Date: 2026-12-07 08:00:00

Derived data (workflow.features): a full match reads it instead of tokenising every text again, and derives
it again for a document whose row is missing or was made by other code. Nothing to fill here: the first
match after the upgrade stores every current document's row.
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_document_features"
down_revision = "0012_queue_versions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_features",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"]),
        sa.PrimaryKeyConstraint("document_id"),
    )


def downgrade() -> None:
    op.drop_table("document_features")
