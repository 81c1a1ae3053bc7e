"""/field (/feld): the team's own fields, pure text to meaning, and their values checked by type.

    /field add [company] Name [text|number|date|choice: a, b, c]    /feld neu [firma] Name [text|zahl|datum|auswahl: a, b]
    /field list                                                     /feld liste
    /field remove [company] Name                                    /feld entfernen [firma] Name
"""

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from handlers.errors import InvalidValue, Usage
from handlers.language.names import fold

ACTIONS = {"add": "add", "new": "add", "neu": "add", "hinzufügen": "add", "hinzufuegen": "add", "anlegen": "add",
           "list": "list", "liste": "list", "zeige": "list", "show": "list",
           "remove": "remove", "delete": "remove", "entfernen": "remove", "löschen": "remove", "loeschen": "remove"}
ENTITIES = {"company": "company", "companies": "company", "firma": "company", "firmen": "company",
            "contact": "contact", "contacts": "contact", "kontakt": "contact", "kontakte": "contact"}
KINDS = {"text": "text", "number": "number", "zahl": "number", "nummer": "number", "date": "date", "datum": "date",
         "choice": "choice", "auswahl": "choice", "liste": "choice", "select": "choice"}
KIND_WORDS = {"text": "text", "number": "number", "date": "date", "choice": "choice"}  # how to_text writes them
MAX_NAME = 60
MAX_VALUE = 500
MAX_CHOICES = 50
_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?:[.,' ]\d{3})+|\d+)(?:[.,]\d+)?$")


@dataclass(frozen=True)
class FieldCommand:
    action: str  # add, list, remove
    name: str = ""
    entity: str = "contact"  # contact, company
    kind: str = "text"  # text, number, date, choice
    choices: tuple[str, ...] = ()

    def to_text(self) -> str:
        """The text that parses back to this command."""
        if self.action == "list":
            return "/field list"
        parts = ["/field", self.action, "company" if self.entity == "company" else "", self.name]
        if self.action == "add":
            parts.append(KIND_WORDS[self.kind] + (": " + ", ".join(self.choices) if self.kind == "choice" else ""))
        return " ".join(part for part in parts if part)


def read_field(args: str, name: str) -> FieldCommand:
    """Parse the words after /field."""
    action_word, _, rest = args.strip().partition(" ")
    action = ACTIONS.get(action_word.casefold())
    if action is None:
        raise Usage(command=name)
    if action == "list":
        return FieldCommand("list")
    head, colon, listed = rest.partition(":")
    words = head.split()
    entity = "contact"
    if words and words[0].casefold() in ENTITIES and len(words) > 1:
        entity = ENTITIES[words.pop(0).casefold()]
    kind = "text"
    if action == "add" and len(words) > 1 and words[-1].casefold() in KINDS:
        kind = KINDS[words.pop().casefold()]
    elif action == "add" and (colon or len(words) > 1):
        raise InvalidValue(field="field_kind", value=words[-1][:30] if words else ":", reason="text, number, date, choice",
                           reason_key="why_field_kind")
    field_name = " ".join(words)
    if not field_name:
        raise Usage(command=name)
    return FieldCommand(action, check_field_name(field_name), entity, kind, choices_of(listed, kind))


def check_field_name(value: str) -> str:
    """A field's name: a letter first, no = , ; or :, at most 60 characters."""
    if not value[0].isalpha() or re.search(r"[=,;:#]", value) or len(value) > MAX_NAME:
        raise InvalidValue(field="field_name", value=value[:30], reason="a word", reason_key="why_field_name")
    return value


def choices_of(listed: str, kind: str) -> tuple[str, ...]:
    """The choices of a choice field, without repeats; a choice field needs at least one."""
    if kind != "choice":
        return ()
    choices: list[str] = []
    for part in listed.split(","):
        choice = " ".join(part.split())[:100]
        if choice and fold(choice) not in {fold(c) for c in choices}:
            choices.append(choice)
    if not choices or len(choices) > MAX_CHOICES:
        raise InvalidValue(field="field_choices", value=listed[:30], reason="a, b, c", reason_key="why_field_choices")
    return tuple(choices)


def check_number(value: str, field: str) -> str:
    """"1.500,5", "1,500.5", "12" -> "1500.5", "12": of two marks the last is the decimal one; else InvalidValue."""
    text = re.sub(r"[' \u00a0]", "", value.strip())
    if not _NUMBER.match(text):
        raise InvalidValue(field="custom", value=value.strip()[:30], reason="a number", reason_key="why_custom_number",
                           name=field)
    marks = [ch for ch in text if ch in ".,"]
    if len(set(marks)) == 2:
        decimal = marks[-1]
    elif len(marks) == 1 and not re.search(r"^[+-]?\d{1,3}[.,]\d{3}$", text):
        decimal = marks[0]
    else:
        decimal = ""  # "1.500" and "1,500,000": thousands
    whole, _, fraction = text.partition(decimal) if decimal else (text, "", "")
    whole = re.sub(r"[.,]", "", whole)
    fraction = fraction.rstrip("0")
    sign = "-" if whole.startswith("-") else ""
    number = str(int(whole.lstrip("+-") or "0"))
    return f"{sign}{number}.{fraction}" if fraction else f"{sign}{number}"


def check_choice(value: str, choices: list[str], field: str) -> str:
    """The choice the value names (case and accents aside); else InvalidValue with the closest one."""
    exact = [choice for choice in choices if fold(choice) == fold(value)]
    if exact:
        return exact[0]
    best = process.extractOne(fold(value), {c: fold(c) for c in choices}, scorer=fuzz.WRatio)
    closest = best[2]
    raise InvalidValue(field="custom", value=value[:30], reason=", ".join(choices), reason_key="why_custom_choice",
                       name=field, closest=closest, choices=", ".join(choices)[:200])


def check_text(value: str, field: str) -> str:
    text = " ".join(value.split())
    if len(text) > MAX_VALUE:
        raise InvalidValue(field="custom", value=text[:30] + "…", reason=f"longer than {MAX_VALUE} characters",
                           reason_key="why_longer", limit=MAX_VALUE, name=field)
    return text
