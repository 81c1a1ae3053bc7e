"""Workspaces, their members, sign-in tokens and what a conversation keeps between messages."""

from datetime import datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models.base import NEVER_REUSE, stamped


class Workspace(SQLModel, table=True):
    __table_args__ = NEVER_REUSE
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True, max_length=200)  # "console:local", "telegram:-100123", "slack:T0123"
    name: str = Field(default="", max_length=200)
    default_region: str = Field(default="DE", max_length=2)
    subdivision: str | None = Field(default=None, max_length=10)  # holidays of a region, e.g. "BY"
    revision: int = 0  # bumped by every change to a name, so each process knows when its index is stale
    stale_days: int = 14  # a deal with no activity for this long needs attention
    feed_channel: str | None = Field(default=None, max_length=100)  # where shared changes are posted
    created_at: datetime = stamped()


class Member(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("workspace_id", "external_id"), NEVER_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    external_id: str = Field(max_length=100)
    name: str = Field(default="", max_length=200)
    role: str = Field(default="rep", max_length=20)  # owner, manager, rep
    language: str = Field(default="en", max_length=5)
    timezone: str = Field(default="Europe/Berlin", max_length=64)
    digest_time: str = Field(default="08:00", max_length=5)
    digest_enabled: bool = True
    digest_days: str = Field(default="12345", max_length=7)  # ISO weekdays, Monday = 1
    last_digest_at: datetime | None = None
    delivery_failures: int = 0  # consecutive failed deliveries; the member is paused after a few
    delivery_paused: bool = False
    last_task_id: int | None = None  # conversation context: the task "it" refers to
    last_record: str | None = Field(default=None, max_length=40)  # "contact:12" or "deal:3", for "her" / "it"
    mail_address: str | None = Field(default=None, max_length=254, index=True)  # mails they forward are theirs
    located_latitude: float | None = None  # the last location they shared (for "at Acme" and /near)
    located_longitude: float | None = None
    located_at: datetime | None = None
    created_at: datetime = stamped()


class AccessToken(SQLModel, table=True):
    """A secret handed out once (a sign-in link, an API token, a calendar feed); only its SHA-256 is kept."""

    __table_args__ = (Index("ix_accesstoken_member", "workspace_id", "member_id", "kind"), NEVER_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    member_id: int = Field(foreign_key="member.id")
    kind: str = Field(max_length=10)  # login, api, calendar
    token_hash: str = Field(unique=True, max_length=64)
    label: str = Field(default="", max_length=100)
    used_at: datetime | None = None  # a sign-in link works once
    revoked_at: datetime | None = None
    created_at: datetime = stamped()


class PendingChoice(SQLModel, table=True):
    """A command waiting for a pick (a gap, see handlers.language.waiting.ChoiceGap) or for the member's next text ("{text}").

    Buttons then carry only its id, which keeps payloads within Telegram's 64 bytes.
    """

    __table_args__ = NEVER_REUSE
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    command: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = stamped()


class ProcessedUpdate(SQLModel, table=True):
    """Channel updates already handled, so a redelivery creates nothing twice."""

    key: str = Field(primary_key=True, max_length=200)  # "telegram:123456789"
    reply: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime = stamped()


class AuditEntry(SQLModel, table=True):
    """One change to one row; `batch` groups the changes of one command so undo can revert them."""

    __table_args__ = (Index("ix_audit_ws_member_batch", "workspace_id", "member_id", "batch"), NEVER_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    member_id: int | None = Field(default=None, foreign_key="member.id")
    batch: str = Field(max_length=32)
    entity: str = Field(max_length=40)
    entity_id: int
    action: str = Field(max_length=10)  # create, update, delete
    before: str | None = Field(default=None, sa_column=Column(Text))
    after: str | None = Field(default=None, sa_column=Column(Text))
    undone: bool = False
    created_at: datetime = stamped()
