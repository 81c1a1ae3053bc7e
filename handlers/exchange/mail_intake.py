"""E-mail in: a mail a member forwarded or BCC'd to the team mailbox is logged on the contacts it concerns.

The scheduler polls the mailbox (bot/mailbox.py) and hands each mail's bytes to `file_mail`; the member who sent
it gets a notification with what was filed, an undo button, and buttons to add the people not known yet.
"""

import logging
import re
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from handlers.context import Context
from handlers.crm.contacts import MAX_NOTE
from handlers.crm.resolve import contact_label
from handlers.crm.undo import undo_button
from handlers.language import commands as c
from handlers.language.card_reader import read_card
from handlers.language.fields import normalize_email
from handlers.language.mail_reader import Mail, Person, read_mail, signature
from handlers.texts.fmt import short
from handlers.texts.reply import Button, Incoming, Notification, Reply
from storage import mail as storage_mail
from storage.db import Database
from storage.ids import id_of
from storage.models import Attachment, Contact, FileContent, Interaction, MailMessage


class Engine(Protocol):
    """What this module needs of the engine (handlers.engine.Crm), which passes itself in."""

    db: Database

    def now(self) -> datetime: ...

    def run(self, msg: Incoming, work: Callable[[Context], Reply]) -> Reply: ...

logger = logging.getLogger(__name__)

MAX_OFFERS = 5
_BREAKS = re.compile(r"[,:;\n]+")  # would split the /add command


def set_mail_address(ctx: Context, cmd: c.SetMailAddress) -> Reply:
    """/myemail anna@acme.example: mails from this address to the team mailbox are this member's."""
    if not (cmd.address or cmd.off):
        if ctx.member.mail_address:
            return Reply(ctx.t("mail_address_show", address=ctx.member.mail_address))
        return Reply(ctx.t("mail_address_none"))
    if cmd.off:
        ctx.member.mail_address = None
        ctx.session.add(ctx.member)
        return Reply(ctx.t("mail_address_off"), changed=True)
    address = normalize_email(cmd.address)
    other = storage_mail.member_with_mail(session=ctx.session, workspace_id=ctx.workspace_id, address=address)
    if other is not None and other.id != ctx.member.id:
        return Reply(ctx.t("mail_address_taken", address=address))
    ctx.member.mail_address = address
    ctx.session.add(ctx.member)
    return Reply(ctx.t("mail_address_set", address=address), changed=True)


def file_mail(crm: Engine, raw: bytes, *, mailbox: str = "") -> list[Notification]:
    """File one mail from the team mailbox in each workspace of the member who sent it; tell them what was filed.

    A mail whose sender is no member's address is ignored (and logged); one seen before is filed once.
    """
    mail = read_mail(raw)
    if mail.sender is None:
        logger.info("ignored mail %s: no sender", mail.message_id)
        return []
    with crm.db.transaction(now=crm.now()) as session:
        memberships = [(w.key, m.external_id, id_of(m), m.name) for w, m in
                       storage_mail.members_by_mail(session=session, address=mail.sender.address)]
    if not memberships:
        logger.info("ignored mail %s: its sender is no member's mail address", mail.message_id)
        return []
    told = []
    for key, external_id, member_id, name in memberships:
        reply = crm.run(Incoming(text="", workspace_key=key, user_id=external_id),
                        lambda ctx: file_in(ctx, mail, mailbox=mailbox))
        if reply.text:
            told.append(Notification(key, external_id, member_id, reply, member_name=name))
    return told


def file_in(ctx: Context, mail: Mail, *, mailbox: str = "") -> Reply:
    """Log the mail on every contact it concerns (From, To, Cc, forwarded headers) and offer the unknown people."""
    ws = ctx.workspace_id
    if storage_mail.mail_seen(session=ctx.session, workspace_id=ws, message_id=mail.message_id):
        logger.info("mail %s was filed before in workspace %s", mail.message_id, ws)
        return Reply("")
    record = MailMessage(workspace_id=ws, message_id=mail.message_id, member_id=ctx.member.id,
                         created_at=ctx.now)
    ctx.session.add(record)
    ctx.session.flush()
    skip = storage_mail.member_addresses(session=ctx.session, workspace_id=ws) | {mailbox.casefold()}
    filed: list[Contact] = []
    unknown: list[Person] = []
    for person in mail.people():
        if person.address in skip:
            continue
        contact = storage_mail.contact_by_email(session=ctx.session, workspace_id=ws, email=person.address)
        if contact is None:
            unknown.append(person)
        elif contact not in filed:
            log_mail(ctx, contact, mail, person)
            keep_files(ctx, contact, mail, record)
            filed.append(contact)
    return report(ctx, mail, filed, [offer(ctx, mail, person) for person in unknown[:MAX_OFFERS]])


def log_mail(ctx: Context, contact: Contact, mail: Mail, person: Person) -> None:
    subject = mail.subject or ctx.t("mail_no_subject")
    text = f"{subject}\n\n{mail.text_of(person).strip()}"
    ctx.add(Interaction(workspace_id=ctx.workspace_id, contact_id=contact.id, kind="email",
                        text=text[:MAX_NOTE], author_id=ctx.member_id, created_at=ctx.now))
    ctx.update(contact)


def keep_files(ctx: Context, contact: Contact, mail: Mail, record: MailMessage) -> None:
    """The mail's attachments on the contact; their bytes in our database (no chat platform keeps them)."""
    for number, file in enumerate(mail.files, start=1):
        attachment = ctx.add(Attachment(workspace_id=ctx.workspace_id, contact_id=contact.id, channel="mail",
                                        file_id=f"mail:{record.id}:{number}",
                                        kind="photo" if file.mime_type.startswith("image/") else "document",
                                        filename=file.filename, caption=mail.subject[:200], author_id=ctx.member_id,
                                        created_at=ctx.now))
        ctx.session.add(FileContent(workspace_id=ctx.workspace_id, attachment_id=id_of(attachment),
                                    mime_type=file.mime_type, content=file.content, created_at=ctx.now))


def offer(ctx: Context, mail: Mail, person: Person) -> tuple[str, c.AddContact]:
    """An unknown person as a line and an /add command, filled from their signature when they wrote the text."""
    wrote = any(sender is not None and sender.address == person.address
                for sender in [mail.sender] + [part.sender for part in mail.forwarded])
    card = read_card(signature(mail.text_of(person)), region=ctx.workspace.default_region) if wrote else None
    name = person.name or (card.name if card else "") or person.address.split("@")[0].replace(".", " ").title()
    name = " ".join(_BREAKS.sub(" ", name).split())[:100]
    details = [person.address]
    if card and card.phones:
        details.append(card.phones[0])
    if card and card.company:
        details.append(" ".join(_BREAKS.sub(" ", card.company).split())[:100])
    return (f"• {name} · " + " · ".join(details), c.AddContact(name, tuple(details)))


def report(ctx: Context, mail: Mail, filed: list[Contact], offers: list[tuple[str, c.AddContact]]) -> Reply:
    lines = [ctx.t("mail_filed", subject=short(mail.subject or ctx.t("mail_no_subject"), 80))]
    buttons: list[list[Button]] = []
    if filed:
        lines.append(ctx.t("mail_filed_on", names=", ".join(contact_label(ctx, c) for c in filed)))
        if mail.files:
            lines.append(ctx.t("mail_files", count=len(mail.files)))
        buttons += [[Button(ctx.t("button_show", name=short(found.name, 30)), command=c.Show(f"#{found.id}"))] for found in filed[:3]]
        buttons.append([undo_button(ctx)])
    else:
        lines.append(ctx.t("mail_nobody"))
    if offers:
        lines.append(ctx.t("mail_new_people"))
        lines += [line for line, _command in offers]
        buttons += [[Button(ctx.t("button_add_person", name=short(command.name, 30)),
                            command=command)] for _line, command in offers]
    return Reply("\n".join(lines), buttons=buttons, changed=bool(filed))
