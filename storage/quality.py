"""Reads for the data quality report: incomplete contacts found in SQL, narrow columns for the format checks.

Every function keeps to its workspace and only reads.
"""

from sqlalchemy import ColumnElement, Table, exists, func, or_, select
from sqlmodel import Session, SQLModel

import storage.models  # noqa: F401  (the tables below are registered by it)

AddressRow = tuple[int, str, str, str, str]  # contact id, street, postcode, city, country
ValueRow = tuple[int, str, bool]  # contact id, the value, whether it is the contact's first (Contact.email/phone)


def table(name: str) -> Table:
    return SQLModel.metadata.tables[name]


def _empty(column: ColumnElement[str]) -> ColumnElement[bool]:
    return or_(column.is_(None), column == "")


def contact_count(*, session: Session, workspace_id: int) -> int:
    contact = table("contact")
    return int(session.execute(select(func.count()).where(contact.c.workspace_id == workspace_id)).scalar_one())


def unreachable(*, session: Session, workspace_id: int) -> list[int]:
    """Contacts with no e-mail and no phone at all, further ones included, oldest first."""
    contact, email, phone = table("contact"), table("contactemail"), table("contactphone")
    further_email = exists().where(email.c.workspace_id == workspace_id, email.c.contact_id == contact.c.id)
    further_phone = exists().where(phone.c.workspace_id == workspace_id, phone.c.contact_id == contact.c.id)
    return list(session.execute(select(contact.c.id).where(
        contact.c.workspace_id == workspace_id, _empty(contact.c.email), _empty(contact.c.phone), ~further_email,
        ~further_phone).order_by(contact.c.id)).scalars())


def without_company(*, session: Session, workspace_id: int) -> list[int]:
    contact = table("contact")
    return list(session.execute(select(contact.c.id).where(
        contact.c.workspace_id == workspace_id, contact.c.company_id.is_(None)).order_by(contact.c.id)).scalars())


def _values(session: Session, workspace_id: int, field: str) -> list[ValueRow]:
    """Every e-mail or phone (`field`) of every contact, the first ones (on the contact row) marked."""
    contact, further = table("contact"), table(f"contact{field}")
    first = session.execute(select(contact.c.id, contact.c[field]).where(
        contact.c.workspace_id == workspace_id, ~_empty(contact.c[field])).order_by(contact.c.id))
    more = session.execute(select(further.c.contact_id, further.c[field]).where(
        further.c.workspace_id == workspace_id).order_by(further.c.contact_id, further.c.id))
    return [(row[0], row[1], True) for row in first] + [(row[0], row[1], False) for row in more]


def phones(*, session: Session, workspace_id: int) -> list[ValueRow]:
    return _values(session, workspace_id, "phone")


def emails(*, session: Session, workspace_id: int) -> list[ValueRow]:
    return _values(session, workspace_id, "email")


def addresses(*, session: Session, workspace_id: int) -> list[AddressRow]:
    """Every contact address, by contact."""
    address = table("address")
    rows = session.execute(select(address.c.owner_id, address.c.street, address.c.postcode, address.c.city,
                                  address.c.country).where(address.c.workspace_id == workspace_id,
                                                           address.c.owner_kind == "contact")
                           .order_by(address.c.owner_id, address.c.position, address.c.id))
    return [(row[0], row[1], row[2], row[3], row[4]) for row in rows]
