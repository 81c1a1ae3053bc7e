"""The segment SQL as it was before migration 0018, kept only so bench_segments.py can time it beside today's.

Before 0018, `deal:open` and `task:` were sets of contact ids read from the deals and tasks (`IN` / `NOT IN`,
several excluded sets as one `NOT IN (… UNION …)`, counted as all selected minus those in the sets), a custom field was an
EXISTS per contact, and no index held the columns segments filter on. Other filters compile as they do today.
"""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, and_, exists, func, not_, union
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from storage import custom_fields, segments
from storage import segment_places as places
from storage.models import Contact, CustomValue, Task

NEW_INDEXES = ("ix_contact_ws_open", "ix_contact_ws_tasks", "ix_contact_ws_segment")


def _id_set(criterion: segments.Criterion, workspace_id: int) -> tuple[Select[Any], bool] | None:
    if criterion.field == "deal":
        ids = segments._with_deal_in(workspace_id, segments._stages(workspace_id, None))
    elif criterion.field == "task":
        ids = select(Task.contact_id).where(Task.workspace_id == workspace_id, col(Task.contact_id).is_not(None),
                                            col(Task.done_at).is_(None))
    elif criterion.field == "custom":
        return None  # an EXISTS per contact before 0018 (_custom_exists)
    else:
        return segments.id_set(criterion, workspace_id)
    return ids, bool(criterion.value) != criterion.negated


def _custom_exists(criterion: segments.Criterion, workspace_id: int) -> ColumnElement[bool]:
    """A custom field's condition as one EXISTS per contact, as before 0018 (today: a set read once)."""
    values = custom_fields.holders(workspace_id, criterion.key, criterion.value, criterion.op)
    correlated = exists(values.with_only_columns(CustomValue.id).where(
        col(CustomValue.entity_id) == col(Contact.id)))
    return not_(correlated) if criterion.negated else correlated


def _parts(criteria: Sequence[segments.Criterion], workspace_id: int) -> tuple[list[ColumnElement[bool]], Any]:
    excluded: list[Select[Any]] = []
    kept: list[ColumnElement[bool]] = [col(Contact.workspace_id) == workspace_id]
    located = [(c.field, c.value) for c in criteria if c.field in places.FIELDS and not c.negated]
    if located:
        kept.append(col(Contact.id).in_(places.ids(located, workspace_id)))
    for criterion in criteria:
        if criterion.field in places.FIELDS and not criterion.negated:
            continue
        ids = _id_set(criterion, workspace_id)
        if ids is not None and not ids[1]:
            excluded.append(ids[0])
        elif ids is not None:
            kept.append(col(Contact.id).in_(ids[0]))
        elif criterion.field == "custom":
            kept.append(_custom_exists(criterion, workspace_id))
        else:
            kept.append(segments.clause(criterion, workspace_id))
    return kept, (None if not excluded else excluded[0] if len(excluded) == 1 else union(*excluded))


def first_page(session: Session, workspace_id: int, criteria: Sequence[segments.Criterion],
               limit: int) -> tuple[int, list[Contact]]:
    """The count (all selected minus those in the excluded sets) and the page, in one statement, as in 0017."""
    kept, excluded = _parts(criteria, workspace_id)

    def number(*more: ColumnElement[bool]) -> ColumnElement[int]:
        return select(func.count()).select_from(Contact).where(*kept, *more).correlate(None).scalar_subquery()

    total = number() if excluded is None else number() - number(col(Contact.id).in_(excluded))
    where = and_(*kept, *([col(Contact.id).not_in(excluded)] if excluded is not None else []))
    rows = session.exec(select(Contact, total).where(where)
                        .order_by(col(Contact.score).desc(), col(Contact.id)).limit(limit)).all()
    return (rows[0][1] if rows else 0), [row[0] for row in rows]
