"""A contact's further e-mails and phones and the addresses of contacts and companies; every query keeps to its workspace."""

from collections import defaultdict
from collections.abc import Iterable

from sqlmodel import Session, col, select

from storage.models import Address, ContactEmail, ContactPhone

Detail = ContactEmail | ContactPhone | Address


def emails_of(*, session: Session, workspace_id: int, contact_id: int) -> list[ContactEmail]:
    return list(session.exec(select(ContactEmail).where(
        ContactEmail.workspace_id == workspace_id, ContactEmail.contact_id == contact_id)
        .order_by(col(ContactEmail.position), col(ContactEmail.id))))


def phones_of(*, session: Session, workspace_id: int, contact_id: int) -> list[ContactPhone]:
    return list(session.exec(select(ContactPhone).where(
        ContactPhone.workspace_id == workspace_id, ContactPhone.contact_id == contact_id)
        .order_by(col(ContactPhone.position), col(ContactPhone.id))))


def addresses_of(*, session: Session, workspace_id: int, owner_kind: str, owner_id: int) -> list[Address]:
    return list(session.exec(select(Address).where(
        Address.workspace_id == workspace_id, Address.owner_kind == owner_kind, Address.owner_id == owner_id)
        .order_by(col(Address.position), col(Address.id))))


def all_details(*, session: Session, workspace_id: int, owner_kind: str = "contact"
                ) -> tuple[dict[int, list[ContactEmail]], dict[int, list[ContactPhone]], dict[int, list[Address]]]:
    """Every further e-mail, phone and address of the workspace, by owner id, in their order (for exports)."""
    emails: dict[int, list[ContactEmail]] = defaultdict(list)
    phones: dict[int, list[ContactPhone]] = defaultdict(list)
    addresses: dict[int, list[Address]] = defaultdict(list)
    if owner_kind == "contact":
        for email in session.exec(select(ContactEmail).where(ContactEmail.workspace_id == workspace_id)
                                  .order_by(col(ContactEmail.position), col(ContactEmail.id))):
            emails[email.contact_id].append(email)
        for phone in session.exec(select(ContactPhone).where(ContactPhone.workspace_id == workspace_id)
                                  .order_by(col(ContactPhone.position), col(ContactPhone.id))):
            phones[phone.contact_id].append(phone)
    for address in session.exec(select(Address).where(Address.workspace_id == workspace_id,
                                                      Address.owner_kind == owner_kind)
                                .order_by(col(Address.position), col(Address.id))):
        addresses[address.owner_id].append(address)
    return emails, phones, addresses


def contacts_with(*, session: Session, workspace_id: int, emails: Iterable[str] = (),
                  phones: Iterable[str] = ()) -> dict[str, int]:
    """Further e-mail or phone -> the contact holding it, for duplicate checks."""
    found: dict[str, int] = {}
    wanted_emails, wanted_phones = sorted(set(emails)), sorted(set(phones))
    for start in range(0, len(wanted_emails), 500):
        for value, contact_id in session.exec(select(ContactEmail.email, ContactEmail.contact_id).where(
                ContactEmail.workspace_id == workspace_id, col(ContactEmail.email).in_(wanted_emails[start:start + 500]))):
            found.setdefault(value, contact_id)
    for start in range(0, len(wanted_phones), 500):
        for value, contact_id in session.exec(select(ContactPhone.phone, ContactPhone.contact_id).where(
                ContactPhone.workspace_id == workspace_id, col(ContactPhone.phone).in_(wanted_phones[start:start + 500]))):
            found.setdefault(value, contact_id)
    return found
