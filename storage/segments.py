"""Segments in SQL: criteria compiled to one WHERE over a workspace's contacts; tags and their records.

The handlers resolve names (owners, dates) first; a Criterion holds database values only.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ARRAY,
    CompoundSelect,
    Integer,
    Select,
    and_,
    any_,
    cast,
    delete,
    false,
    func,
    not_,
    or_,
    true,
    union,
    update,
)
from sqlalchemy.orm import Mapped
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from storage import segment_places as places
from storage.bulk import chunks
from storage.custom_fields import holders
from storage.ids import id_column
from storage.models import BEST_FIRST, Company, Contact, Deal, PipelineStage, Segment, Tag, Tagging

AVAILABLE = {"tag", "company", "owner", "stage", "source", "status", "score", "last", "created", "deal", "task",
             "custom", *places.FIELDS}  # custom: field.<name>:<value>, a team's own field (storage.custom_fields)


Excluded = Select[Any] | CompoundSelect[Any]


@dataclass(frozen=True)
class Criterion:
    field: str
    op: str  # "=", "<", ">", "..", "never"
    value: Any  # by field: tag keys, names, ids, a (low, high) pair, a cutoff datetime or a flag
    negated: bool = False
    key: str = ""  # the custom field's folded name, for field "custom"


def _tagged(workspace_id: int, keys: Sequence[str]) -> Select[Any]:
    return (select(Tagging.entity_id).join(Tag, col(Tag.id) == col(Tagging.tag_id))
            .where(Tagging.workspace_id == workspace_id, Tagging.entity == "contact", col(Tag.key).in_(keys)))


def _with_deal_in(workspace_id: int, stages: Select[Any]) -> Select[Any]:
    return select(Deal.contact_id).where(Deal.workspace_id == workspace_id, col(Deal.contact_id).is_not(None),
                                         col(Deal.stage_id).in_(stages))


def _stages(workspace_id: int, keys: Sequence[str] | None) -> Select[Any]:
    """The workspace's stages with these keys, or (None) its open stages."""
    stages = select(PipelineStage.id).where(PipelineStage.workspace_id == workspace_id)
    return stages.where(col(PipelineStage.is_closed).is_(False) if keys is None else col(PipelineStage.key).in_(keys))


def id_set(criterion: Criterion, workspace_id: int) -> tuple[Select[Any], bool] | None:
    """For the filters that are sets of contact ids (tag, stage, custom field): the ids (never NULL) and whether a
    contact must be in them (False: must not be). Each is read once, not once per contact."""
    field, value = criterion.field, criterion.value
    if field == "tag":
        ids = _tagged(workspace_id, value)
    elif field == "stage":
        ids = _with_deal_in(workspace_id, _stages(workspace_id, value))
    elif field == "custom":
        ids = holders(workspace_id, criterion.key, value, criterion.op)
    else:
        return None
    return ids, not criterion.negated


def _stored_count(field: str, wanted: bool) -> ColumnElement[bool]:
    """On a number the contact keeps (open deals, open tasks, kept with the score): some, or none."""
    column = col(Contact.open_deals) if field == "deal" else col(Contact.open_tasks)
    return column > 0 if wanted else column == 0


def _last(op: str, cutoff: object) -> ColumnElement[bool]:
    """On the stored newest interaction: "never", "<" something since the cutoff, ">" nothing since it."""
    last = col(Contact.last_interaction_at)
    if op == "never":
        return last.is_(None)
    if op == "<":
        return and_(last.is_not(None), last >= cutoff)
    return or_(last.is_(None), last < cutoff)


def _source(prefix: str) -> ColumnElement[bool]:
    """Sources starting with the (lower-case) prefix, on the stored lower-case source: a range the index serves,
    and the prefix itself (exact whatever the collation)."""
    key = col(Contact.source_key)
    return and_(key >= prefix, key < prefix + "\U0010ffff", key.startswith(prefix, autoescape=True))


def _compare(column: Mapped[int], op: str, value: Any) -> ColumnElement[bool]:
    if op == "..":
        low, high = value
        return and_(column >= low, column <= high)
    compared: dict[str, ColumnElement[bool]] = {"<": column < value, ">": column > value, "=": column == value}
    return compared.get(op, compared["="])


def clause(criterion: Criterion, workspace_id: int) -> ColumnElement[bool]:
    """The condition one criterion puts on Contact."""
    field, op, value = criterion.field, criterion.op, criterion.value
    members = id_set(criterion, workspace_id)
    if members is not None:
        return col(Contact.id).in_(members[0]) if members[1] else col(Contact.id).not_in(members[0])
    found: ColumnElement[bool]
    if field == "company":
        firms = select(Company.id).where(Company.workspace_id == workspace_id,
                                         or_(*(col(Company.name_key).startswith(v, autoescape=True) for v in value)))
        found = col(Contact.company_id).in_(firms)
    elif field == "owner":
        ids = [v for v in value if v is not None]
        found = or_(col(Contact.owner_id).in_(ids), col(Contact.owner_id).is_(None) if None in value else false())
    elif field == "source":
        found = or_(*(_source(v) for v in value))
    elif field == "status":
        found = col(Contact.lead_status).in_(value)
    elif field == "score":
        found = _compare(col(Contact.score), op, value)
    elif field == "last":  # value: the cutoff; ">" means nothing since it, "<" something since it
        found = _last(op, value)
    elif field in ("deal", "task"):  # value: whether some must be open
        found = _stored_count(field, bool(value))
    elif field == "created":  # value: the moment; ">" since it, "<" before it
        found = col(Contact.created_at) >= value if op == ">" else col(Contact.created_at) < value
    elif field in places.FIELDS:
        found = col(Contact.id).in_(places.ids([(field, value)], workspace_id))
    else:
        raise ValueError(f"no filter for {field}")
    return not_(found) if criterion.negated else found


SETS = ("tag", "stage", "custom")  # the filters id_set reads as sets of contact ids; a place is one too (_parts)


def _located(criterion: Criterion) -> bool:
    """A place the contact must have an address at (the place conditions of a query hold on one address)."""
    return criterion.field in places.FIELDS and not criterion.negated


def _places_alone(criteria: Sequence[Criterion]) -> tuple[list[tuple[str, Any]], bool] | None:
    """A query of places alone, read in ContactPlace: the place conditions (which hold on one address) and whether
    they are negated (one place negated, `-country:de`: everyone less those there); None for any other query."""
    if criteria and all(_located(c) for c in criteria):
        return [(c.field, c.value) for c in criteria], False
    if len(criteria) == 1 and criteria[0].field in places.FIELDS:
        return [(criteria[0].field, criteria[0].value)], True
    return None


def _member_sets(criteria: Sequence[Criterion]) -> bool:
    """Whether a contact must be in some set of ids (a tag, a stage, a custom value, a place): the segment is then at
    most as big as that set."""
    return any(_located(c) or (c.field in SETS and not c.negated) for c in criteria)


def _parts(criteria: Sequence[Criterion], workspace_id: int,
           arrays: bool = False) -> tuple[list[ColumnElement[bool]], Excluded | None]:
    """The conditions a contact must meet, and the ids it must not be in (the excluded sets as one), if any.

    The place conditions hold on one address together (city:münchen country:de: an address in Munich, Germany).
    With `arrays` (PostgreSQL's counts) the first set of ids a contact must be in is read as `id = ANY(array)`,
    which PostgreSQL looks up in the workspace's contact index in id order: for 15,000 members 39 ms instead of 63
    ms as `id IN (set)`, probed one by one. Only the first: a second such array would be searched row by row.
    """
    own: ColumnElement[bool] = col(Contact.workspace_id) == workspace_id
    kept: list[ColumnElement[bool]] = []
    excluded: list[Select[Any]] = []
    sets: list[Excluded] = []
    located = [(c.field, c.value) for c in criteria if _located(c)]
    if located:
        sets.append(places.ids(located, workspace_id))
    for criterion in criteria:
        if _located(criterion):
            continue
        ids = id_set(criterion, workspace_id)
        if ids is None:
            kept.append(clause(criterion, workspace_id))
        elif ids[1]:
            sets.append(ids[0])
        else:
            excluded.append(ids[0])
    members: list[ColumnElement[bool]] = [col(Contact.id).in_(ids) for ids in sets]
    if arrays and sets:
        members[0] = col(Contact.id) == any_(_array(sets[0]))
    return [own, *members, *kept], (None if not excluded else excluded[0] if len(excluded) == 1 else union(*excluded))


def _array(ids: Excluded) -> ColumnElement[Any]:
    """The set of ids as one PostgreSQL array (NULL when empty, which matches nobody); cast, so that ANY reads it as
    an array and not as a subquery of rows."""
    rows = ids.subquery()
    return cast(select(func.array_agg(list(rows.c)[0])).scalar_subquery(), ARRAY(Integer))


def where(criteria: Sequence[Criterion], workspace_id: int) -> ColumnElement[bool]:
    """All criteria on the workspace's contacts, the sets a contact must not be in read as one NOT IN."""
    kept, excluded = _parts(criteria, workspace_id)
    return and_(*kept, *([col(Contact.id).not_in(excluded)] if excluded is not None else []))


def counted(criteria: Sequence[Criterion], workspace_id: int, *, postgres: bool = False) -> ColumnElement[int]:
    """The number of contacts selected, as a subquery.

    Places alone are counted in ContactPlace's index (`/segments` with `country:de` and `tag:vip` saved: 51 -> 21
    ms at 100k on SQLite), one negated place as everyone less those.

    With excluded sets, SQLite counts all the others select minus those in the sets (each set read once and its
    members looked up, instead of a look-up per contact among all the workspace's), unless a contact must also be in
    some set (then the look-ups are few and one pass checks them against the excluded sets: a second count would read
    the set again). PostgreSQL checks the sets as one hashed NOT IN in a single pass, which costs it less than the
    second count, and reads the first set a contact must be in as an array (`_parts`)."""
    alone = _places_alone(criteria)
    if alone is not None:
        located, negated = alone
        there = places.number(located, workspace_id).scalar_subquery()
        if not negated:
            return there
        everyone = select(func.count()).select_from(Contact).where(Contact.workspace_id == workspace_id)
        return everyone.scalar_subquery() - there
    kept, excluded = _parts(criteria, workspace_id, arrays=postgres)

    def number(*more: ColumnElement[bool]) -> ColumnElement[int]:
        return select(func.count()).select_from(Contact).where(*kept, *more).correlate(None).scalar_subquery()

    if excluded is None:
        return number()
    if postgres or _member_sets(criteria):
        return number(col(Contact.id).not_in(excluded))
    return number() - number(col(Contact.id).in_(excluded))


def _postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def count(*, session: Session, workspace_id: int, criteria: Sequence[Criterion]) -> int:
    """How many contacts the criteria select."""
    return session.exec(select(counted(criteria, workspace_id, postgres=_postgres(session)))).one()


def counts(*, session: Session, workspace_id: int, selections: Sequence[Sequence[Criterion]]) -> list[int]:
    """How many contacts each list of criteria selects, all in one statement."""
    if not selections:
        return []
    postgres = _postgres(session)
    return list(session.execute(select(*(counted(c, workspace_id, postgres=postgres) for c in selections))).one())


def member_ids(*, session: Session, workspace_id: int, criteria: Sequence[Criterion],
               limit: int | None = None) -> list[int]:
    """The ids of the contacts the criteria select, best score first."""
    query = (select(id_column(Contact)).where(where(criteria, workspace_id))
             .order_by(*BEST_FIRST).limit(limit))
    return list(session.exec(query))


def members(*, session: Session, workspace_id: int, criteria: Sequence[Criterion], limit: int) -> list[Contact]:
    query = (select(Contact).where(where(criteria, workspace_id))
             .order_by(*BEST_FIRST).limit(limit))
    return list(session.exec(query))


WALKED = 2_000  # a big segment's first page is looked for among the workspace's best-scored contacts first


def _best(workspace_id: int) -> Select[Any]:
    """The ids of the workspace's WALKED best-scored contacts, read from the front of ix_contact_ws_rank."""
    return (select(Contact.id).where(Contact.workspace_id == workspace_id)
            .order_by(*BEST_FIRST).limit(WALKED))


def first_page(*, session: Session, workspace_id: int, criteria: Sequence[Criterion],
               limit: int) -> tuple[int, list[Contact]]:
    """How many contacts the criteria select and the best-scored `limit` of them.

    - A segment of places alone (`country:de`, `city:münchen plz:80*`, or one place negated) is counted in
      ContactPlace's index, and its page is found among the workspace's best WALKED ids (`_placed_page`):
      `country:de`, 87,000 of 100,000 contacts, 82 -> 12-22 ms on SQLite, 137 -> 31-37 on PostgreSQL.
    - A segment within a set of ids is counted and paged in one pass over its members (`_counted_page`): on SQLite
      any such set (a tag, a stage, a custom value, a place), on PostgreSQL a place with other conditions (its
      planner joins the place set with the others first). Reading the set twice, for the count and for the page,
      cost more than sorting its members.
    - Otherwise PostgreSQL counts beside the page, walking ix_contact_ws_rank, and stops at a page.
    - SQLite's planner would sort every member, which for a segment holding much of the workspace costs more than
      the count. So when a segment holds more than two pages, the page is first looked for among the workspace's
      best WALKED contacts (an index walk that stops early); only when they hold less than a page are all members
      sorted. A failed walk costs a few ms; counting the workspace to predict it cost as much on every query.

    All give the same page.
    """
    chosen = where(criteria, workspace_id)
    postgres = _postgres(session)
    alone = _places_alone(criteria)
    if alone is not None:  # counted in ContactPlace's index
        located, negated = alone

        def placed(contact_id: ColumnElement[int]) -> ColumnElement[bool]:
            there = places.at(located, workspace_id, contact_id)
            return not_(there) if negated else there

        total = session.execute(select(counted(criteria, workspace_id))).scalar_one()
        return total, _placed_page(session, chosen, total, workspace_id, limit, placed)
    if any(_located(c) for c in criteria) or (not postgres and _member_sets(criteria)):
        return _counted_page(session, chosen, limit)
    if postgres:  # the count rides along with the page: one round trip
        paged = session.execute(select(Contact, counted(criteria, workspace_id, postgres=True)).where(chosen)
                                .order_by(*BEST_FIRST).limit(limit)).all()
        return (paged[0][1] if paged else 0), [contact for contact, _ in paged]
    total = session.execute(select(counted(criteria, workspace_id))).scalar_one()
    return total, _walked(session, chosen, total, workspace_id, limit)


def _walked(session: Session, chosen: ColumnElement[bool], total: int, workspace_id: int,
            limit: int) -> list[Contact]:
    """The best-scored `limit` of the `total` contacts chosen: looked for among the workspace's best WALKED first
    when they are more than two pages, else (or when those hold too few) sorted in full."""
    if not total:
        return []
    query = select(Contact).order_by(*BEST_FIRST).limit(limit)
    if total >= 2 * limit:
        rows = list(session.exec(query.where(chosen, col(Contact.id).in_(_best(workspace_id)))))
        if len(rows) >= min(limit, total):
            return rows
    return _sorted(session, chosen, limit)


def _sorted(session: Session, chosen: ColumnElement[bool], limit: int) -> list[Contact]:
    """The best-scored `limit` of the contacts chosen, all of them sorted."""
    return list(session.exec(select(Contact).where(chosen).order_by(*BEST_FIRST).limit(limit)))


def _placed_page(session: Session, chosen: ColumnElement[bool], total: int, workspace_id: int, limit: int,
                 placed: Callable[[ColumnElement[int]], ColumnElement[bool]]) -> list[Contact]:
    """The best-scored `limit` of the `total` contacts a place condition chose: the workspace's best WALKED ids are
    read from the rank index (ids and scores only), each is checked by `placed` (a look-up in ContactPlace's key),
    and only the page's rows are read whole. When those ids hold too few, all members are sorted."""
    if not total:
        return []
    if total >= 2 * limit:
        best = (select(id_column(Contact).label("id"), col(Contact.score).label("score"))
                .where(Contact.workspace_id == workspace_id).order_by(*BEST_FIRST).limit(WALKED).subquery())
        found = (select(best.c.id, best.c.score).where(placed(best.c.id))
                 .order_by(best.c.score.desc(), best.c.id).limit(limit).subquery())
        rows = list(session.exec(select(Contact).join(found, id_column(Contact) == found.c.id)
                                 .order_by(found.c.score.desc(), found.c.id)))
        if len(rows) >= min(limit, total):
            return rows
    return _sorted(session, chosen, limit)


def _counted_page(session: Session, chosen: ColumnElement[bool], limit: int) -> tuple[int, list[Contact]]:
    """The members' number and best-scored `limit` in one statement: their ids and scores are counted (a window over
    all of them) and sorted once, and only the page's rows are read whole."""
    ranked = (select(id_column(Contact).label("id"), col(Contact.score).label("score"),
                     func.count().over().label("total"))
              .where(chosen).order_by(*BEST_FIRST).limit(limit).subquery())
    paged = session.execute(select(Contact, ranked.c.total).join(ranked, id_column(Contact) == ranked.c.id)
                            .order_by(ranked.c.score.desc(), ranked.c.id)).all()
    return (paged[0][1] if paged else 0), [contact for contact, _ in paged]


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


def taggings_on(*, session: Session, workspace_id: int, entity: str, entity_id: int) -> list[Tagging]:
    """The record's taggings, one per tag it carries."""
    return list(session.exec(select(Tagging).where(Tagging.workspace_id == workspace_id, Tagging.entity == entity,
                                                   Tagging.entity_id == entity_id).order_by(col(Tagging.id))))


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
