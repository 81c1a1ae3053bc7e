"""Amounts, currencies and pipeline stages as typed in English or German: pure text to meaning."""

import re
from decimal import Decimal, InvalidOperation

from rapidfuzz import fuzz, process

from handlers.language.names import fold
from handlers.language.vocabulary.amounts import CURRENCIES, MULTIPLIERS, STAGE_ALIASES

_AMOUNT = re.compile(r"^(?P<pre>[€$£])?(?P<number>\d[\d.,]*)(?P<mult>k|tsd|m|mio)?(?P<post>[€$£]|eur|usd|gbp|chf)?$",
                     re.IGNORECASE)
STAGE_CUTOFF = 80


def stage_key(word: str) -> str | None:
    """"proposal", "Angebot" or a typo of either gives "proposal"; None when no stage is meant."""
    word = fold(word)
    if word in STAGE_ALIASES:
        return STAGE_ALIASES[word]
    match = process.extractOne(word, list(STAGE_ALIASES), scorer=fuzz.ratio, score_cutoff=STAGE_CUTOFF)
    return STAGE_ALIASES[match[0]] if match and len(word) >= 4 else None


def parse_amount(word: str) -> tuple[int, str | None] | None:
    """"12k" -> (1_200_000 cents, None); "€1.500,50" -> (150_050, "EUR"); None when it is no amount."""
    match = _AMOUNT.match(word.strip())
    if match is None:
        return None
    number = match["number"]
    groups = re.split(r"[.,]", number)
    decimal = len(groups) > 1 and len(groups[-1]) != 3  # the last separator is a decimal point or comma
    number = "".join(groups[:-1]) + "." + groups[-1] if decimal else "".join(groups)
    try:
        value = Decimal(number) * MULTIPLIERS[(match["mult"] or "").lower()]
    except InvalidOperation:
        return None
    symbol = (match["pre"] or match["post"] or "").lower()
    return int(value * 100), CURRENCIES.get(symbol)
