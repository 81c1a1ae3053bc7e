"""Sums of money in several currencies, shown per currency, and converted at the workspace's own rates."""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from sqlmodel import Session

from handlers.context import Context
from handlers.errors import InvalidValue, Usage
from handlers.language import commands as c
from handlers.texts.catalogue import t
from handlers.texts.fmt import money
from handlers.texts.reply import Reply
from storage import analytics

MICROS = 1_000_000
MAX_RATE = 1_000_000  # a unit worth more than a million of the base is a typo


@dataclass(frozen=True)
class Rates:
    """One unit of a currency is `micros[currency]` millionths of a unit of `base`."""

    base: str = ""
    micros: dict[str, int] = field(default_factory=dict)

    def convert(self, cents: int, currency: str) -> int | None:
        """Cents of `currency` in cents of the base, rounded half up; None without a rate."""
        if currency == self.base:
            return cents
        rate = self.micros.get(currency)
        if rate is None:
            return None
        scaled = cents * rate
        return (scaled + MICROS // 2) // MICROS if scaled >= 0 else -((-scaled + MICROS // 2) // MICROS)


def load_rates(session: Session, workspace_id: int) -> Rates:
    rows = analytics.rates(session=session, workspace_id=workspace_id)
    return Rates(rows[0].base, {row.currency: row.micros for row in rows}) if rows else Rates()


def add(sums: dict[str, list[int]], currency: str, count: int, cents: int) -> None:
    """Add to a {currency: [count, cents]} tally."""
    entry = sums.setdefault(currency, [0, 0])
    entry[0] += count
    entry[1] += cents


def amounts(sums: dict[str, int], lang: str) -> str:
    """"62,000 EUR + 120,000 USD", largest first; "0" for nothing."""
    parts = [money(cents, currency, lang) for currency, cents in sorted(sums.items(), key=lambda i: (-i[1], i[0]))
             if cents]
    return " + ".join(parts) or "0"


def converted(sums: dict[str, int], rates: Rates) -> int | None:
    """The total in the base currency, or None when a currency has no rate (or no rates are set)."""
    if not rates.base:
        return None
    total = 0
    for currency, cents in sums.items():
        value = rates.convert(cents, currency)
        if value is None:
            return None
        total += value
    return total


def with_total(sums: dict[str, int], rates: Rates, lang: str) -> str:
    """Per currency, plus "≈ N BASE" when several currencies can be converted."""
    text = amounts(sums, lang)
    total = converted(sums, rates) if len([v for v in sums.values() if v]) > 1 else None
    return text if total is None else f"{text} (≈ {money(total, rates.base, lang)})"


def rates_note(rates: Rates, currencies: set[str], lang: str) -> str:
    """Which rates a converted figure used: "at your rates: 1 USD = 0.92 EUR"."""
    used = sorted(cur for cur in currencies if cur != rates.base and cur in rates.micros)
    if not used:
        return ""
    pairs = ", ".join(f"1 {cur} = {rate_text(rates.micros[cur], lang)} {rates.base}" for cur in used)
    return t(lang, "rates_used", rates=pairs)


def rate_text(micros: int, lang: str) -> str:
    text = f"{Decimal(micros) / MICROS:f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "de" else text


def parse_rate(text: str) -> int | None:
    """"0.92" or "0,92" in millionths; None when it is no positive number."""
    try:
        value = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    micros = int(value * MICROS)
    return micros if micros > 0 and value < MAX_RATE and value == Decimal(micros) / MICROS else None


def set_rates(ctx: Context, cmd: c.SetRates) -> Reply:
    """/rates shows the rates; /rates EUR USD=0.92 GBP=1.17 replaces them (owners and managers)."""
    ws = ctx.workspace_id
    assert ws is not None
    if not cmd.base:
        rates = load_rates(ctx.session, ws)
        if not rates.base:
            return Reply(ctx.t("rates_none"))
        return Reply(ctx.t("rates_header", base=rates.base) + "\n" + "\n".join(
            f"1 {cur} = {rate_text(micros, ctx.lang)} {rates.base}" for cur, micros in sorted(rates.micros.items())))
    if ctx.member.role not in ("owner", "manager"):
        return Reply(ctx.t("rates_not_allowed"))
    micros: dict[str, int] = {}
    for currency, text in cmd.pairs:
        rate = parse_rate(text)
        if rate is None:
            raise InvalidValue(field="rate", value=f"{currency}={text}", reason="a number like 0.92")
        if currency == cmd.base:
            raise Usage(command="rates")
        micros[currency] = rate
    analytics.set_rates(session=ctx.session, workspace_id=ws, base=cmd.base, micros=micros)
    shown = ", ".join(f"1 {cur} = {rate_text(value, ctx.lang)} {cmd.base}" for cur, value in sorted(micros.items()))
    return Reply(ctx.t("rates_set", base=cmd.base, rates=shown or "–"), changed=True)
