"""Migration 0007 keeps the data and stops id reuse; several processes can migrate one database at once."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from handlers.engine import Crm
from storage.db import MIGRATIONS, Database
from storage.models import Contact, Interaction
from tests.conftest import NOW, POSTGRES_URL, Chat

ROOT = Path(__file__).resolve().parent.parent
MIGRATE = "import sys; from storage.db import Database; Database(sys.argv[1]).migrate()"


def _upgrade(engine: Engine, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


@pytest.mark.skipif(bool(POSTGRES_URL), reason="the suite's PostgreSQL schema is shared; 0007 there only widens a column")
def test_0007_keeps_rows_and_search_and_never_reuses_an_id(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    _upgrade(db.engine, "0006")
    chat = Chat(Crm(db, clock=lambda: NOW))
    chat.say("/add Anna Schulz, Acme GmbH, anna@acme.de")
    chat.say("/note anna: wants the blue brochure")
    chat.say("/deal Acme rollout 12k proposal #1")
    chat.say("/add Zed Reuse")
    chat.say("/delete #2 yes")  # before 0007, the next contact would get #2 again
    db.migrate()
    with db.engine.connect() as connection:
        tables = connection.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'table'")).all()
        triggers = {row[0] for row in connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))}
    plain = [name for name, sql in tables if "id INTEGER NOT NULL" in sql and "AUTOINCREMENT" not in sql]
    assert plain == []
    assert triggers == {"interaction_fts_insert", "interaction_fts_delete", "interaction_fts_update"}
    assert {index["name"] for index in inspect(db.engine).get_indexes("contact")} >= {"ix_contact_ws_email"}
    assert "Anna Schulz" in chat.say("/show anna").text and "12,000 EUR" in chat.last.text  # type: ignore[union-attr]
    assert "blue brochure" in chat.say("/find brochure").text
    chat.say("/add Bob Victim")
    assert [c.id for c in chat.rows(Contact)] == [1, 3]
    chat.say("/note bob: red flyer please")
    assert "red flyer" in chat.say("/find flyer").text
    assert [n.contact_id for n in chat.rows(Interaction)] == [1, 3]
    db.engine.dispose()


def _fresh_database(tmp_path: Path) -> str:
    """An empty database: a new SQLite file, or the PostgreSQL test database with an empty public schema."""
    if not POSTGRES_URL:
        return f"sqlite:///{tmp_path / 'fresh.db'}"
    db = Database(POSTGRES_URL)
    with db.engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    db.engine.dispose()
    return POSTGRES_URL


def test_processes_started_together_all_migrate(tmp_path: Path, migrated_template: Path | None) -> None:
    url = _fresh_database(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    processes = [subprocess.Popen([sys.executable, "-c", MIGRATE, url], cwd=ROOT, env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(4)]
    errors = [process.communicate(timeout=120)[1] for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0, 0], errors
    db = Database(url)
    with db.engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == ["0007"]
    db.engine.dispose()
