"""The name search's words on disk (name_token, name_word) follow every change of a name."""

from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session, col, select

from handlers.engine import Crm
from handlers.language.names import fold
from handlers.name_search import PER_WORD
from storage.db import Database
from storage.models import Company, Contact, Deal, NameToken, NameWord, Workspace
from tests.conftest import NOW, POSTGRES_URL, Chat
from tests.test_import_export import send_file
from tests.test_migrations import _upgrade


def stored(chat: Chat) -> tuple[Counter[tuple[str, int, str, str]], dict[str, int]]:
    with Session(chat.crm.db.engine) as session:
        tokens = Counter((t.kind, t.record_id, t.token, t.key) for t in session.exec(select(NameToken)))
        words = {w.token: w.holders for w in session.exec(select(NameWord))}
    return tokens, words


def expected(chat: Chat) -> tuple[Counter[tuple[str, int, str, str]], dict[str, int]]:
    tokens: Counter[tuple[str, int, str, str]] = Counter()
    for kind, model, attr in (("contact", Contact, "name"), ("company", Company, "name"), ("deal", Deal, "title")):
        for row in chat.rows(model):
            key = fold(getattr(row, attr))
            tokens.update((kind, row.id, token, key) for token in set(key.split()))
    return tokens, dict(Counter(token for _kind, _id, token, _key in tokens.elements()))


def test_words_follow_adds_edits_deletes_undo_and_deals(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme GmbH")
    chat.say("/add Jörg Mueller")
    chat.say("/deal Acme rollout 12000")
    chat.say("/edit anna: name=Anna Maria Schulz")
    assert stored(chat) == expected(chat)
    ask = chat.say("/delete jörg")
    chat.press("Delete", ask)
    assert stored(chat) == expected(chat) and "jorg" not in stored(chat)[1]
    chat.say("/undo")
    assert stored(chat) == expected(chat) and stored(chat)[1]["muller"] == 1
    assert "Jörg Mueller" in chat.say("/find joerg muler").text


def test_another_engine_finds_names_written_by_the_first(chat: Chat) -> None:
    other = Chat(Crm(chat.crm.db, clock=lambda: NOW))
    assert "Nothing found" in other.say("/find schluz").text  # its vocabulary is loaded now, before the add
    chat.say("/add Anna Schulz")
    assert "Anna Schulz" in other.say("/find schluz").text


def namesakes_csv() -> bytes:
    """More holders of "anna" and of "schulz" than a word's share, with shorter names, then Anna Schulz."""
    tails = [f"{chr(97 + i % 26)}{chr(97 + i // 26)}" for i in range(PER_WORD + 5)]
    people = [f"Anna B{tail}" for tail in tails] + [f"B{tail} Schulz" for tail in tails] + ["Anna Schulz"]
    return "\n".join(["Name,Email", *(f"{name},{i}@example.de" for i, name in enumerate(people))]).encode()


def test_a_full_name_among_many_namesakes_of_each_word(chat: Chat) -> None:
    send_file(chat, "people.csv", namesakes_csv())
    chat.press("Import")
    assert stored(chat) == expected(chat) and stored(chat)[1]["anna"] == PER_WORD + 6
    assert "Anna Schulz" in chat.say("/find anna schluz").text
    chat.say("/undo")
    assert stored(chat) == expected(chat) == (Counter(), {})


@pytest.mark.skipif(bool(POSTGRES_URL), reason="the suite's PostgreSQL schema is shared and already at head")
def test_the_migration_fills_the_words_of_existing_names(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    _upgrade(db.engine, "0017")
    chat = Chat(Crm(db, clock=lambda: NOW))
    with db.engine.begin() as connection:
        connection.execute(text("INSERT INTO workspace (key, name, default_region, revision, created_at) "
                                "VALUES ('console:test', 'Test', 'DE', 0, :now)"), {"now": NOW})
        connection.execute(text("INSERT INTO contact (workspace_id, name, name_key, source, created_at, updated_at) "
                                "VALUES (1, 'Anna Schulz', 'anna schulz', 'chat', :now, :now)"),
                           {"now": NOW})
    db.migrate()
    assert stored(chat) == expected(chat)
    with Session(db.engine) as session:
        assert [w.token for w in session.exec(select(NameWord).order_by(col(NameWord.token)))] == ["anna", "schulz"]
    db.dispose()


def test_changes_that_keep_the_name_leave_the_index_alone(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme GmbH")
    chat.say("/deal Acme rollout 12000")
    [workspace] = chat.rows(Workspace)
    before = stored(chat)
    other = Chat(Crm(chat.crm.db, clock=lambda: NOW))
    assert "Anna Schulz" in other.say("/find anna").text  # its vocabulary is loaded now
    chat.say("/note anna: called, wants pricing for 40 seats")
    chat.say("/edit anna: email=anna@acme.de")
    chat.say("/task call Anna tomorrow 9am")
    assert chat.rows(Workspace)[0].revision == workspace.revision and stored(chat) == before
    chat.say("/edit anna: name=Anna Maria Schulz")
    assert chat.rows(Workspace)[0].revision > workspace.revision and stored(chat) == expected(chat)
    assert "Anna Maria Schulz" in other.say("/find anna maria").text
