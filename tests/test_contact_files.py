"""Contact files as the writing programs really write them: every quirk of the issue, read field by field.

The files under tests/data/contacts/ are hand-written from the vCard 2.1, 3.0 (RFC 2426) and 4.0 (RFC 6350)
specifications and the programs' documented habits.
"""

from pathlib import Path

import pytest

from handlers.exchange.formats import RawRecord, parse_file
from storage.models import Address, Contact, ContactEmail, ContactPhone, Interaction
from tests.conftest import Chat
from tests.test_import_export import send_file

DATA = Path(__file__).parent / "data" / "contacts"


def read(name: str) -> list[RawRecord]:
    return parse_file(name, (DATA / name).read_bytes()).records


def test_outlook_2003_org_with_a_comma_long_qp_note_and_windows_1252() -> None:
    [card] = read("outlook2003.vcf")
    assert (card.company, card.department) == ("Company, The", "TheDepartment")
    assert card.names == {"full": "Dr. Klaus Weber", "last": "Weber", "first": "Klaus", "prefix": "Dr."}
    assert len(card.note) == 277 and card.note.endswith("Lager Nord, Tor 3.") and "Rückruf" in card.note
    assert card.emails == ["k.weber@company-the.example", "klaus.weber@privat.example"]
    assert card.phones[:2] == ["+49 171 2345678", "+49 89 1234567"] and card.labels["+49 89 1234568"] == "fax"
    assert card.addresses == [{"label": "work", "street": "Leopoldstraße 12", "city": "München", "region": "BY",
                               "postcode": "80802", "country": "Deutschland"}]
    assert (card.title, card.birthday, card.website) == ("Einkaufsleiter", "1968-03-14", "http://www.company-the.example")
    assert card.broken == []


def test_lotus_notes_profile_line_is_standard_3_0() -> None:
    [card] = read("lotus_notes.vcf")
    assert (card.names["full"], card.company, card.emails) == (
        "Petra Schmidt", "Stadtwerke Kiel", ["petra.schmidt@stadtwerke-kiel.example"])


def test_the_bat_quoted_printable_without_charset_is_windows_1252() -> None:
    [card] = read("thebat.vcf")
    assert (card.names["full"], card.names["last"], card.company) == ("Jörg Jäger", "Jäger", "Jäger & Söhne")


def test_netscape_trailing_spaces_and_a_comma_in_the_name() -> None:
    [card] = read("netscape.vcf")
    assert card.names["full"] == "Mustermann, Heiko"
    assert card.note == "erster Kontakt auf der CeBIT, Halle 4"


def test_apple_utf16_without_bom_with_item_labels() -> None:
    [card] = read("apple_utf16.vcf")
    assert (card.names["full"], card.company, card.department) == ("Åsa Lindqvist", "Nordljus AB", "Design")
    assert card.emails == ["asa@nordljus.example", "asa.l@mejl.example"]
    assert card.labels == {"asa@nordljus.example": "work", "asa.l@mejl.example": "home", "+46 70 123 45 67": "mobile"}
    assert card.socials == {"linkedin": "https://www.linkedin.com/in/asalindqvist"}
    assert (card.birthday, card.addresses[0]["country"]) == ("1985-04-12", "Sweden")


def test_android_broken_byte_costs_the_field_not_the_card() -> None:
    [card] = read("android_broken_byte.vcf")
    assert card.names["full"] == "Jürgen Müller" and card.company == ""
    assert (card.emails, card.phones, card.broken) == (["juergen@mueller-partner.example"], ["+49 151 11223344"],
                                                      ["org"])


def test_shift_jis_charset_is_honoured() -> None:
    [card] = read("shift_jis.vcf")
    assert (card.names["full"], card.names["last"], card.company) == ("山田 太郎", "山田", "株式会社サンプル")


def test_vcard_4_uris_geo_and_birthday_without_year() -> None:
    [card] = read("vcard4.vcf")
    assert card.names["full"] == "München, Falk"
    assert (card.phones, card.labels["+49-170-5556677"]) == (["+49-170-5556677"], "mobile")
    assert (card.geo, card.birthday) == ((48.1371, 11.5754), "--04-12")
    assert card.note == "Kommt aus München, nicht aus Berlin.\nZweite Zeile."
    assert card.addresses[0]["street"] == "Marienplatz 1" and card.addresses[0]["label"] == "home"


def test_google_csv_three_emails_in_a_cell_and_a_row_without_a_name() -> None:
    lena, nameless = read("google.csv")
    assert lena.emails == ["lena@solaris.example", "lena.braun@gmail.example", "l.braun@web.example"]
    assert (lena.labels["lena@solaris.example"], lena.labels["+49 151 23456789"]) == ("work", "mobile")
    assert lena.addresses == [{"label": "work", "street": "Sonnenallee 5", "city": "Berlin", "postcode": "12045",
                               "country": "Germany"}]
    assert (lena.title, lena.birthday, lena.website) == ("CEO", "1990-07-01", "https://solaris.example")
    assert (nameless.names, nameless.emails) == ({}, ["info@nameless.example"])


def test_german_outlook_2013_cp1252_every_field() -> None:
    [row] = read("outlook2013_de.csv")
    assert row.names == {"prefix": "Frau", "first": "Jürgen", "last": "Groß", "suffix": "jun."}
    assert (row.company, row.department, row.title) == ("Bäckerei Groß KG", "Vertrieb", "Leiterin Außendienst")
    assert row.phones == ["0172 9988776", "0221 123456", "0221 654321"]
    assert row.labels == {"0221 123456": "work", "0221 654321": "home", "0172 9988776": "mobile"}
    assert row.emails == ["j.gross@baeckerei.example", "jg@privat.example"]
    assert row.addresses == [{"label": "work", "street": "Hauptstraße 7", "city": "Köln", "region": "NRW",
                              "postcode": "50667", "country": "Deutschland"}]
    assert (row.birthday, row.website, row.note) == ("1968-03-14", "www.baeckerei.example",
                                                     "Mag Mohnbrötchen.\r\nRuft montags an.")


def test_thunderbird_birthday_in_three_columns_and_two_addresses() -> None:
    [row] = read("thunderbird.csv")
    assert (row.birthday, row.title, row.department, row.company) == ("1975-11-03", "Reeder", "Einkauf", "Nordlicht AG")
    assert row.phones == ["+49 160 7654321", "+49 40 3344556"]
    assert [(a["label"], a["street"], a["postcode"]) for a in row.addresses] == [
        ("home", "Elbchaussee 1, Hinterhaus", "22763"), ("work", "Am Kai 2", "20457")]


@pytest.mark.parametrize("name", sorted(path.name for path in DATA.iterdir()))
def test_every_file_imports_every_contact(chat: Chat, name: str) -> None:
    preview = send_file(chat, name, (DATA / name).read_bytes())
    assert "Rejected" not in preview.text, preview.text
    count = len(read(name))
    chat.press(f"Import {count}")
    assert chat.count(Contact) == count


def test_imported_details_land_in_their_fields(chat: Chat) -> None:
    send_file(chat, "outlook2013_de.csv", (DATA / "outlook2013_de.csv").read_bytes())
    chat.press("Import 1")
    [person] = chat.rows(Contact)
    assert (person.name, person.name_prefix, person.given_name, person.family_name, person.name_suffix) == (
        "Jürgen Groß", "Frau", "Jürgen", "Groß", "jun.")
    assert (person.phone, person.phone_label, person.email, person.email_label) == (
        "+491729988776", "mobile", "j.gross@baeckerei.example", None)
    assert [(p.phone, p.label) for p in chat.rows(ContactPhone)] == [("+49221123456", "work"),
                                                                     ("+49221654321", "home")]
    assert [(e.email, e.label) for e in chat.rows(ContactEmail)] == [("jg@privat.example", "other")]
    [address] = chat.rows(Address)
    assert (address.owner_id, address.street, address.postcode, address.city, address.country) == (
        person.id, "Hauptstraße 7", "50667", "Köln", "DE")
    assert [n.text for n in chat.rows(Interaction)] == ["Mag Mohnbrötchen.\r\nRuft montags an."]
    card = chat.say("/show jürgen").text
    assert "💼 Leiterin Außendienst, Vertrieb" in card
    assert "📍 Hauptstraße 7, 50667 Köln, NRW, Germany (work)" in card and "🎂 1968-03-14" in card
    chat.say("/undo")
    assert (chat.count(Contact), chat.count(ContactPhone), chat.count(Address)) == (0, 0, 0)


def stored(chat: Chat) -> list[tuple[object, ...]]:
    return stored_in(chat, {person.id for person in chat.rows(Contact)})  # type: ignore[misc]


def stored_in(chat: Chat, ids: set[int]) -> list[tuple[object, ...]]:
    """Everything stored about these contacts, without ids, times and the source."""
    skip = {"id", "workspace_id", "company_id", "owner_id", "created_at", "updated_at", "source", "source_key"}
    people = []
    for person in chat.rows(Contact):
        if person.id not in ids:
            continue
        fields = tuple(sorted((k, v) for k, v in person.model_dump().items() if k not in skip))
        emails = [(e.email, e.label) for e in chat.rows(ContactEmail) if e.contact_id == person.id]
        phones = [(p.phone, p.label) for p in chat.rows(ContactPhone) if p.contact_id == person.id]
        places = [(a.label, a.street, a.postcode, a.city, a.region, a.country) for a in chat.rows(Address)
                  if a.owner_id == person.id]
        notes = [n.text.replace("\r\n", "\n") for n in chat.rows(Interaction) if n.contact_id == person.id]
        people.append((fields, emails, phones, places, notes))
    return people


@pytest.mark.parametrize("fmt", ["vcf", "vcf4", "csv"])
@pytest.mark.parametrize("name", sorted(path.name for path in DATA.iterdir()))
def test_every_file_round_trips(chat: Chat, tmp_path: Path, name: str, fmt: str) -> None:
    send_file(chat, name, (DATA / name).read_bytes())
    chat.press("Import")
    first = stored(chat)
    exported = chat.say(f"/export contacts {fmt}").file
    assert exported is not None
    other = Chat(chat.crm, workspace="console:other", user="rep9")
    other.say("/help")
    send_file(other, exported.filename, exported.content)
    other.press("Import")
    ws_other = [c for c in other.rows(Contact) if c.source.startswith("import:contacts")]
    assert len(ws_other) == len(first)
    again = stored_in(other, {c.id for c in ws_other})
    assert again == first
