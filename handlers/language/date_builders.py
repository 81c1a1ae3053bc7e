"""The date fast path's builders: one per kind of token, from a regex match to the parts it says."""

from __future__ import annotations

import re
from datetime import timedelta

from handlers.language.date_parts import (
    INVALID,
    Built,
    Calendar,
    Days,
    Exact,
    Holiday,
    MonthDay,
    MonthEnd,
    NextWeek,
    NthWeekday,
    Part,
    Period,
    Weekday,
    WeekEnd,
    key,
)
from handlers.language.holidays_of import WORDS as HOLIDAY_WORDS
from handlers.language.vocabulary import dates as v


def _year(value: str | None) -> int | None:
    """Read a year: 2026, 26 or '26."""
    if value is None:
        return None
    value = value.lstrip("'’")
    return int(value) + 2000 if len(value) == 2 else int(value)


def _count(word: str) -> int:
    """Read a count written in digits or as a word."""
    return int(word) if word.isdigit() else v.NUMBERS[key(word)]


def _day_number(word: str) -> int:
    """Read a day of the month: 3, 3., 3rd, 15ten, third, dritten."""
    digits = re.match(r"\d+", word)
    return int(digits[0]) if digits else v.ORDINALS[key(word)]


def _months_ahead(modifier: str | None) -> int:
    """Read "next month" as 1 and "this month" as 0."""
    words = key(modifier or "")
    return 1 if any(w in words for w in ("next", "näch", "naech", "kommend", "coming")) else 0


def _calendar(month: int, day: int, year: int | None) -> Built:
    """Build a calendar date; INVALID when month or day is out of range."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return INVALID
    return (Calendar(month, day, year),), 2


def read_iso(m: re.Match[str]) -> Built:
    return _calendar(int(m["iso_m"]), int(m["iso_d"]), int(m["iso_y"]))


def read_day_month_name(m: re.Match[str]) -> Built:
    return _calendar(v.MONTHS[key(m["dmn_m"])], _day_number(m["dmn_d"]), _year(m["dmn_y"]))


def read_month_name_day(m: re.Match[str]) -> Built:
    return _calendar(v.MONTHS[key(m["mnd_m"])], _day_number(m["mnd_d"]), _year(m["mnd_y"]))


def read_dotted(m: re.Match[str]) -> Built:
    return _calendar(int(m["dot_m"]), int(m["dot_d"]), _year(m["dot_y"]))


def read_slashed(m: re.Match[str]) -> Built:
    return _calendar(int(m["sl_m"]), int(m["sl_d"]), _year(m["sl_y"]))


_ARTICLE_BEFORE = re.compile(r"(?<!\w)(?:am|zum|on|by|vom|ab)\s+$", re.IGNORECASE)


def read_month_day(m: re.Match[str]) -> Built:
    """Read a day of the month alone: the 15th, am 15ten, am 5. nächsten Monats."""
    word = m["md_d"]
    article = m["md_a"] or _ARTICLE_BEFORE.search(m.string, max(0, m.start() - 8), m.start())
    spelled = not word[0].isdigit()
    if (word.endswith(".") or spelled) and not (article or m["md_r"]):
        return None  # "15." or "first" alone is no date
    day = _day_number(word)
    if not 1 <= day <= 31:
        return INVALID
    months = _months_ahead(m["md_r"]) if m["md_r"] else None
    strength = 2 if m["md_r"] else 0 if spelled else 1 if article else -1
    return (MonthDay(day, months),), strength


def read_nth_weekday(m: re.Match[str]) -> Built:
    """Read the first tuesday of october, am ersten Montag im Mai, last friday of the month."""
    month = v.MONTHS[key(m["nth_m"])] if m["nth_m"] else None
    part = NthWeekday(v.NTH[key(m["nth_n"])], v.WEEKDAYS[key(m["nth_w"])], month,
                      _months_ahead(m["nth_x"]))
    return (part,), 2


def read_last_day(m: re.Match[str]) -> Built:
    """Read last day of october, end of next month, Ende Oktober, letzter Tag im Monat."""
    if m["ldm_m"]:
        return (MonthEnd(v.MONTHS[key(m["ldm_m"])]),), 2
    return (MonthEnd(None, _months_ahead(m["ldm_x"])),), 2


def read_week_end(m: re.Match[str]) -> Built:
    """Read end of the week, Ende nächster Woche: that week's Friday."""
    return (WeekEnd(1 if m["wke_n"] else 0),), 2


def read_month_end(m: re.Match[str]) -> Built:
    return (MonthEnd(),), 2


def read_period(m: re.Match[str]) -> Built:
    hour, shift, strength = v.PERIODS[key(m["per_w"])]
    return (Period(hour, shift),), strength


def read_today_period(m: re.Match[str]) -> Built:
    hour = v.TODAY_PERIODS[key(m["tp_w"])]
    return (Days(0), Period(hour, "p" if hour >= 12 else "a")), 2


_NOT_TOMORROW = re.compile(r"(?<!\w)(?:guten|am|jeden|den)\s+$", re.IGNORECASE)


def read_relative(m: re.Match[str]) -> Built:
    """Read today, morgen, übermorgen, yesterday (but not "Guten Morgen" or "am Morgen")."""
    word = key(m["rel_w"])
    if word == "morgen" and _NOT_TOMORROW.search(m.string, max(0, m.start() - 8), m.start()):
        return None
    return (Days(v.RELATIVE_DAYS[word]),), 2


def read_weekday(m: re.Match[str]) -> Built:
    """Read a weekday: friday, next tuesday, nächsten Dienstag, fri, Do., friday after next."""
    word, modifier = key(m["wd_w"]), key(m["wd_mod"] or "")
    after_next = bool(m["wd_an"]) or modifier in v.AFTER_NEXT
    strictly = v.MODIFIERS.get(modifier, False) or after_next
    part = Weekday(v.WEEKDAYS[word], strictly, int(after_next), modifier in v.LAST)
    if word in v.SHORT_GERMAN:
        before = m.string[max(0, m.start() - 3):m.start()].lower()
        named = m["wd_w"][0].isupper() and (before == "am " or bool(m["wd_dot"]))
        return (part,), 2 if modifier or named else -1
    if modifier or after_next or word not in v.ABBREVIATIONS | v.RISKY_ABBREVIATIONS:
        return (part,), 2
    return (part,), 1 if word in v.ABBREVIATIONS else 0


def read_next_week(m: re.Match[str]) -> Built:
    return (NextWeek(2 if m["nw_2"] else 1),), 2


def read_half_hour(m: re.Match[str]) -> Built:
    return (Exact(timedelta(minutes=30)),), 2


def read_now(m: re.Match[str]) -> Built:
    """Read now, jetzt, sofort, right away."""
    return (Exact(timedelta(0)),), 1 if key(m["now_w"]) in ("now", "jetzt", "asap") else 2


def _amount(count: str, unit: str, sign: int) -> tuple[Part, ...]:
    """Turn "3 days" or "2 Stunden" into a part, forwards or back."""
    number, name = sign * _count(count.strip()), v.UNITS.get(key(unit), "month")
    if name == "month":
        return (Days(months=number),)
    if name in ("day", "week"):
        return (Days(days=number * v.UNIT_SIZE[name].days),)
    return (Exact(number * v.UNIT_SIZE[name]),)


def read_offset(m: re.Match[str]) -> Built:
    """Read in 3 days, in 2 Stunden, in a couple of hours, 3 days from now."""
    return _amount(m["off_n"] or m["fn_n"], m["off_u"] or m["fn_u"], 1), 2


def read_ago(m: re.Match[str]) -> Built:
    """Read 3 days ago, vor 2 Wochen."""
    return _amount(m["ago_n"] or m["ago_n2"], m["ago_u"] or m["ago_u2"], -1), 1


def read_holiday(m: re.Match[str]) -> Built:
    """Read Christmas, Ostermontag, nach Ostern, before Christmas 2027."""
    relation = key(m["hol_rel"] or "")
    step = 1 if relation.endswith(("after", "nach")) else -1 if relation.endswith(("before", "vor")) else 0
    return (Holiday(HOLIDAY_WORDS[key(m["hol_w"])], _year(m["hol_y"]), step),), 2

