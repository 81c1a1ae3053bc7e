"""A "which one?" keeps the command as a typed gap (its words around the ambiguous name) and the pick completes it."""

from datetime import UTC, datetime

from conftest import Chat

from handlers.language import commands as c
from handlers.language.waiting import HOLE, ChoiceGap, gap_around, kept, stored_command
from handlers.registry import parse
from storage.models import Contact, Interaction, PendingChoice, Task


def test_a_gap_is_the_words_around_the_ambiguous_name() -> None:
    assert gap_around("/task call anna tomorrow 9am", "anna") == ChoiceGap("/task call ", " tomorrow 9am")
    assert gap_around("/note ANNA: hi", "anna") == ChoiceGap("/note ", ": hi")  # found case-blind
    assert gap_around("/note bob: hi", "anna") is None
    assert ChoiceGap("/task call ", " tomorrow 9am").filled("#12") == "/task call #12 tomorrow 9am"


def test_a_stored_gap_reads_back_as_the_same_gap_whatever_braces_its_words_hold() -> None:
    for gap in (ChoiceGap("/note ", ": {text} {pick} {as:x=1}"), ChoiceGap("", ""), ChoiceGap("{as:anna=", "}hi")):
        stored = gap.to_text()
        assert HOLE not in stored  # never taken for a command waiting for text
        assert stored_command(stored) == gap
    assert stored_command(kept("/find Anna {text}")) == "/find Anna {text}"
    assert stored_command("/task call #12 2026-11-27") == "/task call #12 2026-11-27"
    assert stored_command("/note {pick}: hi") == ChoiceGap("/note ", ": hi")  # stored before the gap had its mark


def test_the_filled_gap_parses_to_the_command_with_the_chosen_record() -> None:
    filled = stored_command(ChoiceGap("/task call ", " friday 10am").to_text())
    assert isinstance(filled, ChoiceGap)
    command = parse(filled.filled("#7"))
    assert command == c.AddTask("call #7 friday 10am")
    assert isinstance(command, c.AddTask) and command.when is not None
    assert parse(c.Pick(3, "contact:7").to_text()) == c.Pick(3, "contact:7")


def _two_annas(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme GmbH")
    chat.say("/add Anna Meyer, Globex")


def test_which_one_on_a_task_completes_the_task_with_its_date(chat: Chat) -> None:
    _two_annas(chat)
    reply = chat.say("/task call anna friday 10am")
    assert 'Which one do you mean by "anna"' in reply.text
    [pending] = chat.rows(PendingChoice)
    assert isinstance(stored_command(pending.command), ChoiceGap)
    chat.press("Anna Meyer", reply)
    [task] = chat.rows(Task)
    meyer = next(contact for contact in chat.rows(Contact) if contact.name == "Anna Meyer")
    assert task.contact_id == meyer.id
    assert task.due_at is not None and task.due_at.replace(tzinfo=UTC) == datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    assert chat.count(PendingChoice) == 0


def test_which_one_on_a_german_task_completes_it(chat: Chat) -> None:
    _two_annas(chat)
    reply = chat.say("/aufgabe anna anrufen morgen um 9")
    chat.press("Anna Schulz", reply)
    [task] = chat.rows(Task)
    schulz = next(contact for contact in chat.rows(Contact) if contact.name == "Anna Schulz")
    assert task.contact_id == schulz.id
    assert task.due_at is not None and task.due_at.replace(tzinfo=UTC) == datetime(2026, 11, 26, 8, 0, tzinfo=UTC)


def test_a_pick_that_names_no_record_changes_nothing(chat: Chat) -> None:
    _two_annas(chat)
    reply = chat.say("/call anna: left a voicemail")
    button = chat.button("Anna Meyer", reply)
    assert button.command is not None
    pick = parse(button.command)
    assert isinstance(pick, c.Pick)
    chat.say(c.Pick(pick.pending_id, "nobody").to_text())
    assert chat.count(Interaction) == 0 and chat.count(PendingChoice) == 1
    assert chat.press("Anna Meyer", reply).text == "📞 Call saved on Anna Meyer."


def test_braces_in_an_ambiguous_command_never_make_it_wait_for_text(chat: Chat) -> None:
    _two_annas(chat)
    reply = chat.say("/note anna: {text} stays as typed")
    assert "Which one" in reply.text
    assert "didn't catch" in chat.say("hello there").text  # not taken as the note's words
    chat.press("Anna Schulz", reply)
    [note] = chat.rows(Interaction)
    assert note.text == "{text} stays as typed"


def test_which_one_on_free_text_keeps_the_sentence_whole(chat: Chat) -> None:
    _two_annas(chat)
    reply = chat.say("anna wants pricing")
    assert "Which one" in reply.text
    chat.press("Anna Meyer", reply)
    [note] = chat.rows(Interaction)
    meyer = next(contact for contact in chat.rows(Contact) if contact.name == "Anna Meyer")
    assert note.text == "anna wants pricing" and note.contact_id == meyer.id


def test_braces_in_a_past_date_question_never_make_it_wait_for_text(chat: Chat) -> None:
    chat.now = datetime(2026, 11, 25, 17, 44, tzinfo=UTC)  # 18:44 in Berlin
    reply = chat.say("/task send {text} notes today 6pm")
    assert "already past" in reply.text and chat.count(Task) == 0
    assert "didn't catch" in chat.say("hello there").text  # the question waits for a press, not for text
    chat.press("Thu 26 Nov 18:00", reply)
    [task] = chat.rows(Task)
    assert task.title == "send {text} notes"
    assert task.due_at is not None and task.due_at.replace(tzinfo=UTC) == datetime(2026, 11, 26, 17, 0, tzinfo=UTC)
