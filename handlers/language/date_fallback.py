"""The slow path: dateparser (imported on first use) for the phrases the regular expressions miss."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from handlers.language.date_parts import alt
from handlers.language.vocabulary import dates as v

logger = logging.getLogger(__name__)

DEFAULT_TIME = time(9, 0)
_LONG_UNITS = [u for u in v.UNITS if len(u) > 3] + ["fortnight"]
_UNIT_WORD = re.compile(rf"(?<!\w)(?:{alt(_LONG_UNITS)})(?!\w)", re.IGNORECASE)
_RELATIVE = re.compile(r"^in\s|(?<!\w)(?:from now|later|fortnight)(?!\w)", re.IGNORECASE)
_DIGIT_DATE = re.compile(rf"\d(?:st|nd|rd|th)(?!\w)|(?<!\w)(?:{alt(v.MONTHS)})(?!\w)", re.IGNORECASE)
_FIRST_WORDS = {"on", "by", "at", "the", "next", "this", "in", "am", "um", "bis", "den",
                "zum", "until", "before", "end", "ende", "übernächste", "übernächsten"}
_FIRST_WORDS |= set(v.MODIFIERS) | set(v.MONTHS) | set(v.WEEKDAYS) | set(v.NUMBERS)
_FALLBACK_PERIODS = {"day", "week", "time"}


def worth_asking(phrase: str) -> bool:
    """Tell whether a phrase looks enough like a date to ask dateparser ("Anna may call" not)."""
    words = phrase.split()
    if not words or not (words[0].lower() in _FIRST_WORDS or any(c.isdigit() for c in words[0])):
        return False
    if _UNIT_WORD.search(phrase) and _RELATIVE.search(phrase):
        return True
    return any(c.isdigit() for c in phrase) and _DIGIT_DATE.search(phrase) is not None


def dateparser_reads(phrase: str, now: datetime, zone: ZoneInfo) -> tuple[datetime, bool] | None:
    """Ask dateparser about one phrase; keep only a future day or time."""
    from dateparser.date import DateDataParser

    local_now = now.astimezone(zone).replace(tzinfo=None)
    settings = {"PREFER_DATES_FROM": "future", "RELATIVE_BASE": local_now,
                "RETURN_TIME_AS_PERIOD": True}
    data = DateDataParser(languages=["en", "de"], settings=settings).get_date_data(phrase)
    found: datetime | None = data.date_obj
    if found is None or data.period not in _FALLBACK_PERIODS:
        return None
    has_time = data.period == "time"
    when = datetime.combine(found.date(), found.time() if has_time else DEFAULT_TIME, tzinfo=zone)
    if (when <= now) if has_time else (found.date() < local_now.date()):
        return None
    logger.debug("dateparser read %r as %s", phrase, when)
    return when.astimezone(UTC), has_time
