"""Every button fits Telegram's 64 bytes of callback data: a longer command waits server side, the button names it."""

import pytest

from handlers.texts.reply import Reply
from storage.models import Contact
from tests.conftest import Chat
from tests.test_hostile_input import hostile_messages, seed

EMOJI_NAME = "Zoë Ängström " + "🎉" * 40  # 53 characters, 173 bytes


def commands(reply: Reply) -> list[str]:
    return [button.command for row in reply.buttons for button in row if button.command]


def test_a_name_of_forty_emoji_gives_buttons_within_64_bytes_that_work(chat: Chat) -> None:
    reply = chat.say(f"/show {EMOJI_NAME}")
    assert "found nothing" in reply.text
    assert commands(reply) and all(len(command.encode()) <= 64 for command in commands(reply))
    created = chat.press("Add contact")
    assert created.changed and f"Added {EMOJI_NAME}" in created.text
    assert [contact.name for contact in chat.rows(Contact)] == [EMOJI_NAME]
    for label in ("Note", "Task", "Deal"):  # and the buttons under the new contact work too
        assert "expired" not in chat.press(label, created).text


def test_a_stored_command_runs_verbatim_whatever_braces_the_name_holds(chat: Chat) -> None:
    name = "Anna {text} {pick} " + "🎉" * 15
    chat.say(f"/find {name}")
    assert f"Added {name}" in chat.press("Add contact").text
    assert "didn't catch" in chat.say("hello there").text  # no command was left waiting for text


def test_a_stored_button_is_used_once(chat: Chat) -> None:
    reply = chat.say(f"/show {EMOJI_NAME}")
    chat.press("Add contact", reply)
    assert "expired" in chat.press("Add contact", reply).text
    assert chat.count(Contact) == 1


def test_no_fuzzed_reply_carries_a_button_longer_than_64_bytes(chat: Chat) -> None:
    seed(chat)
    for message in hostile_messages(count=150, seed=7):
        long = [c for c in commands(chat.say(message)) if len(c.encode()) > 64]
        assert not long, message[:80]


@pytest.mark.parametrize("language", ["en", "de"])
def test_a_german_or_english_member_gets_the_same_buttons(chat: Chat, language: str) -> None:
    chat.language = language
    reply = chat.say(f"/show {EMOJI_NAME}")
    assert all(len(command.encode()) <= 64 for command in commands(reply))
