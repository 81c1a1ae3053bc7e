"""A contact as a file holds it, before checking: the fields every reader (CSV, vCard) fills."""

import re
from dataclasses import dataclass, field
from datetime import date

_DATE_FORMATS = (
    re.compile(r"^(?P<y>\d{4})-?(?P<m>\d{2})-?(?P<d>\d{2})(?:[T ].*)?$"),  # 1985-04-12, 19850412, ...T00:00:00Z
    re.compile(r"^--(?P<m>\d{2})-?(?P<d>\d{2})$"),  # --0412: a birthday without its year (vCard 4.0)
    re.compile(r"^(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})$"),  # 12.04.1985 (German exports)
    re.compile(r"^(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})$"),  # 4/12/1985 (Outlook in English)
)


@dataclass
class RawRecord:
    number: int  # the spreadsheet row (the header is row 1) or the card's position
    names: dict[str, str] = field(default_factory=dict)  # full, first, middle, last, prefix, suffix
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    company: str = ""
    note: str = ""
    unreadable: bool = False
    labels: dict[str, str] = field(default_factory=dict)  # an e-mail or phone as written -> work, home, mobile, fax
    preferred: set[str] = field(default_factory=set)  # e-mails and phones marked PREF
    title: str = ""
    department: str = ""
    birthday: str = ""  # ISO: 1985-04-12, or --04-12 without a year
    website: str = ""
    socials: dict[str, str] = field(default_factory=dict)  # network -> handle or address
    addresses: list[dict[str, str]] = field(default_factory=list)  # label, street, postcode, city, region, country
    geo: tuple[float, float] | None = None
    custom: dict[str, str] = field(default_factory=dict)  # custom field name (or a column no field took) -> value
    company_details: dict[str, str] = field(default_factory=dict)  # website, industry, size, phone of the company
    broken: list[str] = field(default_factory=list)  # fields left out: their bytes fit no charset


def iso_birthday(value: str) -> str:
    """A birthday as ISO text (1985-04-12, or --04-12 without a year); "" when it is no real date."""
    text = value.strip()
    for pattern in _DATE_FORMATS:
        match = pattern.match(text)
        if not match:
            continue
        parts = match.groupdict()
        year = int(parts.get("y") or 2000)  # a leap year, so --02-29 is a date
        try:
            day = date(year, int(parts["m"]), int(parts["d"]))
        except ValueError:
            return ""
        return day.isoformat() if parts.get("y") else f"--{day:%m-%d}"
    return ""
