"""Readers that turn a command's words into its typed meaning, so a handler never parses text again."""

import re
from datetime import time

from handlers.errors import InvalidValue, Usage
from handlers.language import commands as c

_TIME = re.compile(r"^\d{1,2}[:.]\d{2}$")
_DAYS = re.compile(r"^(?:days|tage)\s+(\d)\s*-\s*(\d)$")
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
