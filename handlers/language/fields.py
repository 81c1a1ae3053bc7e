"""Field values checked by maintained libraries: e-mail (email-validator) and phone (phonenumbers, E.164).

A refused value's reason is one of our own texts (`reason_key`), so a German member reads German.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from handlers.errors import InvalidValue

if TYPE_CHECKING:  # email-validator and phonenumbers load when the first address or number is checked
    from email_validator import EmailNotValidError
    from phonenumbers import NumberParseException

MAX_NAME = 200
_PHONE_CHARS = re.compile(r"^[+()\d\s./-]{5,}$")
# email-validator says what is wrong in English sentences only: their kinds, first match wins, as our texts
_EMAIL_KINDS = [
    (re.compile(r"something before the @", re.IGNORECASE), "why_email_before_at"),
    (re.compile(r"something after the @", re.IGNORECASE), "why_email_after_at"),
    (re.compile(r"must have an @|at-sign \(@\)|at\W+character", re.IGNORECASE), "why_email_at"),
    (re.compile(r"too long|so many characters", re.IGNORECASE), "why_email_long"),
    (re.compile(r"after the @-sign is (?:not valid|a special)", re.IGNORECASE), "why_email_domain"),
    (re.compile(r"period|hyphen|dashes", re.IGNORECASE), "why_email_dots"),
    (re.compile(r"character|ASCII|quot|display name|bracket", re.IGNORECASE), "why_email_characters"),
    (re.compile(r"after the @|domain|IDNA", re.IGNORECASE), "why_email_domain"),
]
_PHONE_KINDS = {"INVALID_COUNTRY_CODE": "why_phone_country", "TOO_SHORT_AFTER_IDD": "why_phone_short",
                "TOO_SHORT_NSN": "why_phone_short", "TOO_LONG": "why_phone_long"}  # NumberParseException's


def looks_like_email(value: str) -> bool:
    return "@" in value


def looks_like_phone(value: str) -> bool:
    return bool(_PHONE_CHARS.match(value)) and sum(ch.isdigit() for ch in value) >= 5


def normalize_email(value: str) -> str:
    """Return the normalized address, or raise InvalidValue with the library's reason."""
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(value.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        raise InvalidValue(field="email", value=value, reason=str(error), reason_key=email_reason(error)) from error


def email_reason(error: EmailNotValidError) -> str:
    """The i18n key for what email-validator found wrong with an address."""
    return next((key for pattern, key in _EMAIL_KINDS if pattern.search(str(error))), "why_email")


def normalize_phone(value: str, region: str) -> str:
    """Return the number in E.164 (+491701234567), or raise InvalidValue."""
    import phonenumbers

    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException as error:
        raise InvalidValue(field="phone", value=value, reason=str(error), reason_key=phone_reason(error)) from error
    if not phonenumbers.is_valid_number(number):
        raise InvalidValue(field="phone", value=value, reason="not a valid number", reason_key="why_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_reason(error: NumberParseException) -> str:
    """The i18n key for what phonenumbers found wrong with a number."""
    kinds = {getattr(type(error), kind): key for kind, key in _PHONE_KINDS.items()}
    return kinds.get(error.error_type, "why_phone")


def check_name(value: str) -> str:
    """A name needs a letter and fits the column."""
    name = " ".join(value.split())
    if not any(ch.isalpha() for ch in name):
        raise InvalidValue(field="name", value=value, reason="no letters", reason_key="why_no_letters")
    if len(name) > MAX_NAME:
        raise InvalidValue(field="name", value=name[:40] + "…", reason=f"longer than {MAX_NAME} characters",
                           reason_key="why_longer", limit=MAX_NAME)
    return name
