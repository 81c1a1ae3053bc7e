"""/history: the audit trail of a contact, company or deal: who, when (in the member's zone), what changed.

A contact's trail includes its notes, tasks, files and deals, and the contacts merged into it.
"""

from datetime import datetime
from typing import Any

from handlers.context import Context
from handlers.crm.resolve import resolve
from handlers.language import commands as c
from handlers.texts import catalogue
from handlers.texts.fmt import money, short, when
from handlers.texts.reply import Button, Reply
from storage import bulk, trail
from storage.audit import as_dict
from storage.ids import id_of
from storage.models import AuditEntry, Company, Contact, Deal

SHOWN = 30
ICONS = {"create": "➕", "update": "✏️", "delete": "🗑", "erase": "🔒"}
HIDDEN = {"id", "workspace_id", "name_key", "title_key", "created_at", "updated_at", "reminded_at",
          "reminder_claimed_at", "reminder_claimed_by"}
TIMES = {"due_at", "done_at", "close_date", "changed_at"}
MEMBERS = {"owner_id", "author_id", "assignee_id", "created_by", "member_id"}
STAGES = {"stage_id", "from_stage_id", "to_stage_id"}
TITLES = {"contact": "name", "company": "name", "deal": "title", "task": "title", "interaction": "text",
          "attachment": "filename", "dealstagechange": "to_stage_id"}


def history(ctx: Context, cmd: c.History) -> Reply:
    record = resolve(ctx, cmd.query, kinds=("contact", "deal", "company"))
    ws, session = ctx.workspace_id, ctx.session
    if isinstance(record, Contact):
        same_person = trail.merged_into(session=session, workspace_id=ws, contact_id=id_of(record))
        entries = trail.entries_about_contacts(session=session, workspace_id=ws, contact_ids=same_person,
                                               limit=SHOWN + 1)
        name, show = record.name, c.Show(f"#{record.id}")
    elif isinstance(record, Deal):
        entries = trail.entries_about_deal(session=session, workspace_id=ws, deal_id=id_of(record), limit=SHOWN + 1)
        name, show = record.title, c.Show(f"#deal:{record.id}")
    else:
        assert isinstance(record, Company)
        entries = trail.entries_about_record(session=session, workspace_id=ws, entity="company",
                                             entity_id=id_of(record), limit=SHOWN + 1)
        name, show = record.name, c.Show(f"#company:{record.id}")
    if not entries:
        return Reply(ctx.t("history_empty", name=name))
    lines = [ctx.t("history_header", name=short(name, 60))]
    describe = Describer(ctx)
    for entry in entries[:SHOWN]:
        lines += describe(entry)
    if len(entries) > SHOWN:
        lines.append(ctx.t("history_more", count=SHOWN))
    return Reply("\n".join(lines), buttons=[[Button(ctx.t("button_show", name=short(name, 30)), command=show)]])


class Describer:
    """Turns audit entries into lines, looking up names of members, stages, companies and contacts once."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.members = bulk.member_names(session=ctx.session, workspace_id=ctx.workspace_id)
        self.stages = bulk.stage_keys(session=ctx.session, workspace_id=ctx.workspace_id)

    def __call__(self, entry: AuditEntry) -> list[str]:
        ctx = self.ctx
        who = self.members.get(entry.member_id, "?") if entry.member_id else "?"
        head = f"{when(entry.created_at, ctx.tz, ctx.lang, now=ctx.now)} · {short(who, 30)} · "
        head += f"{ICONS.get(entry.action, '•')} {ctx.t('entity_' + entry.entity)} #{entry.entity_id}"
        undone = f" {ctx.t('history_undone')}" if entry.undone and entry.action != "erase" else ""
        before, after = as_dict(entry.before), as_dict(entry.after)
        if before.get("erased") or after.get("erased"):
            return [f"{head}: {ctx.t('history_erased')}{undone}"]
        if entry.action in ("create", "delete"):
            data = after if entry.action == "create" else before
            field = TITLES.get(entry.entity, "")
            title = self.value(field, data.get(field), data) if data.get(field) else ""
            return [f"{head}{': ' + short(str(title), 60) if title else ''}{undone}"]
        changes = [f"   {self.label(field)}: {self.value(field, before.get(field), before)} → "
                   f"{self.value(field, after.get(field), after)}"
                   for field in sorted(set(before) | set(after))
                   if field not in HIDDEN and before.get(field) != after.get(field)]
        return [head + undone] + (changes or [f"   {ctx.t('history_touched')}"])

    def label(self, field: str) -> str:
        key = f"hfield_{field}"
        return self.ctx.t(key) if key in catalogue.MESSAGES["en"] else field.removesuffix("_id")

    def value(self, field: str, value: Any, data: dict[str, Any]) -> str:
        ctx = self.ctx
        if value is None or value == "":
            return "–"
        if field in TIMES:
            return when(datetime.fromisoformat(str(value)), ctx.tz, ctx.lang, now=ctx.now)
        if field in MEMBERS:
            return self.members.get(value, f"#{value}")
        if field in STAGES:
            return ctx.t(f"stage_{self.stages[value]}") if value in self.stages else f"#{value}"
        if field == "value_cents":
            return money(int(value), str(data.get("currency", "EUR")), ctx.lang)
        if field in ("company_id", "contact_id"):
            row = ctx.get(Company, value) if field == "company_id" else ctx.get(Contact, value)
            return f"{short(row.name, 40)} (#{value})" if row else f"#{value}"
        return short(str(value), 60)
