"""The field names /edit understands for contacts and companies (English and German) and their pure checks."""

import re
from datetime import date

from handlers.errors import InvalidValue
from handlers.language.names import fold

CONTACT_KEYS = {
    "name": "name", "email": "email", "e mail": "email", "mail": "email", "phone": "phone", "telefon": "phone",
    "tel": "phone", "mobile": "phone", "handy": "phone", "company": "company", "firma": "company",
    "title": "title", "titel": "title", "job": "title", "jobtitle": "title", "job title": "title",
    "position": "title", "funktion": "title", "berufsbezeichnung": "title",
    "department": "department", "abteilung": "department", "dept": "department",
    "birthday": "birthday", "geburtstag": "birthday", "bday": "birthday",
    "website": "website", "webseite": "website", "homepage": "website", "web": "website", "url": "website",
}
COMPANY_KEYS = {
    "name": "name", "website": "website", "webseite": "website", "homepage": "website", "web": "website",
    "url": "website", "industry": "industry", "branche": "industry", "size": "size", "grosse": "size",
    "employees": "size", "mitarbeiter": "size", "mitarbeitende": "size", "phone": "phone", "telefon": "phone",
    "tel": "phone",
}
ADDRESS_KEYS = {"street": "street", "strasse": "street", "str": "street", "address": "street",
                "adresse": "street", "postcode": "postcode", "plz": "postcode", "zip": "postcode",
                "postleitzahl": "postcode", "city": "city", "ort": "city", "stadt": "city", "region": "region",
                "state": "region", "bundesland": "region", "country": "country", "land": "country"}
NETWORKS = {"linkedin", "xing", "twitter", "facebook", "instagram", "mastodon", "skype", "github"}
LABELS = {"work": "work", "business": "work", "arbeit": "work", "geschaftlich": "work", "dienstlich": "work",
          "buro": "work", "home": "home", "private": "home", "privat": "home", "zuhause": "home",
          "mobile": "mobile", "mobil": "mobile", "handy": "mobile", "cell": "mobile", "fax": "fax",
          "other": "other", "andere": "other", "weitere": "other", "sonstige": "other"}
ADDRESS_LIMITS = {"street": 300, "postcode": 20, "city": 100, "region": 100, "country": 60}
TEXT_LIMITS = {"title": 200, "department": 200, "industry": 100, "size": 40}
_LABELED = re.compile(r"^(email|e mail|mail|phone|telefon|tel)\s+(\w+)$")
_SOCIAL = re.compile(r"^(?:social|profil|profile)?\s*(\w+)$")
_WEBSITE = re.compile(r"^(?:https?://)?[\w-]+(?:\.[\w-]+)+(?:[/?#]\S*)?$", re.IGNORECASE)
_BIRTHDAY = (re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
             re.compile(r"^(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})$"),
             re.compile(r"^(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})$"),
             re.compile(r"^--(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
             re.compile(r"^(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.?$"))


def labeled_key(key: str) -> tuple[str, str] | None:
    """"email home" -> ("email", "home"), "telefon mobil" -> ("phone", "mobile"); None for other keys.

    A label no one knows raises InvalidValue naming the labels."""
    match = _LABELED.match(key)
    if match is None:
        return None
    label = LABELS.get(match[2])
    if label is None:
        raise InvalidValue(field="label", value=match[2][:20], reason="work, home, mobile, fax, other",
                           reason_key="why_label")
    return ("email" if match[1] in ("email", "e mail", "mail") else "phone"), label


def social_key(key: str) -> str | None:
    """"linkedin" or "social linkedin" -> "linkedin"."""
    match = _SOCIAL.match(key)
    return match[1] if match and match[1] in NETWORKS else None


def check_website(value: str) -> str:
    site = value.strip()
    if not _WEBSITE.match(site) or len(site) > 300:
        raise InvalidValue(field="website", value=site[:30], reason="e.g. acme.de", reason_key="why_website")
    return site


def check_birthday(value: str) -> str:
    """"12.04.1985", "1985-04-12", "4/12/1985" -> "1985-04-12"; "--04-12" or "12.4." -> "--04-12" (no year)."""
    text = value.strip()
    for pattern in _BIRTHDAY:
        match = pattern.match(text)
        if match is None:
            continue
        parts = match.groupdict()
        try:
            day = date(int(parts.get("y") or 2000), int(parts["m"]), int(parts["d"]))
        except ValueError:
            break
        return day.isoformat() if parts.get("y") else f"--{day:%m-%d}"
    raise InvalidValue(field="birthday", value=text[:30], reason="e.g. 12.04.1985", reason_key="why_birthday")


def check_text(field: str, value: str) -> str:
    text = " ".join(value.split())
    limit = TEXT_LIMITS.get(field, ADDRESS_LIMITS.get(field, 200))
    if len(text) > limit:
        raise InvalidValue(field="rec_" + field, value=text[:30] + "…", reason=f"longer than {limit} characters",
                           reason_key="why_longer", limit=limit)
    return text


def key_of(key: str) -> str:
    """The typed field name folded: "E-Mail privat" -> "e mail privat", "Straße" -> "strasse"."""
    return " ".join(fold(key).split())
