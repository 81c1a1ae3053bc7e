"""Deals, the pipeline's stages, stage changes and exchange rates."""

from datetime import datetime

from sqlalchemy import BigInteger, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models.base import NEVER_REUSE, stamped


class PipelineStage(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("workspace_id", "key"), NEVER_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    key: str = Field(max_length=40)  # lead, qualified, proposal, negotiation, won, lost
    position: int
    probability: int  # percent
    is_closed: bool = False


class Deal(SQLModel, table=True):
    # The pipeline's sums are kept in PipelineTotal (migration 0019); ix_deal_top serves a stage's largest
    # deals, ix_deal_created and ix_deal_closing cover the deals created in a period and the open deals closing in one.
    __table_args__ = (Index("ix_deal_top", "workspace_id", "stage_id", "value_cents"),
                      Index("ix_deal_created", "workspace_id", "created_at", "currency", "value_cents", "owner_id"),
                      Index("ix_deal_closing", "workspace_id", "close_date", "stage_id", "currency", "value_cents",
                            "probability", "owner_id"),
                      NEVER_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    title: str = Field(max_length=300)
    title_key: str = Field(max_length=300)
    company_id: int | None = Field(default=None, foreign_key="company.id", index=True)
    contact_id: int | None = Field(default=None, foreign_key="contact.id", index=True)
    value_cents: int = Field(default=0, sa_type=BigInteger)  # 64 bits: a single deal may pass 21 million
    currency: str = Field(default="EUR", max_length=3)
    stage_id: int = Field(foreign_key="pipelinestage.id")
    probability: int = 10
    close_date: datetime | None = None
    owner_id: int | None = Field(default=None, foreign_key="member.id")
    lost_reason: str | None = Field(default=None, sa_column=Column(Text))  # why a lost deal was lost
    created_at: datetime = stamped()
    updated_at: datetime = stamped()


class DealStageChange(SQLModel, table=True):
    # the moves into a stage in a period (won this month) are a range of this index
    __table_args__ = (Index("ix_dealstagechange_entered", "workspace_id", "to_stage_id", "changed_at", "deal_id"),
                      NEVER_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    deal_id: int = Field(foreign_key="deal.id", index=True)
    from_stage_id: int | None = Field(default=None, foreign_key="pipelinestage.id")
    to_stage_id: int = Field(foreign_key="pipelinestage.id")
    member_id: int | None = Field(default=None, foreign_key="member.id")
    changed_at: datetime = stamped()


class DealEntry(SQLModel, table=True):
    """What a report sums of each deal: its stage, when it last entered that stage (None without a move into it),
    its currency, value, owner, creation time and its contact's source. Triggers keep it on every write (migration
    0027), so the won, lost or new deals of a period are one range of a covering index, in any grouping."""

    __table_args__ = (Index("ix_dealentry_entered", "workspace_id", "stage_id", "entered_at", "currency",
                            "value_cents", "owner_id", "source", "created_at"),
                      Index("ix_dealentry_created", "workspace_id", "created_at", "currency", "value_cents",
                            "owner_id", "source"),
                      Index("ix_dealentry_contact", "contact_id"))
    deal_id: int = Field(foreign_key="deal.id", primary_key=True, ondelete="CASCADE")
    workspace_id: int
    stage_id: int
    entered_at: datetime | None = None
    currency: str = Field(max_length=3)
    value_cents: int = Field(sa_type=BigInteger)
    owner_id: int | None = None
    contact_id: int | None = None
    source: str | None = Field(default=None, max_length=40)
    created_at: datetime


class ExchangeRate(SQLModel, table=True):
    """A workspace's own rate: one unit of `currency` is `micros` millionths of a unit of `base`."""

    __table_args__ = (UniqueConstraint("workspace_id", "currency"), NEVER_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    base: str = Field(max_length=3)
    currency: str = Field(max_length=3)
    micros: int = Field(sa_column=Column(BigInteger, nullable=False))
    created_at: datetime = stamped()
