"""Field visits: a shared Telegram location then "at Acme" files a visit; /near lists what is close; the digest counts them."""

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from handlers.engine import Crm
from handlers.texts.reply import Incoming, Reply
from storage.db import Database
from storage.models import Company, Interaction
from tests.conftest import NOW, Chat
from tests.fake_telegram import FakeTelegram
from tests.test_telegram import LENA, TOM, Phone, running

VIENNA = (48.2082, 16.3738)
SCHOENBRUNN = (48.1845, 16.3122)  # 5.3 km from VIENNA
LINZ = (48.3069, 14.2858)  # 154 km away


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    server = FakeTelegram()
    await server.start()
    yield server
    await server.stop()


def share(chat: Chat, position: tuple[float, float], text: str = "") -> Reply:
    """A shared location through the engine's door, as a channel sends it (the time zone command with it)."""
    return chat.crm.handle(Incoming(text=text or f"/tz {position[0]:.5f} {position[1]:.5f}", workspace_key=chat.workspace,
                                    user_id=chat.user, user_name=chat.user, language=chat.language,
                                    timezone=chat.timezone, now=chat.now, location=position))


async def test_a_location_then_at_acme_logs_a_visit_and_places_the_company(fake: FakeTelegram, db: Database) -> None:
    crm = Crm(db, clock=lambda: NOW)
    async with running(fake, crm):
        tom = Phone(fake, TOM)
        await tom.say("/start")
        await tom.say("/add Anna Schulz, Acme GmbH")
        [located] = await tom.send(location={"latitude": VIENNA[0], "longitude": VIENNA[1]})
        assert "at Acme" in located.text
        visit = await tom.say("at Acme, Anna")
        assert "Visit at Acme GmbH logged" in visit.text and "Anna Schulz" in visit.text
        assert "on the map" in visit.text
        again = await tom.say("at Acme")
        assert "already logged" in again.text
    with Session(db.engine) as session:
        [logged] = session.exec(select(Interaction).where(Interaction.kind == "visit")).all()
        company = session.exec(select(Company)).one()
    assert logged.company_id == company.id and logged.contact_id is not None
    assert (company.latitude, company.longitude) == pytest.approx(VIENNA)


async def test_bei_acme_in_german_and_only_after_a_location(fake: FakeTelegram, db: Database) -> None:
    crm = Crm(db, clock=lambda: NOW)
    async with running(fake, crm):
        lena = Phone(fake, LENA)
        await lena.say("/start")
        await lena.say("/firma Acme")
        before = await lena.say("bei Acme")
        assert "Besuch" not in before.text
        await lena.send(location={"latitude": VIENNA[0], "longitude": VIENNA[1]})
        assert "Besuch bei Acme erfasst" in (await lena.say("bei Acme")).text


def test_near_lists_companies_and_contacts_nearest_first_with_tasks_and_last_visit(db: Database) -> None:
    chat = Chat(Crm(db, clock=lambda: NOW))
    chat.say("/add Anna Schulz, Acme")
    chat.say("/company Linz AG")
    chat.say("/company Palace")
    chat.say("/task call anna tomorrow 10")
    share(chat, VIENNA)
    chat.say("at Acme")
    share(chat, LINZ)
    chat.say("at Linz AG")
    share(chat, SCHOENBRUNN)
    chat.say("at Palace")
    assert "Share your location first" not in chat.say("/near").text
    share(chat, VIENNA)
    lines = chat.say("/near").text.splitlines()
    assert lines[0] == "📍 Within 10 km, nearest first:"
    assert lines[1].startswith("🏢 Acme · 0.0 km · open tasks: 1 · last visit")
    assert lines[2].startswith("🏢 Palace · 5.3 km · open tasks: 0")
    assert len(lines) == 3
    assert any(line.startswith("🏢 Linz AG · 15") for line in chat.say("/near 200").text.splitlines())
    assert "Linz" in chat.say("/nähe 200").text


def test_near_reaches_over_the_180th_meridian(db: Database) -> None:
    """Fiji's Taveuni lies on the date line: a place just east of it is 21 km from one just west."""
    chat = Chat(Crm(db, clock=lambda: NOW))
    chat.say("/company Island Dive")
    chat.say("/company Far Away")
    share(chat, (-16.80, 179.90))
    chat.say("at Island Dive")
    share(chat, (-16.80, 10.0))
    chat.say("at Far Away")
    share(chat, (-16.80, -179.90))
    lines = chat.say("/near 50").text.splitlines()
    assert lines[1].startswith("🏢 Island Dive · 21.3 km"), lines
    assert len(lines) == 2


def test_near_without_a_location_or_with_a_bad_radius_explains(db: Database) -> None:
    chat = Chat(Crm(db, clock=lambda: NOW))
    assert "Share your location first" in chat.say("/near").text
    assert "radius" in chat.say("/near -5").text
    share(chat, VIENNA)
    chat.now = NOW + timedelta(hours=3)
    assert "Share your location first" in chat.say("/near").text
    german = Chat(Chat(Crm(db, clock=lambda: NOW)).crm, user="de1", language="de")
    assert "Teile zuerst deinen Standort" in german.say("/naehe").text


def test_near_stays_in_its_workspace(db: Database) -> None:
    crm = Crm(db, clock=lambda: NOW)
    ours = Chat(crm, workspace="console:ours")
    ours.say("/company Acme")
    share(ours, VIENNA)
    ours.say("at Acme")
    theirs = Chat(crm, workspace="console:theirs")
    share(theirs, VIENNA)
    assert "Nothing within 10 km" in theirs.say("/near").text


def test_the_managers_digest_counts_yesterdays_visits_with_their_names(db: Database) -> None:
    chat = Chat(Crm(db, clock=lambda: NOW))
    chat.say("/add Anna Schulz, Acme")
    chat.say("/company Palace")
    share(chat, VIENNA)
    chat.say("at Acme, Anna")
    share(chat, SCHOENBRUNN)
    chat.say("at Palace")
    assert "Visits yesterday" not in chat.say("/digest").text
    chat.now = NOW + timedelta(days=1)
    assert "🚗 Visits yesterday: 2 (Acme / Anna Schulz, Palace)" in chat.say("/digest").text
    chat.now = NOW + timedelta(days=2)
    assert "Visits yesterday" not in chat.say("/digest").text


def test_visits_in_another_workspace_stay_out_of_the_digest(db: Database) -> None:
    crm = Crm(db, clock=lambda: NOW)
    theirs = Chat(crm, workspace="console:theirs")
    theirs.say("/company Acme")
    share(theirs, VIENNA)
    theirs.say("at Acme")
    ours = Chat(crm, workspace="console:ours", now=NOW + timedelta(days=1))
    assert "Visits yesterday" not in ours.say("/digest").text


def test_a_vcard_geo_puts_its_contact_on_the_near_list(db: Database, tmp_path: Path) -> None:
    crm = Crm(db, clock=lambda: NOW)
    chat = Chat(crm)
    chat.say("/start")
    card = tmp_path / "anna.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Anna Schulz\r\nGEO:geo:48.2100,16.3700;u=20\r\nEND:VCARD\r\n"
                    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ben Linz\r\nGEO:48.3069;14.2858\r\nEND:VCARD\r\n")
    crm.import_file(card, chat.workspace, chat.user)
    share(chat, VIENNA)
    lines = chat.say("/near").text.splitlines()
    assert lines[1].startswith("👤 Anna Schulz · 0.3 km · open tasks: 0 · not visited yet") and len(lines) == 2


def test_at_an_ambiguous_company_asks_which_then_logs_the_visit(db: Database) -> None:
    chat = Chat(Crm(db, clock=lambda: NOW))
    chat.say("/company Acme GmbH")
    chat.say("/company Acme Inc")
    share(chat, VIENNA)
    question = chat.say("at Acme")
    assert "Visit" not in question.text
    command = chat.button("Acme Inc").command
    assert command is not None
    assert "Visit at Acme Inc logged" in chat.say(command).text
