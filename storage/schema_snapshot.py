"""A new SQLite file's schema in one go: the statements the migrations leave behind, replayed (issue 17).

Running the migrations one by one through Alembic takes about half a second on a new file, most of it
loading Alembic and the scripts; replaying the snapshot takes a few milliseconds. The snapshot names the
revision it was taken at and is used only while that is the newest migration, so a migration added
without a new snapshot still runs through Alembic (and `tests/test_schema_snapshot.py` fails until
`python -m storage.schema_snapshot` writes a new one).
"""

import json
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any

SNAPSHOT = Path(__file__).parent / "migrations" / "sqlite_schema.json"


def schema_of(raw: sqlite3.Connection) -> list[str]:
    """The CREATE statements of a SQLite database in the order they were made, without SQLite's own tables.

    A virtual table's shadow tables are left out: creating the virtual table makes them.
    """
    own = {row[1] for row in raw.execute("PRAGMA table_list") if row[2] == "shadow"}
    rows = raw.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' "
                       "ESCAPE '\\' ORDER BY rowid").fetchall()
    return [sql for name, sql in rows if name not in own]


def load(heads: set[str]) -> list[str] | None:
    """The snapshot's statements when it was taken at `heads`, else None (the migrations must run)."""
    try:
        snapshot: dict[str, Any] = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    if set(snapshot["heads"]) != heads:
        return None
    statements: list[str] = snapshot["statements"]
    return statements


def is_empty(raw: sqlite3.Connection) -> bool:
    return raw.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone() is None


def create(raw: sqlite3.Connection, statements: list[str], heads: set[str]) -> None:
    """Make the schema in the open transaction of `raw` and stamp it with `heads`, as Alembic would have."""
    for statement in statements:
        raw.execute(statement)
    raw.executemany("INSERT INTO alembic_version (version_num) VALUES (?)", [(head,) for head in sorted(heads)])


def write() -> None:
    """Migrate a new file through Alembic and store its schema as the snapshot."""
    from storage.db import Database, migrate_with_alembic, migration_heads

    with tempfile.TemporaryDirectory() as scratch:
        db = Database(f"sqlite:///{Path(scratch) / 'snapshot.db'}")
        migrate_with_alembic(db.engine)
        with sqlite3.connect(Path(scratch) / "snapshot.db") as raw:
            statements = schema_of(raw)
        db.dispose()
    body = {"heads": sorted(migration_heads()), "statements": statements}
    SNAPSHOT.write_text(json.dumps(body, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {SNAPSHOT} ({len(statements)} statements)", file=sys.stderr)


if __name__ == "__main__":
    write()
