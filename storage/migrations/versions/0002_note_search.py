"""Full-text search over notes: an FTS5 trigram table on SQLite, pg_trgm on PostgreSQL.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SQLITE_UP = [
    "CREATE VIRTUAL TABLE interaction_fts USING fts5("
    "text, content='interaction', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER interaction_fts_insert AFTER INSERT ON interaction BEGIN "
    "INSERT INTO interaction_fts(rowid, text) VALUES (new.id, new.text); END",
    "CREATE TRIGGER interaction_fts_delete AFTER DELETE ON interaction BEGIN "
    "INSERT INTO interaction_fts(interaction_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
    "CREATE TRIGGER interaction_fts_update AFTER UPDATE OF text ON interaction BEGIN "
    "INSERT INTO interaction_fts(interaction_fts, rowid, text) VALUES ('delete', old.id, old.text); "
    "INSERT INTO interaction_fts(rowid, text) VALUES (new.id, new.text); END",
]
SQLITE_DOWN = [
    "DROP TRIGGER interaction_fts_update",
    "DROP TRIGGER interaction_fts_delete",
    "DROP TRIGGER interaction_fts_insert",
    "DROP TABLE interaction_fts",
]
POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX ix_interaction_text_trgm ON interaction USING gin (text gin_trgm_ops)",
]
POSTGRES_DOWN = ["DROP INDEX ix_interaction_text_trgm"]


def _run(statements: list[str]) -> None:
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    _run(SQLITE_UP if op.get_bind().dialect.name == "sqlite" else POSTGRES_UP)


def downgrade() -> None:
    _run(SQLITE_DOWN if op.get_bind().dialect.name == "sqlite" else POSTGRES_DOWN)
