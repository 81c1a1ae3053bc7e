"""Readers that turn a command's words into its typed meaning, so a handler never parses text again."""

import re
from datetime import time

from handlers.errors import InvalidValue, Usage
from handlers.language import commands as c
from handlers.language.amounts import parse_amount, stage_key
from handlers.language.vocabulary.amounts import CURRENCIES

_TIME = re.compile(r"^\d{1,2}[:.]\d{2}$")
_DAYS = re.compile(r"^(?:days|tage)\s+(\d)\s*-\s*(\d)$")
_LAT_LON = re.compile(r"^(?P<lat>-?\d{1,2}(?:\.\d+)?)[,\s]+(?P<lon>-?\d{1,3}(?:\.\d+)?)$")
_ABOUT = re.compile(r"^about=(#\d+)\s+(.*)$", re.DOTALL)
MAIL_OFF_WORDS = {"off", "aus", "none", "keine"}
DIGEST_SWITCH = {"on": "on", "an": "on", "off": "off", "aus": "off"}


def read_digest(args: str, name: str) -> c.Digest:
    """/digest [team|on|off|07:30|days 1-5] (German: an, aus, tage 1-5)."""
    arg = args.casefold()
    if arg in ("", "team"):
        return c.Digest(arg or "show")
    if arg in DIGEST_SWITCH:
        return c.Digest(DIGEST_SWITCH[arg])
    if _TIME.match(arg):
        hour, minute = (int(part) for part in arg.replace(".", ":").split(":"))
        if hour > 23 or minute > 59:
            raise InvalidValue(field="digest_time", value=args, reason="00:00-23:59")
        return c.Digest("time", at=time(hour, minute))
    days = _DAYS.match(arg)
    if days is None:
        raise Usage(command=name)
    first, last = int(days[1]), int(days[2])
    if not 1 <= first <= last <= 7:
        raise InvalidValue(field="digest_days", value=args, reason="1-5 (Monday to Friday)")
    return c.Digest("days", days=tuple(range(first, last + 1)))


def read_deal(args: str, name: str) -> c.AddDeal:
    """/deal [about=#12] title words, one amount ("12k", "€1.500,50"), a currency, a stage word after the title."""
    about = _ABOUT.match(args)
    words = (about[2] if about else required_words(args, name)).split()
    value, currency, stage = 0, None, None
    title: list[str] = []
    for word in words:
        amount = parse_amount(word)
        if amount and not value:
            value, currency = amount[0], amount[1] or currency
        elif word.casefold() in CURRENCIES:
            currency = CURRENCIES[word.casefold()]
        elif stage is None and title and stage_key(word):
            stage = word
        else:
            title.append(word)
    return c.AddDeal(" ".join(title), value, currency, stage, about=about[1] if about else "")


def read_region(args: str, name: str) -> c.SetRegion:
    """/region DE-BY (or de_by, DE); nothing shows it."""
    country, _, subdivision = args.strip().upper().replace("_", "-").partition("-")
    return c.SetRegion(country, subdivision)


def read_mail_address(args: str, name: str) -> c.SetMailAddress:
    """/myemail anna@acme.example, /myemail off (aus, none, keine); nothing shows it."""
    address = args.strip()
    return c.SetMailAddress(off=True) if address.casefold() in MAIL_OFF_WORDS else c.SetMailAddress(address)


def required_words(args: str, name: str) -> str:
    """The command's words; none at all is a usage mistake."""
    if not args.strip():
        raise Usage(command=name)
    return args


def read_timezone(args: str, name: str) -> c.SetTimezone:
    """/tz Europe/Berlin, /tz berlin, or /tz 52.52, 13.40 (a position, e.g. a shared location)."""
    zone = required_words(args, name)
    position = _LAT_LON.match(zone.strip())
    return c.SetTimezone(zone, (float(position["lat"]), float(position["lon"])) if position else None)
