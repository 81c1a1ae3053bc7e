"""Segments in SQL: criteria compiled to one WHERE over a workspace's contacts; tags and their records.

The handlers resolve names (owners, dates) first; a Criterion holds database values only.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, exists, false, func, not_, or_, true, update
from sqlalchemy.orm import Mapped
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from storage.bulk import chunks
from storage.ids import id_column
from storage.models import Company, Contact, Deal, Interaction, PipelineStage, Segment, Tag, Tagging, Task

AVAILABLE = {"tag", "company", "owner", "stage", "source", "status", "score", "last", "created", "deal", "task"}
# city, postcode, country and custom fields need the address and custom-field columns (branch feat/records)


@dataclass(frozen=True)
class Criterion:
    field: str
    op: str  # "=", "<", ">", "..", "never"
    value: Any  # by field: tag keys, names, ids, a (low, high) pair, a cutoff datetime or a flag
    negated: bool = False


def _tagged(workspace_id: int, keys: Sequence[str], entity: str = "contact") -> ColumnElement[bool]:
    ids = (select(Tagging.entity_id).join(Tag, col(Tag.id) == col(Tagging.tag_id))
           .where(Tagging.workspace_id == workspace_id, Tagging.entity == entity, col(Tag.key).in_(keys)))
    return col(Contact.id).in_(ids)


def _open_deal(workspace_id: int) -> ColumnElement[bool]:
    return exists().where(col(Deal.workspace_id) == workspace_id, col(Deal.contact_id) == col(Contact.id),
                          col(Deal.stage_id).in_(select(PipelineStage.id).where(
                              PipelineStage.workspace_id == workspace_id, col(PipelineStage.is_closed).is_(False))))


def _interacted(workspace_id: int, since: datetime | None) -> ColumnElement[bool]:
    where = [col(Interaction.workspace_id) == workspace_id, col(Interaction.contact_id) == col(Contact.id)]
    if since is not None:
        where.append(col(Interaction.created_at) >= since)
    return exists().where(*where)


def _compare(column: Mapped[int], op: str, value: Any) -> ColumnElement[bool]:
    if op == "..":
        low, high = value
        return and_(column >= low, column <= high)
    compared: dict[str, ColumnElement[bool]] = {"<": column < value, ">": column > value, "=": column == value}
    return compared.get(op, compared["="])


def clause(criterion: Criterion, workspace_id: int) -> ColumnElement[bool]:
    """The condition one criterion puts on Contact."""
    field, op, value = criterion.field, criterion.op, criterion.value
    if field == "tag":
        found = _tagged(workspace_id, value)
    elif field == "company":
        firms = select(Company.id).where(Company.workspace_id == workspace_id,
                                         or_(*(col(Company.name_key).startswith(v, autoescape=True) for v in value)))
        found = col(Contact.company_id).in_(firms)
    elif field == "owner":
        ids = [v for v in value if v is not None]
        found = or_(col(Contact.owner_id).in_(ids), col(Contact.owner_id).is_(None) if None in value else false())
    elif field == "stage":
        stages = select(PipelineStage.id).where(PipelineStage.workspace_id == workspace_id,
                                                col(PipelineStage.key).in_(value))
        found = exists().where(col(Deal.workspace_id) == workspace_id, col(Deal.contact_id) == col(Contact.id),
                               col(Deal.stage_id).in_(stages))
    elif field == "source":
        found = or_(*(func.lower(Contact.source).startswith(v, autoescape=True) for v in value))
    elif field == "status":
        found = col(Contact.lead_status).in_(value)
    elif field == "score":
        found = _compare(col(Contact.score), op, value)
    elif field == "last":  # value: the cutoff; ">" means nothing since it, "<" something since it
        found = not_(_interacted(workspace_id, None)) if op == "never" else \
            _interacted(workspace_id, value) if op == "<" else not_(_interacted(workspace_id, value))
    elif field == "created":  # value: the moment; ">" since it, "<" before it
        found = col(Contact.created_at) >= value if op == ">" else col(Contact.created_at) < value
    elif field == "deal":
        found = _open_deal(workspace_id) if value else not_(_open_deal(workspace_id))
    elif field == "task":
        has_task = exists().where(col(Task.workspace_id) == workspace_id, col(Task.contact_id) == col(Contact.id),
                                  col(Task.done_at).is_(None))
        found = has_task if value else not_(has_task)
    else:
        raise ValueError(f"no filter for {field}")
    return not_(found) if criterion.negated else found


def where(criteria: Sequence[Criterion], workspace_id: int) -> ColumnElement[bool]:
    return and_(col(Contact.workspace_id) == workspace_id, *(clause(c, workspace_id) for c in criteria))


def count(*, session: Session, workspace_id: int, criteria: Sequence[Criterion]) -> int:
    """How many contacts the criteria select."""
    return session.exec(select(func.count()).select_from(Contact).where(where(criteria, workspace_id))).one()


def member_ids(*, session: Session, workspace_id: int, criteria: Sequence[Criterion],
               limit: int | None = None) -> list[int]:
    """The ids of the contacts the criteria select, best score first."""
    query = (select(id_column(Contact)).where(where(criteria, workspace_id))
             .order_by(col(Contact.score).desc(), col(Contact.id)).limit(limit))
    return list(session.exec(query))


def members(*, session: Session, workspace_id: int, criteria: Sequence[Criterion], limit: int) -> list[Contact]:
    query = (select(Contact).where(where(criteria, workspace_id))
             .order_by(col(Contact.score).desc(), col(Contact.id)).limit(limit))
    return list(session.exec(query))


def segments(*, session: Session, workspace_id: int) -> list[Segment]:
    return list(session.exec(select(Segment).where(Segment.workspace_id == workspace_id).order_by(col(Segment.name_key))))


def segment_by_key(*, session: Session, workspace_id: int, name_key: str) -> Segment | None:
    return session.exec(select(Segment).where(Segment.workspace_id == workspace_id,
                                              Segment.name_key == name_key)).first()


# --- tags ---------------------------------------------------------------------------------------


def tag_by_key(*, session: Session, workspace_id: int, key: str) -> Tag | None:
    return session.exec(select(Tag).where(Tag.workspace_id == workspace_id, Tag.key == key)).first()


def tags_with_counts(*, session: Session, workspace_id: int) -> list[tuple[Tag, int]]:
    """Every tag with how many records carry it, most used first."""
    used = func.count(col(Tagging.id))
    rows = session.exec(select(Tag, used).outerjoin(Tagging, col(Tagging.tag_id) == col(Tag.id))
                        .where(Tag.workspace_id == workspace_id).group_by(col(Tag.id))
                        .order_by(used.desc(), col(Tag.key)))
    return [(tag, number) for tag, number in rows]


def taggings_of(*, session: Session, workspace_id: int, tag_id: int) -> list[Tagging]:
    return list(session.exec(select(Tagging).where(Tagging.workspace_id == workspace_id, Tagging.tag_id == tag_id)
                             .order_by(col(Tagging.id))))


def tagging(*, session: Session, workspace_id: int, tag_id: int, entity: str, entity_id: int) -> Tagging | None:
    return session.exec(select(Tagging).where(Tagging.workspace_id == workspace_id, Tagging.tag_id == tag_id,
                                              Tagging.entity == entity, Tagging.entity_id == entity_id)).first()


def tags_of(*, session: Session, workspace_id: int, entity: str, entity_id: int) -> list[Tag]:
    return list(session.exec(select(Tag).join(Tagging, col(Tagging.tag_id) == col(Tag.id))
                             .where(Tagging.workspace_id == workspace_id, Tagging.entity == entity,
                                    Tagging.entity_id == entity_id).order_by(col(Tag.key))))


def taggings_for(*, session: Session, workspace_id: int, tag_id: int, contact_ids: list[int]) -> list[Tagging]:
    """The tag's taggings on these contacts."""
    found: list[Tagging] = []
    for part in chunks(contact_ids):
        found += session.exec(select(Tagging).where(Tagging.workspace_id == workspace_id, Tagging.tag_id == tag_id,
                                                    Tagging.entity == "contact", col(Tagging.entity_id).in_(part)))
    return found


def delete_rows(*, session: Session, model: type[Tagging], workspace_id: int, ids: list[int]) -> None:
    for part in chunks(ids):
        session.execute(delete(model).where(col(model.workspace_id) == workspace_id, col(model.id).in_(part)))


def set_contacts(*, session: Session, workspace_id: int, ids: list[int], values: dict[str, object]) -> None:
    """Set columns on many contacts in one statement per chunk."""
    for part in chunks(ids):
        session.execute(update(Contact).where(col(Contact.workspace_id) == workspace_id, col(Contact.id).in_(part))
                        .values(**values).execution_options(synchronize_session="fetch"))


__all__ = ["AVAILABLE", "Criterion", "count", "member_ids", "true"]
