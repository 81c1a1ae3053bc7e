"""A scripted console session through the real `crmbot` CLI, as a subprocess."""

import asyncio
import io
import os
import pty
import select
import subprocess
import sys
import threading
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from bot.console import ConsoleNotifier, Screen, run_console
from bot.scheduler import Scheduler
from handlers.engine import Crm
from storage.db import Database
from storage.models import Contact, Task
from tests.conftest import NOW, POSTGRES_URL, Chat

SCRIPT = """\
/add Anna Schulz, Acme GmbH, anna@acme.de, +49 170 1234567
/note anna: called, wants pricing
/task call Anna tomorrow 9am
1
/deal Acme rollout 12k EUR proposal
/stage acme won
/find schultz
/lang de
/aufgaben
/rückgängig
"""


def run_cli(args: list[str], stdin: str, database_url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url, "DEFAULT_TIMEZONE": "Europe/Berlin"}
    for name in ("TELEGRAM_BOT_TOKEN", "SLACK_BOT_TOKEN"):
        env.pop(name, None)
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True,
                          env=env, timeout=120, cwd=Path(__file__).parent.parent)


def run_in_terminal(args: list[str], typed: str, database_url: str) -> str:
    """Run the CLI on a pseudo-terminal, as a person at a prompt does; returns what the terminal showed."""
    env = {**os.environ, "DATABASE_URL": database_url, "DEFAULT_TIMEZONE": "Europe/Berlin"}
    for name in ("TELEGRAM_BOT_TOKEN", "SLACK_BOT_TOKEN"):
        env.pop(name, None)
    controller, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "bot", *args], stdin=terminal, stdout=terminal,
                               stderr=subprocess.DEVNULL, env=env, cwd=Path(__file__).parent.parent)
    os.close(terminal)
    os.write(controller, typed.encode())
    shown = b""
    while select.select([controller], [], [], 120)[0]:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the program ended and closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    process.wait(timeout=30)
    return shown.decode(errors="replace")


@pytest.mark.skipif(POSTGRES_URL is not None, reason="the console keeps its own SQLite file")
def test_console_lang_de_greets_and_answers_in_german(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    assert "crmbot console - /help" in run_in_terminal(["console"], "/add Anna Schulz\n/quit\n", url)
    shown = run_in_terminal(["console", "--lang", "de"], "/kontakte\n/quit\n", url)
    assert "crmbot-Konsole - /hilfe zeigt die Befehle" in shown
    assert "Kontakte (1 von 1" in shown  # the member who wrote English before now gets German


class Typing:
    """What a person types at the console, line by line; before some lines, something else happens first."""

    def __init__(self, lines: list[str], before: dict[int, Callable[[], None]]) -> None:
        self.lines = lines
        self.before = before
        self.read = 0

    def readline(self) -> str:
        if self.read in self.before:
            self.before[self.read]()
        self.read += 1
        return self.lines[self.read - 1] + "\n" if self.read <= len(self.lines) else ""

    def isatty(self) -> bool:
        return False


def test_a_number_presses_the_button_of_the_reminder_shown_last(db: Database) -> None:
    """The reply before offered [1] Undo all; the reminder came after it with [1] Done: 1 completes the task."""
    now = [NOW]
    crm = Crm(db, clock=lambda: now[0])
    screen = Screen(io.StringIO())
    scheduler = Scheduler(db, {"console": ConsoleNotifier(screen)}, clock=lambda: now[0])

    def reminder_arrives() -> None:  # the scheduler runs in its own thread, as in `crmbot console`
        now[0] = NOW + timedelta(days=1, hours=-2)  # tomorrow 9:30 in Berlin
        thread = threading.Thread(target=lambda: asyncio.run(scheduler.tick()))
        thread.start()
        thread.join()

    lines = ["/digest off", "/task call Anna Schulz tomorrow 9am",
             "met Lena Braun from Solaris, wants a demo next tuesday 10am", "1"]
    run_console(crm, stdin=Typing(lines, {3: reminder_arrives}), screen=screen)  # type: ignore[arg-type]
    shown = screen.stdout.getvalue()  # type: ignore[attr-defined]
    assert "[1] ↩️ Undo all" in shown and "[1] ✅ Done" in shown.split("Lena Braun")[-1]
    assert shown.rstrip().splitlines()[-2].startswith("✅ Done: #1 call Anna Schulz")
    chat = Chat(crm)
    tasks = chat.rows(Task)
    assert tasks[0].done_at is not None and tasks[1].done_at is None
    assert [contact.name for contact in chat.rows(Contact)] == ["Lena Braun"]


@pytest.mark.skipif(POSTGRES_URL is not None, reason="the console keeps its own SQLite file")
def test_console_session(tmp_path: Path) -> None:
    result = run_cli(["console"], SCRIPT, f"sqlite:///{tmp_path / 'crm.db'}")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "👤 Added Anna Schulz (Acme GmbH)." in out
    assert "[1] 📝 Note" in out and "(tel:+491701234567)" in out
    assert "📝 Note saved on Anna Schulz." in out
    assert "⏰ Task #1: call Anna" in out
    assert "✅ Done: #1 call Anna" in out  # "1" pressed the first button of the task reply
    assert "🎉 Acme rollout won: 12,000 EUR!" in out
    assert "👤 Anna Schulz" in out.split('Results for "schultz"')[1]
    assert "Sprache ist jetzt Deutsch." in out
    assert "Keine offenen Aufgaben." in out
    assert "Traceback" not in out + result.stderr


@pytest.mark.skipif(POSTGRES_URL is not None, reason="the console keeps its own SQLite file")
def test_demo_then_console_sees_the_data(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    loaded = run_cli(["demo", "--no-console"], "", url)
    assert loaded.returncode == 0, loaded.stderr
    assert "Loaded the demo: 25 changes" in loaded.stdout
    session = run_cli(["console"], "/pipeline\n/find mueller\n", url)
    assert "Negotiation: 1 · 45,000 EUR (weighted 33,750 EUR)" in session.stdout
    assert "👤 Maria Müller" in session.stdout


@pytest.mark.skipif(POSTGRES_URL is not None, reason="the console keeps its own SQLite file")
def test_import_then_export_through_the_cli(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    source = tmp_path / "google.csv"
    source.write_text("Name,E-mail 1 - Value,Phone 1 - Value,Organization 1 - Name\n"
                      "Anna Schulz,anna@acme.de,+49 170 1234567,Acme GmbH\n", encoding="utf-8")
    imported = run_cli(["import", str(source)], "", url)
    assert imported.returncode == 0, imported.stderr
    assert "1 new contact(s)" in imported.stdout
    target = tmp_path / "out.vcf"
    exported = run_cli(["export", "contacts", "--format", "vcf", "-o", str(target)], "", url)
    assert exported.returncode == 0, exported.stderr
    card = target.read_text(encoding="utf-8")
    assert "FN:Anna Schulz" in card and "anna@acme.de" in card and "+491701234567" in card
    missing = run_cli(["import", str(tmp_path / "missing.csv")], "", url)
    assert missing.returncode == 1 and "No such file" in missing.stderr
