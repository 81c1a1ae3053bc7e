"""The address indexes that place segments read before 0025 (city key, postcode, country key, each with whose
address it is) go: segments now read ContactPlace, and nothing else looks addresses up by place, so the three only
cost every address write and about 9 MB at 100,000 contacts. ix_address_owner stays (an owner's addresses, and
ContactPlace's triggers).

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-04
"""
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

INDEXES = {"ix_address_ws_city_key": ["workspace_id", "city_key", "owner_kind", "owner_id"],
           "ix_address_ws_postcode": ["workspace_id", "postcode", "owner_kind", "owner_id"],
           "ix_address_ws_country_key": ["workspace_id", "country_key", "owner_kind", "owner_id"]}


def upgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="address")


def downgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "address", columns, unique=False)
