"""The places the database keeps per contact (ContactPlace, migration 0025) equal a fresh join of the contacts with
their own and their company's addresses after every kind of write: an address added, changed or deleted, a contact
added, moved to another company, merged, deleted, erased, undone, and SQL outside the ORM."""


import pytest
from sqlalchemy import Connection, and_, or_, text
from sqlmodel import Session, col, select

from handlers.engine import Crm
from storage.models import Address, Contact, ContactPlace, Workspace
from tests.conftest import POSTGRES_URL, Chat, while_holding

Row = tuple[int, int, int, str, str, str]  # workspace, contact, address, city key, country key, postcode


def _joined(session: Session) -> set[Row]:
    """Each contact with each address it is at, its own or its company's, from the tables themselves."""
    own = and_(col(Address.owner_kind) == "contact", col(Address.owner_id) == col(Contact.id))
    firm = and_(col(Address.owner_kind) == "company", col(Address.owner_id) == col(Contact.company_id))
    rows = session.exec(select(Contact.workspace_id, Contact.id, Address.id, Address.city_key, Address.country_key,
                               Address.postcode)
                        .join(Address, and_(col(Address.workspace_id) == col(Contact.workspace_id), or_(own, firm))))
    return {(ws, contact, address, city, country, code) for ws, contact, address, city, country, code in rows}


def _kept(crm: Crm) -> set[Row]:
    """Assert the kept places equal the join; return them."""
    with Session(crm.db.engine) as session:
        kept = {(r.workspace_id, r.contact_id, r.address_id, r.city_key, r.country_key, r.postcode)
                for r in session.exec(select(ContactPlace))}
        assert kept == _joined(session)
    return kept


def _cities(crm: Crm, name: str) -> set[str]:
    """The cities of the addresses kept for the contact of that name."""
    with Session(crm.db.engine) as session:
        contact = session.exec(select(Contact).where(Contact.name == name)).one()
        return set(session.exec(select(Address.city).join(ContactPlace, col(ContactPlace.address_id) == Address.id)
                                .where(ContactPlace.contact_id == contact.id)))


def test_every_kind_of_write_keeps_the_places(crm: Crm) -> None:
    boss = Chat(crm, user="boss")
    other = Chat(crm, workspace="console:other", user="eve")
    boss.say("/add Anna Schulz, Acme GmbH")
    boss.say("/add Bob Baker, Acme GmbH")
    boss.say("/add Cara Cole")
    other.say("/add Otto Orr, Acme GmbH")
    other.say("/edit acme: city=Berlin; country=DE")
    assert _kept(crm) != set()  # the other workspace's Acme is in Berlin: Otto is there, nobody of ours
    assert _cities(crm, "Anna Schulz") == set()
    steps = [
        ("/edit anna: street=Hauptstr. 1; postcode=80331; city=München; country=Germany", {"Anna Schulz": {"München"}}),
        ("/edit acme: city=Hamburg; country=DE", {"Anna Schulz": {"München", "Hamburg"}, "Bob Baker": {"Hamburg"}}),
        ("/edit anna: city=Wien; country=Österreich", {"Anna Schulz": {"Wien", "Hamburg"}}),
        ("/edit cara: company=Acme GmbH", {"Cara Cole": {"Hamburg"}}),
        ("/edit bob: company=Globex", {"Bob Baker": set()}),
        ("/merge #3 #1", {"Cara Cole": {"Wien", "Hamburg"}}),
        ("/delete cara yes", {}),
    ]
    seen = [_kept(crm)]
    for step, expected in steps:
        reply = boss.say(step)
        assert reply.changed, (step, reply.text)
        seen.append(_kept(crm))
        assert seen[-1] != seen[-2], step
        for name, cities in expected.items():
            assert _cities(crm, name) == cities, (step, name)
    for _ in steps:
        assert boss.say("/undo").text.startswith("↩️"), boss.last
        _kept(crm)
    assert _kept(crm) == seen[0]
    assert ": 0 contact(s)" in boss.say("/segment country:de").text  # Otto's Berlin is the other workspace's
    assert ": 1 contact(s)" in other.say("/segment country:de").text


def test_erasing_deleting_and_raw_sql_keep_the_places(crm: Crm) -> None:
    chat = Chat(crm)
    chat.say("/add Anna Schulz, Acme GmbH")
    chat.say("/add Bob Baker")
    chat.say("/edit anna: city=München; country=Germany")
    chat.say("/edit bob: city=München; country=Germany")
    chat.say("/edit acme: city=Hamburg; country=DE")
    assert len(_kept(crm)) == 3
    assert chat.say("/privacy erase bob yes").changed
    assert len(_kept(crm)) == 2
    with crm.db.engine.begin() as connection:  # paths outside the ORM: the triggers and foreign keys still see them
        connection.execute(text("UPDATE address SET city_key = 'paris', country_key = 'FR' WHERE owner_kind = 'company'"))
    assert {row[3] for row in _kept(crm)} == {"monaco di baviera", "paris"}
    with crm.db.engine.begin() as connection:
        connection.execute(text("DELETE FROM address WHERE owner_kind = 'contact'"))
    assert {row[3] for row in _kept(crm)} == {"paris"}
    with Session(crm.db.engine) as session:
        workspace = session.exec(select(Workspace)).one()
        session.add(Address(workspace_id=workspace.id or 0, owner_kind="contact", owner_id=10_000, city="Nowhere"))
        session.commit()  # an address of no contact gives no place
    assert {row[3] for row in _kept(crm)} == {"paris"}
    assert chat.say("/delete anna yes").changed, chat.last
    assert _kept(crm) == set()


def _company_and_contacts(crm: Crm) -> tuple[int, int, int, int]:
    """Acme (no address yet), Globex, and Anna at Globex, Bob at Acme: (workspace, acme, anna, bob) ids."""
    chat = Chat(crm)
    chat.say("/add Anna Schulz, Globex")
    chat.say("/add Bob Baker, Acme GmbH")
    with Session(crm.db.engine) as session:
        anna = session.exec(select(Contact).where(Contact.name == "Anna Schulz")).one()
        bob = session.exec(select(Contact).where(Contact.name == "Bob Baker")).one()
        assert bob.company_id is not None and anna.id is not None and bob.id is not None
        return anna.workspace_id, bob.company_id, anna.id, bob.id


@pytest.mark.skipif(not POSTGRES_URL, reason="SQLite's writers take turns (BEGIN IMMEDIATE)")
def test_a_company_address_and_contacts_moving_at_the_same_time_lose_no_place(crm: Crm) -> None:
    """While one transaction gives Acme an address, another moves Anna to Acme and Bob away from it. The address's
    trigger locks Acme and its people, so each waits for the other's commit and sees it: Anna is in Rome, Bob not."""
    workspace_id, acme, anna, bob = _company_and_contacts(crm)

    def move(connection: Connection) -> None:
        connection.execute(text("UPDATE contact SET company_id = :acme WHERE id = :anna"), {"acme": acme, "anna": anna})
        connection.execute(text("UPDATE contact SET company_id = NULL WHERE id = :bob"), {"bob": bob})

    with crm.db.engine.connect() as connection:
        connection.execute(text("INSERT INTO address (workspace_id, owner_kind, owner_id, label, street, postcode, "
                                "city, region, country, city_key, country_key, position) VALUES (:ws, 'company', "
                                ":acme, 'work', '', '', 'Roma', '', 'IT', 'roma', 'IT', 0)"),
                           {"ws": workspace_id, "acme": acme})
        moved = while_holding(crm.db, connection, move)  # the move waits for the address's locks
    assert moved == []
    kept = _kept(crm)
    assert {(row[1], row[3]) for row in kept} == {(anna, "roma")}
