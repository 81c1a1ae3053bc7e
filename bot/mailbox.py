"""The team mailbox: the scheduler polls it over IMAP, each unseen mail is filed by handlers.mail_intake and then
flagged \\Seen. A mail filed before (same Message-ID) is filed once, also when a crash left it unseen."""

import contextlib
import imaplib
import logging
import ssl
from dataclasses import dataclass

from bot.config import Settings
from handlers.engine import Crm
from handlers.texts.reply import Notification

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 30
MAX_PER_POLL = 50


@dataclass(frozen=True)
class MailboxSettings:
    host: str
    port: int
    user: str
    password: str
    folder: str = "INBOX"
    use_ssl: bool = True

    @classmethod
    def of(cls, settings: Settings) -> "MailboxSettings | None":
        """The mailbox when IMAP_HOST, IMAP_USER and IMAP_PASSWORD are all set."""
        if not (settings.imap_host and settings.imap_user and settings.imap_password):
            return None
        return cls(settings.imap_host, settings.imap_port, settings.imap_user,
                   settings.imap_password.get_secret_value(), settings.imap_folder, settings.imap_ssl)

    def __repr__(self) -> str:  # the password never reaches a log
        return f"MailboxSettings(host={self.host!r}, port={self.port}, user={self.user!r}, folder={self.folder!r})"


class Mailbox:
    """Polls one IMAP folder; `poll` returns the notifications for the members whose mails were filed."""

    def __init__(self, crm: Crm, settings: MailboxSettings) -> None:
        self.crm = crm
        self.settings = settings

    def connect(self) -> imaplib.IMAP4:
        s = self.settings
        if s.use_ssl:
            client: imaplib.IMAP4 = imaplib.IMAP4_SSL(s.host, s.port, ssl_context=ssl.create_default_context(),
                                                      timeout=TIMEOUT_SECONDS)
        else:
            client = imaplib.IMAP4(s.host, s.port, timeout=TIMEOUT_SECONDS)
        client.login(s.user, s.password)
        return client

    def poll(self) -> list[Notification]:
        """File every unseen mail of the folder (at most MAX_PER_POLL); a mailbox that fails is logged, not raised."""
        try:
            client = self.connect()
        except (OSError, imaplib.IMAP4.error) as error:
            logger.warning("team mailbox %s@%s:%s unreachable: %s", self.settings.user, self.settings.host,
                           self.settings.port, error)
            return []
        told: list[Notification] = []
        try:
            status, _ = client.select(self.settings.folder)
            if status != "OK":
                logger.warning("team mailbox has no folder %r", self.settings.folder)
                return []
            _, found = client.uid("SEARCH", "UNSEEN")
            for uid in (found[0] or b"").split()[:MAX_PER_POLL]:
                told += self.file_one(client, uid)
        except (OSError, imaplib.IMAP4.error) as error:
            logger.warning("team mailbox poll failed: %s", error)
        finally:
            with contextlib.suppress(OSError, imaplib.IMAP4.error):
                client.logout()
        return told

    def file_one(self, client: imaplib.IMAP4, uid: bytes) -> list[Notification]:
        """Fetch one mail without marking it, file it, then flag it seen (so a crash before refetches it)."""
        _, data = client.uid("FETCH", uid.decode(), "(BODY.PEEK[])")
        raw = next((part[1] for part in data if isinstance(part, tuple)), None)
        if raw is None:
            return []
        try:
            told = self.crm.file_mail(raw, mailbox=self.settings.user)
        except Exception:  # one bad mail must not stop the others; it stays unseen for the next poll
            logger.exception("could not file mail uid %s", uid.decode())
            return []
        client.uid("STORE", uid.decode(), "+FLAGS", "(\\Seen)")
        return told
