"""The tables. Every row carries its workspace; money is stored in cents, times in UTC."""

from storage.models.activity import Attachment, Interaction, Task
from storage.models.base import NEVER_REUSE, stamped
from storage.models.capture import CardScan, FileContent, MailMessage, PendingImport, Webhook, WebhookDelivery
from storage.models.contacts import (
    BEST_FIRST,
    Address,
    Company,
    Contact,
    ContactEmail,
    ContactPhone,
    ContactPlace,
    CustomField,
    CustomValue,
    NotDuplicate,
    Tag,
    Tagging,
)
from storage.models.deals import Deal, DealEntry, DealStageChange, ExchangeRate, PipelineStage
from storage.models.keys import keep_place_keys
from storage.models.names import NameToken, NameWord
from storage.models.outreach import AssignmentRule, Campaign, CampaignMember, ScoreRule, Segment
from storage.models.totals import NO_OWNER, PipelineTotal
from storage.models.workspace import AccessToken, AuditEntry, Member, PendingChoice, ProcessedUpdate, Workspace

__all__ = [
    "BEST_FIRST",
    "keep_place_keys",
    "NEVER_REUSE",
    "stamped",
    "Workspace",
    "Member",
    "AccessToken",
    "PendingChoice",
    "ProcessedUpdate",
    "AuditEntry",
    "Company",
    "Contact",
    "ContactEmail",
    "ContactPhone",
    "Address",
    "ContactPlace",
    "NotDuplicate",
    "Tag",
    "Tagging",
    "CustomField",
    "CustomValue",
    "PipelineStage",
    "Deal",
    "DealEntry",
    "DealStageChange",
    "ExchangeRate",
    "PipelineTotal",
    "NO_OWNER",
    "Interaction",
    "Task",
    "Attachment",
    "Segment",
    "Campaign",
    "CampaignMember",
    "ScoreRule",
    "AssignmentRule",
    "Webhook",
    "WebhookDelivery",
    "CardScan",
    "MailMessage",
    "FileContent",
    "PendingImport",
    "NameToken",
    "NameWord",
]
