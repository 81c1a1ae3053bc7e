"""The pipeline's sums per stage, owner and currency, read from what the database keeps (PipelineTotal)."""

from sqlalchemy import BigInteger, ColumnElement, bindparam, cast, func
from sqlmodel import Session, col, select

from storage.models import NO_OWNER, Deal, PipelineTotal
from storage.wide import select_columns

_TOTALS = (select_columns(PipelineTotal.stage_id, PipelineTotal.currency, func.sum(PipelineTotal.deals),
                          func.sum(PipelineTotal.value_cents), func.sum(PipelineTotal.weighted))
           .where(PipelineTotal.workspace_id == bindparam("workspace_id"))
           .group_by(col(PipelineTotal.stage_id), col(PipelineTotal.currency)))  # built once: /pipeline, digests


def pipeline_totals(*, session: Session, workspace_id: int) -> list[tuple[int, str, int, int, int]]:
    """Per stage and currency: (stage id, currency, deal count, value, probability-weighted value).

    Read from the sums the database keeps (PipelineTotal), a few rows per stage, never the deals themselves.
    """
    rows = session.exec(_TOTALS, params={"workspace_id": workspace_id})
    return [(stage, currency, int(count), int(value), int(weighted) // 100)
            for stage, currency, count, value, weighted in rows]


def pipeline_totals_by_owner(*, session: Session,
                             workspace_id: int) -> list[tuple[int | None, int, str, int, int, int]]:
    """Per owner (None for none), stage and currency: (owner, stage id, currency, count, value, weighted)."""
    rows = session.exec(select(PipelineTotal).where(PipelineTotal.workspace_id == workspace_id))
    return [(None if row.owner_key == NO_OWNER else row.owner_key, row.stage_id, row.currency, row.deals,
             row.value_cents, row.weighted // 100) for row in rows]


def pipeline_totals_counted(*, session: Session, workspace_id: int) -> list[tuple[int, str, int, int, int]]:
    """`pipeline_totals` counted from the deals (a scan): what the kept sums must always equal."""
    rows = session.exec(
        select_columns(Deal.stage_id, Deal.currency, func.count(), func.sum(Deal.value_cents), weighted_sum())
        .where(Deal.workspace_id == workspace_id).group_by(col(Deal.stage_id), col(Deal.currency))
    )
    return [(stage, currency, count, int(value or 0), int(weighted or 0) // 100)
            for stage, currency, count, value, weighted in rows]


def weighted_sum() -> ColumnElement[int]:
    """Sum of value x probability in 64 bits (cast before multiplying; PostgreSQL's integer would overflow)."""
    return func.sum(cast(Deal.value_cents, BigInteger) * cast(Deal.probability, BigInteger))
