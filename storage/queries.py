"""Queries. Every function takes the workspace and keeps to it; none can cross workspaces."""

from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import and_, bindparam, delete, func, or_, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm.util import identity_key
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select, SelectOfScalar

from storage.ids import Owned, id_column, id_of
from storage.models import (
    Attachment,
    Company,
    Contact,
    Deal,
    DealStageChange,
    Interaction,
    Member,
    PendingChoice,
    PendingImport,
    PipelineStage,
    ProcessedUpdate,
    Task,
    Workspace,
)
from storage.web import hooks_and_rules, note_hooks_and_rules

Row = TypeVar("Row", bound=Owned)
Narrowed = TypeVar("Narrowed", bound=SelectOfScalar[Any])

DEFAULT_STAGES = (("lead", 10, False), ("qualified", 25, False), ("proposal", 50, False),
                  ("negotiation", 75, False), ("won", 100, True), ("lost", 0, True))


# Run by every message, so built once with bound parameters (SQLAlchemy memoizes a statement's cache key).
_WORKSPACE = select(Workspace).where(Workspace.key == bindparam("key"))
_MEMBER = select(Member).where(Member.workspace_id == bindparam("workspace_id"),
                               Member.external_id == bindparam("external_id"))
_WORKSPACE_AND_MEMBER = (select(Workspace, Member, *hooks_and_rules(col(Workspace.id))).outerjoin(Member, and_(
    col(Member.workspace_id) == col(Workspace.id), col(Member.external_id) == bindparam("external_id")))
    .where(Workspace.key == bindparam("key")))
_AWAITING = select(PendingChoice).where(PendingChoice.workspace_id == bindparam("workspace_id"),
                                        PendingChoice.member_id == bindparam("member_id"),
                                        col(PendingChoice.command).contains("{text}"))
_NEWEST_AWAITING = _AWAITING.order_by(col(PendingChoice.id).desc())
_STAGES = select(PipelineStage).where(PipelineStage.workspace_id == bindparam("workspace_id")).order_by(
    col(PipelineStage.position))
_CLAIM = {name: insert(ProcessedUpdate).values(key=bindparam("key"), created_at=bindparam("at"))
          .on_conflict_do_nothing(index_elements=["key"]).returning(col(ProcessedUpdate.key))
          for name, insert in (("postgresql", postgresql.insert), ("sqlite", sqlite.insert))}


def get_workspace(*, session: Session, key: str) -> Workspace | None:
    return session.exec(_WORKSPACE, params={"key": key}).first()


def workspace_and_member(*, session: Session, key: str,
                         external_id: str) -> tuple[Workspace | None, Member | None]:
    """The workspace with this key and its member with this id, in one statement (each None when missing).

    The statement also tells whether the workspace has webhooks and score rules of its own, so that a message's
    changes need not look them up when it has none (storage.web.note_hooks_and_rules).
    """
    row = session.execute(_WORKSPACE_AND_MEMBER, {"key": key, "external_id": external_id}).first()
    if row is None:
        return None, None
    workspace, member, has_hooks, has_rules = row
    note_hooks_and_rules(session, id_of(workspace), has_hooks, has_rules)
    return workspace, member


def create_workspace(*, session: Session, key: str, name: str) -> Workspace:
    """Create a workspace with the default pipeline."""
    workspace = Workspace(key=key, name=name)
    session.add(workspace)
    session.flush()
    for position, (stage_key, probability, closed) in enumerate(DEFAULT_STAGES):
        session.add(PipelineStage(workspace_id=id_of(workspace), key=stage_key, position=position,
                                  probability=probability, is_closed=closed))
    session.flush()
    return workspace


def get_member(*, session: Session, workspace_id: int, external_id: str) -> Member | None:
    return session.exec(_MEMBER, params={"workspace_id": workspace_id, "external_id": external_id}).first()


def count_members(*, session: Session, workspace_id: int) -> int:
    return session.exec(select(func.count()).select_from(Member)
                        .where(Member.workspace_id == workspace_id)).one()


def get_row(*, session: Session, model: type[Row], workspace_id: int, row_id: int) -> Row | None:
    """Fetch one row by id, only if it belongs to the workspace."""
    row = session.get(model, row_id)
    if row is None or row.workspace_id != workspace_id:
        return None
    return row


def load_rows(*, session: Session, model: type[Row], workspace_id: int, row_ids: Iterable[int | None]) -> list[Row]:
    """The workspace's rows with these ids that the session does not hold yet, read in one statement. While the
    caller keeps them (the session holds its rows weakly), `get_row` finds each in the session instead of asking
    the database once per row (a list of tasks and their contacts)."""
    wanted = sorted({row_id for row_id in row_ids
                     if row_id is not None and identity_key(model, row_id) not in session.identity_map})
    if not wanted:
        return []
    table: Any = model
    return list(session.exec(select(table).where(table.workspace_id == workspace_id, col(table.id).in_(wanted))))


def names(*, session: Session, workspace_id: int) -> Iterator[tuple[str, int, str, str]]:
    """Every name the fuzzy index holds, with its stored folded key: (kind, id, name, key)."""
    for model, name, key, kind in ((Contact, Contact.name, Contact.name_key, "contact"),
                                   (Company, Company.name, Company.name_key, "company"),
                                   (Deal, Deal.title, Deal.title_key, "deal")):
        for row_id, text_, folded in session.exec(select(id_column(model), name, key)
                                                  .where(model.workspace_id == workspace_id)):
            yield kind, row_id, text_, folded


def company_by_key(*, session: Session, workspace_id: int, name_key: str) -> Company | None:
    return session.exec(select(Company).where(Company.workspace_id == workspace_id,
                                              Company.name_key == name_key)).first()


def contacts_by_email_or_phone(*, session: Session, workspace_id: int, email: str | None,
                               phone: str | None) -> list[Contact]:
    found: list[Contact] = []
    for column, value in ((Contact.email, email), (Contact.phone, phone)):
        if value:
            found += session.exec(select(Contact).where(Contact.workspace_id == workspace_id, column == value))
    return list({c.id: c for c in found}.values())


def contacts(*, session: Session, workspace_id: int, limit: int = 50, offset: int = 0) -> list[Contact]:
    return list(session.exec(select(Contact).where(Contact.workspace_id == workspace_id)
                             .order_by(col(Contact.updated_at).desc(), col(Contact.id).desc())
                             .limit(limit).offset(offset)))


def count_contacts(*, session: Session, workspace_id: int) -> int:
    return session.exec(select(func.count()).select_from(Contact).where(Contact.workspace_id == workspace_id)).one()


def contacts_of_company(*, session: Session, workspace_id: int, company_id: int) -> list[Contact]:
    return list(session.exec(select(Contact).where(Contact.workspace_id == workspace_id,
                                                   Contact.company_id == company_id).order_by(Contact.name)))


def interactions_of(*, session: Session, workspace_id: int, contact_id: int,
                    limit: int = 200) -> list[Interaction]:
    return list(session.exec(select(Interaction).where(Interaction.workspace_id == workspace_id,
                                                       Interaction.contact_id == contact_id)
                             .order_by(col(Interaction.created_at).desc()).limit(limit)))


def tasks_of(*, session: Session, workspace_id: int, contact_id: int) -> list[Task]:
    return list(session.exec(select(Task).where(Task.workspace_id == workspace_id, Task.contact_id == contact_id)))


def deals_of(*, session: Session, workspace_id: int, contact_id: int | None = None,
             company_id: int | None = None) -> list[Deal]:
    query = select(Deal).where(Deal.workspace_id == workspace_id)
    if contact_id is not None:
        query = query.where(Deal.contact_id == contact_id)
    if company_id is not None:
        query = query.where(Deal.company_id == company_id)
    return list(session.exec(query.order_by(col(Deal.created_at))))


def stage_changes_of(*, session: Session, workspace_id: int, deal_ids: list[int]) -> list[DealStageChange]:
    if not deal_ids:
        return []
    return list(session.exec(select(DealStageChange).where(DealStageChange.workspace_id == workspace_id,
                                                           col(DealStageChange.deal_id).in_(deal_ids))))


def open_tasks(*, session: Session, workspace_id: int, until: datetime | None = None,
               after: datetime | None = None, undated: bool = False, assignee_id: int | None = None,
               limit: int = 50) -> list[Task]:
    """Open tasks, soonest first; `until`/`after` bound the due time, `undated` asks for those without one."""
    query = _open_tasks(select(Task), workspace_id, until, after, undated, assignee_id)
    return list(session.exec(query.order_by(col(Task.due_at), col(Task.id)).limit(limit)))


def count_open_tasks(*, session: Session, workspace_id: int, until: datetime | None = None,
                     after: datetime | None = None, undated: bool = False, assignee_id: int | None = None,
                     limit: int = 50) -> int:
    """How many tasks `open_tasks` with these bounds finds, counting `limit` at the most; no rows are loaded."""
    found = _open_tasks(select(Task.id), workspace_id, until, after, undated, assignee_id).limit(limit).subquery()
    return session.exec(select(func.count()).select_from(found)).one()


def _open_tasks(query: Narrowed, workspace_id: int, until: datetime | None, after: datetime | None,
                undated: bool, assignee_id: int | None) -> Narrowed:
    query = query.where(Task.workspace_id == workspace_id, col(Task.done_at).is_(None))
    if assignee_id is not None:
        query = query.where(Task.assignee_id == assignee_id)
    if undated:
        return query.where(col(Task.due_at).is_(None))
    query = query.where(col(Task.due_at).is_not(None))
    if until is not None:
        query = query.where(col(Task.due_at) < until)
    if after is not None:
        query = query.where(col(Task.due_at) >= after)
    return query


STAGES = "stages"  # session.info: workspace id -> its pipeline stages, read once per unit of work


def stages(*, session: Session, workspace_id: int) -> list[PipelineStage]:
    """The workspace's stages in pipeline order. They are made with the workspace and never change after, so a
    unit of work reads them once (a new deal needed them three times)."""
    known: dict[int, list[PipelineStage]] = session.info.setdefault(STAGES, {})
    if workspace_id not in known:
        found = list(session.exec(_STAGES, params={"workspace_id": workspace_id}))
        if not found:
            return found  # the workspace is being made: its stages come later in this unit of work
        known[workspace_id] = found
    return list(known[workspace_id])


def open_deals(*, session: Session, workspace_id: int, limit: int = 50) -> list[Deal]:
    closed = select(PipelineStage.id).where(PipelineStage.workspace_id == workspace_id,
                                            col(PipelineStage.is_closed).is_(True))
    return list(session.exec(select(Deal).where(Deal.workspace_id == workspace_id,
                                                col(Deal.stage_id).not_in(closed))
                             .order_by(col(Deal.value_cents).desc()).limit(limit)))


def search_notes(*, session: Session, workspace_id: int, query: str, limit: int = 5) -> list[Interaction]:
    """Notes containing the query: FTS5 trigram on SQLite, pg_trgm-indexed ILIKE on PostgreSQL."""
    if len(query) < 3:
        return []
    if session.get_bind().dialect.name == "sqlite":
        phrase = '"' + query.replace('"', '""') + '"'
        ids = select(text("rowid")).select_from(text("interaction_fts")).where(
            text("interaction_fts MATCH :phrase")).params(phrase=phrase)
        condition = col(Interaction.id).in_(ids)
    else:
        escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        condition = col(Interaction.text).ilike(f"%{escaped}%")
    return list(session.exec(select(Interaction).where(Interaction.workspace_id == workspace_id, condition)
                             .order_by(col(Interaction.created_at).desc()).limit(limit)))


def add_pending(*, session: Session, workspace_id: int, member_id: int, command: str) -> PendingChoice:
    pending = PendingChoice(workspace_id=workspace_id, member_id=member_id, command=command)
    session.add(pending)
    session.flush()
    return pending


def awaited_input(*, session: Session, workspace_id: int, member_id: int) -> PendingChoice | None:
    """The newest command waiting for this member's next text, if any."""
    return session.exec(_NEWEST_AWAITING, params={"workspace_id": workspace_id, "member_id": member_id}).first()


def clear_awaited_input(*, session: Session, workspace_id: int, member_id: int) -> None:
    for pending in session.exec(_AWAITING, params={"workspace_id": workspace_id, "member_id": member_id}).all():
        session.delete(pending)


def update_seen(*, session: Session, key: str) -> bool:
    return session.get(ProcessedUpdate, key) is not None


def claim_update(*, session: Session, key: str) -> bool:
    """Mark a channel update as handled; False when it was handled before. One statement: insert unless there."""
    statement = _CLAIM["postgresql" if session.get_bind().dialect.name == "postgresql" else "sqlite"]
    claimed = session.execute(statement, {"key": key, "at": session.info["now"]})
    return claimed.first() is not None


def attachments_of(*, session: Session, workspace_id: int, contact_id: int, limit: int = 20) -> list[Attachment]:
    return list(session.exec(select(Attachment).where(Attachment.workspace_id == workspace_id,
                                                      Attachment.contact_id == contact_id)
                             .order_by(col(Attachment.created_at).desc()).limit(limit)))


def tidy(*, session: Session, now: datetime) -> int:
    """Forget what is only kept for a while: handled update ids (a week), waiting choices and imports (a day).

    Waiting imports hold personal data, so they must not linger; update ids only guard redeliveries,
    which Telegram and Slack give up on within hours.
    """
    removed = 0
    for model, age in ((ProcessedUpdate, timedelta(days=7)), (PendingChoice, timedelta(days=1)),
                       (PendingImport, timedelta(days=1))):
        result = session.exec(delete(model).where(col(model.created_at) < now - age))
        removed += result.rowcount
    return removed


def claimable_reminders(*, now: datetime, stale_before: datetime) -> Select[int, str | None]:
    """Open tasks due by `now` whose reminder is unsent and unclaimed (or its claim went stale), earliest first.

    Selects (task id, previous claimer); a previous claimer means its claim is being taken over.
    """
    return (select(id_column(Task), Task.reminder_claimed_by).join(Member, col(Task.assignee_id) == Member.id)
            .where(col(Member.delivery_paused).is_(False), col(Task.done_at).is_(None),
                   col(Task.reminded_at).is_(None), col(Task.due_at) <= now,
                   or_(col(Task.reminder_claimed_at).is_(None), col(Task.reminder_claimed_at) < stale_before))
            .order_by(col(Task.due_at)))


def claim_reminder(*, session: Session, task_id: int, owner: str, now: datetime, stale_before: datetime) -> bool:
    """Take a task's reminder unless someone holds a live claim on it; exactly one claimer wins."""
    statement = (update(Task).where(col(Task.id) == task_id, col(Task.reminded_at).is_(None),
                                    col(Task.done_at).is_(None),
                                    or_(col(Task.reminder_claimed_at).is_(None),
                                        col(Task.reminder_claimed_at) < stale_before))
                 .values(reminder_claimed_at=now, reminder_claimed_by=owner))
    return session.exec(statement).rowcount == 1


def renew_reminder_claims(*, session: Session, task_ids: list[int], owner: str, now: datetime) -> set[int]:
    """Refresh this owner's claims on open, unsent reminders; returns the ids it still holds."""
    if not task_ids:
        return set()
    held = (col(Task.id).in_(task_ids), col(Task.reminder_claimed_by) == owner, col(Task.reminded_at).is_(None),
            col(Task.done_at).is_(None))
    session.execute(update(Task).where(*held).values(reminder_claimed_at=now),
                    execution_options={"synchronize_session": False})
    return set(session.exec(select(id_column(Task)).where(*held)))


def confirm_reminder(*, session: Session, task_id: int, now: datetime) -> None:
    """The reminder went out."""
    session.execute(update(Task).where(col(Task.id) == task_id).values(reminded_at=now))


def release_reminder(*, session: Session, task_id: int) -> None:
    """Give up a claim so the next pass retries the reminder."""
    session.execute(update(Task).where(col(Task.id) == task_id)
                    .values(reminder_claimed_at=None, reminder_claimed_by=None))
