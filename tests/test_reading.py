"""Questions run in a read session: no write lock, nothing written, a write falls back to a transaction."""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from storage.db import Database, WriteInReader
from storage.models import AuditEntry, PendingChoice, ProcessedUpdate, Workspace
from tests.conftest import NOW, POSTGRES_URL, Chat


@contextmanager
def write_lock_held(chat: Chat) -> Iterator[None]:
    """Another connection holds SQLite's write lock meanwhile."""
    if POSTGRES_URL:
        pytest.skip("SQLite's write lock")
    connection = sqlite3.connect(chat.crm.db.url.removeprefix("sqlite:///"), isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        connection.execute("ROLLBACK")
        connection.close()


def with_anna(chat: Chat) -> Chat:
    chat.say("/add Anna Schulz, Acme, anna@acme.de")
    chat.say("/deal Acme rollout 12000 EUR")
    chat.say("/task call Anna Schulz tomorrow 10am")
    return chat


def test_questions_are_answered_while_another_connection_holds_the_write_lock(chat: Chat) -> None:
    with_anna(chat)
    with write_lock_held(chat):
        assert "Anna Schulz" in chat.say("/find schultz").text
        assert "anna@acme.de" in chat.say("/show Anna Schulz").text
        assert "12,000" in chat.say("/pipeline").text
        assert "call" in chat.say("/tasks").text
        assert "Anna Schulz" in chat.say("/segment company:acme").text


def test_a_second_reader_does_not_wait_for_a_reader_that_is_still_open(chat: Chat) -> None:
    with_anna(chat)
    with chat.crm.db.reading(now=NOW) as session:  # a question still being answered, holding its snapshot
        session.exec(text("SELECT count(*) FROM contact")).one()  # type: ignore[call-overload]
        assert "Anna Schulz" in chat.say("/find anna").text


def test_a_question_writes_nothing_not_even_its_update_id(chat: Chat) -> None:
    with_anna(chat)
    audit, updates = chat.count(AuditEntry), chat.count(ProcessedUpdate)
    assert "Anna Schulz" in chat.say("/find anna", update_key="tg:1:77").text
    assert chat.count(AuditEntry) == audit and chat.count(ProcessedUpdate) == updates


def test_a_redelivered_write_is_still_a_duplicate_when_asked_as_a_question(chat: Chat) -> None:
    with_anna(chat)
    chat.say("/note Anna Schulz: likes tea", update_key="tg:1:78")
    assert chat.say("/find anna", update_key="tg:1:78").duplicate


def test_a_question_finds_its_workspace_and_member_in_one_statement(chat: Chat) -> None:
    chat.say("/add Anna Schulz")
    reply, seen = chat.say_counted("/find anna")
    assert "Anna Schulz" in reply.text
    assert sum("FROM workspace" in s for s in seen) == 1 and not [s for s in seen if s.startswith("SELECT member.")]
    assert not [s for s in seen if s.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]


def test_a_question_that_must_write_runs_in_a_write_transaction(chat: Chat) -> None:
    assert "help" in chat.say("/help").text.casefold()  # the first message creates workspace and member
    assert chat.count(Workspace) == 1
    with_anna(chat)
    chat.say("/digest off")  # "digest" is a question unless it changes a setting
    assert "Anna Schulz" in chat.say("/find anna").text
    with chat.crm.db.reading(now=NOW) as session:
        member = session.exec(text("SELECT digest_enabled FROM member")).one()  # type: ignore[call-overload]
    assert not member[0]


def test_a_question_clears_a_command_waiting_for_text(chat: Chat) -> None:
    with_anna(chat)
    reply = chat.say("/task call Anna Schulz tomorrow 10am")
    chat.press("Other date", reply)
    assert any("{text}" in row.command for row in chat.rows(PendingChoice))
    chat.say("/find anna")
    assert not any("{text}" in row.command for row in chat.rows(PendingChoice))


def test_an_answer_with_a_long_button_is_worked_out_once_and_its_button_works(chat: Chat) -> None:
    with_anna(chat)
    short = "status:new"
    long = "status:new,contacted company:acme,nordwind,südwind -tag:lost,cold"  # its export button is stored
    statements = {}
    for query in (short, long):
        reply, seen = chat.say_counted(f"/segment {query}")
        assert "Anna Schulz" in reply.text
        statements[query] = sum("lead_status IN" in s for s in seen)  # the segment's own statements
    assert statements[long] == statements[short] > 0  # not read again in a write transaction
    assert chat.count(PendingChoice) == 1
    exported = chat.press("Export").file
    assert exported is not None and b"Anna" in exported.content


def test_a_read_session_refuses_a_flush_a_statement_and_an_unflushed_change(chat: Chat) -> None:
    chat.say("/help")
    with pytest.raises(WriteInReader), chat.crm.db.reading(now=NOW) as session:
        session.add(Workspace(key="other", name="other"))
        session.flush()
    with pytest.raises(WriteInReader), chat.crm.db.reading(now=NOW) as session:
        session.add(Workspace(key="other", name="other"))
    with pytest.raises(DBAPIError), chat.crm.db.reading(now=NOW) as session:
        session.exec(text("UPDATE workspace SET name = 'x'"))  # type: ignore[call-overload]
    assert [w.name for w in chat.rows(Workspace)] != ["x"]


def test_postgres_plans_each_statement_for_its_own_parameters(chat: Chat) -> None:
    """No generic plans: a segment's plan depends on how much of the workspace its parameters match."""
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL's plan cache")
    with chat.crm.db.reading(now=NOW) as reader, chat.crm.db.transaction(now=NOW) as writer:
        for session in (reader, writer):
            assert session.execute(text("SHOW plan_cache_mode")).scalar_one() == "force_custom_plan"


def test_options_in_the_database_url_are_kept_beside_ours() -> None:
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL's connection options")
    separator = "&" if "?" in POSTGRES_URL else "?"
    db = Database(f"{POSTGRES_URL}{separator}options=-c%20statement_timeout%3D54321")
    try:
        with db.reading(now=NOW) as reader, db.transaction(now=NOW) as writer:
            for session in (reader, writer):
                assert session.execute(text("SHOW statement_timeout")).scalar_one() == "54321ms"
                assert session.execute(text("SHOW plan_cache_mode")).scalar_one() == "force_custom_plan"
    finally:
        db.dispose()
