"""SQL of the e-mail capture: members by their mail address, mails filed by Message-ID, kept file bytes."""

from sqlalchemy import delete
from sqlmodel import Session, col, select

from storage.models import Contact, FileContent, MailMessage, Member, Workspace


def members_by_mail(*, session: Session, address: str) -> list[tuple[Workspace, Member]]:
    """Every membership whose member set this address: a forwarded mail is filed in each of their workspaces.

    The one lookup that is not inside a workspace: it decides which workspaces a mail belongs to.
    """
    return [(w, m) for m, w in session.exec(select(Member, Workspace).join(Workspace, col(Member.workspace_id) == Workspace.id)
                                            .where(Member.mail_address == address.casefold())
                                            .order_by(col(Member.id)))]


def member_with_mail(*, session: Session, workspace_id: int, address: str) -> Member | None:
    return session.exec(select(Member).where(Member.workspace_id == workspace_id,
                                             Member.mail_address == address.casefold())).first()


def member_addresses(*, session: Session, workspace_id: int) -> set[str]:
    return {a for a in session.exec(select(Member.mail_address).where(Member.workspace_id == workspace_id,
                                                                       col(Member.mail_address).is_not(None))) if a}


def mail_seen(*, session: Session, workspace_id: int, message_id: str) -> bool:
    return session.exec(select(MailMessage.id).where(MailMessage.workspace_id == workspace_id,
                                                     MailMessage.message_id == message_id)).first() is not None


def contact_by_email(*, session: Session, workspace_id: int, email: str) -> Contact | None:
    return session.exec(select(Contact).where(Contact.workspace_id == workspace_id, Contact.email == email.casefold())
                        .order_by(col(Contact.id))).first()


def forget_file_contents(*, session: Session, workspace_id: int, attachment_ids: list[int]) -> None:
    """Delete the kept bytes of these attachments (an erased person's files)."""
    if attachment_ids:
        session.execute(delete(FileContent).where(col(FileContent.workspace_id) == workspace_id,
                                                  col(FileContent.attachment_id).in_(attachment_ids)))
