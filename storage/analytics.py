"""Report queries for managers: closed and new deals, activity, contacts, forecast, funnel, deal lists, rates.

Each keeps to one workspace. Money is summed in SQL as 64-bit integers (cents; weighted sums are
cents times percent, divided once where they are shown).
"""

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, bindparam, case, cast, delete, func, literal, union_all
from sqlmodel import Session, col, select

from storage.ids import id_column, id_of
from storage.models import (
    Company,
    Contact,
    Deal,
    DealEntry,
    DealStageChange,
    ExchangeRate,
    Interaction,
    Member,
    PipelineStage,
    Task,
)
from storage.wide import select_columns

NO_GROUP = ""  # the group of rows without an owner, source or company


def _cents() -> Any:
    return _cents_of(Deal.value_cents)


def _weighted() -> Any:
    return func.sum(cast(Deal.value_cents, BigInteger) * Deal.probability)


def stage_ids(*, session: Session, workspace_id: int, keys: tuple[str, ...]) -> list[int]:
    return list(session.exec(select(id_column(PipelineStage)).where(PipelineStage.workspace_id == workspace_id,
                                                            col(PipelineStage.key).in_(keys))))


def _closed(workspace_id: int, stage_id: int, start: datetime, end: datetime) -> tuple[Any, ...]:
    """Deals now in the stage whose last entry into it falls in [start, end): a range of ix_dealentry_entered.

    DealEntry (migration 0027) keeps each deal's last entry into its stage with the columns summed here (and its
    contact's source), so the cost follows the deals closed in the period, and the index alone answers the sums.
    """
    return (DealEntry.workspace_id == workspace_id, DealEntry.stage_id == stage_id,
            col(DealEntry.entered_at) >= start, col(DealEntry.entered_at) < end)


def _group(by: str, owner: Any) -> tuple[Any, tuple[Any, ...]]:
    """The grouping column to select (the given owner column, the contact's source as DealEntry keeps it, or none),
    and what to group by besides the currency."""
    if by == "owner":
        return owner, (owner,)
    if by == "source":
        source = func.coalesce(DealEntry.source, NO_GROUP)
        return source, (source,)
    return literal(NO_GROUP), ()


def _cents_of(value: Any) -> Any:
    return func.sum(cast(value, BigInteger))


def closed_sums(*, session: Session, workspace_id: int, stage_id: int, start: datetime, end: datetime,
                by: str = "") -> list[tuple[Any, str, int, int]]:
    """Deals closed into the stage in the period: (group, currency, count, value) by owner, source or all."""
    return [row[1:] for row in closed_sums_by(session=session, workspace_id=workspace_id, stage_id=stage_id,
                                              bounds=(start, end), by=by)]


def closed_sums_by(*, session: Session, workspace_id: int, stage_id: int, bounds: Sequence[datetime],
                   by: str = "") -> list[tuple[int, Any, str, int, int]]:
    """closed_sums for each of the back-to-back periods [bounds[i], bounds[i + 1]) in one read:
    (period index, group, currency, count, value). A deal counts in the period of its last entry into the stage."""
    group, grouped = _group(by, col(DealEntry.owner_id))
    period = _period(col(DealEntry.entered_at), bounds)
    query = (select_columns(period, group, DealEntry.currency, func.count(), _cents_of(DealEntry.value_cents))
             .where(*_closed(workspace_id, stage_id, bounds[0], bounds[-1]))
             .group_by(*_periods(period, bounds), *grouped, col(DealEntry.currency)))
    return [(index, key, currency, count, int(value or 0)) for index, key, currency, count, value in session.exec(query)]


def _periods(period: Any, bounds: Sequence[datetime]) -> tuple[Any, ...]:
    """What to group by for the periods: nothing when there is one (its index is a constant)."""
    return () if len(bounds) <= 2 else (period,)


def _period(moment: Any, bounds: Sequence[datetime]) -> Any:
    """The index of the back-to-back period [bounds[i], bounds[i + 1]) a time within bounds falls in."""
    if len(bounds) <= 2:
        return literal(0)
    return case(*((moment < end, index) for index, end in enumerate(bounds[1:-1])), else_=len(bounds) - 2)


def closed_deals(*, session: Session, workspace_id: int, stage_id: int, start: datetime,
                 end: datetime, limit: int | None = None) -> list[tuple[Deal, datetime]]:
    """The deals closed into the stage in the period with the time they closed, latest first (the first `limit`)."""
    query = (select(Deal, DealEntry.entered_at).select_from(DealEntry).join(Deal, col(Deal.id) == DealEntry.deal_id)
             .where(*_closed(workspace_id, stage_id, start, end))
             .order_by(col(DealEntry.entered_at).desc(), col(DealEntry.deal_id)).limit(limit))
    return [(deal, at) for deal, at in session.exec(query) if at is not None]  # the range holds no None


def _seconds(session: Session) -> Any:
    """Seconds from the deal's creation to its entry into the stage."""
    entered, created = col(DealEntry.entered_at), col(DealEntry.created_at)
    if session.get_bind().dialect.name == "sqlite":
        return func.strftime("%s", entered).cast(BigInteger) - func.strftime("%s", created).cast(BigInteger)
    return func.floor(func.extract("epoch", entered - created)).cast(BigInteger)


def closed_cycle(*, session: Session, workspace_id: int, stage_id: int, start: datetime,
                 end: datetime) -> tuple[int, int]:
    """Deals closed into the stage in the period, and their seconds from created to closed, summed in SQL."""
    query = select(func.count(), func.sum(_seconds(session))).where(*_closed(workspace_id, stage_id, start, end))
    count, total = session.exec(query).one()
    return int(count), int(total or 0)


def closed_summary(*, session: Session, workspace_id: int, stage_id: int, start: datetime,
                   end: datetime) -> list[tuple[str, int, int, int]]:
    """closed_sums for the whole team and closed_cycle in one read:
    (currency, count, value, seconds from created to closed) per currency."""
    query = (select(DealEntry.currency, func.count(), _cents_of(DealEntry.value_cents), func.sum(_seconds(session)))
             .where(*_closed(workspace_id, stage_id, start, end)).group_by(col(DealEntry.currency)))
    return [(currency, count, int(value or 0), int(seconds or 0)) for currency, count, value, seconds in session.exec(query)]


def created_sums(*, session: Session, workspace_id: int, start: datetime, end: datetime,
                 by: str = "") -> list[tuple[Any, str, int, int]]:
    """Deals created in the period: (group, currency, count, value); a range of ix_dealentry_created."""
    group, grouped = _group(by, col(DealEntry.owner_id))
    query = (select(group, DealEntry.currency, func.count(), _cents_of(DealEntry.value_cents))
             .where(DealEntry.workspace_id == workspace_id, col(DealEntry.created_at) >= start,
                    col(DealEntry.created_at) < end)
             .group_by(*grouped, col(DealEntry.currency)))
    return [(key, currency, count, int(value or 0)) for key, currency, count, value in session.exec(query)]


def interactions_per_member(*, session: Session, workspace_id: int, start: datetime,
                            end: datetime) -> list[tuple[int | None, str, int]]:
    """(author, kind, count) of notes, calls, meetings and e-mails logged in the period."""
    query = (select(Interaction.author_id, Interaction.kind, func.count())
             .where(Interaction.workspace_id == workspace_id, col(Interaction.created_at) >= start,
                    col(Interaction.created_at) < end).group_by(col(Interaction.author_id), col(Interaction.kind)))
    return [(author, kind, count) for author, kind, count in session.exec(query)]


def tasks_done_per_member(*, session: Session, workspace_id: int, start: datetime,
                          end: datetime) -> list[tuple[int | None, int]]:
    query = (select(Task.assignee_id, func.count())
             .where(Task.workspace_id == workspace_id, col(Task.done_at) >= start, col(Task.done_at) < end)
             .group_by(col(Task.assignee_id)))
    return [(member, count) for member, count in session.exec(query)]


def new_contacts(*, session: Session, workspace_id: int, start: datetime, end: datetime,
                 by: str) -> list[tuple[str, int]]:
    """Contacts created in the period, counted by source or by company name, most first."""
    group = func.coalesce(Company.name, NO_GROUP) if by == "company" else col(Contact.source)
    query = (select(group, func.count()).select_from(Contact).outerjoin(Company, col(Company.id) == Contact.company_id)
             .where(Contact.workspace_id == workspace_id, col(Contact.created_at) >= start,
                    col(Contact.created_at) < end)
             .group_by(group).order_by(func.count().desc(), group))
    return [(key, count) for key, count in session.exec(query)]


def member_names(*, session: Session, workspace_id: int) -> dict[int, str]:
    return {member_id: name or external for member_id, name, external in session.exec(
        select(id_column(Member), Member.name, Member.external_id).where(Member.workspace_id == workspace_id))}


def forecast_sums(*, session: Session, workspace_id: int, open_ids: list[int], commit_ids: list[int],
                  start: datetime, end: datetime, by_owner: bool = False) -> list[tuple[Any, str, int, int, int, int]]:
    """Open deals closing in [start, end): (owner or "", currency, count, best case, commit, weighted × 100)."""
    return [row[1:] for row in forecast_sums_by(session=session, workspace_id=workspace_id, open_ids=open_ids,
                                                commit_ids=commit_ids, bounds=(start, end), by_owner=by_owner)]


def forecast_sums_by(*, session: Session, workspace_id: int, open_ids: list[int], commit_ids: list[int],
                     bounds: Sequence[datetime],
                     by_owner: bool = False) -> list[tuple[int, Any, str, int, int, int, int]]:
    """forecast_sums for each of the back-to-back periods [bounds[i], bounds[i + 1]) in one statement:
    (period index, owner or "", currency, count, best case, commit, weighted × 100)."""
    group, grouped = _group("owner" if by_owner else "", col(Deal.owner_id))
    period = _period(col(Deal.close_date), bounds)
    commit = func.sum(case((col(Deal.stage_id).in_(commit_ids or [-1]), cast(Deal.value_cents, BigInteger)), else_=0))
    query = (select_columns(period, group, Deal.currency, func.count(), _cents(), commit, _weighted())
             .where(Deal.workspace_id == workspace_id, col(Deal.stage_id).in_(open_ids),
                    col(Deal.close_date) >= bounds[0], col(Deal.close_date) < bounds[-1])
             .group_by(*_periods(period, bounds), *grouped, col(Deal.currency)))
    return [(index, key, currency, count, int(best or 0), int(committed or 0), int(weighted or 0))
            for index, key, currency, count, best, committed, weighted in session.exec(query)]


def deal_page(*, session: Session, workspace_id: int, stage_ids: list[int], owner_id: int | None = None,
              close_start: datetime | None = None, close_end: datetime | None = None,
              undated: bool = False, idle_since: datetime | None = None, by_close: bool = False,
              limit: int = 10, offset: int = 0) -> tuple[list[Deal], int]:
    """Deals in the stages, filtered; one page, largest first (soonest closing first with `by_close`), and the count."""
    query = select(Deal).where(Deal.workspace_id == workspace_id, col(Deal.stage_id).in_(stage_ids))
    if owner_id is not None:
        query = query.where(Deal.owner_id == owner_id)
    if close_start is not None:
        query = query.where(col(Deal.close_date) >= close_start)
    if close_end is not None:
        query = query.where(col(Deal.close_date) < close_end)
    if undated:
        query = query.where(col(Deal.close_date).is_(None))
    if idle_since is not None:
        recent_note = (select(Interaction.id).where(Interaction.workspace_id == workspace_id,
                                                    col(Interaction.contact_id) == col(Deal.contact_id),
                                                    col(Interaction.created_at) >= idle_since).exists())
        query = query.where(col(Deal.updated_at) < idle_since, ~recent_note)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    order = ((col(Deal.close_date), col(Deal.id)) if by_close
             else (col(Deal.value_cents).desc(), col(Deal.id)))
    return list(session.exec(query.order_by(*order).limit(limit).offset(offset))), total


def top_deals_per_stage(*, session: Session, workspace_id: int, stage_ids: list[int], per_stage: int = 3) -> list[Deal]:
    """The largest deals of every stage, `per_stage` each, largest first: a short walk down ix_deal_top per stage,
    all in one statement."""
    if not stage_ids:
        return []
    walks = [select(col(Deal.id)).where(Deal.workspace_id == workspace_id, Deal.stage_id == stage_id)
             .order_by(col(Deal.value_cents).desc(), col(Deal.id)).limit(per_stage).subquery() for stage_id in stage_ids]
    ids = union_all(*(select(walk.c.id) for walk in walks))
    return list(session.exec(select(Deal).where(Deal.workspace_id == workspace_id, col(Deal.id).in_(ids))
                             .order_by(col(Deal.value_cents).desc(), col(Deal.id))))


def stage_history(*, session: Session, workspace_id: int) -> list[tuple[int, int, datetime]]:
    """Every stage change of the workspace: (deal, stage entered, when), per deal in time order."""
    query = (select(DealStageChange.deal_id, DealStageChange.to_stage_id, DealStageChange.changed_at)
             .where(DealStageChange.workspace_id == workspace_id)
             .order_by(col(DealStageChange.deal_id), col(DealStageChange.changed_at), col(DealStageChange.id)))
    return [(deal, stage, at) for deal, stage, at in session.exec(query)]


def open_deals_by_id(*, session: Session, workspace_id: int, open_ids: list[int]) -> dict[int, Deal]:
    return {id_of(deal): deal for deal in session.exec(select(Deal).where(
        Deal.workspace_id == workspace_id, col(Deal.stage_id).in_(open_ids)))}


def last_note_at(*, session: Session, workspace_id: int, contact_ids: list[int]) -> dict[int, datetime]:
    """The newest interaction per contact."""
    if not contact_ids:
        return {}
    query = (select(Interaction.contact_id, func.max(Interaction.created_at))
             .where(Interaction.workspace_id == workspace_id, col(Interaction.contact_id).in_(contact_ids))
             .group_by(col(Interaction.contact_id)))
    return {contact: at for contact, at in session.exec(query) if contact is not None}


_RATES = (select(ExchangeRate).where(ExchangeRate.workspace_id == bindparam("workspace_id"))
          .order_by(col(ExchangeRate.currency)))  # built once: every report and digest reads the rates


def rates(*, session: Session, workspace_id: int) -> list[ExchangeRate]:
    return list(session.exec(_RATES, params={"workspace_id": workspace_id}))


def set_rates(*, session: Session, workspace_id: int, base: str, micros: dict[str, int]) -> None:
    """Replace the workspace's rates: one unit of each currency is `micros` millionths of `base`."""
    session.execute(delete(ExchangeRate).where(col(ExchangeRate.workspace_id) == workspace_id))
    for currency, value in sorted(micros.items()):
        session.add(ExchangeRate(workspace_id=workspace_id, base=base, currency=currency, micros=value))
    session.flush()
