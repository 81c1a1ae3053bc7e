"""/edit on a contact or a company: every stored field, further e-mails and phones by label, the address, custom fields.

    /edit anna: job=Head of Sales, department=Vertrieb, birthday=12.04.1985, website=acme.de, linkedin=in/anna
    /edit anna: street=Hauptstr. 1; plz=80331; ort=München; land=DE      (the first address; made when none)
    /edit anna: email home=anna@home.de; phone mobile=+49 171 …; email home=-   (by label: set, change, drop)
    /edit acme: website=acme.de, industry=Maschinenbau, size=50-99, phone=089 123456, Größe=120
"""

import json
from dataclasses import dataclass, field

from handlers.context import Context
from handlers.crm import custom_fields
from handlers.crm.contact_details import add_address, add_detail, addresses, contact_region, extra_emails, extra_phones
from handlers.crm.contacts import check_field, company_named
from handlers.crm.resolve import contact_label, resolve
from handlers.crm.undo import undo_button
from handlers.errors import Usage
from handlers.language import commands as c
from handlers.language import edit_fields as ef
from handlers.language.countries import country_code
from handlers.language.fields import check_name
from handlers.language.names import fold
from handlers.texts.reply import Button, Reply
from storage.models import Company, Contact, ContactEmail, ContactPhone, CustomField

CLEAR = custom_fields.CLEAR


@dataclass
class Plan:
    """What one /edit changes, every value checked before anything is written."""

    columns: dict[str, object] = field(default_factory=dict)
    address: dict[str, str] = field(default_factory=dict)
    labeled: list[tuple[str, str, str | None]] = field(default_factory=list)  # (email|phone, label, value or None)
    socials: dict[str, str | None] = field(default_factory=dict)
    custom: list[tuple[CustomField, str | None]] = field(default_factory=list)
    region: str | None = None  # where phone numbers without + are read: the record's address country


def kinds_for(ctx: Context, keys: list[str]) -> tuple[str, ...]:
    """The kinds of record every key of the edit fits: contact, company, or both."""
    fits = []
    for kind, known in (("contact", ef.CONTACT_KEYS), ("company", ef.COMPANY_KEYS)):
        if all(_fits(ctx, kind, known, key) for key in keys):
            fits.append(kind)
    if not fits:
        unknown = next((key for key in keys if not any(_fits(ctx, kind, known, key) for kind, known in
                                                       (("contact", ef.CONTACT_KEYS), ("company", ef.COMPANY_KEYS)))), "")
        if unknown:
            raise custom_fields.FieldUnknown(name=unknown[:60])
        raise Usage(command="edit")
    return tuple(fits)


def _fits(ctx: Context, kind: str, known: dict[str, str], key: str) -> bool:
    k = ef.key_of(key)
    if k in known or k in ef.ADDRESS_KEYS or custom_fields.find_field(ctx, kind, key) is not None:
        return True
    return kind == "contact" and (ef.social_key(k) is not None or ef._LABELED.match(k) is not None)


def edit_record(ctx: Context, cmd: c.EditContact, record: Contact | Company) -> Reply:
    """Check every change, then write them: one undo reverts the lot."""
    kind = "contact" if isinstance(record, Contact) else "company"
    plan = Plan(region=contact_region(ctx, record))
    asked = [key for key, value in cmd.changes if value == "?"]
    if asked and (found := custom_fields.find_field(ctx, kind, asked[0])) is not None:
        return custom_fields.ask_value(ctx, found, f"#{kind}:{record.id}", record.name)
    for key, value in cmd.changes:
        plan_change(ctx, kind, plan, key, value)
    write(ctx, record, plan)
    name = contact_label(ctx, record) if isinstance(record, Contact) else record.name
    ref = f"#{kind}:{record.id}"
    return Reply(ctx.t("contact_updated", name=name),
                 buttons=[[Button(ctx.t("button_show", name=name[:30]), command=c.Show(ref)), undo_button(ctx)]],
                 changed=True)


def plan_change(ctx: Context, kind: str, plan: Plan, key: str, value: str) -> None:
    """Check one `key=value` into the plan; a bad value raises a friendly error (nothing is written then)."""
    k = ef.key_of(key)
    clear = value.strip().casefold() in CLEAR
    known = ef.CONTACT_KEYS if kind == "contact" else ef.COMPANY_KEYS
    custom = custom_fields.find_field(ctx, kind, key)
    if custom is not None and k not in known:
        plan.custom.append((custom, custom_fields.checked_value(ctx, custom, value)))
    elif k in known:
        plan.columns.update(column_change(ctx, known[k], value, clear, plan.region))
    elif not plan_contact_part(ctx, plan, k, value, clear):
        raise custom_fields.FieldUnknown(name=key[:60])


def plan_contact_part(ctx: Context, plan: Plan, k: str, value: str, clear: bool) -> bool:
    """Check an address part, labeled e-mail/phone or social handle into the plan; False for no such key."""
    if k in ef.ADDRESS_KEYS:
        part = ef.ADDRESS_KEYS[k]
        plan.address[part] = "" if clear else address_part(part, value)
    elif (labeled := ef.labeled_key(k)) is not None:
        what, label = labeled
        plan.labeled.append((what, label, None if clear else check_field(ctx, what, value, plan.region)))
    elif (network := ef.social_key(k)) is not None:
        plan.socials[network] = None if clear else ef.check_text("title", value)
    else:
        return False
    return True


def column_change(ctx: Context, column: str, value: str, clear: bool, region: str | None = None) -> dict[str, object]:
    """The new column value(s) of one built-in field of a contact or company."""
    if clear and column != "name":
        return {"company_id": None} if column == "company" else {column: None}
    if column == "name":
        name = check_name(value)
        return {"name": name, "name_key": fold(name)}
    if column in ("email", "phone"):  # one check for both kinds: a phone is read in the record's address country
        return {column: check_field(ctx, column, value, region)}
    if column == "company":
        return {"company_id": company_named(ctx, check_name(value)).id}
    if column == "birthday":
        return {"birthday": ef.check_birthday(value)}
    if column == "website":
        return {"website": ef.check_website(value)}
    return {column: ef.check_text(column, value) or None}


def address_part(part: str, value: str) -> str:
    text = ef.check_text(part, value)
    return (country_code(text) or text) if part == "country" else text


def write(ctx: Context, record: Contact | Company, plan: Plan) -> None:
    kind = "contact" if isinstance(record, Contact) else "company"
    assert record.id is not None
    columns = dict(plan.columns)
    if plan.socials and isinstance(record, Contact):
        socials = json.loads(record.socials or "{}")
        for network, handle in plan.socials.items():
            socials.pop(network, None) if handle is None else socials.__setitem__(network, handle)
        columns["socials"] = json.dumps(socials, ensure_ascii=False, sort_keys=True) if socials else None
    if columns:
        ctx.update(record, **columns)
    if plan.address:
        write_address(ctx, kind, record.id, plan.address)
    for what, label, value in plan.labeled:
        assert isinstance(record, Contact)
        write_labeled(ctx, record, what, label, value)
    for custom, value in plan.custom:
        custom_fields.set_value(ctx, custom, record.id, value)
    if not (columns or plan.address or plan.labeled or plan.custom):
        ctx.update(record)


def write_address(ctx: Context, kind: str, owner_id: int, parts: dict[str, str]) -> None:
    """Change the first address's parts, or keep a new address of them."""
    current = addresses(ctx, kind, owner_id)
    if current:
        ctx.update(current[0], **parts)
    elif any(parts.values()):
        add_address(ctx, kind, owner_id, parts)


def write_labeled(ctx: Context, contact: Contact, what: str, label: str, value: str | None) -> None:
    """Set, change or drop the contact's e-mail or phone with that label (the primary one counts too)."""
    primary_label = getattr(contact, f"{what}_label") or "other"
    if getattr(contact, what) and primary_label == label:
        if value is None:
            ctx.update(contact, **{what: None, f"{what}_label": None})
        else:
            ctx.update(contact, **{what: value})
        return
    extras: list[ContactEmail] | list[ContactPhone] = (extra_emails(ctx, contact) if what == "email"
                                                       else extra_phones(ctx, contact))
    same = [row for row in extras if row.label == label]
    if same and value is None:
        ctx.delete(same[0])
    elif same:
        ctx.update(same[0], **{what: value})
    elif value is not None:
        add_detail(ctx, contact, what, value, label)


def edit_contact_or_company(ctx: Context, cmd: c.EditContact) -> Reply | None:
    """Run the edit on the contact or company it names; None when the name is a deal's (the caller edits it)."""
    keys = [key for key, _ in cmd.changes]
    kinds: tuple[str, ...] = kinds_for(ctx, keys)
    if all(ef.key_of(key) in ("title", "titel") for key in keys):
        kinds = (*kinds, "deal")
    record = resolve(ctx, cmd.query, kinds=kinds)
    if isinstance(record, (Contact, Company)):
        return edit_record(ctx, cmd, record)
    return None
