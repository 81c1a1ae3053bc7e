"""Fixtures: a real database per test (SQLite file, or PostgreSQL when CRMBOT_TEST_DATABASE_URL is set)."""

import os
import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy import text
from sqlmodel import Session, SQLModel, col, func, select

from handlers.engine import Crm
from handlers.texts.reply import Button, Incoming, Reply
from storage.db import Database

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=timezone.utc)  # Wednesday, 11:30 in Berlin
Row = TypeVar("Row", bound=SQLModel)
POSTGRES_URL = os.environ.get("CRMBOT_TEST_DATABASE_URL")


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """Migrate once; each SQLite test copies the file, each PostgreSQL test truncates the tables."""
    if POSTGRES_URL:
        db = Database(POSTGRES_URL)
        with db.engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        db.migrate()
        db.engine.dispose()
        return None
    path = tmp_path_factory.mktemp("template") / "crm.db"
    db = Database(f"sqlite:///{path}")
    db.migrate()
    db.engine.dispose()
    return path


def fresh_database_url(migrated_template: Path | None, path: Path) -> str:
    """An empty migrated database: the template copied to `path`, or the PostgreSQL tables truncated."""
    if POSTGRES_URL:
        db = Database(POSTGRES_URL)
        tables = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
        with db.engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        db.engine.dispose()
        return POSTGRES_URL
    assert migrated_template is not None
    shutil.copy(migrated_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def database_url(migrated_template: Path | None, tmp_path: Path) -> Iterator[str]:
    yield fresh_database_url(migrated_template, tmp_path / "crm.db")


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database(database_url)
    yield database
    database.engine.dispose()


@pytest.fixture
def crm(db: Database) -> Crm:
    return Crm(db, clock=lambda: NOW)


class Chat:
    """One person talking to the engine, with a clock the test moves."""

    def __init__(self, crm: Crm, *, workspace: str = "console:test", user: str = "rep1", language: str = "en",
                 timezone_name: str | None = "Europe/Berlin", now: datetime = NOW) -> None:
        self.crm = crm
        self.workspace = workspace
        self.user = user
        self.language = language
        self.timezone = timezone_name
        self.now = now
        self.last: Reply | None = None

    def say(self, text: str, *, update_key: str | None = None) -> Reply:
        self.last = self.crm.handle(Incoming(text=text, workspace_key=self.workspace, user_id=self.user,
                                             user_name=self.user, language=self.language,
                                             timezone=self.timezone, now=self.now, update_key=update_key))
        return self.last

    def button(self, label: str, reply: Reply | None = None) -> Button:
        reply = reply or self.last
        assert reply is not None
        buttons = [b for row in reply.buttons for b in row if label in b.label]
        assert buttons, f"no button {label!r} in {[b.label for row in reply.buttons for b in row]}"
        return buttons[0]

    def press(self, label: str, reply: Reply | None = None) -> Reply:
        button = self.button(label, reply)
        assert button.command is not None
        return self.say(button.command)

    def later(self, **delta: float) -> None:
        self.now += timedelta(**delta)

    def rows(self, model: type[Row]) -> list[Row]:
        """Every row of a table, in the order written."""
        with Session(self.crm.db.engine) as session:
            return list(session.exec(select(model).order_by(col(model.id))))  # type: ignore[attr-defined]

    def count(self, model: type[SQLModel]) -> int:
        with Session(self.crm.db.engine) as session:
            return session.exec(select(func.count()).select_from(model)).one()


@pytest.fixture
def chat(crm: Crm) -> Chat:
    return Chat(crm)
