"""Daily digests: a rep's day (tasks, deals needing attention) and a manager's view of the team
(pipeline, changes since the last digest, closings, stale deals, overdue tasks, forecast, chart)."""

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlmodel import Session, col, select

from handlers.context import MANAGER_ROLES, Context
from handlers.crm import charts
from handlers.crm.deals import pipeline_lines
from handlers.errors import InvalidValue, Usage
from handlers.language import commands as c
from handlers.language.periods import bounds
from handlers.notify.reminders import Notification, on_channels
from handlers.texts.fmt import WEEKDAYS, money, short, when
from handlers.texts.i18n import t
from handlers.texts.reply import Attachment, Reply
from storage import queries, reports
from storage.db import Database
from storage.models import Member, PipelineStage, Workspace

_TIME = re.compile(r"^\d{1,2}[:.]\d{2}$")
_DAYS = re.compile(r"^(?:days|tage)\s+(\d)\s*-\s*(\d)$")
UTC = ZoneInfo("UTC")


def digest_reply(session: Session, workspace: Workspace, member: Member, now: datetime, *,
                 team: bool, since: datetime | None = None, chart: bool = True) -> Reply:
    """The digest for one member: the team view for managers (or when asked), plus their own day.

    With `chart` the team view carries the pipeline chart; without, the caller draws it later
    (`charts.render`), outside the transaction.
    """
    lines = rep_lines(session, workspace, member, now)
    file = None
    if team:
        lines = team_lines(session, workspace, member, now, since or now - timedelta(days=1)) + [""] + lines
        file = pipeline_chart(session, workspace.id, member.language) if chart else None  # type: ignore[arg-type]
    return Reply("\n".join(lines), file=file)


def rep_lines(session: Session, workspace: Workspace, member: Member, now: datetime) -> list[str]:
    lang, tz = member.language, member.timezone
    edges = bounds(now, tz)
    tasks = reports.member_tasks_due(session=session, workspace_id=workspace.id, member_id=member.id,  # type: ignore[arg-type]
                                     until=edges["today_end"])
    overdue = [task for task in tasks if task.due_at is not None and task.due_at < now]
    today = [task for task in tasks if task not in overdue]
    lines = [t(lang, "digest_rep_header", name=member.name or "")]
    for key, group in (("tasks_overdue", overdue), ("tasks_today", today)):
        if group:
            lines.append(f"{t(lang, key)} {len(group)}")
            lines += [f"  #{task.id} {short(task.title, 50)} · {when(task.due_at, tz, lang, now=now)}" for task in group]
    attention = reports.stale_deals(session=session, workspace_id=workspace.id,  # type: ignore[arg-type]
                                    cutoff=now - timedelta(days=workspace.stale_days), owner_id=member.id)
    if attention:
        lines.append(t(lang, "digest_attention", days=workspace.stale_days))
        lines += [f"  💼 {short(d.title, 40)} · {money(d.value_cents, d.currency, lang)}" for d in attention]
    if len(lines) == 1:
        lines.append(t(lang, "digest_nothing"))
    return lines


def team_lines(session: Session, workspace: Workspace, member: Member, now: datetime,
               since: datetime) -> list[str]:
    lang, tz, ws = member.language, member.timezone, workspace.id
    assert ws is not None
    edges = bounds(now, tz)
    stage_names = {s.id: t(lang, f"stage_{s.key}") for s in queries.stages(session=session, workspace_id=ws)}
    lines = [t(lang, "digest_team_header", name=workspace.name), t(lang, "pipeline_header")]
    lines += pipeline_lines(session, ws, lang) or [t(lang, "no_deals")]
    lines += change_lines(session, ws, lang, since, stage_names)
    for key, end in (("digest_closing_week", edges["week_end"]), ("digest_closing_month", edges["month_end"])):
        closing = reports.open_deals_closing(session=session, workspace_id=ws, start=now, end=end)
        if closing:
            lines.append(t(lang, key, count=len(closing)))
            lines += [f"  💼 {short(d.title, 40)} · {money(d.value_cents, d.currency, lang)} · "
                      f"{when(d.close_date, tz, lang, now=now)}" for d in closing[:10]]
    stale = reports.stale_deals(session=session, workspace_id=ws, cutoff=now - timedelta(days=workspace.stale_days))
    if stale:
        lines.append(t(lang, "digest_stale", count=len(stale), days=workspace.stale_days))
        lines += [f"  💼 {short(d.title, 40)} · {money(d.value_cents, d.currency, lang)}" for d in stale]
    overdue = reports.overdue_per_member(session=session, workspace_id=ws, now=now)
    if overdue:
        names = {m.id: m.name or m.external_id for m in session.exec(select(Member).where(Member.workspace_id == ws))}
        lines.append(t(lang, "digest_overdue_per_rep"))
        lines += [f"  {names.get(member_id, '?')}: {count}" for member_id, count in overdue]
    for key, start, end in (("digest_forecast_month", edges["month_start"], edges["month_end"]),
                            ("digest_forecast_quarter", edges["quarter_start"], edges["quarter_end"])):
        for currency, (won, weighted) in sorted(reports.weighted_forecast(session=session, workspace_id=ws,
                                                                         start=start, end=end).items()):
            lines.append(t(lang, key, won=money(won, currency, lang), weighted=money(weighted, currency, lang),
                           total=money(won + weighted, currency, lang)))
    return lines


def change_lines(session: Session, workspace_id: int, lang: str, since: datetime,
                 stage_names: dict[int | None, str]) -> list[str]:
    """New deals, stage moves, won and lost deals since the last digest."""
    new = reports.deals_created_since(session=session, workspace_id=workspace_id, since=since)
    moves = reports.stage_moves_since(session=session, workspace_id=workspace_id, since=since)
    if not new and not moves:
        return [t(lang, "digest_no_changes")]
    lines = [t(lang, "digest_changes")]
    lines += [f"  🆕 {short(d.title, 40)} · {money(d.value_cents, d.currency, lang)}" for d in new]
    for change, deal in moves:
        icon = {"won": "🎉", "lost": "❌"}.get(_stage_key(session, workspace_id, change.to_stage_id), "➡️")
        lines.append(f"  {icon} {short(deal.title, 40)}: {stage_names.get(change.from_stage_id, '?')} → "
                     f"{stage_names.get(change.to_stage_id, '?')} · {money(deal.value_cents, deal.currency, lang)}")
    return lines


def _stage_key(session: Session, workspace_id: int, stage_id: int) -> str:
    stage = queries.get_row(session=session, model=PipelineStage, workspace_id=workspace_id, row_id=stage_id)
    return stage.key if stage else ""


def pipeline_chart(session: Session, workspace_id: int, lang: str) -> Attachment | None:
    """A PNG photo of the open pipeline per stage, won and lost apart, every currency shown."""
    chart = charts.pipeline_of(session, workspace_id, lang)
    return charts.render(chart) if chart else None


def due_digests(db: Database, *, now: datetime, channels: tuple[str, ...] | None = None) -> list[Notification]:
    """Claim and build the digests due at `now`: each member once per local day, at their digest time.

    Each member is claimed and built in a short transaction of its own, and charts are drawn after
    it commits, so chat commands never wait for a whole morning's digests.
    """
    with db.transaction(now=now) as session:
        members = on_channels(select(Member).where(col(Member.digest_enabled).is_(True),
                                                   col(Member.delivery_paused).is_(False)), channels)
        due = [m.id for m in session.exec(members) if digest_due(m, now)]
    notes = []
    for member_id in due:
        with db.transaction(now=now) as session:
            member = session.get(Member, member_id)
            if member is None or not digest_due(member, now):
                continue
            since = member.last_digest_at  # read before the claim overwrites it
            if not _claim_digest(session, member, now):
                continue
            workspace = session.get(Workspace, member.workspace_id)
            assert workspace is not None
            team = member.role in MANAGER_ROLES
            reply = digest_reply(session, workspace, member, now, team=team, since=since, chart=False)
            data = charts.pipeline_of(session, workspace.id, member.language) if team else None  # type: ignore[arg-type]
            note = Notification(workspace.key, member.external_id, member.id, reply,  # type: ignore[arg-type]
                                member_name=member.name)
        if data is not None:
            reply.file = charts.render(data)  # drawn once per team, figures and language
        notes.append(note)
    return notes


def digest_due(member: Member, now: datetime) -> bool:
    """Due on the member's digest days once their local digest time has passed, once a day.

    A member who joined after today's digest time gets the first one tomorrow, not the moment they
    say hello.
    """
    zone = ZoneInfo(member.timezone)
    local = now.astimezone(zone)
    hour, minute = (int(part) for part in member.digest_time.split(":"))
    digest_at = datetime.combine(local.date(), time(hour, minute), zone)
    if str(local.isoweekday()) not in member.digest_days or local < digest_at or member.created_at > digest_at:
        return False
    last = member.last_digest_at
    return last is None or last.astimezone(zone).date() < local.date()


def _claim_digest(session: Session, member: Member, now: datetime) -> bool:
    """Take today's digest for this member; a second scheduler finds it taken."""
    condition = (col(Member.last_digest_at).is_(None) if member.last_digest_at is None
                 else col(Member.last_digest_at) == member.last_digest_at)
    statement = update(Member).where(col(Member.id) == member.id, condition).values(last_digest_at=now)
    return session.execute(statement, execution_options={"synchronize_session": False}).rowcount == 1  # type: ignore[attr-defined]


def show_digest(ctx: Context, cmd: c.Digest) -> Reply:
    """/digest: the digest now; /digest team|on|off|07:30|days 1-5 changes it."""
    arg = cmd.arg.casefold()
    member = ctx.member
    if arg in ("", "team"):
        return digest_reply(ctx.session, ctx.workspace, member, ctx.now,
                            team=arg == "team" or member.role in MANAGER_ROLES, since=member.last_digest_at)
    if arg in ("on", "an", "off", "aus"):
        member.digest_enabled = arg in ("on", "an")
    elif _TIME.match(arg):
        hour, minute = (int(part) for part in arg.replace(".", ":").split(":"))
        if hour > 23 or minute > 59:
            raise InvalidValue(field="digest_time", value=cmd.arg, reason="00:00-23:59")
        member.digest_time, member.digest_enabled = f"{hour:02d}:{minute:02d}", True
    elif _DAYS.match(arg):
        first, last = int(_DAYS.match(arg)[1]), int(_DAYS.match(arg)[2])  # type: ignore[index]
        if not 1 <= first <= last <= 7:
            raise InvalidValue(field="digest_days", value=cmd.arg, reason="1-5 (Monday to Friday)")
        member.digest_days = "".join(str(day) for day in range(first, last + 1))
    else:
        raise Usage(command="digest")
    ctx.session.add(member)
    if not member.digest_enabled:
        return Reply(ctx.t("digest_off"))
    return Reply(ctx.t("digest_on", time=member.digest_time, days=_day_names(member.digest_days, ctx.lang)))


def _day_names(days: str, lang: str) -> str:
    return ", ".join(WEEKDAYS[lang][int(day) - 1] for day in days)


