"""Reading date words without a clock: where a text's date phrases lie and what each says, still unresolved.

A `DateWords` is read once, when a command is parsed; `handlers.language.dates.resolve_when` turns it into a
datetime later, given `now`, the zone and the region. It lists every reading in the order the resolver tries
them: the fast path's phrases (their parts, see date_parts), then the trailing phrases only dateparser can read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from handlers.language import date_parts as k
from handlers.language import date_tokens as tk
from handlers.language.date_fallback import worth_asking
from handlers.language.vocabulary import dates as v

__all__ = ["DateWords", "Phrase", "Spot", "find_date_words", "read_date_words"]

MAX_PHRASE = 80  # a whole text longer than this is no date phrase for dateparser


@dataclass(frozen=True)
class Spot:
    """A date phrase the regular expressions read: text[start:end] says `parts` ("next tuesday 10:00")."""

    start: int
    end: int
    parts: tuple[k.Part, ...]


@dataclass(frozen=True)
class Phrase:
    """Words only dateparser may read, given `now`: text[start:end] ("in a fortnight")."""

    start: int
    end: int


@dataclass(frozen=True)
class DateWords:
    """The date readings of one text, best first; `whole`: the text is all date phrase (no title around it)."""

    text: str
    spots: tuple[Spot, ...]
    phrases: tuple[Phrase, ...] = ()  # tried only when no spot resolves
    whole: bool = False

    def phrase(self, reading: Spot | Phrase) -> str:
        """The words of one reading."""
        return self.text[reading.start:reading.end]


class Refused(Exception):
    """The text holds a date phrase with an invalid part: read nothing rather than guess."""


_Token = tuple[int, int, str, tuple[k.Part, ...], int, bool]  # start, end, text, parts, strength, invalid

_GAP = re.compile(r"[\s,]*(?:(?:on|am|the|den|um|at)\s+)?", re.IGNORECASE)
_LEAD = re.compile(r"(?<![\w'’])(?P<word>on|by|until|till|before|bis(?:\s+zum|\s+zur)?|am|zum"
                   r"|for|für|fuer|from|ab|at|um|gegen|around|due)\s+$", re.IGNORECASE)
_STRONG_LEADS = {"on", "by", "until", "till", "before", "bis", "bis zum", "bis zur", "am", "zum",
                 "due"}
_BARE_HOUR = re.compile(r"[\s,]+(?P<h>\d\d?)(?![\w:/]|[.,]\d|\s*[%€$£])")
TRAILER = re.compile(r"[\s.,;:!?)\]]*")
_KEYWORD = re.compile(r"(?:at|um|@|gegen)\b", re.IGNORECASE)


def find_date_words(text: str) -> DateWords | None:
    """The date phrases inside free text ("call Anna tomorrow 9am"), left to right; None when there are none."""
    spots: list[Spot] = []
    try:
        spots.extend(Spot(start, end, tuple(parts)) for start, end, parts in phrases(text, whole_ok=False))
    except Refused:  # the readings before the invalid one still count; dateparser is not asked
        return DateWords(text, tuple(spots)) if spots else None
    trailing = tuple(_trailing(text))
    return DateWords(text, tuple(spots), trailing) if spots or trailing else None


def read_date_words(text: str) -> DateWords | None:
    """The readings of a text that is all date phrase ("tomorrow 9am", "morgen um 10"); None otherwise."""
    text = text.strip()
    spots: list[Spot] = []
    try:
        for start, end, parts in phrases(text, whole_ok=True):
            if start == 0 and TRAILER.fullmatch(text, end):
                spots.append(Spot(start, end, tuple(parts)))
    except Refused:
        return DateWords(text, tuple(spots), whole=True) if spots else None
    phrase = text.rstrip(".!?")
    fallback = (Phrase(0, len(phrase)),) if len(phrase) <= MAX_PHRASE and worth_asking(phrase) else ()
    return DateWords(text, tuple(spots), fallback, whole=True) if spots or fallback else None


def _trailing(text: str) -> Iterator[Phrase]:
    """The trailing 6..1 words of the text that look like a date, longest first."""
    words = list(re.finditer(r"\S+", text))
    for count in range(min(6, len(words)), 0, -1):
        start, end = words[-count].start(), words[-1].end()
        while end > start and text[end - 1] in ".,;:!?)":
            end -= 1
        if worth_asking(text[start:end]):
            yield Phrase(start, end)


# --- from tokens to phrases -----------------------------------------------------------

def _tokens(text: str) -> list[_Token]:
    """Find every date or time word in the text, marking those out of range."""
    tokens = []
    for m in tk.token().finditer(text):
        try:
            built = tk.BUILDERS[m.lastgroup or ""](m)
        except KeyError:  # a case-insensitive match with no table key, e.g. Turkish "İ"
            continue
        if built is None:
            continue
        parts, strength = built if built else ((), 0)
        tokens.append((m.start(), m.end(), m.group(), parts, strength, not built))
    return tokens


def _slot(part: k.Part) -> str:
    """Name what a part says: the day, the clock time, the period of day, the zone, or all of it."""
    if isinstance(part, k.DAY_PARTS):
        return "day"
    return {k.Clock: "clock", k.Period: "period", k.Zone: "zone"}.get(type(part), "exact")


_JOINS = [{k.Weekday, other} for other in (k.Calendar, k.NextWeek, k.MonthDay, k.Holiday)]


def _merge(parts: list[k.Part], text: str, new: tuple[k.Part, ...]) -> list[k.Part] | None:
    """Add a token's parts to a phrase, or None when it says something the phrase already says."""
    if k.key(text) == "morgen" and any(_slot(p) == "day" for p in parts):
        new = (k.Period(9, "a"),)  # "Dienstag morgen", "heute Morgen": the morning
    merged = list(parts)
    for part in new:
        same = [p for p in merged if _slot(p) == _slot(part)]
        if "exact" in (_slot(part), *map(_slot, merged)):
            return None
        if same and (len(same) > 1 or {type(same[0]), type(part)} not in _JOINS):
            return None
        merged.append(part)
    return merged


def _with_zone(text: str, parts: list[k.Part], end: int) -> tuple[list[k.Part], int]:
    """Read a zone after a time: 3pm EST, 14 Uhr MEZ, 8:00 GMT."""
    if not any(isinstance(p, k.Clock) for p in parts) or any(isinstance(p, k.Zone) for p in parts):
        return parts, end
    m = tk.ZONE_SUFFIX.match(text, end)
    return ([*parts, k.Zone(tk.zone_of(m))], m.end()) if m else (parts, end)


def _with_bare_hour(text: str, parts: list[k.Part], end: int, first: str) -> tuple[list[k.Part], int]:
    """Read "friday 10" / "morgen 9" as a time when a day has no time yet."""
    m = _BARE_HOUR.match(text, end)
    if {_slot(p) for p in parts} != {"day"} or m is None or int(m["h"]) > 23:
        return parts, end
    if k.key(first.rstrip(".")) in v.SHORT_GERMAN and first[0].islower():
        return parts, end  # "do 10 pushups"
    return [*parts, k.Clock(int(m["h"]), 0, None, True)], m.end()


def phrases(text: str, whole_ok: bool) -> Iterator[tuple[int, int, list[k.Part]]]:
    """Yield (start, end, parts) of each plausible date phrase, left to right; raise Refused."""
    tokens = _tokens(text)
    for i, (start, end, first, parts_, strength, invalid) in enumerate(tokens):
        following = tokens[i + 1:i + 6]  # a phrase has at most a few tokens
        if invalid:
            if _KEYWORD.match(first) or (following and _GAP.fullmatch(text, end, following[0][0])):
                raise Refused
            continue
        parts, end = _with_zone(text, list(parts_), end)
        joined = 1
        for t_start, t_end, t_text, t_parts, t_strength, t_invalid in following:
            if not _GAP.fullmatch(text, end, t_start):
                break
            if t_invalid:
                raise Refused
            merged = _merge(parts, t_text, t_parts)
            if merged is None:
                break
            parts, end = _with_zone(text, merged, t_end)
            strength, joined = max(strength, t_strength), joined + 1
        parts, end = _with_bare_hour(text, parts, end, first)
        lead = _LEAD.search(text, max(0, start - 24), start)
        if lead:
            start = lead.start()
            strength = 2 if k.key(lead["word"]) in _STRONG_LEADS and strength >= 0 else strength
        at_end = TRAILER.fullmatch(text, end) is not None
        whole = at_end and not text[:start].strip()
        if text.startswith(("'s", "’s"), end):  # "Friday's meeting" is no due date
            continue
        if strength == 2 or (strength == 1 and at_end) or (whole and (strength >= 0 or whole_ok)):
            yield start, end, parts
