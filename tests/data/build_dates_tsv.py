"""Write tests/data/dates.tsv: date phrases with answers worked out here by plain datetime
arithmetic (and dateutil's Easter), independently of handlers/dates.py.

Run it after changing a family below: `.venv/bin/python tests/data/build_dates_tsv.py`.
Columns: phrase, lang, now (local), zone, expected (local "YYYY-MM-DD HH:MM", "refuse" or "ask"),
kind, and for sentences the rest of the text once the date is taken out.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from pathlib import Path

from dateutil.easter import easter

OUT = Path(__file__).with_name("dates.tsv")
Row = tuple[str, str, datetime, str, str, str, str]
NOWS = {  # local reference times: (now, zone)
    "wed": (datetime(2026, 11, 25, 11, 30), "Europe/Berlin"),
    "spring": (datetime(2026, 3, 28, 12, 0), "Europe/Berlin"),  # DST starts the next night
    "autumn": (datetime(2026, 10, 24, 12, 0), "Europe/Berlin"),  # DST ends the next night
    "ny": (datetime(2026, 10, 31, 12, 0), "America/New_York"),  # US DST ends the next night
    "tokyo": (datetime(2026, 6, 15, 8, 0), "Asia/Tokyo"),  # a Monday
    "early": (datetime(2027, 2, 9, 4, 30), "America/Los_Angeles"),  # a Tuesday, before dawn
    "eve": (datetime(2026, 12, 30, 20, 0), "Europe/Berlin"),  # the year ends
}
EN_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
DE_DAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
DE_SHORT = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]
EN_SHORT = ["mon", "tue", "wed", "thu", "fri"]
EN_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
             "september", "october", "november", "december"]
DE_MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
             "Oktober", "November", "Dezember"]
EN_ORD = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
          "tenth", "eleventh", "twelfth"]
DE_ORD = ["erster", "zweiter", "dritter", "vierter", "fünfter", "sechster", "siebter", "achter",
          "neunter", "zehnter", "elfter", "zwölfter"]
EN_HOURS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve"]
DE_HOURS = ["eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn",
            "elf", "zwölf"]


def fmt(day: date, hour: int = 9, minute: int = 0) -> str:
    return f"{day:%Y-%m-%d} {hour:02d}:{minute:02d}"


def next_weekday(today: date, index: int, now_time: tuple[int, int] | None, at: tuple[int, int],
                 strictly: bool = False) -> date:
    """The next such weekday; today only when the time is still ahead and not strictly next."""
    ahead = (index - today.weekday()) % 7
    if ahead == 0 and (strictly or (now_time is not None and at <= now_time)):
        ahead = 7
    return today + timedelta(days=ahead)


def next_time(now: datetime, hour: int, minute: int) -> str:
    """A time without a day: today if still ahead, else tomorrow."""
    day = now.date() if (hour, minute) > (now.hour, now.minute) else now.date() + timedelta(days=1)
    return fmt(day, hour, minute)


def next_date(today: date, month: int, day: int) -> date:
    candidate = date(today.year, month, day)
    return candidate if candidate >= today else date(today.year + 1, month, day)


def last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def nth_weekday(year: int, month: int, index: int, n: int) -> date:
    if n < 0:
        last = last_day(year, month)
        return last - timedelta(days=(last.weekday() - index) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(index - first.weekday()) % 7 + 7 * (n - 1))


def add_month(day: date, months: int) -> date:
    index = day.month - 1 + months
    return date(day.year + index // 12, index % 12 + 1, 1)


def rows() -> list[Row]:
    out: list[Row] = []

    def add(phrase: str, lang: str, ref: str, expected: str, kind: str, rest: str = "") -> None:
        now, zone = NOWS[ref]
        out.append((phrase, lang, now, zone, expected, kind, rest))

    for ref in ("wed", "spring", "autumn", "ny", "tokyo", "early"):
        now, _ = NOWS[ref]
        today, t = now.date(), (now.hour, now.minute)
        tomorrow, after = today + timedelta(days=1), today + timedelta(days=2)
        add("tomorrow 9am", "en", ref, fmt(tomorrow, 9), "relative")
        add("morgen um 10", "de", ref, fmt(tomorrow, 10), "relative")
        add("übermorgen 14 Uhr", "de", ref, fmt(after, 14), "relative")
        add("tomorrow at 7:45 pm", "en", ref, fmt(tomorrow, 19, 45), "relative")
        add("heute um 23 Uhr", "de", ref, fmt(today, 23), "relative")
        # weekdays, full, with modifiers, German and English abbreviations
        for i, (en, de) in enumerate(zip(EN_DAYS, DE_DAYS, strict=False)):
            add(f"next {en} 10am", "en", ref, fmt(next_weekday(today, i, t, (10, 0), True), 10), "weekday")
            add(f"nächsten {de} 14 Uhr", "de", ref, fmt(next_weekday(today, i, t, (14, 0), True), 14), "weekday")
            add(f"am {de}", "de", ref, fmt(next_weekday(today, i, t, (9, 0))), "weekday")
            add(f"{DE_SHORT[i]} 10 Uhr", "de", ref, fmt(next_weekday(today, i, t, (10, 0)), 10), "abbreviation")
            add(f"nächsten {DE_SHORT[i].lower()} 10 uhr", "de", ref,
                fmt(next_weekday(today, i, t, (10, 0), True), 10), "abbreviation")
            add(f"{DE_SHORT[i]}.", "de", ref, fmt(next_weekday(today, i, t, (9, 0))), "abbreviation")
            add(f"{en} after next", "en", ref, fmt(next_weekday(today, i, t, (9, 0), True) + timedelta(days=7)), "after next")
            add(f"übernächsten {de}", "de", ref, fmt(next_weekday(today, i, t, (9, 0), True) + timedelta(days=7)), "after next")
        for i, short in enumerate(EN_SHORT):
            add(f"{short} 3pm", "en", ref, fmt(next_weekday(today, i, t, (15, 0)), 15), "abbreviation")
            add(f"{short}.", "en", ref, fmt(next_weekday(today, i, t, (9, 0))), "abbreviation")
        # ordinals
        for n in (1, 3, 4, 12):
            for m in (3, 12):
                day = next_date(today, m, n)
                add(f"{EN_ORD[n - 1]} of {EN_MONTHS[m - 1]}", "en", ref, fmt(day), "ordinal")
                add(f"{EN_MONTHS[m - 1]} {EN_ORD[n - 1]}", "en", ref, fmt(day), "ordinal")
                add(f"der {DE_ORD[n - 1][:-1]} {DE_MONTHS[m - 1]}", "de", ref, fmt(day), "ordinal")
                add(f"{DE_ORD[n - 1]} {DE_MONTHS[m - 1]}", "de", ref, fmt(day), "ordinal")
        for n in (15, 28):
            first = today.replace(day=1)
            nxt = first.replace(day=n) if first.replace(day=n) >= today else add_month(first, 1).replace(day=n)
            add(f"am {n}ten", "de", ref, fmt(nxt), "ordinal")
            add(f"on the {n}th", "en", ref, fmt(nxt), "ordinal")
            following = add_month(first, 1).replace(day=n)
            add(f"the {n}th of next month", "en", ref, fmt(following), "next month")
            add(f"am {n}. nächsten Monats", "de", ref, fmt(following), "next month")
        # ends of months and weeks
        for m in (2, 10):
            end = last_day(today.year, m) if last_day(today.year, m) >= today else last_day(today.year + 1, m)
            add(f"last day of {EN_MONTHS[m - 1]}", "en", ref, fmt(end), "month end")
            add(f"letzter Tag im {DE_MONTHS[m - 1]}", "de", ref, fmt(end), "month end")
            add(f"Ende {DE_MONTHS[m - 1]}", "de", ref, fmt(end), "month end")
            add(f"end of {EN_MONTHS[m - 1]}", "en", ref, fmt(end), "month end")
        add("end of the month", "en", ref, fmt(last_day(today.year, today.month)), "month end")
        add("Monatsende", "de", ref, fmt(last_day(today.year, today.month)), "month end")
        nm = add_month(today, 1)
        add("end of next month", "en", ref, fmt(last_day(nm.year, nm.month)), "month end")
        add("Ende nächsten Monats", "de", ref, fmt(last_day(nm.year, nm.month)), "month end")
        friday = today + timedelta(days=4 - today.weekday())
        friday = friday if friday >= today else friday + timedelta(days=7)
        add("Ende nächster Woche", "de", ref, fmt(today + timedelta(days=11 - today.weekday())), "week end")
        add("end of next week", "en", ref, fmt(today + timedelta(days=11 - today.weekday())), "week end")
        add("end of the week", "en", ref, fmt(friday), "week end")
        add("Ende der Woche", "de", ref, fmt(friday), "week end")
        # half and quarter hours, noon and midnight
        for h in (3, 8, 11):
            pm = h + 12 if h <= 6 else h
            add(f"tomorrow at half past {h}", "en", ref, fmt(tomorrow, pm, 30), "quarter")
            add(f"tomorrow a quarter to {EN_HOURS[h - 1]} pm", "en", ref, fmt(tomorrow, h + 11, 45), "quarter")
            add(f"morgen um halb {h + 1}", "de", ref, fmt(tomorrow, pm, 30), "quarter")
            add(f"morgen viertel nach {DE_HOURS[h - 1]}", "de", ref, fmt(tomorrow, pm, 15), "quarter")
            add(f"morgen um viertel vor {h + 1}", "de", ref, fmt(tomorrow, pm, 45), "quarter")
            add(f"morgen zehn nach {h}", "de", ref, fmt(tomorrow, pm, 10), "quarter")
        add("20 minutes to 2pm tomorrow", "en", ref, fmt(tomorrow, 13, 40), "quarter")
        add("half past 3 pm", "en", ref, next_time(now, 15, 30), "quarter")
        add("a quarter past 3pm", "en", ref, next_time(now, 15, 15), "quarter")
        add("halb vier am Nachmittag", "de", ref, next_time(now, 15, 30), "quarter")
        add("viertel vor 12", "de", ref, next_time(now, 11, 45), "quarter")
        add("at midnight", "en", ref, fmt(tomorrow, 0), "noon midnight")
        add("um Mitternacht", "de", ref, fmt(tomorrow, 0), "noon midnight")
        add("tomorrow at noon", "en", ref, fmt(tomorrow, 12), "noon midnight")
        add("morgen mittags", "de", ref, fmt(tomorrow, 12), "noon midnight")
        add("tomorrow a quarter to noon", "en", ref, fmt(tomorrow, 11, 45), "noon midnight")
        add("morgen um Mitternacht", "de", ref, fmt(after, 0), "noon midnight")
        # an hour with a part of the day
        add("3 in the morning", "en", ref, next_time(now, 3, 0), "part of day")
        add("9 tomorrow evening", "en", ref, fmt(tomorrow, 21), "part of day")
        add("tomorrow at 8 in the evening", "en", ref, fmt(tomorrow, 20), "part of day")
        add("morgen abends um 8", "de", ref, fmt(tomorrow, 20), "part of day")
        add("morgen 15:20 am Nachmittag", "de", ref, fmt(tomorrow, 15, 20), "part of day")
        add("morgen um 7 Uhr abends", "de", ref, fmt(tomorrow, 19), "part of day")
        add("tomorrow 6 in the morning", "en", ref, fmt(tomorrow, 6), "part of day")
        # nth weekday of a month
        for n, en, de in ((1, "first", "ersten"), (2, "second", "zweiten"), (-1, "last", "letzten")):
            for m in (5, 10):
                day = nth_weekday(today.year, m, 0, n)
                day = day if day >= today else nth_weekday(today.year + 1, m, 0, n)
                add(f"the {en} monday of {EN_MONTHS[m - 1]}", "en", ref, fmt(day), "nth weekday")
                add(f"am {de} Montag im {DE_MONTHS[m - 1]}", "de", ref, fmt(day), "nth weekday")
        nm1 = add_month(today, 1)
        add("first tuesday of next month", "en", ref, fmt(nth_weekday(nm1.year, nm1.month, 1, 1)), "nth weekday")
        add("last friday of next month", "en", ref, fmt(nth_weekday(nm1.year, nm1.month, 4, -1)), "nth weekday")
        # clock forms, vague amounts, approximate times, now
        add("tomorrow 15h30", "en", ref, fmt(tomorrow, 15, 30), "clock form")
        add("tomorrow at 3p", "en", ref, fmt(tomorrow, 15), "clock form")
        add("morgen um 14 Uhr 30", "de", ref, fmt(tomorrow, 14, 30), "clock form")
        add("tomorrow at eight o'clock", "en", ref, fmt(tomorrow, 8), "clock form")
        utc_now = now  # offsets count from now in elapsed time; these refs have no DST change soon
        if ref in ("wed", "tokyo"):
            add("in a couple of hours", "en", ref, fmt(now.date(), now.hour + 2, now.minute), "vague")
            add("in ein paar Stunden", "de", ref, fmt(now.date(), now.hour + 2, now.minute), "vague")
            add("now", "en", ref, fmt(utc_now.date(), now.hour, now.minute), "now")
            add("jetzt", "de", ref, fmt(utc_now.date(), now.hour, now.minute), "now")
            add("sofort", "de", ref, fmt(utc_now.date(), now.hour, now.minute), "now")
            add("right away", "en", ref, fmt(utc_now.date(), now.hour, now.minute), "now")
        add("in a few days", "en", ref, fmt(today + timedelta(days=3)), "vague")
        add("in ein paar Tagen", "de", ref, fmt(today + timedelta(days=2)), "vague")
        add("morgen circa 15 Uhr", "de", ref, fmt(tomorrow, 15), "approximate")
        add("morgen gegen 15 Uhr", "de", ref, fmt(tomorrow, 15), "approximate")
        add("morgen ungefähr 15 Uhr", "de", ref, fmt(tomorrow, 15), "approximate")
        add("tomorrow around 3pm", "en", ref, fmt(tomorrow, 15), "approximate")
        add("tomorrow at about 4:30 pm", "en", ref, fmt(tomorrow, 16, 30), "approximate")

    # time zones: member in Berlin (UTC+1 in winter), phrases in other zones
    add("Thursday 8:00 GMT", "en", "wed", "2026-11-26 09:00", "zone")
    add("tomorrow 3pm EST", "en", "wed", "2026-11-26 21:00", "zone")
    add("tomorrow 10am PT", "en", "wed", "2026-11-26 19:00", "zone")
    add("morgen 14 Uhr MEZ", "de", "wed", "2026-11-26 14:00", "zone")
    add("morgen 14 Uhr MESZ", "de", "wed", "2026-11-26 13:00", "zone")
    add("tomorrow 9:00 UTC", "en", "wed", "2026-11-26 10:00", "zone")
    add("tomorrow 9am ET", "en", "wed", "2026-11-26 15:00", "zone")
    add("tomorrow 9am CET", "en", "tokyo", "2026-06-16 17:00", "zone")
    add("monday 9am PT", "en", "ny", "2026-11-02 12:00", "zone")
    add("tomorrow 9am PT", "en", "ny", "2026-11-01 12:00", "zone")  # both sides change DST
    add("tomorrow 17:00 UTC+2", "de", "wed", "2026-11-26 16:00", "zone")
    # DST: wall time kept across the change
    add("tomorrow 9am", "en", "spring", "2026-03-29 09:00", "dst")
    add("tomorrow at 2:30 am", "en", "autumn", "2026-10-25 02:30", "dst")
    add("sunday 8am", "en", "ny", "2026-11-01 08:00", "dst")
    # holidays (the library's days, in the workspace's country when the test gives one)
    for ref in ("wed", "spring", "eve"):
        now, _ = NOWS[ref]
        today = now.date()
        y = today.year

        def upcoming(f, y=y, today=today):  # noqa: ANN001, ANN202
            return f(y) if f(y) >= today else f(y + 1)

        xmas = upcoming(lambda yr: date(yr, 12, 25))
        eve = upcoming(lambda yr: date(yr, 12, 24))
        nye = upcoming(lambda yr: date(yr, 12, 31))
        newyear = upcoming(lambda yr: date(yr, 1, 1))
        east = upcoming(lambda yr: easter(yr))
        east_mon = upcoming(lambda yr: easter(yr) + timedelta(days=1))
        good_fri = upcoming(lambda yr: easter(yr) - timedelta(days=2))
        pent = upcoming(lambda yr: easter(yr) + timedelta(days=49))
        whit = upcoming(lambda yr: easter(yr) + timedelta(days=50))
        asc = upcoming(lambda yr: easter(yr) + timedelta(days=39))
        unity = upcoming(lambda yr: date(yr, 10, 3))
        thanks = upcoming(lambda yr: nth_weekday(yr, 11, 3, 4))
        for phrase, lang, day in (
            ("Christmas", "en", xmas), ("christmas day", "en", xmas), ("xmas", "en", xmas),
            ("Christmas Eve", "en", eve), ("New Year's Eve", "en", nye),
            ("New Year's Day", "en", newyear), ("Easter", "en", east),
            ("Easter Monday", "en", east_mon), ("Good Friday", "en", good_fri),
            ("Pentecost", "en", pent), ("Whit Monday", "en", whit), ("Thanksgiving", "en", thanks),
            ("Weihnachten", "de", xmas), ("Heiligabend", "de", eve), ("Silvester", "de", nye),
            ("Neujahr", "de", newyear), ("Ostern", "de", east), ("Ostermontag", "de", east_mon),
            ("Karfreitag", "de", good_fri), ("Pfingsten", "de", pent),
            ("Pfingstmontag", "de", whit), ("Christi Himmelfahrt", "de", asc),
            ("Tag der Deutschen Einheit", "de", unity),
            ("after Easter", "en", east + timedelta(days=2)),
            ("nach Ostern", "de", east + timedelta(days=2)),
            ("an Weihnachten", "de", xmas), ("zu Ostern", "de", east),
        ):
            add(phrase, lang, ref, fmt(day), "holiday")
        add("Christmas Eve 6pm", "en", ref, fmt(eve, 18), "holiday")
        add("Heiligabend um 14 Uhr", "de", ref, fmt(eve, 14), "holiday")
    add("vor Weihnachten", "de", "wed", "2026-12-24 09:00", "holiday")  # Thursday, a working day
    add("before Christmas", "en", "wed", "2026-12-24 09:00", "holiday")
    add("Christmas 2027", "en", "wed", "2027-12-25 09:00", "holiday")
    add("Ostern 2028", "de", "wed", "2028-04-16 09:00", "holiday")
    # conflicts are asked
    add("Thu 15th", "en", "wed", "ask", "conflict")  # 15 Dec 2026 is a Tuesday
    add("Fri, Jul 18", "en", "wed", "ask", "conflict")  # 18 Jul 2027 is a Sunday
    add("Montag, 3.12.", "de", "wed", "ask", "conflict")  # 3 Dec 2026 is a Thursday
    add("Dienstag, den 2. Dezember", "de", "wed", "ask", "conflict")
    add("friday December 3rd", "en", "wed", "ask", "conflict")
    add("Tue, Dec 1", "en", "wed", "2026-12-01 09:00", "conflict")  # agrees
    add("Donnerstag, 3.12.", "de", "wed", "2026-12-03 09:00", "conflict")
    # misreadings
    add("14th April 15", "en", "wed", "2015-04-14 09:00", "misreading")
    add("3 Dec 26", "en", "wed", "2026-12-03 09:00", "misreading")
    add("1:30 am Sa", "de", "wed", "2026-11-28 01:30", "misreading")
    add("um 9 am Montag", "de", "wed", "2026-11-30 09:00", "misreading")
    add("Dec 3 at 10", "en", "wed", "2026-12-03 10:00", "misreading")
    # times in the past ask
    add("today 9am", "en", "wed", "ask", "past")
    add("heute um 8", "de", "wed", "ask", "past")
    add("this morning at 3", "en", "wed", "ask", "past")
    add("heute früh um 7", "de", "wed", "ask", "past")
    add("today 6pm", "en", "eve", "ask", "past")
    # invalid times and dates are refused
    for phrase, lang in (("tomorrow at 25:00", "en"), ("morgen um 25 Uhr", "de"), ("13pm", "en"),
                         ("32.12.", "de"), ("friday 10:75", "en"), ("Feb 30", "en"),
                         ("31. Februar", "de"), ("2026-02-30", "en")):
        add(phrase, lang, "wed", "refuse", "invalid")
    # not dates at all
    for phrase, lang in (("call Anna", "en"), ("Anna may call", "en"), ("Acme 2000", "en"),
                         ("Guten Morgen", "de"), ("do it", "en"), ("halb so viel", "de"),
                         ("next month", "en"), ("2 Stunden", "de"), ("version 1.2.3", "en")):
        add(phrase, lang, "wed", "refuse", "not a date")
    # inside sentences: the date is taken out, the rest is the title
    for sentence, lang, expected, rest in (
        ("Anna anrufen morgen um halb 10", "de", "2026-11-26 09:30", "Anna anrufen"),
        ("joerg mueler anrufen nächsten mo 10 uhr", "de", "2026-11-30 10:00", "joerg mueler anrufen"),
        ("call Anna tomorrow at 25:00", "en", "refuse", ""),
        ("call Anna first of march", "en", "2027-03-01 09:00", "call Anna"),
        ("Angebot schicken am 5. nächsten Monats", "de", "2026-12-05 09:00", "Angebot schicken"),
        ("send invoice last day of october", "en", "2027-10-31 09:00", "send invoice"),
        ("Vertrag prüfen Ende nächster Woche", "de", "2026-12-04 09:00", "Vertrag prüfen"),
        ("call Ben half past 3 pm tomorrow", "en", "2026-11-26 15:30", "call Ben"),
        ("Rückruf viertel vor 12 morgen", "de", "2026-11-26 11:45", "Rückruf"),
        ("demo 9 tomorrow evening", "en", "2026-11-26 21:00", "demo"),
        ("Workshop am ersten Montag im Mai", "de", "2027-05-03 09:00", "Workshop"),
        ("review friday after next", "en", "2026-12-04 09:00", "review"),
        ("Anruf übernächsten Freitag", "de", "2026-12-04 09:00", "Anruf"),
        ("ping Anna in a couple of hours", "en", "2026-11-25 13:30", "ping Anna"),
        ("Meeting morgen gegen 15 Uhr", "de", "2026-11-26 15:00", "Meeting"),
        ("call Anna now", "en", "2026-11-25 11:30", "call Anna"),
        ("webinar thursday 8:00 GMT", "en", "2026-11-26 09:00", "webinar"),
        ("call Dallas office tomorrow 3pm EST", "en", "2026-11-26 21:00", "call Dallas office"),
        ("Präsentation Do 14 Uhr", "de", "2026-11-26 14:00", "Präsentation"),
        ("Angebot vor Weihnachten", "de", "2026-12-24 09:00", "Angebot"),
        ("Kunden nach Ostern anrufen", "de", "2027-03-30 09:00", "Kunden anrufen"),
        ("send card Christmas Eve", "en", "2026-12-24 09:00", "send card"),
        ("what do you do tonight", "en", "2026-11-25 18:00", "what do you do"),
        ("I am so glad", "en", "refuse", ""),
        ("Termin am Fr.", "de", "2026-11-27 09:00", "Termin"),
        ("call Anna Thu 15th", "en", "ask", "call Anna"),
        ("call Anna today 9am", "en", "ask", "call Anna"),
        ("Angebot um 3 am Freitag schicken", "de", "2026-11-27 15:00", "Angebot schicken"),
    ):
        add(sentence, lang, "wed", expected, "sentence", rest or ("-" if expected != "refuse" else ""))
    return out


def main() -> None:
    lines = ["phrase\tlang\tnow\tzone\texpected\tkind\trest"]
    for phrase, lang, now, zone, expected, kind, rest in rows():
        lines.append(f"{phrase}\t{lang}\t{now:%Y-%m-%d %H:%M}\t{zone}\t{expected}\t{kind}\t{rest}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines) - 1} phrases written to {OUT}")


if __name__ == "__main__":
    main()
