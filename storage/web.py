"""Queries for the web companion: access tokens, the board, API listings and the webhook outbox."""

from datetime import datetime
from functools import lru_cache
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import Exists, Select, bindparam, exists, func
from sqlalchemy import select as columns  # sqlmodel's select takes at most four columns
from sqlmodel import Session, col, select

from storage.ids import Owned, id_column, id_of
from storage.leads import has_no_rules
from storage.models import (
    AccessToken,
    AuditEntry,
    Company,
    Contact,
    Deal,
    DealStageChange,
    Interaction,
    Member,
    PipelineStage,
    ScoreRule,
    Task,
    Webhook,
    WebhookDelivery,
    Workspace,
)

Row = TypeVar("Row", bound=Owned)
HOOKS = "webhook_ids"  # session.info: workspace id -> its webhooks' ids, looked up once per transaction


def add_token(*, session: Session, workspace_id: int, member_id: int, kind: str, token_hash: str,
              label: str = "") -> AccessToken:
    token = AccessToken(workspace_id=workspace_id, member_id=member_id, kind=kind, token_hash=token_hash,
                        label=label)
    session.add(token)
    session.flush()
    return token


def live_token(*, session: Session, kind: str, token_hash: str) -> tuple[AccessToken, Workspace, Member] | None:
    """The unrevoked token of this kind with this hash, its workspace and its member, in one query.

    The one lookup not scoped by a workspace id: the token names its workspace. The same query tells whether
    the workspace has webhooks and score rules of its own; when it has none, the transaction's changes
    look neither up again (a webhook or rule added in it is looked up as before).
    """
    found = session.execute(_live_token_query(), {"token_hash": token_hash, "kind": kind}).first()
    if found is None:
        return None
    token, workspace, member, has_hooks, has_rules = found
    note_hooks_and_rules(session, id_of(workspace), has_hooks, has_rules)
    return token, workspace, member


def hooks_and_rules(workspace_id: Any) -> tuple[Exists, Exists]:
    """Whether the workspace has webhooks, and score rules of its own: two EXISTS columns for a query that reads
    the workspace anyway (then `note_hooks_and_rules`)."""
    return (exists().where(col(Webhook.workspace_id) == workspace_id),
            exists().where(col(ScoreRule.workspace_id) == workspace_id))


def note_hooks_and_rules(session: Session, workspace_id: int, has_hooks: bool, has_rules: bool) -> None:
    """What `hooks_and_rules` found: a workspace without webhooks or rules of its own has the transaction's
    changes look neither up (a webhook or rule added in it is looked up as before)."""
    if not has_hooks:
        session.info.setdefault(HOOKS, {})[workspace_id] = []
    if not has_rules:
        has_no_rules(session, workspace_id)


@lru_cache(maxsize=1)
def _live_token_query() -> Select[AccessToken, Workspace, Member, bool, bool]:
    """live_token's query, built once (every API call runs it; building it cost about as much as running it)."""
    hooks, rules = hooks_and_rules(AccessToken.workspace_id)
    return (columns(AccessToken, Workspace, Member, hooks, rules)
            .join(Workspace, col(Workspace.id) == AccessToken.workspace_id)
            .join(Member, (col(Member.id) == AccessToken.member_id) & (col(Member.workspace_id) == Workspace.id))
            .where(col(AccessToken.token_hash) == bindparam("token_hash"), col(AccessToken.kind) == bindparam("kind"),
                   col(AccessToken.revoked_at).is_(None)))


def live_tokens(*, session: Session, workspace_id: int, kind: str, member_id: int | None = None) -> list[AccessToken]:
    query = select(AccessToken).where(AccessToken.workspace_id == workspace_id, AccessToken.kind == kind,
                                      col(AccessToken.revoked_at).is_(None))
    if member_id is not None:
        query = query.where(AccessToken.member_id == member_id)
    return list(session.exec(query.order_by(col(AccessToken.id))))


class BoardDeal(NamedTuple):
    """The columns of an open deal a board card shows (plain rows: no ORM objects for thousands of cards)."""

    id: int
    title: str
    value_cents: int
    currency: str
    stage_id: int
    contact_id: int | None
    contact: str | None  # the contact's name
    company: str | None  # the company's name


class NextTask(NamedTuple):
    title: str
    due_at: datetime | None


def board_deals(*, session: Session, workspace_id: int) -> list[BoardDeal]:
    """Open deals with their contact's and company's names, largest first."""
    closed = select(PipelineStage.id).where(PipelineStage.workspace_id == workspace_id,
                                            col(PipelineStage.is_closed).is_(True))
    query = (columns(col(Deal.id), col(Deal.title), col(Deal.value_cents), col(Deal.currency), col(Deal.stage_id),
                     col(Deal.contact_id), col(Contact.name), col(Company.name))
             .join(Contact, col(Contact.id) == Deal.contact_id, isouter=True)
             .join(Company, col(Company.id) == Deal.company_id, isouter=True)
             .where(col(Deal.workspace_id) == workspace_id, col(Deal.stage_id).not_in(closed))
             .order_by(col(Deal.value_cents).desc(), col(Deal.id)))
    return [BoardDeal(*row) for row in session.execute(query)]


def next_tasks(*, session: Session, workspace_id: int) -> dict[tuple[str, int], NextTask]:
    """The soonest open task of each deal ("deal", id) and of each contact ("contact", id)."""
    found: dict[tuple[str, int], NextTask] = {}
    query = (select(Task.title, Task.due_at, Task.deal_id, Task.contact_id)
             .where(Task.workspace_id == workspace_id, col(Task.done_at).is_(None))
             .order_by(col(Task.due_at).is_(None), col(Task.due_at), col(Task.id)))
    for title, due_at, deal_id, contact_id in session.exec(query):
        for kind, owner_id in (("deal", deal_id), ("contact", contact_id)):
            if owner_id is not None:
                found.setdefault((kind, owner_id), NextTask(title, due_at))
    return found


def page(*, session: Session, model: type[Row], workspace_id: int, filters: dict[str, Any], offset: int,
         limit: int, search: tuple[str, str] | None = None, after: int | None = None,
         count: bool = False, among: list[int] | None = None) -> tuple[list[Row], int | None, int | None]:
    """One page of a workspace's rows (oldest first), the cursor of the next page, and how many match when asked.

    `filters` are column == value; `after` is a cursor (rows with a larger id), cheaper than an offset;
    `among` limits the rows to these ids (a name index's candidates); the count reads every matching row,
    so it is only made on request.
    """
    row_id = id_column(model)
    query = select(model).where(model.workspace_id == workspace_id)
    if among is not None:
        query = query.where(row_id.in_(among))
    for name, value in filters.items():
        column = getattr(model, name)
        query = query.where(col(column).is_(None) if value is None else column == value)
    if search is not None:
        column_name, folded = search
        escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(col(getattr(model, column_name)).like(f"%{escaped}%", escape="\\"))
    total = session.exec(select(func.count()).select_from(query.subquery())).one() if count else None
    if after is not None:
        query = query.where(row_id > after)
    rows = list(session.exec(query.order_by(row_id).offset(offset).limit(limit + 1)))
    following = id_of(rows[limit - 1]) if len(rows) > limit else None
    return rows[:limit], following, total


def created_in(*, session: Session, workspace_id: int, batch: str, entity: str) -> int | None:
    """The id of the first row of a kind that one command created."""
    return session.exec(select(AuditEntry.entity_id).where(
        AuditEntry.workspace_id == workspace_id, AuditEntry.batch == batch, AuditEntry.entity == entity,
        AuditEntry.action == "create").order_by(col(AuditEntry.id))).first()


def webhooks(*, session: Session, workspace_id: int) -> list[Webhook]:
    return list(session.exec(select(Webhook).where(Webhook.workspace_id == workspace_id).order_by(col(Webhook.id))))


def add_delivery(*, session: Session, delivery: WebhookDelivery) -> None:
    session.add(delivery)


def due_deliveries(*, session: Session, now: datetime, limit: int = 50) -> list[tuple[WebhookDelivery, Webhook]]:
    """Deliveries not yet sent nor given up whose next attempt is due, oldest first."""
    query = (select(WebhookDelivery, Webhook).join(Webhook, col(Webhook.id) == WebhookDelivery.webhook_id)
             .where(col(WebhookDelivery.delivered_at).is_(None), col(WebhookDelivery.dead_at).is_(None),
                    col(WebhookDelivery.next_attempt_at) <= now)
             .order_by(col(WebhookDelivery.next_attempt_at), col(WebhookDelivery.id)).limit(limit))
    return [(delivery, hook) for delivery, hook in session.exec(query)]


def dead_deliveries(*, session: Session, workspace_id: int, limit: int = 10) -> list[WebhookDelivery]:
    return list(session.exec(select(WebhookDelivery).where(
        WebhookDelivery.workspace_id == workspace_id, col(WebhookDelivery.dead_at).is_not(None))
        .order_by(col(WebhookDelivery.id).desc()).limit(limit)))


def interactions_page(*, session: Session, workspace_id: int, contact_id: int | None, offset: int,
                      limit: int) -> tuple[list[Interaction], int | None, int | None]:
    return page(session=session, model=Interaction, workspace_id=workspace_id,
                filters={} if contact_id is None else {"contact_id": contact_id}, offset=offset, limit=limit)


def deliveries_of(*, session: Session, webhook_id: int) -> list[WebhookDelivery]:
    return list(session.exec(select(WebhookDelivery).where(WebhookDelivery.webhook_id == webhook_id)))


def feed_tasks(*, session: Session, workspace_id: int, member_id: int, limit: int = 500) -> list[Task]:
    """A member's open dated tasks, soonest first."""
    return list(session.exec(select(Task).where(
        Task.workspace_id == workspace_id, Task.assignee_id == member_id, col(Task.done_at).is_(None),
        col(Task.due_at).is_not(None)).order_by(col(Task.due_at)).limit(limit)))


def feed_meetings(*, session: Session, workspace_id: int, member_id: int, since: datetime,
                  limit: int = 200) -> list[Interaction]:
    """The meetings a member logged since a moment."""
    return list(session.exec(select(Interaction).where(
        Interaction.workspace_id == workspace_id, Interaction.author_id == member_id, Interaction.kind == "meeting",
        col(Interaction.created_at) >= since).order_by(col(Interaction.created_at)).limit(limit)))


def company_named(*, session: Session, workspace_id: int, name_key: str) -> Company | None:
    return session.exec(select(Company).where(Company.workspace_id == workspace_id,
                                              Company.name_key == name_key)).first()


def stage_changes(*, session: Session, workspace_id: int, deal_id: int) -> list[DealStageChange]:
    return list(session.exec(select(DealStageChange).where(DealStageChange.workspace_id == workspace_id,
                                                           DealStageChange.deal_id == deal_id)))
