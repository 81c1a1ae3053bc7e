"""Contacts and companies: add with a duplicate check, edit, log interactions, cards, delete."""

from dataclasses import replace

from handlers.context import Context
from handlers.crm.assignment import owners_for
from handlers.crm.contact_details import contact_region, delete_details
from handlers.crm.resolve import contact_label, resolve
from handlers.crm.tagging import hashtags
from handlers.crm.undo import undo_button
from handlers.errors import InvalidValue, NotFound, Usage
from handlers.language import commands as c
from handlers.language.fields import check_name, looks_like_email, looks_like_phone, normalize_email, normalize_phone
from handlers.language.names import fold
from handlers.language.waiting import HOLE, kept
from handlers.texts.catalogue import explain
from handlers.texts.fmt import short
from handlers.texts.reply import Button, Reply
from storage import queries
from storage.ids import id_of
from storage.models import Company, Contact, Interaction

MAX_NOTE = 4000
DUPLICATE_NAME_SCORE = 90.0
FIELD_NAMES = {"name": "name", "email": "email", "e-mail": "email", "mail": "email", "phone": "phone",
               "telefon": "phone", "tel": "phone", "mobile": "phone", "handy": "phone",
               "company": "company", "firma": "company"}


def split_details(ctx: Context, details: tuple[str, ...]) -> tuple[dict[str, str], list[str]]:
    """Sort "Acme, anna@acme.de, +49 170..." into fields; invalid values become warnings, not fields."""
    fields: dict[str, str] = {}
    warnings: list[str] = []
    for value in details:
        field = "email" if looks_like_email(value) else "phone" if looks_like_phone(value) else "company"
        try:
            fields[field] = check_field(ctx, field, value)
        except InvalidValue as error:
            warnings.append(explain(ctx.lang, error))
    return fields, warnings


def check_field(ctx: Context, field: str, value: str, region: str | None = None) -> str:
    """A value checked for its field; a phone without + is read in `region` (else the workspace's)."""
    if field == "email":
        return normalize_email(value)
    if field == "phone":
        return normalize_phone(value, region or ctx.workspace.default_region)
    return check_name(value)


def company_named(ctx: Context, name: str) -> Company:
    """The workspace's company of that name, created when new."""
    company = queries.company_by_key(session=ctx.session, workspace_id=ctx.workspace_id, name_key=fold(name))
    if company is None:
        company = Company(workspace_id=ctx.workspace_id, name=name, name_key=fold(name), created_at=ctx.now,
                          updated_at=ctx.now)
        ctx.add(company)
    return company


def likely_duplicates(ctx: Context, name: str, fields: dict[str, str]) -> list[Contact]:
    """Contacts with the same e-mail or phone, or a close name at the same company."""
    found = queries.contacts_by_email_or_phone(session=ctx.session, workspace_id=ctx.workspace_id,
                                               email=fields.get("email"), phone=fields.get("phone"))
    company_key = fold(fields.get("company", ""))
    hits = [hit for hit in ctx.index.search(name, kinds=("contact",), limit=5) if hit.score >= DUPLICATE_NAME_SCORE]
    ctx.preload(Contact, (hit.entry.id for hit in hits))
    close = [(hit, contact) for hit in hits if (contact := ctx.get(Contact, hit.entry.id)) is not None]
    ctx.preload(Company, (contact.company_id for _hit, contact in close))
    for hit, contact in close:
        if contact in found:
            continue
        company = ctx.get(Company, contact.company_id) if contact.company_id else None
        if hit.score == 100.0 or not company_key or company is None or company.name_key == company_key:
            found.append(contact)
    return found


def add_contact(ctx: Context, cmd: c.AddContact) -> Reply:
    name = check_name(cmd.name)
    fields, warnings = split_details(ctx, cmd.details)
    if not cmd.force:
        duplicates = likely_duplicates(ctx, name, fields)
        if duplicates:
            return duplicate_warning(ctx, cmd, duplicates, fields)
    contact = create_contact(ctx, name, fields, source="manual")
    return contact_created(ctx, contact, warnings)


def create_contact(ctx: Context, name: str, fields: dict[str, str], *, source: str) -> Contact:
    company = company_named(ctx, fields["company"]) if fields.get("company") else None
    owner = ctx.member.id if source == "manual" else owners_for(ctx, [hashtags(ctx.text)])[0]
    contact = Contact(workspace_id=ctx.workspace_id, name=name, name_key=fold(name),
                      company_id=company.id if company else None, email=fields.get("email"),
                      phone=fields.get("phone"), source=source, owner_id=owner,
                      created_at=ctx.now, updated_at=ctx.now)
    ctx.add(contact)
    return contact


def contact_created(ctx: Context, contact: Contact, warnings: list[str]) -> Reply:
    lines = [ctx.t("contact_added", name=contact_label(ctx, contact))] + warnings
    return Reply("\n".join(lines), buttons=contact_buttons(ctx, contact), changed=True)


def duplicate_warning(ctx: Context, cmd: c.AddContact, duplicates: list[Contact],
                      fields: dict[str, str]) -> Reply:
    """Nothing is written: offer to open the existing one, merge the new details into it, or create anyway."""
    create = queries.add_pending(session=ctx.session, workspace_id=ctx.workspace_id, member_id=ctx.member_id,
                                 command=kept(replace(cmd, force=True).to_text()))
    buttons = []
    for existing in duplicates[:3]:
        row = [Button(ctx.t("button_show", name=short(existing.name, 30)), command=c.Show(f"#{existing.id}"))]
        if fields:  # fills what the existing one lacks; differing values become a note, nothing is overwritten
            details = c.MergeDetails(f"#{existing.id}", cmd.name, tuple(fields.values()))
            merge = queries.add_pending(session=ctx.session, workspace_id=ctx.workspace_id,
                                        member_id=ctx.member_id, command=kept(details.to_text()))
            row.append(Button(ctx.t("button_merge"), command=c.Pick(id_of(merge))))
        buttons.append(row)
    buttons.append([Button(ctx.t("button_create_anyway"), command=c.Pick(id_of(create)))])
    names = ", ".join(contact_label(ctx, d) for d in duplicates[:3])
    return Reply(ctx.t("duplicate_warning", name=cmd.name, existing=names), buttons=buttons)


def contact_buttons(ctx: Context, contact: Contact) -> list[list[Button]]:
    ref = f"#{contact.id}"
    rows = [[Button(ctx.t("button_note"), command=c.LogInteraction("note", ref, "")),
             Button(ctx.t("button_task"), command=c.AddTask("", about=ref)),
             Button(ctx.t("button_deal"), command=c.AddDeal(ref))]]
    links = []
    if contact.phone:
        links.append(Button(ctx.t("button_call"), url=f"tel:{contact.phone}"))
    if contact.email:
        links.append(Button(ctx.t("button_email"), url=f"mailto:{contact.email}"))
    return rows + ([links] if links else [])


def add_company(ctx: Context, cmd: c.AddCompany) -> Reply:
    name = check_name(cmd.name)
    existing = queries.company_by_key(session=ctx.session, workspace_id=ctx.workspace_id, name_key=fold(name))
    if existing is not None:
        return Reply(ctx.t("company_exists", name=existing.name),
                     buttons=[[Button(ctx.t("button_show", name=existing.name), command=c.Show(f"{existing.name}"))]])
    company = company_named(ctx, name)
    return Reply(ctx.t("company_added", name=company.name), changed=True)


def edit_contact(ctx: Context, cmd: c.EditContact) -> Reply:
    contact = resolve(ctx, cmd.query)
    assert isinstance(contact, Contact)
    changes: dict[str, object] = {}
    for key, value in cmd.changes:
        field = FIELD_NAMES.get(key)
        if field is None:
            raise Usage(command="edit")
        checked = check_field(ctx, field, value, contact_region(ctx, contact) if field == "phone" else None)
        if field == "company":
            changes["company_id"] = company_named(ctx, checked).id
        else:
            changes[field] = checked
            if field == "name":
                changes["name_key"] = fold(checked)
    ctx.update(contact, **changes)
    return Reply(ctx.t("contact_updated", name=contact_label(ctx, contact)), changed=True)


def log_interaction(ctx: Context, cmd: c.LogInteraction) -> Reply:
    if cmd.query == "?":  # e.g. a forwarded message whose sender is hidden
        return ask_for_text(ctx, replace(cmd, query=HOLE), "ask_which_contact")
    try:
        contact = resolve(ctx, cmd.query)
    except NotFound:
        if not cmd.text:
            raise
        reply = ask_for_text(ctx, replace(cmd, query=HOLE), "ask_which_contact")
        reply.text = explain(ctx.lang, NotFound(cmd.query)) + " " + reply.text
        return reply
    assert isinstance(contact, Contact)
    if not cmd.text:
        return ask_for_text(ctx, replace(cmd, query=f"#{contact.id}", text=HOLE), "ask_note", name=contact.name)
    if len(cmd.text) > MAX_NOTE:
        raise InvalidValue(field="note", value=cmd.text[:30] + "…", reason=f"longer than {MAX_NOTE} characters")
    ctx.add(Interaction(workspace_id=ctx.workspace_id, contact_id=contact.id, kind=cmd.kind,
                        text=cmd.text, author_id=ctx.member_id, created_at=ctx.now))
    ctx.update(contact)
    return Reply(ctx.t("interaction_logged", kind=ctx.t(f"kind_{cmd.kind}"), name=contact.name),
                 buttons=[[Button(ctx.t("button_show", name=short(contact.name, 30)), command=c.Show(f"#{contact.id}")),
                           undo_button(ctx)]], changed=True)


def ask_for_text(ctx: Context, command: c.Command, question: str, **params: object) -> Reply:
    """Wait for the member's next message to fill the hole in `command` (a field that is waiting.HOLE)."""
    queries.clear_awaited_input(session=ctx.session, workspace_id=ctx.workspace_id, member_id=ctx.member_id)
    queries.add_pending(session=ctx.session, workspace_id=ctx.workspace_id, member_id=ctx.member_id,
                        command=command.to_text())
    return Reply(ctx.t(question, **params))


CONTACTS_PAGE = 30


def list_contacts(ctx: Context, cmd: c.ListContacts) -> Reply:
    """One page of contacts, recently active first, with how many more and a next-page button."""
    skip = (cmd.page - 1) * CONTACTS_PAGE
    rows = queries.contacts(session=ctx.session, workspace_id=ctx.workspace_id, limit=CONTACTS_PAGE,
                            offset=skip)
    if not rows:
        return Reply(ctx.t("no_contacts"))
    total = queries.count_contacts(session=ctx.session, workspace_id=ctx.workspace_id)
    shown = str(len(rows)) if len(rows) == total else f"{skip + 1}-{skip + len(rows)}"
    lines = [ctx.t("contacts_header", shown=shown, total=total)]
    lines += [f"• {contact_label(ctx, contact)}" for contact in rows]
    rest = total - skip - len(rows)
    if rest <= 0:
        return Reply("\n".join(lines))
    lines.append(ctx.t("list_more", count=rest))
    return Reply("\n".join(lines), buttons=[[Button(ctx.t("button_more"), command=c.ListContacts(cmd.page + 1))]])


def delete_contact(ctx: Context, cmd: c.DeleteContact) -> Reply:
    contact = resolve(ctx, cmd.query)
    assert isinstance(contact, Contact)
    if not cmd.confirmed:
        return Reply(ctx.t("confirm_delete", name=contact_label(ctx, contact)),
                     buttons=[[Button(ctx.t("button_delete"), command=c.DeleteContact(f"#{contact.id}", confirmed=True)),
                               Button(ctx.t("button_keep"), command=c.Show(f"#{contact.id}"))]])
    ws = ctx.workspace_id
    for note in queries.interactions_of(session=ctx.session, workspace_id=ws, contact_id=id_of(contact), limit=100_000):
        ctx.delete(note)
    for task in queries.tasks_of(session=ctx.session, workspace_id=ws, contact_id=id_of(contact)):
        ctx.delete(task)
    for file in queries.attachments_of(session=ctx.session, workspace_id=ws, contact_id=id_of(contact),
                                       limit=100_000):
        ctx.delete(file)
    for deal in queries.deals_of(session=ctx.session, workspace_id=ws, contact_id=contact.id):
        ctx.update(deal, contact_id=None)
    delete_details(ctx, contact)
    name = contact.name
    ctx.delete(contact)
    return Reply(ctx.t("contact_deleted", name=name), buttons=[[undo_button(ctx)]],
                 changed=True)

