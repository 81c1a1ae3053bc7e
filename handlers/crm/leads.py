"""Leads: a status per contact, /leads best score first, one-step conversion to a deal, and the rules that give
new leads (from imports and captured sentences) to a rep: by tag, else round robin."""

from dataclasses import replace

from handlers.context import Context
from handlers.crm import deals
from handlers.crm.members import find_member
from handlers.crm.resolve import resolve
from handlers.crm.rule_permissions import LeadRulesNotAllowed, require_manager
from handlers.crm.undo import undo_button
from handlers.errors import NotFound
from handlers.language import commands as c
from handlers.language.names import fold
from handlers.texts.reply import Button, Reply
from storage import bulk
from storage import leads as store
from storage.ids import id_of
from storage.models import AssignmentRule, Company, Contact, Member

PAGE = 15


def list_leads(ctx: Context, cmd: c.Leads) -> Reply:
    statuses = (cmd.status,) if cmd.status else store.OPEN_LEADS
    found, total = store.leads(session=ctx.session, workspace_id=ctx.workspace_id, statuses=statuses,
                               offset=(cmd.page - 1) * PAGE, limit=PAGE)
    if not found:
        return Reply(ctx.t("leads_none"))
    owners = bulk.member_names(session=ctx.session, workspace_id=ctx.workspace_id)
    lines = [ctx.t("leads_header", count=total)]
    buttons: list[list[Button]] = []
    for contact in found:
        lines.append(ctx.t("lead_line", name=contact.name, score=contact.score,
                           status=ctx.t(f"lead_{contact.lead_status}"), owner=owners.get(contact.owner_id, "–")
                           if contact.owner_id else "–"))
        if contact.lead_status == "qualified" and len(buttons) < 5:
            buttons.append([Button(ctx.t("button_convert", name=contact.name[:30]), command=c.Convert(f"#{contact.id}"))])
    if total > cmd.page * PAGE:
        lines.append(ctx.t("list_more", count=total - cmd.page * PAGE))
    return Reply("\n".join(lines), buttons=buttons)


def set_status(ctx: Context, cmd: c.SetLeadStatus) -> Reply:
    contact = resolve(ctx, cmd.query)
    assert isinstance(contact, Contact)
    ctx.update(contact, lead_status=cmd.status)
    buttons = [[undo_button(ctx)]]
    if cmd.status == "qualified":
        buttons[0].insert(0, Button(ctx.t("button_convert", name=contact.name[:30]), command=c.Convert(f"#{contact.id}")))
    return Reply(ctx.t("lead_status_set", name=contact.name, status=ctx.t(f"lead_{cmd.status}")), buttons=buttons,
                 changed=True)


def convert(ctx: Context, cmd: c.Convert) -> Reply:
    """A qualified lead becomes a deal (stage qualified) and the contact's status "converted"."""
    contact = resolve(ctx, cmd.query)
    assert isinstance(contact, Contact)
    if contact.lead_status != "qualified":
        return Reply(ctx.t("convert_not_qualified", name=contact.name, status=ctx.t(f"lead_{contact.lead_status}")),
                     buttons=[[Button(ctx.t("button_qualify"), command=c.SetLeadStatus(f"#{contact.id}", "qualified"))]])
    company = ctx.get(Company, contact.company_id) if contact.company_id else None
    deal = cmd.deal or c.AddDeal(company.name if company else contact.name)
    reply = deals.add_deal(ctx, replace(deal, title=f"{deal.title} #{contact.id}".strip(), stage=deal.stage or "qualified"))
    ctx.update(contact, lead_status="converted")
    reply.text = ctx.t("lead_converted_msg", name=contact.name) + "\n" + reply.text
    return reply


# --- assignment rules ---------------------------------------------------------------------------


def rules(ctx: Context, cmd: c.LeadRules) -> Reply:
    ws = ctx.workspace_id
    existing = store.assignment_rules(session=ctx.session, workspace_id=ws)
    if cmd.action == "show":
        if not existing:
            return Reply(ctx.t("rules_none"))
        lines = [ctx.t("rules_header")]
        circle = [r for r in existing if r.kind == "round_robin"]
        if circle:
            lines.append(ctx.t("rules_round_robin", names=", ".join(_name(ctx, r.member_id) for r in circle)))
        lines += [ctx.t("rules_tag", tag=r.value, name=_name(ctx, r.member_id)) for r in existing if r.kind == "tag"]
        return Reply("\n".join(lines))
    require_manager(ctx, LeadRulesNotAllowed)
    if cmd.action == "region":
        return Reply(ctx.t("rules_region_unavailable"))
    replaced = [r for r in existing if cmd.action == "off" or r.kind == cmd.action
                and (cmd.action == "round_robin" or r.value == fold(cmd.value))]
    for rule in replaced:
        ctx.delete(rule)
    for name in cmd.members:
        member = find_member(ctx, name)
        ctx.add(AssignmentRule(workspace_id=ws, kind=cmd.action, value=fold(cmd.value), member_id=id_of(member),
                               created_at=ctx.now))
    key = {"off": "rules_off", "tag": "rules_tag_set", "round_robin": "rules_round_robin_set"}[cmd.action]
    return Reply(ctx.t(key, tag=cmd.value, names=", ".join(cmd.members)), buttons=[[undo_button(ctx)]], changed=True)


def _name(ctx: Context, member_id: int) -> str:
    member = ctx.get(Member, member_id)
    if member is None:
        raise NotFound(str(member_id))
    return member.name or member.external_id
