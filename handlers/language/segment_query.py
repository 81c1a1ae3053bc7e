"""The segment query language, pure text to meaning: `tag:vip city:münchen last:>30d -deal:open`.

One entry per field in FIELDS (English and German names); each condition is `field:value`, `-field:value`
negates it, `field:a,b` matches any of the values. Nothing here touches storage.
"""

import difflib
import re
import shlex
from dataclasses import dataclass
from datetime import date
from typing import Any

from handlers.language.amounts import stage_key
from handlers.language.names import fold
from handlers.language.places import postcode_prefix


class QueryError(Exception):
    """A part of the query could not be read; `reason` names an i18n text, `suggestion` the closest field."""

    def __init__(self, part: str, reason: str, suggestion: str = "") -> None:
        super().__init__(part, reason, suggestion)
        self.part = part
        self.reason = reason
        self.suggestion = suggestion


@dataclass(frozen=True)
class FieldSpec:
    name: str  # the canonical name, also the key storage.segments compiles
    kind: str  # words, text, prefix, member, stage, status, number, age, since, flag
    aliases: tuple[str, ...]
    example: str


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("tag", "words", ("tag", "tags", "schlagwort", "markierung"), "tag:vip"),
    FieldSpec("company", "text", ("company", "firma", "unternehmen"), "company:acme"),
    FieldSpec("city", "text", ("city", "stadt", "ort"), "city:münchen"),
    FieldSpec("postcode", "prefix", ("postcode", "zip", "plz", "postleitzahl"), "plz:80*"),
    FieldSpec("country", "text", ("country", "land"), "country:de"),
    FieldSpec("owner", "member", ("owner", "rep", "besitzer", "betreuer", "zuständig"), "owner:ben"),
    FieldSpec("stage", "stage", ("stage", "phase"), "stage:proposal"),
    FieldSpec("source", "text", ("source", "quelle"), "source:import"),
    FieldSpec("status", "status", ("status", "lead", "leadstatus"), "status:qualified"),
    FieldSpec("score", "number", ("score", "punkte", "wertung"), "score:>50"),
    FieldSpec("last", "age", ("last", "letzter", "zuletzt", "kontakt"), "last:>30d"),
    FieldSpec("created", "since", ("created", "since", "erstellt", "seit", "angelegt"), "created:>2026-01-01"),
    FieldSpec("deal", "flag", ("deal", "deals", "geschäft", "geschaeft"), "deal:open"),
    FieldSpec("task", "flag", ("task", "next", "aufgabe", "nächste", "naechste"), "task:none"),
    FieldSpec("custom", "custom", ("field", "feld", "custom"), "field.umsatz:>1000"),
)
FIELD_OF = {alias: spec for spec in FIELDS for alias in spec.aliases}
LEAD_STATUSES = {"new": "new", "neu": "new", "contacted": "contacted", "kontaktiert": "contacted",
                 "qualified": "qualified", "qualifiziert": "qualified", "unqualified": "unqualified",
                 "unqualifiziert": "unqualified", "disqualified": "unqualified", "converted": "converted",
                 "konvertiert": "converted", "umgewandelt": "converted"}
FLAGS = {"open": True, "yes": True, "offen": True, "ja": True, "any": True,
         "none": False, "no": False, "keine": False, "kein": False, "keins": False, "nein": False}
UNITS = {"d": 1, "t": 1, "day": 1, "days": 1, "tag": 1, "tage": 1, "w": 7, "week": 7, "weeks": 7, "woche": 7,
         "wochen": 7, "m": 30, "month": 30, "months": 30, "monat": 30, "monate": 30, "y": 365, "j": 365,
         "year": 365, "years": 365, "jahr": 365, "jahre": 365}
NEVER = {"never", "nie", "niemals"}
NEGATIONS = {"not", "nicht", "ohne", "without"}
_AGE = re.compile(r"^(?P<op>[<>]=?)?(?P<n>\d{1,5})\s*(?P<unit>[a-z]*)$")
_NUMBER = re.compile(r"^(?:(?P<op>[<>]=?|=)?(?P<n>-?\d{1,6})|(?P<low>-?\d{1,6})\.\.(?P<high>-?\d{1,6}))$")
_DATE = re.compile(r"^(?P<op>[<>]=?)?(?:(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})|"
                   r"(?P<d2>\d{1,2})\.(?P<m2>\d{1,2})\.(?P<y2>\d{4}))$")
MAX_VALUES = 20


@dataclass(frozen=True)
class Condition:
    """One `field:value`. `op` is "<", ">", "=" or ".."; `value` is typed by the field's kind."""

    field: str
    op: str
    value: Any  # by the field's kind: names, numbers, a (low, high) pair, days or a date
    negated: bool = False
    text: str = ""  # the part as typed, for replies
    key: str = ""  # the custom field's name (field.<key>:value)


def tokens(text: str) -> list[str]:
    """The query's parts, quotes kept together ("company:"acme gmbh"" is one part)."""
    text = text.replace("„", '"').replace("“", '"').replace("”", '"')
    try:
        return shlex.split(text)
    except ValueError:
        raise QueryError(text, "query_quote") from None


def parse_query(text: str) -> tuple[Condition, ...]:
    """Every condition of a query, or QueryError naming the first part that can't be read."""
    conditions: list[Condition] = []
    negate = False
    for part in tokens(text):
        if fold(part) in NEGATIONS:
            negate = True
            continue
        conditions.append(condition(part, negated=negate))
        negate = False
    if not conditions:
        raise QueryError(text, "query_empty")
    return tuple(conditions)


def condition(part: str, *, negated: bool = False) -> Condition:
    """One `field:value` part."""
    if part.startswith("-") and ":" in part:
        part, negated = part[1:], not negated
    name, sep, value = part.partition(":")
    name, value = name.strip().casefold(), value.strip()
    key = ""
    if "." in name:
        name, _, key = name.partition(".")
    spec = FIELD_OF.get(name)
    if not sep:
        raise QueryError(part, "query_no_field", closest(name))
    if spec is None or (spec.name == "custom") != bool(key):
        raise QueryError(part, "query_unknown_field", closest(name))
    if not value:
        raise QueryError(part, "query_no_value", spec.example)
    op, typed = READERS[spec.kind](value, part, spec)
    return Condition(spec.name, op, typed, negated, part, key)


def closest(word: str) -> str:
    """The field name nearest a mistyped one, or "" when none is near."""
    match = difflib.get_close_matches(word.casefold(), list(FIELD_OF), n=1, cutoff=0.6)
    return FIELD_OF[match[0]].aliases[0] if match else ""


def _values(value: str, part: str) -> tuple[str, ...]:
    values = tuple(v.strip() for v in value.split(",") if v.strip())
    if not values or len(values) > MAX_VALUES:
        raise QueryError(part, "query_bad_value")
    return values


def _words(value: str, part: str, spec: FieldSpec) -> tuple[str, object]:
    return "=", tuple(fold(v.lstrip("#")) for v in _values(value, part))


def _text(value: str, part: str, spec: FieldSpec) -> tuple[str, object]:
    return "=", tuple(fold(v) for v in _values(value, part))


def _prefix(value: str, part: str, spec: FieldSpec) -> tuple[str, object]:
    prefixes = tuple(postcode_prefix(v) for v in _values(value, part))
    if not all(prefixes) or any(len(p) > 12 for p in prefixes):
        raise QueryError(part, "query_bad_value")
    return "=", prefixes


def _member(value: str, part: str, spec: FieldSpec) -> tuple[str, object]:
    return "=", tuple(v.lstrip("@") for v in _values(value, part))


def _stage(value: str, part: str, spec: FieldSpec) -> tuple[str, object]:
    keys = tuple(stage_key(v) for v in _values(value, part))
    if None in keys:
        raise QueryError(part, "query_bad_stage", spec.example)
    return "=", keys


def _status(value: str, part: str, spec: FieldSpec) -> tuple[str, object]:
    values = _values(value, part)
    statuses = tuple(LEAD_STATUSES.get(fold(v)) for v in values)
    if None in statuses:
        near = difflib.get_close_matches(fold(values[statuses.index(None)]), list(LEAD_STATUSES), n=1)
        raise QueryError(part, "query_bad_status", near[0] if near else "qualified")
    return "=", statuses


def _number(value: str, part: str, spec: FieldSpec) -> tuple[str, object]:
    match = _NUMBER.match(value.replace(" ", ""))
    if match is None:
        raise QueryError(part, "query_bad_number", spec.example)
    if match["low"] is not None:
        return "..", (int(match["low"]), int(match["high"]))
    op = match["op"] or "="
    number = int(match["n"])
    return {">=": ">", "<=": "<"}.get(op, op), number + {">=": -1, "<=": 1}.get(op, 0)


def days(value: str, part: str, spec: FieldSpec) -> tuple[str, int]:
    """">30d" -> (">", 30): more than 30 days ago; "<2w" -> ("<", 14): within two weeks."""
    match = _AGE.match(value.casefold().replace(" ", ""))
    if match is None or (match["unit"] or "d") not in UNITS:
        raise QueryError(part, "query_bad_age", spec.example)
    return (match["op"] or ">")[0], int(match["n"]) * UNITS[match["unit"] or "d"]


def _age(value: str, part: str, spec: FieldSpec) -> tuple[str, object]:
    if fold(value) in NEVER:
        return "never", None
    return days(value, part, spec)


def _since(value: str, part: str, spec: FieldSpec) -> tuple[str, object]:
    """A date ("2026-01-01", "1.1.2026"; > or none: since, <: before) or an age ("<30d": within 30 days)."""
    match = _DATE.match(value.replace(" ", ""))
    if match is None:
        op, count = days(value, part, spec)
        return ("age<" if op == "<" else "age>"), count
    year, month, day_ = (match["y"], match["m"], match["d"]) if match["y"] else (match["y2"], match["m2"], match["d2"])
    try:
        moment = date(int(year), int(month), int(day_))
    except ValueError:
        raise QueryError(part, "query_bad_date", spec.example) from None
    return ("<" if (match["op"] or ">").startswith("<") else ">"), moment


def _flag(value: str, part: str, spec: FieldSpec) -> tuple[str, object]:
    flag = FLAGS.get(fold(value))
    if flag is None:
        raise QueryError(part, "query_bad_flag", spec.example)
    return "=", flag


_AMOUNT = r"-?\d{1,12}(?:[.,]\d{1,6})?"
_COMPARED = re.compile(rf"^(?P<op>[<>]=?)(?P<n>{_AMOUNT})$|^(?P<low>{_AMOUNT})\.\.(?P<high>{_AMOUNT})$")
_DAY = r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4}"
_DAYS = re.compile(rf"^(?P<low>{_DAY})\.\.(?P<high>{_DAY})$")


def _custom(value: str, part: str, spec: FieldSpec) -> tuple[str, object]:
    """A custom field: text by its start, or a number or date compared (">1000", "<2026-01-01", "100..500");
    ops ">", ">=", "<", "<=" and ".." with a (low, high) pair."""
    value = value.replace(" ", "")
    if not value.startswith(("<", ">")) and ".." not in value:
        return _text(value, part, spec)
    days_ = _DAYS.match(value)
    if days_ is not None:
        return "..", (_day(days_["low"], part, spec), _day(days_["high"], part, spec))
    if _DATE.match(value):
        op = value[:2] if value[1] == "=" else value[0]
        return op, _day(value[len(op):], part, spec)
    number = _COMPARED.match(value)
    if number is None:
        raise QueryError(part, "query_bad_number", spec.example)
    if number["low"] is not None:
        return "..", (_amount(number["low"]), _amount(number["high"]))
    return number["op"], _amount(number["n"])


def _amount(text: str) -> float:
    return float(text.replace(",", "."))


def _day(text: str, part: str, spec: FieldSpec) -> date:
    """One date as typed ("2026-01-01" or "1.1.2026")."""
    match = _DATE.match(text)
    if match is None:
        raise QueryError(part, "query_bad_date", spec.example)
    year, month, day_ = (match["y"], match["m"], match["d"]) if match["y"] else (match["y2"], match["m2"], match["d2"])
    try:
        return date(int(year), int(month), int(day_))
    except ValueError:
        raise QueryError(part, "query_bad_date", spec.example) from None


READERS = {"words": _words, "text": _text, "prefix": _prefix, "member": _member, "stage": _stage, "status": _status,
           "number": _number, "age": _age, "since": _since, "flag": _flag, "custom": _custom}
