"""Export contacts (CSV, vCard), deals (CSV) and open tasks (iCalendar) as a file.

`/export contacts vcf` replies with the file; `crmbot export` calls `Crm.export_file`. The CSV headers are
ones the importer maps back (an export imports into an empty workspace as the same contacts).
"""

import csv
import io
import json
import re
from collections.abc import Callable, Sized
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlmodel import Session

from handlers.context import Context
from handlers.exchange.import_fields import COMPANY_HEADERS, company_cells, custom_columns
from handlers.exchange.vcard_write import CardData, vcard_text
from handlers.language import commands as c
from handlers.texts.reply import Reply, ReplyFile
from storage import bulk, details, queries
from storage.ids import id_of
from storage.models import Contact, Workspace

TASK_MINUTES = 30  # a dated task shows as an event this long
_NUMBER_LIKE = re.compile(r"^[+-][\d\s()./-]*$")


@dataclass(frozen=True)
class ExportedFile:
    filename: str
    content: bytes
    mime: str
    count: int  # records in the file


def export(ctx: Context, cmd: c.Export) -> Reply:
    result = build(ctx.session, ctx.workspace, cmd.what, cmd.fmt, ctx.now)
    return Reply(ctx.t("exported", count=result.count, what=ctx.t(f"export_{cmd.what}"), filename=result.filename),
                 file=ReplyFile(result.filename, result.content, result.mime))


def export_file(session: Session, workspace_key: str, what: str, fmt: str, now: datetime) -> tuple[str, bytes]:
    """`crmbot export`: (file name, bytes) of contacts csv|vcf, deals csv or tasks ics."""
    if fmt not in BUILDERS.get(what, {}):
        raise ValueError(f"can't export {what} as {fmt}; try contacts csv|vcf, deals csv, tasks ics")
    workspace = queries.get_workspace(session=session, key=workspace_key)
    if workspace is None:
        raise ValueError(f"no workspace {workspace_key!r}")
    result = build(session, workspace, what, fmt, now)
    return result.filename, result.content


def build(session: Session, workspace: Workspace, what: str, fmt: str, now: datetime) -> ExportedFile:
    content, mime, count = BUILDERS[what][fmt](session, id_of(workspace), now)
    return ExportedFile(f"{what}-{now:%Y-%m-%d}.{fmt.removesuffix('4')}", content, mime, count)


def safe_cell(value: object) -> str:
    """A cell a spreadsheet will not run as a formula ('=...' gets a leading quote; phone numbers stay)."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "@", "\t", "\r") or (text[:1] in "+-" and text and not _NUMBER_LIKE.match(text)):
        return "'" + text
    return text


def _csv(header: list[str], rows: list[list[object]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")  # the BOM tells Excel it is UTF-8


def _iso(moment: datetime | None) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else ""


def contact_cards(session: Session, workspace_id: int, contacts: list[Contact] | None = None) -> list[CardData]:
    """These contacts (default: every one, oldest first) with company, further e-mails, phones, addresses, notes."""
    firms = {id_of(company): company for company in bulk.companies(session=session, workspace_id=workspace_id)}
    emails, phones, addresses = details.all_details(session=session, workspace_id=workspace_id)
    notes = bulk.notes_by_contact(session=session, workspace_id=workspace_id)
    people = bulk.all_contacts(session=session, workspace_id=workspace_id) if contacts is None else contacts
    _names, custom = custom_columns(session, workspace_id, [id_of(p) for p in people])
    _names, firm_custom = custom_columns(session, workspace_id, list(firms), "company")
    return [CardData(contact, firms[contact.company_id].name if contact.company_id in firms else None,
                     emails.get(id_of(contact), []), phones.get(id_of(contact), []), addresses.get(id_of(contact), []),
                     notes.get(id_of(contact), []), custom.get(id_of(contact), []),
                     firms.get(contact.company_id) if contact.company_id is not None else None,
                     firm_custom.get(contact.company_id, []) if contact.company_id is not None else [])
            for contact in people]


def contacts_csv(session: Session, workspace_id: int, _now: datetime) -> tuple[bytes, str, int]:
    contacts = bulk.all_contacts(session=session, workspace_id=workspace_id)
    return contact_rows_csv(session, workspace_id, contacts), "text/csv", len(contacts)


_REPEATED: tuple[Callable[[CardData], Sized], ...] = (  # what a card may hold several of: e-mails, phones, addresses
    lambda card: [card.contact.email] * bool(card.contact.email) + card.emails,
    lambda card: [card.contact.phone] * bool(card.contact.phone) + card.phones,
    lambda card: card.addresses)


def contact_rows_csv(session: Session, workspace_id: int, contacts: list[Contact]) -> bytes:
    """One row per contact (a segment's export uses it too); as many e-mail, phone and address columns as the
    contact with the most needs."""
    cards = contact_cards(session, workspace_id, contacts)
    most = [max([0, *[len(getter(card)) for card in cards]]) for getter in _REPEATED]
    networks = sorted({network for card in cards for network in json.loads(card.contact.socials or "{}")})
    header = ["Name", "Name Prefix", "Given Name", "Middle Name", "Family Name", "Name Suffix", "Company",
              "Department", "Job Title", "Birthday", "Website"]
    header += [f"E-mail {i} - {part}" for i in range(1, most[0] + 1) for part in ("Type", "Value")]
    header += [f"Phone {i} - {part}" for i in range(1, most[1] + 1) for part in ("Type", "Value")]
    header += [f"Address {i} - {part}" for i in range(1, most[2] + 1)
               for part in ("Type", "Street", "City", "Region", "Postal Code", "Country")]
    header += [network.title() for network in networks] + ["Latitude", "Longitude", "Notes", "Source", "Created"]
    fields, _values = custom_columns(session, workspace_id, [])
    firm_fields = [name for name in custom_columns(session, workspace_id, [], "company")[0]
                   if any(dict(card.company_custom).get(name) for card in cards)]
    with_firms = any(any(company_cells(card.company_row)) for card in cards)
    header += fields + (COMPANY_HEADERS if with_firms else []) + [f"Company {name}" for name in firm_fields]
    return _csv(header, [contact_row(card, most, networks) + [dict(card.custom).get(name, "") for name in fields]
                         + (company_cells(card.company_row) if with_firms else [])
                         + [dict(card.company_custom).get(name, "") for name in firm_fields] for card in cards])


def contact_row(card: CardData, most: list[int], networks: list[str]) -> list[object]:
    p = card.contact
    row: list[object] = [p.name, p.name_prefix, p.given_name, p.middle_name, p.family_name, p.name_suffix,
                         card.company or "", p.department, p.title, p.birthday, p.website]
    emails = [(p.email_label or "other", p.email)] * bool(p.email) + [(e.label, e.email) for e in card.emails]
    phones = [(p.phone_label or "other", p.phone)] * bool(p.phone) + [(f.label, f.phone) for f in card.phones]
    for values, width in ((emails, most[0]), (phones, most[1])):
        for i in range(width):
            row += list(values[i]) if i < len(values) else ["", ""]
    for i in range(most[2]):
        a = card.addresses[i] if i < len(card.addresses) else None
        row += [a.label, a.street, a.city, a.region, a.postcode, a.country] if a else [""] * 6
    socials = json.loads(p.socials or "{}")
    row += [socials.get(network, "") for network in networks]
    return row + [p.latitude, p.longitude, "\n".join(card.notes), p.source, _iso(p.created_at)]


def contacts_vcf(session: Session, workspace_id: int, _now: datetime) -> tuple[bytes, str, int]:
    cards = [vcard_text(card, "3.0") for card in contact_cards(session, workspace_id)]
    return "".join(cards).encode("utf-8"), "text/vcard", len(cards)


def contacts_vcf4(session: Session, workspace_id: int, _now: datetime) -> tuple[bytes, str, int]:
    cards = [vcard_text(card, "4.0") for card in contact_cards(session, workspace_id)]
    return "".join(cards).encode("utf-8"), "text/vcard", len(cards)


def deals_csv(session: Session, workspace_id: int, _now: datetime) -> tuple[bytes, str, int]:
    stages = bulk.stage_keys(session=session, workspace_id=workspace_id)
    companies = {company.id: company.name for company in bulk.companies(session=session, workspace_id=workspace_id)}
    deals = bulk.all_deals(session=session, workspace_id=workspace_id)
    people = bulk.contacts_by_ids(session=session, workspace_id=workspace_id,
                                  ids=[d.contact_id for d in deals if d.contact_id])
    rows: list[list[object]] = [
        [f"#{d.id}", d.title, stages.get(d.stage_id, ""), f"{d.value_cents / 100:.2f}", d.currency, d.probability,
         people[d.contact_id].name if d.contact_id in people else "", companies.get(d.company_id, ""),
         _iso(d.close_date), _iso(d.created_at), _iso(d.updated_at)] for d in deals]
    header = ["Deal", "Title", "Stage", "Value", "Currency", "Probability", "Contact", "Company", "Close date",
              "Created", "Updated"]
    return _csv(header, rows), "text/csv", len(rows)


def tasks_ics(session: Session, workspace_id: int, now: datetime) -> tuple[bytes, str, int]:
    """Open tasks: a dated one as a 30-minute event (every calendar shows those), an undated one as a to-do."""
    tasks = bulk.all_open_tasks(session=session, workspace_id=workspace_id)
    people = bulk.contacts_by_ids(session=session, workspace_id=workspace_id,
                                  ids=[t.contact_id for t in tasks if t.contact_id])
    import icalendar  # loaded on the first calendar export

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//crmbot//tasks//EN")
    calendar.add("version", "2.0")
    for task in tasks:
        item = icalendar.Event() if task.due_at else icalendar.Todo()
        item.add("uid", f"crmbot-task-{workspace_id}-{task.id}")
        item.add("dtstamp", now)
        item.add("summary", task.title)
        if task.due_at:
            item.add("dtstart", task.due_at.astimezone(timezone.utc))
            item.add("dtend", task.due_at.astimezone(timezone.utc) + timedelta(minutes=TASK_MINUTES))
        if task.contact_id in people:
            person = people[task.contact_id]
            item.add("description", " · ".join(v for v in (person.name, person.email, person.phone) if v))
        calendar.add_component(item)
    return calendar.to_ical(), "text/calendar", len(tasks)


Builder = Callable[[Session, int, datetime], tuple[bytes, str, int]]
BUILDERS: dict[str, dict[str, Builder]] = {
    "contacts": {"csv": contacts_csv, "vcf": contacts_vcf, "vcf4": contacts_vcf4},
    "deals": {"csv": deals_csv},
    "tasks": {"ics": tasks_ics},
}
