"""A custom field set in a sentence: "anna branche handel", "set anna's branche to handel", "Branche von Anna ist
Handel". Pure: the workspace's field names come in; the sentence must name one of them exactly."""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from handlers.language.names import fold
from handlers.language.understanding_names import Names

_FIELD = r"(?:the\s+|das\s+feld\s+|feld\s+)?(?P<field>{names})(?:\s+field|\s+feld)?"
_SHAPES = (
    r"^(?:set|change|update)\s+(?P<who>.+?)['’]s\s+{field}\s+to\s+(?P<value>.+)$",
    r"^(?:set|change|update)\s+{field}\s+(?:of|for)\s+(?P<who>.+?)\s+to\s+(?P<value>.+)$",
    r"^(?P<who>.+?)['’]s\s+{field}\s+is\s+(?:now\s+)?(?P<value>.+)$",
    r"^(?:setze?|ändere?)\s+{field}\s+(?:von|bei|für)\s+(?P<who>.+?)\s+auf\s+(?P<value>.+)$",
    r"^{field}\s+(?:von|bei)\s+(?P<who>.+?)\s+ist\s+(?:jetzt\s+|nun\s+)?(?P<value>.+)$",
    r"^(?P<who>[^:=]+?)\s*:?\s+{field}\s*(?:[:=]\s*|\s+)(?P<value>[^:=]+)$",
)
MAX_VALUE_WORDS = 6
MAX_WHO_WORDS = 4


@dataclass(frozen=True)
class FieldSentence:
    """Who (as typed), which field (its folded name) and the value, for the /edit a slash command would be."""

    record: str
    field: str
    value: str


def read_field_sentence(text: str, field_names: Iterable[str], names: Names) -> FieldSentence | None:
    """The custom field a sentence sets on a known contact or company, or None."""
    known = sorted({name.strip() for name in field_names if name.strip()}, key=len, reverse=True)
    if not known or text.rstrip().endswith("?"):
        return None  # a question never writes
    text = " ".join(text.split()).strip(" .!")
    field = _FIELD.format(names="|".join(re.escape(name) for name in known))
    for shape in _SHAPES:
        found = re.match(shape.format(field=field), text, flags=re.IGNORECASE)
        if found is None:
            continue
        who, value = found["who"].strip(" ,:"), found["value"].strip(" ,")
        if value and len(value.split()) <= MAX_VALUE_WORDS and _known(who, names):
            return FieldSentence(who, fold(found["field"]), value)
    return None


def _known(who: str, names: Names) -> bool:
    """Whether the words (a few, each the start of a word of the name) name a contact or company the workspace has:
    "anna", "anna schulz", "acme"; not "met anna, talked about"."""
    words = fold(who).split()
    if not words or len(words) > MAX_WHO_WORDS or "," in who:
        return False
    hits = names.search(who, kinds=("contact", "company"), limit=1)
    return bool(hits) and all(any(part.startswith(word) for part in hits[0].entry.key.split()) for word in words)
