"""Replies as Telegram messages: text cut below 4,096 characters, buttons as inline keyboards, files by id."""

import logging
from dataclasses import dataclass, replace

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    MessageEntity,
    ReplyParameters,
    User,
    WebAppInfo,
)
from telegram.constants import MessageEntityType, MessageLimit
from telegram.error import BadRequest

from handlers.texts.reply import Button, Reply

logger = logging.getLogger(__name__)

MAX_TEXT = MessageLimit.MAX_TEXT_LENGTH  # 4096, counted in UTF-16 code units
MAX_CALLBACK_DATA = 64  # bytes
MAX_CAPTION = MessageLimit.CAPTION_LENGTH  # 1024
URL_SCHEMES = ("http://", "https://", "tg://")  # all an inline URL button accepts


@dataclass(frozen=True)
class Rendered:
    """A reply ready for Telegram: message texts (the keyboard goes under the last one) and files."""

    texts: list[str]
    keyboard: InlineKeyboardMarkup | None


@dataclass(frozen=True)
class Mention:
    """A member named at the start of a message, as a link to their account (works without a @username)."""

    user_id: int
    name: str

    def entity(self) -> MessageEntity:
        return MessageEntity(MessageEntityType.TEXT_MENTION, 0, units(self.name),
                             user=User(self.user_id, self.name, is_bot=False))


def render(reply: Reply, *, private: bool = False) -> Rendered:
    """Split the text and build the keyboard; links Telegram can't open from a button become text lines.

    In a private chat a web-app link over https opens as a Mini App (Telegram allows those only there).
    """
    keyboard, links = inline_keyboard(reply.buttons, private=private)
    text = "\n".join([reply.text] + links) if links and reply.text else reply.text or "\n".join(links)
    return Rendered(split_text(text), keyboard)


def inline_keyboard(rows: list[list[Button]], *, private: bool = False) -> tuple[InlineKeyboardMarkup | None, list[str]]:
    """The buttons as an inline keyboard, and the lines for `tel:`/`mailto:` links (tappable in text)."""
    keyboard: list[list[InlineKeyboardButton]] = []
    links: list[str] = []
    for row in rows:
        buttons = []
        for button in row:
            if button.web_app and private and button.url and button.url.startswith("https://"):
                buttons.append(InlineKeyboardButton(button.label, web_app=WebAppInfo(button.url)))
            elif button.url and button.url.startswith(URL_SCHEMES):
                buttons.append(InlineKeyboardButton(button.label, url=button.url))
            elif button.url:
                links.append(f"{button.label}: {button.url.split(':', 1)[1]}")
            elif button.command and len(button.command.encode()) <= MAX_CALLBACK_DATA:
                buttons.append(InlineKeyboardButton(button.label, callback_data=button.command))
            elif button.command:
                logger.warning("button %r dropped: its command is longer than %d bytes", button.label,
                               MAX_CALLBACK_DATA)
        if buttons:
            keyboard.append(buttons)
    return (InlineKeyboardMarkup(keyboard) if keyboard else None), links


def units(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units: an emoji may count two)."""
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Cut the text into messages of at most `limit`, at line ends (at spaces for overlong lines)."""
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for line in text.split("\n"):
        for piece in _cut_line(line, limit):
            extra = units(piece) + (1 if current else 0)
            if current and size + extra > limit:
                chunks.append("\n".join(current))
                current, size, extra = [], 0, units(piece)
            current.append(piece)
            size += extra
    chunks.append("\n".join(current))
    return [chunk for chunk in (c.strip("\n") for c in chunks) if chunk.strip()]


def _cut_line(line: str, limit: int) -> list[str]:
    pieces: list[str] = []
    while units(line) > limit:
        end = len(line)
        while units(line[:end]) > limit:  # shrink from the end (a line here is at most a few thousand chars)
            end = min(end - 1, limit)
        space = line.rfind(" ", 0, end)
        cut = space if space > end // 2 else end
        pieces.append(line[:cut])
        line = line[cut:].lstrip(" ")
    return pieces + [line]


async def send_reply(bot: Bot, chat_id: int, reply: Reply, *, reply_to: int | None = None,
                     edit: Message | None = None, mention: Mention | None = None) -> None:
    """Send the reply to the chat; with `edit`, replace that message instead when the reply fits in one.

    With `mention`, the first message starts with the member's name, linked to them.
    """
    if mention is not None:
        reply = replace(reply, text=f"{mention.name}: {reply.text}")
    rendered = render(reply, private=chat_id > 0)  # a private chat's id is its user's id; groups' are negative
    if edit is not None and len(rendered.texts) == 1 and not reply.files and reply.file is None:
        try:
            await bot.edit_message_text(rendered.texts[0], chat_id=chat_id, message_id=edit.message_id,
                                        reply_markup=rendered.keyboard)
            return
        except BadRequest as error:
            if "not modified" in error.message.lower():
                return
            logger.info("could not edit message %s (%s); sending a new one", edit.message_id, error.message)
    replying = ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to else None
    for number, text in enumerate(rendered.texts, 1):
        last = number == len(rendered.texts)
        first = number == 1
        await bot.send_message(chat_id, text, reply_markup=rendered.keyboard if last else None,
                               reply_parameters=replying if first else None,
                               entities=[mention.entity()] if mention is not None and first else None)
    if reply.file is not None and reply.file.image:  # a chart: a photo with its caption
        await bot.send_photo(chat_id, reply.file.content, caption=reply.file.caption[:MAX_CAPTION] or None,
                             filename=reply.file.filename)
    elif reply.file is not None:
        await bot.send_document(chat_id, reply.file.content, filename=reply.file.filename)
    for ref in reply.files:
        if ref.channel not in ("telegram", ""):
            continue  # a file kept by another chat platform can't be sent by its id here
        if ref.kind == "photo":
            await bot.send_photo(chat_id, ref.file_id)
        else:
            await bot.send_document(chat_id, ref.file_id)
