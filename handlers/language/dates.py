"""Natural-date parsing for English and German: a regex fast path, then dateparser.

All functions take `now` and the IANA zone name; nothing here reads the clock. Day
arithmetic happens in local wall time (zoneinfo), results are aware datetimes in UTC.
"""

from __future__ import annotations

import calendar
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

logger = logging.getLogger(__name__)

DEFAULT_TIME = time(9, 0)


@dataclass(frozen=True)
class DateMatch:
    """A date phrase found in free text."""

    when: datetime
    phrase: str
    rest: str
    has_time: bool


# --- word tables --------------------------------------------------------------------

_WEEKDAYS = {
    "monday": 0, "montag": 0, "mon": 0, "tuesday": 1, "dienstag": 1, "tue": 1, "tues": 1,
    "wednesday": 2, "mittwoch": 2, "wed": 2, "thursday": 3, "donnerstag": 3, "thu": 3,
    "thur": 3, "thurs": 3, "friday": 4, "freitag": 4, "fri": 4, "saturday": 5,
    "samstag": 5, "sonnabend": 5, "sat": 5, "sunday": 6, "sonntag": 6, "sun": 6,
}
_ABBREVIATIONS = {"mon", "tue", "tues", "thu", "thur", "thurs", "fri"}
_RISKY_ABBREVIATIONS = {"wed", "sat", "sun"}  # also common English words
_MONTHS = {
    "january": 1, "januar": 1, "jänner": 1, "jan": 1, "february": 2, "februar": 2,
    "feb": 2, "march": 3, "märz": 3, "maerz": 3, "marz": 3, "mär": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "mai": 5, "june": 6, "juni": 6, "jun": 6, "july": 7,
    "juli": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oktober": 10, "oct": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dezember": 12, "dec": 12, "dez": 12,
}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "ein": 1, "eine": 1, "einer": 1, "einem": 1, "einen": 1,
    "two": 2, "zwei": 2, "three": 3, "drei": 3, "four": 4, "vier": 4, "five": 5,
    "fünf": 5, "fuenf": 5, "six": 6, "sechs": 6, "seven": 7, "sieben": 7, "eight": 8,
    "acht": 8, "nine": 9, "neun": 9, "ten": 10, "zehn": 10,
}
_UNITS = {
    "m": "minute", "min": "minute", "mins": "minute", "minute": "minute",
    "minutes": "minute", "minuten": "minute", "h": "hour", "hr": "hour", "hrs": "hour",
    "hour": "hour", "hours": "hour", "std": "hour", "stunde": "hour", "stunden": "hour",
    "d": "day", "day": "day", "days": "day", "tag": "day", "tage": "day", "tagen": "day",
    "w": "week", "wk": "week", "wks": "week", "week": "week", "weeks": "week",
    "woche": "week", "wochen": "week",
}
_MONTH_UNITS = {"month": "month", "months": "month", "monat": "month", "monate": "month",
                "monaten": "month"}
_UNIT_SIZE = {"minute": timedelta(minutes=1), "hour": timedelta(hours=1),
              "day": timedelta(days=1), "week": timedelta(weeks=1)}
_RELATIVE_DAYS = {
    "today": 0, "heute": 0, "tomorrow": 1, "tmrw": 1, "morgen": 1,
    "day after tomorrow": 2, "the day after tomorrow": 2, "übermorgen": 2,
    "uebermorgen": 2, "ubermorgen": 2,
}
_TODAY_PERIODS = {"tonight": 18, "this morning": 9, "this afternoon": 15, "this evening": 18}
# word -> (hour, shifts a bare hour to pm, strength: 2 stands alone, 0 needs a day)
_PERIODS = {
    "morning": (9, False, 0), "in the morning": (9, False, 2), "früh": (9, False, 0),
    "frueh": (9, False, 0), "morgens": (9, False, 2), "vormittag": (10, False, 0),
    "vormittags": (10, False, 2), "noon": (12, False, 2), "midday": (12, False, 2),
    "mittag": (12, False, 0), "mittags": (12, False, 2), "afternoon": (15, True, 0),
    "in the afternoon": (15, True, 2), "nachmittag": (15, True, 0),
    "nachmittags": (15, True, 2), "evening": (18, True, 0), "in the evening": (18, True, 2),
    "abend": (18, True, 0), "abends": (18, True, 2),
}
_MODIFIERS = {"next": True, "coming": True, "this coming": True, "this": False}
_MODIFIERS |= {s + e: True for s in ("nächste", "naechste", "nachste", "kommende")
               for e in ("", "n", "r", "m")}
_MODIFIERS |= {"diese" + e: False for e in ("", "n", "r", "m")}


def _alt(words: Iterable[str]) -> str:
    """Build a regex alternation, longest first, a space matching any whitespace."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def _key(words: str) -> str:
    """Normalise matched words to a table key."""
    return " ".join(words.casefold().split())


# --- parts of a phrase ----------------------------------------------------------------

@dataclass(frozen=True)
class _Days:
    days: int = 0
    months: int = 0


@dataclass(frozen=True)
class _Weekday:
    index: int
    strictly_next: bool


@dataclass(frozen=True)
class _NextWeek:
    pass


@dataclass(frozen=True)
class _MonthEnd:
    pass


@dataclass(frozen=True)
class _Calendar:
    month: int
    day: int
    year: int | None


@dataclass(frozen=True)
class _Clock:
    hour: int
    minute: int
    meridiem: str | None
    bare: bool


@dataclass(frozen=True)
class _Period:
    hour: int
    pm: bool


@dataclass(frozen=True)
class _Exact:
    delta: timedelta


_Part = _Days | _Weekday | _NextWeek | _MonthEnd | _Calendar | _Clock | _Period | _Exact
_DAY_PARTS = (_Days, _Weekday, _NextWeek, _MonthEnd, _Calendar)
_Built = tuple[tuple[_Part, ...], int] | None


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str
    parts: tuple[_Part, ...]
    strength: int  # 2: a date on its own, 1: only at the end of the text, 0: needs a day


# --- token builders: one per pattern kind ---------------------------------------------

def _year(value: str | None) -> int | None:
    """Read a two- or four-digit year."""
    if value is None:
        return None
    return int(value) + 2000 if len(value) == 2 else int(value)


def _number(word: str) -> int:
    """Read a count written in digits or as a word."""
    return int(word) if word.isdigit() else _NUMBERS[_key(word)]


def _calendar(month: int, day: int, year: int | None) -> _Built:
    """Build a calendar date, or None when month or day is out of range."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return (_Calendar(month, day, year),), 2


def _clock(hour: int, minute: int, meridiem: str | None, bare: bool) -> _Built:
    """Build a wall-clock time, or None when it is out of range."""
    valid = 1 <= hour <= 12 if meridiem else 0 <= hour <= 23
    if not valid or minute > 59:
        return None
    return (_Clock(hour, minute, meridiem, bare),), 1 if bare else 2


def _iso(m: re.Match[str]) -> _Built:
    """Read an ISO date: 2026-12-03."""
    return _calendar(int(m["iso_m"]), int(m["iso_d"]), int(m["iso_y"]))


def _day_month_name(m: re.Match[str]) -> _Built:
    """Read a day before a month name: 3. Dezember, 3rd of December 2026."""
    return _calendar(_MONTHS[_key(m["dmn_m"])], int(m["dmn_d"]), _year(m["dmn_y"]))


def _month_name_day(m: re.Match[str]) -> _Built:
    """Read a month name before a day: Dec 3, December 3rd, 2026."""
    return _calendar(_MONTHS[_key(m["mnd_m"])], int(m["mnd_d"]), _year(m["mnd_y"]))


def _dotted(m: re.Match[str]) -> _Built:
    """Read German day.month.: 3.12., 03.12.26, 3.12.2026."""
    return _calendar(int(m["dot_m"]), int(m["dot_d"]), _year(m["dot_y"]))


def _slashed(m: re.Match[str]) -> _Built:
    """Read US month/day: 12/3, 12/3/2026."""
    return _calendar(int(m["sl_m"]), int(m["sl_d"]), _year(m["sl_y"]))


def _ampm(m: re.Match[str]) -> _Built:
    """Read a 12-hour time: 9am, 9:30 pm, 9 a.m."""
    return _clock(int(m["ap_h"]), int(m["ap_m"] or 0), m["ap_x"].lower(), False)


def _colon(m: re.Match[str]) -> _Built:
    """Read a 24-hour time: 9:30, 14:30 Uhr."""
    return _clock(int(m["hm_h"]), int(m["hm_m"]), None, False)


def _dot_time(m: re.Match[str]) -> _Built:
    """Read "um 10.30" or "10.30 Uhr" (with a dot, "um" or "Uhr" makes it a time)."""
    if not (m["hd_k"] or m["hd_u"]):
        return None
    return _clock(int(m["hd_h"]), int(m["hd_m"]), None, False)


def _uhr(m: re.Match[str]) -> _Built:
    """Read a full hour: 14 Uhr, um 9 Uhr."""
    return _clock(int(m["uhr_h"]), 0, None, False)


def _keyword_hour(m: re.Match[str]) -> _Built:
    """Read a bare hour: at 9, um 10 (1 to 6 mean the afternoon)."""
    return _clock(int(m["kwh_h"]), 0, None, True)


def _period(m: re.Match[str]) -> _Built:
    """Read a period of the day: morning, abends, noon."""
    hour, pm, strength = _PERIODS[_key(m["per_w"])]
    return (_Period(hour, pm),), strength


def _today_period(m: re.Match[str]) -> _Built:
    """Read tonight, this evening."""
    hour = _TODAY_PERIODS[_key(m["tp_w"])]
    return (_Days(0), _Period(hour, hour >= 12)), 2


def _relative(m: re.Match[str]) -> _Built:
    """Read today, morgen, übermorgen (but not "Guten Morgen" or "am Morgen")."""
    word = _key(m["rel_w"])
    if word == "morgen" and _NOT_TOMORROW.search(m.string, max(0, m.start() - 8), m.start()):
        return None
    return (_Days(_RELATIVE_DAYS[word]),), 2


def _weekday(m: re.Match[str]) -> _Built:
    """Read a weekday: friday, next tuesday, nächsten Dienstag, fri."""
    word, modifier = _key(m["wd_w"]), _key(m["wd_mod"] or "")
    part = _Weekday(_WEEKDAYS[word], _MODIFIERS.get(modifier, False))
    if modifier or word not in _ABBREVIATIONS | _RISKY_ABBREVIATIONS:
        return (part,), 2
    return (part,), 1 if word in _ABBREVIATIONS else 0


def _next_week(m: re.Match[str]) -> _Built:
    """Read next week, nächste Woche: Monday of next week."""
    return (_NextWeek(),), 2


def _month_end(m: re.Match[str]) -> _Built:
    """Read end of month, Monatsende: the last day of this month."""
    return (_MonthEnd(),), 2


def _half_hour(m: re.Match[str]) -> _Built:
    """Read in half an hour, in einer halben Stunde."""
    return (_Exact(timedelta(minutes=30)),), 2


def _offset(m: re.Match[str]) -> _Built:
    """Read an offset: in 3 days, in 2 Stunden, in a week, in 2 months."""
    count, unit = _number(m["off_n"].strip()), _UNITS.get(_key(m["off_u"]), "month")
    if unit == "month":
        return (_Days(months=count),), 2
    if unit in ("day", "week"):
        return (_Days(days=count * _UNIT_SIZE[unit].days),), 2
    return (_Exact(count * _UNIT_SIZE[unit]),), 2


_NOT_TOMORROW = re.compile(r"(?<!\w)(?:guten|am|jeden|den)\s+$", re.IGNORECASE)
_Y = r"(?:19|20)\d\d"
_M = _alt(_MONTHS)
_COUNT = rf"\d{{1,3}}\s*|(?:{_alt(_NUMBERS)})\s+"
_END = r"(?![\w:/]|[.,]\d)"  # a number ends here
_KINDS: tuple[tuple[str, str, Callable[[re.Match[str]], _Built]], ...] = (
    ("iso", rf"(?P<iso_y>{_Y})-(?P<iso_m>\d\d?)-(?P<iso_d>\d\d?)(?![\w-]|[.,/:]\d)", _iso),
    ("dmn", rf"(?:(?:the|den|dem)\s+)?(?P<dmn_d>\d\d?)(?:\.|st|nd|rd|th)?\s*(?:of\s+)?"
            rf"(?P<dmn_m>{_M})\.?(?:,?\s+(?P<dmn_y>{_Y}))?(?!\w)", _day_month_name),
    ("mnd", rf"(?P<mnd_m>{_M})\.?\s+(?:the\s+)?(?P<mnd_d>\d\d?)(?:st|nd|rd|th)?"
            rf"(?:,?\s+(?P<mnd_y>{_Y}))?{_END}", _month_name_day),
    ("dot", rf"(?<![\d.])(?P<dot_d>\d\d?)\.\s?(?P<dot_m>\d\d?)\."
            rf"(?:(?P<dot_y>{_Y}|\d\d)(?!\d))?(?!\w|[.,]\d)", _dotted),
    ("sl", rf"(?<![\d./])(?P<sl_m>\d\d?)/(?P<sl_d>\d\d?)(?:/(?P<sl_y>{_Y}|\d\d)(?!\d))?"
           rf"(?![\w/]|[.,]\d)", _slashed),
    ("ap", r"(?:(?:at|@|around)\s*)?(?P<ap_h>\d\d?)(?::(?P<ap_m>\d\d))?\s*"
           r"(?P<ap_x>[ap])(?:m|\.m\.)(?!\w)", _ampm),
    ("hm", r"(?:(?:at|um|@|gegen|around|ab)\s*)?(?<![\d:.])(?P<hm_h>\d\d?):(?P<hm_m>\d\d)"
           r"(?:\s*(?:uhr|h)(?!\w))?(?![\w:]|[.,]\d)", _colon),
    ("hd", r"(?:(?P<hd_k>at|um|gegen|ab)\s*)?(?<![\d.])(?P<hd_h>\d\d?)\.(?P<hd_m>\d\d)"
           r"(?P<hd_u>\s*uhr)?(?!\w|[.,]\d)", _dot_time),
    ("uhr", r"(?:(?:at|um|gegen|ab)\s*)?(?P<uhr_h>\d\d?)\s*uhr(?!\w)", _uhr),
    ("kwh", rf"(?:at|um|@|gegen|around)\s*(?P<kwh_h>\d\d?){_END}", _keyword_hour),
    ("tp", rf"(?P<tp_w>{_alt(_TODAY_PERIODS)})(?!\w)", _today_period),
    ("per", rf"(?:(?:at|um|gegen|around)\s+)?(?P<per_w>{_alt(_PERIODS)})(?!\w)", _period),
    ("rel", rf"(?P<rel_w>{_alt(_RELATIVE_DAYS)})(?!\w)", _relative),
    ("wd", rf"(?:(?P<wd_mod>{_alt(_MODIFIERS)})\s+)?(?P<wd_w>{_alt(_WEEKDAYS)})(?!\w)",
     _weekday),
    ("nw", r"(?:(?:next|this\s+coming|coming)\s+week|(?:in\s+der\s+)?"
           r"(?:n(?:ä|ae|a)chste|kommende)n?\s+woche)(?!\w)", _next_week),
    ("eom", r"(?:end\s+of\s+(?:the\s+)?month|(?:zum\s+)?monatsende|ende\s+(?:des\s+)?"
            r"monats?)(?!\w)", _month_end),
    ("half", r"in\s+(?:half\s+an\s+hour|a\s+half\s+hour|einer\s+halben\s+stunde)(?!\w)",
     _half_hour),
    ("off", rf"in\s+(?P<off_n>{_COUNT})(?P<off_u>{_alt(_UNITS | _MONTH_UNITS)})(?!\w)",
     _offset),
)
_TOKEN = re.compile(
    r"(?<![\w'’])(?:" + "|".join(f"(?P<{kind}>{pattern})" for kind, pattern, _ in _KINDS) + ")",
    re.IGNORECASE,
)
_BUILDERS = {kind: build for kind, _, build in _KINDS}


# --- from tokens to phrases -----------------------------------------------------------

_GAP = re.compile(r"[\s,]*(?:(?:on|am|the|den)\s+)?", re.IGNORECASE)
_LEAD = re.compile(r"(?<![\w'’])(?P<word>on|by|until|till|before|bis(?:\s+zum|\s+zur)?|am|zum"
                   r"|for|für|fuer|from|ab|at|um|gegen|around)\s+$", re.IGNORECASE)
_STRONG_LEADS = {"on", "by", "until", "till", "before", "bis", "bis zum", "bis zur", "am", "zum"}
_BARE_HOUR = re.compile(r"[\s,]+(?P<h>\d\d?)(?![\w:/]|[.,]\d|\s*[%€$£])")
_TRAILER = re.compile(r"[\s.,;:!?)\]]*")


def _tokens(text: str) -> list[_Token]:
    """Find every date or time word in the text."""
    tokens = []
    for m in _TOKEN.finditer(text):
        try:
            built = _BUILDERS[m.lastgroup or ""](m)
        except KeyError:  # a case-insensitive match with no table key, e.g. Turkish "İ"
            continue
        if built is not None:
            tokens.append(_Token(m.start(), m.end(), m.group(), *built))
    return tokens


def _slot(part: _Part) -> str:
    """Name what a part says: the day, the clock time, the period of day, or all of it."""
    if isinstance(part, _DAY_PARTS):
        return "day"
    return {_Clock: "clock", _Period: "period"}.get(type(part), "exact")


def _merge(parts: list[_Part], token: _Token) -> list[_Part] | None:
    """Add a token to a phrase, or None when it says something the phrase already says."""
    new = token.parts
    if _key(token.text) == "morgen" and any(_slot(p) == "day" for p in parts):
        new = (_Period(9, False),)  # "Dienstag morgen", "heute Morgen": the morning
    merged = list(parts)
    for part in new:
        same = [p for p in merged if _slot(p) == _slot(part)]
        if "exact" in (_slot(part), *map(_slot, merged)) or not _may_join(same, part):
            return None
        merged.append(part)
    return merged


def _may_join(same: list[_Part], part: _Part) -> bool:
    """Allow a weekday beside a date ("Tue, Dec 1") or next week ("Dienstag nächste Woche")."""
    if not same:
        return True
    if len(same) > 1:
        return False
    kinds = {type(same[0]), type(part)}
    return kinds in ({_Weekday, _Calendar}, {_Weekday, _NextWeek})


def _phrases(text: str) -> Iterator[tuple[int, int, list[_Part]]]:
    """Yield (start, end, parts) of each plausible date phrase, left to right."""
    tokens = _tokens(text)
    for i, first in enumerate(tokens):
        parts, strength, end = list(first.parts), first.strength, first.end
        for token in tokens[i + 1:i + 6]:  # a phrase has at most a few tokens
            merged = _merge(parts, token) if _GAP.fullmatch(text, end, token.start) else None
            if merged is None:
                break
            parts, strength, end = merged, max(strength, token.strength), token.end
        parts, end = _with_bare_hour(text, parts, end)
        start, lead = first.start, _LEAD.search(text, max(0, first.start - 24), first.start)
        if lead:
            start = lead.start()
            strength = 2 if _key(lead["word"]) in _STRONG_LEADS else strength
        at_end = _TRAILER.fullmatch(text, end) is not None
        whole = at_end and not text[:start].strip()
        if text.startswith(("'s", "’s"), end):  # "Friday's meeting" is no due date
            continue
        if strength == 2 or (strength == 1 and at_end) or whole:
            yield start, end, parts


def _with_bare_hour(text: str, parts: list[_Part], end: int) -> tuple[list[_Part], int]:
    """Read "friday 10" / "morgen 9" as a time when a day has no time yet."""
    slots = {_slot(p) for p in parts}
    m = _BARE_HOUR.match(text, end)
    if slots != {"day"} or m is None or int(m["h"]) > 23:
        return parts, end
    return [*parts, _Clock(int(m["h"]), 0, None, True)], m.end()


# --- from parts to a datetime ---------------------------------------------------------

def _zone(tz: str) -> ZoneInfo:
    """Load an IANA zone; ValueError when it is unknown."""
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise ValueError(f"unknown time zone: {tz!r}") from exc


def _local(day: date, at: time, zone: ZoneInfo) -> datetime:
    """Attach local wall time on a day to the zone."""
    return datetime.combine(day, at, tzinfo=zone)


def _wall_time(parts: list[_Part]) -> time | None:
    """Read the time of day the phrase gives, or None when it gives only a day."""
    clock = next((p for p in parts if isinstance(p, _Clock)), None)
    period = next((p for p in parts if isinstance(p, _Period)), None)
    if clock is None:
        return time(period.hour) if period else None
    hour = clock.hour
    if clock.meridiem:
        hour = hour % 12 + (12 if clock.meridiem == "p" else 0)
    elif hour < 12 and (period.pm if period else clock.bare and 1 <= hour <= 6):
        hour += 12
    return time(hour, clock.minute)


def _add_months(day: date, months: int) -> date:
    """Move by whole months, clamping to the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last))


def _calendar_day(part: _Calendar, today: date) -> date | None:
    """Resolve a calendar date; without a year, the next such day from today on."""
    years = [part.year] if part.year else [today.year, today.year + 1]
    for year in years:
        try:
            day = date(year, part.month, part.day)
        except ValueError:
            continue
        if part.year or day >= today:
            return day
    return None


def _day(parts: list[_Part], now: datetime, at: time, zone: ZoneInfo) -> date | None:
    """Resolve the day parts of a phrase to a local date, preferring the future."""
    today = now.astimezone(zone).date()
    days = [p for p in parts if isinstance(p, _DAY_PARTS)]
    cal = next((p for p in days if isinstance(p, _Calendar)), None)
    weekday = next((p for p in days if isinstance(p, _Weekday)), None)
    next_monday = today + timedelta(days=7 - today.weekday())
    if cal:
        return _calendar_day(cal, today)
    if any(isinstance(p, _NextWeek) for p in days):
        return next_monday + timedelta(days=weekday.index if weekday else 0)
    if weekday:
        ahead = (weekday.index - today.weekday()) % 7
        if ahead == 0 and (weekday.strictly_next or _local(today, at, zone) <= now):
            ahead = 7
        return today + timedelta(days=ahead)
    if any(isinstance(p, _MonthEnd) for p in days):
        return today.replace(day=calendar.monthrange(today.year, today.month)[1])
    offset = next(p for p in days if isinstance(p, _Days))
    return _add_months(today, offset.months) + timedelta(days=offset.days)


def _resolve(parts: list[_Part], now: datetime, zone: ZoneInfo) -> tuple[datetime, bool] | None:
    """Turn a phrase's parts into (UTC datetime, has_time), or None when it is no real date."""
    exact = next((p for p in parts if isinstance(p, _Exact)), None)
    if exact:
        return now.astimezone(UTC) + exact.delta, True
    clock = _wall_time(parts)
    at = clock or DEFAULT_TIME
    if not any(isinstance(p, _DAY_PARTS) for p in parts):
        today = now.astimezone(zone).date()
        when = _local(today, at, zone)
        if when <= now:
            when = _local(today + timedelta(days=1), at, zone)
        return when.astimezone(UTC), True
    day = _day(parts, now, at, zone)
    return (_local(day, at, zone).astimezone(UTC), clock is not None) if day else None


def _fast(text: str, now: datetime, zone: ZoneInfo) -> Iterator[tuple[int, int, datetime, bool]]:
    """Yield (start, end, when, has_time) for each date phrase the regular expressions find."""
    for start, end, parts in _phrases(text):
        resolved = _resolve(parts, now, zone)
        if resolved:
            yield start, end, *resolved


# --- dateparser fallback --------------------------------------------------------------

_LONG_UNITS = [u for u in _UNITS if len(u) > 3] + ["fortnight"]
_UNIT_WORD = re.compile(rf"(?<!\w)(?:{_alt(_LONG_UNITS)})(?!\w)", re.IGNORECASE)
_RELATIVE = re.compile(r"^in\s|(?<!\w)(?:from now|later|fortnight)(?!\w)", re.IGNORECASE)
_DIGIT_DATE = re.compile(rf"\d(?:st|nd|rd|th)(?!\w)|(?<!\w)(?:{_M})(?!\w)", re.IGNORECASE)
_FIRST_WORDS = {"on", "by", "at", "the", "next", "this", "in", "am", "um", "bis", "den",
                "zum", "until", "before", "end", "ende", "übernächste", "übernächsten"}
_FIRST_WORDS |= set(_MODIFIERS) | set(_MONTHS) | set(_WEEKDAYS) | set(_NUMBERS)
_FALLBACK_PERIODS = {"day", "week", "time"}


def _worth_asking(phrase: str) -> bool:
    """Tell whether a phrase looks enough like a date to ask dateparser ("Anna may call" not)."""
    words = phrase.split()
    if not words or not (words[0].lower() in _FIRST_WORDS or any(c.isdigit() for c in words[0])):
        return False
    if _UNIT_WORD.search(phrase) and _RELATIVE.search(phrase):
        return True
    return any(c.isdigit() for c in phrase) and _DIGIT_DATE.search(phrase) is not None


def _dateparser(phrase: str, now: datetime, zone: ZoneInfo) -> tuple[datetime, bool] | None:
    """Ask dateparser (imported on first use) about one phrase; keep only future day or time."""
    from dateparser.date import DateDataParser  # type: ignore[import-untyped]

    local_now = now.astimezone(zone).replace(tzinfo=None)
    settings = {"PREFER_DATES_FROM": "future", "RELATIVE_BASE": local_now,
                "RETURN_TIME_AS_PERIOD": True}
    data = DateDataParser(languages=["en", "de"], settings=settings).get_date_data(phrase)
    found: datetime | None = data.date_obj
    if found is None or data.period not in _FALLBACK_PERIODS:
        return None
    has_time = data.period == "time"
    when = _local(found.date(), found.time() if has_time else DEFAULT_TIME, zone)
    if (when <= now) if has_time else (found.date() < local_now.date()):
        return None
    logger.debug("dateparser read %r as %s", phrase, when)
    return when.astimezone(UTC), has_time


def _fallback(text: str, now: datetime, zone: ZoneInfo) -> tuple[int, int, datetime, bool] | None:
    """Try the trailing 6..1 words of the text with dateparser, longest first."""
    words = list(re.finditer(r"\S+", text))
    for count in range(min(6, len(words)), 0, -1):
        start, end = words[-count].start(), words[-1].end()
        while end > start and text[end - 1] in ".,;:!?)":
            end -= 1
        phrase = text[start:end]
        if _worth_asking(phrase) and (resolved := _dateparser(phrase, now, zone)):
            return start, end, *resolved
    return None


def warm_up() -> None:
    """Load dateparser's data now (about 0.1-0.2 s) so a user's first fallback is not slow."""
    _dateparser("Dec 3 2030", datetime(2030, 1, 1, tzinfo=UTC), ZoneInfo("UTC"))


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


def parse_when(text: str, *, now: datetime, tz: str) -> datetime | None:
    """Read a text that is all date phrase ("tomorrow 9am", "morgen um 10"); None otherwise."""
    zone, now = _zone(tz), _aware(now)
    text = text.strip()
    for start, end, when, _ in _fast(text, now, zone):
        if start == 0 and _TRAILER.fullmatch(text, end):
            return when
    phrase = text.rstrip(".!?")
    if len(phrase) > 80 or not _worth_asking(phrase):
        return None
    resolved = _dateparser(phrase, now, zone)
    return resolved[0] if resolved else None


def find_when(text: str, *, now: datetime, tz: str) -> DateMatch | None:
    """Find a date phrase inside free text ("call Anna tomorrow 9am"); the leftmost one wins."""
    zone, now = _zone(tz), _aware(now)
    found = next(_fast(text, now, zone), None) or _fallback(text, now, zone)
    if found is None:
        return None
    start, end, when, has_time = found
    return DateMatch(when, text[start:end], _tidy(text[:start], text[end:]), has_time)


_DURATION_PART = re.compile(
    rf"(?P<n>\d+(?:[.,]\d+)?\s*|(?:{_alt(_NUMBERS)})\s+)(?P<u>{_alt(_UNITS)})(?!\w)", re.IGNORECASE
)
_DURATION_GAP = re.compile(r"[\s,]*(?:(?:and|und)\s+)?", re.IGNORECASE)


def parse_duration(text: str) -> timedelta | None:
    """Read a duration ("1h", "30m", "2 days", "2 Stunden", "3 Tage", "1h 30m"); None otherwise."""
    text, total, pos = text.strip(), timedelta(), 0
    while pos < len(text):
        gap = _DURATION_GAP.match(text, pos)
        pos = gap.end() if gap else pos
        m = _DURATION_PART.match(text, pos)
        if m is None:
            return None
        count, unit = m["n"].strip().replace(",", "."), _UNITS.get(_key(m["u"]))
        number = float(count) if count[0].isdigit() else _NUMBERS.get(_key(count))
        if unit is None or number is None:  # an odd case-insensitive match, e.g. "İ"
            return None
        total += _UNIT_SIZE[unit] * number
        pos = m.end()
    return total if total > timedelta(0) else None
