"""What arrives from outside: webhooks, card scans, mails, uploaded files, pending imports."""

from datetime import datetime

from sqlalchemy import Column, Index, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models.base import NEVER_REUSE, stamped


class Webhook(SQLModel, table=True):
    """A receiver of the workspace's changes; each delivery is signed with its secret."""

    __table_args__ = NEVER_REUSE
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    url: str = Field(max_length=500)
    secret: str = Field(max_length=64)
    member_id: int | None = Field(default=None, foreign_key="member.id")
    created_at: datetime = stamped()


class WebhookDelivery(SQLModel, table=True):
    """The outbox: one event for one receiver, written in the change's transaction, sent by the scheduler."""

    __table_args__ = (Index("ix_webhookdelivery_due", "delivered_at", "dead_at", "next_attempt_at"), NEVER_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    webhook_id: int = Field(foreign_key="webhook.id", index=True)
    event: str = Field(max_length=40)  # contact.created, deal.stage_changed, task.done, ...
    payload: str = Field(sa_column=Column(Text, nullable=False))  # JSON
    idempotency_key: str = Field(unique=True, max_length=64)
    attempts: int = 0
    next_attempt_at: datetime
    delivered_at: datetime | None = None
    dead_at: datetime | None = None  # given up after too many failures: shown to the owner
    last_error: str | None = Field(default=None, max_length=300)
    created_at: datetime = stamped()


class CardScan(SQLModel, table=True):
    """A business card read from a photo, waiting for the member to save, fix or cancel it."""

    __table_args__ = NEVER_REUSE
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    attachment_id: int | None = Field(default=None, foreign_key="attachment.id")
    payload: str = Field(sa_column=Column(Text, nullable=False))  # JSON: the fields read (card_reader.CardFields)
    created_at: datetime = stamped()


class MailMessage(SQLModel, table=True):
    """An e-mail filed from the team mailbox, by its Message-ID: a mail seen twice is filed once."""

    __table_args__ = (UniqueConstraint("workspace_id", "message_id"), NEVER_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    message_id: str = Field(max_length=300)
    member_id: int | None = Field(default=None, foreign_key="member.id")
    created_at: datetime = stamped()


class FileContent(SQLModel, table=True):
    """The bytes of a file no chat platform keeps for us (an e-mail's attachment).

    No foreign key: a deleted contact's attachment rows come back with /undo, and so must find their bytes;
    /privacy erase deletes them (storage.mail.forget_file_contents).
    """

    __table_args__ = NEVER_REUSE
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    attachment_id: int = Field(index=True)
    mime_type: str = Field(default="application/octet-stream", max_length=100)
    content: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: datetime = stamped()


class PendingImport(SQLModel, table=True):
    """A parsed import file waiting for the member's confirmation; the preview's buttons carry its id."""

    __table_args__ = NEVER_REUSE
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    member_id: int = Field(foreign_key="member.id", index=True)
    filename: str = Field(max_length=300)
    payload: str = Field(sa_column=Column(Text, nullable=False))  # JSON: the mapping and the checked rows
    created_at: datetime = stamped()
