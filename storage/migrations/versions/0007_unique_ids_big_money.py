"""Ids are never reused, and money has 64 bits.

SQLite hands a deleted row's id to the next row unless the table is AUTOINCREMENT, so every table is
recreated with it (data, indexes and the note search triggers of 0002 kept), and each counter starts
above the highest id the audit log ever saw, so ids freed before this migration stay unused too.
PostgreSQL sequences never reuse ids; there `value_cents` only widens to BIGINT.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TABLES = ("workspace", "member", "company", "contact", "pipelinestage", "deal", "dealstagechange",
          "interaction", "task", "auditentry", "attachment", "pendingchoice", "notduplicate", "pendingimport")
AUDITED = ("company", "contact", "deal", "dealstagechange", "interaction", "task", "attachment")
FTS_TRIGGERS = [
    "CREATE TRIGGER interaction_fts_insert AFTER INSERT ON interaction BEGIN "
    "INSERT INTO interaction_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER interaction_fts_delete AFTER DELETE ON interaction BEGIN "
    "INSERT INTO interaction_fts(interaction_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER interaction_fts_update AFTER UPDATE OF text ON interaction BEGIN "
    "INSERT INTO interaction_fts(interaction_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO interaction_fts(rowid, text) VALUES (new.id, new.text); END",
]


def _widen_money(to: sa.types.TypeEngine, was: sa.types.TypeEngine, **batch: object) -> None:
    with op.batch_alter_table("deal", **batch) as batch_op:  # type: ignore[arg-type]
        batch_op.alter_column("value_cents", type_=to, existing_type=was, existing_nullable=False)


def _recreate(autoincrement: bool) -> None:
    """Rebuild every table on SQLite with or without AUTOINCREMENT, keeping rows, indexes and triggers."""
    for table in TABLES:
        if table == "deal":
            continue
        with op.batch_alter_table(table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}):
            pass
        if table == "interaction":
            for statement in FTS_TRIGGERS:  # dropped with the old table
                op.execute(statement)


def _start_counters_above_the_log() -> None:
    """An id the audit log names may belong to a row deleted before this migration: never hand it out."""
    for table in AUDITED:
        op.execute(f"INSERT INTO sqlite_sequence (name, seq) SELECT '{table}', 0 "
                   f"WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = '{table}')")
        op.execute(f"UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT max(entity_id) FROM auditentry "
                   f"WHERE entity = '{table}'), 0)) WHERE name = '{table}'")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        _widen_money(sa.BigInteger(), sa.Integer())
        return
    _recreate(autoincrement=True)
    _widen_money(sa.BigInteger(), sa.Integer(), recreate="always", table_kwargs={"sqlite_autoincrement": True})
    _start_counters_above_the_log()


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        _widen_money(sa.Integer(), sa.BigInteger())
        return
    _widen_money(sa.Integer(), sa.BigInteger(), recreate="always", table_kwargs={"sqlite_autoincrement": False})
    _recreate(autoincrement=False)
