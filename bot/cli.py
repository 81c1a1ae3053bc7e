"""The `crmbot` command: picks the channel from what is configured, or runs the one named."""

import argparse
import asyncio
import getpass
import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot import startup  # first of ours: no garbage collection while the modules below load
from bot.clock import system_clock
from bot.config import Settings
from bot.console import WORKSPACE, ConsoleNotifier, Screen, run_console
from handlers.engine import Crm, ImportFailed
from handlers.language.dates import warm_up
from handlers.texts.reply import Notification
from storage.db import Database

if TYPE_CHECKING:  # the scheduler (APScheduler, httpx) loads when it starts, after the console's first reply
    from bot.scheduler import Notifier, Scheduler

logger = logging.getLogger(__name__)


def build_crm(settings: Settings) -> Crm:
    """Open the database, migrate it, and return the engine."""
    db = Database(settings.database_url)
    db.migrate()
    web_url = settings.web_public_url or f"http://{settings.web_host}:{settings.web_port}"
    return Crm(db, default_timezone=settings.default_timezone, clock=system_clock, web_url=web_url)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="crmbot", description="A CRM that lives in chat.")
    sub = parser.add_subparsers(dest="command")
    console = sub.add_parser("console", help="chat with the CRM in this terminal")
    console.add_argument("--lang", choices=("en", "de"), default=None)
    demo = sub.add_parser("demo", help="load realistic sample data, then open the console")
    demo.add_argument("--no-console", action="store_true", help="only load the data")
    sub.add_parser("migrate", help="bring the database schema up to date")
    importing = sub.add_parser("import", help="import contacts from a CSV or vCard file into the console workspace")
    importing.add_argument("file")
    importing.add_argument("--duplicates", choices=("skip", "merge"), default="skip")
    importing.add_argument("--dry-run", action="store_true", help="show the preview, write nothing")
    importing.add_argument("--workspace", default=WORKSPACE, help="workspace key, e.g. telegram:12345")
    exporting = sub.add_parser("export", help="export contacts (csv, vcf), deals (csv) or open tasks (ics)")
    exporting.add_argument("what", choices=("contacts", "deals", "tasks"))
    exporting.add_argument("--format", dest="fmt", choices=("csv", "vcf", "vcf4", "ics"))
    exporting.add_argument("--workspace", default=WORKSPACE, help="workspace key, e.g. slack:T0123")
    exporting.add_argument("-o", "--output", help="file to write (default: the export's own name)")
    telegram = sub.add_parser("telegram", help="run the Telegram bot (long polling, or --webhook URL)")
    telegram.add_argument("--webhook", metavar="URL", help="serve a webhook at this public URL instead of polling")
    sub.add_parser("web", help="serve the web app, the JSON API and calendar feeds on WEB_HOST:WEB_PORT")
    sub.add_parser("slack", help="run the Slack app (Socket Mode with SLACK_APP_TOKEN, else HTTP on SLACK_PORT)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    settings = Settings()
    logging.basicConfig(level=settings.log_level.upper(), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("alembic", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    args = parse_args(argv)
    command = args.command or ("chat" if settings.channels() else "console")
    crm = build_crm(settings)
    if command in ("telegram", "slack", "chat"):
        channels = settings.channels() if command == "chat" else [command]
        return run_chat(settings, crm, channels, webhook=getattr(args, "webhook", None))
    if command == "migrate":
        return 0
    if command == "web":
        return run_web(settings, crm)
    if command == "import":
        return run_import(crm, args)
    if command == "export":
        return run_export(crm, args)
    if command == "demo":
        from bot.demo import load_demo  # each channel's libraries load only when it runs: a fast first reply

        changed = load_demo(crm, workspace_key=WORKSPACE, user_id=getpass.getuser())
        print(f"Loaded the demo: {changed} changes. Try /pipeline, /tasks, /find schultz.")
        if args.no_console:
            return 0
    return run_terminal(settings, crm, language=getattr(args, "lang", None))


def run_terminal(settings: Settings, crm: Crm, *, language: str | None) -> int:
    """The console; the scheduler and dateparser's warm-up start once it waits for the user, not before."""
    screen = Screen()  # replies and reminders share it: a typed number presses what was shown last
    stops: list[Callable[[], None]] = []

    def start_background() -> None:
        from bot.scheduler import Scheduler

        threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
        stops.append(start_in_background(Scheduler(crm.db, {"console": ConsoleNotifier(screen)}, clock=crm.clock,
                                                   mailbox=mail_poller(settings, crm))))
    try:
        run_console(crm, language=language, screen=screen, when_waiting=start_background)
    finally:
        for stop in stops:
            stop()
    return 0


def run_web(settings: Settings, crm: Crm) -> int:
    """The web app alone, with the scheduler (reminders stay with the chat processes; webhooks go out here)."""
    from bot.scheduler import Scheduler
    from bot.web.app import serve

    warm_up()  # load dateparser now, not on a user's first unusual date
    stop = start_in_background(Scheduler(crm.db, {}, clock=crm.clock))
    try:
        serve(crm, settings)
    finally:
        stop()
    return 0


def run_import(crm: Crm, args: argparse.Namespace) -> int:
    try:
        print(crm.import_file(args.file, args.workspace, getpass.getuser(), duplicates=args.duplicates,
                          dry_run=args.dry_run))
    except (ImportFailed, OSError) as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def run_export(crm: Crm, args: argparse.Namespace) -> int:
    fmt = args.fmt or {"contacts": "csv", "deals": "csv", "tasks": "ics"}[args.what]
    try:
        filename, content = crm.export_file(args.workspace, args.what, fmt)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    Path(args.output or filename).write_bytes(content)
    print(f"Wrote {args.output or filename} ({len(content):,} bytes).")
    return 0


def run_chat(settings: Settings, crm: Crm, channels: list[str], *, webhook: str | None) -> int:
    """Run the chat channels (both in one process when both are configured) and the scheduler."""
    missing = [c for c in channels if getattr(settings, f"{c}_bot_token") is None]
    if missing:
        print(f"Set {missing[0].upper()}_BOT_TOKEN to run the {missing[0]} channel.", file=sys.stderr)
        return 2
    from bot.scheduler import Scheduler
    from bot.web.app import serve

    warm_up()  # load dateparser now, not on a user's first unusual date
    notifiers: dict[str, Notifier] = {}
    stop_slack = None
    if settings.web_public_url:  # the web app beside the chat channels
        threading.Thread(target=serve, args=(crm, settings), name="web", daemon=True).start()
    if "slack" in channels:
        from bot.slack.channel import start_slack, web_client
        from bot.slack.notifier import SlackNotifier

        stop_slack = start_slack(settings, crm)
        notifiers["slack"] = SlackNotifier(web_client(settings))
    try:
        if "telegram" not in channels:
            stop_scheduler = start_in_background(Scheduler(crm.db, notifiers, clock=crm.clock,
                                                           mailbox=mail_poller(settings, crm)))
            try:
                threading.Event().wait()
            finally:
                stop_scheduler()
            return 0
        from bot.telegram.channel import TelegramNotifier, run_telegram

        async def on_start(application: Any) -> None:
            notifiers["telegram"] = TelegramNotifier(application.bot, crm)
            Scheduler(crm.db, notifiers, clock=crm.clock, mailbox=mail_poller(settings, crm)).start()

        secret = settings.telegram_webhook_secret
        run_telegram(settings, crm, webhook_url=webhook, listen=settings.telegram_webhook_host,
                     port=settings.telegram_webhook_port, on_start=on_start,
                     webhook_secret=secret.get_secret_value() if secret else None)
        return 0
    except KeyboardInterrupt:
        return 0
    finally:
        if stop_slack is not None:
            stop_slack()


def mail_poller(settings: Settings, crm: Crm) -> Callable[[], list[Notification]] | None:
    """The team mailbox's poll when IMAP_* is set, for the scheduler."""
    from bot.mailbox import Mailbox, MailboxSettings

    mailbox = MailboxSettings.of(settings)
    if mailbox is None:
        return None
    logger.info("polling the team mailbox %s at %s:%s (%s)", mailbox.user, mailbox.host, mailbox.port, mailbox.folder)
    return Mailbox(crm, mailbox).poll


def start_in_background(scheduler: "Scheduler") -> Callable[[], None]:
    """Run the scheduler on its own event loop in a daemon thread; returns the function that stops it.

    Stopping before the interpreter exits matters: a tick left running would try to start threads
    during shutdown.
    """
    loop = asyncio.new_event_loop()

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.call_soon(scheduler.start)
        loop.run_forever()

    thread = threading.Thread(target=run, name="scheduler", daemon=True)
    thread.start()

    async def finish() -> None:
        scheduler.pause()
        running = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        if running:  # let a tick in progress end; shutting down first would cancel it mid-way
            await asyncio.wait(running, timeout=10)
        scheduler.shutdown()
        loop.stop()

    def stop() -> None:
        asyncio.run_coroutine_threadsafe(finish(), loop)
        thread.join(timeout=15)

    return stop


startup.resume()
