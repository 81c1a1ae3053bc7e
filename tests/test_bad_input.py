"""Bad input gets a short friendly answer and changes nothing."""

import pytest

from storage.models import AuditEntry, Company, Contact, Interaction
from tests.conftest import Chat


@pytest.mark.parametrize("text, expected", [
    ("", "empty message"),
    ("   ", "empty message"),
    ("x" * 20_000, "too long"),
    ("/add", "/add Name"),
    ("/note", "/note anna"),
    ("/note anna", "/note anna"),
    ("/frobnicate now", "don't know the command /frobnicate"),
    ("/done abc", "/done 12"),
    ("/stage acme", "/stage acme won"),
    ("/tasks yesterday", "/tasks [today"),
    ("/tz Mars/Olympus", "time zone"),
    ("/lang fr", "language"),
    ("/pick 99 1", "expired"),
    ("/add 🎉🎉", "no letters"),
    ("/add " + "A" * 300, "longer than 200"),
    ("🚀🚀🚀", "didn't catch"),
])
def test_friendly_reply_and_nothing_written(chat: Chat, text: str, expected: str) -> None:
    reply = chat.say(text)
    assert expected in reply.text
    assert "Traceback" not in reply.text
    assert chat.count(Contact) == chat.count(AuditEntry) == 0


def test_sql_looking_text_is_just_text(chat: Chat) -> None:
    chat.say("/add Robert'); DROP TABLE contact;--, Acme")
    chat.say("/note robert: ' OR 1=1 -- \"quoted\"")
    assert chat.count(Contact) == 1 and chat.count(Interaction) == 1
    assert "OR 1=1" in chat.say("/find OR 1=1").text


def test_emoji_and_quotes_in_names(chat: Chat) -> None:
    chat.say('/add Zoë "Z" O\'Brien 🚀, Café Größe')
    assert "Zoë" in chat.say("/show zoe obrien").text


def test_a_note_that_is_too_long_changes_nothing(chat: Chat) -> None:
    chat.say("/add Anna Schulz")
    reply = chat.say("/note anna: " + "blah " * 1000)
    assert "longer than 4000" in reply.text
    assert chat.count(Interaction) == 0


def test_failure_half_way_leaves_nothing(chat: Chat) -> None:
    """The edit creates the company first; the invalid phone after it must roll the company back too."""
    chat.say("/add Anna Schulz")
    reply = chat.say("/edit anna: company=NewCo, phone=12")
    assert "phone number" in reply.text
    assert chat.count(Company) == 0
    assert chat.count(AuditEntry) == 1  # only the creation of Anna


def test_redelivered_update_creates_nothing_twice(chat: Chat) -> None:
    first = chat.say("/add Anna Schulz", update_key="test:1")
    second = chat.say("/add Anna Schulz", update_key="test:1")
    assert first.changed and second.duplicate and second.text == ""
    assert chat.count(Contact) == 1
