"""The audit log: one row per changed record, grouped per command so the change can be undone."""

import json
from datetime import datetime
from typing import Any

from sqlmodel import Session, SQLModel, col, select

from storage.ids import id_of
from storage.models import (
    Address,
    AssignmentRule,
    Attachment,
    AuditEntry,
    Campaign,
    CampaignMember,
    Company,
    Contact,
    ContactEmail,
    ContactPhone,
    CustomField,
    CustomValue,
    Deal,
    DealStageChange,
    Interaction,
    ScoreRule,
    Segment,
    Tag,
    Tagging,
    Task,
)

# what /undo restores
Audited = (Address | Attachment | Company | Contact | ContactEmail | ContactPhone | Deal | DealStageChange | Interaction
           | Task | Tag | Tagging | Segment | Campaign | CampaignMember | ScoreRule | AssignmentRule | CustomField | CustomValue)
TABLES: dict[str, type[Audited]] = {
    model.__name__.lower(): model for model in (Address, Attachment, Company, Contact, ContactEmail, ContactPhone, Deal,
                                                DealStageChange, Interaction, Task, Tag, Tagging, Segment, Campaign,
                                                CampaignMember, ScoreRule, AssignmentRule, CustomField, CustomValue)
}


def snapshot(record: SQLModel) -> str:
    """Serialize a row to JSON for the log."""
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False, sort_keys=True)


def restore(entity: str, data: str) -> Audited:
    """Rebuild a row object from a snapshot."""
    model = TABLES[entity]
    return model.model_validate(json.loads(data))


def record_change(*, session: Session, workspace_id: int, member_id: int | None, batch: str,
                  action: str, record: SQLModel, before: str | None, at: datetime) -> None:
    """Write one audit row; `before` is the snapshot taken before an update or delete, `at` the command's time."""
    entity = type(record).__name__.lower()
    after = None if action == "delete" else snapshot(record)
    session.add(AuditEntry(workspace_id=workspace_id, member_id=member_id, batch=batch, entity=entity,
                           entity_id=id_of(record), action=action, before=before, after=after,
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


def batch_entries(*, session: Session, workspace_id: int, batch: str) -> list[AuditEntry]:
    """Every entry of one command (undone or not), in the order they happened."""
    return list(session.exec(select(AuditEntry).where(AuditEntry.workspace_id == workspace_id,
                                                      AuditEntry.batch == batch).order_by(col(AuditEntry.id))))


def later_changes(*, session: Session, workspace_id: int, entries: list[AuditEntry]) -> list[AuditEntry]:
    """Changes still in force, made after these entries by other commands, to the same rows."""
    if not entries:
        return []
    last = max(id_of(entry) for entry in entries)
    batches = {entry.batch for entry in entries}
    found: list[AuditEntry] = []
    for entity in sorted({entry.entity for entry in entries}):
        ids = sorted({entry.entity_id for entry in entries if entry.entity == entity})
        for start in range(0, len(ids), 500):
            found += session.exec(select(AuditEntry).where(
                AuditEntry.workspace_id == workspace_id, AuditEntry.entity == entity,
                col(AuditEntry.entity_id).in_(ids[start:start + 500]), col(AuditEntry.id) > last,
                col(AuditEntry.undone).is_(False), col(AuditEntry.batch).not_in(batches)))
    return found


def as_dict(data: str | None) -> dict[str, Any]:
    return json.loads(data) if data else {}
