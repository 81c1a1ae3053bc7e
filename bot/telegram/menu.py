"""The command menu Telegram shows: English by default, German for German-speaking users."""

import re

from telegram import BotCommand

from handlers.texts.i18n import USAGE
from handlers.language.parser import ALIASES

_NAME = re.compile(r"^[a-z0-9_]{1,32}$")  # what Telegram accepts as a command name
_ASCII = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
MAX_DESCRIPTION = 256


def menu(language: str) -> list[BotCommand]:
    """One entry per documented command, named as its usage line in that language names it."""
    commands = []
    for key, usage in USAGE.items():
        if key not in ALIASES:
            continue
        example, _, description = usage[language].partition(" - ")
        word, _, args = example.partition(" ")
        name = word.lstrip("/").casefold().translate(_ASCII)
        if not _NAME.match(name) or name not in ALIASES[key]:
            name = key  # the English name is always an alias
        description = description or args
        commands.append(BotCommand(name, (description.strip() or key)[:MAX_DESCRIPTION]))
    return commands
