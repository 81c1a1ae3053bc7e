"""Parse once: the /task, /snooze, /due and /deal readers carry typed date words, read without a clock."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from handlers.errors import TooFarAhead
from handlers.language import commands as c
from handlers.language.date_parts import Calendar, Clock, Days, Weekday
from handlers.language.date_words import DateWords, Phrase, Spot, find_date_words, read_date_words
from handlers.language.dates import find_when, parse_duration, read_when, resolve_when
from handlers.registry import parse

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 25, 11, 30, tzinfo=BERLIN)  # a Wednesday, 10:30 UTC
LATER = NOW + timedelta(days=30)


def _utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_the_task_reader_splits_the_date_words_from_the_title_without_a_clock() -> None:
    command = parse("/task call Anna next tuesday 10:00")
    assert isinstance(command, c.AddTask)
    assert command.when is not None
    first = command.when.spots[0]
    assert command.when.phrase(first) == "next tuesday 10:00"
    assert first.parts == (Weekday(1, True), Clock(10, 0, None, False))
    found = resolve_when(command.when, now=NOW, tz="Europe/Berlin")
    assert found is not None
    assert (found.when, found.rest, found.has_time) == (_utc(2026, 12, 1, 9, 0), "call Anna", True)


def test_the_german_task_reader_reads_morgen_um_9() -> None:
    command = parse("/aufgabe Anna anrufen morgen um 9")
    assert isinstance(command, c.AddTask)
    assert command.when is not None
    assert command.when.spots[0] == Spot(13, 24, (Days(1), Clock(9, 0, None, True)))
    found = resolve_when(command.when, now=NOW, tz="Europe/Berlin")
    assert found is not None
    assert (found.when, found.rest) == (_utc(2026, 11, 26, 8, 0), "Anna anrufen")


def test_a_task_without_date_words_carries_none() -> None:
    command = parse("/task call Anna about the offer")
    assert isinstance(command, c.AddTask)
    assert command.when is None
    assert c.AddTask("", about="#12").when is None


def test_words_only_dateparser_reads_are_kept_as_a_phrase_and_resolved_on_the_clock() -> None:
    words = find_date_words("call Anna in a fortnight")
    assert words == DateWords("call Anna in a fortnight", (), (Phrase(10, 24), Phrase(13, 24)))
    found = resolve_when(words, now=NOW, tz="Europe/Berlin")
    assert found is not None
    assert found.when.astimezone(BERLIN).date() == datetime(2026, 12, 9).date()
    assert found.rest == "call Anna"


def test_the_same_words_resolve_against_each_clock() -> None:
    words = read_date_words("tomorrow 9am")
    first = resolve_when(words, now=NOW, tz="Europe/Berlin")
    second = resolve_when(words, now=LATER, tz="Europe/Berlin")
    assert first is not None and second is not None
    assert (first.when, second.when) == (_utc(2026, 11, 26, 8, 0), _utc(2026, 12, 26, 8, 0))


@pytest.mark.parametrize("text", ["call Anna next tuesday 10:00", "Anna anrufen morgen um 9", "send the offer 15.12.",
                                  "review in 3 days", "call Anna in a fortnight", "ping 31.02. then 15.12.",
                                  "valid until 31.12.2040, call on friday", "meeting at 25:00 tomorrow", "nothing here"])
def test_reading_then_resolving_is_find_when(text: str) -> None:
    for now in (NOW, LATER):
        assert resolve_when(find_date_words(text), now=now, tz="Europe/Berlin") == \
            find_when(text, now=now, tz="Europe/Berlin")


def test_snooze_carries_a_duration_or_date_words() -> None:
    by_days, by_date, default = parse("/snooze 12 2 days"), parse("/snooze 12 tomorrow"), parse("/snooze 12")
    assert isinstance(by_days, c.SnoozeTask) and isinstance(by_date, c.SnoozeTask) and isinstance(default, c.SnoozeTask)
    assert (by_days.duration, by_days.date) == (timedelta(days=2), None)
    assert by_date.duration is None and by_date.date == DateWords("tomorrow", (Spot(0, 8, (Days(1),)),), whole=True)
    assert (default.duration, default.date, default.too_far) == (None, None, False)
    found = resolve_when(by_date.date, now=NOW, tz="Europe/Berlin")
    assert found is not None and found.when == _utc(2026, 11, 26, 8, 0)


def test_a_snooze_beyond_the_horizon_is_marked_for_the_handler_to_refuse() -> None:
    with pytest.raises(TooFarAhead):
        parse_duration("900 weeks")
    command = parse("/snooze 12 900 weeks")
    assert isinstance(command, c.SnoozeTask)
    assert (command.too_far, command.duration, command.date) == (True, None, None)


@pytest.mark.parametrize(("text", "expected"), [
    ("/due 12 15.12.", _utc(2026, 12, 15, 8, 0)),
    ("/termin 12 in 3 days", _utc(2026, 11, 28, 8, 0)),
    ("/reschedule 12 friday 10am", _utc(2026, 11, 27, 9, 0)),
])
def test_reschedule_carries_date_words_that_resolve_on_a_fixed_clock(text: str, expected: datetime) -> None:
    command = parse(text)
    assert isinstance(command, c.RescheduleTask)
    assert command.date is not None and command.date.whole
    found = resolve_when(command.date, now=NOW, tz="Europe/Berlin")
    assert found is not None and found.when == expected
    assert found == read_when(command.when, now=NOW, tz="Europe/Berlin")


def test_reschedule_on_dec_15_reads_a_calendar_day() -> None:
    command = parse("/due 12 15.12.")
    assert isinstance(command, c.RescheduleTask) and command.date is not None
    assert command.date.spots == (Spot(0, 6, (Calendar(12, 15, None),)),)
    assert c.RescheduleTask(12).date is None


def test_the_deal_reader_splits_off_the_close_date() -> None:
    command = parse("/deal Acme renewal 12k close 15.12.")
    assert isinstance(command, c.AddDeal)
    assert (command.title, command.value_cents) == ("Acme renewal close 15.12.", 1_200_000)
    assert command.close is not None
    assert command.close.phrase(command.close.spots[0]) == "15.12."
    found = resolve_when(command.close, now=NOW, tz="Europe/Berlin")
    assert found is not None and (found.when, found.rest) == (_utc(2026, 12, 15, 8, 0), "Acme renewal close")
    plain = parse("/deal Acme renewal 12k")
    assert isinstance(plain, c.AddDeal) and plain.close is None


@pytest.mark.parametrize("text", ["/task call Anna next tuesday 10:00", "/snooze 12 tomorrow", "/snooze 12 2h",
                                  "/due 12 15.12.", "/deal Acme 12k close 15.12."])
def test_the_typed_date_words_survive_the_round_trip_through_text(text: str) -> None:
    command = parse(text)
    again = parse(command.to_text())
    assert again == command
    assert vars(again) == vars(command)  # the date words too, which equality leaves out
