"""Contacts that share a phone, an e-mail (case folded) or an address, found by grouping normalized keys in SQL.

Every further e-mail and phone counts too. The database groups the workspace's keys in one pass each, so the
work grows with the number of values, never with the square of the contacts.
"""

from collections import defaultdict
from typing import Any

from sqlalchemy import ColumnElement, Select, String, cast, func, literal, or_, select, union_all
from sqlmodel import Session

from storage.quality import table

SharedGroup = tuple[str, list[int]]  # (reason: phone, email, address; the contact ids that share one value)
_STREET_SPELLINGS = (("straße", "str"), ("strasse", "str"), ("street", "st"), (".", ""), (" ", ""), ("-", ""),
                     (",", ""))


def shared_groups(*, session: Session, workspace_id: int, max_group: int) -> list[SharedGroup]:
    """Groups of 2..max_group contacts sharing a phone, an e-mail or an address; larger groups are switchboards."""
    groups: list[SharedGroup] = []
    for reason, keyed in (("phone", _values(workspace_id, "phone", fold=False)),
                          ("email", _values(workspace_id, "email", fold=True)), ("address", _addresses(workspace_id))):
        groups += [(reason, ids) for ids in _grouped(session, keyed, max_group)]
    return groups


def _grouped(session: Session, keyed: Select[Any], max_group: int) -> list[list[int]]:
    """The contact ids of each key that 2..max_group distinct contacts share: one pass over the keys, no join
    (SQLite joined the grouped keys back to the union without an index, quadratic in the workspace)."""
    by_key: dict[str, set[int]] = defaultdict(set)
    for contact_id, key in session.execute(keyed):  # every keyed select gives (contact_id, key)
        by_key[key].add(contact_id)
    return [sorted(ids) for key, ids in sorted(by_key.items()) if 2 <= len(ids) <= max_group]


def _values(workspace_id: int, field: str, *, fold: bool) -> Select[Any]:
    """(contact_id, key) of every e-mail or phone, the contact's first and its further ones."""
    contact, further = table("contact"), table(f"contact{field}")

    def key(column: ColumnElement[str]) -> ColumnElement[str]:
        return func.lower(column) if fold else column

    first = select(contact.c.id.label("contact_id"), key(contact.c[field]).label("key")).where(
        contact.c.workspace_id == workspace_id, contact.c[field].is_not(None), contact.c[field] != "")
    more = select(further.c.contact_id.label("contact_id"), key(further.c[field]).label("key")).where(
        further.c.workspace_id == workspace_id)
    return select(union_all(first, more).subquery())


def _addresses(workspace_id: int) -> Select[Any]:
    """street (lower case, without spaces and dots, "straße" as "str") | postcode | city (lower case)."""
    address = table("address")
    key = (_street_key(address.c.street) + literal("|") + func.replace(func.upper(address.c.postcode), " ", "")
           + literal("|") + func.lower(address.c.city))
    return select(address.c.owner_id.label("contact_id"), cast(key, String).label("key")).where(
        address.c.workspace_id == workspace_id, address.c.owner_kind == "contact", address.c.street != "",
        or_(address.c.city != "", address.c.postcode != ""))


def _street_key(street: ColumnElement[str]) -> ColumnElement[str]:
    key: ColumnElement[str] = func.lower(street)
    for spelling, plain in _STREET_SPELLINGS:
        key = func.replace(key, spelling, plain)
    return key
