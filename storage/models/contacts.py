"""Contacts, companies and their details: emails, phones, addresses, tags, custom fields."""

from datetime import datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel, col

from storage.models.base import NEVER_REUSE, stamped


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


SEGMENT_COLUMNS = ("score", "lead_status", "last_interaction_at", "created_at", "owner_id", "company_id", "open_deals",
                   "open_tasks")  # what segments filter on: PostgreSQL counts a segment from its index alone


class Contact(SQLModel, table=True):
    __table_args__ = (
        Index("ix_contact_ws_key", "workspace_id", "name_key"),
        Index("ix_contact_ws_email", "workspace_id", "email"),
        Index("ix_contact_ws_phone", "workspace_id", "phone"),
        Index("ix_contact_company", "company_id"),
        Index("ix_contact_ws_company", "workspace_id", "company_id", postgresql_include=["id"]),
        Index("ix_contact_ws_status_score", "workspace_id", "lead_status", "score"),
        Index("ix_contact_ws_last", "workspace_id", "last_interaction_at"),
        Index("ix_contact_ws_open", "workspace_id", "open_deals", "open_tasks", "score"),
        Index("ix_contact_ws_tasks", "workspace_id", "open_tasks"),
        Index("ix_contact_ws_segment", "workspace_id", "id", postgresql_include=list(SEGMENT_COLUMNS)),
        Index("ix_contact_geo", "workspace_id", "latitude", "longitude"),
        Index("ix_contact_ws_source", "workspace_id", "source_key"),
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
    source_key: str = Field(default="", max_length=40)  # the source in lower case, kept on every write (storage.models.keys)
    owner_id: int | None = Field(default=None, foreign_key="member.id")
    lead_status: str = Field(default="new", max_length=20)  # new, contacted, qualified, unqualified, converted
    score: int = 0  # the lead score, kept by handlers.scoring whenever the contact or its history changes
    last_interaction_at: datetime | None = None  # the newest interaction's time, kept with the score
    open_deals: int = 0  # deals in an open stage, kept with the score (the segment filter deal:)
    open_tasks: int = 0  # tasks not done, kept with the score (the segment filter task:)
    created_at: datetime = stamped()
    updated_at: datetime = stamped()


BEST_FIRST = (col(Contact.score).desc(), col(Contact.id))  # how segments and leads list contacts
Index("ix_contact_ws_rank", col(Contact.workspace_id), *BEST_FIRST)  # that order, per workspace


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
                      NEVER_REUSE)  # segments read places from ContactPlace (0025), which keeps the keys below
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
    city_key: str = Field(default="", max_length=100)  # the city folded, one key for its other names (storage.models.keys)
    country_key: str = Field(default="", max_length=60)  # the ISO code, or the name folded; both kept on write
    position: int = 0


class ContactPlace(SQLModel, table=True):
    """Where a contact is: one row per contact and address it is at, its own or its company's, with the address's
    keys copied. Triggers keep it on every write (migration 0025), so a place segment reads this table alone
    instead of the union of both kinds of address."""

    __table_args__ = (Index("ix_contactplace_address", "address_id"),
                      Index("ix_contactplace_country", "workspace_id", "country_key", "contact_id"),
                      Index("ix_contactplace_city", "workspace_id", "city_key", "contact_id"),
                      Index("ix_contactplace_postcode", "workspace_id", "postcode", "contact_id"))
    workspace_id: int
    contact_id: int = Field(foreign_key="contact.id", primary_key=True, ondelete="CASCADE")
    address_id: int = Field(foreign_key="address.id", primary_key=True, ondelete="CASCADE")
    city_key: str = Field(max_length=100)
    country_key: str = Field(max_length=60)
    postcode: str = Field(max_length=20)


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
                      # the segment filters read these alone (covering): the field's value, then whose it is
                      Index("ix_customvalue_field_key", "workspace_id", "field_id", "value_key", "entity", "entity_id"),
                      Index("ix_customvalue_field_number", "workspace_id", "field_id", "number", "entity",
                            "entity_id"), NEVER_REUSE)
    id: int | None = Field(default=None, primary_key=True)
    workspace_id: int = Field(foreign_key="workspace.id")
    field_id: int = Field(foreign_key="customfield.id")
    entity: str = Field(max_length=10)  # contact, company
    entity_id: int
    value: str = Field(max_length=500)
    value_key: str = Field(max_length=500)  # folded, for /find and segments
    number: float | None = None  # the value read as a number, where it is one (storage.models.keys), for segments
