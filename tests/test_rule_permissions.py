"""Only owners and managers change the lead score rules and the lead assignment rules; a rep is told so."""

import pytest

from handlers.engine import Crm
from storage.models import AssignmentRule, AuditEntry, ScoreRule
from tests.conftest import Chat


@pytest.fixture
def team(crm: Crm) -> tuple[Chat, Chat, Chat]:
    """boss (owner), mia (made manager) and ben (rep)."""
    boss, mia, ben = (Chat(crm, user=name) for name in ("boss", "mia", "ben"))
    for chat in (boss, mia, ben):
        chat.say("/start")
    assert "manager" in boss.say("/role mia manager").text
    return boss, mia, ben


@pytest.mark.parametrize(("language", "command", "says"), [
    ("en", "/score rule email 50", "Only owners and managers change the lead score rules"),
    ("de", "/punkte regel email 50", "Nur Inhaber und Leitung ändern die Regeln für die Lead-Punkte"),
    ("en", "/rules round robin @ben @boss", "Only owners and managers change how new leads are assigned"),
    ("de", "/regeln tag vip @ben", "Nur Inhaber und Leitung ändern, wie neue Leads verteilt werden"),
    ("en", "/rules off", "Only owners and managers change how new leads are assigned"),
])
def test_a_rep_is_refused_and_nothing_changes(team: tuple[Chat, Chat, Chat], language: str, command: str,
                                              says: str) -> None:
    boss, _, ben = team
    boss.say("/rules round robin @boss")
    ben.say("/lang de" if language == "de" else "/lang en")
    audit = ben.count(AuditEntry)
    reply = ben.say(command)
    assert says in reply.text and not reply.changed and not reply.buttons
    assert ben.count(AuditEntry) == audit and ben.count(ScoreRule) == 0
    assert [(r.kind, r.value) for r in ben.rows(AssignmentRule)] == [("round_robin", "")]


def test_owners_and_managers_change_them(team: tuple[Chat, Chat, Chat]) -> None:
    boss, mia, _ = team
    assert "+50" in boss.say("/score rule email 50").text
    assert "+25" in mia.say("/score rule email 25").text
    assert [rule.points for rule in mia.rows(ScoreRule)] == [25]
    assert mia.say("/rules round robin @ben @mia").changed
    assert len(mia.rows(AssignmentRule)) == 2


def test_a_rep_still_reads_the_rules(team: tuple[Chat, Chat, Chat]) -> None:
    boss, _, ben = team
    boss.say("/rules tag vip @ben")
    assert "vip" in ben.say("/rules").text
    assert "email" in ben.say("/score").text
