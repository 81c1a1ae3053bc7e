"""Task reminders. The task rows are the source of truth: a reminder is claimed in the database
before it is sent and marked when it went out, so a restart loses nothing and two schedulers
never send the same one. A live scheduler renews its claims while it is still sending them; a
claim left alone for CLAIM_LEASE (its sender died) is taken over and the reminder marked late.
Delivery is therefore at least once: only a message in flight when its sender died can come twice."""

from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import false, or_, update
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select, SelectOfScalar

from handlers.crm.tasks import task_actions
from handlers.texts.catalogue import t
from handlers.texts.fmt import money, short, when
from handlers.texts.reply import Notification, Reply
from storage import queries
from storage.db import Database
from storage.ids import id_of
from storage.models import Company, Contact, Deal, Interaction, Member, PipelineStage, Task, Workspace

Query = TypeVar("Query", Select[*tuple[Any, ...]], SelectOfScalar[Any])  # a SELECT over members or tasks
CLAIM_LEASE = timedelta(seconds=45)  # a live scheduler renews well within it (bot/scheduler.py)
LATE_AFTER = timedelta(minutes=1)  # a reminder later than this is marked late
PAUSE_AFTER_FAILURES = 5


def claim_due_reminders(db: Database, *, now: datetime, owner: str, limit: int = 200,
                        channels: tuple[str, ...] | None = None) -> list[Notification]:
    """Claim the reminders due at `now` for this scheduler and build their messages.

    `channels` ("telegram", "slack", ...) limits it to the workspaces this process can deliver to,
    so a Telegram-only process leaves a Slack team's reminders to the process that serves Slack.
    """
    stale_before = now - CLAIM_LEASE
    with db.transaction(now=now) as session:
        due = session.exec(on_channels(queries.claimable_reminders(now=now, stale_before=stale_before), channels)
                           .limit(limit)).all()
        claimed = [(task_id, previous is not None) for task_id, previous in due
                   if queries.claim_reminder(session=session, task_id=task_id, owner=owner, now=now,
                                             stale_before=stale_before)]
    with db.transaction(now=now) as session:
        return [n for task_id, taken_over in claimed
                if (n := reminder_for(session, task_id, now=now, late=taken_over)) is not None]


def renew_claims(db: Database, task_ids: list[int], *, owner: str, now: datetime) -> set[int]:
    """Keep this scheduler's claims on the reminders it is still sending; returns those it still holds.

    A reminder missing from the answer was taken over (this scheduler stalled), done, or sent.
    """
    with db.transaction(now=now) as session:
        return queries.renew_reminder_claims(session=session, task_ids=task_ids, owner=owner, now=now)


def on_channels(query: Query, channels: tuple[str, ...] | None) -> Query:
    """Narrow a query over members or tasks to workspaces of the given channels ("telegram:…")."""
    if channels is None:
        return query
    return query.join(Workspace, col(Member.workspace_id) == Workspace.id).where(
        or_(false(), *(col(Workspace.key).startswith(f"{channel}:") for channel in channels)))


def reminder_for(session: Session, task_id: int, *, now: datetime, late: bool = False) -> Notification | None:
    """The reminder message: the task, its contact with one line of context, and the task's buttons.

    It is marked late when `late` (its first sender died) or when it is more than LATE_AFTER past due.
    """
    task = session.get(Task, task_id)
    member = session.get(Member, task.assignee_id) if task and task.assignee_id else None
    if task is None or member is None or task.due_at is None:
        return None
    workspace = session.get(Workspace, task.workspace_id)
    assert workspace is not None
    lang = member.language
    key = "reminder_late" if late or now - task.due_at > LATE_AFTER else "reminder"
    lines = [t(lang, key, title=task.title, when=when(task.due_at, member.timezone, lang, now=now))]
    if task.contact_id and (contact := session.get(Contact, task.contact_id)):
        lines.append(contact_context(session, contact, lang))
    reply = Reply("\n".join(lines), buttons=task_actions(lang, id_of(task)))
    return Notification(workspace.key, member.external_id, id_of(member), reply, task.id,
                        member_name=member.name)


def contact_context(session: Session, contact: Contact, lang: str) -> str:
    """"👤 Anna Schulz (Acme GmbH) · 📝 called, wants pricing · 💼 Acme rollout 12,000 EUR (Proposal)"."""
    company = session.get(Company, contact.company_id) if contact.company_id else None
    parts = [f"👤 {contact.name}" + (f" ({company.name})" if company else "")]
    note = session.exec(select(Interaction).where(Interaction.workspace_id == contact.workspace_id,
                                                  Interaction.contact_id == contact.id)
                        .order_by(col(Interaction.created_at).desc()).limit(1)).first()
    if note is not None:
        parts.append(f"📝 {short(note.text, 60)}")
    deal = session.exec(select(Deal, PipelineStage).join(PipelineStage, col(Deal.stage_id) == PipelineStage.id)
                        .where(Deal.workspace_id == contact.workspace_id, Deal.contact_id == contact.id,
                               col(PipelineStage.is_closed).is_(False))
                        .order_by(col(Deal.value_cents).desc()).limit(1)).first()
    if deal is not None:
        parts.append(f"💼 {short(deal[0].title, 40)} {money(deal[0].value_cents, deal[0].currency, lang)} "
                     f"({t(lang, 'stage_' + deal[1].key)})")
    return " · ".join(parts)


def mark_sent(db: Database, notification: Notification, *, now: datetime) -> None:
    """Confirm a delivery: the reminder is done, and the member's failure count resets."""
    with db.transaction(now=now) as session:
        if notification.task_id is not None:
            queries.confirm_reminder(session=session, task_id=notification.task_id, now=now)
        session.execute(update(Member).where(col(Member.id) == notification.member_id)
                        .values(delivery_failures=0))


def mark_failed(db: Database, notification: Notification, *, now: datetime) -> None:
    """Record a failed delivery; release the reminder for a retry; pause a member who keeps failing."""
    with db.transaction(now=now) as session:
        if notification.task_id is not None:
            queries.release_reminder(session=session, task_id=notification.task_id)
        member = session.get(Member, notification.member_id)
        if member is not None:
            member.delivery_failures += 1
            member.delivery_paused = member.delivery_failures >= PAUSE_AFTER_FAILURES
            session.add(member)


