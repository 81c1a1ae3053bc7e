"""Daily digests: a rep's day (tasks, deals needing attention) and a manager's view of the team
(pipeline, changes since the last digest, closings, stale deals, overdue tasks, forecast, chart)."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlmodel import Session, col, select

from handlers.context import MANAGER_ROLES, Context
from handlers.crm import charts
from handlers.language import commands as c
from handlers.notify.digest_figures import DEFAULT_SINCE, TeamFigures
from handlers.notify.reminders import on_channels
from handlers.notify.visit_digest import visit_lines
from handlers.texts.catalogue import t
from handlers.texts.fmt import WEEKDAYS, money, short, when
from handlers.texts.reply import Button, Notification, Reply, ReplyFile
from storage.db import Database
from storage.ids import id_column, id_of
from storage.models import Member, Workspace

UTC = ZoneInfo("UTC")
LIST_LIMIT = 10  # deals listed under each heading of the team view
OLDEST_SHOWN = 2  # overdue task titles shown per rep
OVERDUE_BUTTONS = 6  # reps with a button that lists their overdue tasks
CLAIM_CHUNK = 500  # member ids per claiming statement


def digest_reply(session: Session, workspace: Workspace, member: Member, now: datetime, *,
                 team: bool, since: datetime | None = None, chart: bool = True,
                 figures: TeamFigures | None = None) -> Reply:
    """The digest for one member: the team view for managers (or when asked), plus their own day.

    `figures` are the workspace's, shared by all its digests of one tick (read here when not given).
    With `chart` the team view carries the pipeline chart; without, the caller draws it later
    (`charts.render`), outside the transaction.
    """
    since = since or now - DEFAULT_SINCE
    figures = figures or TeamFigures.read(session, workspace, [member], now, since)
    lines = rep_lines(figures, member)
    file, buttons = None, []
    if team:
        lines = team_lines(figures, member, since) + visit_lines(session, member.workspace_id, member.language,
                                                                 member.timezone, now) + [""] + lines
        buttons = overdue_buttons(figures, member.language)
        data = figures.chart(member.language) if chart else None
        file = charts.render(data) if data else None
    return Reply("\n".join(lines), buttons=buttons, file=file)


def rep_lines(figures: TeamFigures, member: Member) -> list[str]:
    lang, tz, now, workspace = member.language, member.timezone, figures.now, figures.workspace
    tasks = figures.tasks_of(id_of(member), figures.edges(tz)["today_end"])
    overdue = [task for task in tasks if task.due_at < now]
    today = [task for task in tasks if task not in overdue]
    lines = [t(lang, "digest_rep_header", name=member.name or "")]
    for key, group in (("tasks_overdue", overdue), ("tasks_today", today)):
        if group:
            lines.append(f"{t(lang, key)} {len(group)}")
            lines += [f"  #{task.id} {short(task.title, 50)} · {when(task.due_at, tz, lang, now=now)}" for task in group]
    attention = figures.stale_of(member.id)
    if attention:
        lines.append(t(lang, "digest_attention", days=workspace.stale_days))
        lines += [f"  💼 {short(d.title, 40)} · {money(d.value_cents, d.currency, lang)}" for d in attention]
    if len(lines) == 1:
        lines.append(t(lang, "digest_nothing"))
    return lines


def team_lines(figures: TeamFigures, member: Member, since: datetime) -> list[str]:
    lang, tz, now, workspace = member.language, member.timezone, figures.now, figures.workspace
    edges = figures.edges(tz)
    lines = [t(lang, "digest_team_header", name=workspace.name), t(lang, "pipeline_header")]
    lines += figures.pipeline_lines(lang) or [t(lang, "no_deals")]
    lines += change_lines(figures, lang, since)
    for key, end in (("digest_closing_week", edges["week_end"]), ("digest_closing_month", edges["month_end"])):
        closing = [deal for deal in figures.closing if deal.close_date < end]
        if closing:
            lines.append(t(lang, key, count=len(closing)))
            lines += [f"  💼 {short(d.title, 40)} · {money(d.value_cents, d.currency, lang)} · "
                      f"{when(d.close_date, tz, lang, now=now)}" for d in closing[:LIST_LIMIT]]
            lines += more_line(lang, len(closing) - LIST_LIMIT)
    stale = figures.stale_of()
    if stale:
        lines.append(t(lang, "digest_stale", count=figures.stale_total, days=workspace.stale_days))
        lines += [f"  💼 {short(d.title, 40)} · {money(d.value_cents, d.currency, lang)}" for d in stale]
        lines += more_line(lang, figures.stale_total - len(stale))
    lines += overdue_lines(figures, lang)
    for key, start, end in (("digest_forecast_month", edges["month_start"], edges["month_end"]),
                            ("digest_forecast_quarter", edges["quarter_start"], edges["quarter_end"])):
        for currency, (won, weighted) in sorted(figures.forecast(start, end).items()):
            lines.append(t(lang, key, won=money(won, currency, lang), weighted=money(weighted, currency, lang),
                           total=money(won + weighted, currency, lang)))
    return lines


def more_line(lang: str, rest: int) -> list[str]:
    return [t(lang, "list_more", count=rest)] if rest > 0 else []


def overdue_lines(figures: TeamFigures, lang: str) -> list[str]:
    """Each rep with overdue tasks: name, how many, the oldest two titles."""
    if not figures.overdue:
        return []
    lines = [t(lang, "digest_overdue_per_rep")]
    for member_id, count in figures.overdue:
        oldest = [f'"{short(task.title, 30)}"' for task in figures.tasks_of(member_id, figures.now)[:OLDEST_SHOWN]]
        lines.append(t(lang, "digest_overdue_rep", name=figures.name(member_id), count=count,
                       oldest=", ".join(oldest)))
    return lines


def overdue_buttons(figures: TeamFigures, lang: str) -> list[list[Button]]:
    """A button per rep with overdue tasks (the most first) that lists them: /tasks overdue @rep."""
    buttons = []
    for member_id, _count in figures.overdue[:OVERDUE_BUTTONS]:
        member = figures.members.get(member_id)
        if member is not None:
            buttons.append(Button(t(lang, "button_overdue_of", name=short(figures.name(member_id), 20)),
                                  command=c.ListTasks("overdue", member=member.external_id)))
    return [buttons[i:i + 2] for i in range(0, len(buttons), 2)]


def change_lines(figures: TeamFigures, lang: str, since: datetime) -> list[str]:
    """New deals, stage moves, won and lost deals since the last digest."""
    new = [deal for deal in figures.new_deals if deal.created_at > since]
    moves = [move for move in figures.moves if move.changed_at > since]
    if not new and not moves:
        return [t(lang, "digest_no_changes")]
    names = {s.id: t(lang, f"stage_{s.key}") for s in figures.stages}
    lines = [t(lang, "digest_changes")]
    lines += [f"  🆕 {short(d.title, 40)} · {money(d.value_cents, d.currency, lang)}" for d in new]
    for move in moves:
        icon = {"won": "🎉", "lost": "❌"}.get(figures.stage_key(move.to_stage_id), "➡️")
        lines.append(f"  {icon} {short(move.title, 40)}: {names.get(move.from_stage_id, '?')} → "
                     f"{names.get(move.to_stage_id, '?')} · {money(move.value_cents, move.currency, lang)}")
    return lines


def pipeline_chart(session: Session, workspace_id: int, lang: str) -> ReplyFile | None:
    """A PNG photo of the open pipeline per stage, won and lost apart, every currency shown."""
    chart = charts.pipeline_of(session, workspace_id, lang)
    return charts.render(chart) if chart else None


def due_digests(db: Database, *, now: datetime, channels: tuple[str, ...] | None = None) -> list[Notification]:
    """Claim and build the digests due at `now`: each member once per local day, at their digest time.

    A workspace's due digests are built together from one read of its figures, in a unit of work
    that only reads (on SQLite it holds no write lock). Then every built digest's member is claimed in one
    short transaction (each one's last digest compared with what was read), and only the claimed digests
    are kept, their charts drawn after. A pass that fails before the claim has claimed nobody: the next
    tick builds the same digests again.
    """
    with db.reading(now=now) as session:
        members = on_channels(select(Member).where(col(Member.digest_enabled).is_(True),
                                                   col(Member.delivery_paused).is_(False)), channels)
        due: dict[int, list[int]] = {}
        for member in session.exec(members):
            if digest_due(member, now):
                due.setdefault(member.workspace_id, []).append(id_of(member))
    built = [one for workspace_id, member_ids in due.items() for one in team_digests(db, workspace_id, member_ids, now)]
    claimed = claim_digests(db, [(note.member_id, previous) for note, previous, _data in built], now)
    notes = []
    for note, _previous, data in built:
        if note.member_id in claimed:
            if data is not None:
                note.reply.file = charts.render(data)  # drawn once per team, figures and language
            notes.append(note)
    return notes


Built = tuple[Notification, datetime | None, charts.Chart | None]


def team_digests(db: Database, workspace_id: int, member_ids: list[int], now: datetime) -> list[Built]:
    """The digests of a workspace's due members from one read of its figures: (note, last digest, chart)."""
    with db.reading(now=now) as session:
        workspace = session.get(Workspace, workspace_id)
        assert workspace is not None
        everyone = list(session.exec(select(Member).where(Member.workspace_id == workspace_id)))
        wanted = set(member_ids)
        members = [m for m in everyone if m.id in wanted and digest_due(m, now)]
        if not members:
            return []
        earliest = min(m.last_digest_at or now - DEFAULT_SINCE for m in members)
        figures = TeamFigures.read(session, workspace, members, now, earliest, team=everyone)
        built: list[Built] = []
        for member in members:
            team = member.role in MANAGER_ROLES
            reply = digest_reply(session, workspace, member, now, team=team, since=member.last_digest_at,
                                 chart=False, figures=figures)
            note = Notification(workspace.key, member.external_id, id_of(member), reply,
                                member_name=member.name)
            built.append((note, member.last_digest_at, figures.chart(member.language) if team else None))
        return built


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


def claim_digests(db: Database, claims: list[tuple[int, datetime | None]], now: datetime) -> set[int]:
    """Take today's digest for these members (id, last digest as read) in one short transaction: the ids whose
    last digest was still as read, so no other scheduler took them; each is claimed at most once.

    The members' rows are read again inside the write transaction (locked: BEGIN IMMEDIATE on SQLite, FOR UPDATE
    on PostgreSQL), compared with what the digests were built from, and the unchanged ones stamped, CLAIM_CHUNK
    ids per statement.
    """
    claimed: set[int] = set()
    if not claims:
        return claimed
    expected = dict(claims)
    ids = sorted(expected)
    with db.transaction(now=now) as session:
        for start in range(0, len(ids), CLAIM_CHUNK):
            chunk = ids[start:start + CLAIM_CHUNK]
            current = session.exec(select(id_column(Member), col(Member.last_digest_at))
                                   .where(col(Member.id).in_(chunk)).with_for_update())
            taken = sorted(member_id for member_id, last in current if last == expected[member_id])
            if taken:
                session.exec(update(Member).where(col(Member.id).in_(taken)).values(last_digest_at=now),
                             execution_options={"synchronize_session": False})
            claimed.update(taken)
    return claimed


def show_digest(ctx: Context, cmd: c.Digest) -> Reply:
    """/digest: the digest now; /digest team|on|off|07:30|days 1-5 changes it."""
    member = ctx.member
    if cmd.action in ("show", "team"):
        return digest_reply(ctx.session, ctx.workspace, member, ctx.now,
                            team=cmd.action == "team" or member.role in MANAGER_ROLES, since=member.last_digest_at)
    if cmd.action in ("on", "off"):
        member.digest_enabled = cmd.action == "on"
    elif cmd.action == "time" and cmd.at is not None:
        member.digest_time, member.digest_enabled = f"{cmd.at:%H:%M}", True
    else:
        member.digest_days = "".join(str(day) for day in cmd.days)
    ctx.session.add(member)
    if not member.digest_enabled:
        return Reply(ctx.t("digest_off"))
    return Reply(ctx.t("digest_on", time=member.digest_time, days=_day_names(member.digest_days, ctx.lang)))


def _day_names(days: str, lang: str) -> str:
    return ", ".join(WEEKDAYS[lang][int(day) - 1] for day in days)


