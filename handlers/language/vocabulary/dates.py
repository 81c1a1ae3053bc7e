"""The words of dates in English and German: weekdays, months, numbers, ordinals, periods, zones."""

from __future__ import annotations

from datetime import timedelta, timezone

WEEKDAYS = {
    "monday": 0, "montag": 0, "mon": 0, "tuesday": 1, "dienstag": 1, "tue": 1, "tues": 1,
    "wednesday": 2, "mittwoch": 2, "wed": 2, "thursday": 3, "donnerstag": 3, "thu": 3,
    "thur": 3, "thurs": 3, "friday": 4, "freitag": 4, "fri": 4, "saturday": 5,
    "samstag": 5, "sonnabend": 5, "sat": 5, "sunday": 6, "sonntag": 6, "sun": 6,
    "mo": 0, "di": 1, "mi": 2, "do": 3, "fr": 4, "sa": 5, "so": 6,
}
ABBREVIATIONS = {"mon", "tue", "tues", "thu", "thur", "thurs", "fri"}
RISKY_ABBREVIATIONS = {"wed", "sat", "sun"}  # also common English words
SHORT_GERMAN = {"mo", "di", "mi", "do", "fr", "sa", "so"}  # read only beside another date word
MONTHS = {
    "january": 1, "januar": 1, "jänner": 1, "jan": 1, "february": 2, "februar": 2,
    "feb": 2, "march": 3, "märz": 3, "maerz": 3, "marz": 3, "mär": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "mai": 5, "june": 6, "juni": 6, "jun": 6, "july": 7,
    "juli": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oktober": 10, "oct": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dezember": 12, "dec": 12, "dez": 12,
}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "ein": 1, "eine": 1, "einer": 1, "einem": 1, "einen": 1,
    "two": 2, "zwei": 2, "three": 3, "drei": 3, "four": 4, "vier": 4, "five": 5,
    "fünf": 5, "fuenf": 5, "six": 6, "sechs": 6, "seven": 7, "sieben": 7, "eight": 8,
    "acht": 8, "nine": 9, "neun": 9, "ten": 10, "zehn": 10,
    "a couple of": 2, "a couple": 2, "couple of": 2, "ein paar": 2, "paar": 2,
    "a few": 3, "few": 3, "einigen": 3, "several": 3,
}
HOURS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eins": 1, "ein": 1, "zwei": 2,
    "drei": 3, "vier": 4, "fünf": 5, "fuenf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "zwoelf": 12,
}
MINUTES = {"five": 5, "ten": 10, "twenty": 20, "twenty-five": 25, "twenty five": 25,
           "fünf": 5, "fuenf": 5, "zehn": 10, "zwanzig": 20}
UNITS = {
    "m": "minute", "min": "minute", "mins": "minute", "minute": "minute",
    "minutes": "minute", "minuten": "minute", "h": "hour", "hr": "hour", "hrs": "hour",
    "hour": "hour", "hours": "hour", "std": "hour", "stunde": "hour", "stunden": "hour",
    "d": "day", "day": "day", "days": "day", "tag": "day", "tage": "day", "tagen": "day",
    "w": "week", "wk": "week", "wks": "week", "week": "week", "weeks": "week",
    "woche": "week", "wochen": "week",
}
MONTH_UNITS = {"month": "month", "months": "month", "monat": "month", "monate": "month",
               "monaten": "month"}
UNIT_SIZE = {"minute": timedelta(minutes=1), "hour": timedelta(hours=1),
             "day": timedelta(days=1), "week": timedelta(weeks=1)}
RELATIVE_DAYS = {
    "today": 0, "heute": 0, "tomorrow": 1, "tmrw": 1, "morgen": 1,
    "day after tomorrow": 2, "the day after tomorrow": 2, "übermorgen": 2,
    "uebermorgen": 2, "ubermorgen": 2, "yesterday": -1, "gestern": -1,
    "day before yesterday": -2, "the day before yesterday": -2, "vorgestern": -2,
}
TODAY_PERIODS = {"tonight": 18, "this morning": 9, "this afternoon": 15, "this evening": 18,
                 "heute nacht": 21, "heute früh": 9, "heute frueh": 9}
# word -> (hour, how a bare hour reads: a.m., p.m. or night; strength: 2 alone, 0 needs a day)
PERIODS = {
    "morning": (9, "a", 0), "in the morning": (9, "a", 2), "früh": (9, "a", 0),
    "frueh": (9, "a", 0), "morgens": (9, "a", 2), "am morgen": (9, "a", 0),
    "vormittag": (10, "a", 0), "vormittags": (10, "a", 2), "am vormittag": (10, "a", 2),
    "noon": (12, "a", 2), "midday": (12, "a", 2), "mittag": (12, "a", 0),
    "mittags": (12, "a", 2), "am mittag": (12, "a", 2), "afternoon": (15, "p", 0),
    "in the afternoon": (15, "p", 2), "nachmittag": (15, "p", 0),
    "nachmittags": (15, "p", 2), "am nachmittag": (15, "p", 2), "evening": (18, "p", 0),
    "in the evening": (18, "p", 2), "abend": (18, "p", 0), "abends": (18, "p", 2),
    "am abend": (18, "p", 2), "night": (21, "n", 0), "at night": (21, "n", 2),
    "nachts": (21, "n", 2), "in der nacht": (21, "n", 2),
}
MODIFIERS = {"next": True, "coming": True, "this coming": True, "this": False}
MODIFIERS |= {s + e: True for s in ("nächste", "naechste", "nachste", "kommende")
              for e in ("", "n", "r", "m", "s")}
MODIFIERS |= {"diese" + e: False for e in ("", "n", "r", "m", "s")}
AFTER_NEXT = {"übernächste" + e for e in ("", "n", "r", "m", "s")}
AFTER_NEXT |= {"uebernächste" + e for e in ("", "n", "r", "m", "s")}
AFTER_NEXT |= {"uebernaechste" + e for e in ("", "n", "r", "m", "s")}
LAST = {"last", "past", "previous"} | {s + e for s in ("letzte", "vergangene", "vorige")
                                       for e in ("", "n", "r", "m", "s")}


def _english_ordinals() -> dict[str, int]:
    """first..thirty-first, spelled with a hyphen or a space."""
    units = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
             "ninth"]
    teens = ["tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
             "sixteenth", "seventeenth", "eighteenth", "nineteenth"]
    words = {w: i + 1 for i, w in enumerate(units)} | {w: i + 10 for i, w in enumerate(teens)}
    words |= {"twentieth": 20, "thirtieth": 30}
    for tens, base in (("twenty", 20), ("thirty", 30)):
        for i, unit in enumerate(units[: 9 if base == 20 else 1]):
            words[f"{tens}-{unit}"] = words[f"{tens} {unit}"] = base + i + 1
    return words


def _german_ordinals() -> dict[str, int]:
    """erste..einunddreißigste, each with its endings (erster, ersten, erstem, erstes)."""
    stems = {"erst": 1, "zweit": 2, "dritt": 3, "viert": 4, "fünft": 5, "fuenft": 5,
             "sechst": 6, "siebt": 7, "siebent": 7, "acht": 8, "neunt": 9, "zehnt": 10,
             "elft": 11, "zwölft": 12, "zwoelft": 12}
    ones = {"ein": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sech": 6, "sieb": 7,
            "acht": 8, "neun": 9}
    for word, n in list(ones.items()):
        if n >= 3:
            stems[f"{word}zehnt"] = 10 + n
    stems |= {"zwanzigst": 20, "dreißigst": 30, "dreissigst": 30, "einunddreißigst": 31,
              "einunddreissigst": 31}
    stems |= {f"{word}undzwanzigst": 20 + n for word, n in ones.items()}
    return {stem + end: n for stem, n in stems.items() for end in ("e", "er", "en", "em", "es")}


ORDINALS = _english_ordinals() | _german_ordinals()
NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1,
       "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "1.": 1, "2.": 2, "3.": 3, "4.": 4}
NTH |= {stem + end: n for stem, n in (("erst", 1), ("zweit", 2), ("dritt", 3), ("viert", 4),
                                      ("fünft", 5), ("letzt", -1))
        for end in ("e", "er", "en", "em")}
# German words after "am" that make it "on" ("1:30 am Sa"), not a.m.
GERMAN_AFTER_AM = ["mo", "di", "mi", "do", "fr", "sa", "so", "montag", "dienstag", "mittwoch",
                   "donnerstag", "freitag", "samstag", "sonntag", "morgen", "vormittag",
                   "mittag", "nachmittag", "abend", "wochenende", "nächsten", "naechsten",
                   "kommenden", "ersten", "letzten", "ende", "heiligabend", "silvester"]
_H = timedelta(hours=1)
# abbreviations with one meaning: a fixed offset; the generic US ones follow the region's clock
ZONES: dict[str, timezone | str] = {
    "UTC": timezone.utc, "GMT": timezone.utc, "Z": timezone.utc, "WET": timezone(0 * _H),
    "WEST": timezone(_H), "BST": timezone(_H), "CET": timezone(_H), "MEZ": timezone(_H),
    "CEST": timezone(2 * _H), "MESZ": timezone(2 * _H), "EET": timezone(2 * _H),
    "OEZ": timezone(2 * _H), "EEST": timezone(3 * _H), "OESZ": timezone(3 * _H),
    "MSK": timezone(3 * _H), "IST": timezone(timedelta(hours=5, minutes=30)),
    "SGT": timezone(8 * _H), "JST": timezone(9 * _H), "KST": timezone(9 * _H),
    "AEST": timezone(10 * _H), "AEDT": timezone(11 * _H), "EST": timezone(-5 * _H),
    "EDT": timezone(-4 * _H), "CST": timezone(-6 * _H), "CDT": timezone(-5 * _H),
    "MST": timezone(-7 * _H), "MDT": timezone(-6 * _H), "PST": timezone(-8 * _H),
    "PDT": timezone(-7 * _H), "AKST": timezone(-9 * _H), "HST": timezone(-10 * _H),
    "ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}
