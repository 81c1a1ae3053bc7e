"""Contacts and companies through the engine, on a real database."""

import hashlib

import pytest
from sqlmodel import Session, col, select

from storage.models import AuditEntry, Company, Contact, Interaction
from tests.conftest import Chat


def test_add_contact_with_company_email_and_phone(chat: Chat) -> None:
    reply = chat.say("/add Anna Schulz, Acme GmbH, anna@acme.de, +49 170 1234567")
    assert "Anna Schulz (Acme GmbH)" in reply.text
    [anna] = chat.rows(Contact)
    assert (anna.email, anna.phone, anna.source) == ("anna@acme.de", "+491701234567", "manual")
    urls = [b.url for row in reply.buttons for b in row if b.url]
    assert urls == ["tel:+491701234567", "mailto:anna@acme.de"]


def test_invalid_email_is_not_stored_but_the_rest_is(chat: Chat) -> None:
    reply = chat.say("/add Bob Stone, bob@@example, +49 170 1234567")
    assert "e-mail" in reply.text and "was not saved" in reply.text
    [bob] = chat.rows(Contact)
    assert bob.email is None and bob.phone == "+491701234567"


def test_german_command_names_and_replies(chat: Chat) -> None:
    chat.language = "de"
    reply = chat.say("/neu Jörg Müller, Bäckerei Müller KG")
    assert reply.text == "👤 Jörg Müller (Bäckerei Müller KG) angelegt."


def test_duplicate_by_email_warns_and_writes_nothing(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme GmbH, anna@acme.de")
    reply = chat.say("/add A. Schulz, anna@acme.de")
    assert "looks like a contact you already have" in reply.text
    assert len(chat.rows(Contact)) == 1
    chat.press("Create anyway", reply)
    assert len(chat.rows(Contact)) == 2


def test_duplicate_close_name_same_company_offers_merge(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme GmbH")
    reply = chat.say("/add Anna Schultz, Acme GmbH, +49 170 7654321")
    assert "Anna Schulz (Acme GmbH)" in reply.text
    chat.press("Merge", reply)
    [anna] = chat.rows(Contact)
    assert anna.phone == "+491707654321" and anna.name == "Anna Schulz"


def test_same_name_at_another_company_is_not_a_duplicate(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme GmbH")
    reply = chat.say("/add Anna Schultz, Globex")
    assert reply.text.startswith("👤 Added")
    assert len(chat.rows(Contact)) == 2


def test_note_on_contact_by_first_name(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme GmbH")
    reply = chat.say("/note anna: called, wants pricing")
    assert reply.text == "📝 Note saved on Anna Schulz."
    card = chat.say("/show schulz")
    assert "called, wants pricing" in card.text


def test_two_annas_ask_which_and_the_pick_finishes_the_command(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme GmbH")
    chat.say("/add Anna Meyer, Globex")
    reply = chat.say("/call anna: left a voicemail")
    assert 'Which one do you mean by "anna"' in reply.text
    labels = [b.label for row in reply.buttons for b in row]
    assert labels == ["Anna Schulz (Acme GmbH)", "Anna Meyer (Globex)"]
    done = chat.press("Anna Meyer", reply)
    assert done.text == "📞 Call saved on Anna Meyer."
    again = chat.press("Anna Meyer", reply)  # the same button pressed twice
    assert "expired or was already used" in again.text
    with Session(chat.crm.db.engine) as session:
        assert len(list(session.exec(select(Interaction)))) == 1


def test_unknown_name_keeps_the_note_and_asks_which_contact(chat: Chat) -> None:
    chat.say("/add Zoltan Kovacs")
    reply = chat.say("/note xaver: hello")
    assert 'nothing matching "xaver"' in reply.text and "Which contact" in reply.text
    assert chat.say("zoltan").text == "📝 Note saved on Zoltan Kovacs."


def test_unknown_name_offers_to_create(chat: Chat) -> None:
    reply = chat.say("/show zoltan")
    assert 'nothing matching "zoltan"' in reply.text
    assert chat.button("Add contact").command == "/add zoltan"


def test_edit_contact_fields(chat: Chat) -> None:
    chat.say("/add Anna Schulz")
    reply = chat.say("/edit anna: email=ANNA@Acme.de, company=Acme GmbH, phone=030 1234567")
    assert reply.text == "👤 Updated Anna Schulz (Acme GmbH)."
    [anna] = chat.rows(Contact)
    assert (anna.email, anna.phone) == ("anna@acme.de", "+49301234567")


def test_edit_with_invalid_phone_changes_nothing(chat: Chat) -> None:
    chat.say("/add Anna Schulz, anna@acme.de")
    reply = chat.say("/edit anna: email=new@acme.de, phone=12")
    assert "phone number" in reply.text
    [anna] = chat.rows(Contact)
    assert anna.email == "anna@acme.de"


def test_card_shows_history_in_time_order(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme GmbH")
    chat.say("/note anna: first")
    chat.later(hours=1)
    chat.say("/task call Anna tomorrow 9am")
    chat.later(hours=1)
    chat.say("/meeting anna: second")
    card = chat.say("/show anna").text
    assert card.index("first") < card.index("call Anna") < card.index("second")


def test_delete_asks_then_deletes_with_notes_and_undo_restores(chat: Chat) -> None:
    chat.say("/add Anna Schulz")
    chat.say("/note anna: hello")
    ask = chat.say("/delete anna")
    assert chat.rows(Contact)
    chat.press("Delete", ask)
    assert chat.rows(Contact) == []
    stale = chat.press("Keep", ask)
    assert "no longer exists" in stale.text
    chat.say("/undo")
    assert [c.name for c in chat.rows(Contact)] == ["Anna Schulz"]
    assert "hello" in chat.say("/show anna").text


def test_company_card_lists_people(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme GmbH")
    chat.say("/add Jonas Weber, Acme GmbH")
    assert chat.say("/company acme gmbh").text == "🏢 Acme GmbH already exists."
    card = chat.say("/show acme gmbh").text
    assert "Anna Schulz" in card and "Jonas Weber" in card
    with Session(chat.crm.db.engine) as session:
        assert len(list(session.exec(select(Company)))) == 1


def test_every_change_is_audited(chat: Chat) -> None:
    chat.say("/add Anna Schulz")
    chat.say("/edit anna: name=Anna Maria Schulz")
    with Session(chat.crm.db.engine) as session:
        entries = list(session.exec(select(AuditEntry).where(AuditEntry.entity == "contact").order_by(col(AuditEntry.id))))
    assert [e.action for e in entries] == ["create", "update"]
    assert '"Anna Schulz"' in (entries[1].before or "") and '"Anna Maria Schulz"' in (entries[1].after or "")


def test_audit_time_is_the_command_time(chat: Chat) -> None:
    chat.say("/add Anna Schulz")
    with Session(chat.crm.db.engine) as session:
        [entry] = session.exec(select(AuditEntry)).all()
    assert entry.created_at == chat.now


@pytest.mark.parametrize("email, german", [
    ("@acme.de", "vor dem @-Zeichen muss etwas stehen"),
    ("anna@", "nach dem @-Zeichen"),
    ("anna@acme", "keine gültige Domain"),
    ("anna..schulz@acme.de", "Punkte"),
    ("anna schulz@acme.de", "Zeichen"),
    ("anna@" + "a" * 70 + ".de", "zu lang"),
])
def test_a_german_member_is_told_why_an_email_is_refused_in_german(chat: Chat, email: str, german: str) -> None:
    chat.language = "de"
    chat.say("/neu Anna Schulz")
    reply = chat.say(f"/ändern anna: email={email}")
    assert german in reply.text and "E-Mail" in reply.text
    assert not any(word in reply.text for word in ("There ", "must", "after the", "email address", "period"))
    assert chat.rows(Contact)[0].email is None


def test_a_german_member_is_told_why_a_phone_or_name_is_refused_in_german(chat: Chat) -> None:
    chat.language = "de"
    assert "keine Buchstaben" in chat.say("/neu 🎉🎉").text
    assert "länger als 200 Zeichen" in chat.say("/neu " + "A" * 300).text
    chat.say("/neu Anna Schulz")
    assert "keine gültige Nummer" in chat.say("/ändern anna: telefon=+49 12").text
    assert "Ländervorwahl" in chat.say("/ändern anna: telefon=+999 1234567").text


def test_an_english_member_keeps_clear_english_reasons(chat: Chat) -> None:
    chat.say("/add Anna Schulz")
    assert "there must be something before the @-sign" in chat.say("/edit anna: email=@acme.de").text


def test_a_long_contact_list_says_how_many_more_and_pages_on(chat: Chat) -> None:
    names = [" ".join("".join(chr(97 + int(h, 16)) for h in hashlib.sha256(f"{n}{part}".encode()).hexdigest()[:7])
                      .capitalize() for part in "ab") for n in range(35)]  # far apart: no duplicate question
    for name in names:
        assert chat.say(f"/add {name}").changed
    first = chat.say("/contacts")
    assert first.text.startswith("Contacts (1-30 of 35") and "… and 5 more." in first.text
    second = chat.press("▶️ Next page", first)
    assert second.text.startswith("Contacts (31-35 of 35") and second.text.count("• ") == 5
    assert names[0] in second.text and names[-1] in first.text and not second.buttons
    assert chat.say("/kontakte seite 2").text.startswith("Contacts (31-35 of 35")  # German words, English member
    assert chat.say("/contacts page x").text == "Not quite. /contacts [page 2] - list contacts"
