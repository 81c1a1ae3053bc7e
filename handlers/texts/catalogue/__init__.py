"""The one catalogue of texts, in English and German, for the engine and every channel: look them up with `t`.

Each topic module holds `MESSAGES` (en and de, same keys and placeholders) and may hold `USAGE`. A channel's
own words are keyed by the channel: "telegram.sorry", "slack.submit", "web_page.board". A new topic module
goes in TOPICS below.
"""

from types import ModuleType

from handlers.errors import CrmError
from handlers.texts.catalogue import (
    capture,
    contacts,
    duplicates,
    exchange,
    fields,
    general,
    history,
    notify,
    quality,
    reports,
    rules,
    segments,
    settings,
    slack,
    tasks_deals,
    telegram,
    usage,
    visits,
    web_companion,
    web_pages,
)

LANGUAGES = ("en", "de")
TOPICS: tuple[ModuleType, ...] = (
    general, contacts, tasks_deals, settings, notify, duplicates, exchange, history, usage,
    reports, segments, web_companion, capture, quality, fields, rules, visits,
    telegram, slack, web_pages,
)
MESSAGES: dict[str, dict[str, str]] = {language: {} for language in LANGUAGES}
USAGE: dict[str, dict[str, str]] = {}
USAGE_OF = {"call": "note", "meeting": "note", "email": "note"}
FREE_TEXT = {"en": "Or just write: met Anna Schulz from Acme, wants a demo next tuesday 10am",
             "de": "Oder schreib einfach: Anna Schulz von Acme anrufen morgen um 9"}


def add_topic(topic: ModuleType) -> None:
    """Add a topic module's texts and usage lines to the catalogue."""
    USAGE.update(getattr(topic, "USAGE", {}))
    for language, texts in getattr(topic, "MESSAGES", {}).items():
        MESSAGES[language].update(texts)


for _topic in TOPICS:
    add_topic(_topic)


def language_of(hint: str | None) -> str:
    """"de-AT" gives "de"; anything unknown gives English."""
    code = (hint or "").split("-")[0].split("_")[0].casefold()
    return code if code in LANGUAGES else "en"


def t(language: str, key: str, **params: object) -> str:
    """The text under `key` in the language (English where it has none), filled in."""
    table = MESSAGES.get(language, MESSAGES["en"])
    template = table.get(key) or MESSAGES["en"][key]
    return template.format(**params)


def section(language: str, prefix: str) -> dict[str, str]:
    """The texts under "prefix." in the language, keyed without the prefix and not filled in (for page templates)."""
    start, table = f"{prefix}.", MESSAGES.get(language, MESSAGES["en"])
    keys = [key for key in MESSAGES["en"] if key.startswith(start)]
    return {key.removeprefix(start): table.get(key) or MESSAGES["en"][key] for key in keys}


class ChannelTexts:
    """A channel's own words: `SLACK.t("de", "submit")` looks up "slack.submit"."""

    def __init__(self, channel: str) -> None:
        self.channel = channel

    def t(self, language: str, key: str, **params: object) -> str:
        """The channel's text under `key`, filled in."""
        return t(language, f"{self.channel}.{key}", **params)


TELEGRAM = ChannelTexts("telegram")
SLACK = ChannelTexts("slack")


def explain(language: str, error: CrmError) -> str:
    """The friendly sentence for a domain error."""
    params = dict(error.params)
    if error.key == "usage":
        command = str(params.get("command", ""))
        if command == "pick":
            return t(language, "expired")
        command = USAGE_OF.get(command, command)
        if params.get("unknown") or command not in USAGE:
            return t(language, "unknown_command", command=command[:30])
        return t(language, "usage", usage=USAGE[command][language])
    if error.key == "invalid_value":
        params["field"] = t(language, f"field_{params['field']}")
        params["reason"] = reason(language, error)
    return t(language, error.key, **params)


def reason(language: str, error: CrmError) -> str:
    """Why a value was refused: our own text where the error names one, else the reason as given."""
    key = error.params.get("reason_key")
    return t(language, str(key), **error.params) if key else str(error.params["reason"]).rstrip(".")
