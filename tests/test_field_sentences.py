"""Custom fields set in free text, EN and DE: the same /edit as the slash command; unclear asks, never writes."""

from sqlalchemy import event

from handlers.engine import Crm
from storage.models import CustomValue
from tests.conftest import NOW, Chat


def team(chat: Chat) -> Chat:
    chat.say("/start")
    chat.say("/field add Branche choice: Handel, Industrie")
    chat.say("/field add company Umsatz number")
    chat.say("/add Anna Schulz, Acme GmbH")
    chat.say("/add Ben Braun")
    return chat


def values(chat: Chat) -> set[tuple[str, str]]:
    return {(v.entity, v.value) for v in chat.rows(CustomValue)}


def test_sentences_set_contact_fields(chat: Chat) -> None:
    team(chat)
    for sentence in ("anna branche handel", "set anna's branche to Industrie", "Branche von Anna ist Handel",
                     "anna: Branche Industrie", "setze branche von anna auf handel", "anna's branche is industrie"):
        before = values(chat)
        reply = chat.say(sentence)
        assert "Anna Schulz" in reply.text, sentence
        assert values(chat) != before, sentence
    assert values(chat) == {("contact", "Industrie")}


def test_sentences_set_company_fields(chat: Chat) -> None:
    team(chat)
    chat.say("acme umsatz 2.000")
    assert values(chat) == {("company", "2000")}
    chat.say("set the umsatz of acme to 3000")
    assert values(chat) == {("company", "3000")}


def test_a_bad_value_or_unknown_record_writes_nothing(chat: Chat) -> None:
    team(chat)
    assert "Industrie" in chat.say("anna branche industri").text  # the closest choice, asked
    assert "number" in chat.say("acme umsatz viel").text
    chat.say("zora branche handel")
    chat.say("is anna's branche handel?")
    chat.say("met anna, talked about branche handel")  # a note, not a field
    chat.say("ist die branche von anna handel?")
    assert values(chat) == set()


def test_namesakes_are_asked_with_buttons(chat: Chat) -> None:
    team(chat)
    chat.say("/add Anna Berg")
    reply = chat.say("anna branche handel")
    assert reply.buttons and values(chat) == set()
    chat.press("Anna Berg")
    assert values(chat) == {("contact", "Handel")}


def customfield_reads(chat: Chat, text: str) -> int:
    """How many statements reading the customfield table one message runs."""
    seen: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if "FROM customfield" in statement:
            seen.append(statement)

    for engine in chat.crm.db.engines:
        event.listen(engine, "before_cursor_execute", count)
    try:
        chat.say(text)
    finally:
        for engine in chat.crm.db.engines:
            event.remove(engine, "before_cursor_execute", count)
    return len(seen)


def test_field_names_are_read_once_per_revision_and_another_engines_new_field_is_known_at_once(chat: Chat) -> None:
    team(chat)
    chat.say("anna branche handel")
    assert customfield_reads(chat, "met anna at the fair") == 0  # the names are kept with the name index
    other = Chat(Crm(chat.crm.db, clock=lambda: NOW), workspace=chat.workspace, user=chat.user)  # another process
    other.say("/field add Lieblingsfarbe text")
    chat.say("anna lieblingsfarbe blau")
    assert ("contact", "blau") in values(chat)
    other.say("/field remove Lieblingsfarbe")
    before = values(chat)
    assert "Updated" not in chat.say("ben lieblingsfarbe grün").text
    assert values(chat) == before - {("contact", "blau")}
    chat.say("/field add Hobby text")  # the same engine
    assert "Updated Anna Schulz" in chat.say("anna hobby segeln").text and ("contact", "segeln") in values(chat)
