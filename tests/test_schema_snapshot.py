"""A new SQLite file gets the migrations' schema from the snapshot, without Alembic (issue 17)."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

from storage import schema_snapshot
from storage.db import MIGRATIONS, Database, migrate_with_alembic, migration_heads
from tests.conftest import POSTGRES_URL

ROOT = Path(__file__).resolve().parent.parent
STALE = "the migrations changed: write a new snapshot with `python -m storage.schema_snapshot`"


def _schema(path: Path) -> tuple[list[object], dict[str, object]]:
    """Every schema object, its lines sorted (Alembic writes a recreated table's foreign keys in any order),
    each table's columns in order, and the rows of every table but SQLite's counters."""
    with sqlite3.connect(path) as raw:
        objects = [(kind, name, table, sorted(line.strip().rstrip(",") for line in (sql or "").splitlines()))
                   for kind, name, table, sql in raw.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                                                             "WHERE name != 'sqlite_sequence' ORDER BY name")]
        tables = [row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                                "AND name != 'sqlite_sequence' AND sql NOT LIKE 'CREATE VIRTUAL%'")]
        contents: dict[str, object] = {}
        for table in tables:
            contents[f"{table} columns"] = raw.execute(f'PRAGMA table_info("{table}")').fetchall()
            contents[f"{table} foreign keys"] = sorted(key[1:] for key in raw.execute(
                f'PRAGMA foreign_key_list("{table}")'))  # without its number, which follows the order
            contents[f"{table} rows"] = sorted(raw.execute(f'SELECT * FROM "{table}"').fetchall())
    return objects, contents


def test_migration_heads_are_alembics_heads() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert migration_heads() == set(ScriptDirectory.from_config(config).get_heads())


@pytest.mark.skipif(bool(POSTGRES_URL), reason="the snapshot is SQLite's")
def test_the_snapshot_makes_the_schema_the_migrations_make(tmp_path: Path) -> None:
    assert schema_snapshot.load(migration_heads()) is not None, STALE
    migrated, replayed = tmp_path / "migrated.db", tmp_path / "replayed.db"
    by_alembic = Database(f"sqlite:///{migrated}")
    migrate_with_alembic(by_alembic.engine)
    by_snapshot = Database(f"sqlite:///{replayed}")
    by_snapshot.migrate()
    by_alembic.dispose()
    by_snapshot.dispose()
    assert _schema(replayed) == _schema(migrated), STALE


@pytest.mark.skipif(bool(POSTGRES_URL), reason="the snapshot is SQLite's")
def test_a_new_file_is_made_without_loading_alembic(tmp_path: Path) -> None:
    code = ("import sys; from storage.db import Database; Database(sys.argv[1]).migrate(); "
            "print(sorted(name for name in sys.modules if name.startswith('alembic')))")
    result = subprocess.run([sys.executable, "-c", code, f"sqlite:///{tmp_path / 'new.db'}"], cwd=ROOT,
                            capture_output=True, text=True, check=True, timeout=120)
    assert result.stdout.strip() == "[]"
    with sqlite3.connect(tmp_path / "new.db") as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchall() == [(h,) for h in migration_heads()]


def test_a_snapshot_of_other_heads_is_not_used() -> None:
    assert schema_snapshot.load({"not-a-revision"}) is None
    assert schema_snapshot.load(migration_heads()) is not None


@pytest.mark.skipif(bool(POSTGRES_URL), reason="the snapshot is SQLite's")
def test_a_file_with_tables_but_no_version_is_left_to_the_migrations(tmp_path: Path) -> None:
    path = tmp_path / "odd.db"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE workspace (id INTEGER PRIMARY KEY)")
    db = Database(f"sqlite:///{path}")
    with pytest.raises(Exception, match="workspace"):  # 0001 creates workspace: the snapshot did not paper over it
        db.migrate()
    db.dispose()
