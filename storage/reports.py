"""Report queries for digests and forecasts; each keeps to one workspace.

A digest pass runs each of them once per workspace, so they are built once with bound parameters
(`:ws` and the period's bounds): building a statement with a subquery and window functions cost
SQLAlchemy several times what SQLite takes to run it.
"""

from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import bindparam, exists, func, or_
from sqlmodel import Session, col, select

from storage.ids import id_column
from storage.models import Deal, DealStageChange, Interaction, PipelineStage, Task
from storage.wide import select_columns

_WS: Any = bindparam("ws")
_OPEN_STAGES = select(id_column(PipelineStage)).where(PipelineStage.workspace_id == _WS,
                                                      col(PipelineStage.is_closed).is_(False))
_WON_STAGE = select(id_column(PipelineStage)).where(PipelineStage.workspace_id == _WS, PipelineStage.key == "won")


class NewDeal(NamedTuple):
    """What a digest shows of a new deal."""

    title: str
    value_cents: int
    currency: str
    created_at: datetime


class StageMove(NamedTuple):
    """What a digest shows of a move between stages."""

    from_stage_id: int | None
    to_stage_id: int
    changed_at: datetime
    title: str
    value_cents: int
    currency: str


class ClosingDeal(NamedTuple):
    """An open deal with a close date, as the digest's closings and forecast use it."""

    title: str
    value_cents: int
    currency: str
    probability: int
    close_date: datetime


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


_OVERDUE = (select(Task.assignee_id, func.count())
            .where(Task.workspace_id == _WS, col(Task.done_at).is_(None), col(Task.due_at) < bindparam("now"),
                   col(Task.assignee_id).is_not(None))
            .group_by(col(Task.assignee_id)).order_by(func.count().desc()))


def overdue_per_member(*, session: Session, workspace_id: int, now: datetime) -> list[tuple[int, int]]:
    """(member id, overdue open tasks), most first."""
    rows = session.exec(_OVERDUE, params={"ws": workspace_id, "now": now})
    return [(member_id, count) for member_id, count in rows if member_id is not None]


_CREATED = (select_columns(col(Deal.title), col(Deal.value_cents), col(Deal.currency), col(Deal.created_at))
            .where(Deal.workspace_id == _WS, col(Deal.created_at) > bindparam("since"))
            .order_by(col(Deal.created_at), col(Deal.id)))


def deals_created_since(*, session: Session, workspace_id: int, since: datetime) -> list[NewDeal]:
    return [NewDeal(*row) for row in session.exec(_CREATED, params={"ws": workspace_id, "since": since})]


_MOVES = (select_columns(col(DealStageChange.from_stage_id), col(DealStageChange.to_stage_id),
                         col(DealStageChange.changed_at), col(Deal.title), col(Deal.value_cents), col(Deal.currency))
          .join(Deal, col(DealStageChange.deal_id) == Deal.id)
          .where(DealStageChange.workspace_id == _WS, col(DealStageChange.changed_at) > bindparam("since"),
                 col(DealStageChange.from_stage_id).is_not(None))
          .order_by(col(DealStageChange.changed_at), col(DealStageChange.id)))


def stage_moves_since(*, session: Session, workspace_id: int, since: datetime) -> list[StageMove]:
    """Moves between stages (not the first placement of a new deal) since `since`, oldest first."""
    return [StageMove(*row) for row in session.exec(_MOVES, params={"ws": workspace_id, "since": since})]


_CLOSING = (select_columns(col(Deal.title), col(Deal.value_cents), col(Deal.currency), col(Deal.probability),
                           col(Deal.close_date))
            .where(Deal.workspace_id == _WS, col(Deal.stage_id).in_(_OPEN_STAGES),
                   col(Deal.close_date) >= bindparam("start"), col(Deal.close_date) < bindparam("end"))
            .order_by(col(Deal.close_date), col(Deal.id)))


def open_deals_closing(*, session: Session, workspace_id: int, start: datetime, end: datetime) -> list[ClosingDeal]:
    """Open deals whose close date falls in [start, end), soonest first."""
    rows = session.exec(_CLOSING, params={"ws": workspace_id, "start": start, "end": end})
    return [ClosingDeal(title, int(value), currency, int(probability), at) for title, value, currency, probability, at
            in rows if at is not None]  # the WHERE above leaves no deal without a close date


def _tasks_due() -> Any:
    rank = func.row_number().over(partition_by=col(Task.assignee_id),
                                  order_by=(col(Task.due_at), col(Task.id))).label("rank")
    ranked = (select_columns(col(Task.id), col(Task.title), col(Task.due_at), col(Task.assignee_id), rank)
              .where(Task.workspace_id == _WS, col(Task.done_at).is_(None), col(Task.due_at) < bindparam("until"),
                     col(Task.assignee_id).is_not(None)).subquery())
    return (select_columns(ranked.c.id, ranked.c.title, ranked.c.due_at, ranked.c.assignee_id)
            .where(ranked.c.rank <= bindparam("per_member")).order_by(ranked.c.due_at, ranked.c.id))


_TASKS_DUE = _tasks_due()


def tasks_due_by_assignee(*, session: Session, workspace_id: int, until: datetime,
                          per_member: int = 20) -> list[TaskLine]:
    """Open assigned tasks due before `until`: the `per_member` soonest of every assignee, soonest first."""
    rows = session.exec(_TASKS_DUE, params={"ws": workspace_id, "until": until, "per_member": per_member})
    return [TaskLine(*row) for row in rows]


def _stale() -> Any:
    cutoff: Any = bindparam("cutoff")
    recent_note = exists().where(col(Interaction.workspace_id) == _WS,
                                 col(Interaction.contact_id) == col(Deal.contact_id),
                                 col(Interaction.created_at) >= cutoff)
    order = (col(Deal.updated_at), col(Deal.id))
    ranked = (select_columns(col(Deal.id), col(Deal.title), col(Deal.value_cents), col(Deal.currency),
                             col(Deal.owner_id), func.row_number().over(order_by=order).label("team_rank"),
                             func.row_number().over(partition_by=col(Deal.owner_id), order_by=order).label("owner_rank"),
                             func.count().over().label("total"))
              .where(Deal.workspace_id == _WS, col(Deal.stage_id).in_(_OPEN_STAGES), col(Deal.updated_at) < cutoff,
                     ~recent_note).subquery())
    limit: Any = bindparam("limit")
    return (select_columns(ranked.c.id, ranked.c.title, ranked.c.value_cents, ranked.c.currency, ranked.c.owner_id,
                           ranked.c.team_rank, ranked.c.total)
            .where(or_(ranked.c.team_rank <= limit, ranked.c.owner_rank <= limit)).order_by(ranked.c.team_rank))


_STALE = _stale()


def stale_deals_ranked(*, session: Session, workspace_id: int, cutoff: datetime,
                       limit: int = 10) -> tuple[list[DealLine], int]:
    """Open deals untouched since `cutoff` (no change to the deal, no interaction with its contact): the `limit`
    oldest of the team and of each owner, oldest first, and how many there are in all."""
    rows = list(session.exec(_STALE, params={"ws": workspace_id, "cutoff": cutoff, "limit": limit}))
    return [DealLine(*row[:6]) for row in rows], (rows[0][6] if rows else 0)


_WON_MOVES = (select(id_column(Deal), Deal.currency, Deal.value_cents, DealStageChange.changed_at)
              .join(DealStageChange, col(DealStageChange.deal_id) == Deal.id)
              .where(Deal.workspace_id == _WS, col(Deal.stage_id).in_(_WON_STAGE),
                     DealStageChange.workspace_id == _WS, col(DealStageChange.to_stage_id).in_(_WON_STAGE),
                     col(DealStageChange.changed_at) >= bindparam("start"),
                     col(DealStageChange.changed_at) < bindparam("end")))


def won_moves(*, session: Session, workspace_id: int, start: datetime,
              end: datetime) -> list[tuple[int, str, int, datetime]]:
    """The moves into won in [start, end) of deals now won: (deal id, currency, value, when). A deal won twice
    in the range is there twice (`TeamFigures.forecast` counts it once per period)."""
    rows = session.exec(_WON_MOVES, params={"ws": workspace_id, "start": start, "end": end})
    return [(deal, currency, int(value), at) for deal, currency, value, at in rows]
