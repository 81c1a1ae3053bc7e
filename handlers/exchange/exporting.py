"""Export contacts (CSV, vCard), deals (CSV) and open tasks (iCalendar) as a file.

`/export contacts vcf` replies with the file; `crmbot export` calls `Crm.export_file`. The CSV headers are
ones the importer maps back (an export imports into an empty workspace as the same contacts).
"""

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import icalendar
import vobject  # type: ignore[import-untyped]
from sqlmodel import Session

from handlers.context import Context
from handlers.language import commands as c
from handlers.texts.reply import Attachment, Reply
from storage import bulk, queries
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
                 file=Attachment(result.filename, result.content, result.mime))


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
    content, mime, count = BUILDERS[what][fmt](session, workspace.id, now)  # type: ignore[arg-type]
    return ExportedFile(f"{what}-{now:%Y-%m-%d}.{fmt}", content, mime, count)


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


def contacts_csv(session: Session, workspace_id: int, _now: datetime) -> tuple[bytes, str, int]:
    contacts = bulk.all_contacts(session=session, workspace_id=workspace_id)
    return contact_rows_csv(session, workspace_id, contacts), "text/csv", len(contacts)


def contact_rows_csv(session: Session, workspace_id: int, contacts: list[Contact]) -> bytes:
    """These contacts as CSV (a segment's export uses it too)."""
    names = {company.id: company.name for company in bulk.companies(session=session, workspace_id=workspace_id)}
    rows: list[list[object]] = [[p.name, names.get(p.company_id, ""), p.email, p.phone, p.source,  # type: ignore[arg-type]
                                 _iso(p.created_at)] for p in contacts]
    return _csv(["Name", "Company", "E-mail", "Phone", "Source", "Created"], rows)


def contacts_vcf(session: Session, workspace_id: int, _now: datetime) -> tuple[bytes, str, int]:
    names = {company.id: company.name for company in bulk.companies(session=session, workspace_id=workspace_id)}
    contacts = bulk.all_contacts(session=session, workspace_id=workspace_id)
    cards = [vcard(contact, names.get(contact.company_id)) for contact in contacts]  # type: ignore[arg-type]
    return "".join(cards).encode("utf-8"), "text/vcard", len(cards)


def vcard(contact: Contact, company: str | None) -> str:
    card = vobject.vCard()
    card.add("fn").value = contact.name
    given, _, family = contact.name.rpartition(" ")
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    if contact.email:
        line = card.add("email")
        line.value, line.type_param = contact.email, "INTERNET"
    if contact.phone:
        card.add("tel").value = contact.phone
    if company:
        card.add("org").value = [company]
    card.add("uid").value = f"crmbot-contact-{contact.workspace_id}-{contact.id}"
    return card.serialize()


def deals_csv(session: Session, workspace_id: int, _now: datetime) -> tuple[bytes, str, int]:
    stages = bulk.stage_keys(session=session, workspace_id=workspace_id)
    companies = {company.id: company.name for company in bulk.companies(session=session, workspace_id=workspace_id)}
    deals = bulk.all_deals(session=session, workspace_id=workspace_id)
    people = bulk.contacts_by_ids(session=session, workspace_id=workspace_id,
                                  ids=[d.contact_id for d in deals if d.contact_id])
    rows: list[list[object]] = [
        [f"#{d.id}", d.title, stages.get(d.stage_id, ""), f"{d.value_cents / 100:.2f}", d.currency, d.probability,
         people[d.contact_id].name if d.contact_id in people else "", companies.get(d.company_id, ""),  # type: ignore[arg-type,index]
         _iso(d.close_date), _iso(d.created_at), _iso(d.updated_at)] for d in deals]
    header = ["Deal", "Title", "Stage", "Value", "Currency", "Probability", "Contact", "Company", "Close date",
              "Created", "Updated"]
    return _csv(header, rows), "text/csv", len(rows)


def tasks_ics(session: Session, workspace_id: int, now: datetime) -> tuple[bytes, str, int]:
    """Open tasks: a dated one as a 30-minute event (every calendar shows those), an undated one as a to-do."""
    tasks = bulk.all_open_tasks(session=session, workspace_id=workspace_id)
    people = bulk.contacts_by_ids(session=session, workspace_id=workspace_id,
                                  ids=[t.contact_id for t in tasks if t.contact_id])
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
            person = people[task.contact_id]  # type: ignore[index]
            item.add("description", " · ".join(v for v in (person.name, person.email, person.phone) if v))
        calendar.add_component(item)
    return calendar.to_ical(), "text/calendar", len(tasks)


Builder = Callable[[Session, int, datetime], tuple[bytes, str, int]]
BUILDERS: dict[str, dict[str, Builder]] = {
    "contacts": {"csv": contacts_csv, "vcf": contacts_vcf},
    "deals": {"csv": deals_csv},
    "tasks": {"ics": tasks_ics},
}
