"""Field visits: where a member last shared their location (for "at Acme" and /near), and a visit's company.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("member") as batch_op:
        batch_op.add_column(sa.Column("located_latitude", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("located_longitude", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("located_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    with op.batch_alter_table("interaction") as batch_op:
        batch_op.add_column(sa.Column("company_id", sa.Integer(), nullable=True))
    op.create_index("ix_interaction_company", "interaction", ["workspace_id", "company_id", "created_at"], unique=False)
    op.create_index("ix_company_geo", "company", ["workspace_id", "latitude", "longitude"], unique=False)
    op.create_index("ix_contact_geo", "contact", ["workspace_id", "latitude", "longitude"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_contact_geo", table_name="contact")
    op.drop_index("ix_company_geo", table_name="company")
    op.drop_index("ix_interaction_company", table_name="interaction")
    with op.batch_alter_table("interaction") as batch_op:
        batch_op.drop_column("company_id")
    with op.batch_alter_table("member") as batch_op:
        batch_op.drop_column("located_at")
        batch_op.drop_column("located_longitude")
        batch_op.drop_column("located_latitude")

