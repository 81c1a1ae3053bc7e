"""What the web pages show: the pipeline board, the member's due tasks, and their calendar feed."""

from dataclasses import dataclass, field
from datetime import timedelta, timezone

import icalendar

from handlers.context import Context
from handlers.crm.tasks import day_bounds
from handlers.texts.fmt import money, short, when
from storage import queries
from storage import web as store
from storage.ids import id_of
from storage.models import Contact, Task
from storage.pipeline_sums import pipeline_totals

TASK_MINUTES = 30
FEED_DAYS_BACK = 30


@dataclass(frozen=True)
class BoardCard:
    id: int
    title: str
    value: str
    party: str  # the contact's name, else the company's
    contact_id: int | None
    next_task: str | None


@dataclass
class Column:
    key: str
    name: str
    closed: bool
    count: int = 0
    total: str = ""
    cards: list[BoardCard] = field(default_factory=list)


@dataclass(frozen=True)
class DueTask:
    id: int
    title: str
    due: str
    overdue: bool
    contact: str | None
    contact_id: int | None


def board(ctx: Context) -> list[Column]:
    """One column per stage: the open deals as cards; won and lost only with their counts."""
    ws = ctx.workspace_id
    stages = queries.stages(session=ctx.session, workspace_id=ws)
    columns = {s.id: Column(s.key, ctx.t(f"stage_{s.key}"), s.is_closed) for s in stages}
    sums: dict[int, dict[str, int]] = {}
    for stage_id, currency, count, value, _weighted in pipeline_totals(session=ctx.session, workspace_id=ws):
        if stage_id in columns:
            columns[stage_id].count += count
            sums.setdefault(stage_id, {})[currency] = sums.get(stage_id, {}).get(currency, 0) + value
    for stage_id, by_currency in sums.items():
        columns[stage_id].total = " · ".join(money(v, cur, ctx.lang) for cur, v in sorted(by_currency.items()))
    upcoming = store.next_tasks(session=ctx.session, workspace_id=ws)
    for deal in store.board_deals(session=ctx.session, workspace_id=ws):
        task = upcoming.get(("deal", deal.id)) or (upcoming.get(("contact", deal.contact_id))
                                                   if deal.contact_id else None)
        columns[deal.stage_id].cards.append(BoardCard(
            deal.id, deal.title, money(deal.value_cents, deal.currency, ctx.lang),
            deal.contact or deal.company or "", deal.contact_id,
            f"{short(task.title, 40)} · {when(task.due_at, ctx.tz, ctx.lang, now=ctx.now)}" if task else None))
    return list(columns.values())


def due_tasks(ctx: Context) -> list[DueTask]:
    """The member's open tasks due by the end of their today, overdue first."""
    _start, end = day_bounds(ctx.now, ctx.tz)
    tasks = queries.open_tasks(session=ctx.session, workspace_id=ctx.workspace_id, until=end,
                               assignee_id=ctx.member_id, limit=200)
    items = []
    for task in tasks:
        contact = ctx.get(Contact, task.contact_id) if task.contact_id else None
        items.append(DueTask(id_of(task), task.title, when(task.due_at, ctx.tz, ctx.lang, now=ctx.now),
                             task.due_at is not None and task.due_at < ctx.now, contact.name if contact else None,
                             task.contact_id))
    return items


def calendar_feed(ctx: Context) -> bytes:
    """The member's open dated tasks and their meetings of the last month, as an iCalendar feed."""
    feed = icalendar.Calendar()
    feed.add("prodid", "-//crmbot//feed//EN")
    feed.add("version", "2.0")
    feed.add("x-wr-calname", f"crmbot · {ctx.member.name or ctx.workspace.name}"[:100])
    for task in store.feed_tasks(session=ctx.session, workspace_id=ctx.workspace_id, member_id=ctx.member_id):
        feed.add_component(task_event(ctx, task))
    since = ctx.now - timedelta(days=FEED_DAYS_BACK)
    for meeting in store.feed_meetings(session=ctx.session, workspace_id=ctx.workspace_id,
                                       member_id=ctx.member_id, since=since):
        event = icalendar.Event()
        event.add("uid", f"crmbot-meeting-{ctx.workspace.id}-{meeting.id}")
        event.add("dtstamp", ctx.now)
        event.add("summary", short(meeting.text, 80))
        event.add("dtstart", meeting.created_at.astimezone(timezone.utc))
        event.add("dtend", meeting.created_at.astimezone(timezone.utc) + timedelta(minutes=TASK_MINUTES))
        feed.add_component(event)
    ical: bytes = feed.to_ical()
    return ical


def task_event(ctx: Context, task: Task) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"crmbot-task-{ctx.workspace.id}-{task.id}")
    event.add("dtstamp", ctx.now)
    event.add("summary", task.title)
    if task.due_at is None:
        raise ValueError(f"task {task.id} has no due date, so no calendar event")
    start = task.due_at.astimezone(timezone.utc)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(minutes=TASK_MINUTES))
    contact = ctx.get(Contact, task.contact_id) if task.contact_id else None
    if contact is not None:
        event.add("description", " · ".join(v for v in (contact.name, contact.email, contact.phone) if v))
    return event
