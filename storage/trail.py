"""The audit trail around one record: what the log holds about a contact (and what belonged to it) or a deal.

Snapshots are JSON with sorted keys (storage.audit.snapshot), so a link reads `"contact_id": 12,` inside
them; that is what the look-ups below search for, then confirm on the parsed JSON.
"""

import json
from collections.abc import Iterable

from sqlalchemy import ColumnElement, or_, update
from sqlmodel import Session, col, select

from storage.ids import id_of
from storage.models import AuditEntry

ERASED = '{"erased": true}'  # what an erased snapshot is replaced with
CONTACT_PARTS = ("interaction", "task", "attachment", "contactemail", "contactphone")  # rows that belong to a contact and go with it
CONTACT_LINKS = CONTACT_PARTS + ("deal",)
DEAL_PARTS = ("dealstagechange", "interaction", "task")


def _mentions(field: str, ids: Iterable[int]) -> ColumnElement[bool]:
    patterns = [f'"{field}": {row_id},' for row_id in ids]
    return or_(*(col(column).contains(pattern, autoescape=True)
                 for column in (AuditEntry.before, AuditEntry.after) for pattern in patterns))


def _links(entry: AuditEntry, field: str, ids: set[int]) -> bool:
    return any(json.loads(data).get(field) in ids for data in (entry.before, entry.after) if data)


def entries_about_contacts(*, session: Session, workspace_id: int, contact_ids: set[int],
                           parts: tuple[str, ...] = CONTACT_LINKS, limit: int | None = None) -> list[AuditEntry]:
    """Entries about the contacts themselves and about rows linked to them (notes, tasks, files, deals), newest first."""
    if not contact_ids:
        return []
    own = (col(AuditEntry.entity) == "contact") & col(AuditEntry.entity_id).in_(sorted(contact_ids))
    linked = col(AuditEntry.entity).in_(parts) & _mentions("contact_id", contact_ids)
    query = (select(AuditEntry).where(AuditEntry.workspace_id == workspace_id, own | linked)
             .order_by(col(AuditEntry.id).desc()))
    found = [e for e in session.exec(query) if e.entity == "contact" or _links(e, "contact_id", contact_ids)]
    found += _rest_of_parts(session, workspace_id, found)
    found.sort(key=lambda e: -id_of(e))
    return found[:limit] if limit is not None else found


def _rest_of_parts(session: Session, workspace_id: int, found: list[AuditEntry]) -> list[AuditEntry]:
    """The other entries of the notes, tasks and files found: e.g. a file's creation, before it was linked."""
    seen = {e.id for e in found}
    parts: dict[str, set[int]] = {}
    for entry in found:
        if entry.entity in CONTACT_PARTS:
            parts.setdefault(entry.entity, set()).add(entry.entity_id)
    more: list[AuditEntry] = []
    for entity, ids in parts.items():
        for start in range(0, len(ids), 500):
            batch = sorted(ids)[start:start + 500]
            more += [e for e in session.exec(select(AuditEntry).where(
                AuditEntry.workspace_id == workspace_id, AuditEntry.entity == entity,
                col(AuditEntry.entity_id).in_(batch))) if e.id not in seen]
    return more


def entries_about_deal(*, session: Session, workspace_id: int, deal_id: int, limit: int | None = None
                       ) -> list[AuditEntry]:
    """Entries about a deal, its stage changes, and notes and tasks linked to it, newest first."""
    own = (col(AuditEntry.entity) == "deal") & (col(AuditEntry.entity_id) == deal_id)
    linked = col(AuditEntry.entity).in_(DEAL_PARTS) & _mentions("deal_id", [deal_id])
    query = (select(AuditEntry).where(AuditEntry.workspace_id == workspace_id, own | linked)
             .order_by(col(AuditEntry.id).desc()))
    found = [e for e in session.exec(query) if e.entity == "deal" or _links(e, "deal_id", {deal_id})]
    return found[:limit] if limit is not None else found


def entries_about_record(*, session: Session, workspace_id: int, entity: str, entity_id: int,
                         limit: int | None = None) -> list[AuditEntry]:
    query = (select(AuditEntry).where(AuditEntry.workspace_id == workspace_id, AuditEntry.entity == entity,
                                      AuditEntry.entity_id == entity_id).order_by(col(AuditEntry.id).desc()))
    return list(session.exec(query.limit(limit) if limit is not None else query))


def merged_into(*, session: Session, workspace_id: int, contact_id: int) -> set[int]:
    """The contact and every contact merged into it (a contact deleted by the command that updated it)."""
    found = {contact_id}
    while True:
        batches = select(AuditEntry.batch).where(
            AuditEntry.workspace_id == workspace_id, AuditEntry.entity == "contact", AuditEntry.action == "update",
            col(AuditEntry.entity_id).in_(sorted(found)), col(AuditEntry.undone).is_(False))
        deleted = set(session.exec(select(AuditEntry.entity_id).where(
            AuditEntry.workspace_id == workspace_id, AuditEntry.entity == "contact", AuditEntry.action == "delete",
            col(AuditEntry.batch).in_(batches), col(AuditEntry.undone).is_(False))))
        if deleted <= found:
            return found
        found |= deleted


def scrub(*, session: Session, workspace_id: int, entries: list[AuditEntry]) -> int:
    """Replace the snapshots of the entries with a marker and retire their commands from /undo.

    A whole command (batch) is retired, not just the scrubbed rows: undoing half of it could bring
    back what the other half referred to.
    """
    for entry in entries:
        entry.before = ERASED if entry.before is not None else None
        entry.after = ERASED if entry.after is not None else None
        entry.undone = True
        session.add(entry)
    batches = sorted({entry.batch for entry in entries})
    for start in range(0, len(batches), 500):
        session.execute(update(AuditEntry).where(col(AuditEntry.workspace_id) == workspace_id,
                                                 col(AuditEntry.batch).in_(batches[start:start + 500]))
                        .values(undone=True))
    session.flush()
    return len(entries)


def record_final(*, session: Session, workspace_id: int, member_id: int | None, batch: str, entity: str,
                 entity_id: int, action: str, before: str | None, after: str | None) -> None:
    """Log a change that /undo must not revert (an erase, or what it did to keep other rows)."""
    session.add(AuditEntry(workspace_id=workspace_id, member_id=member_id, batch=batch, entity=entity,
                           entity_id=entity_id, action=action, before=before, after=after, undone=True))
