"""The audit log: one row per changed record, grouped per command so the change can be undone."""

import json
from datetime import datetime
from typing import Any

from sqlmodel import Session, SQLModel, col, select

from storage.models import Attachment, AuditEntry, Company, Contact, Deal, DealStageChange, Interaction, Task

TABLES: dict[str, type[SQLModel]] = {
    model.__name__.lower(): model for model in (Attachment, Company, Contact, Deal, DealStageChange, Interaction, Task)
}


def snapshot(record: SQLModel) -> str:
    """Serialize a row to JSON for the log."""
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)


def restore(entity: str, data: str) -> SQLModel:
    """Rebuild a row object from a snapshot."""
    model = TABLES[entity]
    return model.model_validate(json.loads(data))


def record_change(*, session: Session, workspace_id: int, member_id: int | None, batch: str,
                  action: str, record: SQLModel, before: str | None, at: datetime) -> None:
    """Write one audit row; `before` is the snapshot taken before an update or delete, `at` the command's time."""
    entity = type(record).__name__.lower()
    after = None if action == "delete" else snapshot(record)
    session.add(AuditEntry(workspace_id=workspace_id, member_id=member_id, batch=batch, entity=entity,
                           entity_id=record.id, action=action, before=before, after=after,  # type: ignore[attr-defined]
                           created_at=at))


def last_batch(*, session: Session, workspace_id: int, member_id: int) -> list[AuditEntry]:
    """The entries of the member's newest change that is not undone yet, in the order they happened."""
    newest = session.exec(
        select(AuditEntry.batch)
        .where(AuditEntry.workspace_id == workspace_id, AuditEntry.member_id == member_id,
               col(AuditEntry.undone).is_(False))
        .order_by(col(AuditEntry.id).desc()).limit(1)
    ).first()
    if newest is None:
        return []
    return list(session.exec(
        select(AuditEntry).where(AuditEntry.workspace_id == workspace_id, AuditEntry.batch == newest,
                                 col(AuditEntry.undone).is_(False))
        .order_by(col(AuditEntry.id))
    ))


def as_dict(data: str | None) -> dict[str, Any]:
    return json.loads(data) if data else {}
