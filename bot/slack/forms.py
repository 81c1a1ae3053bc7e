"""A modal's submission read into one engine command, or into an error message per invalid block.

Fields are checked before the modal closes (handlers.language.fields, handlers.language.dates), so an invalid field
comes back under its block (`response_action: errors`) and nothing reaches the engine.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from bot.slack.modals import CURRENCY_CODES, STAGES
from handlers.errors import InvalidValue, TooFarAhead
from handlers.language.amounts import parse_amount, stage_key
from handlers.language.dates import HORIZON_YEARS, find_when, parse_when
from handlers.language.fields import check_name, normalize_email, normalize_phone
from handlers.language.names import fold
from handlers.language.vocabulary.amounts import CURRENCIES
from handlers.texts import catalogue
from handlers.texts.catalogue import SLACK

Values = dict[str, dict[str, dict[str, Any]]]  # view.state.values: block_id -> action_id -> value

MAX_VALUE = Decimal(10) ** 13
_CURRENCY_WORDS = {word for word in CURRENCIES if word.isalpha()}


@dataclass(frozen=True)
class Form:
    """Who fills the form in: their language, phone regions to try, time zone, and the engine's clock."""

    language: str
    regions: tuple[str, ...]
    timezone: str
    now: datetime


@dataclass(frozen=True)
class Submission:
    """Either the engine command a valid form becomes, or an error message per block."""

    command: str = ""
    errors: dict[str, str] = field(default_factory=dict)


def value_of(values: Values, block_id: str) -> str:
    """The entered or selected value of an input block, "" when empty."""
    for state in values.get(block_id, {}).values():
        option = state.get("selected_option") or {}
        for found in (option.get("value"), state.get("value"), state.get("selected_date"), state.get("selected_time")):
            if found:
                return str(found).strip()
    return ""


def read_contact(values: Values, form: Form) -> Submission:
    t = partial(SLACK.t, form.language)
    parts: list[str] = []
    errors: dict[str, str] = {}
    for block_id in ("name", "company"):
        raw = value_of(values, block_id).lstrip("!").strip()  # "/add ! Name" would skip the duplicate check
        if "," in raw:
            errors[block_id] = t("error_comma")
        elif raw or block_id == "name":
            try:
                parts.append(check_name(raw))
            except InvalidValue:
                errors[block_id] = t("error_name")
    email, phone = value_of(values, "email"), value_of(values, "phone")
    if email:
        try:
            parts.append(normalize_email(email))
        except InvalidValue as error:
            errors["email"] = t("error_email", reason=catalogue.reason(form.language, error))
    if phone:
        number = next((n for region in form.regions if (n := phone_in(phone, region))), None)
        if number is None:
            errors["phone"] = t("error_phone")
        else:
            parts.append(number)
    return Submission(errors=errors) if errors else Submission("/add " + ", ".join(parts))


def read_deal(values: Values, form: Form) -> Submission:
    """"/deal 12000.00 EUR Acme proposal rollout #12 close 2026-12-31".

    The engine reads the first amount, the first stage word after a title word and the first date
    in the title, so this order keeps the form's choices; title words it would still read as amount,
    currency, stage or date are refused.
    """
    t = partial(SLACK.t, form.language)
    errors: dict[str, str] = {}
    title, raw_value = value_of(values, "title"), value_of(values, "value")
    amount = Decimal(0)
    if raw_value:
        try:
            amount = Decimal(raw_value)
        except ArithmeticError:
            amount = Decimal(-1)
        if not amount.is_finite() or not 0 <= amount < MAX_VALUE:
            errors["value"] = t("error_value")
    words = title.split()
    if not any(ch.isalpha() for ch in title):
        errors["title"] = t("error_name")
    for position, word in enumerate(words):
        if (fold(word) in _CURRENCY_WORDS or word in "€$£"
                or (not amount and parse_amount(word)) or (position > 0 and stage_key(word))):
            errors["title"] = t("error_title_word", word=word[:40])
            break
    if "title" not in errors and (found := find_when(title, now=form.now, tz=form.timezone)):
        errors["title"] = t("error_title_word", word=found.phrase[:40])
    stage = value_of(values, "stage") or "lead"
    currency = value_of(values, "currency") or "EUR"
    if stage not in STAGES:
        errors["stage"] = t("error_value")
    if currency not in CURRENCY_CODES:
        errors["currency"] = t("error_value")
    if errors:
        return Submission(errors=errors)
    contact, close = value_of(values, "contact"), value_of(values, "close")
    head = f"{amount:.2f} {currency} " if amount else f"{currency} "
    parts = ["/deal", head + words[0], stage, *words[1:], contact, f"close {close}" if close else ""]
    return Submission(" ".join(part for part in parts if part))


def read_task(values: Values, form: Form) -> Submission:
    """"/task 2026-12-03 10:00; call back #12": the picked date first, so none in the title wins."""
    t = partial(SLACK.t, form.language)
    errors: dict[str, str] = {}
    title = " ".join(value_of(values, "title").split())
    day, at, contact = value_of(values, "date"), value_of(values, "time"), value_of(values, "contact")
    if not any(ch.isalpha() for ch in title):
        errors["title"] = t("error_name")
    elif reference := re.search(r"#\d+", title):
        errors["title"] = t("error_reference", word=reference[0])
    if at and not day:
        errors["date"] = t("error_time_without_date")
    when = f"{day} {at}".strip()
    if day and too_far(day, form):
        errors["date"] = catalogue.t(form.language, "too_far", years=HORIZON_YEARS)
    elif day and past(day, at, form):
        errors["date"] = t("error_date_past")
    if errors:
        return Submission(errors=errors)
    return Submission(" ".join(part for part in ("/task", f"{when};" if when else "", title, contact) if part))


def read_save(values: Values, form: Form) -> Submission:
    contact, note = value_of(values, "contact"), value_of(values, "note")
    errors = {}
    if not contact:
        errors["contact"] = SLACK.t(form.language, "error_contact")
    if not note:
        errors["note"] = SLACK.t(form.language, "error_note")
    return Submission(errors=errors) if errors else Submission(f"/note {contact}: {note}")


def phone_in(value: str, region: str) -> str | None:
    """The number in E.164 when it is valid read in `region`, else None."""
    try:
        return normalize_phone(value, region)
    except InvalidValue:
        return None


def past(day: str, at: str, form: Form) -> bool:
    """Whether the picked date (and time) lies before now; a day without a time may be today."""
    try:
        picked = date.fromisoformat(day)
    except ValueError:
        return True
    if not at:
        return picked < form.now.astimezone(ZoneInfo(form.timezone)).date()
    due = parse_when(f"{day} {at}", now=form.now, tz=form.timezone)
    return due is None or due <= form.now


def too_far(day: str, form: Form) -> bool:
    """Whether the picked date lies beyond the horizon the engine accepts."""
    try:
        parse_when(day, now=form.now, tz=form.timezone)
    except TooFarAhead:
        return True
    return False


READERS: dict[str, Callable[[Values, Form], Submission]] = {
    "crm_contact": read_contact, "crm_deal": read_deal, "crm_task": read_task, "crm_save": read_save}
