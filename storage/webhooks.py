"""Outgoing webhooks: each audited change becomes outbox rows in its own transaction; the scheduler sends them."""

import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, SQLModel

from storage import web as store
from storage.audit import as_dict
from storage.db import Database
from storage.ids import id_of
from storage.models import Company, Contact, Deal, DealStageChange, Interaction, Task, WebhookDelivery

MAX_ATTEMPTS = 6  # then the delivery is dead-lettered and /web hooks shows it
FIRST_RETRY = timedelta(seconds=30)  # doubled after each failure
LEASE = timedelta(minutes=2)  # a claimed delivery is not handed to another sender meanwhile
ENTITIES = {Contact: "contact", Company: "company", Deal: "deal", Task: "task", Interaction: "note"}
ACTIONS = {"create": "created", "update": "updated", "delete": "deleted"}
HOOKS = store.HOOKS  # session.info: workspace id -> its webhooks' ids, looked up once per transaction


@dataclass(frozen=True)
class Outgoing:
    id: int
    url: str
    secret: str
    body: str
    idempotency_key: str
    attempts: int


def event_name(action: str, record: SQLModel, before: str | None) -> str | None:
    """contact.created, deal.updated, deal.stage_changed, task.done, ...; None for rows no receiver cares about."""
    if isinstance(record, DealStageChange):
        return "deal.stage_changed" if action == "create" else None
    entity = ENTITIES.get(type(record))
    if entity is None:
        return None
    if isinstance(record, Task) and action == "update" and record.done_at and not as_dict(before).get("done_at"):
        return "task.done"
    return f"{entity}.{ACTIONS[action]}"


def enqueue(session: Session, workspace_id: int, action: str, record: SQLModel, before: str | None,
            now: datetime) -> None:
    """One outbox row per webhook of the workspace for this change (nothing when it has none)."""
    hooks = hook_ids(session, workspace_id)
    event = hooks and event_name(action, record, before)
    if not event:
        return
    data = as_dict(before) if action == "delete" else record.model_dump(mode="json")
    for hook in hooks:
        key = uuid.uuid4().hex
        body = json.dumps({"id": key, "event": event, "occurred_at": now.isoformat(), "workspace_id": workspace_id,
                           "data": data}, ensure_ascii=False, sort_keys=True)
        store.add_delivery(session=session, delivery=WebhookDelivery(
            workspace_id=workspace_id, webhook_id=hook, event=event, payload=body,
            idempotency_key=key, next_attempt_at=now))


def hook_ids(session: Session, workspace_id: int) -> list[int]:
    """The ids of the workspace's webhooks, read once per transaction (a command audits many rows)."""
    known: dict[int, list[int]] = session.info.setdefault(HOOKS, {})
    if workspace_id not in known:
        known[workspace_id] = [id_of(hook) for hook in store.webhooks(session=session, workspace_id=workspace_id)]
    return known[workspace_id]


def forget_hooks(session: Session) -> None:
    """A webhook was added or removed in this transaction: the next change looks them up again."""
    session.info.pop(HOOKS, None)


def claim_due(db: Database, now: datetime) -> list[Outgoing]:
    """Deliveries due now, leased to this sender for LEASE."""
    with db.transaction(now=now) as session:
        claimed = []
        for delivery, hook in store.due_deliveries(session=session, now=now):
            delivery.next_attempt_at = now + LEASE
            session.add(delivery)
            claimed.append(Outgoing(id_of(delivery), hook.url, hook.secret, delivery.payload,
                                    delivery.idempotency_key, delivery.attempts))
        return claimed


def record_outcome(db: Database, delivery_id: int, now: datetime, error: str | None) -> None:
    """Mark a delivery sent, or count the failure: retry with backoff, dead-letter after MAX_ATTEMPTS."""
    with db.transaction(now=now) as session:
        delivery = session.get(WebhookDelivery, delivery_id)
        if delivery is None:
            return
        if error is None:
            delivery.delivered_at = now
        else:
            delivery.attempts += 1
            delivery.last_error = error[:300]
            if delivery.attempts >= MAX_ATTEMPTS:
                delivery.dead_at = now
            else:
                delivery.next_attempt_at = now + FIRST_RETRY * 2 ** (delivery.attempts - 1)
        session.add(delivery)
