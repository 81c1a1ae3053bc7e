"""The tables. Every row carries its workspace; money is stored in cents, times in UTC."""

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Column, Index, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

NEVER_REUSE = {"sqlite_autoincrement": True}  # SQLite would hand a deleted row's id to the next row


def stamped() -> Any:
    """A time column left empty here and filled at flush from the unit of work's clock (storage.db)."""
    return Field(default=None, nullable=False)


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


class Company(SQLModel, table=True):
    __table_args__ = (Index("ix_company_ws_key", "workspace_id", "name_key"),
                      Index("ix_company_geo", "workspace_id", "latitude", "longitude"), NEVER_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    name: str = Field(max_length=200)
    name_key: str = Field(max_length=200)
    website: str | None = Field(default=None, max_length=300)
    industry: str | None = Field(default=None, max_length=100)
    size: str | None = Field(default=None, max_length=40)  # employees, as given: "50", "10-49"
    phone: str | None = Field(default=None, max_length=32)
    latitude: float | None = None  # where the company is, from the first visit or a vCard GEO
    longitude: float | None = None
    created_at: datetime = stamped()
    updated_at: datetime = stamped()


class Contact(SQLModel, table=True):
    __table_args__ = (
        Index("ix_contact_ws_key", "workspace_id", "name_key"),
        Index("ix_contact_ws_email", "workspace_id", "email"),
        Index("ix_contact_ws_phone", "workspace_id", "phone"),
        Index("ix_contact_company", "company_id"),
        Index("ix_contact_ws_score", "workspace_id", "score"),
        Index("ix_contact_ws_status_score", "workspace_id", "lead_status", "score"),
        Index("ix_contact_ws_last", "workspace_id", "last_interaction_at"),
        Index("ix_contact_geo", "workspace_id", "latitude", "longitude"),
        NEVER_REUSE,
    )
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    name: str = Field(max_length=200)
    name_key: str = Field(max_length=200)
    company_id: int | None = Field(default=None, foreign_key="company.id")
    email: str | None = Field(default=None, max_length=254)
    phone: str | None = Field(default=None, max_length=32)
    email_label: str | None = Field(default=None, max_length=20)  # work, home, other: of the primary e-mail
    phone_label: str | None = Field(default=None, max_length=20)  # mobile, work, home, fax
    given_name: str | None = Field(default=None, max_length=100)  # the structured name, for vCard N
    middle_name: str | None = Field(default=None, max_length=100)
    family_name: str | None = Field(default=None, max_length=100)
    name_prefix: str | None = Field(default=None, max_length=50)
    name_suffix: str | None = Field(default=None, max_length=50)
    title: str | None = Field(default=None, max_length=200)  # job title
    department: str | None = Field(default=None, max_length=200)
    birthday: str | None = Field(default=None, max_length=10)  # ISO 1985-04-12, or --04-12 without a year
    website: str | None = Field(default=None, max_length=300)
    socials: str | None = Field(default=None, sa_column=Column(Text))  # JSON: {"linkedin": "...", ...}
    latitude: float | None = None
    longitude: float | None = None
    source: str = Field(default="manual", max_length=40)
    owner_id: int | None = Field(default=None, foreign_key="member.id")
    lead_status: str = Field(default="new", max_length=20)  # new, contacted, qualified, unqualified, converted
    score: int = 0  # the lead score, kept by handlers.scoring whenever the contact or its history changes
    last_interaction_at: datetime | None = None  # the newest interaction's time, kept with the score
    created_at: datetime = stamped()
    updated_at: datetime = stamped()


class ContactEmail(SQLModel, table=True):
    """A contact's further e-mail (the first one is Contact.email), with its label."""

    __table_args__ = (Index("ix_contactemail_ws_email", "workspace_id", "email"), NEVER_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    contact_id: int = Field(foreign_key="contact.id", index=True)
    email: str = Field(max_length=254)
    label: str = Field(default="other", max_length=20)  # work, home, other
    position: int = 0


class ContactPhone(SQLModel, table=True):
    """A contact's further phone number (the first one is Contact.phone), in E.164, with its label."""

    __table_args__ = (Index("ix_contactphone_ws_phone", "workspace_id", "phone"), NEVER_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    contact_id: int = Field(foreign_key="contact.id", index=True)
    phone: str = Field(max_length=32)
    label: str = Field(default="other", max_length=20)  # mobile, work, home, fax, other
    position: int = 0


class Address(SQLModel, table=True):
    """A postal address of a contact or a company; the country as its ISO code when known."""

    __table_args__ = (Index("ix_address_owner", "workspace_id", "owner_kind", "owner_id"),
                      # the segment filters read these alone (covering): the place, then whose address it is
                      Index("ix_address_ws_city", "workspace_id", "city", "owner_kind", "owner_id"),
                      Index("ix_address_ws_postcode", "workspace_id", "postcode", "owner_kind", "owner_id"),
                      Index("ix_address_ws_country", "workspace_id", "country", "owner_kind", "owner_id"), NEVER_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    owner_kind: str = Field(max_length=10)  # contact, company
    owner_id: int
    label: str = Field(default="work", max_length=20)  # work, home, other
    street: str = Field(default="", max_length=300)
    postcode: str = Field(default="", max_length=20)
    city: str = Field(default="", max_length=100)
    region: str = Field(default="", max_length=100)
    country: str = Field(default="", max_length=60)  # "DE"; a name no ISO code was found for stays as written
    position: int = 0


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


class PipelineStage(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("workspace_id", "key"), NEVER_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    key: str = Field(max_length=40)  # lead, qualified, proposal, negotiation, won, lost
    position: int
    probability: int  # percent
    is_closed: bool = False


class Deal(SQLModel, table=True):
    # covers the pipeline sums, so /pipeline reads the index only
    __table_args__ = (Index("ix_deal_pipeline", "workspace_id", "stage_id", "currency", "value_cents", "probability"),
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
    __table_args__ = NEVER_REUSE
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    deal_id: int = Field(foreign_key="deal.id", index=True)
    from_stage_id: int | None = Field(default=None, foreign_key="pipelinestage.id")
    to_stage_id: int = Field(foreign_key="pipelinestage.id")
    member_id: int | None = Field(default=None, foreign_key="member.id")
    changed_at: datetime = stamped()


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


class PendingChoice(SQLModel, table=True):
    """A command waiting for a pick ("{pick}") or for the member's next text ("{text}").

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


class NotDuplicate(SQLModel, table=True):
    """Two contacts (or companies) a member said are different: /duplicates stops offering the pair."""

    __table_args__ = (UniqueConstraint("workspace_id", "kind", "low_id", "high_id"), NEVER_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    kind: str = Field(max_length=10)  # contact, company
    low_id: int  # the smaller of the two ids, so a pair has one spelling
    high_id: int
    member_id: int | None = Field(default=None, foreign_key="member.id")
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


class ExchangeRate(SQLModel, table=True):
    """A workspace's own rate: one unit of `currency` is `micros` millionths of a unit of `base`."""

    __table_args__ = (UniqueConstraint("workspace_id", "currency"), NEVER_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    base: str = Field(max_length=3)
    currency: str = Field(max_length=3)
    micros: int = Field(sa_column=Column(BigInteger, nullable=False))
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


class Tag(SQLModel, table=True):
    """A label put on contacts, companies and deals ("vip"); `key` is the folded name."""

    __table_args__ = (UniqueConstraint("workspace_id", "key"), NEVER_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    name: str = Field(max_length=60)
    key: str = Field(max_length=60)
    created_at: datetime = stamped()


class Tagging(SQLModel, table=True):
    """One tag on one record."""

    __table_args__ = (UniqueConstraint("workspace_id", "tag_id", "entity", "entity_id"),
                      Index("ix_tagging_record", "workspace_id", "entity", "entity_id"), NEVER_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    tag_id: int = Field(foreign_key="tag.id")
    entity: str = Field(max_length=10)  # contact, company, deal
    entity_id: int
    created_at: datetime = stamped()


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


class CustomField(SQLModel, table=True):
    """A field the team added to its contacts or companies (/field add Branche choice: Handel, Industrie)."""

    __table_args__ = (UniqueConstraint("workspace_id", "applies_to", "name_key"), NEVER_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id", index=True)
    applies_to: str = Field(max_length=10)  # contact, company
    name: str = Field(max_length=60)
    name_key: str = Field(max_length=60)
    kind: str = Field(max_length=10)  # text, number, date, choice
    choices: str | None = Field(default=None, sa_column=Column(Text))  # JSON list, for kind choice
    created_by: int | None = Field(default=None, foreign_key="member.id")
    created_at: datetime = stamped()


class CustomValue(SQLModel, table=True):
    """One custom field's value on one contact or company: numbers as "12.5", dates as ISO "2026-11-25"."""

    __table_args__ = (UniqueConstraint("field_id", "entity_id"),
                      Index("ix_customvalue_record", "workspace_id", "entity", "entity_id"),
                      Index("ix_customvalue_field_key", "workspace_id", "field_id", "value_key"), NEVER_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    field_id: int = Field(foreign_key="customfield.id")
    entity: str = Field(max_length=10)  # contact, company
    entity_id: int
    value: str = Field(max_length=500)
    value_key: str = Field(max_length=500)  # folded, for /find and segments
