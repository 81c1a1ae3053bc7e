"""Buttons are built from command objects: no `Button(..., command=<text written by hand>)` in handlers/ or bot/."""

import ast
from pathlib import Path

import pytest

from handlers.language import commands as c
from handlers.texts.reply import Button
from storage.models import Interaction
from tests.conftest import Chat

ROOT = Path(__file__).parent.parent


def _is_text(node: ast.expr | None) -> bool:
    """A string literal, an f-string, a concatenation or format of strings, or a choice between them."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return _is_text(node.left) or _is_text(node.right)
    if isinstance(node, ast.IfExp):
        return _is_text(node.body) or _is_text(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):  # "…".join(…), f"…".strip()
        return _is_text(node.func.value)
    return False


def hand_written_buttons(path: Path) -> list[str]:
    """Every `Button(...)` in a file whose command is text written by hand, as "file:line"."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if name != "Button":
            continue
        command = next((k.value for k in node.keywords if k.arg == "command"), node.args[1] if len(node.args) > 1 else None)
        if _is_text(command):
            found.append(f"{where}:{node.lineno}")
    return found


@pytest.mark.parametrize("package", ["handlers", "bot"])
def test_every_button_is_built_from_a_command_object(package: str) -> None:
    files = sorted((ROOT / package).rglob("*.py"))
    assert files
    assert [hit for f in files for hit in hand_written_buttons(f)] == []


def test_the_check_finds_each_way_of_writing_a_command_by_hand(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text('a = Button("x", command="/undo")\nb = Button("x", command=f"/show #{i}")\n'
                     'c = Button("x", command="/add ! " + name)\nd = texts.Button("x", f"/done {i}")\n'
                     'e = Button("x", command=f"/deals {w}".replace("  ", " "))\n'
                     'f = Button("x", command=f"{b} @{g}" if b else None)\n'
                     'ok = Button("x", command=c.Show(f"#{i}"))\nurl = Button("x", url=f"tel:{phone}")\n', encoding="utf-8")
    assert [hit.split(":")[1] for hit in hand_written_buttons(probe)] == ["1", "2", "3", "4", "5", "6"]


def test_a_button_keeps_its_command_text() -> None:
    assert Button("Anna", command=c.Show("#12")).command == "/show #12"
    assert Button("Call", url="tel:+49170").command is None


def test_the_note_button_of_a_new_contact_asks_for_the_note(chat: Chat) -> None:
    chat.say("/add Anna Schulz")
    assert chat.press("📝 Note").text == "What should I note on Anna Schulz? Just write it."
    assert chat.say("wants pricing").text == "📝 Note saved on Anna Schulz."
    assert chat.count(Interaction) == 1


def test_a_note_on_a_name_without_text_still_gets_the_usage(chat: Chat) -> None:
    chat.say("/add Anna Schulz")
    assert chat.say("/note anna").text.startswith("Not quite.")
    assert chat.count(Interaction) == 0
