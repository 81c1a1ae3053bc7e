"""/quality: incomplete and malformed records grouped with counts, a page at a time, with buttons to fix them."""

from sqlmodel import Session, select

from storage.models import Address, AuditEntry, Contact, PendingChoice
from tests.conftest import Chat
from tests.test_import_export import send_file


def legacy(chat: Chat, contact_id: int, **values: str) -> None:
    """Store a value the way older versions did, unchecked (today every door checks it)."""
    with Session(chat.crm.db.engine) as session:
        contact = session.get(Contact, contact_id)
        assert contact is not None
        for key, value in values.items():
            setattr(contact, key, value)
        session.add(contact)
        session.commit()


def some_problems(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme, anna@acme.de")  # #1
    chat.say("/add Bob Meyer")  # #2: no e-mail, no phone, no company
    chat.say("/add Carl Weber, Globex, +49 170 1234567")  # #3
    legacy(chat, 3, phone="0171-12")
    legacy(chat, 1, email="anna@@acme")


def test_quality_lists_problems_grouped_with_counts_and_writes_nothing(chat: Chat) -> None:
    some_problems(chat)
    audit, pending = chat.count(AuditEntry), chat.count(PendingChoice)
    reply = chat.say("/quality")
    assert reply.text.splitlines() == [
        "🩺 Data quality: 4 problem(s) in 3 contact(s) of 3.",
        "No e-mail and no phone: 1",
        "No company: 1",
        "Malformed phone: 1",
        "Malformed e-mail: 1",
    ]
    assert [b.command for row in reply.buttons for b in row] == [
        "/quality reach", "/quality company", "/quality phone", "/quality email"]
    assert (chat.count(AuditEntry), chat.count(PendingChoice)) == (audit, pending)
    assert not reply.changed


def test_quality_in_german(chat: Chat) -> None:
    some_problems(chat)
    chat.say("/sprache de")
    reply = chat.say("/qualität")
    assert reply.text.splitlines()[:3] == [
        "🩺 Datenqualität: 4 Problem(e) bei 3 von 3 Kontakt(en).",
        "Weder E-Mail noch Telefon: 1",
        "Keine Firma: 1",
    ]
    assert chat.say("/qualitaet telefon").text.startswith("🩺 Fehlerhafte Telefonnummer (1)")


def test_a_group_lists_its_records_with_a_card_and_a_fix_button(chat: Chat) -> None:
    some_problems(chat)
    reply = chat.say("/quality phone")
    assert reply.text.splitlines() == ["🩺 Malformed phone (1):", "1. 👤 Carl Weber (Globex) · 0171-12"]
    assert [[b.command for b in row] for row in reply.buttons] == [["/show #3", "/quality fix 3 phone"]]


def test_the_fix_button_waits_for_the_new_value_and_edit_checks_it(chat: Chat) -> None:
    some_problems(chat)
    chat.say("/quality phone")
    asked = chat.press("Fix 1")
    assert asked.text == "Write the new phone number for Carl Weber (now: 0171-12)."
    refused = chat.say("12")
    assert "phone number \"12\" was not saved" in refused.text
    chat.press("Fix 1", chat.say("/quality phone"))
    chat.say("+49 89 1234567")
    assert chat.rows(Contact)[2].phone == "+49891234567"
    assert "Malformed phone" not in chat.say("/quality").text


def test_the_missing_company_and_contact_fixes_go_to_edit(chat: Chat) -> None:
    some_problems(chat)
    chat.press("Fix 1", chat.say("/quality company"))
    chat.say("Initech")
    assert "(Initech)" in chat.say("/show bob").text
    chat.press("Fix 1", chat.say("/quality reach"))
    assert chat.last is not None and "e-mail" in chat.last.text
    chat.say("bob@initech.example")
    assert chat.rows(Contact)[1].email == "bob@initech.example"


def test_groups_are_paginated(chat: Chat) -> None:
    for number in range(12):
        chat.say(f"/add ! Person{number} Test, +49 170 12345{number:02d}")
    first = chat.say("/quality company")
    assert first.text.splitlines()[0] == "🩺 No company (12), page 1 of 2:"
    assert len(first.text.splitlines()) == 11
    assert chat.button("Next").command == "/quality company 2"
    second = chat.press("Next")
    assert second.text.splitlines()[0] == "🩺 No company (12), page 2 of 2:"
    assert second.text.splitlines()[1].startswith("11. 👤 Person10 Test")
    assert chat.button("Previous", second).command == "/quality company"
    assert "nothing" in chat.say("/quality company 9").text.casefold()


ADDRESSES = (
    "Name,E-mail,Street,Postcode,City,Country\n"
    "Lena Braun,lena@braun.de,Hauptstraße 1,80331,München,\n"
    "Tom Weber,tom@weber.de,Ring 3,1010,Wien,Österreich\n"
)


def test_addresses_without_country_and_malformed_postcodes_are_listed(chat: Chat) -> None:
    send_file(chat, "addresses.csv", ADDRESSES.encode())
    chat.press("Import 2")
    with Session(chat.crm.db.engine) as session:
        vienna = session.exec(select(Address).where(Address.city == "Wien")).one()
        vienna.postcode = "10"  # an older, unchecked value
        session.add(vienna)
        session.commit()
    lines = chat.say("/quality").text.splitlines()
    assert "Address without country: 1" in lines and "Malformed postcode: 1" in lines
    assert chat.say("/quality postcode").text.splitlines()[1] == "1. 👤 Tom Weber · 10 (Austria)"
    assert chat.say("/quality country").text.splitlines()[1] == "1. 👤 Lena Braun · Hauptstraße 1, 80331 München"


def test_likely_duplicates_are_a_group_with_merge_buttons(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme, anna@acme.de")
    chat.say("/add ! A. Schulz, Acme, anna@acme.de")
    assert "Likely duplicates: 1" in chat.say("/quality").text.splitlines()
    reply = chat.say("/quality duplicates")
    assert reply.text.splitlines() == ["🩺 Likely duplicates (1):",
                                       "1. 👤 Anna Schulz (Acme) ↔ A. Schulz (Acme) · same e-mail"]
    assert [b.command for b in reply.buttons[0]] == ["/merge #1, #2", "/distinct #1, #2", "/compare #1, #2"]


def test_a_clean_workspace_says_so(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme, anna@acme.de")
    assert chat.say("/quality").text == "✅ No problems found in 1 contact(s)."
    assert chat.say("/quality bogus").text.startswith("Not quite.")
