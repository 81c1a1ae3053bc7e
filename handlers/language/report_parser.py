"""Arguments of the manager commands: /report, /forecast, /funnel, /stuck, /deals, /rates, and page numbers.

    /report [won|lost|reps|sources|activity|contacts] [this|last] [month|quarter|year] | q1 [2026] | 2026-01-01..2026-03-31
    /forecast [month|quarter] [by rep] [next quarter|q1|2027]
    /funnel [period]   /stuck [30]   /deals [won|lost|stale|mine|<stage>|closing month|undated|@owner] [page 2]
    /rates [EUR USD=0.92 GBP=1.17]
"""

import re

from handlers.errors import Usage
from handlers.language import commands as c
from handlers.language.amounts import stage_key
from handlers.language.periods import PeriodSpec, take_period
from handlers.language.vocabulary.commands import (
    BY,
    CLOSING_FILLER,
    DEAL_STATUS,
    MINE,
    PAGE_WORDS,
    REP_WORDS,
    TOPICS,
)

_PAGE = re.compile(r"^(?:p|page|seite)?(\d{1,4})$")
_CURRENCY = re.compile(r"^[A-Za-z]{3}$")
_PAIR = re.compile(r"([A-Za-z]{3})\s*=\s*(\d+(?:[.,]\d+)?)")


def take_page(words: list[str]) -> tuple[int, list[str]]:
    """"page 2" / "seite 2" at the end: the page number and the other words."""
    if len(words) >= 2 and words[-2].casefold() in PAGE_WORDS and _digits(words[-1]):
        return max(1, int(words[-1])), words[:-2]
    return 1, words


def report(args: str, name: str) -> c.Report:
    period, words = take_period(args.split())
    folded = [w.casefold() for w in words]
    if len(folded) == 2 and folded[0] in BY:
        folded = [folded[1]]
    topic = TOPICS.get(" ".join(folded))
    if topic is None:
        raise Usage(command=name)
    return c.Report(topic, period or PeriodSpec())


def forecast(args: str, name: str) -> c.Forecast:
    period, words = take_period(args.split())
    folded = [w.casefold() for w in words]
    by_rep = any(w in REP_WORDS for w in folded)
    rest = [w for w in folded if w not in REP_WORDS and w not in BY]
    unit = "month"
    if period is not None and period.unit in ("quarter", "year") and not period.index and not period.year \
            and period.offset == 0 and not rest:
        unit, period = period.unit if period.unit == "quarter" else "quarter", None  # "/forecast quarter"
    elif period is not None and period.unit == "month" and period.offset == 0 and not period.index and not rest:
        period = None  # "/forecast month"
    if rest:
        raise Usage(command=name)
    if period is not None and period.unit in ("year",):
        unit = "quarter"
    return c.Forecast(unit, by_rep, period)


def funnel(args: str, name: str) -> c.Funnel:
    period, words = take_period(args.split())
    if words:
        raise Usage(command=name)
    return c.Funnel(period)


def stuck(args: str, name: str) -> c.Stuck:
    page, words = take_page(args.split())
    words = [w for w in words if w.casefold() not in ("days", "tage", "d")]
    if not words:
        return c.Stuck(None, page)
    if len(words) != 1 or not _digits(words[0].rstrip("d")) or not 1 <= int(words[0].rstrip("d")) <= 3650:
        raise Usage(command=name)
    return c.Stuck(int(words[0].rstrip("d")), page)


def deals(args: str, name: str) -> c.ListDeals:
    page, words = take_page(args.split())
    status, mine, owner = "open", False, ""
    for word in words:
        folded = word.casefold()
        if folded in MINE:
            mine = True
        elif word.startswith("@") and len(word) > 1:
            owner = word[1:]
        elif folded in DEAL_STATUS and status == "open":
            status = DEAL_STATUS[folded]
        elif folded in CLOSING_FILLER:
            continue
        elif status == "open" and (key := stage_key(folded)) is not None:
            status = key
        else:
            raise Usage(command=name)
    return c.ListDeals(status, mine, owner, page)


def rates(args: str, name: str) -> c.SetRates:
    base, _, rest = args.strip().partition(" ")
    if not base:
        return c.SetRates()
    if not _CURRENCY.match(base):
        raise Usage(command=name)
    pairs = [(currency.upper(), value) for currency, value in _PAIR.findall(rest)]
    if _PAIR.sub("", rest).strip(" ,;") or (rest.strip() and not pairs):
        raise Usage(command=name)
    return c.SetRates(base.upper(), tuple(pairs))


def _digits(word: str) -> bool:
    """ASCII digits only: "²" and "١٢" are digits to str.isdigit but no number to int()."""
    return word.isascii() and word.isdigit()
