"""Bulk actions keep the facts that segments and scores read (open tasks, score) in step with the rows."""

from datetime import timedelta

from handlers.engine import Crm
from storage.models import Contact
from tests.conftest import NOW, Chat


def names(reply_text: str) -> list[str]:
    return sorted(line.split(" · ")[0].removeprefix("👤 ") for line in reply_text.split("\n")[1:]
                  if line.startswith("👤"))


def test_bulk_follow_up_tasks_count_as_open_tasks_until_undone(crm: Crm) -> None:
    boss = Chat(crm, user="boss", now=NOW - timedelta(days=3))
    boss.say("/add Anna Schulz, Acme GmbH, anna@acme.de")
    boss.say("/add Bob Baker, bob@globex.com")
    boss.say("/add Cara Cole, Globex")
    boss.say("/tag anna vip")
    boss.say("/tag bob vip")
    boss.now = NOW
    assert names(boss.say("/segment task:none").text) == ["Anna Schulz", "Bob Baker", "Cara Cole"]
    scores = {c.id: c.score for c in boss.rows(Contact)}

    assert "Done" in boss.say("/bulk ! tag:vip task follow up after the fair over 2 days").text
    assert names(boss.say("/segment task:none").text) == ["Cara Cole"]
    assert names(boss.say("/segment task:open").text) == ["Anna Schulz", "Bob Baker"]
    assert {c.name: c.open_tasks for c in boss.rows(Contact)} == {"Anna Schulz": 1, "Bob Baker": 1, "Cara Cole": 0}

    assert "Undone" in boss.say("/undo").text
    assert names(boss.say("/segment task:none").text) == ["Anna Schulz", "Bob Baker", "Cara Cole"]
    assert {c.id: c.score for c in boss.rows(Contact)} == scores
