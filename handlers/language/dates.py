"""Natural-date parsing for English and German: a regex fast path, then dateparser.

The phrases are read without a clock (date_words: `find_date_words`, `read_date_words`, done once when a
command is parsed); `resolve_when` turns what was read into a datetime. `find_when` and `read_when` do both.

All functions take `now` and the IANA zone name (and, for holidays, the country and region);
nothing here reads the clock. Day arithmetic happens in local wall time (zoneinfo), results are
aware datetimes in UTC. A phrase that says two different days ("Thu 15th" on a Friday) or an
invalid time ("25:00") is never guessed: the first is returned as a question, the second refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from handlers.errors import TooFarAhead
from handlers.language import date_parts as k
from handlers.language.date_days import Region, load_zone, local_datetime, resolve
from handlers.language.date_fallback import DEFAULT_TIME, dateparser_reads
from handlers.language.date_tokens import token
from handlers.language.date_words import DateWords, find_date_words, read_date_words
from handlers.language.vocabulary import dates as v

__all__ = ["DEFAULT_TIME", "DateMatch", "DateWords", "find_when", "parse_duration", "parse_when", "read_when",
           "resolve_when", "warm_up"]

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
    return resolve_when(read_date_words(text), now=now, tz=tz, country=country, subdivision=subdivision)


def resolve_when(words: DateWords | None, *, now: datetime, tz: str, country: str | None = None,
                 subdivision: str | None = None) -> DateMatch | None:
    """Resolve date words read earlier (see date_words) on the clock: the first reading that gives a day wins."""
    zone, now, region = load_zone(tz), _aware(now), Region(country, subdivision)  # bad ones raise, words or not
    if words is None:
        return None
    return _whole(words, now, zone, region) if words.whole else _inside(words, now, zone, region)


def _whole(words: DateWords, now: datetime, zone: ZoneInfo, region: Region) -> DateMatch | None:
    """Resolve the readings of a text that is all date phrase; beyond the horizon is refused (TooFarAhead)."""
    for spot in words.spots:
        resolved = resolve(list(spot.parts), now, zone, region)
        if resolved:
            whens, has_time = resolved
            return _judged(_match(words.text, spot.start, spot.end, [_within_horizon(w, now) for w in whens],
                                  has_time), now, zone)
    for reading in words.phrases:
        slow = dateparser_reads(words.phrase(reading), now, zone)
        if slow:
            return DateMatch(_within_horizon(slow[0], now), words.phrase(reading), "", slow[1])
    return None


def _inside(words: DateWords, now: datetime, zone: ZoneInfo, region: Region) -> DateMatch | None:
    """Resolve the readings of free text; a phrase beyond the horizon is no due date and the next one is tried."""
    for spot in words.spots:
        resolved = resolve(list(spot.parts), now, zone, region)
        if resolved and max(resolved[0]) - now <= HORIZON:
            return _judged(_match(words.text, spot.start, spot.end, *resolved), now, zone)
    text = words.text
    for reading in words.phrases:
        slow = dateparser_reads(words.phrase(reading), now, zone)
        if slow:
            if slow[0] - now > HORIZON:
                return None
            return DateMatch(slow[0], words.phrase(reading), _tidy(text[:reading.start], text[reading.end:]), slow[1])
    return None


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
    return resolve_when(find_date_words(text), now=now, tz=tz, country=country, subdivision=subdivision)


def warm_up() -> None:
    """Load dateparser's data now (about 0.1-0.2 s) and compile our date words, so a user's first date is not slow."""
    token()
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
