"""A SQLite file at an old revision with a workspace and two contacts (Anna #1, Bob #2), the rows a test adds, then
migrated to the newest revision: the set-up of a test of a migration's backfill."""

from pathlib import Path

from sqlalchemy import text

from storage.db import Database
from tests.conftest import NOW
from tests.test_migrations import _upgrade

AT = NOW.isoformat()
WORKSPACE_AND_TWO_CONTACTS = (
    f"INSERT INTO workspace (id, key, name, default_region, revision, stale_days, created_at) "
    f"VALUES (1, 'console:test', 'test', 'DE', 0, 14, '{AT}')",
    f"INSERT INTO contact (id, workspace_id, name, name_key, source, lead_status, score, created_at, updated_at)"
    f" VALUES (1, 1, 'Anna', 'anna', 'chat', 'new', 0, '{AT}', '{AT}'),"
    f" (2, 1, 'Bob', 'bob', 'chat', 'new', 0, '{AT}', '{AT}')",
)


def migrated_from(tmp_path: Path, revision: str, *statements: str) -> Database:
    """The database written at `revision` (Anna, Bob and these rows), then upgraded; the caller disposes of it."""
    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    _upgrade(db.engine, revision)
    with db.engine.begin() as connection:
        for statement in (*WORKSPACE_AND_TWO_CONTACTS, *statements):
            connection.execute(text(statement))
    db.migrate()
    return db
