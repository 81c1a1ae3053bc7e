"""Cards: a contact, company or deal with its whole history in time order."""

from datetime import datetime

from handlers.context import Context
from handlers.crm.card_details import company_detail_lines, contact_detail_lines
from handlers.crm.contacts import contact_buttons
from handlers.crm.custom_fields import field_buttons
from handlers.crm.resolve import contact_label, resolve
from handlers.crm.scoring import explain, reason_lines
from handlers.language import commands as c
from handlers.texts.fmt import day, money, short, when
from handlers.texts.reply import Button, Reply
from storage import queries
from storage.ids import id_of
from storage.models import Company, Contact, Deal, PipelineStage
from storage.segments import tags_of

HISTORY_LINES = 25
KIND_ICONS = {"note": "📝", "call": "📞", "meeting": "🤝", "email": "✉️", "visit": "🚗"}


def show(ctx: Context, cmd: c.Show) -> Reply:
    record = resolve(ctx, cmd.query, kinds=("contact", "company", "deal"))
    if isinstance(record, Contact):
        return contact_card(ctx, record)
    if isinstance(record, Company):
        return company_card(ctx, record)
    assert isinstance(record, Deal)
    return deal_card(ctx, record)


def contact_card(ctx: Context, contact: Contact) -> Reply:
    ws = ctx.workspace_id
    lines = [f"👤 {contact_label(ctx, contact)}"]
    lines += contact_detail_lines(ctx, contact)
    if contact.source != "manual":
        lines.append(ctx.t("card_source", source=source_label(ctx, contact.source),
                           date=day(contact.created_at, ctx.tz, ctx.lang)))
    lines += lead_lines(ctx, contact)
    events: list[tuple[datetime, str]] = []
    for note in queries.interactions_of(session=ctx.session, workspace_id=ws, contact_id=id_of(contact)):
        events.append((note.created_at, f"{KIND_ICONS.get(note.kind, '📝')} {short(note.text, 120)}"))
    for task in queries.tasks_of(session=ctx.session, workspace_id=ws, contact_id=id_of(contact)):
        mark = "✅" if task.done_at else "⏰"
        events.append((task.created_at, f"{mark} #{task.id} {short(task.title, 60)} · "
                                        f"{when(task.due_at, ctx.tz, ctx.lang, now=ctx.now)}"))
    deals = queries.deals_of(session=ctx.session, workspace_id=ws, contact_id=contact.id)
    events += deal_events(ctx, deals)
    for file in queries.attachments_of(session=ctx.session, workspace_id=ws, contact_id=id_of(contact)):
        events.append((file.created_at, f"📎 {short(file.filename or file.kind, 40)}"
                                        + (f" · {short(file.caption, 60)}" if file.caption else "")))
    lines.append(ctx.t("history") if events else ctx.t("no_history"))
    events.sort(key=lambda event: event[0])
    for moment, line in events[-HISTORY_LINES:]:
        lines.append(f"{when(moment, ctx.tz, ctx.lang, now=ctx.now)}  {line}")
    return Reply("\n".join(lines), buttons=contact_buttons(ctx, contact) + field_buttons(ctx, "contact", id_of(contact)))


def lead_lines(ctx: Context, contact: Contact) -> list[str]:
    """The lead status with the score and its reasons, and the tags."""
    total, reasons = explain(ctx, contact)
    lines = [ctx.t("card_lead", status=ctx.t(f"lead_{contact.lead_status}"), score=total,
                   reasons=reason_lines(ctx, reasons))]
    tags = tags_of(session=ctx.session, workspace_id=ctx.workspace_id, entity="contact", entity_id=id_of(contact))
    if tags:
        lines.append(ctx.t("card_tags", tags=" ".join(f"#{tag.name}" for tag in tags)))
    return lines


def source_label(ctx: Context, source: str) -> str:
    """"import:contacts.csv" reads "import of contacts.csv"; "chat" reads "chat message"."""
    kind, _, detail = source.partition(":")
    if kind == "import":
        return ctx.t("source_import", filename=detail)
    return ctx.t("source_chat") if source == "chat" else source


def deal_events(ctx: Context, deals: list[Deal]) -> list[tuple[datetime, str]]:
    stage_names = {s.id: ctx.t(f"stage_{s.key}") for s in queries.stages(session=ctx.session,
                                                                        workspace_id=ctx.workspace_id)}
    events = [(deal.created_at, f"💼 {short(deal.title, 50)} · {money(deal.value_cents, deal.currency, ctx.lang)}")
              for deal in deals]
    titles = {id_of(deal): deal.title for deal in deals}
    for change in queries.stage_changes_of(session=ctx.session, workspace_id=ctx.workspace_id,
                                           deal_ids=list(titles)):
        events.append((change.changed_at, f"➡️ {short(titles[change.deal_id], 40)}: "
                                          f"{stage_names.get(change.to_stage_id, '?')}"))
    return events


def company_card(ctx: Context, company: Company) -> Reply:
    ws = ctx.workspace_id
    people = queries.contacts_of_company(session=ctx.session, workspace_id=ws, company_id=id_of(company))
    deals = queries.deals_of(session=ctx.session, workspace_id=ws, company_id=company.id)
    lines = [f"🏢 {company.name}", *company_detail_lines(ctx, company), ctx.t("company_people", count=len(people))]
    lines += [f"• {person.name}" for person in people[:20]]
    lines += [f"💼 {short(deal.title, 50)} · {money(deal.value_cents, deal.currency, ctx.lang)}" for deal in deals]
    buttons = [[Button(short(person.name, 30), command=c.Show(f"#{person.id}"))] for person in people[:5]]
    return Reply("\n".join(lines), buttons=buttons + field_buttons(ctx, "company", id_of(company)))


def deal_card(ctx: Context, deal: Deal) -> Reply:
    stage = ctx.get(PipelineStage, deal.stage_id)
    lines = [f"💼 {deal.title}",
             f"{money(deal.value_cents, deal.currency, ctx.lang)} · "
             f"{ctx.t(f'stage_{stage.key}') if stage else '?'} · {deal.probability}%"]
    if deal.contact_id and (contact := ctx.get(Contact, deal.contact_id)):
        lines.append(f"👤 {contact_label(ctx, contact)}")
    elif deal.company_id and (company := ctx.get(Company, deal.company_id)):
        lines.append(f"🏢 {company.name}")
    if deal.close_date:
        lines.append(ctx.t("close_date", date=when(deal.close_date, ctx.tz, ctx.lang, now=ctx.now)))
    for moment, line in sorted(deal_events(ctx, [deal]), key=lambda event: event[0]):
        lines.append(f"{when(moment, ctx.tz, ctx.lang, now=ctx.now)}  {line}")
    return Reply("\n".join(lines), buttons=stage_buttons(ctx, deal))


def stage_buttons(ctx: Context, deal: Deal) -> list[list[Button]]:
    """One button per stage the deal could move to."""
    others = [s for s in queries.stages(session=ctx.session, workspace_id=ctx.workspace_id)
              if s.id != deal.stage_id]
    buttons = [Button(ctx.t(f"stage_{s.key}"), command=c.MoveDeal(f"#{deal.id}", s.key)) for s in others]
    return [buttons[i:i + 3] for i in range(0, len(buttons), 3)]
