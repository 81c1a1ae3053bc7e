"""The lines a card shows for a contact's or company's details: e-mails and phones with labels, job, addresses."""

import json

from handlers.context import Context
from handlers.crm.contact_details import addresses, extra_emails, extra_phones
from handlers.crm.custom_fields import custom_lines
from handlers.language.countries import country_name
from handlers.language.field_formats import display_phone
from storage.ids import id_of
from storage.models import Address, Company, Contact


def labeled(ctx: Context, value: str, label: str | None) -> str:
    return f"{value} ({ctx.t('label_' + label)})" if label and label != "other" else value


def address_line(address: Address) -> str:
    """"Hauptstr. 1, 80331 München, BY, Germany"."""
    place = " ".join(part for part in (address.postcode, address.city) if part)
    country = country_name(address.country) if len(address.country) == 2 else address.country
    return ", ".join(part for part in (address.street, place, address.region, country) if part)


def contact_detail_lines(ctx: Context, contact: Contact) -> list[str]:
    lines = []
    job = ", ".join(part for part in (contact.title, contact.department) if part)
    if job:
        lines.append(f"💼 {job}")
    if contact.email:
        lines.append(f"✉️ {labeled(ctx, contact.email, contact.email_label)}")
    lines += [f"✉️ {labeled(ctx, e.email, e.label)}" for e in extra_emails(ctx, contact)]
    if contact.phone:
        lines.append(f"📞 {labeled(ctx, display_phone(contact.phone), contact.phone_label)}")
    lines += [f"📞 {labeled(ctx, display_phone(p.phone), p.label)}" for p in extra_phones(ctx, contact)]
    lines += [f"📍 {labeled(ctx, address_line(a), a.label)}" for a in addresses(ctx, "contact", id_of(contact))]
    if contact.birthday:
        lines.append(f"🎂 {contact.birthday.removeprefix('--')}")
    if contact.website:
        lines.append(f"🌐 {contact.website}")
    for network, handle in sorted(json.loads(contact.socials or "{}").items()):
        lines.append(f"🔗 {network}: {handle}")
    return lines + custom_lines(ctx, "contact", id_of(contact))


def company_detail_lines(ctx: Context, company: Company) -> list[str]:
    lines = [f"🏭 {company.industry}"] if company.industry else []
    if company.size:
        lines.append(ctx.t("company_size", size=company.size))
    lines += [f"{icon} {value}" for icon, value in (("📞", display_phone(company.phone or "")), ("🌐", company.website)) if value]
    lines += [f"📍 {address_line(a)}" for a in addresses(ctx, "company", id_of(company))]
    return lines + custom_lines(ctx, "company", id_of(company))
