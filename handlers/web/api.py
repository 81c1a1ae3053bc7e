"""The REST API's use cases: listing rows of a workspace, and changes made through the chat commands' handlers."""

from datetime import timezone
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

from handlers.context import Context
from handlers.crm import contacts, deal_views, deals, scoring, tasks
from handlers.crm.contact_details import labels
from handlers.errors import CrmError, RecordGone
from handlers.language import commands as c
from handlers.language.fields import check_name
from handlers.language.names import fold
from storage import web as store
from storage.models import Company, Contact, Deal, Interaction, Task

Model = type[Contact] | type[Company] | type[Deal] | type[Task] | type[Interaction]
MODELS: dict[str, Model] = {"contacts": Contact, "companies": Company, "deals": Deal, "tasks": Task,
                            "notes": Interaction}
ENTITY = {"contacts": "contact", "companies": "company", "deals": "deal", "tasks": "task", "notes": "interaction"}
INDEXED_SEARCH = 500  # a name search held by more candidates than this scans the table, which stops at a page
HIDDEN = {"workspace_id", "name_key", "title_key", "reminder_claimed_at", "reminder_claimed_by"}


class InUse(CrmError):
    """A row others still point at (a company with contacts) can't be deleted."""

    key = "api_in_use"


def public(row: SQLModel) -> dict[str, Any]:
    """A row as the API shows it."""
    return {k: v for k, v in row.model_dump(mode="json").items() if k not in HIDDEN}


def listing(ctx: Context, kind: str, filters: dict[str, Any], offset: int, limit: int, q: str | None = None,
            after: int | None = None, count: bool = False) -> tuple[list[dict[str, Any]], int | None, int | None]:
    """One page of a kind's rows, the next page's cursor and the total when asked; `q` matches the folded name or title.

    A name held by few records is looked up in the name index first, so the database reads only those rows.
    """
    model = MODELS[kind]
    search, among = None, None
    if q and model in (Contact, Company, Deal):
        search = ("title_key" if model is Deal else "name_key", fold(q))
        among = ctx.index.containing(fold(q), kind=ENTITY[kind], most=INDEXED_SEARCH) if fold(q) else None
    elif q:
        search = ("title" if model is Task else "text", q)
    rows, following, total = store.page(session=ctx.session, model=model, workspace_id=ctx.workspace_id,
                                        filters=filters, offset=offset, limit=limit, search=search, after=after,
                                        count=count, among=among)
    return [public(row) for row in rows], following, total


def one(ctx: Context, kind: str, row_id: int) -> dict[str, Any]:
    """A row as stored now: after a change, the touched contacts' scores are brought up to date first (as the
    engine would before commit; then it has nothing left to do), so the answer shows the score kept."""
    scoring.refresh(ctx)
    row = ctx.get(MODELS[kind], row_id)
    if row is None:
        raise RecordGone()
    return public(row)


def created(ctx: Context, kind: str) -> dict[str, Any]:
    """The row of that kind the command just created."""
    row_id = ctx.created.get(ENTITY[kind]) or store.created_in(session=ctx.session, workspace_id=ctx.workspace_id,
                                                                batch=ctx.batch, entity=ENTITY[kind])
    if row_id is None:
        raise RecordGone()
    return one(ctx, kind, row_id)


def create_contact(ctx: Context, fields: dict[str, Any]) -> dict[str, Any]:
    """A contact, as /add files it; a bad e-mail or phone is refused here rather than kept as a warning."""
    details = []
    for name in ("email", "phone"):
        if fields.get(name):
            details.append(contacts.check_field(ctx, name, fields[name]))
    if fields.get("company"):
        details.append(check_name(fields["company"]))
    contacts.add_contact(ctx, c.AddContact(check_name(fields["name"]), tuple(details), force=True))
    return created(ctx, "contacts")


def update_contact(ctx: Context, row_id: int, fields: dict[str, Any]) -> dict[str, Any]:
    one(ctx, "contacts", row_id)
    changes = tuple((k, str(v)) for k, v in fields.items() if v is not None)
    if changes:
        contacts.edit_contact(ctx, c.EditContact(f"#{row_id}", changes))
    return one(ctx, "contacts", row_id)


def create_company(ctx: Context, fields: dict[str, Any]) -> dict[str, Any]:
    name = check_name(fields["name"])
    contacts.add_company(ctx, c.AddCompany(name))
    existing = store.company_named(session=ctx.session, workspace_id=ctx.workspace_id, name_key=fold(name))
    assert existing is not None  # add_company has just filed it, or found it
    return public(existing)


def update_company(ctx: Context, row_id: int, fields: dict[str, Any]) -> dict[str, Any]:
    company = ctx.get(Company, row_id)
    if company is None:
        raise RecordGone()
    if fields.get("name"):
        name = check_name(fields["name"])
        ctx.update(company, name=name, name_key=fold(name))
    return public(company)


def create_deal(ctx: Context, fields: dict[str, Any]) -> dict[str, Any]:
    """A deal as /deal files it (deals.open_deal), then its close date through the /edit rules."""
    for model, key in ((Contact, "contact_id"), (Company, "company_id")):
        if fields.get(key) is not None and ctx.get(model, fields[key]) is None:
            raise RecordGone()
    deal = deals.open_deal(ctx, check_name(fields["title"]), fields["value_cents"], fields["currency"], fields["stage"],
                           contact_id=fields.get("contact_id"), company_id=fields.get("company_id"))
    if fields.get("close_date"):
        deal_views.edit(ctx, c.EditContact(f"#deal:{deal.id}", (("close", fields["close_date"]),)))
    return public(deal)


DEAL_EDITS = {"title": "title", "stage": "stage", "close_date": "close", "probability": "probability",
              "lost_reason": "reason", "value": "value"}


def update_deal(ctx: Context, row_id: int, fields: dict[str, Any]) -> dict[str, Any]:
    """A stage is the /stage command; other fields go through /edit's checks."""
    one(ctx, "deals", row_id)
    if fields.get("stage"):
        deals.move_deal(ctx, c.MoveDeal(f"#{row_id}", fields.pop("stage"), fields.get("lost_reason") or ""))
    changes = tuple((DEAL_EDITS[k], str(v)) for k, v in fields.items() if v is not None and k in DEAL_EDITS)
    if changes:
        deal_views.edit(ctx, c.EditContact(f"#deal:{row_id}", changes))
    return one(ctx, "deals", row_id)


def create_task(ctx: Context, fields: dict[str, Any]) -> dict[str, Any]:
    """A task as /task files it (tasks.file_task), on a contact or deal of the workspace."""
    contact = ctx.get(Contact, fields["contact_id"]) if fields.get("contact_id") is not None else None
    if fields.get("contact_id") is not None and contact is None:
        raise RecordGone()
    if fields.get("deal_id") is not None and ctx.get(Deal, fields["deal_id"]) is None:
        raise RecordGone()
    due = fields["due_at"].astimezone(timezone.utc) if fields.get("due_at") else None
    task = tasks.file_task(ctx, fields["title"], due, contact_id=fields.get("contact_id"), deal_id=fields.get("deal_id"))
    return public(task)


def update_task(ctx: Context, row_id: int, fields: dict[str, Any]) -> dict[str, Any]:
    """done=true is /done; a new title or due time is written as /due writes it."""
    task = ctx.get(Task, row_id)
    if task is None:
        raise RecordGone()
    if fields.get("done") and task.done_at is None:
        tasks.complete_task(ctx, c.CompleteTask(row_id))
    changes = {k: fields[k] for k in ("title", "due_at") if fields.get(k) is not None}
    if "due_at" in changes:
        changes["due_at"] = changes["due_at"].astimezone(timezone.utc)
    if changes:
        ctx.update(task, **changes, reminded_at=None)
    return public(task)


def create_note(ctx: Context, fields: dict[str, Any]) -> dict[str, Any]:
    if ctx.get(Contact, fields["contact_id"]) is None:
        raise RecordGone()
    contacts.log_interaction(ctx, c.LogInteraction(fields["kind"], f"#{fields['contact_id']}", fields["text"]))
    return created(ctx, "notes")


def update_note(ctx: Context, row_id: int, fields: dict[str, Any]) -> dict[str, Any]:
    note = ctx.get(Interaction, row_id)
    if note is None:
        raise RecordGone()
    if fields.get("text"):
        ctx.update(note, text=fields["text"])
    return public(note)


def delete(ctx: Context, kind: str, row_id: int) -> None:
    """A contact goes as /delete takes it (with its notes and tasks); other rows only when nothing points at them."""
    row = ctx.get(MODELS[kind], row_id)
    if row is None:
        raise RecordGone()
    if isinstance(row, Contact):
        contacts.delete_contact(ctx, c.DeleteContact(f"#{row_id}", confirmed=True))
        return
    if isinstance(row, Deal):
        for change in store.stage_changes(session=ctx.session, workspace_id=ctx.workspace_id, deal_id=row_id):
            ctx.delete(change)
    try:
        with ctx.session.begin_nested():
            if isinstance(row, Company | Deal):  # its tags and custom values go with it, as a contact's do
                for label in labels(ctx, ENTITY[kind], row_id):
                    ctx.delete(label)
            ctx.delete(row)
    except IntegrityError:
        raise InUse() from None
