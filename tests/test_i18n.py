"""Both languages say everything, with the same placeholders; every command has help in both."""

import string

import pytest

from handlers.registry import ROWS
from handlers.texts.i18n import LANGUAGES, MESSAGES, USAGE

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
