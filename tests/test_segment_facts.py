"""Each contact's stored open deals and open tasks (migration 0018) stay right through every write and its undo,
and the segment filters deal: and task: read them."""

from pathlib import Path

import pytest

from handlers.engine import Crm
from storage.models import Contact, Task
from tests.backfill import AT, migrated_from
from tests.conftest import NOW, POSTGRES_URL, Chat


def facts(chat: Chat) -> dict[str, tuple[int, int]]:
    """Each contact's (open deals, open tasks) as stored."""
    return {contact.name: (contact.open_deals, contact.open_tasks) for contact in chat.rows(Contact)}


def members(chat: Chat, query: str) -> str:
    return chat.say(f"/segment {query}").text.split("\n")[0]


@pytest.fixture
def boss(crm: Crm) -> Chat:
    chat = Chat(crm, user="boss")
    chat.say("/add Anna Schulz, Acme GmbH")
    chat.say("/add Bob Baker")
    return chat


def test_deals_count_while_open_and_undo_brings_the_count_back(boss: Chat) -> None:
    assert facts(boss) == {"Anna Schulz": (0, 0), "Bob Baker": (0, 0)}
    boss.say("/deal Acme rollout 12k #1 proposal")
    boss.say("/deal Acme support 3k #1 lead")
    assert facts(boss)["Anna Schulz"] == (2, 0)
    assert ": 1 contact(s)" in members(boss, "deal:open")
    boss.say("/stage rollout won")
    assert facts(boss)["Anna Schulz"] == (1, 0)
    boss.say("/stage support lost: too expensive")
    assert facts(boss)["Anna Schulz"] == (0, 0)
    assert ": 2 contact(s)" in members(boss, "-deal:open")
    boss.say("/undo")
    assert facts(boss)["Anna Schulz"] == (1, 0)
    assert "Anna Schulz" in boss.say("/segment deal:open").text


def test_undoing_a_new_deal_or_task_takes_it_off_the_count(boss: Chat) -> None:
    boss.say("/deal Acme rollout 12k #1 proposal")
    boss.say("/undo")
    boss.say("/task call bob tomorrow 9am")
    assert facts(boss) == {"Anna Schulz": (0, 0), "Bob Baker": (0, 1)}
    boss.say("/undo")
    assert facts(boss) == {"Anna Schulz": (0, 0), "Bob Baker": (0, 0)}
    assert ": 2 contact(s)" in members(boss, "-deal:open task:none")


def test_tasks_count_until_done_and_undo_reopens_them(boss: Chat) -> None:
    boss.say("/task call bob tomorrow 9am")
    boss.say("/task send bob the offer friday")
    assert facts(boss)["Bob Baker"] == (0, 2)
    assert ": 1 contact(s)" in members(boss, "task:open")
    first = min(task.id for task in boss.rows(Task) if task.id is not None)
    boss.say(f"/done {first}")
    assert facts(boss)["Bob Baker"] == (0, 1)
    boss.say(f"/done {first + 1}")
    assert facts(boss)["Bob Baker"] == (0, 0)
    assert ": 2 contact(s)" in members(boss, "task:none")
    boss.say("/undo")
    assert facts(boss)["Bob Baker"] == (0, 1)
    assert "Bob Baker" in boss.say("/segment task:open").text


def test_a_merge_moves_the_counts_and_its_undo_moves_them_back(boss: Chat) -> None:
    boss.say("/deal Baker deal 5k #2 proposal")
    boss.say("/task call bob tomorrow 9am")
    boss.say("/task call anna tomorrow 10am")
    assert facts(boss) == {"Anna Schulz": (0, 1), "Bob Baker": (1, 1)}
    assert "🔗" in boss.say("/merge #1 #2").text
    assert facts(boss) == {"Anna Schulz": (1, 2)}
    assert ": 1 contact(s)" in members(boss, "deal:open task:open")
    boss.say("/undo")
    assert facts(boss) == {"Anna Schulz": (0, 1), "Bob Baker": (1, 1)}
    assert ": 1 contact(s)" in members(boss, "deal:open")


def test_deleting_a_contact_and_undoing_it_keeps_the_counts(boss: Chat) -> None:
    boss.say("/deal Baker deal 5k #2 proposal")
    boss.say("/task call bob tomorrow 9am")
    boss.say("/delete #2 yes")
    assert facts(boss) == {"Anna Schulz": (0, 0)}
    assert ": 0 contact(s)" in members(boss, "deal:open")
    boss.say("/undo")
    assert facts(boss) == {"Anna Schulz": (0, 0), "Bob Baker": (1, 1)}
    assert "Bob Baker" in boss.say("/segment deal:open task:open").text


@pytest.mark.skipif(bool(POSTGRES_URL), reason="the suite's PostgreSQL schema is shared; this upgrades a SQLite file")
def test_0018_backfills_open_deals_and_tasks(tmp_path: Path) -> None:
    at = AT
    db = migrated_from(
        tmp_path, "0017",
        "INSERT INTO pipelinestage (id, workspace_id, key, position, probability, is_closed) VALUES "
        "(1, 1, 'lead', 0, 10, 0), (2, 1, 'won', 1, 100, 1)",
        f"INSERT INTO deal (id, workspace_id, title, title_key, value_cents, currency, stage_id, contact_id, "
        f"probability, created_at, updated_at) VALUES (1, 1, 'a', 'a', 100, 'EUR', 1, 1, 10, '{at}', '{at}'),"
        f" (2, 1, 'b', 'b', 100, 'EUR', 1, 1, 10, '{at}', '{at}'), (3, 1, 'c', 'c', 100, 'EUR', 2, 2, 100, "
        f"'{at}', '{at}')",
        f"INSERT INTO task (id, workspace_id, title, contact_id, created_at, done_at) VALUES "
        f"(1, 1, 'x', 2, '{at}', NULL), (2, 1, 'y', 2, '{at}', '{at}'), (3, 1, 'z', NULL, '{at}', NULL)",
    )
    chat = Chat(Crm(db, clock=lambda: NOW), user="rep1")
    assert facts(chat) == {"Anna": (2, 0), "Bob": (0, 1)}
    db.dispose()


def test_a_note_writes_the_contacts_score_and_facts_in_one_statement(boss: Chat) -> None:
    boss.say("/task call bob tomorrow 9am")
    before = {contact.name: contact for contact in boss.rows(Contact)}["Bob Baker"]
    reply, seen = boss.say_counted("/note Bob Baker: called, wants a demo")
    assert "Note saved" in reply.text
    writes = [s for s in seen if s.startswith("UPDATE contact SET") and ("score" in s or "last_interaction_at" in s)]
    assert len(writes) == 1 and "score" in writes[0] and "last_interaction_at" in writes[0]
    after = {contact.name: contact for contact in boss.rows(Contact)}["Bob Baker"]
    assert after.score > before.score and after.last_interaction_at is not None
    assert (after.open_deals, after.open_tasks) == (0, 1)
    assert "Bob Baker" in boss.say("/segment last:<7d").text
