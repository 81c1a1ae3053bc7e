"""The `crmbot` command: picks the channel from what is configured, or runs the one named."""

import argparse
import asyncio
import getpass
import logging
import sys
import threading

from bot.config import Settings
from bot.console import WORKSPACE, ConsoleNotifier, run_console
from bot.demo import load_demo
from bot.scheduler import Scheduler
from handlers.dates import warm_up
from handlers.engine import Crm
from storage.db import Database

logger = logging.getLogger(__name__)


def build_crm(settings: Settings) -> Crm:
    """Open the database, migrate it, and return the engine."""
    db = Database(settings.database_url)
    db.migrate()
    warm_up()  # load dateparser now, not on a user's first unusual date
    return Crm(db, default_timezone=settings.default_timezone)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="crmbot", description="A CRM that lives in chat.")
    sub = parser.add_subparsers(dest="command")
    console = sub.add_parser("console", help="chat with the CRM in this terminal")
    console.add_argument("--lang", choices=("en", "de"), default=None)
    demo = sub.add_parser("demo", help="load realistic sample data, then open the console")
    demo.add_argument("--no-console", action="store_true", help="only load the data")
    sub.add_parser("migrate", help="bring the database schema up to date")
    sub.add_parser("telegram", help="run the Telegram bot")
    sub.add_parser("slack", help="run the Slack app")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    settings = Settings()
    logging.basicConfig(level=settings.log_level.upper(), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("alembic", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    args = parse_args(argv)
    command = args.command or (settings.channels()[0] if settings.channels() else "console")
    if command in ("telegram", "slack"):
        print(f"The {command} channel is not part of this build yet; `crmbot console` works.", file=sys.stderr)
        return 2
    crm = build_crm(settings)
    if command == "migrate":
        return 0
    if command == "demo":
        changed = load_demo(crm, workspace_key=WORKSPACE, user_id=getpass.getuser())
        print(f"Loaded the demo: {changed} changes. Try /pipeline, /tasks, /find schultz.")
        if args.no_console:
            return 0
    start_in_background(Scheduler(crm.db, {"console": ConsoleNotifier()}))
    run_console(crm, language=getattr(args, "lang", None))
    return 0


def start_in_background(scheduler: Scheduler) -> None:
    """Run the scheduler on its own event loop in a daemon thread (the console blocks on input)."""
    async def forever() -> None:
        scheduler.start()
        await asyncio.Event().wait()

    def run() -> None:
        asyncio.run(forever())

    threading.Thread(target=run, name="scheduler", daemon=True).start()
