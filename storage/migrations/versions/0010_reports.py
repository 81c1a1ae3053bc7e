"""Reports: a lost deal keeps its reason; a workspace sets its own exchange rates.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-25
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("deal") as batch_op:
        batch_op.add_column(sa.Column("lost_reason", sa.Text(), nullable=True))
    op.create_table(
        "exchangerate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("base", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("currency", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("micros", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspace.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("workspace_id", "currency"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_exchangerate_workspace_id", "exchangerate", ["workspace_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_exchangerate_workspace_id", table_name="exchangerate")
    op.drop_table("exchangerate")
    with op.batch_alter_table("deal") as batch_op:
        batch_op.drop_column("lost_reason")
