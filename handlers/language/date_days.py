"""From a date phrase's parts to a datetime: calendar days, month ends, nth weekdays, holidays, wall times."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from handlers.language import date_parts as k
from handlers.language.date_fallback import DEFAULT_TIME
from handlers.language.holidays_of import holiday_in, working_day

P = TypeVar("P")


@dataclass(frozen=True)
class Region:
    """Where holidays are looked up."""

    country: str | None = None
    subdivision: str | None = None


def load_zone(tz: str) -> ZoneInfo:
    """Load an IANA zone; ValueError when it is unknown."""
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise ValueError(f"unknown time zone: {tz!r}") from exc


def local_datetime(day: date, at: time, zone: tzinfo) -> datetime:
    """Attach local wall time on a day to the zone."""
    return datetime.combine(day, at, tzinfo=zone)


def _first(parts: list[k.Part], kind: type[P]) -> P | None:
    """The first part of a kind."""
    return next((p for p in parts if isinstance(p, kind)), None)


def _wall_time(parts: list[k.Part]) -> time | None:
    """Read the time of day the phrase gives, or None when it gives only a day."""
    clock, period = _first(parts, k.Clock), _first(parts, k.Period)
    if clock is None:
        return time(period.hour) if period else None
    hour = clock.hour
    if clock.meridiem:
        hour = hour % 12 + (12 if clock.meridiem == "p" else 0)
    elif hour < 12 and period:
        hour += 12 if period.shift == "p" or (period.shift == "n" and hour >= 6) else 0
    elif hour < 12 and clock.bare and 1 <= hour <= 6:
        hour += 12
    return time(hour, clock.minute)


def _add_months(day: date, months: int) -> date:
    """Move by whole months, clamping to the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last))


def _last_of(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _calendar_day(part: k.Calendar, today: date) -> date | None:
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


def _month_day(part: k.MonthDay, today: date) -> date | None:
    """Resolve "the 15th": in this or a following month; with "next month", in that one."""
    first = today.replace(day=1)
    for ahead in [part.months] if part.months is not None else range(13):
        month = _add_months(first, ahead)
        if part.day <= calendar.monthrange(month.year, month.month)[1]:
            day = month.replace(day=part.day)
            if part.months is not None or day >= today:
                return day
        if part.months is not None:
            return None
    return None


def _nth_weekday(part: k.NthWeekday, today: date) -> date | None:
    """Resolve "the first tuesday of october" (this year, or next when it has passed)."""
    if part.month is None:
        return _nth_in(part, _add_months(today.replace(day=1), part.months))
    for year in (today.year, today.year + 1):
        day = _nth_in(part, date(year, part.month, 1))
        if day and day >= today:
            return day
    return None


def _nth_in(part: k.NthWeekday, first: date) -> date | None:
    """The nth (or last) weekday of the month that starts on `first`."""
    if part.n < 0:
        last = _last_of(first.year, first.month)
        return last - timedelta(days=(last.weekday() - part.index) % 7)
    day = first + timedelta(days=(part.index - first.weekday()) % 7 + 7 * (part.n - 1))
    return day if day.month == first.month else None


def _holiday(part: k.Holiday, today: date, region: Region) -> date | None:
    """Resolve a holiday: the next one, or in the year given; a step moves to a working day."""
    found = None
    for year in [part.year] if part.year else [today.year, today.year + 1]:
        found = holiday_in(part.key, year, region.country, region.subdivision)
        if found and (part.year or found >= today):
            break
        found = None
    if found is None or not part.step:
        return found
    return working_day(found + timedelta(days=part.step), part.step, region.country, region.subdivision)


def _other_day(part: k.Part, today: date, region: Region) -> date | None:
    """Resolve a day part other than a weekday."""
    if isinstance(part, k.Calendar):
        return _calendar_day(part, today)
    if isinstance(part, k.MonthDay):
        return _month_day(part, today)
    if isinstance(part, k.NthWeekday):
        return _nth_weekday(part, today)
    if isinstance(part, k.Holiday):
        return _holiday(part, today, region)
    if isinstance(part, k.MonthEnd):
        if part.month is None:
            month = _add_months(today.replace(day=1), part.months)
            return _last_of(month.year, month.month)
        last = _last_of(today.year, part.month)
        return last if last >= today else _last_of(today.year + 1, part.month)
    if isinstance(part, k.WeekEnd):
        friday = today + timedelta(days=4 - today.weekday() + 7 * part.weeks)
        return friday if friday >= today else friday + timedelta(days=7)
    assert isinstance(part, k.Days)
    return _add_months(today, part.months) + timedelta(days=part.days)


def _days(parts: list[k.Part], now: datetime, at: time, zone: tzinfo,
          region: Region) -> list[date]:
    """Resolve the day parts to a local date; two dates when a weekday contradicts the date."""
    today = now.astimezone(zone).date()
    weekday = _first(parts, k.Weekday)
    other = next((p for p in parts if isinstance(p, k.DAY_PARTS) and not isinstance(p, k.Weekday)),
                 None)
    if isinstance(other, k.NextWeek):
        monday = today + timedelta(days=7 - today.weekday() + 7 * (other.weeks - 1))
        return [monday + timedelta(days=weekday.index if weekday else 0)]
    if other is not None:
        day = _other_day(other, today, region)
        if day is None:
            return []
        if weekday and day.weekday() != weekday.index:
            nearest = day + timedelta(days=(weekday.index - day.weekday() + 3) % 7 - 3)
            return [day, nearest]
        return [day]
    assert weekday is not None
    if weekday.back:
        return [today - timedelta(days=(today.weekday() - weekday.index) % 7 or 7)]
    ahead = (weekday.index - today.weekday()) % 7
    if ahead == 0 and (weekday.strictly_next or local_datetime(today, at, zone) <= now):
        ahead = 7
    return [today + timedelta(days=ahead + 7 * weekday.weeks)]


def resolve(parts: list[k.Part], now: datetime, zone: tzinfo,
             region: Region) -> tuple[list[datetime], bool] | None:
    """Turn a phrase's parts into ([UTC datetimes], has_time); two datetimes ask which one."""
    exact = _first(parts, k.Exact)
    if exact:
        return [now.astimezone(UTC) + exact.delta], True
    named = _first(parts, k.Zone)
    zone = named.zone if named else zone
    clock = _wall_time(parts)
    at = clock or DEFAULT_TIME
    midnight = (_first(parts, k.Clock) or k.Clock(0, 0, None, False)).next_day
    if not any(isinstance(p, k.DAY_PARTS) for p in parts):
        today = now.astimezone(zone).date()
        when = local_datetime(today + timedelta(days=int(midnight and _first(parts, k.Period) is not None)),
                      at, zone)
        if when <= now:
            when = local_datetime(today + timedelta(days=1), at, zone)
        return [when.astimezone(UTC)], True
    days = _days(parts, now, at, zone, region)
    shift = timedelta(days=int(midnight))
    whens = [local_datetime(day + shift, at, zone).astimezone(UTC) for day in days]
    return (whens, clock is not None) if whens else None
