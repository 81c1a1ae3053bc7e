"""Name search on disk: each folded word of a record's name (name_token) and each workspace's words (name_word).

Filled from the folded keys already stored (contact.name_key, company.name_key, deal.title_key).

Revision ID: 0020
Revises: 0019 (written beside 0018 and 0019; the merge chains it after 0019)
Create Date: 2026-12-02
"""
from collections import Counter
from collections.abc import Iterator
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

SOURCES = (("contact", "contact", "name", "name_key"), ("company", "company", "name", "name_key"),
           ("deal", "deal", "title", "title_key"))
BATCH = 5000


def upgrade() -> None:
    tokens = op.create_table(
        "name_token",
        sa.Column("workspace_id", sa.Integer(), sa.ForeignKey("workspace.id"), nullable=False),
        sa.Column("token", sa.String(length=200), nullable=False),
        sa.Column("length", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("workspace_id", "token", "length", "kind", "record_id"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_name_token_record", "name_token", ["workspace_id", "kind", "record_id", "token"])
    words = op.create_table(
        "name_word",
        sa.Column("workspace_id", sa.Integer(), sa.ForeignKey("workspace.id"), nullable=False),
        sa.Column("token", sa.String(length=200), nullable=False),
        sa.Column("holders", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("workspace_id", "token"),
        sqlite_with_rowid=False,
    )
    connection = op.get_bind()
    counts: Counter[tuple[int, str]] = Counter()
    batch: list[dict[str, Any]] = []
    for row in _token_rows(connection):
        counts[(row["workspace_id"], row["token"])] += 1
        batch.append(row)
        if len(batch) == BATCH:
            connection.execute(tokens.insert(), batch)
            batch = []
    if batch:
        connection.execute(tokens.insert(), batch)
    rows = [{"workspace_id": ws, "token": token, "holders": n} for (ws, token), n in counts.items()]
    for start in range(0, len(rows), BATCH):
        connection.execute(words.insert(), rows[start:start + BATCH])


def _token_rows(connection: sa.Connection) -> Iterator[dict[str, Any]]:
    for kind, table, name, key in SOURCES:
        query = sa.text(f"SELECT id, workspace_id, {name}, {key} FROM {table}")  # fixed table and column names
        for row_id, workspace_id, text_, folded in connection.execute(query):
            folded = folded or ""
            for token in dict.fromkeys(folded.split()):
                yield {"workspace_id": workspace_id, "token": token, "length": len(folded), "kind": kind,
                       "record_id": row_id, "name": text_, "key": folded}


def downgrade() -> None:
    op.drop_table("name_word")
    op.drop_index("ix_name_token_record", table_name="name_token")
    op.drop_table("name_token")
