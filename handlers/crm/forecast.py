"""/forecast: open deals by expected close, per month or quarter (and per rep): weighted, commit
(negotiation and later) and best case, beside what is already won; deals without a close date are listed."""

from typing import Any

from handlers.context import Context
from handlers.crm import charts
from handlers.crm.currency import amounts, load_rates, with_total
from handlers.language import commands as c
from handlers.language.periods import Period, PeriodSpec, months_of, resolve
from handlers.texts.fmt import money, period_label, short
from handlers.texts.reply import Button, Reply
from storage import analytics, queries
from storage.ids import id_of

COMMIT_FROM = "negotiation"
UNDATED_LIMIT = 5


def half_up(weighted: int) -> int:
    """Cents × percent to cents, rounded half up, once."""
    return (weighted + 50) // 100


def forecast(ctx: Context, cmd: c.Forecast) -> Reply:
    ws = ctx.workspace_id
    assert ws is not None
    spec = cmd.period or PeriodSpec(cmd.unit, 0)
    whole = resolve(spec, ctx.now, ctx.tz, prefer_future=True)
    if cmd.period is None:  # this month and the next two, or this quarter and the next
        last = resolve(PeriodSpec(cmd.unit, 2 if cmd.unit == "month" else 1), ctx.now, ctx.tz)
        whole = Period(whole.start, last.end, whole.first, last.last)
    unit = cmd.unit if cmd.period is None else "quarter" if spec.unit == "year" else "month"
    buckets = months_of(whole, ctx.tz, unit)
    stages = queries.stages(session=ctx.session, workspace_id=ws)
    open_ids = [id_of(s) for s in stages if not s.is_closed]
    commit_at = next((s.position for s in stages if s.key == COMMIT_FROM), 10**6)
    commit_ids = [id_of(s) for s in stages if not s.is_closed and s.position >= commit_at]
    won_ids = [id_of(s) for s in stages if s.key == "won"]
    rates = load_rates(ctx.session, ws)
    # looked up by group key: an owner's id, or "" when not by owner
    names: dict[Any, str] = analytics.member_names(session=ctx.session, workspace_id=ws) if cmd.by_rep else {}
    lines = [ctx.t("forecast_header", period=period_label(whole.first, whole.last, ctx.lang))]
    chart: dict[str, dict[str, list[int]]] = {}
    bounds = [bucket.start for bucket in buckets] + [buckets[-1].end]  # back to back: each ends where the next starts
    open_rows: list[list[tuple[Any, str, int, int, int, int]]] = [[] for _ in buckets]
    for row in analytics.forecast_sums_by(session=ctx.session, workspace_id=ws, open_ids=open_ids,
                                          commit_ids=commit_ids, bounds=bounds, by_owner=cmd.by_rep):
        open_rows[row[0]].append(row[1:])
    won_by: list[dict[object, dict[str, int]]] = [{} for _ in buckets]
    for stage_id in won_ids:
        for index, owner, currency, _n, cents in analytics.closed_sums_by(
                session=ctx.session, workspace_id=ws, stage_id=stage_id, bounds=bounds,
                by="owner" if cmd.by_rep else ""):
            sums = won_by[index].setdefault(owner, {})
            sums[currency] = sums.get(currency, 0) + cents
    for i, bucket in enumerate(buckets):
        rows, won = open_rows[i], won_by[i]
        lines.append(ctx.t("forecast_bucket", period=period_label(bucket.first, bucket.last, ctx.lang)))
        groups: dict[object, dict[str, dict[str, int]]] = {}
        for owner, currency, count, best, commit, weighted in rows:
            figures = groups.setdefault(owner, {"weighted": {}, "commit": {}, "best": {}, "count": {}})
            figures["weighted"][currency] = half_up(weighted)
            figures["commit"][currency] = commit
            figures["best"][currency] = best
            figures["count"][currency] = count
            for key, value in (("weighted", half_up(weighted)), ("commit", commit), ("best", best)):
                chart.setdefault(currency, _empty(len(buckets)))[key][i] += value
        for owner, sums in won.items():
            groups.setdefault(owner, {"weighted": {}, "commit": {}, "best": {}, "count": {}})
            for currency, cents in sums.items():
                chart.setdefault(currency, _empty(len(buckets)))["won"][i] += cents
        if not groups:
            lines.append("  " + ctx.t("forecast_nothing"))
        for owner in sorted(groups, key=lambda key: names.get(key, "~") if key else "~"):
            figures = groups[owner]
            who = (names.get(owner, "–") if owner else "–") + ": " if cmd.by_rep else ""
            lines.append("  " + who + ctx.t(
                "forecast_line", count=sum(figures["count"].values()),
                weighted=with_total(figures["weighted"], rates, ctx.lang),
                commit=amounts(figures["commit"], ctx.lang), best=amounts(figures["best"], ctx.lang),
                won=amounts(won.get(owner, {}), ctx.lang)))
    undated, total = analytics.deal_page(session=ctx.session, workspace_id=ws, stage_ids=open_ids,
                                         undated=True, limit=UNDATED_LIMIT)
    buttons = []
    if total:
        lines.append(ctx.t("forecast_undated", count=total))
        for deal in undated:
            lines.append(f"  #{deal.id} {short(deal.title, 40)} · {money(deal.value_cents, deal.currency, ctx.lang)}")
            buttons.append([Button(ctx.t("button_close_date", title=short(deal.title, 24)),
                                   command=c.EditContact(f"#deal:{deal.id}", (("close", "?"),)))])
        if total > UNDATED_LIMIT:
            lines.append(ctx.t("list_more", count=total - UNDATED_LIMIT))
            buttons.append([Button(ctx.t("button_more"), command=c.ListDeals("undated", page=2))])
    lines.append(ctx.t("forecast_legend"))
    return Reply("\n".join(lines), buttons=buttons,
                 file=charts.forecast(ctx.lang, [period_label(b.first, b.last, ctx.lang) for b in buckets], chart, rates))


def _empty(size: int) -> dict[str, list[int]]:
    return {key: [0] * size for key in ("won", "commit", "weighted", "best")}

