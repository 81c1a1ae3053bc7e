"""The console channel: the same engine in a terminal. Buttons show as numbered choices; type the number."""

import getpass
import sys
import threading
from collections.abc import Callable
from typing import TextIO

from handlers.engine import Crm
from handlers.texts import catalogue
from handlers.texts.reply import Button, Incoming, Notification, Reply

WORKSPACE = "console:local"
QUIT = {"/quit", "/exit", "quit", "exit"}


def render(reply: Reply) -> tuple[str, list[Button]]:
    """The reply as text, with its buttons numbered; returns the buttons in that order."""
    lines = [reply.text] if reply.text else []
    buttons = [button for row in reply.buttons for button in row]
    if buttons:
        choices = [f"[{i}] {b.label}" + (f" ({b.url})" if b.url else "") for i, b in enumerate(buttons, 1)]
        lines.append("  ".join(choices))
    if reply.file is not None:
        lines.append(f"(file: {reply.file.filename}, {len(reply.file.content)} bytes)")
    return "\n".join(lines), buttons


class Screen:
    """The terminal, shared by replies and by reminders from the scheduler thread.

    A typed number presses a button of whatever was shown last, a reply or a reminder, so the
    buttons are kept together with the writing, under one lock.
    """

    def __init__(self, stdout: TextIO = sys.stdout) -> None:
        self.stdout = stdout
        self._lock = threading.Lock()
        self._buttons: list[Button] = []

    def show(self, reply: Reply, *, between: bool = False) -> None:
        """Write a reply (a blank line first when it comes between the user's lines) and keep its buttons."""
        shown, buttons = render(reply)
        with self._lock:
            self.stdout.write(("\n" if between else "") + shown + "\n")
            self.stdout.flush()
            self._buttons = buttons

    def write(self, text: str) -> None:
        with self._lock:
            self.stdout.write(text)
            self.stdout.flush()

    def button(self, text: str) -> Button | None:
        """The button a typed number names among those shown last, if it names one."""
        with self._lock:
            if text.isascii() and text.isdigit() and 1 <= int(text) <= len(self._buttons):
                return self._buttons[int(text) - 1]
        return None


def run_console(crm: Crm, *, language: str | None = None, stdin: TextIO = sys.stdin,
                stdout: TextIO = sys.stdout, screen: Screen | None = None,
                when_waiting: Callable[[], None] | None = None) -> None:
    """Read lines until end of input; a number presses that button of the last reply or reminder.

    `when_waiting` runs once, when the console first waits for the user after showing something (the
    greeting in a terminal, else the first reply): what the first reply does not need starts there.
    """
    screen = screen or Screen(stdout)
    interactive = stdin.isatty()
    user = getpass.getuser()

    def say(text: str) -> Reply:
        return crm.handle(Incoming(text=text, workspace_key=WORKSPACE, user_id=user, user_name=user,
                                   workspace_name="Console", language=language))

    chosen = crm.member_language(WORKSPACE, user)
    if language and chosen not in (None, language):  # --lang also switches a member who chose another
        say(f"/lang {language}")
    if interactive:
        screen.write(catalogue.t(language or chosen or "en", "console_greeting") + "\n")
    shown = interactive
    while True:
        if shown and when_waiting is not None:
            when_waiting()
            when_waiting = None
        if interactive:
            screen.write("> ")
        line = stdin.readline()
        if not line or line.strip() in QUIT:
            break
        text = line.strip()
        pressed = screen.button(text)
        if pressed is not None and pressed.url:
            screen.write(f"{pressed.url}\n")
            continue
        if pressed is not None:
            text = pressed.command or ""
        screen.show(say(text))
        shown = True


class ConsoleNotifier:
    """Shows reminders and digests in the terminal, between the replies; their buttons become the numbered ones."""

    def __init__(self, screen: Screen) -> None:
        self.screen = screen

    async def deliver(self, notification: Notification) -> None:
        self.screen.show(notification.reply, between=True)
