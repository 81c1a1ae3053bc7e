"""Reminder claims, digest settings and delivery health, stale-deal threshold, team feed channel.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("task") as batch_op:
        batch_op.add_column(sa.Column("reminder_claimed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("reminder_claimed_by", sqlmodel.sql.sqltypes.AutoString(length=64),
                                      nullable=True))
    with op.batch_alter_table("member") as batch_op:
        batch_op.add_column(sa.Column("digest_days", sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False,
                                      server_default="12345"))
        batch_op.add_column(sa.Column("last_digest_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column("delivery_failures", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("delivery_paused", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("workspace") as batch_op:
        batch_op.add_column(sa.Column("stale_days", sa.Integer(), nullable=False, server_default="14"))
        batch_op.add_column(sa.Column("feed_channel", sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("workspace") as batch_op:
        batch_op.drop_column("feed_channel")
        batch_op.drop_column("stale_days")
    with op.batch_alter_table("member") as batch_op:
        for column in ("delivery_paused", "delivery_failures", "last_digest_at", "digest_days"):
            batch_op.drop_column(column)
    with op.batch_alter_table("task") as batch_op:
        batch_op.drop_column("reminder_claimed_by")
        batch_op.drop_column("reminder_claimed_at")
