"""E-mail in: a mail a member forwarded or BCC'd to the team mailbox is logged on the contacts it concerns."""

from handlers import commands as c
from handlers.context import Context
from handlers.fields import normalize_email
from handlers.reply import Reply
from storage import mail

OFF_WORDS = {"off", "aus", "none", "keine"}


def set_mail_address(ctx: Context, cmd: c.SetMailAddress) -> Reply:
    """/myemail anna@acme.example: mails from this address to the team mailbox are this member's."""
    if not cmd.address:
        if ctx.member.mail_address:
            return Reply(ctx.t("mail_address_show", address=ctx.member.mail_address))
        return Reply(ctx.t("mail_address_none"))
    if cmd.address.casefold() in OFF_WORDS:
        ctx.member.mail_address = None
        ctx.session.add(ctx.member)
        return Reply(ctx.t("mail_address_off"), changed=True)
    address = normalize_email(cmd.address)
    other = mail.member_with_mail(session=ctx.session, workspace_id=ctx.workspace.id, address=address)  # type: ignore[arg-type]
    if other is not None and other.id != ctx.member.id:
        return Reply(ctx.t("mail_address_taken", address=address))
    ctx.member.mail_address = address
    ctx.session.add(ctx.member)
    return Reply(ctx.t("mail_address_set", address=address), changed=True)
