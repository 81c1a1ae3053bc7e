"""Task reminders. The task rows are the source of truth: a reminder is claimed in the database
before it is sent and marked when it went out, so a restart loses nothing and two schedulers
never send the same one. A claim that was never confirmed (the sender died) is taken over after
CLAIM_LEASE, which makes delivery at-least-once with a window of one send."""

from datetime import datetime, timedelta

from sqlalchemy import false, or_, update
from sqlmodel import Session, col, select

from handlers.texts.fmt import money, short, when
from handlers.texts.i18n import t
from handlers.texts.reply import Notification, Reply
from handlers.crm.tasks import task_actions
from storage.db import Database
from storage.models import Company, Contact, Deal, Interaction, Member, PipelineStage, Task, Workspace

CLAIM_LEASE = timedelta(minutes=5)
LATE_AFTER = timedelta(minutes=10)
PAUSE_AFTER_FAILURES = 5


def claim_due_reminders(db: Database, *, now: datetime, owner: str, limit: int = 200,
                        channels: tuple[str, ...] | None = None) -> list[Notification]:
    """Claim the reminders due at `now` for this scheduler and build their messages.

    `channels` ("telegram", "slack", ...) limits it to the workspaces this process can deliver to,
    so a Telegram-only process leaves a Slack team's reminders to the process that serves Slack.
    """
    with db.transaction(now=now) as session:
        due = session.exec(on_channels(_due_tasks(now), channels).limit(limit)).all()
        claimed = [task_id for task_id in due if _claim(session, task_id, now=now, owner=owner)]
    with db.transaction(now=now) as session:
        return [n for task_id in claimed if (n := reminder_for(session, task_id, now=now)) is not None]


def on_channels(query, channels: tuple[str, ...] | None):  # type: ignore[no-untyped-def]
    """Narrow a query over members or tasks to workspaces of the given channels ("telegram:…")."""
    if channels is None:
        return query
    return query.join(Workspace, col(Member.workspace_id) == Workspace.id).where(
        or_(false(), *(col(Workspace.key).startswith(f"{channel}:") for channel in channels)))


def _due_tasks(now: datetime):  # type: ignore[no-untyped-def]
    stale_claim = now - CLAIM_LEASE
    return (select(Task.id).join(Member, col(Task.assignee_id) == Member.id)
            .where(col(Member.delivery_paused).is_(False), col(Task.done_at).is_(None), col(Task.reminded_at).is_(None),
                                  col(Task.due_at) <= now,
                                  or_(col(Task.reminder_claimed_at).is_(None),
                                      col(Task.reminder_claimed_at) < stale_claim))
            .order_by(col(Task.due_at)))


def _claim(session: Session, task_id: int, *, now: datetime, owner: str) -> bool:
    """Take the reminder if nobody else holds a live claim on it; exactly one claimer wins."""
    statement = (update(Task).where(col(Task.id) == task_id, col(Task.reminded_at).is_(None),
                                    col(Task.done_at).is_(None),
                                    or_(col(Task.reminder_claimed_at).is_(None),
                                        col(Task.reminder_claimed_at) < now - CLAIM_LEASE))
                 .values(reminder_claimed_at=now, reminder_claimed_by=owner))
    return session.execute(statement).rowcount == 1  # type: ignore[attr-defined]


def reminder_for(session: Session, task_id: int, *, now: datetime) -> Notification | None:
    """The reminder message: the task, its contact with one line of context, and the task's buttons."""
    task = session.get(Task, task_id)
    member = session.get(Member, task.assignee_id) if task and task.assignee_id else None
    if task is None or member is None or task.due_at is None:
        return None
    workspace = session.get(Workspace, task.workspace_id)
    assert workspace is not None
    lang = member.language
    key = "reminder_late" if now - task.due_at > LATE_AFTER else "reminder"
    lines = [t(lang, key, title=task.title, when=when(task.due_at, member.timezone, lang, now=now))]
    if task.contact_id and (contact := session.get(Contact, task.contact_id)):
        lines.append(contact_context(session, contact, lang))
    reply = Reply("\n".join(lines), buttons=task_actions(lang, task.id))  # type: ignore[arg-type]
    return Notification(workspace.key, member.external_id, member.id, reply, task.id)  # type: ignore[arg-type]


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
            session.execute(update(Task).where(col(Task.id) == notification.task_id).values(reminded_at=now))
        session.execute(update(Member).where(col(Member.id) == notification.member_id)
                        .values(delivery_failures=0))


def mark_failed(db: Database, notification: Notification, *, now: datetime) -> None:
    """Record a failed delivery; release the reminder for a retry; pause a member who keeps failing."""
    with db.transaction(now=now) as session:
        if notification.task_id is not None:
            session.execute(update(Task).where(col(Task.id) == notification.task_id)
                            .values(reminder_claimed_at=None, reminder_claimed_by=None))
        member = session.get(Member, notification.member_id)
        if member is not None:
            member.delivery_failures += 1
            member.delivery_paused = member.delivery_failures >= PAUSE_AFTER_FAILURES
            session.add(member)


