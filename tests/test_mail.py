"""E-mail in: mails written as mail programs write them, put into a real Dovecot on 127.0.0.1, polled and filed."""

import logging
from collections.abc import Iterator

import pytest

from bot.mailbox import Mailbox, MailboxSettings
from handlers.language.mail_reader import read_mail
from handlers.texts.reply import Notification
from storage.models import Attachment, Contact, FileContent, Interaction, MailMessage
from tests import dovecot
from tests.conftest import Chat
from tests.mails import ANNA, FORWARDS, MAILBOX, REP, forward, forward_as_attachment, mail

needs_dovecot = pytest.mark.skipif(dovecot.binary() is None,
                                   reason="dovecot is not installed (.ci/run installs dovecot-imapd)")


@pytest.fixture
def imap() -> Iterator[dovecot.Dovecot]:
    if dovecot.binary() is None:
        pytest.skip("dovecot is not installed (.ci/run installs dovecot-imapd)")
    server = dovecot.Dovecot()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def mailbox(chat: Chat, server: dovecot.Dovecot) -> Mailbox:
    return Mailbox(chat.crm, MailboxSettings("127.0.0.1", server.port, dovecot.USER, dovecot.PASSWORD,
                                             use_ssl=False))


@pytest.fixture
def ben(chat: Chat) -> Chat:
    """A rep who set his mail address, with Anna as a contact."""
    chat.say(f"/myemail {REP}")
    chat.say("/add Anna Schulz, Acme GmbH, anna.schulz@acme.de")
    return chat


@pytest.mark.parametrize("kind", sorted(FORWARDS))
def test_forwarded_headers_are_read_as_each_mail_program_writes_them(kind: str) -> None:
    read = read_mail(forward(kind))
    [part] = read.forwarded
    assert part.sender is not None and part.sender.address == "anna.schulz@acme.de"
    assert "carla@acme.de" in [p.address for p in part.to + part.cc]
    assert part.subject in ("Pricing for 50 seats", "Preise für 50 Plätze")
    assert "50" in part.body and "Anna Schulz" in part.body


@needs_dovecot
@pytest.mark.parametrize("kind", ["gmail-en", "outlook-de", "apple-de", "thunderbird-en"])
def test_a_forward_is_logged_on_its_contact_and_the_rep_is_told(ben: Chat, imap: dovecot.Dovecot, kind: str) -> None:
    imap.append(forward(kind))
    [told] = mailbox(ben, imap).poll()
    assert isinstance(told, Notification) and told.member_external_id == ben.user
    assert told.reply.text.startswith('✉️ E-mail filed: "Fwd: Pricing"')
    assert "Logged on: Anna Schulz (Acme GmbH)" in told.reply.text
    [logged] = [i for i in ben.rows(Interaction) if i.kind == "email"]
    assert logged.contact_id == 1 and "50" in logged.text and "Ben," in logged.text
    assert imap.unseen() == 0  # flagged seen once filed
    labels = [b.label for row in told.reply.buttons for b in row]
    assert "👤 Anna Schulz" in labels and any("Undo" in label for label in labels)


@needs_dovecot
def test_a_mail_seen_twice_is_filed_once(ben: Chat, imap: dovecot.Dovecot) -> None:
    imap.append(forward("gmail-en"))
    imap.append(forward("gmail-en"))  # the same Message-ID again, e.g. forwarded and BCC'd
    told = mailbox(ben, imap).poll()
    assert len(told) == 1 and ben.count(MailMessage) == 1
    assert len([i for i in ben.rows(Interaction) if i.kind == "email"]) == 1
    imap.append(forward("gmail-en"))
    assert mailbox(ben, imap).poll() == [] and ben.count(MailMessage) == 1


@needs_dovecot
def test_a_bcc_is_filed_on_its_to_and_cc(ben: Chat, imap: dovecot.Dovecot) -> None:
    ben.say("/add Carla Diaz, carla@acme.de")
    imap.append(mail(to=ANNA, cc=f"Carla Diaz <carla@acme.de>, {MAILBOX}", subject="Your offer",
                     body="Hi Anna, attached is the offer.\n\nBen", message_id="<bcc-1@ourteam.example>"))
    [told] = mailbox(ben, imap).poll()
    assert "Logged on: Anna Schulz (Acme GmbH), Carla Diaz" in told.reply.text
    assert {i.contact_id for i in ben.rows(Interaction) if i.kind == "email"} == {1, 2}


@needs_dovecot
def test_a_mail_from_a_stranger_is_ignored_and_logged(ben: Chat, imap: dovecot.Dovecot,
                                                      caplog: pytest.LogCaptureFixture) -> None:
    imap.append(mail(sender="Spam King <offers@spam.example>", body="Cheap leads!", message_id="<spam@x>"))
    with caplog.at_level(logging.INFO, logger="handlers.exchange.mail_intake"):
        assert mailbox(ben, imap).poll() == []
    assert "ignored mail spam@x: its sender is no member's mail address" in caplog.text
    assert ben.count(MailMessage) == 0 and ben.count(Interaction) == 0


@needs_dovecot
def test_unknown_people_are_offered_from_the_signature_and_created_only_when_pressed(chat: Chat,
                                                                                     imap: dovecot.Dovecot) -> None:
    chat.say(f"/myemail {REP}")
    imap.append(forward("outlook-en"))
    [told] = mailbox(chat, imap).poll()
    assert "None of its people is a contact yet." in told.reply.text
    assert "• Anna Schulz · anna.schulz@acme.de · +491701234567 · Acme GmbH" in told.reply.text
    assert "• Carla Diaz · carla@acme.de" in told.reply.text
    assert chat.count(Contact) == 0  # nothing without the member's confirmation
    added = chat.press("➕ Anna Schulz", told.reply)
    assert added.text == "👤 Added Anna Schulz (Acme GmbH)."
    [anna] = chat.rows(Contact)
    assert (anna.email, anna.phone) == ("anna.schulz@acme.de", "+491701234567")


@needs_dovecot
def test_attachments_are_kept_on_the_contact(ben: Chat, imap: dovecot.Dovecot) -> None:
    pdf = b"%PDF-1.4 offer"
    imap.append(mail(to=ANNA, subject="Offer", body="Here it is.", message_id="<offer@x>",
                     files=(("offer.pdf", "application/pdf", pdf),)))
    [told] = mailbox(ben, imap).poll()
    assert "📎 1 attachment(s) kept on the contacts." in told.reply.text
    [file] = ben.rows(Attachment)
    assert (file.contact_id, file.filename, file.channel) == (1, "offer.pdf", "mail")
    assert ben.rows(FileContent)[0].content == pdf
    assert "offer.pdf" in ben.say("/files anna").text


@needs_dovecot
def test_a_forward_as_attachment_is_read_too(ben: Chat, imap: dovecot.Dovecot) -> None:
    imap.append(forward_as_attachment())
    [told] = mailbox(ben, imap).poll()
    assert "Logged on: Anna Schulz (Acme GmbH)" in told.reply.text


@needs_dovecot
def test_a_wrong_password_is_logged_without_the_password(ben: Chat, imap: dovecot.Dovecot,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    imap.append(forward("gmail-en"))
    wrong = Mailbox(ben.crm, MailboxSettings("127.0.0.1", imap.port, dovecot.USER, "not-the-secret", use_ssl=False))
    with caplog.at_level(logging.WARNING):
        assert wrong.poll() == []
    assert "unreachable" in caplog.text and "not-the-secret" not in caplog.text
    assert "not-the-secret" not in repr(wrong.settings)
    assert imap.unseen() == 1


def test_my_email_is_set_shown_refused_and_cleared(chat: Chat) -> None:
    assert chat.say("/myemail").text.startswith("✉️ No mail address set.")
    assert chat.say("/myemail Ben@OurTeam.example").text.startswith("✉️ Mails you forward or BCC")
    assert chat.say("/myemail").text == "✉️ Your mail address for the team mailbox: ben@ourteam.example."
    other = Chat(chat.crm, user="rep2")
    assert other.say("/myemail ben@ourteam.example").text.startswith("ben@ourteam.example is already another")
    assert "was not saved" in chat.say("/myemail not-an-address").text
    assert chat.say("/myemail off").text == "✉️ Mails are no longer filed for you."


@needs_dovecot
async def test_the_scheduler_polls_the_mailbox_and_delivers_the_report(ben: Chat, imap: dovecot.Dovecot) -> None:
    from bot.scheduler import Scheduler
    from tests.test_scheduler import RecordingNotifier

    imap.append(forward("apple-en"))
    notifier = RecordingNotifier()
    scheduler = Scheduler(ben.crm.db, {"console": notifier}, clock=lambda: ben.now,
                          mailbox=mailbox(ben, imap).poll)
    delivered = await scheduler.tick()
    assert [n.reply.text.splitlines()[0] for n in delivered] == ['✉️ E-mail filed: "Fwd: Pricing"']
    assert notifier.sent == delivered


@needs_dovecot
def test_deleting_or_erasing_a_contact_with_mail_files_works_and_erasing_drops_the_bytes(ben: Chat,
                                                                                       imap: dovecot.Dovecot) -> None:
    imap.append(mail(to=ANNA, subject="Offer", body="Here it is.", message_id="<offer@x>",
                     files=(("offer.pdf", "application/pdf", b"%PDF-1.4 offer"),)))
    mailbox(ben, imap).poll()
    assert ben.say("/delete anna yes").text.startswith("🗑")
    assert ben.say("/undo").text and ben.count(Attachment) == 1 and ben.count(FileContent) == 1
    assert "offer.pdf" in ben.say("/files anna").text
    assert ben.say("/privacy erase anna").text.startswith("⚠️ Erase Anna Schulz")
    ben.press("Erase for good")
    assert ben.count(Contact) == 0 and ben.count(Attachment) == 0 and ben.count(FileContent) == 0
