"""The console channel: the same engine in a terminal. Buttons show as numbered choices; type the number."""

import getpass
import sys
from typing import TextIO

from handlers.engine import Crm
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


def run_console(crm: Crm, *, language: str | None = None, stdin: TextIO = sys.stdin,
                stdout: TextIO = sys.stdout) -> None:
    """Read lines until end of input; a number presses that button of the last reply."""
    interactive = stdin.isatty()
    user = getpass.getuser()
    buttons: list[Button] = []
    if interactive:
        stdout.write("crmbot console - /help for commands, /quit to leave.\n")
    while True:
        if interactive:
            stdout.write("> ")
            stdout.flush()
        line = stdin.readline()
        if not line or line.strip() in QUIT:
            break
        text = line.strip()
        if text.isdigit() and 1 <= int(text) <= len(buttons):
            pressed = buttons[int(text) - 1]
            if pressed.url:
                stdout.write(f"{pressed.url}\n")
                continue
            text = pressed.command or ""
        reply = crm.handle(Incoming(text=text, workspace_key=WORKSPACE, user_id=user, user_name=user,
                                    workspace_name="Console", language=language))
        shown, buttons = render(reply)
        stdout.write(shown + "\n")
        stdout.flush()


class ConsoleNotifier:
    """Shows reminders and digests in the terminal, between the replies."""

    def __init__(self, stdout: TextIO = sys.stdout) -> None:
        self.stdout = stdout

    async def deliver(self, notification: Notification) -> None:
        shown, _buttons = render(notification.reply)
        self.stdout.write(f"\n{shown}\n")
        self.stdout.flush()
