"""Natural-date parsing with fixed clocks: English and German, several zones, DST, negatives."""

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from handlers.errors import TooFarAhead
from handlers.language.dates import DEFAULT_TIME, DateMatch, find_when, parse_duration, parse_when

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 25, 11, 30, tzinfo=BERLIN)  # Wednesday, 10:30 UTC

Wall = tuple[int, int, int, int, int]


def berlin(when: datetime | None) -> Wall | None:
    """Show a UTC result as Berlin wall time, checking that it is UTC."""
    if when is None:
        return None
    assert when.utcoffset() == timedelta(0) and when.tzinfo == UTC
    local = when.astimezone(BERLIN)
    return local.year, local.month, local.day, local.hour, local.minute


# Now is Wednesday 2026-11-25 11:30 in Berlin. Thu 26, Fri 27, Sat 28, Sun 29, Mon 30,
# Tue Dec 1, Wed Dec 2, Thu Dec 3; Jan 5 2027 is a Tuesday.
ENGLISH: list[tuple[str, Wall]] = [
    ("today", (2026, 11, 25, 9, 0)),
    ("tomorrow", (2026, 11, 26, 9, 0)),
    ("tomorrow 9am", (2026, 11, 26, 9, 0)),
    ("Tomorrow at 9 PM", (2026, 11, 26, 21, 0)),
    ("day after tomorrow", (2026, 11, 27, 9, 0)),
    ("tonight", (2026, 11, 25, 18, 0)),
    ("this evening", (2026, 11, 25, 18, 0)),
    ("tomorrow morning", (2026, 11, 26, 9, 0)),
    ("tomorrow evening at 7", (2026, 11, 26, 19, 0)),
    ("next tuesday", (2026, 12, 1, 9, 0)),
    ("next tuesday 10am", (2026, 12, 1, 10, 0)),
    ("on friday", (2026, 11, 27, 9, 0)),
    ("fri", (2026, 11, 27, 9, 0)),
    ("friday 10", (2026, 11, 27, 10, 0)),
    ("this friday", (2026, 11, 27, 9, 0)),
    ("wednesday", (2026, 12, 2, 9, 0)),  # today's 09:00 is gone
    ("wednesday 3pm", (2026, 11, 25, 15, 0)),  # today's 15:00 is still ahead
    ("next wednesday 3pm", (2026, 12, 2, 15, 0)),  # "next" never means today
    ("Tue, Dec 1", (2026, 12, 1, 9, 0)),
    ("in 3 days", (2026, 11, 28, 9, 0)),
    ("in 2 hours", (2026, 11, 25, 13, 30)),
    ("in 2h", (2026, 11, 25, 13, 30)),
    ("in 30 minutes", (2026, 11, 25, 12, 0)),
    ("in half an hour", (2026, 11, 25, 12, 0)),
    ("in a week", (2026, 12, 2, 9, 0)),
    ("in 2 weeks", (2026, 12, 9, 9, 0)),
    ("in 2 months", (2027, 1, 25, 9, 0)),
    ("next week", (2026, 11, 30, 9, 0)),
    ("next week 10am", (2026, 11, 30, 10, 0)),
    ("end of month", (2026, 11, 30, 9, 0)),
    ("2026-12-03", (2026, 12, 3, 9, 0)),
    ("Dec 3", (2026, 12, 3, 9, 0)),
    ("December 3rd 10:30", (2026, 12, 3, 10, 30)),
    ("3 Dec", (2026, 12, 3, 9, 0)),
    ("12/3", (2026, 12, 3, 9, 0)),
    ("Jan 5", (2027, 1, 5, 9, 0)),
    ("the 5th of January 2027", (2027, 1, 5, 9, 0)),
    ("January 5, 2027 3pm", (2027, 1, 5, 15, 0)),
    ("9am", (2026, 11, 26, 9, 0)),  # 09:00 today is gone
    ("9 am", (2026, 11, 26, 9, 0)),
    ("9:30", (2026, 11, 26, 9, 30)),
    ("10am", (2026, 11, 26, 10, 0)),
    ("at 9pm", (2026, 11, 25, 21, 0)),
    ("at 3pm", (2026, 11, 25, 15, 0)),
    ("at 3", (2026, 11, 25, 15, 0)),  # a bare 1..6 is the afternoon
    ("at 11:45", (2026, 11, 25, 11, 45)),
    ("at 11:30", (2026, 11, 26, 11, 30)),  # exactly now is not the future
    ("12am", (2026, 11, 26, 0, 0)),
    ("noon", (2026, 11, 25, 12, 0)),
]

GERMAN: list[tuple[str, Wall]] = [
    ("heute", (2026, 11, 25, 9, 0)),
    ("morgen", (2026, 11, 26, 9, 0)),
    ("übermorgen", (2026, 11, 27, 9, 0)),
    ("uebermorgen", (2026, 11, 27, 9, 0)),
    ("heute abend", (2026, 11, 25, 18, 0)),
    ("heute um 17 Uhr", (2026, 11, 25, 17, 0)),
    ("morgen früh", (2026, 11, 26, 9, 0)),
    ("morgen abend", (2026, 11, 26, 18, 0)),
    ("Dienstag morgen", (2026, 12, 1, 9, 0)),
    ("nächsten Dienstag", (2026, 12, 1, 9, 0)),
    ("naechsten Dienstag", (2026, 12, 1, 9, 0)),
    ("nächsten Dienstag 14 Uhr", (2026, 12, 1, 14, 0)),
    ("kommenden Montag", (2026, 11, 30, 9, 0)),
    ("am Freitag", (2026, 11, 27, 9, 0)),
    ("Freitag 10", (2026, 11, 27, 10, 0)),
    ("Samstag 10:00", (2026, 11, 28, 10, 0)),
    ("Mittwoch", (2026, 12, 2, 9, 0)),
    ("Dienstag nächste Woche", (2026, 12, 1, 9, 0)),
    ("am Dienstag, den 1.12.", (2026, 12, 1, 9, 0)),
    ("morgen um 10", (2026, 11, 26, 10, 0)),
    ("morgen um 9", (2026, 11, 26, 9, 0)),
    ("übermorgen 14 Uhr", (2026, 11, 27, 14, 0)),
    ("am 3. Dezember um 10 Uhr", (2026, 12, 3, 10, 0)),
    ("3. Dezember", (2026, 12, 3, 9, 0)),
    ("3 Dezember", (2026, 12, 3, 9, 0)),
    ("Dezember 3", (2026, 12, 3, 9, 0)),
    ("3.12.", (2026, 12, 3, 9, 0)),
    ("3.12.2026", (2026, 12, 3, 9, 0)),
    ("03.12.26", (2026, 12, 3, 9, 0)),
    ("1. Januar", (2027, 1, 1, 9, 0)),
    ("24.11.", (2027, 11, 24, 9, 0)),  # yesterday's date: next year
    ("25.11.", (2026, 11, 25, 9, 0)),  # today's date stays today
    ("in 3 Tagen", (2026, 11, 28, 9, 0)),
    ("in 2 Stunden", (2026, 11, 25, 13, 30)),
    ("in einer Woche", (2026, 12, 2, 9, 0)),
    ("in 30 Minuten", (2026, 11, 25, 12, 0)),
    ("in einer halben Stunde", (2026, 11, 25, 12, 0)),
    ("nächste Woche", (2026, 11, 30, 9, 0)),
    ("Monatsende", (2026, 11, 30, 9, 0)),
    ("um 15 Uhr", (2026, 11, 25, 15, 0)),
    ("14:30 Uhr", (2026, 11, 25, 14, 30)),
    ("um 9", (2026, 11, 26, 9, 0)),
    ("um 10.30", (2026, 11, 26, 10, 30)),
    ("mittags", (2026, 11, 25, 12, 0)),
]


@pytest.mark.parametrize(("text", "expected"), ENGLISH + GERMAN)
def test_parse_when_reads_the_phrase_in_local_time(text: str, expected: Wall) -> None:
    assert berlin(parse_when(text, now=NOW, tz="Europe/Berlin")) == expected


@pytest.mark.parametrize(
    ("now", "text", "expected"),
    [
        (datetime(2026, 12, 1, 10, 30, tzinfo=BERLIN), "tuesday 10am", (2026, 12, 8, 10, 0)),
        (datetime(2026, 12, 1, 10, 30, tzinfo=BERLIN), "tuesday 11am", (2026, 12, 1, 11, 0)),
        (datetime(2026, 12, 1, 10, 30, tzinfo=BERLIN), "tuesday", (2026, 12, 8, 9, 0)),
        (datetime(2026, 12, 1, 8, 0, tzinfo=BERLIN), "tuesday", (2026, 12, 1, 9, 0)),
        (datetime(2026, 12, 1, 8, 0, tzinfo=BERLIN), "next tuesday", (2026, 12, 8, 9, 0)),
        (datetime(2026, 12, 1, 8, 0, tzinfo=BERLIN), "9am", (2026, 12, 1, 9, 0)),
        (datetime(2026, 12, 5, 12, 0, tzinfo=BERLIN), "3. Dezember", (2027, 12, 3, 9, 0)),
        (datetime(2026, 12, 5, 12, 0, tzinfo=BERLIN), "Dec 3", (2027, 12, 3, 9, 0)),
        (datetime(2026, 12, 5, 12, 0, tzinfo=BERLIN), "3.12.", (2027, 12, 3, 9, 0)),
        (datetime(2026, 12, 31, 20, 0, tzinfo=BERLIN), "tomorrow", (2027, 1, 1, 9, 0)),
        (datetime(2026, 12, 31, 20, 0, tzinfo=BERLIN), "in 2 months", (2027, 2, 28, 9, 0)),
        (datetime(2026, 12, 31, 20, 0, tzinfo=BERLIN), "1.1.", (2027, 1, 1, 9, 0)),
    ],
)
def test_ambiguous_phrases_prefer_the_future(now: datetime, text: str, expected: Wall) -> None:
    assert berlin(parse_when(text, now=now, tz="Europe/Berlin")) == expected


@pytest.mark.parametrize(
    ("now", "tz", "text", "expected_utc"),
    [
        # Berlin springs forward on 2026-03-29 at 02:00 (+01:00 -> +02:00).
        (datetime(2026, 3, 28, 12, 0, tzinfo=BERLIN), "Europe/Berlin", "tomorrow 9am",
         datetime(2026, 3, 29, 7, 0, tzinfo=UTC)),
        (datetime(2026, 3, 28, 12, 0, tzinfo=BERLIN), "Europe/Berlin", "morgen um 9",
         datetime(2026, 3, 29, 7, 0, tzinfo=UTC)),
        (datetime(2026, 3, 28, 12, 0, tzinfo=BERLIN), "Europe/Berlin", "in 1 day",
         datetime(2026, 3, 29, 7, 0, tzinfo=UTC)),
        (datetime(2026, 3, 28, 12, 0, tzinfo=BERLIN), "Europe/Berlin", "in 24 hours",
         datetime(2026, 3, 29, 11, 0, tzinfo=UTC)),  # elapsed time, not wall time
        # Berlin falls back on 2026-10-25 at 03:00 (+02:00 -> +01:00).
        (datetime(2026, 10, 24, 12, 0, tzinfo=BERLIN), "Europe/Berlin", "tomorrow 9am",
         datetime(2026, 10, 25, 8, 0, tzinfo=UTC)),
        # New York falls back on 2026-11-01 at 02:00 (-04:00 -> -05:00).
        (datetime(2026, 10, 31, 12, 0, tzinfo=ZoneInfo("America/New_York")), "America/New_York",
         "tomorrow 9am", datetime(2026, 11, 1, 14, 0, tzinfo=UTC)),
        (datetime(2026, 10, 31, 12, 0, tzinfo=ZoneInfo("America/New_York")), "America/New_York",
         "9am", datetime(2026, 11, 1, 14, 0, tzinfo=UTC)),
        (datetime(2026, 10, 31, 12, 0, tzinfo=ZoneInfo("America/New_York")), "America/New_York",
         "monday 9am", datetime(2026, 11, 2, 14, 0, tzinfo=UTC)),
        (datetime(2026, 10, 31, 12, 0, tzinfo=ZoneInfo("America/New_York")), "America/New_York",
         "in 24 hours", datetime(2026, 11, 1, 16, 0, tzinfo=UTC)),
    ],
)
def test_dst_changes_keep_the_wall_time(now: datetime, tz: str, text: str,
                                        expected_utc: datetime) -> None:
    assert parse_when(text, now=now, tz=tz) == expected_utc


INSTANT = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)  # 11:30 Berlin, 05:30 NY, 19:30 Tokyo


@pytest.mark.parametrize(
    ("tz", "text", "expected_utc"),
    [
        ("Europe/Berlin", "9am", (2026, 11, 26, 8, 0)),
        ("America/New_York", "9am", (2026, 11, 25, 14, 0)),
        ("Asia/Tokyo", "9am", (2026, 11, 26, 0, 0)),
        ("UTC", "9am", (2026, 11, 26, 9, 0)),
        ("Europe/Berlin", "today", (2026, 11, 25, 8, 0)),
        ("America/New_York", "today", (2026, 11, 25, 14, 0)),
        ("Asia/Tokyo", "today", (2026, 11, 25, 0, 0)),
        ("UTC", "today", (2026, 11, 25, 9, 0)),
        ("Europe/Berlin", "wednesday", (2026, 12, 2, 8, 0)),
        ("America/New_York", "wednesday", (2026, 11, 25, 14, 0)),
        ("Asia/Tokyo", "wednesday", (2026, 12, 2, 0, 0)),
        ("UTC", "wednesday", (2026, 12, 2, 9, 0)),
        ("Europe/Berlin", "tonight", (2026, 11, 25, 17, 0)),
        ("America/New_York", "tonight", (2026, 11, 25, 23, 0)),
        ("Asia/Tokyo", "heute abend", (2026, 11, 25, 9, 0)),
        ("UTC", "tonight", (2026, 11, 25, 18, 0)),
        ("Asia/Tokyo", "in 2 Stunden", (2026, 11, 25, 12, 30)),
        ("America/New_York", "12/3 5pm", (2026, 12, 3, 22, 0)),
    ],
)
def test_each_zone_counts_from_its_own_wall_clock(tz: str, text: str,
                                                  expected_utc: Wall) -> None:
    assert parse_when(text, now=INSTANT, tz=tz) == datetime(*expected_utc, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "phrase", "rest", "expected", "has_time"),
    [
        ("call Anna tomorrow 9am", "tomorrow 9am", "call Anna", (2026, 11, 26, 9, 0), True),
        ("Angebot an Acme schicken nächsten Dienstag 14 Uhr", "nächsten Dienstag 14 Uhr",
         "Angebot an Acme schicken", (2026, 12, 1, 14, 0), True),
        ("met Anna Schulz from Acme, wants a demo next tuesday 10am", "next tuesday 10am",
         "met Anna Schulz from Acme, wants a demo", (2026, 12, 1, 10, 0), True),
        ("Tomorrow 9am: call Anna.", "Tomorrow 9am", "call Anna", (2026, 11, 26, 9, 0), True),
        ("call Anna tomorrow at 9 about the offer", "tomorrow at 9", "call Anna about the offer",
         (2026, 11, 26, 9, 0), True),
        ("send offer by friday", "by friday", "send offer", (2026, 11, 27, 9, 0), False),
        ("Angebot bis 3.12. schicken", "bis 3.12.", "Angebot schicken", (2026, 12, 3, 9, 0),
         False),
        ("Anna am Freitag anrufen", "am Freitag", "Anna anrufen", (2026, 11, 27, 9, 0), False),
        ("Team morgen um 10 anrufen", "morgen um 10", "Team anrufen", (2026, 11, 26, 10, 0),
         True),
        ("um 3 am Freitag anrufen", "um 3 am Freitag", "anrufen", (2026, 11, 27, 15, 0), True),
        ("Rückruf morgen früh", "morgen früh", "Rückruf", (2026, 11, 26, 9, 0), True),
        ("ping Anna in 2h", "in 2h", "ping Anna", (2026, 11, 25, 13, 30), True),
        ("follow up with Acme in 2 weeks", "in 2 weeks", "follow up with Acme",
         (2026, 12, 9, 9, 0), False),
        ("call Anna fri", "fri", "call Anna", (2026, 11, 27, 9, 0), False),
        ("call 5 people tomorrow", "tomorrow", "call 5 people", (2026, 11, 26, 9, 0), False),
        ("demo on Dec 3, 2026 at 4:15pm", "on Dec 3, 2026 at 4:15pm", "demo",
         (2026, 12, 3, 16, 15), True),
        ("send offer in a fortnight", "in a fortnight", "send offer", (2026, 12, 9, 9, 0),
         False),  # dateparser fallback
    ],
)
def test_find_when_splits_phrase_and_rest(text: str, phrase: str, rest: str, expected: Wall,
                                          has_time: bool) -> None:
    match = find_when(text, now=NOW, tz="Europe/Berlin")
    assert match is not None
    assert (match.phrase, match.rest, berlin(match.when), match.has_time) == (
        phrase, rest, expected, has_time)


def test_a_day_without_time_gets_the_default_time() -> None:
    match = find_when("call Anna Dec 3", now=NOW, tz="Europe/Berlin")
    assert match == DateMatch(datetime(2026, 12, 3, 8, 0, tzinfo=UTC), "Dec 3", "call Anna", False)
    assert match.when.astimezone(BERLIN).time() == DEFAULT_TIME


NOT_DATES = [
    "call Anna",
    "Anna may call",
    "Acme rollout 12k EUR",
    "Acme 2000",
    "",
    "   ",
    "🙂📅🎉",
    "Guten Morgen Anna",
    "good morning",
    "Anna sat down with me",
    "enjoy the sun",
    "discuss Friday's numbers",
    "at 3 locations",
    "price 3.12 EUR",
    "version 1.2.3",
    "24/7 support",
    "spent 2 hours on it",
    "wir haben 2 Stunden gesprochen",
    "call back next month",
    ("Anna may call Acme about the 12k EUR rollout for 2000 seats, said the CFO. " * 300)[:20_000],
]


@pytest.mark.parametrize("text", NOT_DATES, ids=lambda t: t[:30])
def test_find_when_gives_none_for_ordinary_text(text: str) -> None:
    assert find_when(text, now=NOW, tz="Europe/Berlin") is None


@pytest.mark.parametrize(
    "text",
    ["call Anna", "Anna may call", "may", "12", "2000", "2 Stunden", "tomorrow call Anna",
     "32.12.", "2026-02-30", "25 Uhr", "13pm", "next month", "🙂"],
)
def test_parse_when_gives_none_when_the_text_is_no_date(text: str) -> None:
    assert parse_when(text, now=NOW, tz="Europe/Berlin") is None


def test_unknown_zone_and_naive_now_raise_value_error() -> None:
    with pytest.raises(ValueError):
        parse_when("tomorrow", now=NOW, tz="Mars/Olympus_Mons")
    with pytest.raises(ValueError):
        find_when("call Anna", now=NOW, tz="")
    with pytest.raises(ValueError):
        parse_when("tomorrow", now=datetime(2026, 11, 25, 11, 30), tz="UTC")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1h", timedelta(hours=1)),
        ("30m", timedelta(minutes=30)),
        ("90 min", timedelta(minutes=90)),
        ("2 days", timedelta(days=2)),
        ("1 week", timedelta(weeks=1)),
        ("a week", timedelta(weeks=1)),
        ("2 Stunden", timedelta(hours=2)),
        ("3 Tage", timedelta(days=3)),
        ("eine Woche", timedelta(weeks=1)),
        ("1h 30m", timedelta(hours=1, minutes=30)),
        ("1.5h", timedelta(hours=1, minutes=30)),
        ("1,5 Std", timedelta(hours=1, minutes=30)),
        ("", None),
        ("30", None),
        ("h", None),
        ("0m", None),
        ("in 2h", None),
        ("2 months", None),
        ("call Anna", None),
    ],
)
def test_parse_duration(text: str, expected: timedelta | None) -> None:
    assert parse_duration(text) == expected


COMMON = ["tomorrow 9am", "morgen um 10", "nächsten Dienstag", "next tuesday 10am",
          "am 3. Dezember um 10 Uhr", "übermorgen 14 Uhr", "in 2 Stunden", "in 3 days", "fri",
          "3.12.", "Dec 3", "tonight", "at 3pm", "call Anna tomorrow 9am"]
DATES_PY = Path(__file__).parents[1] / "handlers" / "language" / "dates.py"
PROBE = f"""
import importlib.util, sys
from datetime import datetime, timezone
spec = importlib.util.spec_from_file_location("dates", {str(DATES_PY)!r})
dates = sys.modules["dates"] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(dates)
now = datetime(2026, 11, 25, 10, 30, tzinfo=timezone.utc)
for text in {COMMON!r}:
    assert dates.find_when(text, now=now, tz="Europe/Berlin") is not None, text
    dates.parse_when(text, now=now, tz="Europe/Berlin")
for text in ["call Anna", "Anna may call", "Acme rollout 12k EUR"]:
    assert dates.find_when(text, now=now, tz="Europe/Berlin") is None, text
print("before", "dateparser" in sys.modules)
dates.find_when("send offer in a fortnight", now=now, tz="Europe/Berlin")
print("after", "dateparser" in sys.modules)
"""


def test_fast_path_never_imports_dateparser() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            check=True)
    # the second line shows the probe would notice a fallback
    assert result.stdout.split("\n")[:2] == ["before False", "after True"]


@pytest.mark.parametrize("read", [
    lambda: parse_duration("99999999 days"),
    lambda: parse_duration("999999999999 hours"),
    lambda: parse_duration("9" * 400 + " days"),
    lambda: parse_duration("3000 days 3000 days"),
    lambda: parse_when("in 5000 days", now=NOW, tz="Europe/Berlin"),
    lambda: parse_when("31.12.2040", now=NOW, tz="Europe/Berlin"),
])
def test_a_date_beyond_ten_years_is_refused(read: object) -> None:
    with pytest.raises(TooFarAhead):
        read()  # type: ignore[operator]


def test_a_far_date_in_free_text_is_no_due_date() -> None:
    assert parse_when("31.12.2035", now=NOW, tz="Europe/Berlin") is not None
    found = find_when("contract runs until 31.12.2040, call back tomorrow", now=NOW, tz="Europe/Berlin")
    assert found is not None and found.phrase == "tomorrow"
    assert find_when("contract runs until 31.12.2040", now=NOW, tz="Europe/Berlin") is None
