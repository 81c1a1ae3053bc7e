"""Segment rank: contacts indexed by workspace, score from the highest and id, the order a segment's members are
listed in, so the first page of a segment that holds most of the workspace walks the index and stops early instead
of sorting every member. It replaces the index on (workspace, score), whose ranges it serves as well.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_contact_ws_rank", "contact", ["workspace_id", sa.text("score DESC"), "id"], unique=False)
    op.drop_index("ix_contact_ws_score", table_name="contact")


def downgrade() -> None:
    op.create_index("ix_contact_ws_score", "contact", ["workspace_id", "score"], unique=False)
    op.drop_index("ix_contact_ws_rank", table_name="contact")
