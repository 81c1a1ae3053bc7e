"""The Telegram channel: python-telegram-bot's Application in front of the engine.

Every message and button press becomes an `Incoming` for `Crm.handle` (run in a thread: it blocks on the
database); the reply goes back through `telegram_render`. Updates of one chat are handled in order, different
chats side by side; outgoing calls pass Telegram's flood limits (`telegram_limits`).
"""

import asyncio
import contextlib
import logging
import re
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from telegram import Bot, Message, Update, User
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.config import Settings
from bot.telegram.incoming import chat_key, for_group, group_of, incoming, message_input
from bot.telegram.limits import FloodLimiter, PerChatUpdateProcessor, RateLimits
from bot.telegram.menu import menu, web_app_button
from bot.telegram.render import Mention, send_reply
from handlers.engine import Crm, wants_card
from handlers.texts.catalogue import TELEGRAM, language_of
from handlers.texts.reply import FileRef, Incoming, Notification, Reply

logger = logging.getLogger(__name__)

ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]
CONCURRENT_UPDATES = 16  # updates in flight; the database work runs on asyncio's default thread pool
TELEGRAM_LIMITS = RateLimits()
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what Telegram accepts as a webhook secret token
Context = ContextTypes.DEFAULT_TYPE


def edge_text(user: User | None, key: str, **params: object) -> str:
    """This channel's own words, in the language of the user."""
    language = language_of(user.language_code if user else None)
    return TELEGRAM.t(language, key, **params)


@dataclass(frozen=True)
class AllowList:
    """TELEGRAM_ALLOWED_USERS: numeric ids and @usernames; empty lets everyone in."""

    ids: frozenset[int] = frozenset()
    usernames: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, setting: str) -> "AllowList":
        entries = [entry.strip() for entry in re.split(r"[,\s]+", setting) if entry.strip()]
        return cls(frozenset(int(e) for e in entries if e.lstrip("-").isdigit()),
                   frozenset(e.lstrip("@").casefold() for e in entries if not e.lstrip("-").isdigit()))

    def admits(self, user: User | None) -> bool:
        if not self.ids and not self.usernames:
            return True
        if user is None:
            return False
        return user.id in self.ids or (user.username or "").casefold() in self.usernames


def about_one_record(message: Message) -> bool:
    """Whether all buttons under a message act on one record (a task's done/snooze/date, one choice's candidates).

    A button press that changed that record then replaces the message; under a list it answers anew.
    """
    markup = message.reply_markup
    targets = {data.split()[1] for row in (markup.inline_keyboard if markup else ()) for button in row
               if isinstance(data := button.callback_data, str) and len(data.split()) > 1
               and not data.startswith("/undo ")}  # an undo button names its command, not a record
    return len(targets) == 1


class TelegramChannel:
    """The handlers: the allow list first, then messages and button presses through the engine."""

    def __init__(self, crm: Crm, allowed: AllowList) -> None:
        self.crm = crm
        self.allowed = allowed

    def register(self, application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        content = filters.TEXT | filters.LOCATION | filters.CONTACT | filters.PHOTO | filters.Document.ALL
        application.add_handler(TypeHandler(Update, self.guard), group=-1)
        application.add_handler(MessageHandler(filters.UpdateType.MESSAGE & content, self.on_message))
        application.add_handler(CallbackQueryHandler(self.on_button))
        application.add_error_handler(self.on_error)

    async def guard(self, update: Update, context: Context) -> None:
        """Refuse anyone not on the allow list, politely, before the engine stores anything about them."""
        user = update.effective_user
        if self.allowed.admits(user):
            return
        logger.info("refused user %s (update %s)", user.id if user else None, update.update_id)
        refusal = edge_text(user, "not_allowed", id=user.id if user else "?")
        message = update.message
        if update.callback_query is not None:
            with contextlib.suppress(BadRequest):
                await update.callback_query.answer(refusal, show_alert=True)
        elif message is not None and (message.chat.type == ChatType.PRIVATE or (message.text or "").startswith("/")):
            await context.bot.send_message(message.chat_id, refusal)  # in a group, only commands get an answer
        raise ApplicationHandlerStop

    async def on_message(self, update: Update, context: Context) -> None:
        message = update.message
        assert message is not None
        found = message_input(message, context.bot.username)
        if found is None:
            return
        text, file = found
        if file is not None and file.kind == "document" and Crm.is_import_file(file.filename, text):
            reply = await self.preview_import(update, context, file)
        elif file is not None and wants_card(file, text):
            reply = await self.read_card(update, context, file)
        else:
            reply = await self.ask(incoming(update, text, bot_id=context.bot.id, attachment=file))
        if not reply.duplicate:
            in_group = message.chat.type != ChatType.PRIVATE
            await send_reply(context.bot, message.chat_id, reply, reply_to=message.message_id if in_group else None)

    async def preview_import(self, update: Update, context: Context, file: FileRef) -> Reply:
        """A CSV or vCard file: download it (Bot API files are at most 20 MB) and show the import preview."""
        telegram_file = await context.bot.get_file(file.file_id)
        content = bytes(await telegram_file.download_as_bytearray())
        message = incoming(update, "", bot_id=context.bot.id)
        return await asyncio.to_thread(self.crm.upload_import, message, file.filename, content)

    async def read_card(self, update: Update, context: Context, file: FileRef) -> Reply:
        """A photo without a caption: download it and read it as a business card (a preview first)."""
        telegram_file = await context.bot.get_file(file.file_id)
        content = bytes(await telegram_file.download_as_bytearray())
        message = incoming(update, "", bot_id=context.bot.id)
        return await asyncio.to_thread(self.crm.scan_card, message, file, content)

    async def on_button(self, update: Update, context: Context) -> None:
        query = update.callback_query
        assert query is not None
        with contextlib.suppress(BadRequest):  # a redelivered press: its query was answered before
            await query.answer()
        chat = update.effective_chat
        if not isinstance(query.data, str) or chat is None:
            return
        command, group_id = group_of(query.data)
        if group_id is not None and not await self.in_group(update, group_id):
            return
        reply = await self.ask(incoming(update, command, bot_id=context.bot.id, group_id=group_id))
        if reply.duplicate:
            return
        if group_id is not None:
            reply = for_group(reply, group_id)
        pressed = query.message if isinstance(query.message, Message) else None
        edit = pressed if pressed is not None and reply.changed and about_one_record(pressed) else None
        await send_reply(context.bot, chat.id, reply, edit=edit)

    async def in_group(self, update: Update, group_id: int) -> bool:
        """Whether a press in a private chat may act in the group: only one of the group's members may."""
        chat, user = update.effective_chat, update.effective_user
        if chat is None or user is None or chat.type != ChatType.PRIVATE:
            return False
        return await asyncio.to_thread(self.crm.member_language, chat_key(group_id), str(user.id)) is not None

    async def ask(self, message: Incoming) -> Reply:
        return await asyncio.to_thread(self.crm.handle, message)

    async def on_error(self, update: object, context: Context) -> None:
        """Log an adapter failure with its update id and apologise; the bot keeps running."""
        update_id = update.update_id if isinstance(update, Update) else None
        logger.error("telegram update %s failed", update_id, exc_info=context.error)
        if isinstance(update, Update) and update.effective_chat is not None:
            try:
                await context.bot.send_message(update.effective_chat.id, edge_text(update.effective_user, "sorry"))
            except TelegramError:
                logger.warning("could not apologise for update %s", update_id, exc_info=True)


class TelegramNotifier:
    """Delivers the scheduler's reminders and digests on Telegram ("telegram:<chat id>").

    A private workspace's go into its chat. A group member's go to them privately when they have a private
    chat with the bot (its buttons still act in the group); otherwise, or when Telegram refuses the private
    message (they blocked the bot), into the group with the member's name linked to them.
    """

    def __init__(self, bot: Bot, crm: Crm | None = None) -> None:
        self.bot = bot
        self.crm = crm

    async def deliver(self, notification: Notification) -> None:
        chat_id = int(notification.workspace_key.split(":", 1)[1])
        member = notification.member_external_id
        if chat_id > 0 or not member.isdigit():  # a private chat's ids are positive, a group's negative
            await send_reply(self.bot, chat_id, notification.reply)
            return
        if await self.has_private_chat(int(member)):
            try:
                await send_reply(self.bot, int(member), for_group(notification.reply, chat_id))
                return
            except Forbidden as error:
                logger.info("member %s refuses private messages (%s); reminding in the group", member, error.message)
        mention = Mention(int(member), notification.member_name or member)
        await send_reply(self.bot, chat_id, notification.reply, mention=mention)

    async def has_private_chat(self, user_id: int) -> bool:
        """Whether the user has written to the bot privately (their private workspace knows them)."""
        if self.crm is None:
            return False
        language = await asyncio.to_thread(self.crm.member_language, chat_key(user_id), str(user_id))
        return language is not None


async def set_menus(application: Application[Any, Any, Any, Any, Any, Any], web_url: str = "") -> None:
    """The command menu in English (the default) and German; the menu button opens the web app when it is public."""
    try:
        await application.bot.set_my_commands(menu("en"))
        await application.bot.set_my_commands(menu("de"), language_code="de")
        button = web_app_button(web_url)
        if button is not None:
            await application.bot.set_chat_menu_button(menu_button=button)
    except TelegramError:
        logger.warning("could not set the command menu", exc_info=True)


def build_application(settings: Settings, crm: Crm, *, limits: RateLimits = TELEGRAM_LIMITS,
                      concurrent_updates: int = CONCURRENT_UPDATES) -> Application[Any, Any, Any, Any, Any, Any]:
    """The Application against settings.telegram_api_url, with flood limits and the engine behind it."""
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    root = settings.telegram_api_url.rstrip("/")
    application = (ApplicationBuilder().token(settings.telegram_bot_token.get_secret_value())
                   .base_url(f"{root}/bot").base_file_url(f"{root}/file/bot")
                   .rate_limiter(FloodLimiter(limits))
                   .concurrent_updates(PerChatUpdateProcessor(concurrent_updates))
                   .post_init(partial(set_menus, web_url=settings.web_public_url)).build())
    TelegramChannel(crm, AllowList.parse(settings.telegram_allowed_users)).register(application)
    return application


def webhook_options(url: str, secret: str | None, *, listen: str = "127.0.0.1", port: int = 8443) -> dict[str, Any]:
    """Arguments for run_webhook/start_webhook; without a secret a fresh one is made (Telegram gets it anew)."""
    secret = secret or secrets.token_urlsafe(32)
    if not _SECRET.match(secret):
        raise ValueError("the webhook secret may only hold 1-256 characters A-Z, a-z, 0-9, _ and -")
    return {"listen": listen, "port": port, "url_path": urlsplit(url).path.lstrip("/"), "webhook_url": url,
            "secret_token": secret, "allowed_updates": ALLOWED_UPDATES}


def run_telegram(settings: Settings, crm: Crm, *, webhook_url: str | None = None, webhook_secret: str | None = None,
                 listen: str = "127.0.0.1", port: int = 8443,
                 on_start: Callable[[Application[Any, Any, Any, Any, Any, Any]], Awaitable[None]] | None = None) -> None:
    """Run until interrupted: long polling, or a webhook that checks Telegram's secret token header.

    `on_start` runs on the bot's event loop once it is up (the CLI starts the scheduler there).
    """
    application = build_application(settings, crm)
    if on_start is not None:
        menus = application.post_init

        async def post_init(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
            if menus is not None:
                await menus(app)
            await on_start(app)

        application.post_init = post_init
    if webhook_url is None:
        application.run_polling(allowed_updates=ALLOWED_UPDATES)
    else:
        application.run_webhook(**webhook_options(webhook_url, webhook_secret, listen=listen, port=port))
