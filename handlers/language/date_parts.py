"""The parts of a date phrase (a weekday, a clock time, a holiday, ...) and the helpers that read its words."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta, tzinfo


def alt(words: Iterable[str]) -> str:
    """Build a regex alternation, longest first, a space matching any whitespace."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def key(words: str) -> str:
    """Normalise matched words to a table key."""
    return " ".join(words.casefold().replace("’", "'").split())


# --- parts of a phrase ----------------------------------------------------------------

@dataclass(frozen=True)
class Days:
    days: int = 0
    months: int = 0


@dataclass(frozen=True)
class Weekday:
    index: int
    strictly_next: bool
    weeks: int = 0  # "friday after next": one more week
    back: bool = False  # "last friday"


@dataclass(frozen=True)
class NextWeek:
    weeks: int = 1


@dataclass(frozen=True)
class MonthEnd:
    month: int | None = None  # "last day of october"; None: this month plus `months`
    months: int = 0


@dataclass(frozen=True)
class WeekEnd:
    weeks: int = 0  # Friday of this week plus `weeks`


@dataclass(frozen=True)
class Calendar:
    month: int
    day: int
    year: int | None


@dataclass(frozen=True)
class MonthDay:
    day: int
    months: int | None  # "the 20th of next month": 1; None: the next such day


@dataclass(frozen=True)
class NthWeekday:
    n: int  # 1..5, or -1 for the last
    index: int
    month: int | None
    months: int = 0


@dataclass(frozen=True)
class Holiday:
    key: str
    year: int | None
    step: int = 0  # +1: the working day after it, -1: the working day before


@dataclass(frozen=True)
class Clock:
    hour: int
    minute: int
    meridiem: str | None
    bare: bool
    next_day: bool = False  # midnight: the end of the day it is given with


@dataclass(frozen=True)
class Period:
    hour: int
    shift: str  # how a bare hour reads: "a" (as is), "p" (afternoon), "n" (night)


@dataclass(frozen=True)
class Exact:
    delta: timedelta


@dataclass(frozen=True)
class Zone:
    zone: tzinfo


Part = (Days | Weekday | NextWeek | MonthEnd | WeekEnd | Calendar | MonthDay | NthWeekday | Holiday
        | Clock | Period | Exact | Zone)
DAY_PARTS = (Days, Weekday, NextWeek, MonthEnd, WeekEnd, Calendar, MonthDay, NthWeekday, Holiday)
INVALID: tuple[()] = ()  # a builder's answer for a date or time out of range: 25:00, 32.12.
Built = tuple[tuple[Part, ...], int] | tuple[()] | None

