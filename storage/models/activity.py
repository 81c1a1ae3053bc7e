"""Tasks, interactions and the files attached to records."""

from datetime import datetime

from sqlalchemy import Column, Index, Text
from sqlmodel import Field, SQLModel

from storage.models.base import NEVER_REUSE, stamped


class Interaction(SQLModel, table=True):
    """A note or a logged call, meeting or e-mail on a contact."""

    __table_args__ = (Index("ix_interaction_contact", "workspace_id", "contact_id", "created_at"),
                      Index("ix_interaction_company", "workspace_id", "company_id", "created_at"), NEVER_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    contact_id: int | None = Field(default=None, foreign_key="contact.id")
    deal_id: int | None = Field(default=None, foreign_key="deal.id")
    kind: str = Field(default="note", max_length=20)  # note, call, meeting, email, visit
    company_id: int | None = None  # a visit's company (no foreign key: SQLite can't add one in place)
    text: str = Field(sa_column=Column(Text, nullable=False))
    author_id: int | None = Field(default=None, foreign_key="member.id")
    campaign_id: int | None = None  # a campaign's touch (no foreign key: SQLite can't add one in place)
    created_at: datetime = stamped()


class Task(SQLModel, table=True):
    __table_args__ = (
        Index("ix_task_open_due", "workspace_id", "done_at", "due_at"),
        Index("ix_task_contact", "workspace_id", "contact_id"),
        Index("ix_task_reminder", "reminded_at", "done_at", "due_at"),  # done tasks never enter the range
        NEVER_REUSE,
    )
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    title: str = Field(max_length=500)
    due_at: datetime | None = None
    contact_id: int | None = Field(default=None, foreign_key="contact.id")
    deal_id: int | None = Field(default=None, foreign_key="deal.id")
    assignee_id: int | None = Field(default=None, foreign_key="member.id")
    created_by: int | None = Field(default=None, foreign_key="member.id")
    done_at: datetime | None = None
    reminded_at: datetime | None = None  # the reminder went out
    reminder_claimed_at: datetime | None = None  # a scheduler took it; a stale claim is taken over
    reminder_claimed_by: str | None = Field(default=None, max_length=64)
    created_at: datetime = stamped()


class Attachment(SQLModel, table=True):
    """A photo or document kept by the chat platform; we store its id there, not the bytes."""

    __table_args__ = (Index("ix_attachment_contact", "workspace_id", "contact_id"), NEVER_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    contact_id: int | None = Field(default=None, foreign_key="contact.id")
    channel: str = Field(max_length=20)  # telegram, slack
    file_id: str = Field(max_length=300)
    kind: str = Field(default="document", max_length=20)  # photo, document
    filename: str = Field(default="", max_length=300)
    caption: str = Field(default="", sa_column=Column(Text, nullable=False))
    author_id: int | None = Field(default=None, foreign_key="member.id")
    created_at: datetime = stamped()
