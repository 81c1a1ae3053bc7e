"""What makes segments fast keeps true: each contact's stored newest interaction time, and migration 0016's backfill."""

from datetime import timedelta
from pathlib import Path

import pytest

from handlers.engine import Crm
from storage.models import Contact
from tests.backfill import AT, migrated_from
from tests.conftest import NOW, POSTGRES_URL, Chat


def last_of(chat: Chat) -> dict[str, object]:
    return {contact.name: contact.last_interaction_at for contact in chat.rows(Contact)}


def test_the_newest_interaction_time_follows_notes_calls_and_undo(crm: Crm) -> None:
    chat = Chat(crm, user="boss", now=NOW - timedelta(days=40))
    chat.say("/add Anna Schulz, anna@acme.de")
    chat.say("/add Bob Baker")
    assert last_of(chat) == {"Anna Schulz": None, "Bob Baker": None}
    chat.say("/note anna: wants pricing")
    first = chat.now
    chat.now = NOW
    chat.say("/call anna: asked for the contract")
    assert last_of(chat) == {"Anna Schulz": NOW, "Bob Baker": None}
    assert "Anna Schulz" in chat.say("/segment last:<7d").text
    chat.say("/undo")
    assert last_of(chat) == {"Anna Schulz": first, "Bob Baker": None}
    assert ": 2 contact(s)" in chat.say("/segment last:>30d").text
    chat.say("/note bob: met at the fair")
    assert last_of(chat)["Bob Baker"] == NOW
    assert ": 0 contact(s)" in chat.say("/segment last:never").text


@pytest.mark.skipif(bool(POSTGRES_URL), reason="the suite's PostgreSQL schema is shared; this upgrades a SQLite file")
def test_0017_backfills_the_newest_interaction_time(tmp_path: Path) -> None:
    at, earlier = AT, (NOW - timedelta(days=3)).isoformat()
    db = migrated_from(
        tmp_path, "0014",
        f"INSERT INTO interaction (id, workspace_id, contact_id, kind, text, created_at) VALUES "
        f"(1, 1, 1, 'note', 'one', '{earlier}'), (2, 1, 1, 'call', 'two', '{at}'), (3, 1, NULL, 'note', 'x', '{at}')",
    )
    chat = Chat(Crm(db, clock=lambda: NOW), user="rep1")
    assert last_of(chat) == {"Anna": NOW, "Bob": None}
    db.dispose()


@pytest.fixture
def team(crm: Crm) -> Chat:
    """Anna (vip, a deal in proposal), Bob (vip, hot), Cara (an open task)."""
    boss = Chat(crm, user="boss")
    for line in ("/add Anna Schulz, Acme GmbH", "/add Bob Baker", "/add Cara Cole", "/tag anna vip",
                 "/tag bob #vip #hot", "/deal Acme rollout 12k #1 proposal", "/task call cara tomorrow 9am"):
        boss.say(line)
    return boss


def names(text: str) -> list[str]:
    return sorted(line.split(" · ")[0].removeprefix("👤 ") for line in text.split("\n")[1:] if line.startswith("👤"))


@pytest.mark.parametrize(("query", "expected"), [
    ("-deal:open task:none", ["Bob Baker"]),
    ("-tag:vip task:none", []),
    ("-tag:hot -stage:proposal", ["Cara Cole"]),
    ("-tag:hot -stage:proposal -deal:open task:none", []),
    ("tag:vip -tag:hot deal:open", ["Anna Schulz"]),
])
def test_several_excluded_sets_read_as_one(team: Chat, query: str, expected: list[str]) -> None:
    reply = team.say(f"/segment {query}")
    assert f": {len(expected)} contact(s)" in reply.text.split("\n")[0]
    assert names(reply.text) == expected
