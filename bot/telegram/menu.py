"""The command menu Telegram shows, from the registry: English by default, German for German-speaking users."""

from telegram import BotCommand, MenuButtonWebApp, WebAppInfo

from handlers.registry import ROWS
from handlers.texts.catalogue import USAGE

MAX_DESCRIPTION = 256


def menu(language: str) -> list[BotCommand]:
    """One entry per command in the menus, named by its row, described by its usage text."""
    commands = []
    for row in ROWS:
        if row.menu_de is None:
            continue
        name = row.menu_de if language == "de" else row.name
        example, _, description = USAGE[row.name][language].partition(" - ")
        description = description or example.partition(" ")[2]
        commands.append(BotCommand(name, (description.strip() or row.name)[:MAX_DESCRIPTION]))
    return commands


def web_app_button(public_url: str) -> MenuButtonWebApp | None:
    """The chat menu button that opens the web companion as a Mini App; None unless its address is public https."""
    if not public_url.startswith("https://"):
        return None
    return MenuButtonWebApp("CRM", WebAppInfo(f"{public_url.rstrip('/')}/signin"))
