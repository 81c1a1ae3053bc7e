"""Fixtures: a real database per test (SQLite file, or PostgreSQL when CRMBOT_TEST_DATABASE_URL is set)."""

import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy import Connection, Engine, create_engine, event, make_url, text
from sqlmodel import Session, SQLModel, col, func, select

from handlers.engine import Crm
from handlers.texts.reply import Button, Incoming, Reply
from storage.db import Database

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=timezone.utc)  # Wednesday, 11:30 in Berlin
Row = TypeVar("Row", bound=SQLModel)


def _worker_database(url: str | None) -> str | None:
    """Under pytest-xdist each worker gets its own database beside the given one: crmbot_test_gw0, _gw1, ..."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return url
    parsed = make_url(url)
    return parsed.set(database=f"{parsed.database}_{worker}").render_as_string(hide_password=False)


POSTGRES_URL = _worker_database(os.environ.get("CRMBOT_TEST_DATABASE_URL"))


def _create_worker_database(url: str) -> None:
    """The worker's database, made through the given one when it does not exist yet."""
    base = os.environ["CRMBOT_TEST_DATABASE_URL"]
    if url == base:
        return
    name = make_url(url).database
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        if connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first() is None:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path | None:
    """Migrate once; each SQLite test copies the file, each PostgreSQL test truncates the tables."""
    if POSTGRES_URL:
        _create_worker_database(POSTGRES_URL)
        db = Database(POSTGRES_URL)
        with db.engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        db.migrate()
        db.dispose()
        return None
    path = tmp_path_factory.mktemp("template") / "crm.db"
    db = Database(f"sqlite:///{path}")
    db.migrate()
    db.dispose()
    return path


_resetters: dict[str, Engine] = {}


def _resetter(url: str) -> Engine:
    """One engine per database for the suite's own resets, kept for the session."""
    if url not in _resetters:
        _resetters[url] = create_engine(make_url(url).set(drivername="postgresql+psycopg"))
    return _resetters[url]


def _holding(connection: Connection) -> list[str]:
    """The tables that hold a row, in the order of their foreign keys."""
    names = [t.name for t in SQLModel.metadata.sorted_tables]
    which = " UNION ALL ".join(f"SELECT '{name}' WHERE EXISTS (SELECT 1 FROM \"{name}\")" for name in names)
    return list(connection.execute(text(which)).scalars())


def _empty_postgres_tables(url: str) -> None:
    """Every table truncated with RESTART IDENTITY, on the session's kept connection: fresh tables, so rows read
    without ORDER BY come back in the order they were written, as the tests have always had them. (A DELETE of
    the tables holding rows was faster, but left free space that later rows could fill out of order.)"""
    tables = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
    with _resetter(url).begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


class PostgresCopy:
    """The rows of every table and the state of every sequence, kept in a schema of their own in the same
    database, to put back later into emptied tables: PostgreSQL's stand-in for copying a SQLite file."""

    made = 0

    def __init__(self, url: str) -> None:
        PostgresCopy.made += 1
        self.url, self.schema = url, f"test_copy_{PostgresCopy.made}"
        with _resetter(url).begin() as connection:
            self.tables = _holding(connection)
            connection.execute(text(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE; CREATE SCHEMA {self.schema}"))
            for name in self.tables:
                connection.execute(text(f'CREATE TABLE {self.schema}."{name}" AS SELECT * FROM public."{name}"'))
            self.sequences = connection.execute(text(
                "SELECT format('%I.%I', schemaname, sequencename), last_value FROM pg_sequences "
                "WHERE schemaname = 'public' AND last_value IS NOT NULL")).all()

    def restore(self) -> str:
        """Empty the tables and fill them with the copied rows, as they were; triggers stay off meanwhile
        (the rows they would write, such as the pipeline's sums, are among the copied ones)."""
        _empty_postgres_tables(self.url)
        with _resetter(self.url).begin() as connection:
            connection.execute(text("SET LOCAL session_replication_role = replica"))
            for name in self.tables:
                connection.execute(text(f'INSERT INTO public."{name}" SELECT * FROM {self.schema}."{name}"'))
            for sequence, value in self.sequences:
                connection.execute(text("SELECT setval(:s, :v, true)"), {"s": sequence, "v": value})
        return self.url


def fresh_database_url(migrated_template: Path | None, path: Path) -> str:
    """An empty migrated database: the template copied to `path`, or the PostgreSQL tables truncated."""
    if POSTGRES_URL:
        _empty_postgres_tables(POSTGRES_URL)
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
    database.dispose()


@pytest.fixture
def crm(db: Database) -> Crm:
    return Crm(db, clock=lambda: NOW)


def waits_for_a_lock(db: Database, holder: Connection) -> bool:
    """Whether another session of this PostgreSQL database comes to wait for a lock within about five seconds. It
    polls with sleeps: a timed wait (Event.wait, Thread.join with a timeout) never returns under CI's faketime."""
    own = holder.execute(text("SELECT pg_backend_pid()")).scalar_one()
    with db.engine.connect() as watcher:
        for _ in range(100):
            waiting = watcher.execute(text("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                                           "AND wait_event_type = 'Lock' AND pid <> :own"), {"own": own}).scalar_one()
            watcher.rollback()
            if waiting:
                return True
            time.sleep(0.05)
    return False


def while_holding(db: Database, holder: Connection, work: Callable[[Connection], object]) -> list[BaseException]:
    """Run `work` in a transaction of its own on another thread while `holder`'s transaction is open, check that it
    comes to wait for one of holder's locks, then commit holder and wait for `work`: the errors `work` raised."""
    errors: list[BaseException] = []

    def run() -> None:
        try:
            with db.engine.begin() as connection:
                work(connection)
        except BaseException as error:  # noqa: BLE001 - handed to the test
            errors.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    waited = waits_for_a_lock(db, holder)
    holder.commit()
    thread.join()
    assert waited, "the other transaction never waited for a lock"
    return errors


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

    def say_counted(self, text: str) -> tuple[Reply, list[str]]:
        """The reply to `text`, and every SQL statement it ran (on the writer's and the readers' engines)."""
        seen: list[str] = []

        def capture(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
            seen.append(statement)

        for engine in self.crm.db.engines:
            event.listen(engine, "before_cursor_execute", capture)
        try:
            return self.say(text), seen
        finally:
            for engine in self.crm.db.engines:
                event.remove(engine, "before_cursor_execute", capture)

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
