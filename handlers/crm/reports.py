"""/report: won and lost, win rate, average deal, sales cycle and new deals for a period; by rep, by
source, activity per rep, and contact statistics (Kundenstatistik)."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from handlers.context import Context
from handlers.crm import charts
from handlers.crm.cards import source_label
from handlers.crm.currency import Rates, add, amounts, load_rates, rates_note, with_total
from handlers.language import commands as c
from handlers.language.periods import Period, resolve
from handlers.texts.fmt import day, money, period_label, short
from handlers.texts.reply import Button, Reply, ReplyFile
from storage import analytics
from storage.models import Deal

LIST_LIMIT = 10
ACTIVITY_KINDS = ("call", "meeting", "note", "email")


@dataclass
class Tally:
    """Counts and sums per currency of one group (a rep, a source, the team)."""

    won: dict[str, list[int]] = field(default_factory=dict)
    lost: dict[str, list[int]] = field(default_factory=dict)
    new: dict[str, list[int]] = field(default_factory=dict)

    @staticmethod
    def count(sums: dict[str, list[int]]) -> int:
        return sum(entry[0] for entry in sums.values())

    @staticmethod
    def cents(sums: dict[str, list[int]]) -> dict[str, int]:
        return {currency: entry[1] for currency, entry in sums.items()}


def percent(part: int, whole: int) -> int:
    """Whole percent, rounded half up."""
    return (200 * part + whole) // (2 * whole) if whole else 0


def tallies(ctx: Context, period: Period, by: str, new: bool = True,
            keys: tuple[str, ...] = ("won", "lost")) -> dict[object, Tally]:
    """Won, lost and (unless `new` is false) new deals of the period, per group (owner, source, or one group for all)."""
    ws = ctx.workspace_id
    assert ws is not None
    found: dict[object, Tally] = {}
    for key, attr in ((key, key) for key in keys):
        for stage_id in analytics.stage_ids(session=ctx.session, workspace_id=ws, keys=(key,)):
            for group, currency, count, cents in analytics.closed_sums(
                    session=ctx.session, workspace_id=ws, stage_id=stage_id, start=period.start, end=period.end, by=by):
                add(getattr(found.setdefault(group, Tally()), attr), currency, count, cents)
    if not new:
        return found
    for group, currency, count, cents in analytics.created_sums(session=ctx.session, workspace_id=ws,
                                                                 start=period.start, end=period.end, by=by):
        add(found.setdefault(group, Tally()).new, currency, count, cents)
    return found


def report(ctx: Context, cmd: c.Report) -> Reply:
    period = resolve(cmd.period, ctx.now, ctx.tz)
    title = ctx.t(f"report_{cmd.topic}_header", period=period_label(period.first, period.last, ctx.lang))
    rates = load_rates(ctx.session, ctx.workspace_id)
    body = TOPICS[cmd.topic](ctx, period, rates)
    reply = Reply("\n".join([title] + body.lines), buttons=body.buttons, file=body.file)
    return reply


@dataclass
class Body:
    lines: list[str]
    buttons: list[list[Button]] = field(default_factory=list)
    file: ReplyFile | None = None


def summary(ctx: Context, period: Period, rates: Rates) -> Body:
    team = tallies(ctx, period, "", keys=("lost",)).get(analytics.NO_GROUP, Tally())
    count = seconds = 0  # the won deals' sums and their sales cycle come from one statement
    for stage_id in analytics.stage_ids(session=ctx.session, workspace_id=ctx.workspace_id, keys=("won",)):
        for currency, n, cents, total in analytics.closed_summary(
                session=ctx.session, workspace_id=ctx.workspace_id, stage_id=stage_id, start=period.start, end=period.end):
            add(team.won, currency, n, cents)
            count, seconds = count + n, seconds + total
    lines = summary_lines(ctx, team, rates)
    lines += cycle_lines(ctx, count, seconds)
    note = rates_note(rates, set(team.won) | set(team.lost) | set(team.new), ctx.lang)
    lines += [note] if note else []
    lines.append(ctx.t("report_more"))
    return Body(lines)


def summary_lines(ctx: Context, tally: Tally, rates: Rates) -> list[str]:
    won, lost = Tally.count(tally.won), Tally.count(tally.lost)
    lines = [ctx.t("report_won", count=won, value=with_total(Tally.cents(tally.won), rates, ctx.lang)),
             ctx.t("report_lost", count=lost, value=with_total(Tally.cents(tally.lost), rates, ctx.lang))]
    if won + lost:
        lines.append(ctx.t("report_win_rate", rate=percent(won, won + lost), won=won, closed=won + lost))
    if won:
        averages = {cur: (2 * cents + n) // (2 * n) for cur, (n, cents) in tally.won.items() if n}
        lines.append(ctx.t("report_average", value=amounts(averages, ctx.lang)))
    lines.append(ctx.t("report_new", count=Tally.count(tally.new),
                       value=with_total(Tally.cents(tally.new), rates, ctx.lang)))
    return lines


def won_deals(ctx: Context, period: Period, key: str = "won", limit: int | None = None) -> list[tuple[Deal, datetime]]:
    ws = ctx.workspace_id
    rows: list[tuple[Deal, datetime]] = []
    for stage_id in analytics.stage_ids(session=ctx.session, workspace_id=ws, keys=(key,)):
        rows += analytics.closed_deals(session=ctx.session, workspace_id=ws, stage_id=stage_id,
                                       start=period.start, end=period.end, limit=limit)
    return rows


def cycle_lines(ctx: Context, count: int, seconds: int) -> list[str]:
    """Days from created to won, averaged over the `count` deals won in the period taking `seconds` in all
    (one decimal, rounded half up)."""
    if not count:
        return []
    tenths = (20 * seconds + 86_400 * count) // (2 * 86_400 * count)
    days = f"{tenths // 10}.{tenths % 10}"
    return [ctx.t("report_cycle", days=days.replace(".", ",") if ctx.lang == "de" else days, count=count)]


def closed_list(ctx: Context, period: Period, rates: Rates, key: str) -> Body:
    team = tallies(ctx, period, "", new=False).get(analytics.NO_GROUP, Tally())  # the list shows won and lost only
    lines = summary_lines(ctx, team, rates)[:2]
    rows = won_deals(ctx, period, key, limit=LIST_LIMIT)
    total = Tally.count(team.won if key == "won" else team.lost)
    for deal, at in rows:
        reason = f" · {short(deal.lost_reason, 60)}" if key == "lost" and deal.lost_reason else ""
        lines.append(f"#{deal.id} {short(deal.title, 40)} · {money(deal.value_cents, deal.currency, ctx.lang)} · "
                     f"{day(at, ctx.tz, ctx.lang)}{reason}")
    if total > LIST_LIMIT:
        lines.append(ctx.t("list_more", count=total - LIST_LIMIT))
    buttons = [[Button(ctx.t("button_more"), command=c.ListDeals(key, page=2))]] if total > LIST_LIMIT else []
    return Body(lines, buttons)


def by_rep(ctx: Context, period: Period, rates: Rates) -> Body:
    # looked up by group key: an owner's id, or "" for the whole team
    names: dict[Any, str] = analytics.member_names(session=ctx.session, workspace_id=ctx.workspace_id)
    groups = tallies(ctx, period, "owner")
    lines = []
    for owner, tally in sorted(groups.items(), key=lambda item: names.get(item[0], "~") if item[0] else "~"):
        won, lost = Tally.count(tally.won), Tally.count(tally.lost)
        lines.append(ctx.t("report_rep_line", name=names.get(owner, "–") if owner else "–", won=won,
                           value=amounts(Tally.cents(tally.won), ctx.lang), lost=lost,
                           rate=percent(won, won + lost), new=Tally.count(tally.new)))
    chart = charts.won_by_rep(ctx.lang, [(names.get(owner, "–") if owner else "–", Tally.cents(t.won))
                                         for owner, t in groups.items()], rates)
    return Body(lines or [ctx.t("report_nothing")], file=chart)


def by_source(ctx: Context, period: Period, rates: Rates) -> Body:
    lines = []
    for source, tally in sorted(tallies(ctx, period, "source").items(), key=lambda item: str(item[0])):
        lines.append(ctx.t("report_source_line", source=source_label(ctx, str(source)) if source else "–",
                           won=Tally.count(tally.won), value=amounts(Tally.cents(tally.won), ctx.lang),
                           lost=Tally.count(tally.lost), new=Tally.count(tally.new),
                           new_value=amounts(Tally.cents(tally.new), ctx.lang)))
    return Body(lines or [ctx.t("report_nothing")])


def activity(ctx: Context, period: Period, _rates: Rates) -> Body:
    ws = ctx.workspace_id
    names = analytics.member_names(session=ctx.session, workspace_id=ws)
    counts: dict[int | None, dict[str, int]] = {}
    for author, kind, count in analytics.interactions_per_member(session=ctx.session, workspace_id=ws,
                                                                 start=period.start, end=period.end):
        counts.setdefault(author, {})[kind] = count
    for member, count in analytics.tasks_done_per_member(session=ctx.session, workspace_id=ws,
                                                         start=period.start, end=period.end):
        counts.setdefault(member, {})["done"] = count
    lines = [ctx.t("report_activity_line", name=names.get(member, "–") if member else "–",
                   **{kind: kinds.get(kind, 0) for kind in ACTIVITY_KINDS + ("done",)})
             for member, kinds in sorted(counts.items(), key=lambda item: names.get(item[0], "~") if item[0] else "~")]
    return Body(lines or [ctx.t("report_nothing")])


def contacts(ctx: Context, period: Period, _rates: Rates) -> Body:
    ws = ctx.workspace_id
    sources = analytics.new_contacts(session=ctx.session, workspace_id=ws, start=period.start,
                                     end=period.end, by="source")
    companies = analytics.new_contacts(session=ctx.session, workspace_id=ws, start=period.start,
                                       end=period.end, by="company")
    lines = [ctx.t("report_contacts_total", count=sum(n for _, n in sources))]
    if sources:
        lines.append(ctx.t("report_by_source"))
        lines += [f"  {source_label(ctx, source)}: {count}" for source, count in sources]
    if companies:
        lines.append(ctx.t("report_by_company"))
        lines += [f"  {short(name, 40) if name else ctx.t('report_no_company')}: {count}"
                  for name, count in companies[:LIST_LIMIT]]
        if len(companies) > LIST_LIMIT:
            lines.append(ctx.t("list_more", count=len(companies) - LIST_LIMIT))
    return Body(lines)


TOPICS = {"summary": summary, "won": lambda ctx, p, r: closed_list(ctx, p, r, "won"),
          "lost": lambda ctx, p, r: closed_list(ctx, p, r, "lost"), "reps": by_rep, "sources": by_source,
          "activity": activity, "contacts": contacts}
