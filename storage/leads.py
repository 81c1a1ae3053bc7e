"""Leads in SQL: the facts a lead score is made of, score rules, lead lists, assignment rules, campaigns."""

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, event, func, inspect, update
from sqlmodel import Session, col, select

from storage.bulk import chunks
from storage.ids import id_column, id_of
from storage.models import (
    BEST_FIRST,
    AssignmentRule,
    Campaign,
    CampaignMember,
    Company,
    Contact,
    Deal,
    DealStageChange,
    Interaction,
    PipelineStage,
    ScoreRule,
    Task,
)
from storage.wide import select_columns

OPEN_LEADS = ("new", "contacted", "qualified")


@dataclass
class Facts:
    """What one contact's score is computed from; title, size and industry are None where not recorded."""

    email: bool = False
    phone: bool = False
    title: str | None = None
    size: int | None = None
    industry: str | None = None
    recent: int = 0  # interactions since the recent cutoff
    last_at: datetime | None = None  # the newest interaction
    created_at: datetime | None = None
    interested: int = 0  # campaign responses "interested"
    open_deals: int = 0  # deals in an open stage
    open_tasks: int = 0  # tasks not done

    @property
    def open_deal(self) -> bool:
        return self.open_deals > 0

    def stored(self) -> dict[str, object]:
        """The facts the contact row keeps for segments (written by keep)."""
        return {"last_interaction_at": self.last_at, "open_deals": self.open_deals, "open_tasks": self.open_tasks}


@dataclass(frozen=True)
class Stored:
    """What a contact row holds now of its score and its segment facts (Facts.stored())."""

    score: int
    facts: dict[str, object]


FACT_COLUMNS = tuple(Facts().stored())


def _column(model: type[Any], name: str) -> Any:
    """The column if this schema has it (title, size, industry come with the records branch)."""
    return getattr(model, name, None) if name in model.model_fields else None


def _facts_query() -> Any:
    """Every score fact and stored value of some contacts as one statement, built once (bound parameters):
    the contact's own columns, its company's size and industry, and a correlated count or newest per kind of
    related row, each an index range (ix_interaction_contact, ix_task_contact, ...)."""
    workspace: Any = bindparam("workspace_id")
    since: Any = bindparam("recent_since")
    interactions = (Interaction.workspace_id == workspace, Interaction.contact_id == Contact.id)
    open_stages = select(PipelineStage.id).where(PipelineStage.workspace_id == workspace,
                                                 col(PipelineStage.is_closed).is_(False))
    related: list[Any] = [
        select(func.count()).where(*interactions, col(Interaction.created_at) >= since),
        select(func.max(Interaction.created_at)).where(*interactions),
        select(func.count()).where(Deal.workspace_id == workspace, Deal.contact_id == Contact.id,
                                   col(Deal.stage_id).in_(open_stages)),
        select(func.count()).where(Task.workspace_id == workspace, Task.contact_id == Contact.id,
                                   col(Task.done_at).is_(None)),
        select(func.count()).where(CampaignMember.workspace_id == workspace, CampaignMember.contact_id == Contact.id,
                                   CampaignMember.response == "interested"),
    ]
    own = [id_column(Contact), Contact.email, Contact.phone, Contact.created_at, Contact.title, Company.size,
           Company.industry, Contact.score, *(col(getattr(Contact, name)) for name in FACT_COLUMNS)]
    return (select_columns(*own, *(query.scalar_subquery() for query in related))
            .outerjoin(Company, (col(Company.id) == Contact.company_id) & (Company.workspace_id == workspace))
            .where(Contact.workspace_id == workspace, col(Contact.id).in_(bindparam("ids", expanding=True))))


_FACTS = _facts_query()


def facts_and_stored(*, session: Session, workspace_id: int, contact_ids: list[int],
                     recent_since: datetime) -> tuple[dict[int, Facts], dict[int, Stored]]:
    """The score facts of these contacts, and what their rows hold now (missing ids are left out)."""
    found: dict[int, Facts] = {}
    stored: dict[int, Stored] = {}
    kept = len(FACT_COLUMNS)
    for part in chunks(sorted(set(contact_ids))):
        params = {"workspace_id": workspace_id, "recent_since": recent_since, "ids": part}
        for row in session.exec(_FACTS, params=params):
            cid, email, phone, created, title, size, industry, score = row[:8]
            recent, last, deals, tasks, interested = row[8 + kept:]
            found[cid] = Facts(email=bool(email), phone=bool(phone), title=title, size=employees(size),
                               industry=industry, recent=recent, last_at=last, created_at=created,
                               interested=interested, open_deals=deals, open_tasks=tasks)
            stored[cid] = Stored(score, dict(zip(FACT_COLUMNS, row[8:8 + kept], strict=True)))
    return found, stored


def facts(*, session: Session, workspace_id: int, contact_ids: list[int], recent_since: datetime) -> dict[int, Facts]:
    """The score facts of these contacts (missing ids are left out)."""
    return facts_and_stored(session=session, workspace_id=workspace_id, contact_ids=contact_ids,
                            recent_since=recent_since)[0]


def _company_facts(session: Session, workspace_id: int, found: dict[int, Facts], size: Any, industry: Any) -> None:
    """Replace the company id parked in `size` by the company's size and industry, where recorded."""
    company_ids = {f.size for f in found.values() if f.size is not None}
    details: dict[int, tuple[Any, Any]] = {}
    if company_ids and (size is not None or industry is not None):
        columns = [c for c in (size, industry) if c is not None]
        for row in session.exec(select(Company.id, *columns).where(
                Company.workspace_id == workspace_id, col(Company.id).in_(sorted(company_ids)))):
            values = list(row[1:])
            details[row[0]] = (employees(values.pop(0)) if size is not None else None,
                               values.pop(0) if industry is not None else None)
    for fact in found.values():
        fact.size, fact.industry = details.get(fact.size, (None, None)) if fact.size is not None else (None, None)


def employees(size: object) -> int | None:
    """A company size as given ("50", "50-99", "1.000+") as its first number of people."""
    match = re.search(r"\d[\d.,']*", str(size or ""))
    return int(re.sub(r"\D", "", match[0])) if match else None


def set_scores(*, session: Session, workspace_id: int, scores: dict[int, int]) -> None:
    """Write scores (not audited: a score is derived, and undo recomputes it), one statement per value."""
    from storage.segments import set_contacts

    by_value: dict[int, list[int]] = defaultdict(list)
    for contact_id, value in scores.items():
        by_value[value].append(contact_id)
    for value, ids in by_value.items():
        set_contacts(session=session, workspace_id=workspace_id, ids=ids, values={"score": value})


def new_contacts(*, session: Session, workspace_id: int,
                 contacts: list[Contact]) -> tuple[dict[int, Facts], dict[int, Stored]]:
    """The score facts and stored values of contacts made in this transaction, that no other row points at yet.

    Read from the rows themselves (only their companies' size and industry from the database): such a contact
    has no interactions, deals, tasks or campaign responses. Rows deleted meanwhile are left out.
    """
    title = _column(Contact, "title")
    found: dict[int, Facts] = {}
    stored: dict[int, Stored] = {}
    for contact in contacts:
        state = inspect(contact)
        if state.deleted or state.was_deleted or state.detached:
            continue
        cid = id_of(contact)
        found[cid] = Facts(email=bool(contact.email), phone=bool(contact.phone), created_at=contact.created_at,
                           title=getattr(contact, "title", None) if title is not None else None)
        found[cid].size = contact.company_id  # the company id for now; replaced below
        stored[cid] = Stored(contact.score, {name: getattr(contact, name) for name in FACT_COLUMNS})
    if found:
        _company_facts(session, workspace_id, found, _column(Company, "size"), _column(Company, "industry"))
    return found, stored


def keep(*, session: Session, workspace_id: int, scores: dict[int, int], facts: dict[int, Facts],
         stored: dict[int, Stored]) -> None:
    """Store each contact's score and segment facts (newest interaction, open deals, open tasks) where they changed.

    A contact whose facts changed gets its score and facts in one UPDATE (all such contacts in one executemany: a
    note changes both, and wrote them in two statements); the other changed scores one UPDATE per value (a team's
    new rule rescores everyone). `stored` is what the rows hold now (stored_of); a contact missing from it gets its
    score only.
    """
    names = ["score", *FACT_COLUMNS]
    both = [{"row_id": cid, "score": scores[cid], **fact.stored()} for cid, fact in facts.items()
            if cid in stored and stored[cid].facts != fact.stored()]
    moved = {row["row_id"] for row in both}
    set_scores(session=session, workspace_id=workspace_id,
               scores={cid: value for cid, value in scores.items()
                       if cid not in moved and (cid not in stored or stored[cid].score != value)})
    if both:
        table = cast(Table, inspect(Contact).local_table)  # a mapped class's local table is a Table
        session.connection().execute(update(table).where(table.c.workspace_id == workspace_id,
                                                         table.c.id == bindparam("row_id"))
                                     .values({name: bindparam(name) for name in names}), both)
        for contact in list(session.identity_map.values()):
            if isinstance(contact, Contact) and contact.id in moved:
                session.expire(contact, names)


def contact_ids(*, session: Session, workspace_id: int) -> list[int]:
    return list(session.exec(select(id_column(Contact)).where(Contact.workspace_id == workspace_id)))


RULES = "score_rules"  # session.info: workspace id -> its score rules, where a look-up found it has none


def score_rules(*, session: Session, workspace_id: int) -> dict[str, ScoreRule]:
    """The team's own rules by key; none without a query when the transaction already knows it has none."""
    if workspace_id in session.info.get(RULES, {}):
        return {}
    return {rule.key: rule for rule in session.exec(select(ScoreRule).where(ScoreRule.workspace_id == workspace_id))}


def has_no_rules(session: Session, workspace_id: int) -> None:
    """Note that the workspace has no score rules of its own (seen in a query made anyway); a new rule forgets it."""
    session.info.setdefault(RULES, {})[workspace_id] = {}


@event.listens_for(Session, "before_flush")
def _forget_no_rules(session: Session, _context: Any, _instances: Any) -> None:
    if RULES in session.info and any(isinstance(row, ScoreRule) for row in session.new):
        session.info.pop(RULES)


def leads(*, session: Session, workspace_id: int, statuses: tuple[str, ...], offset: int,
          limit: int) -> tuple[list[Contact], int]:
    """Contacts in these lead statuses, best score first, and how many there are."""
    where = (Contact.workspace_id == workspace_id, col(Contact.lead_status).in_(statuses))
    total = session.exec(select(func.count()).select_from(Contact).where(*where)).one()
    rows = session.exec(select(Contact).where(*where).order_by(*BEST_FIRST)
                        .offset(offset).limit(limit))
    return list(rows), total


# --- assignment rules ---------------------------------------------------------------------------


def assignment_rules(*, session: Session, workspace_id: int) -> list[AssignmentRule]:
    return list(session.exec(select(AssignmentRule).where(AssignmentRule.workspace_id == workspace_id)
                             .order_by(col(AssignmentRule.kind), col(AssignmentRule.id))))


# --- campaigns ----------------------------------------------------------------------------------


def campaigns(*, session: Session, workspace_id: int) -> list[Campaign]:
    return list(session.exec(select(Campaign).where(Campaign.workspace_id == workspace_id)
                             .order_by(col(Campaign.starts_at).desc(), col(Campaign.id))))


def campaign_member(*, session: Session, workspace_id: int, campaign_id: int, contact_id: int) -> CampaignMember | None:
    return session.exec(select(CampaignMember).where(CampaignMember.workspace_id == workspace_id,
                                                     CampaignMember.campaign_id == campaign_id,
                                                     CampaignMember.contact_id == contact_id)).first()


def memberships(*, session: Session, workspace_id: int, contact_id: int) -> list[CampaignMember]:
    """The contact's campaign memberships, with their responses."""
    return list(session.exec(select(CampaignMember).where(CampaignMember.workspace_id == workspace_id,
                                                          CampaignMember.contact_id == contact_id)
                             .order_by(col(CampaignMember.id))))


def campaign_member_ids(*, session: Session, workspace_id: int, campaign_id: int) -> set[int]:
    return set(session.exec(select(CampaignMember.contact_id).where(CampaignMember.workspace_id == workspace_id,
                                                                    CampaignMember.campaign_id == campaign_id)))


def responses(*, session: Session, workspace_id: int, campaign_id: int) -> dict[str | None, int]:
    """Members per response (None: none recorded yet)."""
    return dict(session.exec(select(CampaignMember.response, func.count()).where(
        CampaignMember.workspace_id == workspace_id, CampaignMember.campaign_id == campaign_id)
        .group_by(col(CampaignMember.response))).all())


def touches(*, session: Session, workspace_id: int, campaign_id: int) -> tuple[dict[str, int], int]:
    """Touches per kind, and how many members were touched."""
    where = (Interaction.workspace_id == workspace_id, Interaction.campaign_id == campaign_id)
    kinds = dict(session.exec(select(Interaction.kind, func.count()).where(*where)
                              .group_by(col(Interaction.kind))).all())
    people = session.exec(select(func.count(func.distinct(Interaction.contact_id))).where(*where)).one()
    return kinds, people


def won_deals(*, session: Session, workspace_id: int, campaign_id: int, since: datetime,
              until: datetime) -> list[Deal]:
    """Deals now won, whose contact is a member, that were moved to won within the period."""
    won = select(PipelineStage.id).where(PipelineStage.workspace_id == workspace_id, PipelineStage.key == "won")
    members = select(CampaignMember.contact_id).where(CampaignMember.workspace_id == workspace_id,
                                                      CampaignMember.campaign_id == campaign_id)
    moved = select(DealStageChange.deal_id).where(
        DealStageChange.workspace_id == workspace_id, col(DealStageChange.to_stage_id).in_(won),
        col(DealStageChange.changed_at) >= since, col(DealStageChange.changed_at) <= until)
    return list(session.exec(select(Deal).where(
        Deal.workspace_id == workspace_id, col(Deal.stage_id).in_(won), col(Deal.contact_id).in_(members),
        col(Deal.id).in_(moved)).order_by(col(Deal.id))))


def newest_import_contacts(*, session: Session, workspace_id: int, member_id: int) -> list[int]:
    """The contacts created by the member's newest import that is still in force."""
    from storage.models import AuditEntry

    batch = session.exec(select(AuditEntry.batch).join(Contact, col(Contact.id) == col(AuditEntry.entity_id))
                         .where(AuditEntry.workspace_id == workspace_id, AuditEntry.member_id == member_id,
                                AuditEntry.entity == "contact", AuditEntry.action == "create",
                                col(AuditEntry.undone).is_(False), col(Contact.source).startswith("import:"))
                         .order_by(col(AuditEntry.id).desc()).limit(1)).first()
    if batch is None:
        return []
    return list(session.exec(select(AuditEntry.entity_id).join(Contact, col(Contact.id) == col(AuditEntry.entity_id))
                             .where(AuditEntry.workspace_id == workspace_id, AuditEntry.batch == batch,
                                    AuditEntry.entity == "contact", AuditEntry.action == "create")))
