"""Photos and documents on contacts: the platform keeps the file, we keep its id and the link."""

from handlers.context import Context
from handlers.crm.contacts import ask_for_text
from handlers.crm.resolve import contact_label, mentioned_contact, resolve
from handlers.crm.undo import undo_button
from handlers.errors import Ambiguous, NotFound, RecordGone
from handlers.language import commands as c
from handlers.language.waiting import HOLE
from handlers.texts.fmt import short, when
from handlers.texts.reply import Button, FileRef, Reply
from storage import queries
from storage.ids import id_of
from storage.models import Attachment, Contact

MAX_CAPTION = 1000


def upload(ctx: Context, cmd: c.Upload) -> Reply:
    """Keep the file; link it to the contact its caption names, or ask which contact it is for."""
    caption = cmd.caption.strip()[:MAX_CAPTION]
    attachment = Attachment(workspace_id=ctx.workspace_id, channel=cmd.file.channel, file_id=cmd.file.file_id,
                            kind=cmd.file.kind, filename=cmd.file.filename[:300], caption=caption,
                            author_id=ctx.member_id, created_at=ctx.now)
    ctx.add(attachment)
    query = caption.split(":", 1)[0].strip() if ":" in caption else caption
    try:
        contact = (resolve(ctx, query) if ":" in caption else mentioned_contact(ctx, caption)) if query else None
    except Ambiguous as error:
        return Reply(ctx.t("attach_which"), buttons=[[Button(e.name, command=c.Attach(id_of(attachment), f"#{e.id}"))]
                                                     for e in error.candidates])
    except NotFound:
        contact = None
    if contact is None:
        return ask_for_text(ctx, c.Attach(id_of(attachment), HOLE), "attach_which")
    return link(ctx, attachment, contact)


def attach(ctx: Context, cmd: c.Attach) -> Reply:
    attachment = queries.get_row(session=ctx.session, model=Attachment, workspace_id=ctx.workspace_id,
                                 row_id=cmd.attachment_id)
    if attachment is None:
        raise RecordGone()
    contact = resolve(ctx, cmd.query)
    return link(ctx, attachment, contact)


def link(ctx: Context, attachment: Attachment, contact: Contact) -> Reply:
    ctx.update(attachment, contact_id=contact.id)
    return Reply(ctx.t("attached", name=contact_label(ctx, contact)),
                 buttons=[[Button(ctx.t("button_files"), command=c.ListFiles(f"#{contact.id}")),
                           undo_button(ctx)]], changed=True)


def list_files(ctx: Context, cmd: c.ListFiles) -> Reply:
    contact = resolve(ctx, cmd.query)
    assert isinstance(contact, Contact)
    files = queries.attachments_of(session=ctx.session, workspace_id=ctx.workspace_id, contact_id=id_of(contact))
    if not files:
        return Reply(ctx.t("no_files", name=contact.name))
    lines = [ctx.t("files_header", name=contact.name)]
    lines += [f"📎 {short(f.filename or f.kind, 40)} · {when(f.created_at, ctx.tz, ctx.lang, now=ctx.now)}"
              + (f" · {short(f.caption, 40)}" if f.caption else "") for f in files]
    refs = [FileRef(f.file_id, f.kind, f.filename, f.channel) for f in files]
    return Reply("\n".join(lines), files=refs)
