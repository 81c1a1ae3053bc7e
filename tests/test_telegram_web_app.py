"""The web companion as a Telegram Mini App: /web answers with a web_app button, the menu button opens it."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from pydantic import SecretStr
from telegram.ext import Application

from bot.config import Settings
from bot.telegram.channel import ALLOWED_UPDATES, build_application
from bot.telegram.render import inline_keyboard
from handlers.engine import Crm
from handlers.texts.reply import Button
from storage.db import Database
from tests.conftest import NOW
from tests.fake_telegram import TOKEN, FakeTelegram, group_chat
from tests.test_telegram import TEST_LIMITS, TOM, Phone

PUBLIC = "https://crm.example.com"


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    server = FakeTelegram()
    await server.start()
    yield server
    await server.stop()


@asynccontextmanager
async def serving(fake: FakeTelegram, crm: Crm, public_url: str) -> AsyncIterator[Application[Any, Any, Any, Any, Any, Any]]:
    """The bot with WEB_PUBLIC_URL set, as `run_telegram` starts it, against the fake server."""
    settings = Settings(telegram_bot_token=SecretStr(TOKEN), telegram_api_url=fake.url, web_public_url=public_url)
    application = build_application(settings, crm, limits=TEST_LIMITS)
    async with application:
        assert application.post_init is not None
        await application.post_init(application)
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0, timeout=10, allowed_updates=ALLOWED_UPDATES)
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()


async def test_web_in_a_private_chat_answers_with_a_mini_app_button_and_sets_the_menu(fake: FakeTelegram,
                                                                                        db: Database) -> None:
    crm = Crm(db, clock=lambda: NOW, web_url=PUBLIC)
    async with serving(fake, crm, PUBLIC):
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
    async with serving(fake, crm, PUBLIC):
        team = Phone(fake, TOM, group_chat(-500, "Sales"))
        await team.say("/start")
        answer = await team.say("/web")
        [[button]] = answer.buttons
        assert button["url"].startswith(f"{PUBLIC}/login?t=") and "web_app" not in button


async def test_no_menu_button_without_a_public_https_address(fake: FakeTelegram, db: Database) -> None:
    crm = Crm(db, clock=lambda: NOW, web_url="http://127.0.0.1:8080")
    async with serving(fake, crm, ""):
        tom = Phone(fake, TOM)
        await tom.say("/start")
        [[button]] = (await tom.say("/web")).buttons
        assert "web_app" not in button and button["url"].startswith("http://127.0.0.1:8080/login")
        assert fake.called("setChatMenuButton") == []


def test_console_and_slack_see_a_web_app_button_as_a_link() -> None:
    keyboard, links = inline_keyboard([[Button("Open", url="mailto:a@b.de", web_app=True)]])
    assert keyboard is None and links == ["Open: a@b.de"]
