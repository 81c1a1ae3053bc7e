"""Segment speed: each contact's newest interaction time (backfilled here, kept with the score), indexes for the
lead status and score, the last interaction, and the address filters (city, postcode, country).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01
"""
import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

BACKFILL = """
UPDATE contact SET last_interaction_at = (
    SELECT max(interaction.created_at) FROM interaction
    WHERE interaction.workspace_id = contact.workspace_id AND interaction.contact_id = contact.id)
"""


def upgrade() -> None:
    with op.batch_alter_table("contact") as batch_op:
        batch_op.add_column(sa.Column("last_interaction_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.create_index("ix_contact_ws_status_score", ["workspace_id", "lead_status", "score"], unique=False)
        batch_op.create_index("ix_contact_ws_last", ["workspace_id", "last_interaction_at"], unique=False)
    op.execute(BACKFILL)
    with op.batch_alter_table("address") as batch_op:
        batch_op.create_index("ix_address_ws_city", ["workspace_id", "city", "owner_kind", "owner_id"], unique=False)
        batch_op.create_index("ix_address_ws_postcode", ["workspace_id", "postcode", "owner_kind", "owner_id"], unique=False)
        batch_op.create_index("ix_address_ws_country", ["workspace_id", "country", "owner_kind", "owner_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("address") as batch_op:
        batch_op.drop_index("ix_address_ws_country")
        batch_op.drop_index("ix_address_ws_postcode")
        batch_op.drop_index("ix_address_ws_city")
    with op.batch_alter_table("contact") as batch_op:
        batch_op.drop_index("ix_contact_ws_last")
        batch_op.drop_index("ix_contact_ws_status_score")
        batch_op.drop_column("last_interaction_at")
