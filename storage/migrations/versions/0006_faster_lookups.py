"""Faster lookups measured in bench/: a covering index for pipeline sums, and a reminder index
that leaves done tasks out of the due range.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("deal") as batch_op:
        batch_op.drop_index("ix_deal_ws_stage")
        batch_op.create_index("ix_deal_pipeline", ["workspace_id", "stage_id", "currency", "value_cents",
                                                   "probability"], unique=False)
    with op.batch_alter_table("task") as batch_op:
        batch_op.drop_index("ix_task_reminder")
        batch_op.create_index("ix_task_reminder", ["reminded_at", "done_at", "due_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("task") as batch_op:
        batch_op.drop_index("ix_task_reminder")
        batch_op.create_index("ix_task_reminder", ["reminded_at", "due_at"], unique=False)
    with op.batch_alter_table("deal") as batch_op:
        batch_op.drop_index("ix_deal_pipeline")
        batch_op.create_index("ix_deal_ws_stage", ["workspace_id", "stage_id"], unique=False)
