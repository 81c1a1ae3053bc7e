"""The /quality commands and their parser: the report, one group of it a page at a time, and a fix button."""

import re
from dataclasses import dataclass

from handlers.errors import Usage

GROUPS = ("reach", "company", "phone", "email", "postcode", "country", "unknown", "duplicates")
GROUP_WORDS = {**{group: group for group in GROUPS}, "erreichbar": "reach", "kontakt": "reach", "firma": "company",
               "telefon": "phone", "tel": "phone", "e-mail": "email", "mail": "email", "plz": "postcode",
               "postleitzahl": "postcode", "zip": "postcode", "land": "country", "unbekannt": "unknown",
               "dubletten": "duplicates", "duplikate": "duplicates", "dupes": "duplicates"}
FIX_FIELDS = ("reach", "company", "phone", "email")
_FIX = re.compile(r"^(?:fix|korrigieren)\s+#?(\d{1,12})\s+(\w+)$", re.IGNORECASE)


@dataclass(frozen=True)
class QualityReport:
    group: str | None = None  # one of GROUPS; None: the overview with a count per group
    page: int = 1

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return " ".join(part for part in ("/quality", self.group or "", str(self.page) if self.page > 1 else "") if part)


@dataclass(frozen=True)
class QualityFix:
    contact_id: int
    field: str  # one of FIX_FIELDS: the /edit it waits to complete

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return f"/quality fix {self.contact_id} {self.field}"


def read_quality(args: str, name: str) -> QualityReport | QualityFix:
    """"", "phone", "phone 2", "telefon 2", or "fix 12 phone"."""
    fix = _FIX.match(args.strip())
    if fix:
        field = GROUP_WORDS.get(fix[2].casefold(), "")
        if field not in FIX_FIELDS:
            raise Usage(command=name)
        return QualityFix(int(fix[1]), field)
    words = args.casefold().split()
    if not words:
        return QualityReport()
    group = GROUP_WORDS.get(words[0])
    if group is None or len(words) > 2 or (len(words) == 2 and not words[1].isdigit()):
        raise Usage(command=name)
    page = int(words[1]) if len(words) == 2 else 1
    if not 1 <= page <= 100_000:
        raise Usage(command=name)
    return QualityReport(group, page)
