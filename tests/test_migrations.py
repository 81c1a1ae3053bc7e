"""Migration 0007 keeps the data and stops id reuse; several processes can migrate one database at once."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from handlers.engine import Crm
from storage.db import MIGRATIONS, Database
from storage.models import Contact, Interaction
from tests.conftest import NOW, POSTGRES_URL, Chat

ROOT = Path(__file__).resolve().parent.parent
MIGRATE = "import sys; from storage.db import Database; Database(sys.argv[1]).migrate()"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _upgrade(engine: Engine, revision: str) -> None:
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


@pytest.mark.skipif(bool(POSTGRES_URL), reason="the suite's PostgreSQL schema is shared; 0007 there only widens a column")
def test_0007_keeps_rows_and_search_and_never_reuses_an_id(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    _upgrade(db.engine, "0006")
    _write_at_0006(db.engine)  # in SQL: today's models may hold columns that 0006 doesn't have yet
    chat = Chat(Crm(db, clock=lambda: NOW), user="rep1")
    db.migrate()
    with db.engine.connect() as connection:
        tables = connection.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'table'")).all()
        triggers = {row[0] for row in connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))}
    plain = [name for name, sql in tables if re.search(r"\bid INTEGER NOT NULL", sql) and "AUTOINCREMENT" not in sql]
    assert plain == []
    assert triggers == {"interaction_fts_insert", "interaction_fts_delete", "interaction_fts_update",
                        "deal_total_insert", "deal_total_delete", "deal_total_update",  # 0019 keeps the pipeline sums
                        "place_address_insert", "place_address_update", "place_contact_insert",
                        "place_contact_update",  # 0025 the contacts' places
                        "entry_deal_insert", "entry_deal_update", "entry_change_insert", "entry_change_delete",
                        "entry_change_update", "entry_contact_source"}  # 0027 what reports sum of each deal
    assert {index["name"] for index in inspect(db.engine).get_indexes("contact")} >= {"ix_contact_ws_email"}
    assert "Anna Schulz" in chat.say("/show anna").text and "12,000 EUR" in chat.last.text  # type: ignore[union-attr]
    assert "blue brochure" in chat.say("/find brochure").text
    chat.say("/add Bob Victim")
    assert [c.id for c in chat.rows(Contact)] == [1, 3]
    chat.say("/note bob: red flyer please")
    assert "red flyer" in chat.say("/find flyer").text
    assert [n.contact_id for n in chat.rows(Interaction)] == [1, 3]
    db.dispose()


def _write_at_0006(engine: Engine) -> None:
    """Anna Schulz (#1) of Acme GmbH with a note and a deal, and a deleted contact #2, as 0006 stored them."""
    at = NOW.isoformat()
    statements = [
        f"INSERT INTO workspace (id, key, name, default_region, revision, created_at) "
        f"VALUES (1, 'console:test', 'test', 'DE', 0, '{at}')",
        f"INSERT INTO member (id, workspace_id, external_id, name, role, language, timezone, digest_time, "
        f"digest_enabled, digest_days, delivery_failures, delivery_paused, created_at) "
        f"VALUES (1, 1, 'rep1', 'rep1', 'owner', 'en', 'Europe/Berlin', '08:00', 1, '12345', 0, 0, '{at}')",
        "INSERT INTO pipelinestage (id, workspace_id, key, position, probability, is_closed) "
        "VALUES (1, 1, 'lead', 0, 10, 0), (2, 1, 'qualified', 1, 25, 0), (3, 1, 'proposal', 2, 50, 0), "
        "(4, 1, 'negotiation', 3, 75, 0), (5, 1, 'won', 4, 100, 1), (6, 1, 'lost', 5, 0, 1)",
        f"INSERT INTO company (id, workspace_id, name, name_key, created_at, updated_at) "
        f"VALUES (1, 1, 'Acme GmbH', 'acme gmbh', '{at}', '{at}')",
        f"INSERT INTO contact (id, workspace_id, name, name_key, email, company_id, source, created_at, updated_at) "
        f"VALUES (1, 1, 'Anna Schulz', 'anna schulz', 'anna@acme.de', 1, 'chat', '{at}', '{at}'), "
        f"(2, 1, 'Zed Reuse', 'zed reuse', NULL, NULL, 'chat', '{at}', '{at}')",
        f"INSERT INTO interaction (id, workspace_id, contact_id, kind, text, author_id, created_at) "
        f"VALUES (1, 1, 1, 'note', 'wants the blue brochure', 1, '{at}')",
        f"INSERT INTO deal (id, workspace_id, title, title_key, contact_id, value_cents, currency, stage_id, "
        f"probability, created_at, updated_at) VALUES (1, 1, 'Acme rollout', 'acme rollout', 1, 1200000, 'EUR', 3, "
        f"50, '{at}', '{at}')",
        "DELETE FROM contact WHERE id = 2",  # before 0007, the next contact would get #2 again
        f"INSERT INTO auditentry (workspace_id, member_id, batch, entity, entity_id, action, undone, created_at) "
        f"VALUES (1, 1, 'b1', 'contact', 2, 'create', 0, '{at}'), (1, 1, 'b2', 'contact', 2, 'delete', 0, '{at}')",
    ]
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))


def _fresh_database(tmp_path: Path) -> str:
    """An empty database: a new SQLite file, or the PostgreSQL test database with an empty public schema."""
    if not POSTGRES_URL:
        return f"sqlite:///{tmp_path / 'fresh.db'}"
    db = Database(POSTGRES_URL)
    with db.engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    db.dispose()
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
        versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    assert versions == [ScriptDirectory.from_config(_config()).get_current_head()]
    db.dispose()


@pytest.mark.skipif(bool(POSTGRES_URL), reason="the suite's PostgreSQL schema is shared")
def test_0013_turns_also_lines_into_real_emails_and_phones(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    _upgrade(db.engine, "0012")  # the revision before the records migration
    _write_at_0010(db.engine)
    db.migrate()
    with db.engine.connect() as connection:
        emails = connection.execute(text("SELECT contact_id, email, position FROM contactemail")).all()
        phones = connection.execute(text("SELECT contact_id, phone FROM contactphone")).all()
        notes = connection.execute(text("SELECT id, text FROM interaction ORDER BY id")).all()
        contact = connection.execute(text("SELECT email, phone FROM contact WHERE id = 2")).one()
    assert emails == [(1, "anna.schulz@gmail.com", 1), (1, "anna@web.de", 2)]
    assert phones == [(1, "+49891234567")]  # the first one is Anna's phone already
    assert notes == [(1, "wants the blue brochure\nalso: name A. Schulz")]  # the e-mail-only note is gone
    assert tuple(contact) == ("bob@globex.com", None)
    db.dispose()


def _write_at_0010(engine: Engine) -> None:
    """Anna (#1) with "also:" and "auch:" lines in two notes, Bob (#2) without an e-mail but one in a note."""
    at = NOW.isoformat()
    statements = [
        f"INSERT INTO workspace (id, key, name, default_region, revision, stale_days, created_at) "
        f"VALUES (1, 'console:test', 'test', 'DE', 0, 14, '{at}')",
        f"INSERT INTO contact (id, workspace_id, name, name_key, email, phone, source, created_at, updated_at) "
        f"VALUES (1, 1, 'Anna Schulz', 'anna schulz', 'anna@acme.de', '+491701234567', 'chat', '{at}', '{at}'), "
        f"(2, 1, 'Bob Stone', 'bob stone', NULL, NULL, 'chat', '{at}', '{at}')",
        f"INSERT INTO interaction (id, workspace_id, contact_id, kind, text, created_at) VALUES "
        f"(1, 1, 1, 'note', 'wants the blue brochure\nalso: e-mail anna.schulz@gmail.com\nalso: name A. Schulz', '{at}'), "
        f"(2, 1, 1, 'note', 'auch: E-Mail anna@web.de\nauch: Telefon +491701234567\nauch: Telefon +49891234567', '{at}'), "
        f"(3, 1, 2, 'note', 'also: e-mail bob@globex.com', '{at}')",
    ]
    with engine.begin() as connection:
        for statement in statements:
            connection.execute(text(statement))
