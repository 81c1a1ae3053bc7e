"""A contact's further e-mails and phones and its addresses: add them, move them on a merge, drop them on a delete."""

from typing import Any

from handlers.context import Context
from handlers.language.field_formats import phone_region
from storage import custom_fields, details, leads, segments
from storage.ids import id_of
from storage.models import Address, CampaignMember, Company, Contact, ContactEmail, ContactPhone, CustomValue, Tagging

Label = CustomValue | Tagging | CampaignMember

ADDRESS_PARTS = ("street", "postcode", "city", "region", "country")


def extra_emails(ctx: Context, contact: Contact) -> list[ContactEmail]:
    return details.emails_of(session=ctx.session, workspace_id=ctx.workspace_id, contact_id=id_of(contact))


def extra_phones(ctx: Context, contact: Contact) -> list[ContactPhone]:
    return details.phones_of(session=ctx.session, workspace_id=ctx.workspace_id, contact_id=id_of(contact))


def addresses(ctx: Context, kind: str, owner_id: int) -> list[Address]:
    return details.addresses_of(session=ctx.session, workspace_id=ctx.workspace_id, owner_kind=kind,
                                owner_id=owner_id)


def add_email(ctx: Context, contact: Contact, email: str, label: str = "other") -> bool:
    """Keep one more e-mail (the first becomes Contact.email); False when the contact has it already."""
    return add_detail(ctx, contact, "email", email, label)


def add_phone(ctx: Context, contact: Contact, phone: str, label: str = "other") -> bool:
    """Keep one more phone (the first becomes Contact.phone); False when the contact has it already."""
    return add_detail(ctx, contact, "phone", phone, label)


def add_detail(ctx: Context, contact: Contact, what: str, value: str, label: str = "other") -> bool:
    """Keep one more e-mail or phone (`what`): the first goes on the contact, the others in their table.

    False when the contact has the value already."""
    if not getattr(contact, what):
        ctx.update(contact, **{what: value, f"{what}_label": label if label != "other" else None})
        return True
    rows = extra_emails(ctx, contact) if what == "email" else extra_phones(ctx, contact)
    known = [getattr(contact, what), *[getattr(row, what) for row in rows]]
    if value in known:
        return False
    owner, position = id_of(contact), len(known)
    if what == "email":
        ctx.add(ContactEmail(workspace_id=ctx.workspace_id, contact_id=owner, email=value, label=label, position=position))
    else:
        ctx.add(ContactPhone(workspace_id=ctx.workspace_id, contact_id=owner, phone=value, label=label, position=position))
    return True


def add_address(ctx: Context, kind: str, owner_id: int, parts: dict[str, str]) -> Address | None:
    """Keep an address (label, street, postcode, city, region, country); None when the owner has it already."""
    existing = addresses(ctx, kind, owner_id)
    same = [a for a in existing if all(getattr(a, key) == parts.get(key, "") for key in ADDRESS_PARTS)]
    if same:
        return None
    columns: dict[str, Any] = {key: parts.get(key, "") for key in ADDRESS_PARTS}  # all text columns
    address = Address(workspace_id=ctx.workspace_id, owner_kind=kind, owner_id=owner_id,
                      label=parts.get("label") or "work", position=len(existing), **columns)
    ctx.add(address)
    return address


def move_details(ctx: Context, other: Contact, kept: Contact) -> None:
    """A merge: the other contact's further e-mails, phones and addresses go to the kept one (unless it has them)."""
    for email in extra_emails(ctx, other):
        ctx.delete(email)
        add_email(ctx, kept, email.email, email.label)
    for phone in extra_phones(ctx, other):
        ctx.delete(phone)
        add_phone(ctx, kept, phone.phone, phone.label)
    for address in addresses(ctx, "contact", id_of(other)):
        ctx.delete(address)
        add_address(ctx, "contact", id_of(kept), {key: getattr(address, key) for key in ("label", *ADDRESS_PARTS)})


def labels(ctx: Context, kind: str, record_id: int) -> list[Label]:
    """What belongs to a contact or company alone: its custom values and taggings, a contact's campaign memberships."""
    ws, session = ctx.workspace_id, ctx.session
    found: list[Label] = [*custom_fields.values_of(session=session, workspace_id=ws, entity=kind, entity_id=record_id),
                          *segments.taggings_on(session=session, workspace_id=ws, entity=kind, entity_id=record_id)]
    if kind == "contact":
        found += leads.memberships(session=session, workspace_id=ws, contact_id=record_id)
    return found


def _what(row: Label) -> tuple[type, int]:
    """What a label is of: a field, a tag, a campaign (a record holds one of each)."""
    if isinstance(row, CustomValue):
        return CustomValue, row.field_id
    return (Tagging, row.tag_id) if isinstance(row, Tagging) else (CampaignMember, row.campaign_id)


def move_labels(ctx: Context, kind: str, other_id: int, kept_id: int) -> None:
    """A merge: the other record's tags, custom values and campaign memberships go to the kept one, unless it has that
    tag, a value of that field or is in that campaign already: then its own stays (taking the other's campaign
    response if it had none)."""
    held = {_what(row): row for row in labels(ctx, kind, kept_id)}
    for row in labels(ctx, kind, other_id):
        mine = held.get(_what(row))
        if mine is None:
            ctx.update(row, **({"contact_id": kept_id} if isinstance(row, CampaignMember) else {"entity_id": kept_id}))
            continue
        if isinstance(row, CampaignMember) and isinstance(mine, CampaignMember) and _answered_only(row, mine):
            ctx.update(mine, response=row.response, responded_at=row.responded_at)
        ctx.delete(row)


def _answered_only(other: CampaignMember, kept: CampaignMember) -> bool:
    return other.response is not None and kept.response is None


def delete_details(ctx: Context, contact: Contact) -> None:
    """The contact's further e-mails, phones and addresses, its custom values, tags and campaign memberships go with
    it (undoable)."""
    for row in [*extra_emails(ctx, contact), *extra_phones(ctx, contact), *addresses(ctx, "contact", id_of(contact)),
                *labels(ctx, "contact", id_of(contact))]:
        ctx.delete(row)


def contact_region(ctx: Context, record: Contact | Company) -> str:
    """Where a contact's or company's phone numbers without + are read: its first address's country, else the workspace's."""
    kind = "contact" if isinstance(record, Contact) else "company"
    countries = [address.country for address in addresses(ctx, kind, id_of(record))]
    return phone_region(countries, ctx.workspace.default_region)
