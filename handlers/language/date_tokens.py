"""The date fast path's words: what each part of a phrase says, and one regex per kind of token."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from handlers.language import date_vocab as v
from handlers.language.holidays_of import WORDS as HOLIDAY_WORDS


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


# --- builders: one per pattern kind ---------------------------------------------------

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


def _hour(word: str) -> int:
    """Read an hour in digits or as a word."""
    return int(word) if word.isdigit() else v.HOURS[key(word)]


def _months_ahead(modifier: str | None) -> int:
    """Read "next month" as 1 and "this month" as 0."""
    words = key(modifier or "")
    return 1 if any(w in words for w in ("next", "näch", "naech", "kommend", "coming")) else 0


def _calendar(month: int, day: int, year: int | None) -> Built:
    """Build a calendar date; INVALID when month or day is out of range."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return INVALID
    return (Calendar(month, day, year),), 2


def clock(hour: int, minute: int, meridiem: str | None, bare: bool, strength: int = 2) -> Built:
    """Build a wall-clock time; INVALID when it is out of range."""
    valid = 1 <= hour <= 12 if meridiem else 0 <= hour <= 23
    if not valid or not 0 <= minute <= 59:
        return INVALID
    return (Clock(hour, minute, meridiem, bare),), strength


def _iso(m: re.Match[str]) -> Built:
    return _calendar(int(m["iso_m"]), int(m["iso_d"]), int(m["iso_y"]))


def _day_month_name(m: re.Match[str]) -> Built:
    return _calendar(v.MONTHS[key(m["dmn_m"])], _day_number(m["dmn_d"]), _year(m["dmn_y"]))


def _month_name_day(m: re.Match[str]) -> Built:
    return _calendar(v.MONTHS[key(m["mnd_m"])], _day_number(m["mnd_d"]), _year(m["mnd_y"]))


def _dotted(m: re.Match[str]) -> Built:
    return _calendar(int(m["dot_m"]), int(m["dot_d"]), _year(m["dot_y"]))


def _slashed(m: re.Match[str]) -> Built:
    return _calendar(int(m["sl_m"]), int(m["sl_d"]), _year(m["sl_y"]))


_ARTICLE_BEFORE = re.compile(r"(?<!\w)(?:am|zum|on|by|vom|ab)\s+$", re.IGNORECASE)


def _month_day(m: re.Match[str]) -> Built:
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


def _nth_weekday(m: re.Match[str]) -> Built:
    """Read the first tuesday of october, am ersten Montag im Mai, last friday of the month."""
    month = v.MONTHS[key(m["nth_m"])] if m["nth_m"] else None
    part = NthWeekday(v.NTH[key(m["nth_n"])], v.WEEKDAYS[key(m["nth_w"])], month,
                      _months_ahead(m["nth_x"]))
    return (part,), 2


def _last_day(m: re.Match[str]) -> Built:
    """Read last day of october, end of next month, Ende Oktober, letzter Tag im Monat."""
    if m["ldm_m"]:
        return (MonthEnd(v.MONTHS[key(m["ldm_m"])]),), 2
    return (MonthEnd(None, _months_ahead(m["ldm_x"])),), 2


def _week_end(m: re.Match[str]) -> Built:
    """Read end of the week, Ende nächster Woche: that week's Friday."""
    return (WeekEnd(1 if m["wke_n"] else 0),), 2


def _month_end(m: re.Match[str]) -> Built:
    return (MonthEnd(),), 2


def _ampm(m: re.Match[str]) -> Built:
    """Read a 12-hour time: 9am, 9:30 pm, 9 a.m., at 3p."""
    hour, minute, meridiem = m["ap_h"] or m["a1_h"], m["ap_m"] or m["a1_m"], m["ap_x"] or m["a1_x"]
    return clock(int(hour), int(minute or 0), meridiem[0].lower(), False)


def _english_quarter(m: re.Match[str]) -> Built:
    """Read half past 3 pm, a quarter to noon, 20 minutes to 2pm, ten past five."""
    amount, relation, base = key(m["qh_q"]), key(m["qh_r"]), key(m["qh_h"])
    minutes = 30 if amount == "half" else 15 if "quarter" in amount else None
    if minutes is None:
        number = amount.split()[0]
        minutes = int(number) if number.isdigit() else v.MINUTES.get(number)
        if minutes is None or relation not in ("past", "to"):
            return None
    meridiem = m["qh_x"][0].lower() if m["qh_x"] else None
    hour = {"noon": 12, "midnight": 0}.get(base)
    if hour is not None:
        meridiem = None
    else:
        hour = _hour(base)
    if relation in ("to", "till", "before", "of"):
        return _before_hour(hour, minutes, meridiem, base == "noon" or base == "midnight")
    return clock(hour, minutes, meridiem, base not in ("noon", "midnight") and meridiem is None)


def _before_hour(hour: int, minutes: int, meridiem: str | None, fixed: bool) -> Built:
    """Count minutes back from a full hour: a quarter to 4 is 3:45, a quarter to 1 is 12:45."""
    if not 0 < minutes < 60:
        return INVALID
    if hour == 0 and fixed:  # to midnight
        return clock(23, 60 - minutes, None, False)
    earlier = hour - 1 if hour != 1 or not (meridiem or hour <= 12) else 12
    if earlier < 0:
        return INVALID
    return clock(earlier, 60 - minutes, meridiem, not fixed and meridiem is None)


def _german_quarter(m: re.Match[str]) -> Built:
    """Read um halb 4, viertel nach 3, viertel vor 12, dreiviertel 4, 5 nach halb 3."""
    amount, base = key(m["hb_q"]), key(m["hb_h"])
    hour = 24 if base == "mitternacht" else _hour(base)
    bare = hour <= 12
    words = amount.split()
    if amount == "halb":
        return _before_hour(hour, 30, None, not bare)
    if amount in ("dreiviertel", "drei viertel", "viertel vor"):
        return _before_hour(hour, 15, None, not bare) if hour != 24 else clock(23, 45, None, False)
    if amount == "viertel nach":
        return clock(hour % 24, 15, None, bare)
    number = int(words[0]) if words[0].isdigit() else v.MINUTES.get(words[0], 0)
    if not 0 < number < 30:
        return INVALID
    if words[-1] == "halb":
        offset = 30 + number if "nach" in words else 30 - number
        return _before_hour(hour, 60 - offset, None, not bare)
    if "nach" in words:
        return clock(hour % 24, number, None, bare)
    return _before_hour(hour, number, None, not bare)


def _colon(m: re.Match[str]) -> Built:
    return clock(int(m["hm_h"]), int(m["hm_m"]), None, False)


def _dot_time(m: re.Match[str]) -> Built:
    """Read "um 10.30" or "10.30 Uhr" (with a dot, "um" or "Uhr" makes it a time)."""
    if not (m["hd_k"] or m["hd_u"]):
        return None
    return clock(int(m["hd_h"]), int(m["hd_m"]), None, False)


def _uhr(m: re.Match[str]) -> Built:
    """Read a full hour: 14 Uhr, um drei Uhr, 14 Uhr 30, eight o'clock."""
    hour, minute = _hour(m["uhr_h"]), int(m["uhr_m"] or 0)
    return clock(hour, minute, None, "o" in m["uhr_w"].lower() and hour <= 12)


def _midnight(m: re.Match[str]) -> Built:
    return (Clock(0, 0, None, False, next_day=True),), 2


def _hour_before_period(m: re.Match[str]) -> Built:
    """Read the hour in "3 in the morning", "8 tonight" (the period follows as its own token)."""
    return clock(_hour(m["bh_h"]), int(m["bh_m"] or 0), None, True, strength=-1)


def _keyword_hour(m: re.Match[str]) -> Built:
    """Read a bare hour: at 9, um 10 (1 to 6 mean the afternoon)."""
    return clock(int(m["kwh_h"]), 0, None, True, strength=1)


def _period(m: re.Match[str]) -> Built:
    hour, shift, strength = v.PERIODS[key(m["per_w"])]
    return (Period(hour, shift),), strength


def _today_period(m: re.Match[str]) -> Built:
    hour = v.TODAY_PERIODS[key(m["tp_w"])]
    return (Days(0), Period(hour, "p" if hour >= 12 else "a")), 2


_NOT_TOMORROW = re.compile(r"(?<!\w)(?:guten|am|jeden|den)\s+$", re.IGNORECASE)


def _relative(m: re.Match[str]) -> Built:
    """Read today, morgen, übermorgen, yesterday (but not "Guten Morgen" or "am Morgen")."""
    word = key(m["rel_w"])
    if word == "morgen" and _NOT_TOMORROW.search(m.string, max(0, m.start() - 8), m.start()):
        return None
    return (Days(v.RELATIVE_DAYS[word]),), 2


def _weekday(m: re.Match[str]) -> Built:
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


def _next_week(m: re.Match[str]) -> Built:
    return (NextWeek(2 if m["nw_2"] else 1),), 2


def _half_hour(m: re.Match[str]) -> Built:
    return (Exact(timedelta(minutes=30)),), 2


def _now(m: re.Match[str]) -> Built:
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


def _offset(m: re.Match[str]) -> Built:
    """Read in 3 days, in 2 Stunden, in a couple of hours, 3 days from now."""
    return _amount(m["off_n"] or m["fn_n"], m["off_u"] or m["fn_u"], 1), 2


def _ago(m: re.Match[str]) -> Built:
    """Read 3 days ago, vor 2 Wochen."""
    return _amount(m["ago_n"] or m["ago_n2"], m["ago_u"] or m["ago_u2"], -1), 1


def _holiday(m: re.Match[str]) -> Built:
    """Read Christmas, Ostermontag, nach Ostern, before Christmas 2027."""
    relation = key(m["hol_rel"] or "")
    step = 1 if relation.endswith(("after", "nach")) else -1 if relation.endswith(("before", "vor")) else 0
    return (Holiday(HOLIDAY_WORDS[key(m["hol_w"])], _year(m["hol_y"]), step),), 2


# --- the patterns ---------------------------------------------------------------------

_Y = r"(?:19|20)\d\d"
_M = alt(v.MONTHS)
_WD = alt(v.WEEKDAYS)
_WD_LONG = alt(w for w in v.WEEKDAYS if w not in v.SHORT_GERMAN)
_ORD = alt(v.ORDINALS)
_ORD_EN = alt(w for w in v.ORDINALS if w.isascii() and not w.endswith(("e", "er", "en", "em", "es")))
_HOUR = alt(v.HOURS)
_MIN = alt(v.MINUTES)
_COUNT = rf"\d{{1,3}}\s*|(?:{alt(v.NUMBERS)})\s+"
_UNIT = alt(v.UNITS | v.MONTH_UNITS)
_END = r"(?![\w:/]|[.,]\d)"  # a number ends here
_DAYNUM = rf"\d\d?(?:st|nd|rd|th|ten|ter|tem|te|\.)?|{_ORD}"
_YEAR_AFTER = (rf"{_Y}|['’]\d\d|\d\d(?!\d|\s*(?:[:.h]\d|uhr|o['’]clock|[ap]\.?m)(?!\w)|:\d)")
_NEXT = r"next|the\s+next|coming|this|n(?:ä|ae|a)chste[nrms]?|kommende[nrms]?|diese[nrms]?"
_MONTH_REF = rf"(?:(?:the|dem|des)\s+)?(?:(?P<{{g}}>{_NEXT})\s+)?(?:month|monats?)"
_APPROX = (r"(?:(?:at|um|@|gegen|around|about|ab|circa|ca\.|ungefähr|ungefaehr|etwa"
           r"|approximately|approx\.?|so\s+gegen|so\s+um)\s*)?")
_AM = rf"(?:(?<=\d)am|(?<=\s)am(?!\s+(?:{alt(v.GERMAN_AFTER_AM)})(?![\w.])))"
_BEFORE_PERIOD = (r"in\s+the\s+(?:morning|afternoon|evening)|at\s+night|tonight|this\s+(?:morning"
                  r"|afternoon|evening)|(?:today|tomorrow|tmrw|heute|morgen)\s+(?:morning|afternoon"
                  r"|evening|night|früh|abend|nachmittag|vormittag|mittag)|morgens|abends|nachts"
                  r"|nachmittags|vormittags|am\s+(?:abend|nachmittag|morgen|vormittag)")
_HOL_LEAD = r"(?:right\s+|kurz\s+|just\s+)?(?:after|before|nach|vor)"
_HOL_DET = rf"the|dem|den|an|zu|this|{_NEXT}"

KINDS: tuple[tuple[str, str, Callable[[re.Match[str]], Built]], ...] = (
    ("iso", rf"(?P<iso_y>{_Y})-(?P<iso_m>\d\d?)-(?P<iso_d>\d\d?)(?![\w-]|[.,/:]\d)", _iso),
    ("hol", rf"(?:(?P<hol_rel>{_HOL_LEAD})\s+)?(?:(?:{_HOL_DET})\s+)?(?P<hol_w>{alt(HOLIDAY_WORDS)})"
            rf"(?:\s+(?P<hol_y>{_Y}))?(?!\w)", _holiday),
    ("nth", rf"(?:(?:the|am|den|der|dem)\s+)?(?P<nth_n>{alt(v.NTH)})\s+(?P<nth_w>{_WD_LONG})\s+"
            rf"(?:of|in|im|des)\s+(?:(?P<nth_m>{_M})(?!\w)|{_MONTH_REF.format(g='nth_x')})(?!\w)",
     _nth_weekday),
    ("dmn", rf"(?:(?:the|den|dem|der|die)\s+)?(?P<dmn_d>{_DAYNUM})\s*(?:(?:of|im)\s+)?"
            rf"(?P<dmn_m>{_M})\.?(?:,?\s+(?P<dmn_y>{_YEAR_AFTER}))?(?!\w)", _day_month_name),
    ("mnd", rf"(?P<mnd_m>{_M})\.?\s+(?:the\s+)?(?P<mnd_d>\d\d?(?:st|nd|rd|th)?|{_ORD_EN})"
            rf"(?:,?\s+(?P<mnd_y>{_Y}|['’]\d\d))?{_END}", _month_name_day),
    ("dot", rf"(?<![\d.])(?P<dot_d>\d\d?)\.\s?(?P<dot_m>\d\d?)\."
            rf"(?:(?P<dot_y>{_Y}|\d\d)(?!\d))?(?!\w|[.,]\d)", _dotted),
    ("sl", rf"(?<![\d./])(?P<sl_m>\d\d?)/(?P<sl_d>\d\d?)(?:/(?P<sl_y>{_Y}|\d\d)(?!\d))?"
           rf"(?![\w/]|[.,]\d)", _slashed),
    ("ap", rf"{_APPROX}(?P<ap_h>\d\d?)(?::(?P<ap_m>\d\d))?\s*"
           rf"(?P<ap_x>p(?:m|\.m\.)|a\.m\.|{_AM})(?!\w)", _ampm),
    ("a1", r"(?:at|@)\s*(?P<a1_h>\d\d?)(?::(?P<a1_m>\d\d))?(?P<a1_x>[ap])(?!\w)", _ampm),
    ("qh", rf"{_APPROX}(?P<qh_q>half|(?:a\s+)?quarter|(?:\d\d?|{_MIN})(?:\s+min(?:ute)?s?)?)\s+"
           rf"(?P<qh_r>past|after|to|till|before|of)\s+(?P<qh_h>\d\d?|{_HOUR}|noon|midnight)"
           rf"(?:\s*(?P<qh_x>[ap](?:m|\.m\.)))?(?![\w:])", _english_quarter),
    ("hb", rf"{_APPROX}(?P<hb_q>halb|viertel\s+nach|viertel\s+vor|dreiviertel|drei\s+viertel"
           rf"|(?:\d\d?|{_MIN})\s+(?:minuten\s+)?(?:nach|vor)(?:\s+halb)?)\s+"
           rf"(?P<hb_h>\d\d?|{_HOUR}|mitternacht)(?:\s*uhr)?(?![\w:]|[.,]\d)", _german_quarter),
    ("hm", rf"{_APPROX}(?<![\d:.])(?P<hm_h>\d\d?)(?::|h(?=\d\d))(?P<hm_m>\d\d)"
           r"(?:\s*(?:uhr|h)(?!\w))?(?![\w:]|[.,]\d)", _colon),
    ("hd", r"(?:(?P<hd_k>at|um|gegen|ab|circa|ca\.|etwa)\s*)?(?<![\d.])(?P<hd_h>\d\d?)\."
           r"(?P<hd_m>\d\d)(?P<hd_u>\s*uhr)?(?!\w|[.,]\d)", _dot_time),
    ("uhr", rf"{_APPROX}(?P<uhr_h>\d\d?|{_HOUR})\s*(?P<uhr_w>uhr|o['’]?clock)"
            r"(?:\s+(?P<uhr_m>[0-5]\d)(?![\d:.]|\s*(?:minuten|min|leute|personen)))?(?!\w)", _uhr),
    ("mn", r"(?:(?:at|um|around|gegen|by|bis)\s+)?(?:midnight|mitternacht)(?!\w)", _midnight),
    ("bh", rf"(?P<bh_h>\d\d?|{_HOUR})(?::(?P<bh_m>\d\d))?(?=\s+(?:{_BEFORE_PERIOD})(?!\w))",
     _hour_before_period),
    ("kwh", rf"(?:at|um|@|gegen|around|circa|ca\.)\s*(?P<kwh_h>\d\d?){_END}", _keyword_hour),
    ("tp", rf"(?P<tp_w>{alt(v.TODAY_PERIODS)})(?!\w)", _today_period),
    ("per", rf"(?:(?:at|um|gegen|around)\s+)?(?P<per_w>{alt(v.PERIODS)})(?!\w)", _period),
    ("rel", rf"(?P<rel_w>{alt(v.RELATIVE_DAYS)})(?!\w)", _relative),
    ("nw", r"(?:(?P<nw_2>(?:the\s+)?week\s+after\s+next|(?:in\s+der\s+)?(?:ü|ue)bern(?:ä|ae)chste"
           r"n?\s+woche)|(?:next|this\s+coming|coming)\s+week|(?:in\s+der\s+)?"
           r"(?:n(?:ä|ae|a)chste|kommende)n?\s+woche)(?!\w)", _next_week),
    ("wke", r"(?:(?:the\s+)?end\s+of|ende)\s+(?:the\s+|der\s+|dieser\s+|this\s+)?"
            r"(?P<wke_n>next\s+|n(?:ä|ae)chster\s+|kommender\s+)?(?:week|woche)(?!\w)", _week_end),
    ("ldm", rf"(?:the\s+)?(?:last\s+day\s+of|end\s+of|letzte[nr]?\s+tag\s+(?:im|des|vom|von|in)"
            rf"|ende)\s+(?:the\s+)?(?:(?P<ldm_m>{_M})(?!\w)|{_MONTH_REF.format(g='ldm_x')})(?!\w)",
     _last_day),
    ("eom", r"(?:zum\s+)?monatsende(?!\w)", _month_end),
    ("wd", rf"(?:(?P<wd_mod>{alt([*v.MODIFIERS, *v.AFTER_NEXT, *v.LAST])})\s+)?(?P<wd_w>{_WD})"
           r"(?P<wd_dot>\.(?!\d))?(?P<wd_an>\s+after\s+next)?(?!\w)", _weekday),
    ("md", rf"(?:(?P<md_a>the|den|dem)\s+)?(?P<md_d>\d\d?(?:st|nd|rd|th|ten|ter|tem|te|\.)"
           rf"|{_ORD})(?:\s+(?:of\s+)?(?P<md_r>(?:the\s+)?(?:next|this|coming)\s+month|(?:des\s+)?"
           r"(?:n(?:ä|ae)chsten|kommenden|diesen|dieses)\s+monats|im\s+(?:n(?:ä|ae)chsten|kommenden)"
           r"\s+monat))?(?!\w)", _month_day),
    ("half", r"in\s+(?:half\s+an\s+hour|a\s+half\s+hour|einer\s+halben\s+stunde)(?!\w)",
     _half_hour),
    ("off", rf"in\s+(?P<off_n>{_COUNT})(?P<off_u>{_UNIT})(?:['’]s?\s+time)?(?!\w)", _offset),
    ("fn", rf"(?P<fn_n>{_COUNT})(?P<fn_u>{_UNIT})\s+from\s+now(?!\w)", _offset),
    ("ago", rf"(?:(?P<ago_n>{_COUNT})(?P<ago_u>{_UNIT})\s+ago|vor\s+(?P<ago_n2>{_COUNT})"
            rf"(?P<ago_u2>{alt(v.UNITS)}))(?!\w)", _ago),
    ("now", r"(?P<now_w>right\s+now|right\s+away|immediately|asap|now|jetzt|sofort)(?!\w)", _now),
)
TOKEN = re.compile(
    r"(?<![\w'’])(?:" + "|".join(f"(?P<{kind}>{pattern})" for kind, pattern, _ in KINDS) + ")",
    re.IGNORECASE,
)
BUILDERS = {kind: build for kind, _, build in KINDS}
_ZONE_NAMES = [*v.ZONES, *(z.lower() for z in v.ZONES if len(z) >= 3 and z not in ("IST", "MST"))]
ZONE_SUFFIX = re.compile(rf"\s*\(?\s*(?P<z>{alt(_ZONE_NAMES)})(?:\s*(?P<sign>[+-])(?P<oh>\d\d?)"
                         r"(?::?(?P<om>\d\d))?)?\s*\)?(?![\w+-])")


def zone_of(m: re.Match[str]) -> tzinfo:
    """The zone a suffix names: 3pm EST, 14 Uhr MEZ, 10am PT, 9:00 UTC+2."""
    zone = v.ZONES[m["z"].upper()]
    if m["sign"]:
        sign = 1 if m["sign"] == "+" else -1
        return timezone(sign * timedelta(hours=int(m["oh"]), minutes=int(m["om"] or 0)))
    return ZoneInfo(zone) if isinstance(zone, str) else zone
