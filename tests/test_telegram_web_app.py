"""The web companion as a Telegram Mini App: /web answers with a web_app button, the menu button opens it."""

from collections.abc import AsyncIterator

import pytest

from bot.telegram.render import inline_keyboard
from handlers.engine import Crm
from handlers.texts.reply import Button
from storage.db import Database
from tests.conftest import NOW
from tests.fake_telegram import FakeTelegram, group_chat
from tests.test_telegram import TOM, Phone, running

PUBLIC = "https://crm.example.com"


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    server = FakeTelegram()
    await server.start()
    yield server
    await server.stop()


async def test_web_in_a_private_chat_answers_with_a_mini_app_button_and_sets_the_menu(fake: FakeTelegram,
                                                                                        db: Database) -> None:
    crm = Crm(db, clock=lambda: NOW, web_url=PUBLIC)
    async with running(fake, crm, public_url=PUBLIC):
        tom = Phone(fake, TOM)
        await tom.say("/start")
        answer = await tom.say("/web")
        [[button]] = answer.buttons
        assert button["web_app"]["url"].startswith(f"{PUBLIC}/login?t=") and "url" not in button
        [menu] = fake.called("setChatMenuButton")
        assert menu.params["menu_button"]["type"] == "web_app"
        assert menu.params["menu_button"]["web_app"]["url"] == f"{PUBLIC}/signin"


async def test_in_a_group_the_link_stays_a_plain_url_button(fake: FakeTelegram, db: Database) -> None:
    crm = Crm(db, clock=lambda: NOW, web_url=PUBLIC)
    async with running(fake, crm, public_url=PUBLIC):
        team = Phone(fake, TOM, group_chat(-500, "Sales"))
        await team.say("/start")
        answer = await team.say("/web")
        [[button]] = answer.buttons
        assert button["url"].startswith(f"{PUBLIC}/login?t=") and "web_app" not in button


async def test_no_menu_button_without_a_public_https_address(fake: FakeTelegram, db: Database) -> None:
    crm = Crm(db, clock=lambda: NOW, web_url="http://127.0.0.1:8080")
    async with running(fake, crm):
        tom = Phone(fake, TOM)
        await tom.say("/start")
        [[button]] = (await tom.say("/web")).buttons
        assert "web_app" not in button and button["url"].startswith("http://127.0.0.1:8080/login")
        assert fake.called("setChatMenuButton") == []


def test_console_and_slack_see_a_web_app_button_as_a_link() -> None:
    keyboard, links = inline_keyboard([[Button("Open", url="mailto:a@b.de", web_app=True)]])
    assert keyboard is None and links == ["Open: a@b.de"]
