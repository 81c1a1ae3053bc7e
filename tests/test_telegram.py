"""The Telegram channel end to end: the real python-telegram-bot, polling a fake Bot API server on 127.0.0.1."""

import itertools
import logging
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timezone
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy import func
from sqlmodel import Session, select
from telegram.ext import Application

from bot.config import Settings
from bot.scheduler import Scheduler
from bot.telegram.channel import (
    ALLOWED_UPDATES,
    TelegramNotifier,
    build_application,
    webhook_options,
)
from bot.telegram.limits import RateLimits
from bot.telegram.render import MAX_TEXT, inline_keyboard, split_text, units
from handlers.engine import Crm
from handlers.exchange.ocr import available as ocr_available
from handlers.texts.reply import Button, Notification, Reply
from storage.db import Database
from storage.models import Attachment, Contact, Interaction, Member, Task, Workspace
from tests.card_images import cards, render
from tests.fake_telegram import (
    TOKEN,
    Call,
    FakeTelegram,
    button_press,
    group_chat,
    message,
    private_chat,
    user,
)

TOM = user(7001, "Tom", "Field", username="tomfield")
LENA = user(7002, "Lena", "Braun", username="lena_b", language="de")
ALICE = user(7003, "Alice", "Kern")
BOB = user(7004, "Bob", "Vogt")
STRANGER = user(6666, "Eve", username="eve")
# Telegram's limits, except the per-chat spacing (1 message a second would make a conversation take seconds).
TEST_LIMITS = RateLimits(chat_burst=0)


@asynccontextmanager
async def running(fake: FakeTelegram, crm: Crm, *, allowed: str = "", limits: RateLimits = TEST_LIMITS,
                  public_url: str = "") -> AsyncIterator[Application[Any, Any, Any, Any, Any, Any]]:
    """The bot as `run_telegram` runs it (initialize, post_init, start, poll), against the fake server;
    `public_url` is WEB_PUBLIC_URL (the web companion's address)."""
    settings = Settings(telegram_bot_token=SecretStr(TOKEN), telegram_api_url=fake.url, telegram_allowed_users=allowed,
                        web_public_url=public_url)
    application = build_application(settings, crm, limits=limits)
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


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    server = FakeTelegram()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def bot(fake: FakeTelegram, crm: Crm) -> AsyncIterator[FakeTelegram]:
    async with running(fake, crm):
        yield fake


class Phone:
    """One Telegram user in one chat: sends updates through the fake server and waits for the bot's answers."""

    def __init__(self, fake: FakeTelegram, person: dict[str, Any], chat: dict[str, Any] | None = None) -> None:
        self.fake = fake
        self.person = person
        self.chat = chat or private_chat(person)
        self.seen = 0

    async def send(self, text: str | None = None, *, replies: int = 1, **content: Any) -> list[Call]:
        self.seen = len(self.fake.calls)
        self.fake.push(message(self.person, self.chat, text, **content))
        return await self.expect(replies)

    async def say(self, text: str) -> Call:
        [answer] = await self.send(text)
        return answer

    async def press(self, label: str, *, replies: int = 1) -> list[Call]:
        """Press the button labelled `label` under the newest bot message that has one."""
        pressed = self.message_with(label)
        data = next(b["callback_data"] for row in pressed["reply_markup"]["inline_keyboard"] for b in row
                    if label in b["text"])
        self.seen = len(self.fake.calls)
        update = self.fake.push(button_press(self.person, pressed, data))
        query_id = update["callback_query"]["id"]
        await self.fake.wait_for(lambda: [c for c in self.fake.called("answerCallbackQuery")
                                          if c.params["callback_query_id"] == query_id])
        return await self.expect(replies)

    async def expect(self, count: int) -> list[Call]:
        """The next `count` calls that put something into this chat."""
        if count == 0:
            return []
        def arrived() -> list[int] | None:
            found = self.fake.reply_positions(self.chat["id"], self.seen)
            return found[:count] if len(found) >= count else None
        indices = await self.fake.wait_for(arrived)
        self.seen = indices[-1] + 1
        return [self.fake.calls[i] for i in indices]

    def message_with(self, label: str) -> dict[str, Any]:
        for (chat_id, _), sent in sorted(self.fake.messages.items(), key=lambda item: -item[0][1]):
            rows = (sent.get("reply_markup") or {}).get("inline_keyboard", [])
            if chat_id == self.chat["id"] and any(label in b["text"] for row in rows for b in row):
                return sent
        raise AssertionError(f"no message with a {label!r} button")


def labels(call: Call) -> list[str]:
    return [button["text"] for row in call.buttons for button in row]


def count(db: Database, model: type, *conditions: Any) -> int:
    with Session(db.engine) as session:
        return session.exec(select(func.count()).select_from(model).where(*conditions)).one()


async def test_onboarding_in_german_and_the_zone_from_a_location(bot: FakeTelegram, db: Database) -> None:
    lena = Phone(bot, LENA)
    welcome = await lena.say("/start")
    assert welcome.text.startswith("Hallo Lena Braun! Ich bin crmbot")
    assert [b["callback_data"] for b in welcome.buttons[0]] == ["/tz Europe/Berlin", "/tz Europe/Vienna",
                                                               "/tz Europe/Zurich"]
    [located] = await lena.send(location={"latitude": 48.2082, "longitude": 16.3738})
    assert located.text.splitlines()[0] == "Zeitzone aus deinem Standort: Europe/Vienna."
    with Session(db.engine) as session:
        member = session.exec(select(Member)).one()
    assert (member.language, member.timezone) == ("de", "Europe/Vienna")
    [zurich] = await lena.press("Europe/Zurich")
    assert zurich.method == "sendMessage" and zurich.text == "Zeitzone ist jetzt Europe/Zurich."


async def test_a_name_of_forty_emoji_keeps_every_button(bot: FakeTelegram, db: Database) -> None:
    tom = Phone(bot, TOM)
    name = "Zoë Ängström " + "🎉" * 40
    offer = await tom.say(f"/show {name}")
    assert labels(offer) == [f'➕ Add contact "{name}"']
    assert all(len(b["callback_data"].encode()) <= 64 for row in offer.buttons for b in row)
    [added] = await tom.press("Add contact")
    assert added.text.startswith(f"👤 Added {name}")
    assert labels(added)[:3] == ["📝 Note", "⏰ Task", "💼 Deal"]
    assert count(db, Contact) == 1


async def test_command_menus_in_english_and_german(bot: FakeTelegram) -> None:
    english, german = bot.called("setMyCommands")
    names = {c["command"] for c in english.params["commands"]}
    assert {"add", "task", "tasks", "done", "pipeline", "find", "tz"} <= names
    assert "language_code" not in english.params and german.params["language_code"] == "de"
    german_names = [c["command"] for c in german.params["commands"]]
    assert {"neu", "notiz", "aufgabe", "aufgaben", "erledigt", "suche", "termin", "phase", "loeschen",
            "rueckgaengig"} <= set(german_names)
    assert all(name.isascii() and name.replace("_", "").isalnum() and name.islower() for name in german_names)
    assert {"command": "neu", "description": "Kontakt anlegen"} in german.params["commands"]


async def test_a_day_in_the_field(bot: FakeTelegram, db: Database) -> None:
    tom = Phone(bot, TOM)
    captured = await tom.say("met Anna Schulz from Acme, wants a demo next tuesday 10am")
    assert captured.text.startswith("👤 New contact: Anna Schulz (Acme)\n🤝 Meeting saved\n⏰ Task: wants a demo")
    assert labels(captured) == ["↩️ Undo all", "📅 Other date", "👤 Anna Schulz"]

    task = await tom.say("/task@crm_test_bot call anna tomorrow 9am")
    assert task.text == "⏰ Task #2: call anna · Thu 26 Nov 09:00 · 👤 Anna Schulz"
    [snoozed] = await tom.press("+1 h")  # the task's own buttons: the message itself changes
    assert snoozed.method == "editMessageText" and snoozed.params["message_id"] == task.result["message_id"]
    assert snoozed.text == "⏰ #2 call anna is now due Wed 25 Nov 12:30."  # an hour from now
    [done] = await tom.press("Done")
    assert (done.method, done.text) == ("editMessageText", "✅ Done: #2 call anna")
    assert labels(done) == ["↩️ Undo"]

    await tom.say("/deal Acme rollout 12k EUR proposal")
    pipeline, chart = await tom.send("/pipeline", replies=2)
    assert pipeline.text.startswith("📊 Pipeline\nProposal: 1 · 12,000 EUR (weighted 6,000 EUR)\n  #1 Acme rollout · 12,000 EUR")
    assert chart.method == "sendPhoto" and chart.files == ("photo",)  # a picture, not a document
    assert chart.params["caption"] == "Open pipeline by stage (won and lost below the line)"
    tasks = await tom.say("/tasks")
    assert "wants a demo" in tasks.text and "call anna" not in tasks.text
    assert count(db, Contact) == 1 and count(db, Task, Task.done_at.is_not(None)) == 1  # type: ignore[union-attr]
    assert all(c.status == 200 for c in bot.calls)


async def test_the_same_update_delivered_twice_creates_one_contact(bot: FakeTelegram, db: Database) -> None:
    tom = Phone(bot, TOM)
    update = bot.push(message(tom.person, tom.chat, "/add Anna Schulz, Acme GmbH"))
    await tom.expect(1)
    bot.push(update, redeliver=True)  # e.g. the bot crashed before getUpdates confirmed the offset
    contacts = await tom.say("/contacts")  # one chat is handled in order: the redelivery went first
    assert contacts.text.startswith("Contacts (1 of 1")
    assert [c.text for c in bot.replies(tom.chat["id"])] == ["👤 Added Anna Schulz (Acme GmbH).", contacts.text]
    assert count(db, Contact) == 1
    assert bot.handed_out[update["update_id"]] > 0


async def test_a_stale_button_answers_sensibly(bot: FakeTelegram, db: Database) -> None:
    tom = Phone(bot, TOM)
    await tom.say("/add Anna Schulz")
    await tom.say("/task call anna tomorrow 9am")
    await tom.say("/delete anna")
    [deleted] = await tom.press("Delete")
    assert (deleted.method, deleted.text) == ("editMessageText", "🗑 Deleted Anna Schulz with their notes and tasks.")
    [stale] = await tom.press("Done")  # under the task message, whose task went with the contact
    assert stale.method == "sendMessage"
    assert stale.text == "That record no longer exists (it was deleted or merged). Nothing was changed."
    assert len(bot.called("answerCallbackQuery")) == 2 and count(db, Task) == 0


async def test_a_429_is_retried_after_retry_after(bot: FakeTelegram) -> None:
    tom = Phone(bot, TOM)
    bot.throttle("sendMessage", times=1, retry_after=1)
    answer = await tom.say("/contacts")
    assert answer.text.startswith("No contacts yet")
    refused, delivered = bot.called("sendMessage")
    assert refused.status == 429 and delivered.status == 200
    assert delivered.at - refused.at >= 1.0


async def test_only_allowed_users_get_in(fake: FakeTelegram, crm: Crm, db: Database) -> None:
    async with running(fake, crm, allowed="@TomField, 7002"):
        eve = Phone(fake, STRANGER)
        refusal = await eve.say("/add Anna Schulz")
        assert refusal.text.startswith("Sorry, this is a private CRM.") and "6666" in refusal.text
        assert count(db, Workspace) == 0 and count(db, Member) == 0
        assert (await Phone(fake, TOM).say("/add Anna Schulz")).text == "👤 Added Anna Schulz."
        assert (await Phone(fake, LENA).say("/kontakte")).text.startswith("Noch keine Kontakte")
        assert count(db, Member) == 2 and count(db, Member, Member.external_id == "6666") == 0
        pressed = next(iter(fake.messages.values()))
        fake.push(button_press(STRANGER, pressed, "/contacts"))
        [alert] = await fake.wait_for(lambda: fake.called("answerCallbackQuery"))
        assert alert.params["show_alert"] is True and alert.params["text"].startswith("Sorry, this is a private CRM")
        assert count(db, Member, Member.external_id == "6666") == 0


async def test_a_group_is_one_workspace_for_its_members(bot: FakeTelegram, db: Database) -> None:
    team = group_chat(-100123, "Acme Sales")
    alice, bob = Phone(bot, ALICE, team), Phone(bot, BOB, team)
    added = await alice.say("/add Anna Schulz, Acme GmbH")
    assert added.params["reply_parameters"]["message_id"] > 0  # in a group the answer quotes the question
    found = await bob.say("/find anna")
    assert "Anna Schulz" in found.text
    await bob.send("/contacts@some_other_bot", replies=0)
    assert (await bob.say("/contacts@crm_test_bot")).text.startswith("Contacts (1 of 1")
    assert len(bot.replies(-100123)) == 3  # the command for another bot got no answer
    with Session(db.engine) as session:
        workspace = session.exec(select(Workspace)).one()
        members = session.exec(select(Member).order_by(Member.id)).all()  # type: ignore[arg-type]
    assert (workspace.key, workspace.name) == ("telegram:-100123", "Acme Sales")
    assert [(m.external_id, m.role) for m in members] == [("7003", "owner"), ("7004", "rep")]


async def test_a_shared_contact_becomes_a_crm_contact(bot: FakeTelegram, db: Database) -> None:
    tom = Phone(bot, TOM)
    shared = {"phone_number": "491701234567", "first_name": "Anna", "last_name": "Schulz", "user_id": 9001}
    [added] = await tom.send(contact=shared)
    assert added.text == "👤 Added Anna Schulz.\n📞 Call: +491701234567"
    with Session(db.engine) as session:
        assert session.exec(select(Contact.phone)).one() == "+491701234567"
    [again] = await tom.send(contact=shared)
    assert again.text.startswith("\"Anna Schulz\" looks like a contact you already have")
    assert count(db, Contact) == 1


async def test_a_forwarded_message_becomes_a_note(bot: FakeTelegram, db: Database) -> None:
    tom = Phone(bot, TOM)
    await tom.say("/add Anna Schulz")
    origin = {"type": "user", "date": 1700000000, "sender_user": user(9001, "Anna", "Schulz")}
    [noted] = await tom.send("Please send the quote by Friday", forward_origin=origin)
    assert noted.text == "📝 Note saved on Anna Schulz."
    hidden = {"type": "hidden_user", "date": 1700000000, "sender_user_name": ""}
    [ask] = await tom.send("Can we move the meeting?", forward_origin=hidden)
    assert ask.text.startswith("Which contact")
    assert (await tom.say("anna")).text == "📝 Note saved on Anna Schulz."
    with Session(db.engine) as session:
        notes = session.exec(select(Interaction.text).order_by(Interaction.id)).all()  # type: ignore[arg-type]
    assert notes == ["Please send the quote by Friday", "Can we move the meeting?"]


async def test_files_go_to_the_contact_and_come_back_by_file_id(bot: FakeTelegram, db: Database) -> None:
    tom = Phone(bot, TOM)
    await tom.say("/add Anna Schulz, Acme GmbH")
    document = {"file_id": "DOC-1", "file_unique_id": "d1", "file_name": "contract.pdf"}
    [saved] = await tom.send(caption="Anna: signed contract", document=document)
    assert saved.text == "📎 File saved on Anna Schulz (Acme GmbH)."
    photo = [{"file_id": "PHOTO-small", "file_unique_id": "p0", "width": 90, "height": 90},
             {"file_id": "PHOTO-1", "file_unique_id": "p1", "width": 1280, "height": 960}]
    await tom.send(caption="anna: business card", photo=photo)
    listing, *files = await tom.send("/files anna", replies=3)
    assert listing.text.startswith("Files on Anna Schulz:") and "contract.pdf" in listing.text
    assert {(c.method, c.params.get("document") or c.params.get("photo")) for c in files} == {
        ("sendDocument", "DOC-1"), ("sendPhoto", "PHOTO-1")}
    with Session(db.engine) as session:
        assert set(session.exec(select(Attachment.kind, Attachment.channel)).all()) == {
            ("document", "telegram"), ("photo", "telegram")}


async def test_a_csv_sent_in_chat_is_previewed_then_imported(bot: FakeTelegram, db: Database) -> None:
    tom = Phone(bot, TOM)
    bot.files["CSV-1"] = "Name;E-Mail;Telefon\nAnna Schulz;anna@acme.de;+49 170 1234567\nJörg Müller;;\n".encode("cp1252")
    document = {"file_id": "CSV-1", "file_unique_id": "c1", "file_name": "kontakte.csv"}
    [preview] = await tom.send(document=document)
    assert "➕ New contacts: 2" in preview.text
    assert count(db, Contact) == 0  # nothing before the confirmation
    await tom.press(labels(preview)[0])
    with Session(db.engine) as session:
        assert sorted(session.exec(select(Contact.name)).all()) == ["Anna Schulz", "Jörg Müller"]


@pytest.mark.skipif(not ocr_available(), reason="tesseract-ocr with deu and eng is not installed (.ci/run installs it)")
async def test_a_business_card_photo_is_previewed_then_saved(bot: FakeTelegram, db: Database) -> None:
    tom = Phone(bot, TOM)
    bot.files["CARD-1"] = render(cards()[0])
    photo = [{"file_id": "CARD-1", "file_unique_id": "k1", "width": 1180, "height": 820}]
    [preview] = await tom.send(photo=photo)
    assert preview.text.startswith("📇 I read this business card:") and "👤 Anna Schulz" in preview.text
    assert labels(preview) == ["💾 Save", "✏️ Fix a field", "Cancel"]
    assert count(db, Contact) == 0
    [saved] = await tom.press("💾 Save")
    assert saved.text.startswith("👤 Contact saved from the card: Anna Schulz (Acme GmbH)")
    with Session(db.engine) as session:
        assert session.exec(select(Attachment.file_id, Attachment.contact_id)).all() == [("CARD-1", 1)]


async def test_call_and_email_links_show_as_text(bot: FakeTelegram) -> None:
    tom = Phone(bot, TOM)
    await tom.say("/add Anna Schulz, anna@acme.de, +49 170 1234567")
    card = await tom.say("/show anna")
    assert card.text.endswith("📞 Call: +491701234567\n✉️ E-mail: anna@acme.de")
    assert labels(card) == ["📝 Note", "⏰ Task", "💼 Deal"]  # Telegram takes no tel:/mailto: in buttons


async def test_long_replies_are_split_below_the_limit(fake: FakeTelegram, crm: Crm) -> None:
    lines = [f"⏰ #{i} follow up with customer number {i} about the renewal" for i in range(200)]
    reply = Reply("\n".join(lines), buttons=[[Button("✅ #1", command="/done 1")]])
    settings = Settings(telegram_bot_token=SecretStr(TOKEN), telegram_api_url=fake.url)
    async with build_application(settings, crm, limits=TEST_LIMITS) as application:
        await TelegramNotifier(application.bot).deliver(Notification(f"telegram:{TOM['id']}", str(TOM["id"]), 1, reply))
    sent = fake.replies(TOM["id"])
    assert len(sent) == 3 and all(units(c.text) <= MAX_TEXT for c in sent)
    assert "\n".join(c.text for c in sent) == reply.text  # cut at line ends only
    assert [bool(c.buttons) for c in sent] == [False, False, True]


def test_split_text_counts_like_telegram() -> None:
    assert split_text("a\nb", limit=3) == ["a\nb"]
    assert split_text("ab\ncd", limit=3) == ["ab", "cd"]
    assert split_text("😀" * 3, limit=4) == ["😀😀", "😀"]  # an emoji is two UTF-16 units
    assert split_text("one two three", limit=8) == ["one two", "three"]
    assert split_text("") == []


def test_buttons_that_telegram_would_reject_are_left_out(caplog: pytest.LogCaptureFixture) -> None:
    keyboard, links = inline_keyboard([[Button("ok", command="/done 42"), Button("long", command="/x " + "y" * 62)],
                                       [Button("📞 Call", url="tel:+491701234567"),
                                        Button("Web", url="https://acme.de")]])
    assert keyboard is not None
    assert [[b.text for b in row] for row in keyboard.inline_keyboard] == [["ok"], ["Web"]]
    assert links == ["📞 Call: +491701234567"]
    assert "longer than 64 bytes" in caplog.text


async def test_an_adapter_failure_is_logged_answered_and_survived(bot: FakeTelegram,
                                                                 caplog: pytest.LogCaptureFixture) -> None:
    tom = Phone(bot, TOM)
    bot.fail("sendMessage", times=1, description="Bad Request: can't parse entities")
    with caplog.at_level(logging.ERROR, logger="bot.telegram.channel"):
        apology = await tom.say("/contacts")
    assert apology.text.startswith("Sorry, something went wrong on my side.")
    assert "telegram update 1000 failed" in caplog.text  # the fake numbers updates from 1000
    assert (await tom.say("/contacts")).text.startswith("No contacts yet")


async def test_one_chat_gets_one_message_per_period_without_holding_up_others(fake: FakeTelegram, crm: Crm) -> None:
    spaced = RateLimits(chat_burst=1, chat_seconds_per_message=0.5)  # Telegram's 1 per second, twice as fast
    async with running(fake, crm, limits=spaced):
        tom, lena = Phone(fake, TOM), Phone(fake, LENA)
        for _ in range(3):
            fake.push(message(tom.person, tom.chat, "/contacts"))
        [answer] = await lena.send("/kontakte")
        sent = await tom.expect(3)
        assert all(b.at - a.at >= 0.45 for a, b in itertools.pairwise(sent))
        assert answer.at < sent[-1].at  # Lena's chat did not wait a second for Tom's


async def test_webhook_checks_the_secret_token(fake: FakeTelegram, crm: Crm) -> None:
    settings = Settings(telegram_bot_token=SecretStr(TOKEN), telegram_api_url=fake.url)
    application = build_application(settings, crm, limits=TEST_LIMITS)
    options = webhook_options("https://crm.example.com/telegram/hook", "s3cret-Token_1", listen="127.0.0.1", port=0)
    options["port"] = free_port()
    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_webhook(**options)
        try:
            assert fake.webhook["url"] == "https://crm.example.com/telegram/hook"
            assert fake.webhook["secret_token"] == "s3cret-Token_1"
            update = message(TOM, private_chat(TOM), "/contacts") | {"update_id": 77}
            url = f"http://127.0.0.1:{options['port']}/telegram/hook"
            async with httpx.AsyncClient() as client:
                forged = await client.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "nope"})
                real = await client.post(url, json=update,
                                         headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-Token_1"})
            assert (forged.status_code, real.status_code) == (403, 200)
            [answer] = await fake.wait_for(lambda: fake.replies(TOM["id"]))
            assert answer.text.startswith("No contacts yet")
        finally:
            await application.updater.stop()
            await application.stop()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_webhook_secret_must_be_what_telegram_accepts() -> None:
    with pytest.raises(ValueError):
        webhook_options("https://x.example/hook", "no spaces allowed")
    assert len(webhook_options("https://x.example/hook", None)["secret_token"]) >= 32


TEAM = group_chat(-100555, "Field Team")
TEAM_DUE = datetime(2026, 11, 25, 11, 0, tzinfo=timezone.utc)  # "today 12:00" in Berlin


async def remind(application: Application[Any, Any, Any, Any, Any, Any], crm: Crm) -> list[Notification]:
    """One scheduler pass at the team task's due time, delivering through the Telegram notifier."""
    notifier = TelegramNotifier(application.bot, crm)
    return await Scheduler(crm.db, {"telegram": notifier}, clock=lambda: TEAM_DUE, owner="test").tick()


async def test_a_group_reminder_goes_privately_to_a_member_with_a_private_chat(fake: FakeTelegram, crm: Crm,
                                                                               db: Database) -> None:
    async with running(fake, crm) as application:
        tom, tom_alone = Phone(fake, TOM, TEAM), Phone(fake, TOM)
        await tom.say("/task call Anna today 12:00")
        await tom_alone.say("/tasks")  # Tom has a private chat with the bot
        seen = len(fake.calls)
        [sent] = await remind(application, crm)
        [private] = fake.replies(TOM["id"], seen)
        assert private.text.startswith("⏰ Reminder: call Anna") and fake.replies(TEAM["id"], seen) == []
        tom_alone.seen = len(fake.calls)
        [done] = await tom_alone.press("Done")  # the button acts on the team's task, from the private chat
        assert "done" in done.text.casefold() and done.params["chat_id"] == TOM["id"]
        assert count(db, Task, Task.id == sent.task_id, Task.done_at != None) == 1  # noqa: E711


async def test_a_group_reminder_mentions_a_member_without_a_private_chat(fake: FakeTelegram, crm: Crm) -> None:
    async with running(fake, crm) as application:
        await Phone(fake, ALICE, TEAM).say("/task call Anna today 12:00")
        seen = len(fake.calls)
        await remind(application, crm)
        [posted] = fake.replies(TEAM["id"], seen)
    assert posted.text.startswith("Alice Kern: ⏰ Reminder: call Anna")
    assert posted.params["entities"] == [{"type": "text_mention", "offset": 0, "length": 10,
                                          "user": {"id": ALICE["id"], "is_bot": False, "first_name": "Alice Kern"}}]


async def test_a_member_who_blocked_the_bot_is_reminded_in_the_group(fake: FakeTelegram, crm: Crm) -> None:
    async with running(fake, crm) as application:
        await Phone(fake, TOM, TEAM).say("/task call Anna today 12:00")
        await Phone(fake, TOM).say("/tasks")
        fake.blocked.add(TOM["id"])
        seen = len(fake.calls)
        assert len(await remind(application, crm)) == 1
        [refused] = [c for c in fake.calls[seen:] if c.params.get("chat_id") == TOM["id"]]
        [posted] = fake.replies(TEAM["id"], seen)
    assert refused.status == 403
    assert posted.text.startswith("Tom Field: ⏰ Reminder: call Anna")
    assert [b["callback_data"] for row in posted.buttons for b in row][0] == "/done 1"  # in the group, as is


async def test_a_group_button_from_a_stranger_in_private_changes_nothing(fake: FakeTelegram, crm: Crm,
                                                                         db: Database) -> None:
    async with running(fake, crm):
        await Phone(fake, ALICE, TEAM).say("/task call Anna today 12:00")
        stranger = Phone(fake, STRANGER)
        await stranger.say("/tasks")
        forged = {"message_id": 99, "date": 0, "chat": stranger.chat, "from": TOM, "text": "x"}
        update = fake.push(button_press(STRANGER, forged, f"/done 1 @{TEAM['id']}"))
        query_id = update["callback_query"]["id"]
        await fake.wait_for(lambda: [c for c in fake.called("answerCallbackQuery")
                                     if c.params["callback_query_id"] == query_id])
        await stranger.say("/tasks")  # processed after the press (one chat's updates go in order)
    assert count(db, Task, Task.done_at != None) == 0  # noqa: E711
