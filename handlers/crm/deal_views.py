"""Deal lists with filters and pages, the pipeline with its top deals, and changing a deal by command.

    /deals [won|lost|stale|mine|<stage>|closing month|undated|@owner] [page 2]
    /edit #deal:3 close=15.12., value=50k USD, stage=negotiation, owner=ben, probability=60, title=…,
          contact=anna, company=acme, reason=too expensive
"""

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TypedDict

from handlers.context import Context
from handlers.crm import charts, contacts, record_edit
from handlers.crm.currency import load_rates
from handlers.crm.deals import MAX_VALUE_CENTS, find_deal, find_stage, pipeline_lines_of
from handlers.crm.members import find_member
from handlers.crm.resolve import resolve
from handlers.errors import InvalidValue, UnparsableDate, Usage
from handlers.language import commands as c
from handlers.language.amounts import parse_amount
from handlers.language.dates import parse_when
from handlers.language.names import fold
from handlers.language.periods import bounds
from handlers.language.vocabulary.amounts import CURRENCIES
from handlers.language.waiting import HOLE
from handlers.texts.fmt import day, money, short
from handlers.texts.reply import Button, Reply
from storage import analytics, queries
from storage.ids import id_of
from storage.models import Company, Contact, Deal, DealStageChange, Member
from storage.pipeline_sums import pipeline_totals

PAGE = 10
TOP_PER_STAGE = 3
DEAL_FIELDS = {"value": "value", "wert": "value", "betrag": "value", "amount": "value", "currency": "currency",
               "währung": "currency", "waehrung": "currency", "stage": "stage", "phase": "stage",
               "close": "close", "closing": "close", "close_date": "close", "abschluss": "close",
               "owner": "owner", "zuständig": "owner", "zustaendig": "owner", "besitzer": "owner",
               "probability": "probability", "prob": "probability", "wahrscheinlichkeit": "probability",
               "title": "title", "titel": "title", "contact": "contact", "kontakt": "contact",
               "company": "company", "firma": "company", "reason": "reason", "grund": "reason",
               "lost_reason": "reason", "verlustgrund": "reason"}
ONLY_DEAL = {"value", "currency", "stage", "close", "owner", "probability", "title", "contact", "reason"}
CLEAR = {"-", "none", "keins", "keine", "kein", "nichts"}


class DealFilters(TypedDict, total=False):
    """What analytics.deal_page narrows a page by, besides the workspace."""

    stage_ids: list[int]
    owner_id: int | None
    close_start: datetime
    close_end: datetime
    by_close: bool
    undated: bool
    idle_since: datetime


def list_deals(ctx: Context, cmd: c.ListDeals) -> Reply:
    ws = ctx.workspace_id
    assert ws is not None
    stages = queries.stages(session=ctx.session, workspace_id=ws)
    names = {s.id: ctx.t(f"stage_{s.key}") for s in stages}
    open_ids = [id_of(s) for s in stages if not s.is_closed]
    filters: DealFilters = {"stage_ids": open_ids}
    if cmd.status in ("won", "lost") or cmd.status in {s.key for s in stages}:
        filters["stage_ids"] = [id_of(s) for s in stages if s.key == cmd.status]
    elif cmd.status == "stale":
        filters["idle_since"] = ctx.now - timedelta(days=ctx.workspace.stale_days)
    elif cmd.status == "closing":
        edges = bounds(ctx.now, ctx.tz)
        filters.update({"close_start": edges["month_start"], "close_end": edges["month_end"], "by_close": True})
    elif cmd.status == "undated":
        filters["undated"] = True
    owner = ctx.member if cmd.mine else member_named(ctx, cmd.owner) if cmd.owner else None
    if owner is not None:
        filters["owner_id"] = owner.id
    deals, total = analytics.deal_page(session=ctx.session, workspace_id=ws, limit=PAGE,
                                       offset=(cmd.page - 1) * PAGE, **filters)
    if not deals:
        return Reply(ctx.t("deals_none" if total == 0 else "deals_page_empty"))
    header = ctx.t(f"deals_header_{cmd.status}" if cmd.status in ("open", "won", "lost", "stale", "closing", "undated")
                   else "deals_header_stage", stage=names.get(filters["stage_ids"][0], "") if cmd.status not in
                   ("open", "stale", "closing", "undated") else "", count=total)
    if owner is not None:
        header += " · " + (owner.name or owner.external_id)
    lines = [header] + [deal_line(ctx, deal, names) for deal in deals]
    buttons = [[Button(short(d.title, 30), command=c.Show(f"#deal:{d.id}"))] for d in deals[:5]]
    rest = total - cmd.page * PAGE
    if rest > 0:
        lines.append(ctx.t("list_more", count=rest))
        buttons.append([Button(ctx.t("button_more"), command=replace(cmd, page=cmd.page + 1))])
    return Reply("\n".join(lines), buttons=buttons)


def deal_line(ctx: Context, deal: Deal, names: dict[int | None, str]) -> str:
    close = f" · 📅 {day(deal.close_date, ctx.tz, ctx.lang)}" if deal.close_date else ""
    reason = f" · {short(deal.lost_reason, 40)}" if deal.lost_reason else ""
    return (f"#{deal.id} {short(deal.title, 40)} · {money(deal.value_cents, deal.currency, ctx.lang)} · "
            f"{names.get(deal.stage_id, '?')}{close}{reason}")


def member_named(ctx: Context, name: str) -> Member:
    """A team member by name or chat id (as /assign finds them)."""
    return find_member(ctx, name)


def show_pipeline(ctx: Context, _cmd: c.ShowPipeline) -> Reply:
    """Sums per stage, each with its largest deals named, then the open totals and the chart."""
    ws = ctx.workspace_id
    assert ws is not None
    stages = queries.stages(session=ctx.session, workspace_id=ws)
    totals = pipeline_totals(session=ctx.session, workspace_id=ws)
    lines = pipeline_lines_of(stages, totals, ctx.lang)
    if not lines:
        return Reply(ctx.t("no_deals"))
    names = {s.id: ctx.t(f"stage_{s.key}") for s in stages}
    top: dict[int, list[Deal]] = {}
    for deal in analytics.top_deals_per_stage(session=ctx.session, workspace_id=ws, stage_ids=[id_of(s) for s in stages],
                                              per_stage=TOP_PER_STAGE):
        top.setdefault(deal.stage_id, []).append(deal)
    out = [ctx.t("pipeline_header")]
    for line in lines:
        out.append(line)
        stage = next((s for s in stages if line.startswith(names[s.id] + ":")), None)
        if stage is not None and stage.id in top:  # under the stage's first line (one per currency)
            out += [f"  #{d.id} {short(d.title, 36)} · {money(d.value_cents, d.currency, ctx.lang)}"
                    for d in top.pop(stage.id)]
    chart = charts.pipeline_from(ctx.lang, stages, totals, load_rates(ctx.session, ws))
    return Reply("\n".join(out), file=charts.render(chart) if chart else None)


def edit(ctx: Context, cmd: c.EditContact) -> Reply:
    """/edit changes a deal when it names one (#deal:3) or a deal field, else a contact."""
    fields = {DEAL_FIELDS.get(key) for key, _ in cmd.changes}
    if not cmd.query.startswith("#deal:") and not fields & (ONLY_DEAL - {"title"}):
        reply = record_edit.edit_contact_or_company(ctx, cmd)  # every field of contacts and companies
        if reply is not None:
            return reply
    deal = find_deal(ctx, cmd.query)
    changes: dict[str, object] = {}
    stage = None
    for key, value in sorted(cmd.changes, key=lambda change: DEAL_FIELDS.get(change[0]) != "stage"):
        name = DEAL_FIELDS.get(key)
        if name is None:
            raise Usage(command="edit")
        if value == "?":
            return contacts.ask_for_text(ctx, c.EditContact(f"#deal:{deal.id}", ((key, HOLE),)), f"ask_deal_{name}",
                                         title=short(deal.title, 60))
        if name == "stage":
            stage = find_stage(ctx, value)
            changes.update(stage_id=stage.id, probability=stage.probability)
        else:
            changes.update(deal_change(ctx, name, value))
    if stage is not None and stage.id != deal.stage_id:
        ctx.add(DealStageChange(workspace_id=ctx.workspace_id, deal_id=id_of(deal), from_stage_id=deal.stage_id,
                                to_stage_id=id_of(stage), member_id=ctx.member_id, changed_at=ctx.now))
    ctx.update(deal, **changes)
    return Reply(ctx.t("deal_updated", title=deal.title, summary=summary(ctx, deal)),
                 buttons=[[Button(ctx.t("button_show", name=short(deal.title, 30)), command=c.Show(f"#deal:{deal.id}")),
                           Button(ctx.t("button_undo"), command=c.Undo())]], changed=True)


def deal_change(ctx: Context, name: str, value: str) -> dict[str, object]:
    """One field's new value(s), checked; bad values raise a friendly error and change nothing."""
    if name in CLEARABLE and value.casefold() in CLEAR:
        return {CLEARABLE[name]: None}
    return CHANGE_OF.get(name, _lost_reason)(ctx, value)


def _value(ctx: Context, value: str) -> dict[str, object]:
    words = value.split()
    amount = parse_amount(words[0]) if words else None
    currency = CURRENCIES.get(words[1].casefold()) if len(words) == 2 else None
    if amount is None or amount[0] > MAX_VALUE_CENTS or (len(words) == 2 and currency is None) or len(words) > 2:
        raise InvalidValue(field="value", value=short(value, 30), reason="e.g. 12k, 1.500,50 EUR, $2.5k")
    return {"value_cents": amount[0], **({"currency": amount[1] or currency} if amount[1] or currency else {})}


def _currency(ctx: Context, value: str) -> dict[str, object]:
    if value.casefold() not in CURRENCIES and not (len(value) == 3 and value.isalpha()):
        raise InvalidValue(field="currency", value=short(value, 30), reason="EUR, USD, GBP, CHF")
    return {"currency": CURRENCIES.get(value.casefold(), value.upper())}


def _close(ctx: Context, value: str) -> dict[str, object]:
    when = parse_when(value, now=ctx.now, tz=ctx.tz, **ctx.region)
    if when is None:
        raise UnparsableDate(text=short(value, 60))
    return {"close_date": when}


def _owner(ctx: Context, value: str) -> dict[str, object]:
    return {"owner_id": member_named(ctx, value.lstrip("@")).id}


def _probability(ctx: Context, value: str) -> dict[str, object]:
    number = value.strip().rstrip("%").strip()
    if not (number.isascii() and number.isdigit()) or not 0 <= int(number) <= 100:
        raise InvalidValue(field="probability", value=short(value, 30), reason="0-100")
    return {"probability": int(number)}


def _title(ctx: Context, value: str) -> dict[str, object]:
    title = " ".join(value.split())
    if not title or len(title) > 300:
        raise InvalidValue(field="title", value=short(value, 30), reason="1-300 characters")
    return {"title": title, "title_key": fold(title)}


def _contact(ctx: Context, value: str) -> dict[str, object]:
    contact = resolve(ctx, value)
    assert isinstance(contact, Contact)
    return {"contact_id": contact.id}


def _company(ctx: Context, value: str) -> dict[str, object]:
    company = resolve(ctx, value, kinds=("company",))
    assert isinstance(company, Company)
    return {"company_id": company.id}


def _lost_reason(ctx: Context, value: str) -> dict[str, object]:
    return {"lost_reason": short(value, 1000)}


CLEARABLE = {"close": "close_date", "contact": "contact_id", "company": "company_id", "reason": "lost_reason"}
CHANGE_OF: dict[str, Callable[[Context, str], dict[str, object]]] = {  # field name -> its checked new values
    "value": _value, "currency": _currency, "close": _close, "owner": _owner, "probability": _probability,
    "title": _title, "contact": _contact, "company": _company,
}


def summary(ctx: Context, deal: Deal) -> str:
    stage = next((s for s in queries.stages(session=ctx.session, workspace_id=ctx.workspace_id)
                  if s.id == deal.stage_id), None)
    parts = [money(deal.value_cents, deal.currency, ctx.lang),
             ctx.t(f"stage_{stage.key}") if stage else "?", f"{deal.probability}%"]
    if deal.close_date:
        parts.append(f"📅 {day(deal.close_date, ctx.tz, ctx.lang)}")
    owner = ctx.session.get(Member, deal.owner_id) if deal.owner_id else None
    if owner is not None:
        parts.append(f"👤 {owner.name or owner.external_id}")
    if deal.lost_reason:
        parts.append(short(deal.lost_reason, 60))
    return " · ".join(parts)
