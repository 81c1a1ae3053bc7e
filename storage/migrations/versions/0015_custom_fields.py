"""Custom fields: the team's own fields on contacts and companies, and their values.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "customfield",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("applies_to", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("name_key", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("choices", sa.Text(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["created_by"], ["member.id"]),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspace.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("workspace_id", "applies_to", "name_key"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_customfield_workspace_id", "customfield", ["workspace_id"], unique=False)
    op.create_table(
        "customvalue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("field_id", sa.Integer(), nullable=False),
        sa.Column("entity", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("value", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("value_key", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.ForeignKeyConstraint(["field_id"], ["customfield.id"]),
        sa.ForeignKeyConstraint(["workspace_id"], ["workspace.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("field_id", "entity_id"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_customvalue_record", "customvalue", ["workspace_id", "entity", "entity_id"], unique=False)
    op.create_index("ix_customvalue_field_key", "customvalue", ["workspace_id", "field_id", "value_key"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_customvalue_field_key", table_name="customvalue")
    op.drop_index("ix_customvalue_record", table_name="customvalue")
    op.drop_table("customvalue")
    op.drop_index("ix_customfield_workspace_id", table_name="customfield")
    op.drop_table("customfield")
