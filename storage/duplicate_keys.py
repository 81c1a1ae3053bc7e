"""Contacts that share a phone, an e-mail (case folded) or an address, found by grouping normalized keys in SQL.

Every further e-mail and phone counts too. The database groups the workspace's keys in one pass each, so the
work grows with the number of values, never with the square of the contacts.
"""

from collections import defaultdict
from typing import Any

from sqlalchemy import ColumnElement, Select, String, cast, func, literal, or_, union_all
from sqlmodel import Session, col, select

from storage.models import Address, Contact, ContactEmail, ContactPhone

SharedGroup = tuple[str, list[int]]  # (reason: phone, email, address; the contact ids that share one value)
_STREET_SPELLINGS = (("straße", "str"), ("strasse", "str"), ("street", "st"), (".", ""), (" ", ""), ("-", ""),
                     (",", ""))


def shared_groups(*, session: Session, workspace_id: int, max_group: int) -> list[SharedGroup]:
    """Groups of 2..max_group contacts sharing a phone, an e-mail or an address; larger groups are switchboards."""
    groups: list[SharedGroup] = []
    for reason, keyed in (("phone", _phones(workspace_id)), ("email", _emails(workspace_id)),
                          ("address", _addresses(workspace_id))):
        groups += [(reason, ids) for ids in _grouped(session, keyed, max_group)]
    return groups


def _grouped(session: Session, keyed: Select[Any], max_group: int) -> list[list[int]]:
    """The contact ids of each key that 2..max_group distinct contacts share."""
    values = keyed.subquery()
    shared = (select(values.c.key).group_by(values.c.key)
              .having(func.count(func.distinct(values.c.contact_id)).between(2, max_group)).subquery())
    rows = session.exec(select(values.c.key, values.c.contact_id).distinct()  # type: ignore[call-overload]
                        .join(shared, shared.c.key == values.c.key).order_by(values.c.key, values.c.contact_id))
    by_key: dict[str, list[int]] = defaultdict(list)
    for key, contact_id in rows:
        by_key[key].append(contact_id)
    return list(by_key.values())


def _phones(workspace_id: int) -> Select[Any]:
    first = select(col(Contact.id).label("contact_id"), col(Contact.phone).label("key")).where(
        Contact.workspace_id == workspace_id, col(Contact.phone).is_not(None), Contact.phone != "")
    further = select(col(ContactPhone.contact_id).label("contact_id"), col(ContactPhone.phone).label("key")).where(
        ContactPhone.workspace_id == workspace_id)
    return select(union_all(first, further).subquery())


def _emails(workspace_id: int) -> Select[Any]:
    first = select(col(Contact.id).label("contact_id"), func.lower(Contact.email).label("key")).where(
        Contact.workspace_id == workspace_id, col(Contact.email).is_not(None), Contact.email != "")
    further = select(col(ContactEmail.contact_id).label("contact_id"),
                     func.lower(ContactEmail.email).label("key")).where(ContactEmail.workspace_id == workspace_id)
    return select(union_all(first, further).subquery())


def _addresses(workspace_id: int) -> Select[Any]:
    """street (lower case, without spaces and dots, "straße" as "str") | postcode | city (lower case)."""
    key = (_street_key(col(Address.street)) + literal("|") + func.replace(func.upper(Address.postcode), " ", "")
           + literal("|") + func.lower(Address.city))
    return select(col(Address.owner_id).label("contact_id"), cast(key, String).label("key")).where(
        Address.workspace_id == workspace_id, Address.owner_kind == "contact", Address.street != "",
        or_(Address.city != "", Address.postcode != ""))


def _street_key(street: ColumnElement[str]) -> ColumnElement[str]:
    key: ColumnElement[str] = func.lower(street)
    for spelling, plain in _STREET_SPELLINGS:
        key = func.replace(key, spelling, plain)
    return key
