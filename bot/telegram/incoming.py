"""Telegram messages as engine input: a location, a shared contact or a forward becomes a command's text."""

import re

import phonenumbers
from telegram import (
    Chat,
    Message,
    MessageOrigin,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
    Update,
)

from handlers.texts.reply import FileRef, Incoming

CHANNEL = "telegram"
_ADDRESSED = re.compile(r"^/[^\s@]+@(?P<bot>\w+)")
_NAME_BREAKERS = re.compile(r"[,:\n]+")  # would split the engine's "/add name, ..." or "/note name: text"


def workspace_key(chat: Chat) -> str:
    """A private chat is the rep's own workspace, a group the team's; both are keyed by the chat id."""
    return f"{CHANNEL}:{chat.id}"


def update_key(bot_id: int, update: Update) -> str:
    """update_id is unique per bot, so the key carries the bot's id too (two bots may share one database)."""
    return f"{CHANNEL}:{bot_id}:{update.update_id}"


def incoming(update: Update, text: str, *, bot_id: int, attachment: FileRef | None = None) -> Incoming:
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    return Incoming(text=text, workspace_key=workspace_key(chat), user_id=str(user.id), user_name=user.full_name,
                    workspace_name=chat.title or chat.full_name or user.full_name, language=user.language_code,
                    update_key=update_key(bot_id, update), attachment=attachment)


def message_input(message: Message, bot_username: str) -> tuple[str, FileRef | None] | None:
    """The text for the engine and the file, or None when the message is not for us."""
    if message.location is not None:
        return f"/tz {message.location.latitude:.5f} {message.location.longitude:.5f}", None
    if message.contact is not None:
        contact = message.contact
        name = clean_name(f"{contact.first_name} {contact.last_name or ''}")
        return f"/add {name}, {international(contact.phone_number)}", None
    file = attached_file(message)
    if file is not None:
        return message.caption or "", file
    text = message.text or ""
    if message.forward_origin is not None and text:
        return f"/note {clean_name(origin_name(message.forward_origin)) or '?'}: {text}", None
    if text.startswith(f"@{bot_username} "):
        text = text.removeprefix(f"@{bot_username} ")
    addressed = _ADDRESSED.match(text)
    if addressed and addressed["bot"].casefold() != bot_username.casefold():
        return None  # "/start@OtherBot" in a group
    return (text, None) if text else None


def attached_file(message: Message) -> FileRef | None:
    if message.photo:
        return FileRef(message.photo[-1].file_id, "photo", "", CHANNEL)  # the largest size
    if message.document is not None:
        return FileRef(message.document.file_id, "document", message.document.file_name or "", CHANNEL)
    return None


def origin_name(origin: MessageOrigin) -> str:
    """Who wrote a forwarded message; "" when Telegram hides it."""
    if isinstance(origin, MessageOriginUser):
        return origin.sender_user.full_name
    if isinstance(origin, MessageOriginHiddenUser):
        return origin.sender_user_name  # the name the sender shows, without a link to their account
    if isinstance(origin, MessageOriginChat):
        return origin.author_signature or origin.sender_chat.title or ""
    if isinstance(origin, MessageOriginChannel):
        return origin.author_signature or origin.chat.title or ""
    return ""


def clean_name(name: str) -> str:
    return " ".join(_NAME_BREAKERS.sub(" ", name).split())


def international(phone: str) -> str:
    """Telegram sends a Telegram user's number as digits without "+": restore it when that is a valid number."""
    digits = phone.strip()
    if not digits.isdigit() or digits.startswith("0"):
        return digits
    try:
        valid = phonenumbers.is_valid_number(phonenumbers.parse("+" + digits))
    except phonenumbers.NumberParseException:
        valid = False
    return "+" + digits if valid else digits
