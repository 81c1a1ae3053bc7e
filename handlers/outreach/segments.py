"""Segments: saved filters (/segment add "munich vips" tag:vip last:>30d), their counts, and bulk actions on
their members (/bulk munich vips tag hot), each previewed first and undone as one."""

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from handlers.context import Context
from handlers.crm import custom_fields
from handlers.crm.members import find_member, members
from handlers.crm.tagging import tag_named
from handlers.crm.undo import undo_button
from handlers.errors import CrmError, NotFound, Usage
from handlers.exchange.exporting import contact_rows_csv
from handlers.language import commands as c
from handlers.language import segment_query as q
from handlers.language.names import fold
from handlers.language.segment_parser import unquote
from handlers.outreach import segment_places as places
from handlers.texts.fmt import short
from handlers.texts.reply import Button, Reply, ReplyFile
from storage import bulk as rows
from storage import segments as store
from storage.audit import snapshot
from storage.ids import id_of
from storage.models import CustomField, Segment, Tagging, Task
from storage.segments import Criterion

MAX_BULK = 5_000  # members a bulk action may change at once
SHOWN = 10
TASK_HOUR = 9  # follow-up tasks fall due at 9:00 local time
SELF = {"me", "ich", "mir", "mine"}
NOBODY = {"none", "nobody", "niemand", "keiner"}


class BadQuery(CrmError):
    key = "query_bad"


class FilterUnavailable(CrmError):
    key = "query_unavailable"


class BulkEmpty(CrmError):
    key = "bulk_empty"


class BulkTooLarge(CrmError):
    key = "bulk_too_large"


def criteria_of(ctx: Context, text: str) -> list[Criterion]:
    """The query read and resolved against the workspace: owners to members, ages to moments."""
    try:
        conditions = q.parse_query(custom_fields.field_query(ctx, text))
    except q.QueryError as error:
        raise BadQuery(part=short(error.part, 60), why=ctx.t(error.reason, example=error.suggestion),
                       hint=ctx.t("query_did_you_mean", field=error.suggestion) if error.suggestion and
                       error.reason in ("query_unknown_field", "query_no_field") else "") from None
    return [criterion(ctx, condition) for condition in conditions]


def criterion(ctx: Context, cond: q.Condition) -> Criterion:
    if cond.field not in store.AVAILABLE:
        raise FilterUnavailable(field=cond.field, part=short(cond.text, 60))
    value, op = cond.value, cond.op
    if cond.field == "custom":
        found = custom_fields.field_named(ctx, "contact", cond.key)  # a field the team has, or a friendly no
        value = compared_value(ctx, found, cond)
    if cond.field == "owner":
        value = tuple(owner_id(ctx, name, cond.text) for name in cond.value)
    elif cond.field == "last" and op != "never":
        value = ctx.now - timedelta(days=cond.value)
    elif cond.field in places.FIELDS:
        value = places.resolved(cond.field, cond.value)
    elif cond.field == "created":
        if op.startswith("age"):  # "<30d": since 30 days ago; ">30d": before that
            op, value = (">" if op == "age<" else "<"), ctx.now - timedelta(days=cond.value)
        else:
            value = datetime.combine(cond.value, time(), ZoneInfo(ctx.tz))
    return Criterion(cond.field, op, value, cond.negated, fold(cond.key))


def compared_value(ctx: Context, found: CustomField, cond: q.Condition) -> Any:
    """A custom condition's value for storage: texts as read, numbers as numbers, dates as ISO days; comparing
    a field of another kind is a friendly no."""
    if cond.op == "=":
        return cond.value
    values = cond.value if cond.op == ".." else (cond.value,)
    kind = "date" if isinstance(values[0], date) else "number"
    if found.kind != kind:
        raise BadQuery(part=short(cond.text, 60), why=ctx.t("query_not_comparable", field=found.name,
                                                             kind=ctx.t(f"field_kind_{found.kind}")), hint="")
    typed = tuple(v.isoformat() if isinstance(v, date) else v for v in values)
    return typed if cond.op == ".." else typed[0]


def owner_id(ctx: Context, name: str, part: str) -> int | None:
    if fold(name) in SELF:
        return ctx.member.id
    if fold(name) in NOBODY:
        return None
    try:
        return find_member(ctx, name).id
    except NotFound:
        names = ", ".join(m.name or m.external_id for m in members(ctx))
        raise BadQuery(part=part, why=ctx.t("query_bad_owner", names=names), hint="") from None


def selection(ctx: Context, text: str) -> tuple[str, str, list[Criterion]]:
    """(label, query, criteria) of a saved segment's name, or of a query typed out."""
    saved = store.segment_by_key(session=ctx.session, workspace_id=ctx.workspace_id, name_key=fold(unquote(text)))
    if saved is not None:
        return saved.name, saved.query, criteria_of(ctx, saved.query)
    return text, text, criteria_of(ctx, text)


def count(ctx: Context, criteria: list[Criterion]) -> int:
    return store.count(session=ctx.session, workspace_id=ctx.workspace_id, criteria=criteria)


def segment(ctx: Context, cmd: c.SegmentCommand) -> Reply:
    ws = ctx.workspace_id
    if cmd.action == "list":
        saved = store.segments(session=ctx.session, workspace_id=ws)
        if not saved:
            return Reply(ctx.t("segments_none"))
        lines = [ctx.t("segments_header")]
        numbers = store.counts(session=ctx.session, workspace_id=ws,
                               selections=[criteria_of(ctx, row.query) for row in saved])
        for row, number in zip(saved, numbers, strict=True):
            lines.append(ctx.t("segment_line", name=row.name, count=number, query=row.query))
        return Reply("\n".join(lines))
    if cmd.action == "add":
        return add_segment(ctx, cmd.name, cmd.query)
    if cmd.action == "delete":
        gone = store.segment_by_key(session=ctx.session, workspace_id=ws, name_key=fold(cmd.name))
        if gone is None:
            raise NotFound(cmd.name)
        ctx.delete(gone)
        return Reply(ctx.t("segment_deleted", name=gone.name), buttons=[[undo_button(ctx)]], changed=True)
    label, query, criteria = selection(ctx, cmd.query)
    return show_segment(ctx, label, criteria)


def add_segment(ctx: Context, name: str, query: str) -> Reply:
    criteria = criteria_of(ctx, query)  # a query that can't be read is not saved
    if len(name) > 100:
        raise Usage(command="segment")
    existing = store.segment_by_key(session=ctx.session, workspace_id=ctx.workspace_id, name_key=fold(name))
    if existing is not None:
        ctx.update(existing, query=query)
    else:
        ctx.add(Segment(workspace_id=ctx.workspace_id, name=name, name_key=fold(name), query=query,
                        created_by=ctx.member_id, created_at=ctx.now))
    return Reply(ctx.t("segment_saved", name=name, count=count(ctx, criteria)),
                 buttons=[[Button(ctx.t("button_show_segment"), command=c.SegmentCommand("show", query=name)), undo_button(ctx)]],
                 changed=True)


def show_segment(ctx: Context, label: str, criteria: list[Criterion]) -> Reply:
    total, found = store.first_page(session=ctx.session, workspace_id=ctx.workspace_id, criteria=criteria,
                                    limit=SHOWN)
    lines = [ctx.t("segment_header", name=label, count=total)]
    lines += [f"👤 {contact.name} · {contact.score}" for contact in found]
    if total > len(found):
        lines.append(ctx.t("list_more", count=total - len(found)))
    buttons = [[Button(ctx.t("button_export"), command=c.Bulk(label, "export"))]] if total else []
    return Reply("\n".join(lines), buttons=buttons)


# --- bulk actions -------------------------------------------------------------------------------


def bulk(ctx: Context, cmd: c.Bulk) -> Reply:
    """Preview a bulk action over a segment's members, or (confirmed) do it in one undoable batch."""
    label, _, criteria = selection(ctx, cmd.segment)
    ids = store.member_ids(session=ctx.session, workspace_id=ctx.workspace_id, criteria=criteria,
                           limit=MAX_BULK + 1)
    if not ids:
        raise BulkEmpty(name=label)
    if len(ids) > MAX_BULK:
        raise BulkTooLarge(name=label, limit=MAX_BULK)
    if cmd.action == "export":
        return export(ctx, label, ids)
    what = describe(ctx, cmd)
    if not cmd.confirmed:
        sample = rows.contacts_by_ids(session=ctx.session, workspace_id=ctx.workspace_id, ids=ids[:5])
        names = ", ".join(sample[i].name for i in ids[:5]) + (" …" if len(ids) > 5 else "")
        return Reply(ctx.t("bulk_preview", what=what, count=len(ids), name=label, names=names),
                     buttons=[[Button(ctx.t("button_confirm"), command=replace(cmd, confirmed=True))]])
    changed = ACTIONS[cmd.action](ctx, cmd, ids)
    return Reply(ctx.t("bulk_done", what=what, count=changed, name=label), buttons=[[undo_button(ctx)]],
                 changed=bool(changed))


def describe(ctx: Context, cmd: c.Bulk) -> str:
    """The action in words, checking its argument (an unknown member or status is refused here)."""
    if cmd.action in ("tag", "untag"):
        tag_named(ctx, cmd.argument, create=False)  # checks the name
        return ctx.t(f"bulk_{cmd.action}", tag=cmd.argument.lstrip("#"))
    if cmd.action == "owner":
        member = find_member(ctx, cmd.argument.lstrip("@"))
        return ctx.t("bulk_owner", name=member.name or member.external_id)
    if cmd.action == "status":
        status = q.LEAD_STATUSES.get(fold(cmd.argument))
        if status is None:
            raise Usage(command="bulk")
        return ctx.t("bulk_status", status=ctx.t(f"lead_{status}"))
    return ctx.t("bulk_task", title=short(cmd.argument, 60), days=cmd.days)


def _update_contacts(ctx: Context, ids: list[int], **values: object) -> int:
    """Set fields on the contacts that differ, audited as one batch; returns how many changed."""
    contacts = rows.contacts_by_ids(session=ctx.session, workspace_id=ctx.workspace_id, ids=ids)
    changes = []
    for contact in contacts.values():
        if all(getattr(contact, name) == value for name, value in values.items()):
            continue
        changes.append((contact, snapshot(contact)))
        for name, value in values.items():
            setattr(contact, name, value)
        contact.updated_at = ctx.now
        ctx.session.add(contact)
        ctx.touch(contact)
    ctx.session.flush()
    rows.audit_many(session=ctx.session, workspace_id=ctx.workspace_id, member_id=ctx.member_id,
                    batch=ctx.batch, action="update", changes=changes)
    return len(changes)


def _tag(ctx: Context, cmd: c.Bulk, ids: list[int]) -> int:
    return tag_contacts(ctx, cmd.argument, ids)


def tag_contacts(ctx: Context, name: str, ids: list[int]) -> int:
    """Tag many contacts in one batch; returns how many did not carry the tag yet."""
    tag = tag_named(ctx, name)
    assert tag is not None
    have = {t.entity_id for t in store.taggings_for(session=ctx.session, workspace_id=ctx.workspace_id,
                                                    tag_id=id_of(tag), contact_ids=ids)}
    new = [{"workspace_id": ctx.workspace_id, "tag_id": tag.id, "entity": "contact", "entity_id": contact_id,
            "created_at": ctx.now} for contact_id in ids if contact_id not in have]
    rows.insert_audited(session=ctx.session, model=Tagging, rows=new, workspace_id=ctx.workspace_id,
                        member_id=ctx.member_id, batch=ctx.batch)
    ctx.touch_ids(ids)
    return len(new)


def _untag(ctx: Context, cmd: c.Bulk, ids: list[int]) -> int:
    tag = tag_named(ctx, cmd.argument, create=False)
    if tag is None:
        return 0
    links = store.taggings_for(session=ctx.session, workspace_id=ctx.workspace_id, tag_id=id_of(tag), contact_ids=ids)
    changes = [(link, snapshot(link)) for link in links]
    store.delete_rows(session=ctx.session, model=Tagging, workspace_id=ctx.workspace_id,
                      ids=[id_of(link) for link in links])
    rows.audit_many(session=ctx.session, workspace_id=ctx.workspace_id, member_id=ctx.member_id,
                    batch=ctx.batch, action="delete", changes=changes)
    ctx.touch_ids(ids)
    return len(links)


def _owner(ctx: Context, cmd: c.Bulk, ids: list[int]) -> int:
    return _update_contacts(ctx, ids, owner_id=find_member(ctx, cmd.argument.lstrip("@")).id)


def _status(ctx: Context, cmd: c.Bulk, ids: list[int]) -> int:
    return _update_contacts(ctx, ids, lead_status=q.LEAD_STATUSES[fold(cmd.argument)])


def _task(ctx: Context, cmd: c.Bulk, ids: list[int]) -> int:
    """A follow-up task per member, due 9:00 on the next working days, spread evenly over `days` of them."""
    contacts = rows.contacts_by_ids(session=ctx.session, workspace_id=ctx.workspace_id, ids=ids)
    days = working_days(ctx.now, ctx.tz, cmd.days)
    per_day = -(-len(ids) // len(days))
    new = [{"workspace_id": ctx.workspace_id, "title": cmd.argument[:500], "due_at": days[i // per_day],
            "contact_id": contact_id, "deal_id": None, "assignee_id": contacts[contact_id].owner_id or ctx.member.id,
            "created_by": ctx.member.id, "done_at": None, "reminded_at": None, "reminder_claimed_at": None,
            "reminder_claimed_by": None, "created_at": ctx.now} for i, contact_id in enumerate(ids)]
    rows.insert_audited(session=ctx.session, model=Task, rows=new, workspace_id=ctx.workspace_id,
                        member_id=ctx.member_id, batch=ctx.batch)
    ctx.touch_ids(ids)  # their open tasks and scores are counted anew
    return len(new)


def working_days(now: datetime, tz: str, count: int) -> list[datetime]:
    """9:00 local on the next `count` weekdays after today, in UTC."""
    zone = ZoneInfo(tz)
    day = now.astimezone(zone).date()
    found: list[datetime] = []
    while len(found) < count:
        day += timedelta(days=1)
        if day.weekday() < 5:
            found.append(datetime.combine(day, time(TASK_HOUR), zone).astimezone(ZoneInfo("UTC")))
    return found


def export(ctx: Context, label: str, ids: list[int]) -> Reply:
    contacts = rows.contacts_by_ids(session=ctx.session, workspace_id=ctx.workspace_id, ids=ids)
    content = contact_rows_csv(ctx.session, ctx.workspace_id, [contacts[i] for i in ids])
    filename = f"segment-{fold(label).replace(' ', '-')[:40] or 'export'}-{ctx.now:%Y-%m-%d}.csv"
    return Reply(ctx.t("exported", count=len(ids), what=ctx.t("export_contacts"), filename=filename),
                 file=ReplyFile(filename, content, "text/csv"))


ACTIONS = {"tag": _tag, "untag": _untag, "owner": _owner, "status": _status, "task": _task}
