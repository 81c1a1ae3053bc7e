"""Report periods: "this month", "last quarter", "q1", "2026", "März 2026", "2026-01-01..2026-03-31".

Parsing is pure (words in, a PeriodSpec out); `resolve` turns a spec into UTC bounds in the member's zone.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from handlers.language.vocabulary.periods import MONTH_WORDS, MONTHS, OFFSET_WORDS, OFFSETS, UNITS

_QUARTER = re.compile(r"^q([1-4])(?:[/-]?(\d{4}))?$")
_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_DAY = r"(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\.\d{1,2}\.\d{4})"
_RANGE = re.compile(rf"(?:^|(?<=\s)){_DAY}\s*(?:\.\.|–|-|bis|to)\s*{_DAY}$")
UTC = ZoneInfo("UTC")


@dataclass(frozen=True)
class PeriodSpec:
    """What was asked: a unit relative to now, a quarter or month of a year, a year, or a range of days."""

    unit: str = "month"  # week, month, quarter, year, range
    offset: int = 0  # relative to the current unit; ignored when `year` or `first` is set
    index: int = 0  # the quarter (1-4) or month (1-12) asked for by name
    year: int | None = None
    first: date | None = None  # a range of days, both included
    last: date | None = None
    given: bool = False  # the words named a period (else it is the default)

    def to_text(self) -> str:
        """The words `take_period` reads back to this spec; none for the default."""
        if not self.given:
            return ""
        if self.unit == "range":
            assert self.first is not None and self.last is not None
            return f"{self.first.isoformat()}..{self.last.isoformat()}"
        year = str(self.year) if self.year is not None else ""
        if self.unit == "quarter" and self.index:
            return f"q{self.index} {year}".strip()
        if self.unit == "month" and self.index:
            return f"{self.year}-{self.index:02d}" if year else MONTH_WORDS[self.index - 1]
        if self.unit == "year" and year:
            return year
        return f"{OFFSET_WORDS[self.offset]} {self.unit}"


@dataclass(frozen=True)
class Period:
    start: datetime  # UTC, included
    end: datetime  # UTC, excluded
    first: date  # the local days it covers, both included
    last: date


def _day(text: str) -> date | None:
    try:
        if "." in text:
            d, m, y = (int(part) for part in text.split("."))
            return date(y, m, d)
        y, m, d = (int(part) for part in text.split("-"))
        return date(y, m, d)
    except ValueError:
        return None


def take_period(words: list[str]) -> tuple[PeriodSpec | None, list[str]]:
    """Find a period in the words; returns it (None when the words name none) and the other words.

    A spec whose words could not be read (an impossible date) comes back as None with all words kept.
    """
    text = " ".join(words)
    ranged = _RANGE.search(text.replace(" .. ", ".."))
    if ranged:
        first, last = _day(ranged[1]), _day(ranged[2])
        if first is None or last is None or last < first:
            return None, words
        rest = text.replace(" .. ", "..")[:ranged.start()].split()
        return PeriodSpec("range", first=first, last=last, given=True), rest
    rest = []
    spec: PeriodSpec | None = None
    offset: int | None = None
    i = 0
    while i < len(words):
        word = words[i].casefold().strip(",")
        nxt = words[i + 1].casefold() if i + 1 < len(words) else ""
        year = int(nxt) if _YEAR.match(nxt) else None
        if spec is None and word in OFFSETS and UNITS.get(nxt):
            spec = PeriodSpec(UNITS[nxt], OFFSETS[word], given=True)
            i += 2
            continue
        if spec is None and word in UNITS and offset is None:
            spec = PeriodSpec(UNITS[word], 0, given=True)
        elif spec is None and (match := _QUARTER.match(word)):
            quarter_year = int(match[2]) if match[2] else year
            spec = PeriodSpec("quarter", index=int(match[1]), year=quarter_year, given=True)
            i += 1 if year is not None and not match[2] else 0
        elif spec is None and word in MONTHS and len(word) >= 3:
            spec = PeriodSpec("month", index=MONTHS[word], year=year, given=True)
            i += 1 if year is not None else 0
        elif spec is None and (match := _MONTH.match(word)) and 1 <= int(match[2]) <= 12:
            spec = PeriodSpec("month", index=int(match[2]), year=int(match[1]), given=True)
        elif spec is None and _YEAR.match(word):
            spec = PeriodSpec("year", year=int(word), given=True)
        else:
            rest.append(words[i])
        i += 1
    return spec, rest


def _months_later(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)


def span(spec: PeriodSpec, today: date, *, prefer_future: bool = False) -> tuple[date, date]:
    """The first day of the period and the first day after it."""
    if spec.unit == "range":
        assert spec.first is not None and spec.last is not None
        return spec.first, spec.last + timedelta(days=1)
    if spec.unit == "week":
        start = today - timedelta(days=today.weekday()) + timedelta(weeks=spec.offset)
        return start, start + timedelta(days=7)
    if spec.unit == "year":
        year = spec.year if spec.year is not None else today.year + spec.offset
        return date(year, 1, 1), date(year + 1, 1, 1)
    size = 3 if spec.unit == "quarter" else 1
    if spec.index:
        year = spec.year if spec.year is not None else today.year
        start = date(year, (spec.index - 1) * size + 1, 1)
        if spec.year is None and prefer_future and _months_later(start, size) <= today.replace(day=1):
            start = date(year + 1, start.month, 1)
        return start, _months_later(start, size)
    current = date(today.year, (today.month - 1) // size * size + 1, 1)
    start = _months_later(current, spec.offset * size)
    return start, _months_later(start, size)


def resolve(spec: PeriodSpec, now: datetime, tz: str, *, prefer_future: bool = False) -> Period:
    """The period's bounds as UTC instants, its days counted in the member's zone."""
    zone = ZoneInfo(tz)
    first, after = span(spec, now.astimezone(zone).date(), prefer_future=prefer_future)
    return Period(datetime.combine(first, time(0), zone).astimezone(UTC),
                  datetime.combine(after, time(0), zone).astimezone(UTC), first, after - timedelta(days=1))


def months_of(period: Period, tz: str, unit: str) -> list[Period]:
    """The period cut into months or quarters (its first and last pieces may be partial)."""
    zone = ZoneInfo(tz)
    size = 3 if unit == "quarter" else 1
    pieces = []
    start = period.first
    while start <= period.last:
        aligned = date(start.year, (start.month - 1) // size * size + 1, 1)
        after = min(_months_later(aligned, size), period.last + timedelta(days=1))
        pieces.append(Period(datetime.combine(start, time(0), zone).astimezone(UTC),
                             datetime.combine(after, time(0), zone).astimezone(UTC), start,
                             after - timedelta(days=1)))
        start = after
    return pieces


def bounds(now: datetime, tz: str) -> dict[str, datetime]:
    """Ends of today and this week, starts and ends of this month and quarter, in the member's zone, as UTC."""
    zone = ZoneInfo(tz)
    local = now.astimezone(zone)
    midnight = datetime.combine(local.date(), time(0), zone)

    def at(day: datetime) -> datetime:
        return datetime.combine(day.date(), time(0), zone).astimezone(UTC)

    month_start = midnight.replace(day=1)
    next_month = (month_start + timedelta(days=32)).replace(day=1)
    quarter_start = month_start.replace(month=3 * ((local.month - 1) // 3) + 1)
    quarter_end = quarter_start
    for _ in range(3):
        quarter_end = (quarter_end + timedelta(days=32)).replace(day=1)
    return {"today_end": at(midnight + timedelta(days=1)),
            "week_end": at(midnight + timedelta(days=7 - local.weekday())),
            "month_start": at(month_start), "month_end": at(next_month),
            "quarter_start": at(quarter_start), "quarter_end": at(quarter_end)}
