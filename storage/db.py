"""Engine, sessions and migrations: SQLite file by default, PostgreSQL when DATABASE_URL says so."""

import ast
import logging
import re
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, exc, inspect, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlmodel import Session, create_engine

if TYPE_CHECKING:
    from alembic.config import Config

logger = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 10_000
MIGRATION_LOCK = 0x63726D62  # "crmb": the PostgreSQL advisory lock migrations run under
READER = "crmbot_reader"  # an execution option: a unit of work that only reads
QUERY_ONLY = "crmbot_query_only"  # a SQLite connection's info key: the query_only it was last switched to
STAMPS = ("created_at", "updated_at", "changed_at")  # time columns a new row gets from the clock
READING = "reading"  # session.info key: this unit of work answers a question and may not write
USED_AT = "crmbot_used_at"  # a pooled PostgreSQL connection's info key: when it was last connected or checked in
PING_AFTER = 5.0  # seconds a pooled PostgreSQL connection may sit idle before it is pinged on checkout
_REVISION_LINE = re.compile(r"^(revision|down_revision)\b[^=\n]*=\s*(.+?)\s*(?:#.*)?$", re.MULTILINE)


class WriteInReader(RuntimeError):
    """A read session was asked to write; the caller reruns the work in a write transaction."""


def now_of(session: Session) -> datetime:
    """The time of this unit of work: the clock's reading its transaction was opened with."""
    try:
        now: datetime = session.info["now"]  # set by Database.transaction
        return now
    except KeyError:
        raise RuntimeError("a unit of work opened without the clock's time") from None


@event.listens_for(Session, "before_flush")
def _stamp_new_rows(session: Session, _context: Any, _instances: Any) -> None:
    """Fill the empty time columns of new rows from the unit of work's clock, never the wall clock."""
    for row in session.new:
        for name in STAMPS:
            if hasattr(row, name) and getattr(row, name) is None:
                setattr(row, name, now_of(session))


@event.listens_for(Session, "before_flush")
def _refuse_flush_in_reader(session: Session, _context: Any, _instances: Any) -> None:
    """A read session never flushes a change."""
    if session.info.get(READING) and (session.new or session.dirty or session.deleted):
        raise WriteInReader("flush")


@event.listens_for(Session, "do_orm_execute")
def _refuse_dml_in_reader(state: Any) -> None:
    """A read session never runs INSERT, UPDATE or DELETE."""
    if state.session.info.get(READING) and (state.is_insert or state.is_update or state.is_delete):
        raise WriteInReader("statement")


def _driver_url(url: str) -> str:
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


# PostgreSQL plans every statement for its parameters. psycopg prepares a statement run five times, and after five
# more runs PostgreSQL may switch to one generic plan for all parameters. Workspaces differ in size by orders of
# magnitude, and a segment's condition can match all of a workspace or almost nothing, so a generic plan is often
# wrong: `/segment source:imp` over 100k contacts took 16 ms with its own plan and 130-170 ms with the generic one,
# which sorts every member instead of walking ix_contact_ws_rank.
CUSTOM_PLANS = "-c plan_cache_mode=force_custom_plan"


def _with_options(url: str, *options: str) -> tuple[str, dict[str, str]]:
    """The URL without its `options` parameter, and connect arguments with those options followed by ours (given as
    a connect argument alone, ours would replace them)."""
    parsed = make_url(url)
    given = parsed.query.get("options", ())
    chosen = [given] if isinstance(given, str) else list(given)
    return (parsed.difference_update_query(["options"]).render_as_string(hide_password=False),
            {"options": " ".join([*chosen, *options])})


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets WAL, a busy timeout and foreign keys, PostgreSQL plans for each statement's
    parameters (CUSTOM_PLANS)."""
    url = _driver_url(url)
    if not url.startswith("sqlite"):
        url, connect = _with_options(url, CUSTOM_PLANS)
        return _pinged_when_idle(create_engine(url, pool_size=10, max_overflow=10, connect_args=connect))
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "begin", _sqlite_begin_immediate)
    return engine


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.isolation_level = None  # let SQLAlchemy's BEGIN below drive transactions
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin_immediate(connection: Connection) -> None:
    """Take the write lock at BEGIN so two writers wait instead of failing half way; a reader takes none.

    A reader's connection is switched to query_only, so SQLite itself refuses a write that slipped through.
    """
    reader = connection.get_execution_options().get(READER, False)
    info = connection.connection.info  # lives as long as the SQLite connection: switch only when it changes
    if info.get(QUERY_ONLY) is not reader:
        connection.exec_driver_sql(f"PRAGMA query_only={int(reader)}")
        info[QUERY_ONLY] = reader
    connection.exec_driver_sql("BEGIN" if reader else "BEGIN IMMEDIATE")


def make_postgres_reader(url: str) -> Engine:
    """PostgreSQL's readers: a pool of their own whose connections are read-only for good
    (default_transaction_read_only, set once at connect), in autocommit.

    PostgreSQL itself refuses a write that slipped through, as a READ ONLY transaction would, without a
    BEGIN, SET and ROLLBACK per read; at READ COMMITTED each statement of a transaction saw its own snapshot
    anyway, so a read gives up nothing.
    """
    url, connect = _with_options(_driver_url(url), "-c default_transaction_read_only=on", CUSTOM_PLANS)
    return _pinged_when_idle(create_engine(url, pool_size=10, max_overflow=10, isolation_level="AUTOCOMMIT",
                                           connect_args=connect, execution_options={READER: True}))


def _pinged_when_idle(engine: Engine) -> Engine:
    """Ping a pooled connection on checkout only when it sat idle for PING_AFTER seconds (a restarted server
    has dropped it); one used a moment ago goes straight to work, a round trip saved per unit of work."""
    def stamp(_dbapi_connection: Any, record: Any, *_args: Any) -> None:
        record.info[USED_AT] = time.monotonic()

    def check(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        if time.monotonic() - record.info.get(USED_AT, 0.0) < PING_AFTER:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:
            raise exc.DisconnectionError() from error  # the pool replaces the connection and tries again

    event.listen(engine, "connect", stamp)
    event.listen(engine, "checkin", stamp)
    event.listen(engine, "checkout", check)
    return engine


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration; processes starting together take turns."""
    if _at_head(engine):
        return
    if engine.dialect.name == "sqlite" and _create_new_sqlite(engine):
        return
    migrate_with_alembic(engine)


def _create_new_sqlite(engine: Engine) -> bool:
    """Give a SQLite file without any table the newest schema from the snapshot; False when it can't."""
    from storage import schema_snapshot

    heads = migration_heads()
    statements = schema_snapshot.load(heads)
    if statements is None:
        return False
    with engine.connect() as connection, connection.begin():  # BEGIN IMMEDIATE: one process at a time
        raw = connection.connection.driver_connection
        if raw is None or not schema_snapshot.is_empty(raw):
            return False  # another process made it first, or it is an old file: the migrations decide
        schema_snapshot.create(raw, statements, heads)
    return True


def migrate_with_alembic(engine: Engine) -> None:
    """Run the migrations that are missing through Alembic."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            _migrate_sqlite(connection, config)
            return
        connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK})
        connection.commit()
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK})
            connection.commit()


def _at_head(engine: Engine) -> bool:
    """Whether the schema is at the newest migration, known without importing Alembic (a fast start)."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return False
        current = {row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))}
    return current == migration_heads()


def migration_heads() -> set[str]:
    """The revisions no other migration builds on, read from the scripts' `revision` lines only (no Alembic)."""
    revisions: set[str] = set()
    below: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        for name, value in _REVISION_LINE.findall(path.read_text(encoding="utf-8")):
            found = ast.literal_eval(value)
            names = {found} if isinstance(found, str) else set(found or ())
            (revisions if name == "revision" else below).update(names)
    return revisions - below


def _migrate_sqlite(connection: Connection, config: "Config") -> None:
    """Migrate under BEGIN IMMEDIATE (the write lock serializes processes), foreign keys checked at the end.

    Recreating a table (Alembic's batch mode) drops the old one, which foreign keys would refuse while
    other rows point at it; SQLite can switch them off only outside a transaction.
    """
    from alembic import command

    raw = connection.connection.driver_connection
    if raw is None:
        raise RuntimeError("the SQLite connection is closed")
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        with connection.begin():
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
            if broken is not None:
                raise RuntimeError(f"a migration left a row pointing nowhere: {tuple(broken)}")
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


class WriterQueue:
    """A SQLite file's writers of this process, one at a time, in the order they came, each going in the moment
    the last one is done.

    SQLite lets one writer in at a time, and its busy handler polls a held write lock in sleeps of up to
    100 ms, so a waiting writer often sleeps on a lock already free. Queued here, it wakes at once, and first
    come is first served (a plain lock wakes any waiter, so some waited many turns: the answers' long tail).
    After the busy timeout a writer goes on to SQLite's own waiting (as before this queue), so a thread that
    waits for another one's transaction inside its own is never stuck here for good.
    """

    def __init__(self, timeout: float = SQLITE_BUSY_TIMEOUT_MS / 1000) -> None:
        self.timeout = timeout
        self._mutex = threading.Lock()
        self._owner: int | None = None  # the thread holding the queue, which may nest (SQLite refuses that)
        self._depth = 0
        self._waiting: deque[tuple[int, threading.Lock]] = deque()  # each waiter's gate, held until its turn
        self._held = threading.local()

    @property
    def waiters(self) -> int:
        """How many writers wait for their turn."""
        with self._mutex:
            return len(self._waiting)

    def __enter__(self) -> bool:
        got = self._enter(threading.get_ident())
        self._held.stack = [*getattr(self._held, "stack", []), got]
        return got

    def _enter(self, me: int) -> bool:
        with self._mutex:
            if self._owner == me or (self._owner is None and not self._waiting):
                self._owner, self._depth = me, self._depth + 1
                return True
            gate = threading.Lock()
            gate.acquire()
            self._waiting.append((me, gate))
        if gate.acquire(timeout=self.timeout):
            return True  # handed over: the queue is ours
        with self._mutex:
            if (me, gate) in self._waiting:
                self._waiting.remove((me, gate))
                return False
        return True  # handed over just as the wait ran out

    def __exit__(self, *_exc: object) -> None:
        if not self._held.stack.pop():
            return
        with self._mutex:
            self._depth -= 1
            if self._depth:
                return
            self._owner = None
            if self._waiting:
                self._owner, gate = self._waiting.popleft()
                self._depth = 1
                gate.release()


class Database:
    """One engine and a way to run a unit of work in one transaction."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        self._reader = self.engine.execution_options(**{READER: True}) if self.is_sqlite else make_postgres_reader(url)
        self._writers: AbstractContextManager[object] = WriterQueue() if self.is_sqlite else nullcontext()

    @property
    def engines(self) -> tuple[Engine, ...]:
        """The engines whose events see every statement: the writer's, and on PostgreSQL the readers' own pool."""
        return (self.engine,) if self.is_sqlite else (self.engine, self._reader)

    def dispose(self) -> None:
        """Close every pooled connection."""
        for engine in self.engines:
            engine.dispose()

    def migrate(self) -> None:
        migrate(self.engine)

    @contextmanager
    def transaction(self, *, now: datetime) -> Iterator[Session]:
        """Yield a session working at `now`; commit when the block ends, roll everything back on any error."""
        with self._writers, Session(self.engine, expire_on_commit=False, info={"now": now}) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    @contextmanager
    def reading(self, *, now: datetime) -> Iterator[Session]:
        """Yield a session that only reads, at `now`: one snapshot, no write lock on SQLite; nothing is committed."""
        with Session(self._reader, expire_on_commit=False, autoflush=False,
                     info={"now": now, READING: True}) as session:
            try:
                yield session
                if session.new or session.dirty or session.deleted:
                    raise WriteInReader("unflushed change")
            finally:
                session.rollback()
