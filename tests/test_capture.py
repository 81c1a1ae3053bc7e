"""Free text becomes contact + note + task, with buttons to correct the guesses."""

from datetime import datetime, timezone

from storage.models import Company, Contact, Interaction, Task
from tests.conftest import Chat


def test_met_someone_new(chat: Chat) -> None:
    reply = chat.say("met Anna Schulz from Acme, wants a demo next tuesday 10am")
    assert reply.text.splitlines() == ["👤 New contact: Anna Schulz (Acme)", "🤝 Meeting saved",
                                       "⏰ Task: wants a demo · Tue 1 Dec 10:00"]
    [anna] = chat.rows(Contact)
    [note] = chat.rows(Interaction)
    [task] = chat.rows(Task)
    assert anna.source == "chat" and [c.name for c in chat.rows(Company)] == ["Acme"]
    assert note.text == "met Anna Schulz from Acme, wants a demo next tuesday 10am"
    assert task.contact_id == anna.id and task.due_at == datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)


def test_undo_all_removes_every_guess(chat: Chat) -> None:
    reply = chat.say("met Anna Schulz from Acme, wants a demo next tuesday 10am")
    assert chat.press("Undo all", reply).text.startswith("↩️ Undone")
    assert chat.rows(Contact) == chat.rows(Interaction) == chat.rows(Task) == chat.rows(Company) == []
    assert "nothing of yours to undo" in chat.say("/undo").text


def test_german_sentence_for_an_existing_contact(chat: Chat) -> None:
    chat.language = "de"
    chat.say("/neu Anna Schulz, Acme GmbH")
    reply = chat.say("Anna Schulz anrufen morgen um 9")
    assert reply.text == "⏰ Aufgabe #1: Anna Schulz anrufen · Do 26.11. 09:00 · 👤 Anna Schulz"  # no note echo
    [task] = chat.rows(Task)
    assert task.title == "Anna Schulz anrufen"
    assert task.due_at == datetime(2026, 11, 26, 8, 0, tzinfo=timezone.utc)
    assert len(chat.rows(Contact)) == 1


def test_first_name_alone_finds_the_contact(chat: Chat) -> None:
    chat.say("/add Jonas Weber, Acme GmbH")
    chat.say("lunch with jonas, he mentioned a second site")
    [note] = chat.rows(Interaction)
    assert note.contact_id == 1 and chat.rows(Task) == []


def test_change_date_button(chat: Chat) -> None:
    reply = chat.say("met Anna Schulz from Acme, wants a demo next tuesday 10am")
    chat.press("Other date", reply)
    chat.say("thursday 15:00")
    [task] = chat.rows(Task)
    assert task.due_at == datetime(2026, 11, 26, 14, 0, tzinfo=timezone.utc)


def test_text_without_contact_or_date_is_not_guessed(chat: Chat) -> None:
    reply = chat.say("hello there")
    assert "didn't catch a contact or a date" in reply.text
    assert chat.rows(Contact) == chat.rows(Interaction) == []
