"""Custom fields and their values in SQL; every query keeps to its workspace."""

from collections import defaultdict
from typing import Any

from sqlalchemy import Select, and_, or_, true
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from storage.models import Company, Contact, CustomField, CustomValue


def fields_of(*, session: Session, workspace_id: int, entity: str | None = None) -> list[CustomField]:
    """The workspace's custom fields (of contacts or companies, or both), in the order they were added."""
    query = select(CustomField).where(CustomField.workspace_id == workspace_id)
    if entity is not None:
        query = query.where(CustomField.applies_to == entity)
    return list(session.exec(query.order_by(col(CustomField.id))))


def field_by_key(*, session: Session, workspace_id: int, entity: str, name_key: str) -> CustomField | None:
    return session.exec(select(CustomField).where(CustomField.workspace_id == workspace_id,
                                                  CustomField.applies_to == entity,
                                                  CustomField.name_key == name_key)).first()


def values_of(*, session: Session, workspace_id: int, entity: str, entity_id: int) -> list[CustomValue]:
    """One record's custom values, in the order of their fields."""
    return list(session.exec(select(CustomValue).where(
        CustomValue.workspace_id == workspace_id, CustomValue.entity == entity, CustomValue.entity_id == entity_id)
        .order_by(col(CustomValue.field_id))))


def value_of(*, session: Session, workspace_id: int, field_id: int, entity_id: int) -> CustomValue | None:
    return session.exec(select(CustomValue).where(CustomValue.workspace_id == workspace_id,
                                                  CustomValue.field_id == field_id,
                                                  CustomValue.entity_id == entity_id)).first()


def values_of_field(*, session: Session, workspace_id: int, field_id: int) -> list[CustomValue]:
    return list(session.exec(select(CustomValue).where(CustomValue.workspace_id == workspace_id,
                                                       CustomValue.field_id == field_id)
                             .order_by(col(CustomValue.id))))


def all_values(*, session: Session, workspace_id: int, entity: str) -> dict[int, dict[int, str]]:
    """Record id -> field id -> value, for every record of a kind (for exports)."""
    found: dict[int, dict[int, str]] = defaultdict(dict)
    for value in session.exec(select(CustomValue).where(CustomValue.workspace_id == workspace_id,
                                                        CustomValue.entity == entity)):
        found[value.entity_id][value.field_id] = value.value
    return found


def search_values(*, session: Session, workspace_id: int, query_key: str,
                  limit: int = 8) -> list[tuple[CustomField, CustomValue]]:
    """Values whose folded text holds the query, with their fields (for /find)."""
    rows = session.exec(select(CustomField, CustomValue)
                        .join(CustomValue, col(CustomValue.field_id) == col(CustomField.id))
                        .where(CustomValue.workspace_id == workspace_id,
                               col(CustomValue.value_key).contains(query_key, autoescape=True))
                        .order_by(col(CustomValue.id)).limit(limit))
    return [(found_field, value) for found_field, value in rows]


def record_names(*, session: Session, workspace_id: int, entity: str, ids: list[int]) -> dict[int, str]:
    """Id -> name of some contacts or companies."""
    if not ids:
        return {}  # /find's usual case: no custom value held the query
    if entity == "contact":
        people = session.exec(select(Contact).where(Contact.workspace_id == workspace_id, col(Contact.id).in_(ids)))
        return {person.id: person.name for person in people if person.id is not None}
    firms = session.exec(select(Company).where(Company.workspace_id == workspace_id, col(Company.id).in_(ids)))
    return {firm.id: firm.name for firm in firms if firm.id is not None}


def holders(workspace_id: int, name_key: str, value: Any, op: str = "=") -> Select[Any]:
    """The ids of the contacts meeting the segment condition field.<name>:<value>: with op "=", their value of that
    field starts with one of the value keys; with ">", ">=", "<", "<=" or ".." (a (low, high) pair) it compares as
    a number or ISO day. Read once as a set, not once per contact."""
    fields = select(CustomField.id).where(CustomField.workspace_id == workspace_id, CustomField.applies_to == "contact",
                                          CustomField.name_key == name_key)
    matched = (or_(*(_starting(v) for v in value)) if op == "=" else _compared(workspace_id, op, value))
    return select(CustomValue.entity_id).where(col(CustomValue.workspace_id) == workspace_id,
                                               col(CustomValue.entity) == "contact",
                                               col(CustomValue.field_id).in_(fields), matched)


def _starting(prefix: str) -> ColumnElement[bool]:
    """Folded values starting with the prefix: a range the index serves, and the prefix itself (exact in any
    collation)."""
    key = col(CustomValue.value_key)
    return and_(key >= prefix, key < prefix + "\U0010ffff", key.startswith(prefix, autoescape=True))


def _compared(workspace_id: int, op: str, value: Any) -> ColumnElement[bool]:
    """A stored value against a number (the stored number, only where it is a number field's) or an ISO day (as
    text)."""
    sample = value[0] if op == ".." else value
    stored: Any = col(CustomValue.value)
    only: ColumnElement[bool] = true()
    if not isinstance(sample, str):  # numbers are stored as "1500.5" and read as number on write
        numbers = select(CustomField.id).where(CustomField.workspace_id == workspace_id, CustomField.kind == "number")
        stored, only = col(CustomValue.number), col(CustomValue.field_id).in_(numbers)
    if op == "..":
        return and_(only, stored >= value[0], stored <= value[1])
    compared: dict[str, ColumnElement[bool]] = {">": stored > value, ">=": stored >= value, "<": stored < value,
                                                "<=": stored <= value}
    return and_(only, compared[op])
