"""Field visits as words: /near [km], and "at Acme" / "bei Acme, Anna" after a shared location."""

import re
from dataclasses import dataclass

from handlers.errors import InvalidValue

DEFAULT_KM = 10
MAX_KM = 500
_PLACE = re.compile(r"^\s*(?:at|bei(?:m| der| dem)?)\s+(?P<place>[^,;]+?)(?:\s*(?:,|;|\bwith\b|\bmit\b)\s*"
                    r"(?P<who>.+?))?\s*[.!]?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Near:
    """Companies and contacts within `km` of the member's shared location."""

    km: int = DEFAULT_KM

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return "/near" if self.km == DEFAULT_KM else f"/near {self.km}"


@dataclass(frozen=True)
class Place:
    """Where a visit was: the company named, and the contact met there if one is named."""

    company: str
    contact: str = ""


def read_near(args: str, _name: str) -> Near:
    """ "/near", "/near 25", "/nähe 25 km"."""
    words = args.casefold().replace("km", " ").split()
    if not words:
        return Near()
    if len(words) != 1 or not words[0].isdigit() or not 1 <= int(words[0]) <= MAX_KM:
        raise InvalidValue(field="radius", value=args[:20], reason=f"1 to {MAX_KM} km, e.g. /near 25")
    return Near(int(words[0]))


def read_place(text: str) -> Place | None:
    """ "at Acme", "bei Acme", "bei Acme, Anna Schulz", "at Acme with Anna"; None for anything else."""
    found = _PLACE.match(text)
    if found is None or text.lstrip().startswith("/"):
        return None
    return Place(found["place"].strip(), (found["who"] or "").strip())
