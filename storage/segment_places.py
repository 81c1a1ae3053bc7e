"""The address filters of segments in SQL: a contact matches through any of its addresses or its company's.

City and country values arrive as keys (the handlers fold what was asked the way the stored city_key and country_key
were folded on write, see storage.models.keys); a postcode is a prefix. The
place conditions of one query hold on one address together: `city:münchen country:de` is an address in Munich,
Germany (a negated one, `-city:münchen`, means no address there).
"""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import CompoundSelect, and_, or_, union
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from storage.models import Address, Contact

FIELDS = ("city", "postcode", "country")


def _prefix(prefix: str) -> ColumnElement[bool]:
    """Postcodes starting with the prefix, as written or in lower case; a digit prefix also as a range (indexed)."""
    postcode = col(Address.postcode)
    written = or_(*{postcode.startswith(p, autoescape=True) for p in (prefix, prefix.lower())})
    stem = prefix.rstrip("9")
    if not prefix.isdigit() or not stem:
        return written
    following = stem[:-1] + str(int(stem[-1]) + 1)  # "80" -> "81", "189" -> "19"
    return and_(postcode >= prefix, postcode < following, written)


def _matches(field: str, values: Sequence[str]) -> ColumnElement[bool]:
    if field == "postcode":
        return or_(*(_prefix(value) for value in values))
    return col(Address.city_key if field == "city" else Address.country_key).in_(list(values))


def ids(conditions: Sequence[tuple[str, Sequence[str]]], workspace_id: int) -> CompoundSelect[Any]:
    """The ids of the contacts with an address (their own or their company's) that meets all these (field, values)
    at once."""
    matches = [_matches(field, values) for field, values in conditions]

    def owners(kind: str) -> SelectOfScalar[int]:
        return select(Address.owner_id).where(Address.workspace_id == workspace_id, Address.owner_kind == kind,
                                              *matches)

    # one set of ids (the contacts' own addresses, and the contacts of companies with one), so the contact is
    # looked up by id; `id IN … OR company_id IN …` read every contact of the workspace
    of_companies = select(Contact.id).where(Contact.workspace_id == workspace_id,
                                            col(Contact.company_id).in_(owners("company")))
    return union(owners("contact"), of_companies)
