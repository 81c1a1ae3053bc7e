"""Follow-up tasks: create with a natural date, list, done, snooze, reschedule."""

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta
from typing import TypedDict
from zoneinfo import ZoneInfo

from handlers.context import Context
from handlers.crm.contacts import ask_for_text
from handlers.crm.members import find_member
from handlers.crm.resolve import mentioned_contact, resolve
from handlers.crm.undo import undo_button
from handlers.errors import InvalidValue, RecordGone, TooFarAhead, UnparsableDate, Usage
from handlers.language import commands as c
from handlers.language.dates import DEFAULT_TIME, HORIZON_YEARS, DateMatch, resolve_when
from handlers.language.waiting import HOLE, kept
from handlers.texts.catalogue import t
from handlers.texts.fmt import short, when
from handlers.texts.reply import Button, Reply
from storage import queries
from storage.ids import id_of
from storage.models import Contact, Task

MAX_TITLE = 500
_REF = re.compile(r"#(\d+)")
DEFAULT_SNOOZE = timedelta(hours=1)
SECTION_LIMIT = 10
LOOK_AHEAD = 1000  # how far past the page a list counts what is left


def add_task(ctx: Context, cmd: c.AddTask) -> Reply:
    text = cmd.text
    if not text:
        return ask_for_text(ctx, replace(cmd, text=HOLE), "ask_task")
    found = resolve_when(cmd.when, now=ctx.now, tz=ctx.tz, **ctx.region)
    if found and (question := date_question(ctx, found, lambda day: replace(cmd, text=text.replace(found.phrase, day, 1)))):
        return question
    rest = found.rest if found else text
    contact, title = task_parties(ctx, rest) if cmd.about is None else about(ctx, cmd.about, rest)
    task = file_task(ctx, title, found.when if found else None, contact_id=contact.id if contact else None)
    return task_created(ctx, task, contact)


def file_task(ctx: Context, title: str, due_at: datetime | None, *, contact_id: int | None = None,
              deal_id: int | None = None) -> Task:
    """File a task for the member: what /task does once it has read its words (the REST API too)."""
    title = title.strip()
    if not title:
        raise Usage(command="task")
    if len(title) > MAX_TITLE:
        raise InvalidValue(field="task", value=title[:30] + "…", reason=f"longer than {MAX_TITLE} characters")
    task = Task(workspace_id=ctx.workspace_id, title=title, due_at=due_at, contact_id=contact_id, deal_id=deal_id,
                assignee_id=ctx.member_id, created_by=ctx.member_id, created_at=ctx.now)
    ctx.add(task)
    return task


def date_question(ctx: Context, found: DateMatch, replay: Callable[[str], c.Command]) -> Reply | None:
    """Ask before using a past or self-contradicting date; each button replays the command with a plain date."""
    if found.ask is None:
        return None
    zone = ZoneInfo(ctx.tz)
    options, has_time = found.options, found.has_time
    if not options:  # a past day with nothing sensible a day later: offer tomorrow
        tomorrow = ctx.now.astimezone(zone).date() + timedelta(days=1)
        options, has_time = (datetime.combine(tomorrow, DEFAULT_TIME, tzinfo=zone),), False
    buttons = []
    for option in options:
        local = option.astimezone(zone)
        command = replay(f"{local:%Y-%m-%d %H:%M}" if has_time else f"{local:%Y-%m-%d}")
        pending = queries.add_pending(session=ctx.session, workspace_id=ctx.workspace_id, member_id=ctx.member_id,
                                      command=kept(command.to_text()))
        buttons.append([Button(when(option, ctx.tz, ctx.lang, now=ctx.now), command=c.Pick(id_of(pending)))])
    if found.ask == "conflict":
        return Reply(ctx.t("date_conflict", phrase=short(found.phrase, 60)), buttons=buttons)
    return Reply(ctx.t("date_past", phrase=short(found.phrase, 60), when=buttons[0][0].label), buttons=buttons)


def task_parties(ctx: Context, text: str) -> tuple[Contact | None, str]:
    """Find the contact a task text names ("call Anna", "call #12"); returns it and the tidied title.

    A reference appended at the end (from a card's button) is dropped from the title; one inside
    the text is replaced by the contact's name.
    """
    trailing = re.search(r"\s*#(\d+)\s*$", text)
    if trailing:
        contact = resolve(ctx, f"#{trailing[1]}")
        return contact, text[: trailing.start()].strip()
    reference = _REF.search(text)
    if reference:
        contact = resolve(ctx, reference[0])
        return contact, text.replace(reference[0], contact.name).strip()
    return mentioned_contact(ctx, text), text.strip()


def about(ctx: Context, reference: str, title: str) -> tuple[Contact | None, str]:
    """The contact free-text understanding already chose ("#12", or "-" for none)."""
    contact = resolve(ctx, reference) if reference != "-" else None
    return contact, title.strip()


def task_created(ctx: Context, task: Task, contact: Contact | None) -> Reply:
    who = f" · 👤 {contact.name}" if contact else ""
    if task.due_at is None:
        text = ctx.t("task_added_no_date", id=task.id, title=task.title) + who
        return Reply(text, buttons=date_buttons(ctx, task), changed=True)
    text = ctx.t("task_added", id=task.id, title=task.title, when=when(task.due_at, ctx.tz, ctx.lang, now=ctx.now)) + who
    return Reply(text, buttons=task_buttons(ctx, task) + [[undo_button(ctx)]],
                 changed=True)


def task_buttons(ctx: Context, task: Task) -> list[list[Button]]:
    return task_actions(ctx.lang, id_of(task))


def task_actions(lang: str, task_id: int) -> list[list[Button]]:
    """Done, snooze an hour, tomorrow morning, another date: under a task and under its reminder."""
    return [[Button(t(lang, "button_done"), command=c.CompleteTask(task_id)),
             Button(t(lang, "button_snooze_hour"), command=c.SnoozeTask(task_id, "1h")),
             Button(t(lang, "button_tomorrow"), command=c.SnoozeTask(task_id, "tomorrow")),
             Button(t(lang, "button_other_date"), command=c.RescheduleTask(task_id))]]


def date_buttons(ctx: Context, task: Task) -> list[list[Button]]:
    return [[Button(ctx.t("button_today"), command=c.RescheduleTask(id_of(task), "today 17:00")),
             Button(ctx.t("button_tomorrow"), command=c.RescheduleTask(id_of(task), "tomorrow 9:00")),
             Button(ctx.t("button_next_week"), command=c.RescheduleTask(id_of(task), "next monday 9:00")),
             Button(ctx.t("button_other_date"), command=c.RescheduleTask(id_of(task)))]]


def open_task(ctx: Context, task_id: int) -> Task:
    task = queries.get_row(session=ctx.session, model=Task, workspace_id=ctx.workspace_id, row_id=task_id)
    if task is None:
        raise RecordGone()
    return task


def complete_task(ctx: Context, cmd: c.CompleteTask) -> Reply:
    task = open_task(ctx, cmd.task_id)
    if task.done_at is not None:
        return Reply(ctx.t("task_already_done", id=task.id, title=short(task.title, 60)))
    ctx.update(task, done_at=ctx.now)
    return Reply(ctx.t("task_done", id=task.id, title=short(task.title, 60)),
                 buttons=[[undo_button(ctx)]], changed=True)


def snooze_task(ctx: Context, cmd: c.SnoozeTask) -> Reply:
    task = open_task(ctx, cmd.task_id)
    if task.done_at is not None:
        return Reply(ctx.t("task_already_done", id=task.id, title=short(task.title, 60)))
    if cmd.too_far:
        raise TooFarAhead(years=HORIZON_YEARS)
    duration = cmd.duration if cmd.by else DEFAULT_SNOOZE
    found = None if duration else resolve_when(cmd.date, now=ctx.now, tz=ctx.tz, **ctx.region)
    due = ctx.now + duration if duration else found.when if found and found.ask != "conflict" else None
    if due is None:
        raise UnparsableDate(text=short(cmd.by, 60))
    return move_task(ctx, task, due)


def reschedule_task(ctx: Context, cmd: c.RescheduleTask) -> Reply:
    task = open_task(ctx, cmd.task_id)
    if not cmd.when:
        reply = ask_for_text(ctx, c.RescheduleTask(id_of(task), HOLE), "ask_date", title=short(task.title, 60))
        reply.buttons = date_buttons(ctx, task)[:1]
        reply.buttons[0] = reply.buttons[0][:3]
        return reply
    found = resolve_when(cmd.date, now=ctx.now, tz=ctx.tz, **ctx.region)
    if found is None:
        raise UnparsableDate(text=short(cmd.when, 60))
    if question := date_question(ctx, found, lambda day: c.RescheduleTask(id_of(task), day)):
        return question
    return move_task(ctx, task, found.when)


def move_task(ctx: Context, task: Task, due: datetime) -> Reply:
    ctx.update(task, due_at=due, reminded_at=None, done_at=None)
    return Reply(ctx.t("task_moved", id=task.id, title=short(task.title, 60),
                       when=when(due, ctx.tz, ctx.lang, now=ctx.now)),
                 buttons=task_buttons(ctx, task)[:1], changed=True)


SCOPE_SECTIONS = {"all": ("overdue", "today", "upcoming", "later", "undated"), "today": ("overdue", "today"),
                  "overdue": ("overdue",), "tomorrow": ("tomorrow",), "week": ("overdue", "today", "week"),
                  "upcoming": ("upcoming",), "later": ("later",), "undated": ("undated",)}


class TaskWindow(TypedDict, total=False):
    """When the tasks of a section are due, as queries.open_tasks narrows by it."""

    after: datetime
    until: datetime
    undated: bool


class Assignee(TypedDict, total=False):
    """Whose tasks queries.open_tasks lists (everyone's when empty)."""

    assignee_id: int | None


def list_tasks(ctx: Context, cmd: c.ListTasks) -> Reply:
    """Open tasks by section; "today" includes what is overdue, "week" runs to Sunday night."""
    _start, end = day_bounds(ctx.now, ctx.tz)
    week_end = day_bounds(ctx.now + timedelta(days=6 - ctx.now.astimezone(ZoneInfo(ctx.tz)).weekday()), ctx.tz)[1]
    bounds: dict[str, TaskWindow] = {"overdue": {"until": ctx.now}, "today": {"after": ctx.now, "until": end},
              "tomorrow": {"after": end, "until": day_bounds(end + timedelta(hours=12), ctx.tz)[1]},
              "week": {"after": end, "until": week_end},
              "upcoming": {"after": end, "until": end + timedelta(days=7)}, "later": {"after": end + timedelta(days=7)},
              "undated": {"undated": True}}
    whose = ctx.member if cmd.mine else find_member(ctx, cmd.member) if cmd.member else None
    mine: Assignee = {"assignee_id": whose.id} if whose is not None else {}
    member = whose.external_id if whose is not None and not cmd.mine else ""
    lines: list[str] = []
    buttons: list[list[Button]] = []
    more: list[list[Button]] = []
    skip = (cmd.page - 1) * SECTION_LIMIT
    for name in SCOPE_SECTIONS[cmd.scope]:
        found = queries.open_tasks(session=ctx.session, workspace_id=ctx.workspace_id,
                                   limit=skip + SECTION_LIMIT + 1, **bounds[name], **mine)
        section = found[skip:skip + SECTION_LIMIT]
        if not section:
            continue
        if len(found) > skip + SECTION_LIMIT:  # there are more: count them, without loading them
            found_count = queries.count_open_tasks(session=ctx.session, workspace_id=ctx.workspace_id,
                                                   limit=skip + LOOK_AHEAD, **bounds[name], **mine)
        else:
            found_count = len(found)
        lines.append(ctx.t(f"tasks_{name}"))
        ctx.preload(Contact, (task.contact_id for task in section))
        for task in section:
            lines.append(task_line(ctx, task))
            if len(buttons) < 5:
                buttons.append([Button(ctx.t("button_done_id", id=task.id), command=c.CompleteTask(id_of(task))),
                                Button(ctx.t("button_snooze_hour"), command=c.SnoozeTask(id_of(task), "1h"))])
        rest = found_count - skip - len(section)
        if rest > 0:
            lines.append(ctx.t("list_more", count=f"{rest}+" if found_count == skip + LOOK_AHEAD else rest))
            page = cmd.page + 1 if cmd.scope != "all" else 2
            more.append([Button(f"{ctx.t('button_more')} · {ctx.t(f'tasks_{name}').rstrip(':')}",
                                command=c.ListTasks(name, mine=cmd.mine, page=page, member=member))])
    if not lines:
        return Reply(ctx.t("no_tasks"))
    if whose is not None and not cmd.mine:
        lines.insert(0, f"👤 {whose.name or whose.external_id}")
    return Reply("\n".join(lines), buttons=buttons + more)


def task_line(ctx: Context, task: Task) -> str:
    contact = ctx.get(Contact, task.contact_id) if task.contact_id else None
    who = f" · {contact.name}" if contact else ""
    return f"#{task.id} {short(task.title, 50)} · {when(task.due_at, ctx.tz, ctx.lang, now=ctx.now)}{who}"


def day_bounds(now: datetime, tz: str) -> tuple[datetime, datetime]:
    """Start and end of the member's local day, as UTC instants."""
    zone = ZoneInfo(tz)
    start = now.astimezone(zone).replace(hour=0, minute=0, second=0, microsecond=0)
    end = (start + timedelta(days=1)).replace(tzinfo=None).replace(tzinfo=zone)
    return start.astimezone(ZoneInfo("UTC")), end.astimezone(ZoneInfo("UTC"))
