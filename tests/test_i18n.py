"""Both languages say everything, with the same placeholders; every command has help in both."""

import ast
import string
from pathlib import Path

import pytest

from handlers.registry import ROWS
from handlers.texts.catalogue import LANGUAGES, MESSAGES, USAGE, section

ROOT = Path(__file__).parent.parent
WITHOUT_HELP = {"start", "pick", "call", "meeting", "email"}  # onboarding, buttons; /call etc. are under /note


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_exists_in_both_languages() -> None:
    assert set(MESSAGES["en"]) == set(MESSAGES["de"])


@pytest.mark.parametrize("key", sorted(MESSAGES["en"]))
def test_placeholders_match(key: str) -> None:
    assert placeholders(MESSAGES["en"][key]) == placeholders(MESSAGES["de"][key])


def test_every_command_has_help_in_both_languages() -> None:
    assert {row.name for row in ROWS} - WITHOUT_HELP <= set(USAGE)
    for name, texts in USAGE.items():
        assert set(texts) == set(LANGUAGES), name
        assert texts["en"].strip() and texts["de"].strip() and texts["en"] != texts["de"], name


def test_no_alias_names_two_commands() -> None:
    seen: dict[str, str] = {}
    for row in ROWS:
        name = row.name
        for alias in row.aliases:
            assert seen.setdefault(alias, name) == name, f"/{alias} means both {seen[alias]} and {name}"


@pytest.mark.parametrize("channel", ["telegram", "slack", "web_page"])
def test_each_channel_says_its_own_words_from_the_catalogue(channel: str) -> None:
    english, german = section("en", channel), section("de", channel)
    assert english and set(english) == set(german)
    assert all(text.strip() for text in (*english.values(), *german.values()))


def test_no_channel_keeps_a_table_of_texts() -> None:
    tables = []
    for path in sorted((ROOT / "bot").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            keys = {key.value for key in getattr(node, "keys", []) if isinstance(key, ast.Constant)}
            if isinstance(node, ast.Dict) and set(LANGUAGES) <= keys:
                tables.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert tables == []
