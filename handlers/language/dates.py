"""Natural-date parsing for English and German: a regex fast path, then dateparser.

All functions take `now` and the IANA zone name (and, for holidays, the country and region);
nothing here reads the clock. Day arithmetic happens in local wall time (zoneinfo), results are
aware datetimes in UTC. A phrase that says two different days ("Thu 15th" on a Friday) or an
invalid time ("25:00") is never guessed: the first is returned as a question, the second refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from handlers.errors import TooFarAhead
from handlers.language import date_parts as k
from handlers.language import date_tokens as tk
from handlers.language.date_days import Region, load_zone, local_datetime, resolve
from handlers.language.date_fallback import DEFAULT_TIME, dateparser_reads, trailing_phrase, worth_asking
from handlers.language.vocabulary import dates as v

__all__ = ["DEFAULT_TIME", "DateMatch", "find_when", "parse_duration", "parse_when", "read_when",
           "warm_up"]

HORIZON_YEARS = 10
HORIZON = timedelta(days=365 * HORIZON_YEARS + HORIZON_YEARS // 4)  # further ahead is a typo (and may overflow)


@dataclass(frozen=True)
class DateMatch:
    """A date phrase found in free text; `ask` says when it must be confirmed before use."""

    when: datetime
    phrase: str
    rest: str
    has_time: bool
    ask: str | None = None  # "past": already gone; "conflict": the weekday and the date disagree
    options: tuple[datetime, ...] = ()  # what to offer instead, best first (UTC)


class _Refused(Exception):
    """The text holds a date phrase with an invalid part: read nothing rather than guess."""


_Token = tuple[int, int, str, tuple[k.Part, ...], int, bool]  # start, end, text, parts, strength, invalid


# --- from tokens to phrases -----------------------------------------------------------

_GAP = re.compile(r"[\s,]*(?:(?:on|am|the|den|um|at)\s+)?", re.IGNORECASE)
_LEAD = re.compile(r"(?<![\w'’])(?P<word>on|by|until|till|before|bis(?:\s+zum|\s+zur)?|am|zum"
                   r"|for|für|fuer|from|ab|at|um|gegen|around|due)\s+$", re.IGNORECASE)
_STRONG_LEADS = {"on", "by", "until", "till", "before", "bis", "bis zum", "bis zur", "am", "zum",
                 "due"}
_BARE_HOUR = re.compile(r"[\s,]+(?P<h>\d\d?)(?![\w:/]|[.,]\d|\s*[%€$£])")
_TRAILER = re.compile(r"[\s.,;:!?)\]]*")
_KEYWORD = re.compile(r"(?:at|um|@|gegen)\b", re.IGNORECASE)


def _tokens(text: str) -> list[_Token]:
    """Find every date or time word in the text, marking those out of range."""
    tokens = []
    for m in tk.TOKEN.finditer(text):
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


def _phrases(text: str, whole_ok: bool) -> Iterator[tuple[int, int, list[k.Part]]]:
    """Yield (start, end, parts) of each plausible date phrase, left to right; raise _Refused."""
    tokens = _tokens(text)
    for i, (start, end, first, parts_, strength, invalid) in enumerate(tokens):
        following = tokens[i + 1:i + 6]  # a phrase has at most a few tokens
        if invalid:
            if _KEYWORD.match(first) or (following and _GAP.fullmatch(text, end, following[0][0])):
                raise _Refused
            continue
        parts, end = _with_zone(text, list(parts_), end)
        joined = 1
        for t_start, t_end, t_text, t_parts, t_strength, t_invalid in following:
            if not _GAP.fullmatch(text, end, t_start):
                break
            if t_invalid:
                raise _Refused
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
        at_end = _TRAILER.fullmatch(text, end) is not None
        whole = at_end and not text[:start].strip()
        if text.startswith(("'s", "’s"), end):  # "Friday's meeting" is no due date
            continue
        if strength == 2 or (strength == 1 and at_end) or (whole and (strength >= 0 or whole_ok)):
            yield start, end, parts


def _fast(text: str, now: datetime, zone: ZoneInfo, region: Region,
          whole_ok: bool = False) -> Iterator[tuple[int, int, list[datetime], bool]]:
    """Yield (start, end, whens, has_time) for each date phrase the regular expressions find."""
    for start, end, parts in _phrases(text, whole_ok):
        resolved = resolve(parts, now, zone, region)
        if resolved:
            yield start, end, *resolved


# --- public interface -----------------------------------------------------------------

def _tidy(before: str, after: str) -> str:
    """Join the text around a removed phrase, tidying spaces and stray punctuation."""
    text = re.sub(r"\s+", " ", f"{before} {after}")
    text = re.sub(r" (?=[,.;:!?])", "", text)
    text = re.sub(r"[,;:](?=[,.;:!?])", "", text)
    return text.strip(" ,;:.-–—")


def _aware(now: datetime) -> datetime:
    """Insist on an aware `now`."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    return now


def _judged(match: DateMatch, now: datetime, zone: ZoneInfo) -> DateMatch:
    """Mark a reading that lies in the past, offering the same time a day later."""
    if match.ask:
        return match
    local = match.when.astimezone(zone)
    gone = match.when < now if match.has_time else local.date() < now.astimezone(zone).date()
    if not gone:
        return match
    later = local_datetime(local.date() + timedelta(days=1), local.timetz().replace(tzinfo=None), zone)
    options = (later.astimezone(UTC),) if later > now else ()
    return replace(match, ask="past", options=options)


def _match(text: str, start: int, end: int, whens: list[datetime], has_time: bool) -> DateMatch:
    """Build the match for a phrase; two readings make a question."""
    rest = _tidy(text[:start], text[end:])
    if len(whens) > 1:
        return DateMatch(whens[0], text[start:end], rest, has_time, "conflict", tuple(whens))
    return DateMatch(whens[0], text[start:end], rest, has_time)


def read_when(text: str, *, now: datetime, tz: str, country: str | None = None,
              subdivision: str | None = None) -> DateMatch | None:
    """Read a text that is all date phrase, saying whether it is past or contradicts itself."""
    zone, now, region = load_zone(tz), _aware(now), Region(country, subdivision)
    text = text.strip()
    try:
        for start, end, whens, has_time in _fast(text, now, zone, region, whole_ok=True):
            if start == 0 and _TRAILER.fullmatch(text, end):
                return _judged(_match(text, start, end, [_within_horizon(w, now) for w in whens], has_time),
                               now, zone)
    except _Refused:
        return None
    phrase = text.rstrip(".!?")
    if len(phrase) > 80 or not worth_asking(phrase):
        return None
    resolved = dateparser_reads(phrase, now, zone)
    return DateMatch(_within_horizon(resolved[0], now), phrase, "", resolved[1]) if resolved else None


def _within_horizon(when: datetime, now: datetime) -> datetime:
    """Return `when`, or raise TooFarAhead when it lies beyond the horizon."""
    if when - now > HORIZON:
        raise TooFarAhead(years=HORIZON_YEARS)
    return when


def parse_when(text: str, *, now: datetime, tz: str, country: str | None = None,
               subdivision: str | None = None) -> datetime | None:
    """Read a text that is all date phrase ("tomorrow 9am", "morgen um 10"); None otherwise."""
    match = read_when(text, now=now, tz=tz, country=country, subdivision=subdivision)
    return match.when if match and match.ask != "conflict" else None


def find_when(text: str, *, now: datetime, tz: str, country: str | None = None,
              subdivision: str | None = None) -> DateMatch | None:
    """Find a date phrase inside free text ("call Anna tomorrow 9am"); the leftmost one wins.

    A phrase beyond the horizon ("valid until 31.12.2040") is no due date: the search goes on past it.
    """
    zone, now, region = load_zone(tz), _aware(now), Region(country, subdivision)
    try:
        found = next((f for f in _fast(text, now, zone, region) if max(f[2]) - now <= HORIZON), None)
    except _Refused:
        return None
    if found is not None:
        return _judged(_match(text, *found), now, zone)
    slow = trailing_phrase(text, now, zone)
    if slow is None or slow[2] - now > HORIZON:
        return None
    start, end, when, has_time = slow
    return DateMatch(when, text[start:end], _tidy(text[:start], text[end:]), has_time)


def warm_up() -> None:
    """Load dateparser's data now (about 0.1-0.2 s) so a user's first fallback is not slow."""
    dateparser_reads("Dec 3 2030", datetime(2030, 1, 1, tzinfo=UTC), ZoneInfo("UTC"))


_DURATION_PART = re.compile(
    rf"(?P<n>\d+(?:[.,]\d+)?\s*|(?:{k.alt(v.NUMBERS)})\s+)(?P<u>{k.alt(v.UNITS)})(?!\w)", re.IGNORECASE
)
_DURATION_GAP = re.compile(r"[\s,]*(?:(?:and|und)\s+)?", re.IGNORECASE)


def parse_duration(text: str) -> timedelta | None:
    """Read a duration ("1h", "30m", "2 days", "2 Stunden", "3 Tage", "1h 30m"); None otherwise.

    A duration beyond the horizon raises TooFarAhead.
    """
    text, total, pos = text.strip(), timedelta(), 0
    while pos < len(text):
        gap = _DURATION_GAP.match(text, pos)
        pos = gap.end() if gap else pos
        m = _DURATION_PART.match(text, pos)
        if m is None:
            return None
        count, unit = m["n"].strip().replace(",", "."), v.UNITS.get(k.key(m["u"]))
        number = float(count) if count[0].isdigit() else v.NUMBERS.get(k.key(count))
        if unit is None or number is None:  # an odd case-insensitive match, e.g. "İ"
            return None
        if number * v.UNIT_SIZE[unit].total_seconds() > HORIZON.total_seconds():  # before timedelta overflows
            raise TooFarAhead(years=HORIZON_YEARS)
        total += v.UNIT_SIZE[unit] * number
        pos = m.end()
    if total > HORIZON:
        raise TooFarAhead(years=HORIZON_YEARS)
    return total if total > timedelta(0) else None
