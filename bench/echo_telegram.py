"""The anchor for the Telegram benchmark: a bare python-telegram-bot echo bot, as in PTB's own examples."""

from typing import Any

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters


async def echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer every text message with its own text."""
    if update.message is not None and update.message.text is not None:
        await update.message.reply_text(update.message.text)


def echo_application(api_url: str, token: str, *, concurrent_updates: int = 16) -> Application[Any, Any, Any, Any, Any, Any]:
    """The echo bot against a (fake) Bot API at `api_url`: no rate limiter, updates handled concurrently."""
    application = (ApplicationBuilder().token(token).base_url(f"{api_url.rstrip('/')}/bot")
                   .concurrent_updates(concurrent_updates).build())
    application.add_handler(MessageHandler(filters.TEXT, echo))
    return application
