"""Migrations match the models, and SQLite writers wait for each other instead of failing."""

import threading

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel, func, select

from handlers.engine import Crm
from handlers.texts.reply import Incoming
from storage.db import Database
from storage.models import Contact
from tests.conftest import NOW


def test_migrations_match_the_models(db: Database) -> None:
    def ours(obj, name, type_, reflected, compare_to) -> bool:  # type: ignore[no-untyped-def]
        """Leave out the search indexes migration 0002 makes per dialect (FTS5 tables, a pg_trgm index)."""
        return not (name or "").startswith(("interaction_fts", "ix_interaction_text_trgm"))

    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": ours})
        assert compare_metadata(context, SQLModel.metadata) == []


FIRST = ("Anna", "Bernd", "Carla", "Dieter")
LAST = ("Adler", "Brandt", "Conrad", "Dorn", "Eckert", "Falk", "Graf", "Haas", "Jung", "Kraus")


def test_concurrent_writers_all_succeed(crm: Crm) -> None:
    errors: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            for i in range(10):
                name = f"{FIRST[worker]} {LAST[i]}"
                reply = crm.handle(Incoming(text=f"/add {name}", workspace_key="console:t",
                                            user_id=f"u{worker}", now=NOW))
                assert reply.changed, reply.text
        except BaseException as error:  # noqa: BLE001 - collected for the assertion below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with crm.db.transaction(now=NOW) as session:
        assert session.exec(select(func.count()).select_from(Contact)).one() == 40
