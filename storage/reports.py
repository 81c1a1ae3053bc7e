"""Report queries for digests and forecasts; each keeps to one workspace."""

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import exists, func, or_
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from storage.ids import id_column
from storage.models import Deal, DealStageChange, Interaction, PipelineStage, Task
from storage.wide import select_columns


def _open_stage_ids(workspace_id: int) -> SelectOfScalar[int]:
    return select(id_column(PipelineStage)).where(PipelineStage.workspace_id == workspace_id,
                                          col(PipelineStage.is_closed).is_(False))


def overdue_per_member(*, session: Session, workspace_id: int, now: datetime) -> list[tuple[int, int]]:
    """(member id, overdue open tasks), most first."""
    rows = session.exec(select(Task.assignee_id, func.count()).where(
        Task.workspace_id == workspace_id, col(Task.done_at).is_(None), col(Task.due_at) < now,
        col(Task.assignee_id).is_not(None)).group_by(col(Task.assignee_id)).order_by(func.count().desc()))
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


class TaskLine(NamedTuple):
    """What a digest shows of a task."""

    id: int
    title: str
    due_at: datetime
    assignee_id: int


class DealLine(NamedTuple):
    """What a digest shows of a deal."""

    id: int
    title: str
    value_cents: int
    currency: str
    owner_id: int | None
    team_rank: int


def tasks_due_by_assignee(*, session: Session, workspace_id: int, until: datetime,
                          per_member: int = 20) -> list[TaskLine]:
    """Open assigned tasks due before `until`: the `per_member` soonest of every assignee, soonest first."""
    rank = func.row_number().over(partition_by=col(Task.assignee_id),
                                  order_by=(col(Task.due_at), col(Task.id))).label("rank")
    ranked = (select_columns(col(Task.id), col(Task.title), col(Task.due_at), col(Task.assignee_id), rank)
              .where(Task.workspace_id == workspace_id, col(Task.done_at).is_(None), col(Task.due_at) < until,
                     col(Task.assignee_id).is_not(None)).subquery())
    rows = session.exec(select(ranked.c.id, ranked.c.title, ranked.c.due_at, ranked.c.assignee_id)
                        .where(ranked.c.rank <= per_member).order_by(ranked.c.due_at, ranked.c.id))
    return [TaskLine(*row) for row in rows]


def stale_deals_ranked(*, session: Session, workspace_id: int, cutoff: datetime,
                       limit: int = 10) -> tuple[list[DealLine], int]:
    """Open deals untouched since `cutoff` (no change to the deal, no interaction with its contact): the `limit` oldest of the team and of each
    owner, oldest first, and how many there are in all."""
    recent_note = exists().where(col(Interaction.workspace_id) == workspace_id,
                                 col(Interaction.contact_id) == col(Deal.contact_id),
                                 col(Interaction.created_at) >= cutoff)
    order = (col(Deal.updated_at), col(Deal.id))
    ranked = (select_columns(col(Deal.id), col(Deal.title), col(Deal.value_cents), col(Deal.currency), col(Deal.owner_id),
                     func.row_number().over(order_by=order).label("team_rank"),
                     func.row_number().over(partition_by=col(Deal.owner_id), order_by=order).label("owner_rank"),
                     func.count().over().label("total"))
              .where(Deal.workspace_id == workspace_id, col(Deal.stage_id).in_(_open_stage_ids(workspace_id)),
                     col(Deal.updated_at) < cutoff, ~recent_note).subquery())
    rows = list(session.exec(select_columns(ranked.c.id, ranked.c.title, ranked.c.value_cents, ranked.c.currency,
                                    ranked.c.owner_id, ranked.c.team_rank, ranked.c.total)
                             .where(or_(ranked.c.team_rank <= limit, ranked.c.owner_rank <= limit))
                             .order_by(ranked.c.team_rank)))
    return [DealLine(*row[:6]) for row in rows], (rows[0][6] if rows else 0)


def forecast_rows(*, session: Session, workspace_id: int, start: datetime,
                  end: datetime) -> tuple[list[tuple[int, str, int, datetime]], list[tuple[str, int, datetime]]]:
    """The forecast's figures, per deal, for any period within [start, end): the moves into won
    of deals now won (deal id, currency, value, when), and the open deals closing in it
    (currency, value × probability, close date)."""
    won = select(id_column(PipelineStage)).where(PipelineStage.workspace_id == workspace_id, PipelineStage.key == "won")
    moves = session.exec(select(id_column(Deal), Deal.currency, Deal.value_cents, DealStageChange.changed_at)
                         .join(DealStageChange, col(DealStageChange.deal_id) == Deal.id)
                         .where(Deal.workspace_id == workspace_id, col(Deal.stage_id).in_(won),
                                DealStageChange.workspace_id == workspace_id, col(DealStageChange.to_stage_id).in_(won),
                                col(DealStageChange.changed_at) >= start, col(DealStageChange.changed_at) < end))
    closing = session.exec(select(Deal.currency, Deal.value_cents, Deal.probability, Deal.close_date)
                           .where(Deal.workspace_id == workspace_id, col(Deal.stage_id).in_(_open_stage_ids(workspace_id)),
                                  col(Deal.close_date) >= start, col(Deal.close_date) < end))
    return ([(deal, currency, int(value), at) for deal, currency, value, at in moves],
            [(currency, int(value) * int(probability), at) for currency, value, probability, at in closing
             if at is not None])  # the WHERE above leaves no deal without a close date
