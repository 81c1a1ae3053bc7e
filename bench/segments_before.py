"""The segment SQL as it was before migration 0016, kept only so bench_segments.py can time it beside today's.

Before 0016, `last:` asked the interactions table once per contact (EXISTS), open deals, stages and open tasks
were EXISTS subqueries too, and the count and the listed page were two round trips. Other filters compile as
they do today.
"""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, exists, func, not_
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from storage import segments
from storage.models import Contact, Deal, Interaction, PipelineStage, Task

NEW_INDEXES = ("ix_contact_ws_status_score", "ix_contact_ws_last", "ix_address_ws_city", "ix_address_ws_postcode",
               "ix_address_ws_country")


def _interacted(workspace_id: int, since: datetime | None) -> ColumnElement[bool]:
    where = [Interaction.workspace_id == workspace_id, col(Interaction.contact_id) == col(Contact.id)]
    if since is not None:
        where.append(col(Interaction.created_at) >= since)
    return exists().where(*where)


def _deal_in(workspace_id: int, closed: bool | None, keys: Sequence[str] = ()) -> ColumnElement[bool]:
    stages = select(PipelineStage.id).where(PipelineStage.workspace_id == workspace_id)
    stages = stages.where(col(PipelineStage.key).in_(keys)) if closed is None else \
        stages.where(col(PipelineStage.is_closed).is_(closed))
    return exists().where(Deal.workspace_id == workspace_id, col(Deal.contact_id) == col(Contact.id),
                          col(Deal.stage_id).in_(stages))


def clause(criterion: segments.Criterion, workspace_id: int) -> ColumnElement[bool]:
    field, op, value = criterion.field, criterion.op, criterion.value
    if field == "last":
        found = not_(_interacted(workspace_id, None)) if op == "never" else \
            _interacted(workspace_id, value) if op == "<" else not_(_interacted(workspace_id, value))  # type: ignore[arg-type]
    elif field == "deal":
        found = _deal_in(workspace_id, False) if value else not_(_deal_in(workspace_id, False))
    elif field == "stage":
        found = _deal_in(workspace_id, None, value)  # type: ignore[arg-type]
    elif field == "task":
        has_task = exists().where(Task.workspace_id == workspace_id, col(Task.contact_id) == col(Contact.id),
                                  col(Task.done_at).is_(None))
        found = has_task if value else not_(has_task)
    else:
        return segments.clause(criterion, workspace_id)
    return not_(found) if criterion.negated else found


def first_page(session: Session, workspace_id: int, criteria: Sequence[segments.Criterion],
               limit: int) -> tuple[int, list[Contact]]:
    """The count, then the page: two statements."""
    where = and_(Contact.workspace_id == workspace_id, *(clause(c, workspace_id) for c in criteria))
    total = session.exec(select(func.count()).select_from(Contact).where(where)).one()
    rows = session.exec(select(Contact).where(where).order_by(col(Contact.score).desc(), col(Contact.id)).limit(limit))
    return total, list(rows)
