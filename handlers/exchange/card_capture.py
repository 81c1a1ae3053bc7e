"""A business card photo becomes a contact: OCR first (outside the transaction), then a preview to save, fix or
cancel. Nothing is written but the photo until the member presses save; the duplicate check runs as for /add."""

import json
import logging
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Protocol

from handlers.context import Context
from handlers.crm.contacts import ask_for_text, contact_buttons, create_contact, likely_duplicates
from handlers.crm.duplicates import absorb
from handlers.crm.resolve import contact_label
from handlers.crm.undo import undo_button
from handlers.errors import Expired, InvalidValue
from handlers.exchange.ocr import NotAnImage, OcrUnavailable, read_text
from handlers.language import commands as c
from handlers.language.card_reader import CardFields, address_country, note_lines, read_card
from handlers.language.field_formats import phone_region
from handlers.language.fields import check_name, normalize_email, normalize_phone
from handlers.language.waiting import HOLE
from handlers.texts.fmt import short
from handlers.texts.reply import Button, FileRef, Incoming, Reply
from storage.db import Database
from storage.ids import id_of
from storage.models import Attachment, CardScan, Contact, Interaction


class Engine(Protocol):
    """What this module needs of the engine (handlers.engine.Crm), which passes itself in."""

    db: Database

    def now(self) -> datetime: ...

    def run(self, msg: Incoming, work: Callable[[Context], Reply]) -> Reply: ...

logger = logging.getLogger(__name__)

SCAN_LIFETIME = timedelta(days=1)
MAX_FIELD = 200
_CARD_CAPTIONS = re.compile(r"^\s*(?:business\s*card|card|visiten\s*karte|karte|vcard)?\s*[.!]?\s*$", re.IGNORECASE)
SHOWN = (("name", "👤"), ("title", "💼"), ("company", "🏢"), ("emails", "✉️"), ("phones", "📞"), ("website", "🌐"),
         ("address", "📍"))


def wants_card(file: FileRef, caption: str) -> bool:
    """A photo without a caption (or captioned "card") is read as a card; one naming a contact is filed as before."""
    return file.kind == "photo" and bool(_CARD_CAPTIONS.match(caption))


def scan_card(crm: Engine, msg: Incoming, file: FileRef, content: bytes) -> Reply:
    """Read the photo with Tesseract (no transaction is open meanwhile), then keep it and show the preview."""
    problem = ""
    fields = CardFields()
    try:
        fields = read_card(read_text(content))
    except OcrUnavailable as error:
        logger.warning("cannot read business cards: %s", error)
        problem = "card_no_ocr"
    except NotAnImage:
        problem = "card_unreadable"
    if not problem and not fields.is_card():
        problem = "card_unreadable"
    return crm.run(msg, lambda ctx: card_preview(ctx, file, fields, problem))


def card_preview(ctx: Context, file: FileRef, fields: CardFields, problem: str = "") -> Reply:
    """Keep the photo; show what the card says with save / fix / cancel, or say honestly why not."""
    attachment = ctx.add(Attachment(workspace_id=ctx.workspace_id, channel=file.channel, file_id=file.file_id,
                                    kind=file.kind, filename=file.filename[:300], caption="", author_id=ctx.member_id,
                                    created_at=ctx.now))
    if problem:
        return ask_for_text(ctx, c.Attach(id_of(attachment), HOLE), problem)
    scan = CardScan(workspace_id=ctx.workspace_id, member_id=ctx.member_id, attachment_id=attachment.id,
                    payload=json.dumps(fields.to_dict()), created_at=ctx.now)
    ctx.session.add(scan)
    ctx.session.flush()
    return preview(ctx, scan, fields)


def preview(ctx: Context, scan: CardScan, fields: CardFields) -> Reply:
    lines = [ctx.t("card_preview")]
    for key, icon in SHOWN:
        value = getattr(fields, key)
        text = ", ".join(value) if isinstance(value, list) else value
        if text:
            lines.append(f"{icon} {text}")
    lines.append(ctx.t("card_confirm"))
    return Reply("\n".join(lines), buttons=[[Button(ctx.t("button_save"), command=c.CardAction(id_of(scan), "save")),
                                             Button(ctx.t("button_fix"), command=c.CardAction(id_of(scan), "fix")),
                                             Button(ctx.t("button_cancel"), command=c.CardAction(id_of(scan), "cancel"))]])


def card(ctx: Context, cmd: c.CardAction) -> Reply:
    """Run a preview's button: save, save despite duplicates, add to an existing contact, fix, set, cancel."""
    scan = ctx.get(CardScan, cmd.scan_id)
    if scan is None or scan.member_id != ctx.member_id or ctx.now - scan.created_at > SCAN_LIFETIME:
        raise Expired()
    fields = CardFields.from_dict(json.loads(scan.payload))
    if cmd.action == "cancel":
        if scan.attachment_id is None:  # the photo is gone: nothing left to attach the card to
            raise Expired()
        ctx.session.delete(scan)
        return ask_for_text(ctx, c.Attach(scan.attachment_id, HOLE), "card_cancelled")
    if cmd.action == "fix":
        return Reply(ctx.t("card_which_field"),
                     buttons=[[Button(ctx.t(f"card_field_{key}"), command=c.CardAction(id_of(scan), "set", key))
                               for key in row] for row in (("name", "title", "company"), ("email", "phone"),
                                                          ("website", "address"))])
    if cmd.action == "set":
        if not cmd.value:
            return ask_for_text(ctx, c.CardAction(id_of(scan), "set", cmd.field, HOLE), "card_ask_field",
                                field=ctx.t(f"card_field_{cmd.field}"))
        set_field(ctx, fields, cmd.field, cmd.value)
        scan.payload = json.dumps(fields.to_dict())
        ctx.session.add(scan)
        return preview(ctx, scan, fields)
    if cmd.action == "show":
        return preview(ctx, scan, fields)
    if cmd.action == "into":
        existing = ctx.get(Contact, int(cmd.value))
        if existing is None:
            raise Expired()
        return add_to(ctx, scan, fields, existing)
    return save(ctx, scan, fields, force=cmd.action == "force")


def set_field(ctx: Context, fields: CardFields, field: str, value: str) -> None:
    """Put a corrected value in, checked as /add checks it; the first e-mail or phone is the one replaced."""
    value = " ".join(value.split())[:MAX_FIELD]
    if field == "email":
        fields.emails = [normalize_email(value)] + fields.emails[1:]
    elif field == "phone":  # read in the card's address country, as a contact's phone in theirs
        region = phone_region([address_country(fields.address)], ctx.workspace.default_region)
        fields.phones = [normalize_phone(value, region)] + fields.phones[1:]
    elif field in ("name", "company"):
        setattr(fields, field, check_name(value))
    else:
        setattr(fields, field, value)


def contact_fields(fields: CardFields) -> dict[str, str]:
    found = {"email": fields.emails[0] if fields.emails else "", "phone": fields.phones[0] if fields.phones else "",
             "company": fields.company}
    return {key: value for key, value in found.items() if value}


def save(ctx: Context, scan: CardScan, fields: CardFields, *, force: bool) -> Reply:
    """Create the contact (after the duplicate check), its note with what a contact cannot hold, and link the photo."""
    if not fields.name:
        raise InvalidValue(field="name", value="", reason="empty")
    name = check_name(fields.name)
    details = contact_fields(fields)
    if not force:
        duplicates = likely_duplicates(ctx, name, details)
        if duplicates:
            return duplicate_warning(ctx, scan, duplicates)
    contact = create_contact(ctx, name, details, source="card")
    finish(ctx, scan, fields, contact, note_lines(fields))
    return Reply(ctx.t("card_saved", name=contact_label(ctx, contact)),
                 buttons=contact_buttons(ctx, contact) + [[undo_button(ctx)]], changed=True)


def add_to(ctx: Context, scan: CardScan, fields: CardFields, contact: Contact) -> Reply:
    """Fold the card into an existing contact as a merge does: what differs becomes a note."""
    details = contact_fields(fields)
    also = absorb(ctx, contact, name=fields.name or None, email=details.get("email"), phone=details.get("phone"),
                  company=details.get("company"))
    finish(ctx, scan, fields, contact, note_lines(fields) if not also else [])
    return Reply(ctx.t("card_added_to", name=contact_label(ctx, contact)),
                 buttons=[[Button(ctx.t("button_show", name=short(contact.name, 30)), command=c.Show(f"#{contact.id}")),
                           undo_button(ctx)]], changed=True)


def finish(ctx: Context, scan: CardScan, fields: CardFields, contact: Contact, lines: list[str]) -> None:
    if lines:
        ctx.add(Interaction(workspace_id=ctx.workspace_id, contact_id=contact.id, kind="note",
                            text="\n".join([ctx.t("card_note")] + lines), author_id=ctx.member.id, created_at=ctx.now))
    attachment = ctx.get(Attachment, scan.attachment_id) if scan.attachment_id else None
    if attachment is not None:
        ctx.update(attachment, contact_id=contact.id, caption=ctx.t("card_note").rstrip(":"))
    ctx.session.delete(scan)


def duplicate_warning(ctx: Context, scan: CardScan, duplicates: list[Contact]) -> Reply:
    """Nothing is written: open an existing one, add the card to it, or save a new contact anyway."""
    buttons = [[Button(ctx.t("button_show", name=short(d.name, 30)), command=c.Show(f"#{d.id}")),
                Button(ctx.t("button_add_to", name=short(d.name, 30)), command=c.CardAction(id_of(scan), "into", value=str(d.id)))]
               for d in duplicates[:3]]
    buttons.append([Button(ctx.t("button_create_anyway"), command=c.CardAction(id_of(scan), "force")),
                    Button(ctx.t("button_cancel"), command=c.CardAction(id_of(scan), "cancel"))])
    names = ", ".join(contact_label(ctx, d) for d in duplicates[:3])
    return Reply(ctx.t("card_duplicate", existing=names), buttons=buttons)
