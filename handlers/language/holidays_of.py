"""Holidays by name, in a country and region, from the `holidays` library (imported on first use).

A name is looked up in the workspace's country (and subdivision) first, then in the country the
name belongs to; days the library does not list are counted from one it does (Easter Sunday is
the day before Easter Monday, Christmas Eve the day before Christmas Day).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class Holiday:
    """How to find a holiday: its names in the library, its home country, or a day to count from."""

    names: tuple[str, ...]
    home: str
    base: str | None = None  # another holiday's key ...
    offset: int = 0  # ... and the days from it


_H = Holiday
HOLIDAYS: dict[str, Holiday] = {
    "new year": _H(("New Year's Day",), "DE"),
    "new year's eve": _H(("New Year's Eve",), "US", "christmas", 6),
    "epiphany": _H(("Epiphany",), "DE"),
    "valentine's day": _H(("Valentine's Day",), "US"),
    "st. patrick's day": _H(("Saint Patrick's Day",), "US"),
    "carnival monday": _H(("Carnival Monday", "Rose Monday"), "DE", "easter", -48),
    "ash wednesday": _H(("Ash Wednesday",), "DE", "easter", -46),
    "palm sunday": _H(("Palm Sunday",), "DE", "easter", -7),
    "maundy thursday": _H(("Maundy Thursday", "Holy Thursday"), "DE", "easter", -3),
    "good friday": _H(("Good Friday",), "DE"),
    "holy saturday": _H(("Holy Saturday",), "DE", "easter", -1),
    "easter": _H(("Easter Sunday", "Easter"), "DE", "easter monday", -1),
    "easter monday": _H(("Easter Monday",), "DE"),
    "labour day": _H(("Labor Day", "Labour Day"), "DE"),
    "mother's day": _H(("Mother's Day",), "US"),
    "ascension": _H(("Ascension Day",), "DE", "easter", 39),
    "pentecost": _H(("Whit Sunday", "Pentecost", "Pentecost Sunday"), "DE", "whit monday", -1),
    "whit monday": _H(("Whit Monday", "Pentecost Monday"), "DE"),
    "corpus christi": _H(("Corpus Christi",), "DE", "easter", 60),
    "father's day": _H(("Father's Day",), "US"),
    "independence day": _H(("Independence Day",), "US"),
    "german unity day": _H(("German Unity Day",), "DE"),
    "reformation day": _H(("Reformation Day",), "DE", "all saints' day", -1),
    "halloween": _H(("Halloween",), "US"),
    "all saints' day": _H(("All Saints' Day",), "DE", "christmas", -54),
    "thanksgiving": _H(("Thanksgiving Day", "Thanksgiving"), "US"),
    "black friday": _H(("Day After Thanksgiving",), "US", "thanksgiving", 1),
    "christmas eve": _H(("Christmas Eve",), "US", "christmas", -1),
    "christmas": _H(("Christmas Day", "Christmas"), "DE"),
    "boxing day": _H(("Second Day of Christmas", "Boxing Day", "Saint Stephen's Day"), "DE"),
    "martin luther king day": _H(("Martin Luther King Jr. Day",), "US"),
    "memorial day": _H(("Memorial Day",), "US"),
    "us labor day": _H(("Labor Day",), "US"),
    "veterans day": _H(("Veterans Day",), "US"),
    "columbus day": _H(("Columbus Day",), "US"),
}
# what people say -> key in HOLIDAYS
WORDS: dict[str, str] = {
    "new year's day": "new year", "new years day": "new year", "new year": "new year",
    "neujahr": "new year", "neujahrstag": "new year",
    "new year's eve": "new year's eve", "new years eve": "new year's eve",
    "nye": "new year's eve", "silvester": "new year's eve", "sylvester": "new year's eve",
    "epiphany": "epiphany", "heilige drei könige": "epiphany", "dreikönigstag": "epiphany",
    "valentine's day": "valentine's day", "valentines day": "valentine's day",
    "valentine's": "valentine's day", "valentinstag": "valentine's day",
    "st. patrick's day": "st. patrick's day", "st patrick's day": "st. patrick's day",
    "saint patrick's day": "st. patrick's day", "st patricks day": "st. patrick's day",
    "rosenmontag": "carnival monday", "ash wednesday": "ash wednesday",
    "aschermittwoch": "ash wednesday", "palm sunday": "palm sunday",
    "palmsonntag": "palm sunday", "maundy thursday": "maundy thursday",
    "holy thursday": "maundy thursday", "gründonnerstag": "maundy thursday",
    "good friday": "good friday", "karfreitag": "good friday",
    "holy saturday": "holy saturday", "karsamstag": "holy saturday",
    "easter": "easter", "easter sunday": "easter", "ostern": "easter",
    "ostersonntag": "easter", "easter monday": "easter monday", "ostermontag": "easter monday",
    "labour day": "labour day", "may day": "labour day", "tag der arbeit": "labour day",
    "maifeiertag": "labour day", "mother's day": "mother's day", "mothers day": "mother's day",
    "muttertag": "mother's day", "ascension": "ascension", "ascension day": "ascension",
    "christi himmelfahrt": "ascension", "himmelfahrt": "ascension", "vatertag": "ascension",
    "pentecost": "pentecost", "whitsun": "pentecost", "whit sunday": "pentecost",
    "pfingsten": "pentecost", "pfingstsonntag": "pentecost", "whit monday": "whit monday",
    "pentecost monday": "whit monday", "pfingstmontag": "whit monday",
    "corpus christi": "corpus christi", "fronleichnam": "corpus christi",
    "father's day": "father's day", "fathers day": "father's day",
    "independence day": "independence day", "fourth of july": "independence day",
    "german unity day": "german unity day", "day of german unity": "german unity day",
    "tag der deutschen einheit": "german unity day", "reformation day": "reformation day",
    "reformationstag": "reformation day", "halloween": "halloween",
    "all saints' day": "all saints' day", "all saints day": "all saints' day",
    "allerheiligen": "all saints' day", "thanksgiving": "thanksgiving",
    "thanksgiving day": "thanksgiving", "black friday": "black friday",
    "christmas eve": "christmas eve", "xmas eve": "christmas eve",
    "heiligabend": "christmas eve", "heiliger abend": "christmas eve",
    "heiligen abend": "christmas eve", "christmas": "christmas", "christmas day": "christmas",
    "xmas": "christmas", "weihnachten": "christmas", "weihnacht": "christmas",
    "erster weihnachtstag": "christmas", "1. weihnachtstag": "christmas",
    "erster weihnachtsfeiertag": "christmas", "1. weihnachtsfeiertag": "christmas",
    "boxing day": "boxing day", "zweiter weihnachtstag": "boxing day",
    "2. weihnachtstag": "boxing day", "zweiter weihnachtsfeiertag": "boxing day",
    "2. weihnachtsfeiertag": "boxing day", "stephanstag": "boxing day",
    "martin luther king day": "martin luther king day", "mlk day": "martin luther king day",
    "memorial day": "memorial day", "labor day": "us labor day",
    "veterans day": "veterans day", "veterans' day": "veterans day",
    "columbus day": "columbus day",
}


@lru_cache(maxsize=256)
def _calendar(country: str, subdivision: str | None, year: int) -> dict[date, tuple[str, ...]]:
    """The library's days of a country (every category) in one year, with English names."""
    import holidays

    try:
        kind: Any = holidays.country_holidays(country, subdiv=subdivision)
    except (NotImplementedError, KeyError):  # an unknown country or subdivision
        return {}
    language = "en_US" if "en_US" in kind.supported_languages else None
    days = holidays.country_holidays(country, subdiv=subdivision, years=year, language=language,
                                     categories=kind.supported_categories)
    return {day: tuple(n.replace(" (observed)", "").strip() for n in name.split("; "))
            for day, name in days.items() if "(observed)" not in name}


@lru_cache(maxsize=256)
def public_days(country: str, subdivision: str | None, year: int) -> frozenset[date]:
    """The public holidays of a country or region in one year (for counting working days)."""
    import holidays

    try:
        return frozenset(holidays.country_holidays(country, subdiv=subdivision, years=year))
    except (NotImplementedError, KeyError):
        return frozenset()


def holiday_in(key: str, year: int, country: str | None, subdivision: str | None) -> date | None:
    """The day of a holiday in a year: in the workspace's country first, else in its home."""
    spec = HOLIDAYS[key]
    places = [(country.upper(), subdivision), (spec.home, None)] if country else [(spec.home, None)]
    for place_country, place_subdivision in places:
        found = [day for day, names in _calendar(place_country, place_subdivision, year).items()
                 if set(names) & set(spec.names)]
        if found:
            return min(found)
    if spec.base is None:
        return None
    base = holiday_in(spec.base, year, country, subdivision)
    return base + timedelta(days=spec.offset) if base else None


def valid_region(country: str, subdivision: str | None) -> bool:
    """Whether the holiday library knows the country (and the subdivision, when given)."""
    import holidays

    supported = holidays.list_supported_countries()
    return country in supported and (subdivision is None or subdivision in supported[country])


def working_day(day: date, step: int, country: str | None, subdivision: str | None) -> date:
    """The first working day from `day` on in the direction of `step` (+1 or -1)."""
    place = (country or "DE").upper()
    while day.weekday() >= 5 or day in public_days(place, subdivision, day.year):
        day += timedelta(days=step)
    return day
