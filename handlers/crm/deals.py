"""Deals through the pipeline: create with value and stage, move, list, and the pipeline summary."""

import re
from datetime import datetime

from handlers.context import Context
from handlers.crm.cards import stage_buttons
from handlers.crm.contacts import ask_for_text
from handlers.crm.resolve import resolve, resolve_entry
from handlers.crm.undo import undo_button
from handlers.errors import Ambiguous, InvalidValue, NotFound, Usage, ValueTooLarge
from handlers.language import commands as c
from handlers.language.amounts import stage_key
from handlers.language.dates import resolve_when
from handlers.language.names import Entry, fold
from handlers.language.vocabulary.amounts import STAGE_ALIASES
from handlers.language.waiting import HOLE
from handlers.texts.catalogue import t
from handlers.texts.fmt import money
from handlers.texts.reply import Button, Reply
from storage import queries
from storage.ids import id_of
from storage.models import Company, Contact, Deal, DealStageChange, PipelineStage

MAX_VALUE_CENTS = 10**12  # 10 billion: beyond any real deal, and 90,000 of them still sum within 64 bits


def add_deal(ctx: Context, cmd: c.AddDeal) -> Reply:
    value, currency, stage_word = cmd.value_cents, cmd.currency, cmd.stage
    if not cmd.about and not value and currency is None and " " not in cmd.title and cmd.title.startswith("#"):
        return ask_for_text(ctx, c.AddDeal(HOLE, about=cmd.title), "ask_deal")  # a card's button: the deal's words next
    title_words = [word for word in (cmd.title, cmd.about) if word]
    if value > MAX_VALUE_CENTS:
        raise ValueTooLarge(limit=money(MAX_VALUE_CENTS, currency or "EUR", ctx.lang))
    found = resolve_when(cmd.close, now=ctx.now, tz=ctx.tz, **ctx.region)  # "... close 15.12." sets the close date
    title_text = re.sub(r"\s+(?:close|closing|by|bis|abschluss)$", "", found.rest, flags=re.IGNORECASE) if found \
        else " ".join(title_words)
    contact, company, title = deal_parties(ctx, title_text)
    if not title:
        raise Usage(command="deal")
    deal = open_deal(ctx, title, value, currency or "EUR", stage_word or "lead", contact_id=contact.id if contact else None,
                     company_id=company.id if company else None, close_date=found.when if found else None)
    stage = find_stage(ctx, stage_word or "lead")
    return Reply(ctx.t("deal_added", title=deal.title, value=money(deal.value_cents, deal.currency, ctx.lang),
                       stage=ctx.t(f"stage_{stage.key}"), probability=deal.probability),
                 buttons=stage_buttons(ctx, deal) + [[undo_button(ctx)]], changed=True)


def open_deal(ctx: Context, title: str, value_cents: int, currency: str, stage_word: str, *,
              contact_id: int | None = None, company_id: int | None = None, close_date: datetime | None = None) -> Deal:
    """File a deal and its first stage change: what /deal does once it has read its words (the REST API too)."""
    if value_cents > MAX_VALUE_CENTS:
        raise ValueTooLarge(limit=money(MAX_VALUE_CENTS, currency, ctx.lang))
    stage = find_stage(ctx, stage_word)
    deal = Deal(workspace_id=ctx.workspace_id, title=title, title_key=fold(title), value_cents=value_cents,
                currency=currency, stage_id=id_of(stage), probability=stage.probability,
                contact_id=contact_id, company_id=company_id, close_date=close_date, owner_id=ctx.member_id,
                created_at=ctx.now, updated_at=ctx.now)
    ctx.add(deal)
    ctx.add(DealStageChange(workspace_id=ctx.workspace_id, deal_id=id_of(deal), to_stage_id=id_of(stage),
                            member_id=ctx.member_id, changed_at=ctx.now))
    return deal


def deal_parties(ctx: Context, title: str) -> tuple[Contact | None, Company | None, str]:
    """The contact ("#12") and company a deal title names; the company is matched on the leading words."""
    contact = None
    reference = re.search(r"#\d+", title)
    if reference:
        contact = resolve(ctx, reference[0])
        assert isinstance(contact, Contact)
        title = title.replace(reference[0], "").strip() or contact.name
    company = ctx.get(Company, contact.company_id) if contact and contact.company_id else None
    words = title.split()
    for size in range(min(len(words), 4), 0, -1):
        matches = ctx.index.exact(" ".join(words[:size]), kind="company")
        if company is None and len(matches) == 1:
            company = ctx.get(Company, matches[0].id)
            break
    return contact, company, " ".join(words)


def find_stage(ctx: Context, word: str) -> PipelineStage:
    key = stage_key(word)
    for stage in queries.stages(session=ctx.session, workspace_id=ctx.workspace_id):
        if stage.key == key:
            return stage
    raise InvalidValue(field="stage", value=word, reason=", ".join(STAGE_ALIASES))


def find_deal(ctx: Context, query: str) -> Deal:
    """A deal by its title, or the one open deal of the company named."""
    try:
        deal = resolve(ctx, query, kinds=("deal",))
        assert isinstance(deal, Deal)
        return deal
    except NotFound:
        entry = resolve_entry(ctx, query, ("company",))
    deals = [d for d in queries.deals_of(session=ctx.session, workspace_id=ctx.workspace_id, company_id=entry.id)]
    if not deals:
        raise NotFound(query)
    if len(deals) > 1:
        raise Ambiguous(query, [Entry("deal", id_of(d), d.title, d.title_key) for d in deals])
    return deals[0]


def move_deal(ctx: Context, cmd: c.MoveDeal) -> Reply:
    deal = find_deal(ctx, cmd.query)
    stage = find_stage(ctx, cmd.stage)
    name = ctx.t(f"stage_{stage.key}")
    if deal.stage_id == stage.id:
        return Reply(ctx.t("deal_already_in_stage", title=deal.title, stage=name))
    ctx.add(DealStageChange(workspace_id=ctx.workspace_id, deal_id=id_of(deal), from_stage_id=deal.stage_id,
                            to_stage_id=id_of(stage), member_id=ctx.member_id, changed_at=ctx.now))
    reason = {"lost_reason": cmd.reason[:1000]} if stage.key == "lost" and cmd.reason else {}
    ctx.update(deal, stage_id=stage.id, probability=stage.probability, **reason)
    key = "deal_won" if stage.key == "won" else "deal_moved"
    buttons = [[undo_button(ctx)]]
    if stage.key == "lost" and not deal.lost_reason:  # a lost deal keeps why: ask for it
        buttons[0].insert(0, Button(ctx.t("button_lost_reason"), command=c.EditContact(f"#deal:{deal.id}", (("reason", "?"),))))
    return Reply(ctx.t(key, title=deal.title, stage=name, probability=stage.probability,
                       value=money(deal.value_cents, deal.currency, ctx.lang)), buttons=buttons, changed=True)


def pipeline_lines_of(stages: list[PipelineStage], totals: list[tuple[int, str, int, int, int]],
                      lang: str) -> list[str]:
    """The pipeline lines from the stages and their totals (`queries.pipeline_totals`)."""
    lines = []
    open_value: dict[str, list[int]] = {}
    for stage in stages:
        for stage_id, currency, count, value, weighted in totals:
            if stage_id != stage.id:
                continue
            lines.append(t(lang, "pipeline_line", stage=t(lang, f"stage_{stage.key}"), count=count,
                           value=money(value, currency, lang), weighted=money(weighted, currency, lang)))
            if not stage.is_closed:
                sums = open_value.setdefault(currency, [0, 0])
                sums[0] += value
                sums[1] += weighted
    for currency, (value, weighted) in sorted(open_value.items()):
        lines.append(t(lang, "pipeline_total", value=money(value, currency, lang),
                       weighted=money(weighted, currency, lang)))
    return lines
