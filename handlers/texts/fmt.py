"""How values read in a reply: money, dates in the member's zone, short lines."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
MONTHS_DE = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
             "November", "Dezember")
WEEKDAYS = {"en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
            "de": ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")}
MAX_LINE = 80


def local(moment: datetime, tz: str) -> datetime:
    return moment.astimezone(ZoneInfo(tz))


def when(moment: datetime | None, tz: str, lang: str, *, now: datetime | None = None) -> str:
    """"Tue 1 Dec 10:00" / "Di 01.12. 10:00"; the year only when it is not the current one."""
    if moment is None:
        return "–"
    at = local(moment, tz)
    year = "" if now is None or local(now, tz).year == at.year else f" {at.year}"
    weekday = WEEKDAYS.get(lang, WEEKDAYS["en"])[at.weekday()]
    if lang == "de":
        return f"{weekday} {at.day:02d}.{at.month:02d}.{year} {at:%H:%M}"
    return f"{weekday} {at.day} {MONTHS_EN[at.month - 1]}{year} {at:%H:%M}"


def day(moment: datetime, tz: str, lang: str) -> str:
    at = local(moment, tz)
    return f"{at.day:02d}.{at.month:02d}.{at.year}" if lang == "de" else f"{at.day} {MONTHS_EN[at.month - 1]} {at.year}"


def money(cents: int, currency: str, lang: str) -> str:
    """12000_00 EUR reads "12,000 EUR" in English and "12.000 EUR" in German."""
    whole, rest = divmod(abs(cents), 100)
    amount = f"{whole:,}" + (f".{rest:02d}" if rest else "")
    if lang == "de":
        amount = amount.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return f"{'-' if cents < 0 else ''}{amount} {currency}"


def short(text: str, limit: int = MAX_LINE) -> str:
    """One line, at most `limit` characters."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def period_label(first: date, last: date, lang: str) -> str:
    """"November 2026", "Q4 2026", "2026", else "1 Jan 2026 – 31 Mar 2026" ("01.01.2026 – 31.03.2026")."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    whole = first.day == 1 and (last + timedelta(days=1)).day == 1
    if whole and months == 1:
        return f"{(MONTHS_DE if lang == 'de' else MONTH_NAMES)[first.month - 1]} {first.year}"
    if whole and months == 3 and first.month % 3 == 1:
        return f"Q{first.month // 3 + 1} {first.year}"
    if whole and months == 12 and first.month == 1:
        return str(first.year)
    return f"{_day_text(first, lang)} – {_day_text(last, lang)}"


def _day_text(day: date, lang: str) -> str:
    return f"{day.day:02d}.{day.month:02d}.{day.year}" if lang == "de" else f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"
