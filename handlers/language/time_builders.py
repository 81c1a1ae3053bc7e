"""The date fast path's builders for a time of day: 9am, half past 3, um halb 4, 14 Uhr, at 9."""

from __future__ import annotations

import re

from handlers.language.date_parts import INVALID, Built, Clock, key
from handlers.language.vocabulary import dates as v


def _hour(word: str) -> int:
    """Read an hour in digits or as a word."""
    return int(word) if word.isdigit() else v.HOURS[key(word)]


def clock(hour: int, minute: int, meridiem: str | None, bare: bool, strength: int = 2) -> Built:
    """Build a wall-clock time; INVALID when it is out of range."""
    valid = 1 <= hour <= 12 if meridiem else 0 <= hour <= 23
    if not valid or not 0 <= minute <= 59:
        return INVALID
    return (Clock(hour, minute, meridiem, bare),), strength


def read_ampm(m: re.Match[str]) -> Built:
    """Read a 12-hour time: 9am, 9:30 pm, 9 a.m., at 3p."""
    hour, minute, meridiem = m["ap_h"] or m["a1_h"], m["ap_m"] or m["a1_m"], m["ap_x"] or m["a1_x"]
    return clock(int(hour), int(minute or 0), meridiem[0].lower(), False)


def read_english_quarter(m: re.Match[str]) -> Built:
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


def read_german_quarter(m: re.Match[str]) -> Built:
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


def read_colon(m: re.Match[str]) -> Built:
    return clock(int(m["hm_h"]), int(m["hm_m"]), None, False)


def read_dot_time(m: re.Match[str]) -> Built:
    """Read "um 10.30" or "10.30 Uhr" (with a dot, "um" or "Uhr" makes it a time)."""
    if not (m["hd_k"] or m["hd_u"]):
        return None
    return clock(int(m["hd_h"]), int(m["hd_m"]), None, False)


def read_uhr(m: re.Match[str]) -> Built:
    """Read a full hour: 14 Uhr, um drei Uhr, 14 Uhr 30, eight o'clock."""
    hour, minute = _hour(m["uhr_h"]), int(m["uhr_m"] or 0)
    return clock(hour, minute, None, "o" in m["uhr_w"].lower() and hour <= 12)


def read_midnight(m: re.Match[str]) -> Built:
    return (Clock(0, 0, None, False, next_day=True),), 2


def read_hour_before_period(m: re.Match[str]) -> Built:
    """Read the hour in "3 in the morning", "8 tonight" (the period follows as its own token)."""
    return clock(_hour(m["bh_h"]), int(m["bh_m"] or 0), None, True, strength=-1)


def read_keyword_hour(m: re.Match[str]) -> Built:
    """Read a bare hour: at 9, um 10 (1 to 6 mean the afternoon)."""
    return clock(int(m["kwh_h"]), 0, None, True, strength=1)
