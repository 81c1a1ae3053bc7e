"""Report queries for digests and forecasts; each keeps to one workspace."""

from datetime import datetime

from sqlalchemy import exists, func
from sqlmodel import Session, col, select

from storage.models import Deal, DealStageChange, Interaction, PipelineStage, Task
from storage.queries import weighted_sum


def _open_stage_ids(workspace_id: int):  # type: ignore[no-untyped-def]
    return select(PipelineStage.id).where(PipelineStage.workspace_id == workspace_id,
                                          col(PipelineStage.is_closed).is_(False))


def member_tasks_due(*, session: Session, workspace_id: int, member_id: int, until: datetime,
                     limit: int = 20) -> list[Task]:
    """Open tasks assigned to the member that are due before `until` (overdue ones included)."""
    return list(session.exec(select(Task).where(Task.workspace_id == workspace_id, Task.assignee_id == member_id,
                                                col(Task.done_at).is_(None), col(Task.due_at) < until)
                             .order_by(col(Task.due_at)).limit(limit)))


def overdue_per_member(*, session: Session, workspace_id: int, now: datetime) -> list[tuple[int, int]]:
    """(member id, overdue open tasks), most first."""
    rows = session.exec(select(Task.assignee_id, func.count()).where(
        Task.workspace_id == workspace_id, col(Task.done_at).is_(None), col(Task.due_at) < now,
        col(Task.assignee_id).is_not(None)).group_by(Task.assignee_id).order_by(func.count().desc()))
    return [(member_id, count) for member_id, count in rows if member_id is not None]


def deals_created_since(*, session: Session, workspace_id: int, since: datetime) -> list[Deal]:
    return list(session.exec(select(Deal).where(Deal.workspace_id == workspace_id, col(Deal.created_at) > since)
                             .order_by(col(Deal.created_at), col(Deal.id))))


def stage_moves_since(*, session: Session, workspace_id: int, since: datetime) -> list[tuple[DealStageChange, Deal]]:
    """Moves between stages (not the first placement of a new deal) since `since`."""
    rows = session.exec(select(DealStageChange, Deal).join(Deal, col(DealStageChange.deal_id) == Deal.id)
                        .where(DealStageChange.workspace_id == workspace_id, col(DealStageChange.changed_at) > since,
                               col(DealStageChange.from_stage_id).is_not(None))
                        .order_by(col(DealStageChange.changed_at), col(DealStageChange.id)))
    return [(change, deal) for change, deal in rows]


def open_deals_closing(*, session: Session, workspace_id: int, start: datetime, end: datetime) -> list[Deal]:
    return list(session.exec(select(Deal).where(Deal.workspace_id == workspace_id,
                                                col(Deal.stage_id).in_(_open_stage_ids(workspace_id)),
                                                col(Deal.close_date) >= start, col(Deal.close_date) < end)
                             .order_by(col(Deal.close_date))))


def stale_deals(*, session: Session, workspace_id: int, cutoff: datetime, owner_id: int | None = None,
                limit: int = 10) -> list[Deal]:
    """Open deals untouched since `cutoff`: no change to the deal and no interaction with its contact."""
    recent_note = exists().where(Interaction.workspace_id == workspace_id,
                                 col(Interaction.contact_id) == col(Deal.contact_id),
                                 col(Interaction.created_at) >= cutoff)
    query = select(Deal).where(Deal.workspace_id == workspace_id, col(Deal.stage_id).in_(_open_stage_ids(workspace_id)),
                               col(Deal.updated_at) < cutoff, ~recent_note)
    if owner_id is not None:
        query = query.where(Deal.owner_id == owner_id)
    return list(session.exec(query.order_by(col(Deal.updated_at)).limit(limit)))


def weighted_forecast(*, session: Session, workspace_id: int, start: datetime,
                      end: datetime) -> dict[str, tuple[int, int]]:
    """Per currency: (won value closed in the period, probability-weighted value of open deals closing in it)."""
    won = select(PipelineStage.id).where(PipelineStage.workspace_id == workspace_id, PipelineStage.key == "won")
    result: dict[str, tuple[int, int]] = {}
    won_in_period = select(DealStageChange.deal_id).where(
        DealStageChange.workspace_id == workspace_id, col(DealStageChange.to_stage_id).in_(won),
        col(DealStageChange.changed_at) >= start, col(DealStageChange.changed_at) < end)
    for currency, value in session.exec(
            select(Deal.currency, func.sum(Deal.value_cents)).where(
                Deal.workspace_id == workspace_id, col(Deal.stage_id).in_(won),
                col(Deal.id).in_(won_in_period)).group_by(Deal.currency)):
        result[currency] = (int(value or 0), 0)
    for currency, weighted in session.exec(
            select(Deal.currency, weighted_sum()).where(
                Deal.workspace_id == workspace_id, col(Deal.stage_id).in_(_open_stage_ids(workspace_id)),
                col(Deal.close_date) >= start, col(Deal.close_date) < end).group_by(Deal.currency)):
        result[currency] = (result.get(currency, (0, 0))[0], int(weighted or 0) // 100)
    return result
