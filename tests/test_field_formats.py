"""Formats per field: postcodes per country, countries to ISO codes, phones per country, at every door."""

import pytest
from sqlmodel import Session, select

from handlers.errors import InvalidValue
from handlers.language.field_formats import check_country, check_postcode, display_phone, phone_region
from handlers.texts.catalogue import explain
from storage.models import Address, Company, Contact
from tests.conftest import Chat
from tests.test_import_export import send_file


@pytest.mark.parametrize(("value", "country", "expected"), [
    ("80331", "DE", "80331"), (" 1010 ", "AT", "1010"), ("sw1a 1aa", "GB", "SW1A 1AA"),
    ("94043-1351", "US", "94043-1351"), ("1012 ab", "NL", "1012 AB"), ("12345", "AE", "12345"),  # AE: no postcodes
    ("8033", "", "8033"),  # no country: nothing to check against
])
def test_a_postcode_is_checked_against_its_country(value: str, country: str, expected: str) -> None:
    assert check_postcode(value, country) == expected


@pytest.mark.parametrize(("value", "country"), [("8033", "DE"), ("ABCDE", "DE"), ("123456", "AT"), ("12", "US")])
def test_a_malformed_postcode_names_the_field_and_an_example(value: str, country: str) -> None:
    with pytest.raises(InvalidValue) as error:
        check_postcode(value, country)
    english, german = explain("en", error.value), explain("de", error.value)
    assert english.startswith(f"The postcode \"{value}\" was not saved: not a postcode of ")
    assert german.startswith(f"Die Postleitzahl \"{value}\" wurde nicht gespeichert: keine Postleitzahl ")
    assert "e.g." in english and "z. B." in german


def test_countries_in_english_or_german_become_iso_codes() -> None:
    assert [check_country(v) for v in ("Germany", "Deutschland", "österreich", "Schweiz", "FR", "usa")] == [
        "DE", "DE", "AT", "CH", "FR", "US"]
    with pytest.raises(InvalidValue) as error:
        check_country("Atlantis")
    assert explain("en", error.value) == "The country \"Atlantis\" was not saved: no country of that name is known."
    assert explain("de", error.value) == "Das Land \"Atlantis\" wurde nicht gespeichert: kein Land dieses Namens bekannt."


def test_phones_are_shown_formatted_and_read_in_the_address_country() -> None:
    assert display_phone("+491701234567") == "+49 170 1234567"
    assert display_phone("0171 not a number") == "0171 not a number"
    assert phone_region(["", "Atlantis", "US"], "DE") == "US"
    assert phone_region([], "DE") == "DE"


def test_the_card_shows_the_phone_formatted_while_e164_is_stored(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme, 0170 1234567")
    assert "📞 +49 170 1234567" in chat.say("/show anna").text
    assert chat.rows(Contact)[0].phone == "+491701234567"


ADDRESSES = (
    "Name,E-mail,Phone,Street,Postcode,City,Country\n"
    "Anna Schulz,anna@acme.de,0170 1234567,Hauptstr. 1,8033,München,Deutschland\n"
    "Bob Smith,bob@example.com,(650) 253-0000,1600 Amphitheatre Pkwy,94043,Mountain View,United States\n"
    "Eva Klein,eva@klein.at,,Ring 3,1010,Wien,Österreich\n"
)


def test_import_drops_a_malformed_postcode_keeps_the_card_and_reads_phones_in_the_address_country(chat: Chat) -> None:
    preview = send_file(chat, "addresses.csv", ADDRESSES.encode())
    assert "⚠️ Kept without the invalid value: invalid postcode: 1 (rows 2)" in preview.text.splitlines()
    assert "invalid phone" not in preview.text  # Bob's US number is read as a US number in a German workspace
    chat.press("Import 3")
    people = {p.name: p for p in chat.rows(Contact)}
    assert people["Bob Smith"].phone == "+16502530000"
    with Session(chat.crm.db.engine) as session:
        addresses = {a.city: a for a in session.exec(select(Address))}
    assert (addresses["München"].postcode, addresses["München"].street, addresses["München"].country) == (
        "", "Hauptstr. 1", "DE")
    assert (addresses["Wien"].postcode, addresses["Wien"].country) == ("1010", "AT")
    assert addresses["Mountain View"].postcode == "94043"


def test_import_preview_names_the_bad_postcode_in_german(chat: Chat) -> None:
    chat.language = "de"
    chat.say("/sprache de")
    preview = send_file(chat, "adressen.csv", ADDRESSES.encode())
    assert "ungültige Postleitzahl: 1" in preview.text


def test_edit_reads_a_phone_without_plus_in_the_contacts_address_country(chat: Chat) -> None:
    send_file(chat, "bob.csv", b"Name,E-mail,Street,Postcode,City,Country\n"
                               b"Bob Smith,bob@example.com,1600 Amphitheatre Pkwy,94043,Mountain View,USA\n")
    chat.press("Import 1")
    chat.say("/edit bob: phone=(650) 253-0000")
    assert chat.rows(Contact)[0].phone == "+16502530000"
    chat.say("/add Anna Schulz, Acme")
    chat.say("/edit anna: phone=0170 1234567")  # no address: the workspace's region
    assert chat.rows(Contact)[1].phone == "+491701234567"


def test_a_companys_phone_is_read_in_its_address_country_as_a_contacts_is(chat: Chat) -> None:
    chat.say("/add Bob Smith, Globex")
    chat.say("/edit globex: street=1600 Amphitheatre Pkwy; plz=94043; ort=Mountain View; land=USA")
    chat.say("/edit globex: phone=(650) 253-0000")
    globex = chat.rows(Company)[0]
    assert globex.phone == "+16502530000"
    refused = chat.say("/edit globex: phone=12")
    assert "12" in refused.text and not refused.changed and chat.rows(Company)[0].phone == "+16502530000"
    chat.say("/add Anna Schulz, Acme")
    chat.say("/edit acme: phone=089 123456")  # no address: the workspace's region
    assert next(c for c in chat.rows(Company) if c.name == "Acme").phone == "+4989123456"


def test_an_imported_company_phone_is_read_in_the_rows_address_country(chat: Chat) -> None:
    send_file(chat, "globex.csv", b"Name,Company Name,Company Phone,Street,Postcode,City,Country\n"
                                  b"Bob Smith,Globex,(650) 253-0000,1600 Amphitheatre Pkwy,94043,Mountain View,USA\n"
                                  b"Anna Schulz,Acme,089 123456,,,,\n")
    chat.press("Import 2")
    phones = {c.name: c.phone for c in chat.rows(Company)}
    assert phones == {"Globex": "+16502530000", "Acme": "+4989123456"}


def test_a_refused_phone_says_why_in_our_words() -> None:
    from handlers.language.fields import normalize_phone

    with pytest.raises(InvalidValue) as refused:
        normalize_phone("+999 123456", "DE")
    assert refused.value.args[1]["reason_key"] == "why_phone_country"
