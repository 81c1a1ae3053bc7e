"""Whole-workspace reads, look-ups and writes in bulk: duplicate candidates, imports, exports.

Like storage.queries, every function takes the workspace and keeps to it.
"""

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timezone
from typing import Any, TypeVar

from sqlalchemy import Table, delete, insert, inspect, or_
from sqlmodel import Session, SQLModel, col, select

from storage.audit import snapshot
from storage.db import now_of
from storage.ids import id_column, id_of
from storage.models import (
    AuditEntry,
    Company,
    Contact,
    Deal,
    Interaction,
    Member,
    NotDuplicate,
    PendingChoice,
    PendingImport,
    PipelineStage,
    Task,
)
from storage.models.keys import derived
from storage.wide import select_columns

T = TypeVar("T")
CHUNK = 500  # ids or values per IN (...), well below every database's parameter limit

ContactRow = tuple[int, str, int | None, str | None, str | None]


def chunks(values: list[T], size: int = CHUNK) -> Iterator[list[T]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def contact_rows(*, session: Session, workspace_id: int) -> list[ContactRow]:
    """(id, name_key, company_id, email, phone) of every contact, oldest first."""
    return list(session.exec(
        select_columns(id_column(Contact), Contact.name_key, Contact.company_id, Contact.email, Contact.phone)
        .where(Contact.workspace_id == workspace_id).order_by(col(Contact.id))))


def company_keys(*, session: Session, workspace_id: int) -> dict[int, str]:
    return {company_id: key for company_id, key in session.exec(
        select(id_column(Company), Company.name_key).where(Company.workspace_id == workspace_id))}


def companies(*, session: Session, workspace_id: int) -> list[Company]:
    return list(session.exec(select(Company).where(Company.workspace_id == workspace_id).order_by(col(Company.id))))


def all_contacts(*, session: Session, workspace_id: int) -> list[Contact]:
    return list(session.exec(select(Contact).where(Contact.workspace_id == workspace_id).order_by(col(Contact.id))))


def all_deals(*, session: Session, workspace_id: int) -> list[Deal]:
    return list(session.exec(select(Deal).where(Deal.workspace_id == workspace_id).order_by(col(Deal.id))))


def stage_keys(*, session: Session, workspace_id: int) -> dict[int, str]:
    return {stage_id: key for stage_id, key in session.exec(
        select(id_column(PipelineStage), PipelineStage.key).where(PipelineStage.workspace_id == workspace_id))}


def member_names(*, session: Session, workspace_id: int) -> dict[int, str]:
    return {member_id: name or external_id for member_id, name, external_id in session.exec(
        select(id_column(Member), Member.name, Member.external_id).where(Member.workspace_id == workspace_id))}


def all_open_tasks(*, session: Session, workspace_id: int) -> list[Task]:
    """Every open task, dated ones soonest first, then the undated ones."""
    return list(session.exec(select(Task).where(Task.workspace_id == workspace_id, col(Task.done_at).is_(None))
                             .order_by(col(Task.due_at).is_(None), col(Task.due_at), col(Task.id))))


def contacts_by_ids(*, session: Session, workspace_id: int, ids: Iterable[int]) -> dict[int, Contact]:
    found: dict[int, Contact] = {}
    for batch in chunks(sorted(set(ids))):
        for contact in session.exec(select(Contact).where(Contact.workspace_id == workspace_id,
                                                          col(Contact.id).in_(batch))):
            found[id_of(contact)] = contact
    return found


def contacts_matching(*, session: Session, workspace_id: int, emails: Iterable[str], phones: Iterable[str],
                      name_keys: Iterable[str]) -> list[ContactRow]:
    """Contacts holding any of the e-mails, phones or folded names, as contact_rows gives them."""
    found: dict[int, ContactRow] = {}
    for column, values in ((Contact.email, emails), (Contact.phone, phones), (Contact.name_key, name_keys)):
        for batch in chunks(sorted(set(values))):
            for row in session.exec(select_columns(id_column(Contact), Contact.name_key, Contact.company_id, Contact.email,
                                           Contact.phone)
                                    .where(Contact.workspace_id == workspace_id, col(column).in_(batch))):
                found[row[0]] = tuple(row)
    return sorted(found.values())


def notes_by_contact(*, session: Session, workspace_id: int) -> dict[int, list[str]]:
    """The text of every note (kind "note") by contact, oldest first: what a vCard NOTE carries."""
    found: dict[int, list[str]] = {}
    for contact_id, text in session.exec(select(Interaction.contact_id, Interaction.text).where(
            Interaction.workspace_id == workspace_id, Interaction.kind == "note",
            col(Interaction.contact_id).is_not(None)).order_by(col(Interaction.id))):
        if contact_id is not None:  # always: the WHERE asks for one
            found.setdefault(contact_id, []).append(text)
    return found


def not_duplicates(*, session: Session, workspace_id: int, kind: str) -> set[tuple[int, int]]:
    """Pairs (low id, high id) marked as different."""
    return {(low, high) for low, high in session.exec(
        select(NotDuplicate.low_id, NotDuplicate.high_id)
        .where(NotDuplicate.workspace_id == workspace_id, NotDuplicate.kind == kind))}


def mark_not_duplicate(*, session: Session, workspace_id: int, kind: str, first: int, second: int,
                       member_id: int | None) -> bool:
    """Remember that two records are different; False when that was known already."""
    low, high = sorted((first, second))
    if (low, high) in not_duplicates(session=session, workspace_id=workspace_id, kind=kind):
        return False
    session.add(NotDuplicate(workspace_id=workspace_id, kind=kind, low_id=low, high_id=high, member_id=member_id))
    session.flush()
    return True


def forget_not_duplicates(*, session: Session, workspace_id: int, kind: str, record_id: int) -> None:
    session.execute(delete(NotDuplicate).where(
        col(NotDuplicate.workspace_id) == workspace_id, col(NotDuplicate.kind) == kind,
        (col(NotDuplicate.low_id) == record_id) | (col(NotDuplicate.high_id) == record_id)))


def add_pending_import(*, session: Session, workspace_id: int, member_id: int, filename: str, payload: str,
                       created_at: datetime) -> PendingImport:
    pending = PendingImport(workspace_id=workspace_id, member_id=member_id, filename=filename[:300],
                            payload=payload, created_at=created_at)
    session.add(pending)
    session.flush()
    return pending


def clear_pending_imports(*, session: Session, workspace_id: int, member_id: int, older_than: datetime) -> None:
    """Drop the member's waiting imports, and anyone's in the workspace older than `older_than`."""
    session.execute(delete(PendingImport).where(
        col(PendingImport.workspace_id) == workspace_id,
        (col(PendingImport.member_id) == member_id) | (col(PendingImport.created_at) < older_than)))


def pending_imports_mentioning(*, session: Session, workspace_id: int, values: list[str]) -> list[PendingImport]:
    """Waiting imports whose payload holds any of the values (for erasing a person)."""
    conditions = [col(PendingImport.payload).contains(value, autoescape=True) for value in values if value]
    if not conditions:
        return []
    return list(session.exec(select(PendingImport).where(PendingImport.workspace_id == workspace_id,
                                                         or_(*conditions))))


def pending_choices_mentioning(*, session: Session, workspace_id: int, values: list[str]) -> list[PendingChoice]:
    """Commands waiting for a pick or text that hold any of the values (for erasing a person)."""
    conditions = [col(PendingChoice.command).contains(value, autoescape=True) for value in values if value]
    if not conditions:
        return []
    return list(session.exec(select(PendingChoice).where(PendingChoice.workspace_id == workspace_id,
                                                         or_(*conditions))))


def _json_value(value: object) -> object:
    """A column value as storage.audit.snapshot writes it (pydantic's JSON mode: UTC times end in Z)."""
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
    return value


def insert_audited(*, session: Session, model: type[SQLModel], rows: list[dict[str, Any]], workspace_id: int,
                   member_id: int | None, batch: str) -> list[int]:
    """Insert many rows of one table with their "create" audit entries; returns the new ids in row order.

    The rows are plain dicts holding every column but the id: no model objects are built, which
    makes a 50,000-contact import several times faster. The snapshots equal storage.audit.snapshot's.
    """
    fields = list(model.model_fields)
    rows = [{**row, **derived(model, row)} for row in rows]  # the folded columns (storage.models.keys)
    table: Table = inspect(model).local_table  # the model's table (what declarative calls __table__)
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    ids: list[int] = []
    for part in chunks(rows, 1_000):
        ids += session.execute(statement, part).scalars().all()
    now = now_of(session)
    entity = model.__name__.lower()
    entries = [{"workspace_id": workspace_id, "member_id": member_id, "batch": batch, "entity": entity,
                "entity_id": row_id, "action": "create", "before": None, "undone": False, "created_at": now,
                "after": json.dumps({f: _json_value(row_id if f == "id" else row.get(f)) for f in fields},
                                    ensure_ascii=False, sort_keys=True)}
               for row_id, row in zip(ids, rows, strict=False)]
    for part in chunks(entries, 5_000):
        session.execute(insert(AuditEntry), part)
    return ids


def audit_many(*, session: Session, workspace_id: int, member_id: int | None, batch: str, action: str,
               changes: Sequence[tuple[SQLModel, str | None]]) -> None:
    """Write the audit rows of many changed records in one statement per chunk.

    Each row is what storage.audit.record_change writes for one (record, snapshot before) pair.
    """
    now = now_of(session)
    rows = [{"workspace_id": workspace_id, "member_id": member_id, "batch": batch,
             "entity": type(record).__name__.lower(), "entity_id": id_of(record), "action": action,
             "before": before, "after": None if action == "delete" else snapshot(record), "undone": False,
             "created_at": now} for record, before in changes]
    for part in chunks(rows, 5_000):
        session.execute(insert(AuditEntry), part)
