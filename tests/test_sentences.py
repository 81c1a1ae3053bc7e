"""Free-text sentences on the real engine: each kind of message, English and German."""

from datetime import datetime, timezone

import pytest

from handlers.language.names import NameIndex
from handlers.language.understanding import Reading, read
from storage.models import Company, Contact, Deal, Interaction, PipelineStage, Task
from tests.conftest import Chat

TEAM = ["Anna Schulz, Acme GmbH, anna@acme.de", "Tom Becker, Nordlicht Logistik AG", "Tom Kowalski, Globex",
        "Ben Hoffmann, Hoffmann IT Services", "Jörg Müller, Globex", "Maria Müller, Bäckerei Müller KG"]


@pytest.fixture
def team(chat: Chat) -> Chat:
    for line in TEAM:
        chat.say(f"/add {line}")
    return chat


def written(chat: Chat) -> tuple[int, ...]:
    return tuple(chat.count(model) for model in (Contact, Company, Interaction, Task, Deal))


def stage_of(chat: Chat, title: str) -> str:
    stages = {s.id: s.key for s in chat.rows(PipelineStage)}
    return next(stages[d.stage_id] for d in chat.rows(Deal) if d.title == title)


@pytest.mark.parametrize("question", ["whats due today", "what do i have tmrw", "who is anna", "anna?",
                                      "my deals", "deals closing this month", "how much did we win this month",
                                      "which deals are stuck", "who has overdue tasks", "was steht heute an",
                                      "was hab ich morgen", "wer ist anna", "meine Deals",
                                      "was haben wir diesen Monat gewonnen", "what's due this week"])
def test_a_question_never_writes(team: Chat, question: str) -> None:
    before = written(team)
    reply = team.say(question)
    assert written(team) == before
    assert "Task:" not in reply.text and "Note saved" not in reply.text


def test_whats_due_today_includes_what_is_overdue(team: Chat) -> None:
    team.later(hours=-2)  # typed at 09:30: 11:00 Berlin has passed by the question at 11:30
    team.say("/task prepare Acme workshop today 11:00")
    team.later(hours=2)
    team.say("/task renew Nordlicht insurance in 3 weeks")
    reply = team.say("whats due today")
    assert "prepare Acme workshop" in reply.text and "Nordlicht" not in reply.text
    assert "prepare Acme workshop" in team.say("/tasks today").text


def test_tomorrow_and_german_questions(team: Chat) -> None:
    team.say("/task call Anna tomorrow 9am")
    assert "call Anna" in team.say("what do i have tmrw").text
    team.language = "de"
    assert "call Anna" in team.say("was hab ich morgen").text
    assert "Anna Schulz" in team.say("wer ist anna").text


def test_who_is_shows_the_card(team: Chat) -> None:
    assert "anna@acme.de" in team.say("who is anna").text
    assert "anna@acme.de" in team.say("anna?").text


def test_won_this_month(team: Chat) -> None:
    team.say("/deal Nordlicht fleet tracking 30k won")
    assert "30,000" in team.say("how much did we win this month").text


def test_greetings_create_nothing(team: Chat) -> None:
    before = written(team)
    for text in ("hi", "thx", "danke"):
        assert "/help" in team.say(text).text or "/hilfe" in team.say(text).text
    assert written(team) == before


@pytest.mark.parametrize("text, stage", [("moved acme to negotiation", "negotiation"), ("acme won!!", "won"),
                                         ("globex in angebot verschieben", "proposal"),
                                         ("Acme Deal verloren, Konkurrent war billiger", "lost")])
def test_stage_sentences(team: Chat, text: str, stage: str) -> None:
    team.say("/deal Acme rollout 12k proposal")
    team.say("/deal Globex Rollout 45k lead")
    team.say(text)
    title = "Globex Rollout" if "globex" in text else "Acme rollout"
    assert stage_of(team, title) == stage and team.count(Deal) == 2


def test_lost_keeps_the_reason(team: Chat) -> None:
    team.say("/deal Acme rollout 12k proposal")
    team.say("acme deal lost, went with competitor")
    [note] = team.rows(Interaction)
    assert "competitor" in note.text and note.deal_id == 1


@pytest.mark.parametrize("text", ["deal globex 45k", "Deal Globex 45.000 € Verhandlung"])
def test_deal_sentences(team: Chat, text: str) -> None:
    team.say(text)
    [deal] = team.rows(Deal)
    assert deal.value_cents == 4_500_000 and deal.company_id == 3
    assert team.count(Contact) == 6 and team.count(Company) == 5


@pytest.mark.parametrize("text, field, value", [
    ("ben hoffmann new number 0171 5551234", "phone", "+491715551234"),
    ("anna's email is now anna.schulz@acme.de", "email", "anna.schulz@acme.de"),
    ("Annas neue E-Mail-Adresse ist anna.schulz@acme.de", "email", "anna.schulz@acme.de"),
])
def test_field_sentences(team: Chat, text: str, field: str, value: str) -> None:
    team.say(text)
    changed = [c for c in team.rows(Contact) if getattr(c, field) == value]
    assert len(changed) == 1 and team.count(Contact) == 6 and team.count(Interaction) == 0


def test_her_email_is_about_the_contact_just_added(team: Chat) -> None:
    team.say("/add Lena Braun, Solaris")
    team.say("her email is lena.braun@solaris.de")
    assert team.rows(Contact)[-1].email == "lena.braun@solaris.de" and team.count(Contact) == 7


def test_done_sentences(team: Chat) -> None:
    team.say("/task send quote to Anna friday")
    team.say("/task call Tom Becker tomorrow")
    team.say("sent anna the quote, done")
    quote, call = team.rows(Task)
    assert quote.done_at is not None and call.done_at is None
    team.say("done")  # the last task touched is the quote: nothing else closes
    assert team.rows(Task)[1].done_at is None


def test_erledigt_closes_the_task_just_made(team: Chat) -> None:
    team.language = "de"
    team.say("/aufgabe Anna anrufen morgen 9 Uhr")
    team.say("erledigt")
    [task] = team.rows(Task)
    assert task.done_at is not None and team.count(Interaction) == 0


@pytest.mark.parametrize("text, kind, who", [("called anna, wants pricing for 40 seats", "call", 1),
                                             ("log call with ben: no answer", "call", 4),
                                             ("emailed tom kowalski the price list", "email", 3),
                                             ("anruf bei jörg, nicht erreicht", "call", 5),
                                             ("Maria Müller getroffen, will Brot", "meeting", 6),
                                             ("visited anna at her office", "visit", 1)])
def test_logged_interactions_keep_their_kind(team: Chat, text: str, kind: str, who: int) -> None:
    team.say(text)
    [note] = team.rows(Interaction)
    assert (note.kind, note.contact_id) == (kind, who) and team.count(Contact) == 6


@pytest.mark.parametrize("first, then, due", [
    ("/task call Anna tomorrow 9am", "actually make it friday", datetime(2026, 11, 27, 8, 0, tzinfo=timezone.utc)),
    ("/task call Anna tomorrow 9am", "push it to 11am", datetime(2026, 11, 26, 10, 0, tzinfo=timezone.utc)),
    ("/task call Anna tomorrow 9am", "remind me again in 2h", datetime(2026, 11, 25, 12, 30, tzinfo=timezone.utc)),
    ("/aufgabe Anna anrufen morgen 9 Uhr", "doch lieber übermorgen", datetime(2026, 11, 27, 8, 0, tzinfo=timezone.utc)),
    ("/aufgabe Anna anrufen morgen 9 Uhr", "verschieb das auf Freitag 10 Uhr",
     datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)),
])
def test_follow_ups_move_the_last_task(team: Chat, first: str, then: str, due: datetime) -> None:
    team.say(first)
    team.say(then)
    [task] = team.rows(Task)
    assert task.due_at == due and team.count(Contact) == 6


def test_the_last_task_is_kept_in_the_database(team: Chat) -> None:
    team.say("/task call Anna tomorrow 9am")
    fresh = Chat(type(team.crm)(team.crm.db, clock=lambda: team.now))  # another process serves the next message
    fresh.say("actually make it friday")
    assert team.rows(Task)[0].due_at == datetime(2026, 11, 27, 8, 0, tzinfo=timezone.utc)


def test_undo_without_slash(team: Chat) -> None:
    team.say("/task call Anna tomorrow 9am")
    assert "Undone" in team.say("undo").text
    assert team.count(Task) == 0


def test_a_task_is_not_also_a_note(team: Chat) -> None:
    team.say("call anna tmrw 10am")
    [task] = team.rows(Task)
    assert task.contact_id == 1 and team.count(Interaction) == 0


def test_the_tom_at_globex(team: Chat) -> None:
    team.say("mtg w/ tom @ globex fri 2pm re pricing")
    [task] = team.rows(Task)
    assert task.contact_id == 3 and team.count(Contact) == 6


def test_picking_keeps_the_sentence_whole(team: Chat) -> None:
    reply = team.say("tom wants pricing")
    assert "Which one" in reply.text
    team.press("Tom Kowalski", reply)
    [note] = team.rows(Interaction)
    assert note.text == "tom wants pricing" and note.contact_id == 3


def test_an_unknown_full_name_is_never_a_namesake(chat: Chat) -> None:
    for line in ("Anna Schulz, Acme GmbH", "Tom Becker, Nordlicht Logistik AG", "Maria Müller, Bäckerei Müller KG"):
        chat.say(f"/add {line}")
    chat.say("call back jörg mueller tmrw")
    [task] = chat.rows(Task)
    assert chat.rows(Contact)[-1].name == "Jörg Mueller" and task.contact_id == 4


@pytest.mark.parametrize("text, name, company", [
    ("Lena Braun von Solaris anrufen morgen um 9", "Lena Braun", "Solaris"),
    ("Jörg Schmidt von Initech anrufen morgen 10 Uhr", "Jörg Schmidt", "Initech"),
    ("met tom kowalski from globex, mtg fri 2pm re pricing", "Tom Kowalski", "Globex"),
])
def test_capture_names_the_right_new_person(chat: Chat, text: str, name: str, company: str) -> None:
    chat.language = "de"
    chat.say("/neu Jörg Müller, Globex AG")
    chat.say("/neu Tom Becker, Nordlicht")
    chat.say(text)
    new = chat.rows(Contact)[-1]
    assert new.name == name and chat.count(Contact) == 3
    assert [c.name for c in chat.rows(Company) if c.id == new.company_id][0].casefold().startswith(company.casefold())


@pytest.mark.parametrize("text", ["Rückruf Frau Schulz morgen früh", "Notiz zu Jörg: will Rabatt"])
def test_german_lead_words_are_not_names(team: Chat, text: str) -> None:
    team.language = "de"
    team.say(text)
    assert team.count(Contact) == 6


def test_a_near_duplicate_asks_new_or_existing(team: Chat) -> None:
    reply = team.say("met Ben Hofmann from Hoffmann IT Services, wants 3 laptops")
    assert "new contact" in reply.text and team.count(Interaction) == 0
    team.press("New: Ben Hofmann", reply)
    assert team.rows(Contact)[-1].name == "Ben Hofmann"
    [note] = team.rows(Interaction)
    assert note.text == "met Ben Hofmann from Hoffmann IT Services, wants 3 laptops"


@pytest.mark.parametrize("text", ["add Bernd Meyer, Globex", "neu Bernd Meyer, Globex"])
def test_commands_without_the_slash(team: Chat, text: str) -> None:
    team.say(text)
    bernd = team.rows(Contact)[-1]
    assert bernd.name == "Bernd Meyer" and bernd.company_id == 3 and team.count(Interaction) == 0


def test_a_write_while_answering_a_question_is_rolled_back(team: Chat) -> None:
    from handlers.context import Context, WriteRefused
    from handlers.texts.reply import Incoming, Reply

    def sneaky(ctx: Context) -> Reply:
        ctx.read_only = True  # as while a question is answered
        ctx.add(Contact(workspace_id=ctx.workspace.id, name="Sneaky", name_key="sneaky"))  # type: ignore[arg-type]
        return Reply("written")

    with pytest.raises(WriteRefused):
        team.crm.run(Incoming(text="who is anna", workspace_key=team.workspace, user_id=team.user, now=team.now),
                     sneaky)
    assert team.count(Contact) == 6


def test_a_capture_with_a_past_time_asks_before_it_files_anything(team: Chat) -> None:
    team.now = datetime(2026, 11, 25, 17, 44, tzinfo=timezone.utc)  # 18:44 in Berlin
    before = written(team)
    reply = team.say("met Lena Braun from Solaris, call her today 6pm")
    assert "already past" in reply.text and written(team) == before
    team.press("Thu 26 Nov 18:00")
    lena = next(c for c in team.rows(Contact) if c.name == "Lena Braun")
    (task,) = [t for t in team.rows(Task) if t.contact_id == lena.id]
    assert task.due_at.replace(tzinfo=timezone.utc) == datetime(2026, 11, 26, 17, 0, tzinfo=timezone.utc)


def _read(text: str) -> Reading:
    """How the sentence is read with no records known, on Wednesday 25 November 2026 in Berlin."""
    return read(text, names=NameIndex(), now=datetime(2026, 11, 25, 10, 30, tzinfo=timezone.utc), tz="Europe/Berlin")


@pytest.mark.parametrize(("question", "command"), [
    ("how much did we win this month", "/report won this month"),
    ("was haben wir diesen Monat gewonnen", "/report won diesen monat"),
    ("wie viel haben wir letzten Monat verloren", "/report lost letzten monat"),
    ("win rate this quarter", "/report this quarter"),
    ("forecast q1", "/forecast q1"),
    ("prognose nächstes quartal pro mitarbeiter", "/forecast nächstes quartal by rep"),
    ("funnel", "/funnel"),
    ("which deals are stuck", "/stuck"),
    ("welche deals hängen", "/stuck"),
    ("who has overdue tasks", "/tasks overdue"),
    ("wer hat überfällige Aufgaben", "/tasks overdue"),
    ("my deals", "/deals mine"),
    ("deals closing this month", "/deals closing month"),
    ("welche deals schließen diesen monat", "/deals closing month"),
    ("pipeline?", "/pipeline"),
    ("who sold the most this year", "/report reps this year"),
    ("how many calls this week", "/report activity this week"),
])
def test_a_manager_question_routes_to_its_report(question: str, command: str) -> None:
    reading = _read(question)
    assert (reading.intent, reading.command) == ("question", command)


def test_open_tasks_lists_tasks_beyond_next_week(team: Chat) -> None:
    team.say("/task renew Nordlicht insurance in 3 weeks")
    assert "renew Nordlicht insurance" in team.say("open tasks").text
    assert "renew Nordlicht insurance" in team.say("/tasks").text


@pytest.mark.parametrize("text", ["met anna from initech, wants a trial", "Ben Hoffmann von Globex hat angerufen",
                                  "Rückruf Frau Schulz von Initech morgen"])
def test_a_known_person_at_another_company_asks(team: Chat, text: str) -> None:
    before = written(team)
    reply = team.say(text)
    assert written(team) == before and reply.buttons


def test_frau_narrows_namesakes_to_the_woman(team: Chat) -> None:
    team.say("frau müller angerufen, mailbox")
    [note] = team.rows(Interaction)
    maria = next(c for c in team.rows(Contact) if c.name == "Maria Müller")
    assert note.contact_id == maria.id and note.kind == "call"


def test_a_lowercase_new_name_after_a_lead_word(team: Chat) -> None:
    team.say("coffee w sarah connor frm cyberdyne, budget ok for Q1, send proposal by fri")
    sarah = next(c for c in team.rows(Contact) if c.name == "Sarah Connor")
    assert {co.name for co in team.rows(Company) if co.id == sarah.company_id} == {"Cyberdyne"}


def test_a_company_said_short_is_the_existing_one(team: Chat) -> None:
    team.say("met with Lukas Schneider from Nordlicht, he's the new CFO")
    assert team.count(Company) == 5


@pytest.mark.parametrize("text", ["called tom becker, he's on holiday till monday", "visited tom becker today, all good"])
def test_a_date_that_is_no_task_sets_none(team: Chat, text: str) -> None:
    team.say(text)
    assert team.count(Task) == 0 and team.count(Interaction) == 1


def test_the_task_clause_has_the_date(team: Chat) -> None:
    team.say("visited anna at acme today, wants a site survey, call her back monday")
    [task] = team.rows(Task)
    assert task.due_at is not None and task.due_at.weekday() in (0, 6)  # Monday 09:00 Berlin, stored in UTC


@pytest.mark.parametrize(("question", "command"), [
    ("who do we have in munich?", "/segment city:munich"),
    ("contacts in münchen", "/segment city:münchen"),
    ("customers from Austria", "/segment country:austria"),
    ("show everyone in germany", "/segment country:germany"),
    ("who is in bad tölz?", '/segment city:"bad tölz"'),
    ("wen haben wir in München?", "/segment city:münchen"),
    ("Kontakte in Hamburg", "/segment city:hamburg"),
    ("Kunden aus Österreich", "/segment country:österreich"),
    ("alle in Deutschland", "/segment country:deutschland"),
    ("who is in negotiation?", "/segment stage:negotiation"),
    ("wer ist in der Verhandlung?", "/segment stage:negotiation"),
])
def test_a_question_about_a_place_routes_to_its_segment(question: str, command: str) -> None:
    reading = _read(question)
    assert (reading.intent, reading.command) == ("question", command)


@pytest.mark.parametrize("text", ["contacts in december", "who is in won?", "contacts", "deals in negotiation",
                                  "call Anna in Munich tomorrow 10am", "add contact Max Weber in Berlin",
                                  "who is in the pipeline?", "anyone in sales?", "wer ist heute in der pipeline"])
def test_a_period_a_stage_or_a_task_is_no_place(text: str) -> None:
    reading = _read(text)
    assert not reading.command.startswith("/segment")


def test_who_is_in_a_city_answers_with_its_people_and_writes_nothing(team: Chat) -> None:
    team.say("/edit anna: city=München; country=Germany")
    team.say("/edit tom becker: city=Hamburg; country=DE")
    before = written(team)
    reply = team.say("who do we have in munich?")
    assert "1 contact(s)" in reply.text and "Anna Schulz" in reply.text and "Tom Becker" not in reply.text
    assert "Tom Becker" in team.say("contacts in germany").text
    team.language = "de"
    assert "Anna Schulz" in team.say("Kontakte in München").text
    assert written(team) == before
    assert "Acme" in team.say("who is at acme?").text  # a company, not a place
    team.say("/deal #1 rollout 12k negotiation")
    team.language = "en"
    staged = team.say("who is in negotiation?")
    assert "1 contact(s)" in staged.text and "Anna Schulz" in staged.text, staged.text


@pytest.mark.parametrize("text", ["people at acme", "contacts at acme", "who works at acme", "Kontakte bei Acme",
                                  "Leute bei Acme"])
def test_people_at_a_company_show_its_card_and_write_nothing(team: Chat, text: str) -> None:
    before = written(team)
    reply = team.say(text)
    assert reply.text.startswith("🏢 Acme GmbH") and "Anna Schulz" in reply.text
    assert written(team) == before
