"""Telegram messages as engine input: a location, a shared contact or a forward becomes a command's text."""

import re
from dataclasses import replace

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

from handlers.texts.reply import FileRef, Incoming, Reply

CHANNEL = "telegram"
_ADDRESSED = re.compile(r"^/[^\s@]+@(?P<bot>\w+)")
_NAME_BREAKERS = re.compile(r"[,:\n]+")  # would split the engine's "/add name, ..." or "/note name: text"
_IN_GROUP = re.compile(r"^(?P<command>.+) @(?P<group>-\d+)$")  # a group's button in a private chat


def workspace_key(chat: Chat) -> str:
    """A private chat is the rep's own workspace, a group the team's; both are keyed by the chat id."""
    return chat_key(chat.id)


def chat_key(chat_id: int) -> str:
    """The workspace of a chat by its id (a private chat's id is its user's id)."""
    return f"{CHANNEL}:{chat_id}"


def update_key(bot_id: int, update: Update) -> str:
    """update_id is unique per bot, so the key carries the bot's id too (two bots may share one database)."""
    return f"{CHANNEL}:{bot_id}:{update.update_id}"


def for_group(reply: Reply, group_id: int) -> Reply:
    """A group's reply to send into a member's private chat: its buttons still act in the group."""
    rows = [[replace(b, command=f"{b.command} @{group_id}") if b.command else b for b in row]  # the group, after the command
            for row in reply.buttons]
    return replace(reply, buttons=rows)


def group_of(data: str) -> tuple[str, int | None]:
    """A button's command, and the group it acts in when it was sent privately (see `for_group`)."""
    found = _IN_GROUP.match(data)
    return (found["command"], int(found["group"])) if found else (data, None)


def incoming(update: Update, text: str, *, bot_id: int, attachment: FileRef | None = None,
             group_id: int | None = None) -> Incoming:
    """The engine's input; `group_id` runs a press from a private chat in that group's workspace."""
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    key = workspace_key(chat) if group_id is None else chat_key(group_id)
    return Incoming(text=text, workspace_key=key, user_id=str(user.id), user_name=user.full_name,
                    workspace_name=chat.title or chat.full_name or user.full_name, language=user.language_code,
                    update_key=update_key(bot_id, update), attachment=attachment, location=location_of(update))


def location_of(update: Update) -> tuple[float, float] | None:
    """A shared location as (latitude, longitude); the engine keeps it for "at Acme" and /near."""
    message = update.message
    if message is None or message.location is None:
        return None
    return message.location.latitude, message.location.longitude


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
