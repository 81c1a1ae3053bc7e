"""/privacy export and /privacy erase (GDPR): everything stored about one person, as a file or erased.

Erasing deletes the contact with its notes, tasks and files, unlinks its deals (they keep their
numbers), and replaces the snapshots of every audit entry about the person with a marker. Contacts
merged into it earlier count as the same person. An erase cannot be undone: it is logged only as
"erase", and every command that touched the person is retired from /undo so nothing comes back.
"""

import json
import re
from typing import Any

from handlers.context import MANAGER_ROLES, Context
from handlers.crm.contact_details import addresses, extra_emails, extra_phones, labels
from handlers.crm.resolve import contact_label, resolve
from handlers.errors import CrmError
from handlers.language import commands as c
from handlers.language.names import fold
from handlers.texts.fmt import short
from handlers.texts.reply import Button, Reply, ReplyFile
from storage import bulk, queries, trail
from storage import mail as storage_mail
from storage.audit import as_dict, snapshot
from storage.ids import id_of
from storage.models import Address, Company, Contact, CustomValue, Deal

ALL = 1_000_000


class EraseNotAllowed(CrmError):
    key = "erase_not_allowed"


def privacy(ctx: Context, cmd: c.Privacy) -> Reply:
    contact = resolve(ctx, cmd.query)
    assert isinstance(contact, Contact)
    if cmd.action == "export":
        return export_person(ctx, contact)
    if ctx.member.role not in MANAGER_ROLES:
        raise EraseNotAllowed()
    if not cmd.confirmed:
        parts = person_parts(ctx, contact)
        return Reply(ctx.t("confirm_erase", name=contact_label(ctx, contact), notes=len(parts["notes"]),
                           tasks=len(parts["tasks"]), files=len(parts["files"]), deals=len(parts["deals"])),
                     buttons=[[Button(ctx.t("button_erase"), command=c.Privacy("erase", f"#{contact.id}", confirmed=True)),
                               Button(ctx.t("button_keep"), command=c.Show(f"#{contact.id}"))]])
    return erase(ctx, contact)


def person_parts(ctx: Context, contact: Contact) -> dict[str, list[Any]]:
    ws, session = ctx.workspace_id, ctx.session
    return {
        "notes": queries.interactions_of(session=session, workspace_id=ws, contact_id=id_of(contact), limit=ALL),
        "tasks": queries.tasks_of(session=session, workspace_id=ws, contact_id=id_of(contact)),
        "files": queries.attachments_of(session=session, workspace_id=ws, contact_id=id_of(contact), limit=ALL),
        "deals": queries.deals_of(session=session, workspace_id=ws, contact_id=contact.id),
        "details": [*extra_emails(ctx, contact), *extra_phones(ctx, contact),
                    *addresses(ctx, "contact", id_of(contact)), *labels(ctx, "contact", id_of(contact))],
    }


def export_person(ctx: Context, contact: Contact) -> Reply:
    data = person_data(ctx, contact)
    content = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    slug = "-".join(fold(contact.name).split())[:40] or f"contact-{contact.id}"
    filename = f"privacy-{slug}-{ctx.now:%Y-%m-%d}.json"
    return Reply(ctx.t("privacy_exported", name=contact_label(ctx, contact), entries=len(data["audit"])),
                 file=ReplyFile(filename, content, "application/json"))


def person_data(ctx: Context, contact: Contact) -> dict[str, Any]:
    """Everything stored about the person: the contact, its notes, tasks, deals, files' metadata, the audit log."""
    ws = ctx.workspace_id
    parts = person_parts(ctx, contact)
    members = bulk.member_names(session=ctx.session, workspace_id=ws)
    company = ctx.get(Company, contact.company_id) if contact.company_id else None
    same_person = trail.merged_into(session=ctx.session, workspace_id=ws, contact_id=id_of(contact))
    entries = trail.entries_about_contacts(session=ctx.session, workspace_id=ws, contact_ids=same_person)

    def dump(row: Any, *leave_out: str) -> dict[str, Any]:
        return {k: v for k, v in row.model_dump(mode="json").items() if k not in ("workspace_id", *leave_out)}

    return {
        "exported_at": ctx.now.isoformat(),
        "workspace": ctx.workspace.name,
        "contact": dump(contact, "name_key") | {"company": company.name if company else None,
                                                "owner": members.get(contact.owner_id) if contact.owner_id else None},
        "merged_from": sorted(same_person - {contact.id}),
        "notes": [dump(note) | {"author": members.get(note.author_id)} for note in parts["notes"]],
        "tasks": [dump(task, "reminder_claimed_by", "reminder_claimed_at") for task in parts["tasks"]],
        "deals": [dump(deal, "title_key") for deal in parts["deals"]],
        "attachments": [dump(file, "file_id") for file in parts["files"]],
        "details": [dump(row) | {"kind": type(row).__name__.lower()} for row in parts["details"]],
        "audit": [{"at": e.created_at.isoformat(), "by": members.get(e.member_id) if e.member_id else None,
                   "entity": e.entity, "entity_id": e.entity_id, "action": e.action, "undone": e.undone,
                   "before": as_dict(e.before), "after": as_dict(e.after)} for e in entries],
    }


def erase(ctx: Context, contact: Contact) -> Reply:
    ws, session = ctx.workspace_id, ctx.session
    parts = person_parts(ctx, contact)
    same_person = trail.merged_into(session=session, workspace_id=ws, contact_id=id_of(contact))
    entries = trail.entries_about_contacts(session=session, workspace_id=ws, contact_ids=same_person,
                                           parts=trail.CONTACT_PARTS)
    storage_mail.forget_file_contents(session=session, workspace_id=ws, attachment_ids=[f.id for f in parts["files"]])
    for row in [row for row in parts["details"] if isinstance(row, Address | CustomValue)]:  # what they said
        entries += trail.entries_about_record(session=session, workspace_id=ws, entity=type(row).__name__.lower(),
                                              entity_id=id_of(row))
    for row in parts["notes"] + parts["tasks"] + parts["files"] + parts["details"]:
        session.delete(row)
    for deal in parts["deals"]:
        unlink(ctx, deal)
    scrubbed = trail.scrub(session=session, workspace_id=ws, entries=entries)
    forget_waiting(ctx, contact)
    for person_id in same_person:
        bulk.forget_not_duplicates(session=session, workspace_id=ws, kind="contact", record_id=person_id)
    name = contact.name
    session.delete(contact)
    session.flush()
    ctx.track_name(contact, deleted=True)
    trail.record_final(session=session, workspace_id=ws, member_id=ctx.member.id, batch=ctx.batch,
                       entity="contact", entity_id=id_of(contact), action="erase", before=None, after=trail.ERASED)
    return Reply(ctx.t("erased", name=short(name, 60), notes=len(parts["notes"]), tasks=len(parts["tasks"]),
                       files=len(parts["files"]), deals=len(parts["deals"]), entries=scrubbed), changed=True)


def unlink(ctx: Context, deal: Deal) -> None:
    """The deal stays (with its number) without the person; logged, but not for /undo to relink."""
    before = snapshot(deal)
    deal.contact_id = None
    deal.updated_at = ctx.now
    ctx.session.add(deal)
    ctx.session.flush()
    trail.record_final(session=ctx.session, workspace_id=ctx.workspace_id, member_id=ctx.member_id,
                       batch=ctx.batch, entity="deal", entity_id=id_of(deal), action="update", before=before,
                       after=snapshot(deal))


def forget_waiting(ctx: Context, contact: Contact) -> None:
    """Drop commands and imports still waiting that name the person or point at the contact."""
    ws = ctx.workspace_id
    values = [v for v in (contact.name, contact.email, contact.phone) if v]
    reference = re.compile(rf"#(?:contact:)?{contact.id}\b")
    for pending in bulk.pending_choices_mentioning(session=ctx.session, workspace_id=ws,
                                                   values=values + [f"#{contact.id}", f"#contact:{contact.id}"]):
        if reference.search(pending.command) or any(v in pending.command for v in values):
            ctx.session.delete(pending)
    for waiting in bulk.pending_imports_mentioning(session=ctx.session, workspace_id=ws, values=values):
        ctx.session.delete(waiting)
