"""The city, postcode and country filters of segments, over contacts' and their companies' addresses."""

import pytest
from sqlmodel import select

from handlers.engine import Crm
from handlers.texts.reply import Reply
from storage.models import Address, Company, Contact
from tests.conftest import Chat
from tests.test_import_export import send_file

PEOPLE = """Name,Company,Street,Postcode,City,Country
Anna Schulz,Acme GmbH,Marienplatz 1,80331,München,Germany
Jörg Müller,,Leopoldstr. 9,80469,Muenchen,Deutschland
Tom Becker,,Jungfernstieg 2,20095,Hamburg,DE
Eva Klein,Wiener Werk,,,,
Bob Baker,,Rue de Rivoli 5,75008,Paris,France
Cara Cole,,,,,
"""


@pytest.fixture
def chat(crm: Crm) -> Chat:
    """Six people imported with their addresses; Wiener Werk has one in Vienna, Bob a second one in London."""
    chat = Chat(crm, user="boss")
    send_file(chat, "people.csv", PEOPLE.encode())
    assert "6 new contact(s)" in chat.press("Import 6").text
    with crm.db.transaction(now=chat.now) as session:
        werk = session.exec(select(Company).where(Company.name == "Wiener Werk")).one()
        bob = session.exec(select(Contact).where(Contact.name == "Bob Baker")).one()
        session.add(Address(workspace_id=werk.workspace_id, owner_kind="company", owner_id=werk.id, city="Wien",
                            postcode="1010", country="Österreich"))
        session.add(Address(workspace_id=bob.workspace_id, owner_kind="contact", owner_id=bob.id, label="home",
                            city="London", postcode="SW1A 1AA", country="GB", position=1))
    return chat


def names(reply: Reply) -> list[str]:
    return sorted(line.split(" · ")[0].removeprefix("👤 ") for line in reply.text.split("\n")[1:]
                  if line.startswith("👤"))


MUNICH = ["Anna Schulz", "Jörg Müller"]


@pytest.mark.parametrize(("query", "expected"), [
    ("city:münchen", MUNICH),
    ("city:muenchen", MUNICH),
    ("stadt:München", MUNICH),
    ("ort:MÜNCHEN", MUNICH),
    ("city:munich", MUNICH),
    ("city:wien", ["Eva Klein"]),  # through the company's address
    ("stadt:vienna", ["Eva Klein"]),
    ("city:london", ["Bob Baker"]),  # a second address counts too
    ("city:münchen,hamburg", ["Anna Schulz", "Jörg Müller", "Tom Becker"]),
    ("-city:münchen", ["Bob Baker", "Cara Cole", "Eva Klein", "Tom Becker"]),
    ("city:nowhere", []),
    ("plz:80*", MUNICH),
    ("postcode:80", MUNICH),
    ("plz:804", ["Jörg Müller"]),
    ("plz:1", ["Eva Klein"]),
    ("zip:sw1a", ["Bob Baker"]),
    ("plz:80331,20095", ["Anna Schulz", "Tom Becker"]),
    ("postleitzahl:9", []),
    ("country:de", ["Anna Schulz", "Jörg Müller", "Tom Becker"]),
    ("land:deutschland", ["Anna Schulz", "Jörg Müller", "Tom Becker"]),
    ("country:Germany", ["Anna Schulz", "Jörg Müller", "Tom Becker"]),
    ("country:deu", ["Anna Schulz", "Jörg Müller", "Tom Becker"]),
    ("country:österreich", ["Eva Klein"]),  # stored as the name, asked by name
    ("country:at", ["Eva Klein"]),  # stored as the name, asked by code
    ("land:frankreich", ["Bob Baker"]),
    ("country:uk", ["Bob Baker"]),
    ("country:de city:hamburg", ["Tom Becker"]),
    ("country:narnia", []),
    ("city:london country:gb", ["Bob Baker"]),
    ("city:paris country:gb", []),  # the place conditions hold on one address together
    ("-city:paris country:gb", []),  # a negated one: no address there
])
def test_every_place_filter(chat: Chat, query: str, expected: list[str]) -> None:
    reply = chat.say(f"/segment {query}")
    assert f": {len(expected)} contact(s)" in reply.text.split("\n")[0]
    assert names(reply) == expected


def test_a_saved_place_segment_counts_in_german(chat: Chat) -> None:
    chat.say("/sprache de")
    assert "2 Kontakt" in chat.say('/segment neu "münchner" stadt:muenchen plz:80*').text
    assert chat.say("/segmente").text.split("\n")[1].startswith("münchner: 2")
