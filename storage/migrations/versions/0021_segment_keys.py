"""Segment keys: each contact's source in lower case, each address's city and country folded (one key for a city's
other names, the ISO code for a country), backfilled here and kept on every ORM write (storage.models.contacts,
storage.segment_places), indexed with the workspace, so `source:`, `city:` and `country:` read an index and the
handlers no longer read every stored spelling per query. The indexes on the city and country as written go. Custom
values get their number (where the value reads as one) and indexes that hold whose value it is, so `field:` and
`field:>n` read an index alone.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-02
"""
import math

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

SOURCE_KEYS = "UPDATE contact SET source_key = lower(source)"


def backfill_places(connection: sa.Connection) -> None:
    """Set city_key and country_key on every address, one UPDATE per distinct spelling (the folds are Python's)."""
    from handlers.language.places import city_key, country_key  # the pure folds the app writes with (no storage)

    for column, fold in (("city", city_key), ("country", country_key)):
        spellings = [row[0] for row in connection.execute(sa.text(f"SELECT DISTINCT {column} FROM address"))]
        for spelling in spellings:
            connection.execute(sa.text(f"UPDATE address SET {column}_key = :key WHERE {column} = :spelling"),
                               {"key": fold(spelling or ""), "spelling": spelling})


def number_of(value: str) -> float | None:
    """As storage.models.keys.number_of today: a finite number, or None."""
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def backfill_numbers(connection: sa.Connection) -> None:
    """Set number on every custom value that reads as one."""
    rows = connection.execute(sa.text("SELECT id, value FROM customvalue")).all()
    numbers = [{"id": row_id, "number": number} for row_id, value in rows
               if (number := number_of(value or "")) is not None]
    for start in range(0, len(numbers), 5_000):
        connection.execute(sa.text("UPDATE customvalue SET number = :number WHERE id = :id"),
                           numbers[start:start + 5_000])


def upgrade() -> None:
    with op.batch_alter_table("contact") as batch_op:
        batch_op.add_column(sa.Column("source_key", sa.String(length=40), nullable=False, server_default=""))
    with op.batch_alter_table("address") as batch_op:
        batch_op.add_column(sa.Column("city_key", sa.String(length=100), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("country_key", sa.String(length=60), nullable=False, server_default=""))
    with op.batch_alter_table("customvalue") as batch_op:
        batch_op.add_column(sa.Column("number", sa.Float(), nullable=True))
    op.execute(SOURCE_KEYS)
    backfill_places(op.get_bind())
    backfill_numbers(op.get_bind())
    op.drop_index("ix_customvalue_field_key", table_name="customvalue")
    op.create_index("ix_customvalue_field_key", "customvalue",
                    ["workspace_id", "field_id", "value_key", "entity", "entity_id"], unique=False)
    op.create_index("ix_customvalue_field_number", "customvalue",
                    ["workspace_id", "field_id", "number", "entity", "entity_id"], unique=False)
    op.drop_index("ix_address_ws_city", table_name="address")
    op.drop_index("ix_address_ws_country", table_name="address")
    op.create_index("ix_contact_ws_source", "contact", ["workspace_id", "source_key"], unique=False)
    op.create_index("ix_address_ws_city_key", "address", ["workspace_id", "city_key", "owner_kind", "owner_id"],
                    unique=False)
    op.create_index("ix_address_ws_country_key", "address", ["workspace_id", "country_key", "owner_kind", "owner_id"],
                    unique=False)


def downgrade() -> None:
    op.drop_index("ix_customvalue_field_number", table_name="customvalue")
    op.drop_index("ix_customvalue_field_key", table_name="customvalue")
    op.create_index("ix_customvalue_field_key", "customvalue", ["workspace_id", "field_id", "value_key"],
                    unique=False)
    with op.batch_alter_table("customvalue") as batch_op:
        batch_op.drop_column("number")
    op.drop_index("ix_address_ws_country_key", table_name="address")
    op.drop_index("ix_address_ws_city_key", table_name="address")
    op.drop_index("ix_contact_ws_source", table_name="contact")
    op.create_index("ix_address_ws_country", "address", ["workspace_id", "country", "owner_kind", "owner_id"],
                    unique=False)
    op.create_index("ix_address_ws_city", "address", ["workspace_id", "city", "owner_kind", "owner_id"], unique=False)
    with op.batch_alter_table("address") as batch_op:
        batch_op.drop_column("country_key")
        batch_op.drop_column("city_key")
    with op.batch_alter_table("contact") as batch_op:
        batch_op.drop_column("source_key")
