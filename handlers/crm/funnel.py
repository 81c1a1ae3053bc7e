"""/funnel: how many deals reach each stage, conversion to the next, average days spent in each;
/stuck: open deals with no activity for N days, or longer in their stage than the team usually takes."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from handlers.context import Context
from handlers.language import commands as c
from handlers.language.periods import resolve
from handlers.texts.fmt import money, short
from handlers.texts.reply import Button, Reply
from storage import analytics, queries
from storage.ids import id_of
from storage.models import Deal, PipelineStage

MIN_STAYS = 3  # a stage's usual time needs at least this many finished stays
PAGE = 10


@dataclass
class StageFlow:
    reached: set[int]
    stays: list[float]  # finished stays, in seconds


def days(seconds: float, lang: str) -> str:
    """Days with one decimal, rounded half up."""
    tenths = int((20 * seconds + 86_400) // (2 * 86_400))
    text = f"{tenths // 10}.{tenths % 10}"
    return text.replace(".", ",") if lang == "de" else text


def flows(ctx: Context, stages: list[PipelineStage], since: datetime | None = None,
          until: datetime | None = None) -> tuple[dict[int, StageFlow], dict[int, datetime]]:
    """Per stage: the deals that reached it (or a later open-path stage) and the finished stays; and when
    each deal entered its current stage."""
    position = {s.id: s.position for s in stages}
    lost = {s.id for s in stages if s.key == "lost"}
    path = [s for s in stages if s.id not in lost]
    result = {id_of(s): StageFlow(set(), []) for s in stages}
    entered: dict[int, datetime] = {}
    history = analytics.stage_history(session=ctx.session, workspace_id=ctx.workspace_id)
    created = {} if since is None else {d: True for d in _created_in(ctx, since, until)}
    previous: tuple[int, int, datetime] | None = None
    for deal_id, stage_id, at in history:
        if since is not None and deal_id not in created:
            continue
        if previous is not None and previous[0] == deal_id:
            result[previous[1]].stays.append((at - previous[2]).total_seconds())
        entered[deal_id] = at
        if stage_id not in lost:
            for stage in path:
                if stage.position <= position[stage_id]:
                    result[id_of(stage)].reached.add(deal_id)
        else:
            result[stage_id].reached.add(deal_id)
        previous = (deal_id, stage_id, at)
    return result, entered


def _created_in(ctx: Context, since: datetime, until: datetime | None) -> list[int]:
    deals, _ = analytics.deal_page(session=ctx.session, workspace_id=ctx.workspace_id,
                                   stage_ids=[id_of(s) for s in queries.stages(session=ctx.session,
                                                                           workspace_id=ctx.workspace_id)],
                                   limit=1_000_000)
    return [id_of(d) for d in deals if d.created_at >= since and (until is None or d.created_at < until)]


def funnel(ctx: Context, cmd: c.Funnel) -> Reply:
    stages = queries.stages(session=ctx.session, workspace_id=ctx.workspace_id)
    period = resolve(cmd.period, ctx.now, ctx.tz) if cmd.period else None
    found, _ = flows(ctx, stages, period.start if period else None, period.end if period else None)
    path = [s for s in stages if s.key != "lost"]
    lines = [ctx.t("funnel_header")]
    if not any(found[id_of(s)].reached for s in stages):
        return Reply(ctx.t("no_deals"))
    for i, stage in enumerate(path):
        flow = found[id_of(stage)]
        parts = [ctx.t("funnel_reached", stage=ctx.t(f"stage_{stage.key}"), count=len(flow.reached))]
        if i + 1 < len(path) and flow.reached:
            onward = len(found[id_of(path[i + 1])].reached & flow.reached)
            parts.append(ctx.t("funnel_onward", rate=(200 * onward + len(flow.reached)) // (2 * len(flow.reached))))
        if flow.stays:
            parts.append(ctx.t("funnel_time", days=days(sum(flow.stays) / len(flow.stays), ctx.lang),
                               count=len(flow.stays)))
        lines.append(" · ".join(parts))
    lost = [s for s in stages if s.key == "lost"]
    for stage in lost:
        lines.append(ctx.t("funnel_lost", count=len(found[id_of(stage)].reached)))
    return Reply("\n".join(lines))


def stuck(ctx: Context, cmd: c.Stuck) -> Reply:
    """Deals idle for N days, and deals longer in their stage than the team's average there."""
    ws = ctx.workspace_id
    assert ws is not None
    limit_days = cmd.days or ctx.workspace.stale_days
    stages = queries.stages(session=ctx.session, workspace_id=ws)
    open_ids = [id_of(s) for s in stages if not s.is_closed]
    idle, _ = analytics.deal_page(session=ctx.session, workspace_id=ws, stage_ids=open_ids,
                                  idle_since=ctx.now - timedelta(days=limit_days), limit=1_000_000)
    found, entered = flows(ctx, stages)
    usual = {sid: sum(f.stays) / len(f.stays) for sid, f in found.items() if len(f.stays) >= MIN_STAYS}
    deals = analytics.open_deals_by_id(session=ctx.session, workspace_id=ws, open_ids=open_ids)
    names = {s.id: ctx.t(f"stage_{s.key}") for s in stages}
    reasons: dict[int, str] = {id_of(deal): ctx.t("stuck_idle", days=limit_days) for deal in idle}
    for deal_id, deal in deals.items():
        since = entered.get(deal_id)
        average = usual.get(deal.stage_id)
        if since is not None and average is not None and (ctx.now - since).total_seconds() > average:
            text = ctx.t("stuck_slow", stage=names[deal.stage_id], days=days((ctx.now - since).total_seconds(), ctx.lang),
                         usual=days(average, ctx.lang))
            reasons[deal_id] = f"{reasons[deal_id]}; {text}" if deal_id in reasons else text
    if not reasons:
        return Reply(ctx.t("stuck_none", days=limit_days))
    ordered = sorted(reasons, key=lambda d: (-deals[d].value_cents, d))
    shown = ordered[(cmd.page - 1) * PAGE:cmd.page * PAGE]
    lines = [ctx.t("stuck_header", count=len(ordered))]
    buttons: list[list[Button]] = []
    for deal_id in shown:
        deal = deals[deal_id]
        lines.append(f"#{deal.id} {short(deal.title, 40)} · {money(deal.value_cents, deal.currency, ctx.lang)} · "
                     f"{names[deal.stage_id]} · {reasons[deal_id]}")
        buttons.append(deal_actions(ctx, deal))
    rest = len(ordered) - cmd.page * PAGE
    if rest > 0:
        lines.append(ctx.t("list_more", count=rest))
        buttons.append([Button(ctx.t("button_more"), command=c.Stuck(cmd.days or None, cmd.page + 1))])
    return Reply("\n".join(lines), buttons=buttons)


def deal_actions(ctx: Context, deal: Deal) -> list[Button]:
    """Task, note and stage for one deal: on its contact when it has one, else its card's stage buttons."""
    row = []
    if deal.contact_id:
        row += [Button(ctx.t("button_task_on", id=deal.id), command=c.AddTask("", about=f"#{deal.contact_id}")),
                Button(ctx.t("button_note_on", id=deal.id), command=c.LogInteraction("note", f"#{deal.contact_id}", ""))]
    row.append(Button(ctx.t("button_stage_on", id=deal.id), command=c.Show(f"#deal:{deal.id}")))
    return row
