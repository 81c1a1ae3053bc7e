"""Hostile numbers and bytes: every command with huge ids, NUL bytes, odd digits and far dates gets a clear reply."""

import random

import pytest
from sqlmodel import SQLModel

from bot.slack.forms import Form, read_task
from handlers.registry import ROW_OF, ROWS
from handlers.texts import catalogue
from storage.models import AuditEntry, Member
from tests.conftest import NOW, Chat

ALIASES = {row.name: row.aliases for row in ROWS}
COMMAND_OF = {alias: row.name for alias, row in ROW_OF.items()}
SORRY = {catalogue.t("en", "sorry"), catalogue.t("de", "sorry")}
ID_COMMANDS = ("done", "snooze", "due", "assign", "pick", "attach", "import")
HUGE_IDS = ("99999999999999999999", "2147483648", "9223372036854775808", "#99999999999999999999",
            "#deal:99999999999999999999", "#company:2147483648", "#2147483648")
HOSTILE = HUGE_IDS + (
    "Nul\x00Byte", "anna: \x00", "\x07bell", "🎉" * 40, "\u202eevil\u202c", "\u200fשלום", "x" * 10_000, "y" * 3000,
    "-1", "#-5", "0", "²", "١٢", "%s %d {0} {name}", "' OR 1=1; --", "Robert'); DROP TABLE contact;--",
    "99999999 days", "in 99999999 days", "999999999999 hours", "31.12.9999", "anna: x, y", "1h",
)
FAR = ("99999999 days", "in 99999999 days", "999999999999 hours", "31.12.9999")


def hostile_messages(count: int = 300, seed: int = 20261125) -> list[str]:
    """Every command name with every hostile argument (id commands also after a valid id), a fixed sample."""
    messages = []
    for name, aliases in ALIASES.items():
        for alias in dict.fromkeys((aliases[0], aliases[-1])):  # a set's order would change with the hash seed
            for arg in HOSTILE:
                messages.append(f"/{alias} {arg}")
                if name in ID_COMMANDS:
                    messages.append(f"/{alias} 1 {arg}")
    return random.Random(seed).sample(messages, count)


def invalid(message: str) -> bool:
    """A message that must be refused whatever the command: a control character, a bad or huge id, a date too far."""
    if any(ch in message for ch in "\x00\x07"):
        return True
    word, _, args = message.partition(" ")
    name = COMMAND_OF.get(word.lstrip("/"))
    first = args.split()[0] if args.split() else ""
    if name in ID_COMMANDS and (first in HUGE_IDS or not (first.isascii() and first.isdigit())):
        return True
    return name in ("snooze", "due") and args.startswith("1 ") and args[2:] in FAR


def table_counts(chat: Chat) -> dict[str, int]:
    """Rows per table: a refused message leaves every count as it was."""
    return {table.name: chat.count(table) for table in SQLModel.metadata.sorted_tables}  # type: ignore[arg-type]


def seed(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme GmbH, anna@acme.de")
    chat.say("/task call anna tomorrow 9am")
    chat.say("/deal Acme rollout 12k EUR proposal")


def test_hostile_messages_get_a_clear_reply_and_invalid_ones_change_nothing(chat: Chat) -> None:
    seed(chat)
    for message in hostile_messages():
        before = table_counts(chat)
        audited = chat.count(AuditEntry)
        reply = chat.say(message)
        assert reply.text not in SORRY, message[:80]
        assert "Traceback" not in reply.text
        if invalid(message):
            assert table_counts(chat) == before, message[:80]
        elif not reply.changed:
            assert chat.count(AuditEntry) == audited, message[:80]


@pytest.mark.parametrize("message, expected", [
    ("/done 99999999999999999999", "no longer exists"),
    ("/done 2147483648", "no longer exists"),
    ("/done 2147483647", "no longer exists"),
    ("/done ²", "/done 12"),
    ("/show #deal:99999999999999999999", "no longer exists"),
    ("/show #2147483648", "no longer exists"),
    ("/history #company:9223372036854775808", "no longer exists"),
    ("/merge #1 #99999999999999999999", "no longer exists"),
    ("/assign 2147483648 rep1", "no longer exists"),
    ("/attach 2147483648 anna", "no longer exists"),
    ("/pick 99999999999999999999 1", "expired"),
    ("/import 99999999999999999999", "expired"),
    ("/snooze 1 99999999 days", "too far ahead"),
    ("/snooze 1 999999999999 hours", "too far ahead"),
    ("/due 1 in 5000 days", "too far ahead"),
    ("/due 1 31.12.2040", "too far ahead"),
    ("/due 1 in 99999999 days", "couldn't read"),
    ("/due 1 31.12.9999", "couldn't read"),
    ("/add Nul\x00Byte", "control character"),
    ("/note anna: \x00", "control character"),
    ("met Anna\x1b[31m tomorrow", "control character"),
])
def test_each_reported_message_is_explained_and_changes_nothing(chat: Chat, message: str, expected: str) -> None:
    seed(chat)
    before = table_counts(chat)
    reply = chat.say(message)
    assert expected in reply.text
    assert table_counts(chat) == before


def test_a_german_member_is_told_in_german(chat: Chat) -> None:
    chat.language = "de"
    seed(chat)
    assert "Steuerzeichen" in chat.say("/neu Nul\x00Byte").text
    assert "zu weit" in chat.say("/später 1 99999999 Tage").text
    assert "gibt es nicht mehr" in chat.say("/erledigt 99999999999999999999").text


def test_control_characters_in_the_senders_name_are_dropped(chat: Chat) -> None:
    chat.user = "rep\x00two"
    assert chat.say("/add Anna Schulz").changed
    assert [member.name for member in chat.rows(Member)] == ["reptwo"]


def test_the_slack_task_form_refuses_a_date_beyond_the_horizon() -> None:
    form = Form("de", ("DE",), "Europe/Berlin", NOW)
    values = {"title": {"t": {"value": "call Anna"}}, "date": {"d": {"selected_date": "2040-12-31"}},
              "time": {"h": {"selected_time": "10:00"}}}
    assert "zu weit" in read_task(values, form).errors["date"]
    values["date"] = {"d": {"selected_date": "2027-12-31"}}
    assert read_task(values, form).command == "/task 2027-12-31 10:00; call Anna"
