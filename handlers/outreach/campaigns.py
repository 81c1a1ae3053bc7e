"""Campaigns: members from a segment or an import (tagged with the campaign), touches and responses per member,
and a report: response rate, deals won by members within the campaign's period, value won, cost per lead."""

from collections import defaultdict

from handlers.context import Context
from handlers.crm.resolve import resolve
from handlers.crm.tagging import MAX_TAG, tag_named
from handlers.crm.undo import undo_button
from handlers.errors import CrmError, InvalidValue, NotFound
from handlers.language import commands as c
from handlers.language.amounts import parse_amount
from handlers.language.names import fold
from handlers.outreach.segments import MAX_BULK, BulkEmpty, BulkTooLarge, selection, tag_contacts
from handlers.texts.fmt import day, money
from handlers.texts.reply import Button, Reply
from storage import bulk
from storage import leads as store
from storage import segments as seg_store
from storage.ids import id_of
from storage.models import Campaign, CampaignMember, Contact, Interaction, Tag

MAX_COST_CENTS = 10**12
RESPONSES = ("interested", "not_interested", "no_answer")


class CampaignAmbiguous(CrmError):
    key = "campaign_ambiguous"


def campaign(ctx: Context, cmd: c.CampaignCommand) -> Reply:
    if cmd.action == "list":
        return list_campaigns(ctx)
    if cmd.action == "new":
        return new_campaign(ctx, cmd.name, cmd.argument)
    found = find_campaign(ctx, cmd.name)
    if cmd.action == "add":
        return add_members(ctx, found, cmd.argument)
    if cmd.action == "touch":
        return touch(ctx, found, cmd.argument, cmd.kind)
    if cmd.action == "response":
        return respond(ctx, found, cmd.argument, cmd.kind)
    if cmd.action == "cost":
        amount = parse_amount(cmd.argument.replace(" ", ""))
        if amount is None or amount[0] > MAX_COST_CENTS:
            raise InvalidValue(field="value", value=cmd.argument[:30], reason="12000, 5k, 1.500,50€")
        ctx.update(found, cost_cents=amount[0], currency=amount[1] or found.currency)
        return Reply(ctx.t("campaign_cost_set", name=found.name, cost=money(amount[0], found.currency, ctx.lang)),
                     buttons=[[undo_button(ctx)]], changed=True)
    if cmd.action == "end":
        ctx.update(found, ends_at=ctx.now)
        return Reply(ctx.t("campaign_ended", name=found.name), buttons=[[undo_button(ctx)]], changed=True)
    return report(ctx, found)


def find_campaign(ctx: Context, name: str) -> Campaign:
    """A campaign by its name, or by the start of it when only one starts so."""
    key = fold(name)
    every = store.campaigns(session=ctx.session, workspace_id=ctx.workspace_id)
    exact = [row for row in every if row.name_key == key]
    close = exact or [row for row in every if key and row.name_key.startswith(key)]
    if len(close) == 1:
        return close[0]
    if not close:
        raise NotFound(name)
    raise CampaignAmbiguous(query=name[:60], names=", ".join(row.name for row in close[:8]))


def list_campaigns(ctx: Context) -> Reply:
    every = store.campaigns(session=ctx.session, workspace_id=ctx.workspace_id)
    if not every:
        return Reply(ctx.t("campaigns_none"))
    lines = [ctx.t("campaigns_header")]
    for row in every:
        size = len(store.campaign_member_ids(session=ctx.session, workspace_id=ctx.workspace_id, campaign_id=id_of(row)))
        lines.append(ctx.t("campaign_line", name=row.name, count=size, since=day(row.starts_at, ctx.tz, ctx.lang)))
    return Reply("\n".join(lines))


def new_campaign(ctx: Context, name: str, segment: str) -> Reply:
    if store_has(ctx, name):
        return Reply(ctx.t("campaign_exists", name=name))
    if len(name) > 200:
        raise InvalidValue(field="name", value=name[:30] + "…", reason="longer than 200 characters")
    tag = tag_named(ctx, name[:MAX_TAG])
    row = Campaign(workspace_id=ctx.workspace_id, name=name, name_key=fold(name), tag_id=tag.id if tag else None,
                   starts_at=ctx.now, created_by=ctx.member_id, created_at=ctx.now)
    ctx.add(row)
    lines = [ctx.t("campaign_created", name=name, tag=tag.name if tag else "")]
    if segment:
        lines.append(_add(ctx, row, segment))
    return Reply("\n".join(lines), buttons=[[Button(ctx.t("button_report"), command=c.CampaignCommand("report", name)),
                                             undo_button(ctx)]], changed=True)


def store_has(ctx: Context, name: str) -> bool:
    return any(row.name_key == fold(name) for row in store.campaigns(session=ctx.session, workspace_id=ctx.workspace_id))


def add_members(ctx: Context, found: Campaign, source: str) -> Reply:
    return Reply(_add(ctx, found, source), buttons=[[undo_button(ctx)]], changed=True)


def _add(ctx: Context, found: Campaign, source: str) -> str:
    """Add a segment's members (or those of the member's newest import) and tag them with the campaign."""
    ws = ctx.workspace_id
    if fold(source) in ("import", "imports", "last import", "letzter import"):
        label, ids = ctx.t("campaign_import"), store.newest_import_contacts(session=ctx.session, workspace_id=ws,
                                                                           member_id=ctx.member_id)
    else:
        label, _, criteria = selection(ctx, source)
        ids = seg_store.member_ids(session=ctx.session, workspace_id=ws, criteria=criteria, limit=MAX_BULK + 1)
    if not ids:
        raise BulkEmpty(name=label)
    if len(ids) > MAX_BULK:
        raise BulkTooLarge(name=label, limit=MAX_BULK)
    have = store.campaign_member_ids(session=ctx.session, workspace_id=ws, campaign_id=id_of(found))
    new = [{"workspace_id": ws, "campaign_id": found.id, "contact_id": i, "response": None, "responded_at": None,
            "created_at": ctx.now} for i in ids if i not in have]
    bulk.insert_audited(session=ctx.session, model=CampaignMember, rows=new, workspace_id=ws,
                        member_id=ctx.member_id, batch=ctx.batch)
    if found.tag_id:
        tag = ctx.get(Tag, found.tag_id)
        if tag is not None:
            tag_contacts(ctx, tag.name, ids)
    return ctx.t("campaign_members_added", count=len(new), name=found.name, source=label)


def _membership(ctx: Context, found: Campaign, query: str) -> tuple[Contact, CampaignMember]:
    """The contact and its membership; a contact touched who was not a member yet becomes one."""
    contact = resolve(ctx, query)
    assert isinstance(contact, Contact)
    member = store.campaign_member(session=ctx.session, workspace_id=ctx.workspace_id, campaign_id=id_of(found),
                                   contact_id=id_of(contact))
    if member is None:
        member = CampaignMember(workspace_id=ctx.workspace_id, campaign_id=id_of(found), contact_id=id_of(contact),
                                created_at=ctx.now)
        ctx.add(member)
    return contact, member


def touch(ctx: Context, found: Campaign, query: str, kind: str) -> Reply:
    contact, _ = _membership(ctx, found, query)
    ctx.add(Interaction(workspace_id=ctx.workspace_id, contact_id=contact.id, kind=kind,
                        text=ctx.t("campaign_touch_text", name=found.name, kind=ctx.t(f"touch_{kind}")),
                        author_id=ctx.member_id, campaign_id=found.id, created_at=ctx.now))
    buttons = [[Button(ctx.t(f"response_{r}"), command=c.CampaignCommand("response", found.name, f"#{contact.id}", r))
                for r in RESPONSES],
               [undo_button(ctx)]]
    return Reply(ctx.t("campaign_touched", name=contact.name, kind=ctx.t(f"touch_{kind}"), campaign=found.name),
                 buttons=buttons, changed=True)


def respond(ctx: Context, found: Campaign, query: str, response: str) -> Reply:
    contact, member = _membership(ctx, found, query)
    ctx.update(member, response=response, responded_at=ctx.now)
    return Reply(ctx.t("campaign_responded", name=contact.name, response=ctx.t(f"response_{response}"),
                       campaign=found.name), buttons=[[undo_button(ctx)]], changed=True)


def report(ctx: Context, found: Campaign) -> Reply:
    ws = ctx.workspace_id
    members = len(store.campaign_member_ids(session=ctx.session, workspace_id=ws, campaign_id=id_of(found)))
    answers = store.responses(session=ctx.session, workspace_id=ws, campaign_id=id_of(found))
    kinds, touched = store.touches(session=ctx.session, workspace_id=ws, campaign_id=id_of(found))
    until = found.ends_at or ctx.now
    won = store.won_deals(session=ctx.session, workspace_id=ws, campaign_id=id_of(found), since=found.starts_at,
                          until=until)
    interested, answered = answers.get("interested", 0), answers.get("interested", 0) + answers.get("not_interested", 0)
    rate = round(100 * answered / members) if members else 0
    lines = [ctx.t("campaign_report_header", name=found.name, since=day(found.starts_at, ctx.tz, ctx.lang),
                   until=day(until, ctx.tz, ctx.lang)),
             ctx.t("campaign_report_members", count=members, touched=touched,
                   touches=sum(kinds.values()), calls=kinds.get("call", 0), emails=kinds.get("email", 0),
                   visits=kinds.get("visit", 0)),
             ctx.t("campaign_report_responses", interested=interested, not_interested=answers.get("not_interested", 0),
                   no_answer=answers.get("no_answer", 0), rate=rate, answered=answered, count=members)]
    values: dict[str, int] = defaultdict(int)
    for deal in won:
        values[deal.currency] += deal.value_cents
    value = " + ".join(money(cents, cur, ctx.lang) for cur, cents in sorted(values.items())) or money(0, found.currency, ctx.lang)
    lines.append(ctx.t("campaign_report_won", count=len(won), value=value))
    if found.cost_cents is not None:
        per_lead = money(found.cost_cents // interested, found.currency, ctx.lang) if interested else "–"
        lines.append(ctx.t("campaign_report_cost", cost=money(found.cost_cents, found.currency, ctx.lang),
                           per_lead=per_lead, leads=interested))
    return Reply("\n".join(lines))
