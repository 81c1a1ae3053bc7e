"""Segments, campaigns, scoring and assignment rules."""

from datetime import datetime

from sqlalchemy import BigInteger, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models.base import NEVER_REUSE, stamped


class Segment(SQLModel, table=True):
    """A saved filter over contacts, in the query language of handlers.segment_query."""

    __table_args__ = (UniqueConstraint("workspace_id", "name_key"), NEVER_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    name: str = Field(max_length=100)
    name_key: str = Field(max_length=100)
    query: str = Field(sa_column=Column(Text, nullable=False))
    created_by: int | None = Field(default=None, foreign_key="member.id")
    created_at: datetime = stamped()


class Campaign(SQLModel, table=True):
    """A marketing action: members, touches, responses; won deals of members in its period count for it."""

    __table_args__ = (UniqueConstraint("workspace_id", "name_key"), NEVER_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    name: str = Field(max_length=200)
    name_key: str = Field(max_length=200)
    tag_id: int | None = Field(default=None, foreign_key="tag.id")  # its members carry this tag
    cost_cents: int | None = Field(default=None, sa_type=BigInteger)
    currency: str = Field(default="EUR", max_length=3)
    starts_at: datetime
    ends_at: datetime | None = None
    created_by: int | None = Field(default=None, foreign_key="member.id")
    created_at: datetime = stamped()


class CampaignMember(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("campaign_id", "contact_id"),
                      Index("ix_campaignmember_contact", "workspace_id", "contact_id"), NEVER_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    campaign_id: int = Field(foreign_key="campaign.id")
    contact_id: int = Field(foreign_key="contact.id")
    response: str | None = Field(default=None, max_length=20)  # interested, not_interested, no_answer
    responded_at: datetime | None = None
    created_at: datetime = stamped()


class ScoreRule(SQLModel, table=True):
    """A team's own points for one lead-score rule; rules without a row keep their default points."""

    __table_args__ = (UniqueConstraint("workspace_id", "key"), NEVER_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    key: str = Field(max_length=30)
    points: int
    created_at: datetime = stamped()


class AssignmentRule(SQLModel, table=True):
    """Who gets new leads: a rep in the round robin, or the rep for a tag (or, later, a region)."""

    __table_args__ = (Index("ix_assignmentrule_ws", "workspace_id", "kind"), NEVER_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    kind: str = Field(max_length=20)  # round_robin, tag, region
    value: str = Field(default="", max_length=60)  # the tag key or region
    member_id: int = Field(foreign_key="member.id")
    assigned: int = 0  # leads given so far: the round robin gives the next one to the fewest
    created_at: datetime = stamped()
