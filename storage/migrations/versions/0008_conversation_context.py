"""Conversation context: each member's last task and last record, so "actually make it thursday" or
"her email is ..." know what they refer to, whichever process serves the next message.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("member") as batch_op:
        batch_op.add_column(sa.Column("last_task_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("last_record", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("member") as batch_op:
        batch_op.drop_column("last_record")
        batch_op.drop_column("last_task_id")
