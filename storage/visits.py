"""Queries for field visits: records inside a bounding box, their open tasks and last visits, visits in a period."""

from datetime import datetime

from sqlalchemy import ColumnElement, bindparam, func, or_
from sqlalchemy.orm import Mapped
from sqlmodel import Session, col, select

from storage.models import Company, Contact, Interaction, Task

Box = tuple[float, float, float, float]  # south, north, west, east (degrees); west > east: over the 180th meridian
MAX_IN_BOX = 2000  # a box is a prefilter; more than this many records in it is a city-wide radius


def _longitudes(column: Mapped[float | None], west: float, east: float) -> ColumnElement[bool]:
    """Between west and east, or, over the 180th meridian (west > east), east of west or west of east."""
    if west <= east:
        return column.between(west, east)
    return or_(column >= west, column <= east)


def companies_in(*, session: Session, workspace_id: int, box: Box) -> list[Company]:
    """A workspace's companies whose coordinates fall inside the box."""
    south, north, west, east = box
    return list(session.exec(select(Company).where(
        Company.workspace_id == workspace_id, col(Company.latitude).between(south, north),
        _longitudes(col(Company.longitude), west, east)).limit(MAX_IN_BOX)))


def contacts_in(*, session: Session, workspace_id: int, box: Box) -> list[Contact]:
    """A workspace's contacts whose own coordinates (a vCard GEO, an import) fall inside the box."""
    south, north, west, east = box
    return list(session.exec(select(Contact).where(
        Contact.workspace_id == workspace_id, col(Contact.latitude).between(south, north),
        _longitudes(col(Contact.longitude), west, east)).limit(MAX_IN_BOX)))


def open_task_counts(*, session: Session, workspace_id: int, contact_ids: list[int]) -> dict[int, int]:
    """How many open tasks each of these contacts has."""
    if not contact_ids:
        return {}
    rows = session.exec(select(Task.contact_id, func.count()).where(
        Task.workspace_id == workspace_id, col(Task.done_at).is_(None), col(Task.contact_id).in_(contact_ids))
        .group_by(col(Task.contact_id)))
    return {contact_id: count for contact_id, count in rows if contact_id is not None}


def company_contacts(*, session: Session, workspace_id: int, company_ids: list[int]) -> dict[int, list[int]]:
    """The contact ids of each of these companies."""
    found: dict[int, list[int]] = {}
    if not company_ids:
        return found
    rows = session.exec(select(Contact.id, Contact.company_id).where(
        Contact.workspace_id == workspace_id, col(Contact.company_id).in_(company_ids)))
    for contact_id, company_id in rows:
        if contact_id is not None and company_id is not None:
            found.setdefault(company_id, []).append(contact_id)
    return found


def last_visits(*, session: Session, workspace_id: int, column: str, ids: list[int]) -> dict[int, datetime]:
    """The latest visit per company ("company_id") or contact ("contact_id")."""
    if not ids:
        return {}
    key = col(getattr(Interaction, column))
    rows = session.exec(select(key, func.max(Interaction.created_at)).where(
        Interaction.workspace_id == workspace_id, Interaction.kind == "visit", key.in_(ids)).group_by(key))
    return {row_id: when for row_id, when in rows if row_id is not None}


_VISITS = (select(Interaction).where(Interaction.workspace_id == bindparam("workspace_id"), Interaction.kind == "visit",
                                     col(Interaction.created_at) >= bindparam("start"),
                                     col(Interaction.created_at) < bindparam("end"))
           .order_by(col(Interaction.id)))  # built once: every team digest reads the day's visits


def visits_between(*, session: Session, workspace_id: int, start: datetime, end: datetime) -> list[Interaction]:
    """A workspace's visits logged in [start, end), oldest first."""
    return list(session.exec(_VISITS, params={"workspace_id": workspace_id, "start": start, "end": end}))


def visit_since(*, session: Session, workspace_id: int, member_id: int, company_id: int,
                since: datetime) -> Interaction | None:
    """A visit this member already logged at this company since a moment."""
    return session.exec(select(Interaction).where(
        Interaction.workspace_id == workspace_id, Interaction.kind == "visit", Interaction.author_id == member_id,
        Interaction.company_id == company_id, col(Interaction.created_at) >= since)).first()
