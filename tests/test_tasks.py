"""Follow-up tasks with natural dates in the member's time zone."""

from datetime import datetime, timezone

from handlers.engine import Crm
from storage.models import Deal, Task, Workspace
from tests.conftest import Chat


def test_task_with_date_links_the_contact(chat: Chat) -> None:
    chat.say("/add Anna Schulz")
    reply = chat.say("/task call Anna tomorrow 9am")
    assert reply.text == "⏰ Task #1: call Anna · Thu 26 Nov 09:00 · 👤 Anna Schulz"
    [task] = chat.rows(Task)
    assert task.due_at == datetime(2026, 11, 26, 8, 0, tzinfo=timezone.utc)
    assert task.contact_id == 1


def test_german_task_in_new_york(chat: Chat) -> None:
    chat.timezone = "America/New_York"
    chat.language = "de"
    chat.say("/neu Anna Schulz, Acme")
    reply = chat.say("/aufgabe Angebot an Acme schicken nächsten Dienstag 14 Uhr")
    assert reply.text.startswith("⏰ Aufgabe #1: Angebot an Acme schicken · Di 01.12. 14:00")
    [task] = chat.rows(Task)
    assert task.due_at == datetime(2026, 12, 1, 19, 0, tzinfo=timezone.utc)


def test_task_without_a_date_asks_for_one(chat: Chat) -> None:
    reply = chat.say("/task call the printer guy")
    assert "no due date recognized" in reply.text
    [task] = chat.rows(Task)
    assert task.due_at is None
    moved = chat.press("Tomorrow", reply)
    assert "Thu 26 Nov 09:00" in moved.text


def test_lists_overdue_today_and_upcoming(chat: Chat) -> None:
    chat.later(hours=-4)  # written at 07:30 ...
    chat.say("/task report today 8am")  # ... 08:00 Berlin is before now (11:30): overdue
    chat.later(hours=4)
    chat.say("/task lunch call today 13:00")
    chat.say("/task review in 3 days")
    chat.say("/task someday maybe")
    listing = chat.say("/tasks").text
    assert listing.index("Overdue") < listing.index("report") < listing.index("Today")
    assert listing.index("lunch call") < listing.index("Next 7 days") < listing.index("review")
    assert listing.index("No date") < listing.index("someday maybe")
    assert "lunch call" not in chat.say("/tasks overdue").text


def test_done_snooze_and_reschedule(chat: Chat) -> None:
    chat.say("/task call Bob today 15:00")
    assert chat.say("/done 1").text == "✅ Done: #1 call Bob"
    assert "already done" in chat.say("/done 1").text
    chat.say("/task call Carl today 15:00")
    snoozed = chat.say("/snooze 2 2h")
    assert "Wed 25 Nov 13:30" in snoozed.text  # two hours from now, not from the due time
    assert "Fri 27 Nov 10:00" in chat.say("/due 2 friday 10am").text
    assert "couldn't read" in chat.say("/due 2 blurgsday").text
    assert chat.rows(Task)[1].due_at == datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)


def test_other_date_button_waits_for_the_next_message(chat: Chat) -> None:
    created = chat.say("/task call Dora tomorrow 9am")
    ask = chat.press("Other date", created)
    assert 'When should "call Dora" be due?' in ask.text
    moved = chat.say("next monday 14:00")
    assert "Mon 30 Nov 14:00" in moved.text


def test_task_for_a_missing_id_is_friendly(chat: Chat) -> None:
    assert "no longer exists" in chat.say("/done 99").text
    assert "/done 12" in chat.say("/done").text


def test_dst_change_keeps_local_wall_time(chat: Chat) -> None:
    chat.now = datetime(2027, 3, 27, 12, 0, tzinfo=timezone.utc)  # Saturday before the switch in Berlin
    chat.say("/task call Eva tomorrow 9am")
    [task] = chat.rows(Task)
    assert task.due_at == datetime(2027, 3, 28, 7, 0, tzinfo=timezone.utc)  # 09:00 CEST


def test_a_huge_unreadable_date_is_not_echoed_back(chat: Chat) -> None:
    chat.say("/task call Bob today 15:00")
    reply = chat.say("/due 1 " + "blah " * 800)
    assert "couldn't read" in reply.text and len(reply.text) < 300


def test_my_tasks_only(crm: Crm) -> None:
    anna = Chat(crm, workspace="slack:T1", user="anna")
    ben = Chat(crm, workspace="slack:T1", user="ben", language="de")
    anna.say("/task call Carla today 15:00")
    ben.say("/aufgabe Angebot schreiben heute 16 Uhr")
    assert "call Carla" in anna.say("/tasks").text and "Angebot" in anna.say("/tasks").text
    mine = anna.say("/tasks mine").text
    assert "call Carla" in mine and "Angebot" not in mine
    assert "Angebot" in ben.say("/aufgaben meine heute").text
    assert "call Carla" not in ben.say("/aufgaben meine").text


def test_tasks_of_one_member(crm: Crm) -> None:
    anna = Chat(crm, workspace="slack:T1", user="anna")
    ben = Chat(crm, workspace="slack:T1", user="ben", language="de")
    anna.say("/task call Carla today 15:00")
    ben.say("/aufgabe Angebot schreiben heute 16 Uhr")
    anna.later(hours=8)  # both overdue now
    ben.later(hours=8)
    assert "Angebot" in anna.say("/tasks overdue @ben").text and "call Carla" not in anna.say("/tasks @ben").text
    assert "call Carla" in ben.say("/aufgaben überfällig @anna").text
    assert "Angebot" not in ben.say("/aufgaben @anna").text
    assert "Ben" not in anna.say("/tasks @nobody-here").text.split(":")[0]  # not found, nothing listed
    assert "nobody-here" in anna.say("/tasks @nobody-here").text


def test_feed_channel_is_kept_in_the_database(crm: Crm) -> None:
    crm.set_feed_channel("slack:T9", "C123")
    restarted = type(crm)(crm.db, clock=crm.clock)
    assert restarted.feed_channel("slack:T9") == "C123"
    restarted.set_feed_channel("slack:T9", None)
    assert crm.feed_channel("slack:T9") is None


def test_a_past_time_asks_and_saves_nothing_until_picked(chat: Chat) -> None:
    chat.now = datetime(2026, 11, 25, 17, 44, tzinfo=timezone.utc)  # 18:44 in Berlin
    reply = chat.say("/task call Anna today 6pm")
    assert "already past" in reply.text and "Thu 26 Nov 18:00" in reply.text
    assert chat.count(Task) == 0
    chat.press("Thu 26 Nov 18:00")
    (task,) = chat.rows(Task)
    assert (task.title, task.due_at) == ("call Anna", datetime(2026, 11, 26, 17, 0, tzinfo=timezone.utc))


def test_this_morning_at_3_asks_too_in_german(chat: Chat) -> None:
    chat.language = "de"
    chat.say("/sprache de")
    reply = chat.say("Anna anrufen heute früh um 3")
    assert "schon vorbei" in reply.text and chat.count(Task) == 0
    chat.press("Do 26.11. 03:00")
    assert [t.title for t in chat.rows(Task)] == ["Anna anrufen"]


def test_a_weekday_that_contradicts_the_date_is_asked(chat: Chat) -> None:
    reply = chat.say("/task call Anna Thu 15th")  # 15 Dec 2026 is a Tuesday
    assert "two different days" in reply.text and chat.count(Task) == 0
    assert [b.label for row in reply.buttons for b in row] == ["Tue 15 Dec 09:00", "Thu 17 Dec 09:00"]
    chat.press("Thu 17 Dec")
    (task,) = chat.rows(Task)
    assert (task.title, task.due_at) == ("call Anna", datetime(2026, 12, 17, 8, 0, tzinfo=timezone.utc))


def test_rescheduling_to_a_past_time_asks(chat: Chat) -> None:
    chat.say("/task call Anna tomorrow 9am")
    (task,) = chat.rows(Task)
    reply = chat.say(f"/due {task.id} today 8am")
    assert "already past" in reply.text
    assert chat.rows(Task)[0].due_at == datetime(2026, 11, 26, 8, 0, tzinfo=timezone.utc)
    chat.press("Thu 26 Nov 08:00")
    assert chat.rows(Task)[0].due_at == datetime(2026, 11, 26, 7, 0, tzinfo=timezone.utc)


def test_an_invalid_time_is_not_dropped(chat: Chat) -> None:
    chat.say("/task call Anna tomorrow at 25:00")
    (task,) = chat.rows(Task)
    assert task.due_at is None and "25:00" in task.title


def test_holidays_follow_the_workspace_region(chat: Chat) -> None:
    chat.say("/task Inventur Fronleichnam")  # Corpus Christi: counted from Easter without a region
    assert chat.rows(Task)[0].due_at == datetime(2027, 5, 27, 7, 0, tzinfo=timezone.utc)
    assert "DE-BY" in chat.say("/region DE-BY").text
    assert "DE-BY" in chat.say("/region").text
    chat.say("/task Kunden anrufen nach Fronleichnam")  # Thursday 27 May 2027: the Friday after
    assert chat.rows(Task)[1].due_at == datetime(2027, 5, 28, 7, 0, tzinfo=timezone.utc)
    assert "was not saved" in chat.say("/region XX-YY").text
    assert [(w.default_region, w.subdivision) for w in chat.rows(Workspace)] == [("DE", "BY")]


def test_only_owners_and_managers_set_the_holiday_region(chat: Chat) -> None:
    chat.say("/help")  # the first member owns the workspace
    rep = Chat(chat.crm, user="rep2", language="de")
    assert rep.say("/region DE-BY").text == "Nur Inhaber und Leitung legen die Feiertagsregion fest. Nichts wurde geändert."
    assert "DE" in rep.say("/region").text
    assert [(w.default_region, w.subdivision) for w in chat.rows(Workspace)] == [("DE", None)]


def test_a_deal_close_date_can_be_a_holiday(chat: Chat) -> None:
    chat.say("/region DE-BY")
    chat.say("/deal Acme rollout 12k proposal close Fronleichnam")
    (deal,) = chat.rows(Deal)
    assert deal.close_date is not None and deal.close_date.date().isoformat() == "2027-05-27"


def _contact_reads(chat: Chat, text: str) -> tuple[str, int]:
    """The reply to `text`, and how many statements it ran that read contact rows."""
    reply, seen = chat.say_counted(text)
    return reply.text, sum(1 for statement in seen if "FROM contact" in statement)


def test_the_task_list_reads_its_contacts_together(chat: Chat) -> None:
    names = ["Anna Schulz", "Ben Braun", "Cleo Cramer", "Dora Dietz", "Emil Engel", "Fritz Fuchs"]
    for name in names[:2]:
        chat.say(f"/add {name}")
        chat.say(f"/task call {name.split()[0]} tomorrow 9am")
    text, few = _contact_reads(chat, "/tasks")
    for name in names[2:]:
        chat.say(f"/add {name}")
        chat.say(f"/task call {name.split()[0]} tomorrow 10am")
    more_text, many = _contact_reads(chat, "/tasks")
    assert all(f"· {name}" in more_text for name in names) and "· Ben Braun" in text
    assert many == few <= 1  # one read for the section's contacts, however many tasks it lists
