"""The folded columns segments filter on (storage.models.keys) stay right through /edit, import, merge and undo."""

from handlers.language.places import city_key, country_key
from storage.models import Address, Contact, CustomValue
from tests.conftest import Chat
from tests.test_import_export import send_file


def places(chat: Chat) -> list[tuple[int, str, str]]:
    """Each address's owner, city and country, after checking its keys are those of what it holds now."""
    found = []
    for address in chat.rows(Address):
        assert (address.city_key, address.country_key) == (city_key(address.city), country_key(address.country))
        found.append((address.owner_id, address.city, address.country))
    for contact in chat.rows(Contact):
        assert contact.source_key == contact.source.lower()
    return sorted(found)


def members(chat: Chat, query: str) -> str:
    return chat.say(f"/segment {query}").text.split("\n")[0]


def test_edit_and_undo_keep_the_keys(chat: Chat) -> None:
    chat.say("/add Anna Schulz, anna@acme.de")
    chat.say("/edit anna: street=Hauptstr. 1; postcode=80331; city=München; country=Germany")
    assert places(chat) == [(1, "München", "DE")]
    assert ": 1 contact(s)" in members(chat, "city:munich land:deutschland source:manual")
    chat.say("/edit anna: city=Wien; country=Österreich")
    assert places(chat) == [(1, "Wien", "AT")]
    assert ": 0 contact(s)" in members(chat, "city:münchen")
    assert ": 1 contact(s)" in members(chat, "stadt:vienna country:at")
    chat.say("/undo")
    assert places(chat) == [(1, "München", "DE")]
    assert ": 1 contact(s)" in members(chat, "city:muenchen")
    assert ": 0 contact(s)" in members(chat, "city:wien")


def test_import_keeps_the_keys(chat: Chat) -> None:
    people = "Name,Street,Postcode,City,Country\nJörg Müller,Leopoldstr. 9,80469,Muenchen,Deutschland\n" \
             "Eva Klein,Ring 1,1010,Vienna,Austria\n"
    send_file(chat, "people.csv", people.encode())
    assert "2 new contact(s)" in chat.press("Import 2").text
    assert [(city, country) for _, city, country in places(chat)] == [("Muenchen", "DE"), ("Vienna", "AT")]
    assert ": 1 contact(s)" in members(chat, "city:münchen source:imp")
    assert ": 1 contact(s)" in members(chat, "ort:wien land:österreich")
    chat.say("/undo")
    assert places(chat) == []
    assert ": 0 contact(s)" in members(chat, "city:münchen")


def test_merge_and_its_undo_keep_the_keys(chat: Chat) -> None:
    chat.say("/add Anna Schulz, anna@acme.de")
    chat.say("/add ! Anna Schultz, +49 170 1234567")
    chat.say("/edit #2: street=Marienplatz 1; postcode=80331; city=Munich; country=DE")
    chat.say("/merge #1 #2")
    assert places(chat) == [(1, "Munich", "DE")]
    assert "Anna Schulz" in chat.say("/segment city:münchen").text
    chat.say("/undo")
    assert places(chat) == [(2, "Munich", "DE")]
    assert "Anna Schultz" in chat.say("/segment stadt:münchen country:germany").text


def numbers(chat: Chat) -> list[float | None]:
    """Each custom value's stored number, after checking it is what its value reads as."""
    for value in chat.rows(CustomValue):
        assert value.number == (float(value.value) if value.value.replace(".", "", 1).isdigit() else None)
    return sorted(v.number for v in chat.rows(CustomValue) if v.number is not None)


def test_custom_numbers_follow_edit_import_and_undo(chat: Chat) -> None:
    chat.say("/start")
    chat.say("/field add Umsatz number")
    chat.say("/field add Branche text")
    chat.say("/add Anna Schulz")
    chat.say("/edit anna: Umsatz=1.500,5, Branche=Handel")
    assert numbers(chat) == [1500.5]
    chat.say("/edit anna: Umsatz=200")
    assert numbers(chat) == [200.0]
    assert ": 0 contact(s)" in members(chat, "umsatz:>1000")
    chat.say("/undo")
    assert numbers(chat) == [1500.5]
    assert ": 1 contact(s)" in members(chat, "umsatz:>1000 branche:han")
    send_file(chat, "people.csv", b"Name,Umsatz\nBen Braun,7000\n")
    chat.press("Import 1")
    assert numbers(chat) == [1500.5, 7000.0]
    assert ": 2 contact(s)" in members(chat, "umsatz:1000..8000")
