"""Field values checked by maintained libraries: e-mail (email-validator) and phone (phonenumbers, E.164)."""

import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from handlers.errors import InvalidValue

MAX_NAME = 200
_PHONE_CHARS = re.compile(r"^[+()\d\s./-]{5,}$")


def looks_like_email(value: str) -> bool:
    return "@" in value


def looks_like_phone(value: str) -> bool:
    return bool(_PHONE_CHARS.match(value)) and sum(ch.isdigit() for ch in value) >= 5


def normalize_email(value: str) -> str:
    """Return the normalized address, or raise InvalidValue with the library's reason."""
    try:
        return validate_email(value.strip(), check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        raise InvalidValue(field="email", value=value, reason=str(error)) from error


def normalize_phone(value: str, region: str) -> str:
    """Return the number in E.164 (+491701234567), or raise InvalidValue."""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException as error:
        raise InvalidValue(field="phone", value=value, reason=str(error)) from error
    if not phonenumbers.is_valid_number(number):
        raise InvalidValue(field="phone", value=value, reason="not a valid number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def check_name(value: str) -> str:
    """A name needs a letter and fits the column."""
    name = " ".join(value.split())
    if not any(ch.isalpha() for ch in name):
        raise InvalidValue(field="name", value=value, reason="no letters")
    if len(name) > MAX_NAME:
        raise InvalidValue(field="name", value=name[:40] + "…", reason=f"longer than {MAX_NAME} characters")
    return name
