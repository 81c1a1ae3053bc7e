"""Duplicates that share a phone, an e-mail (case folded) or an address, further ones included, found in SQL."""

from sqlmodel import Session

from storage.models import ContactEmail
from tests.conftest import Chat
from tests.test_import_export import send_file


def test_a_further_phone_shared_with_another_contact_is_a_duplicate(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme, +49 89 1234567")  # Bernd's further phone: the mobile comes first
    send_file(chat, "b.csv", b"Name,E-mail,Phone,Mobile Phone\nBernd Roth,bernd@roth.de,089 1234567,0170 1234567\n")
    chat.press("Import 1")
    reply = chat.say("/duplicates")
    assert reply.text.splitlines()[1] == "1. 👤 Anna Schulz (Acme) ↔ Bernd Roth · same phone"


def test_a_further_email_in_other_case_is_a_duplicate(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme, anna@acme.de")
    chat.say("/add Bea Roth, Initech, bea@initech.example")
    with Session(chat.crm.db.engine) as session:  # stored unchecked by an older version
        session.add(ContactEmail(workspace_id=1, contact_id=2, email="Anna@ACME.de", label="work"))
        session.commit()
    assert chat.say("/duplicates").text.splitlines()[1] == "1. 👤 Anna Schulz (Acme) ↔ Bea Roth (Initech) · same e-mail"


ADDRESS = "Name,E-mail,Street,Postcode,City,Country\n{0},{1},{2},80331,{3},DE\n"


def test_the_same_address_written_differently_is_a_duplicate(chat: Chat) -> None:
    send_file(chat, "a.csv", ADDRESS.format("Lena Braun", "lena@braun.de", "Hauptstraße 1", "München").encode())
    chat.press("Import 1")
    send_file(chat, "b.csv", ADDRESS.format("Tom Weber", "tom@weber.de", "Hauptstr. 1", "münchen").encode())
    chat.press("Import 1")
    send_file(chat, "c.csv", ADDRESS.format("Eva Klein", "eva@klein.de", "Hauptstr. 2", "München").encode())
    chat.press("Import 1")
    assert chat.say("/duplicates").text.splitlines()[1:] == ["1. 👤 Lena Braun ↔ Tom Weber · same address"]
    chat.say("/sprache de")
    assert "gleiche Adresse" in chat.say("/dubletten").text


def test_a_value_shared_by_very_many_contacts_is_a_switchboard_not_a_duplicate(chat: Chat) -> None:
    rows = "".join(f"Person{n} Test{n},p{n}@x.example,Hauptstraße 1,80331,München,DE\n" for n in range(26))
    send_file(chat, "many.csv", ("Name,E-mail,Street,Postcode,City,Country\n" + rows).encode())
    chat.press("Import 26")
    assert "same address" not in chat.say("/duplicates").text


def test_import_matches_an_existing_contacts_further_email(chat: Chat) -> None:
    send_file(chat, "a.csv", b"Name,E-mail 1,E-mail 2\nAnna Schulz,anna@acme.de,anna@home.example\n")
    chat.press("Import 1")
    preview = send_file(chat, "b.csv", b"Name,E-mail\nA. Schulz,anna@home.example\n")
    assert "👥 Already in the CRM: 1 (by e-mail 1, phone 0, name 0): merge them in, or skip them?" in preview.text
