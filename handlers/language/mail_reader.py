"""An e-mail's bytes read into what the CRM files: who, subject, text, forwarded headers, signature, files.

Forwards are read as Gmail, Outlook, Apple Mail and Thunderbird write them, in English and German. Pure: no I/O.
"""

import email
import email.policy
import hashlib
import html
import re
from dataclasses import dataclass, field
from email.message import EmailMessage, Message
from email.utils import getaddresses
from typing import cast

MAX_ATTACHMENT_BYTES = 10_000_000
MAX_TEXT = 20_000
_FORWARD_MARKERS = re.compile(
    r"^\s*(?:-{2,}\s*(?:forwarded message|weitergeleitete nachricht|original message|ursprüngliche nachricht|"
    r"originalnachricht)\s*-{2,}|(?:begin forwarded message|anfang der weitergeleiteten nachricht|"
    r"beginn der weitergeleiteten nachricht)\s*:?|_{10,})\s*$", re.IGNORECASE)
_HEADER = re.compile(r"^\s*\**(?P<key>from|von|to|an|cc|kopie(?:\s*\(cc\))?|date|datum|sent|gesendet|subject|betreff|reply-to|"
                     r"antwort an)\s*:\**\s*(?P<value>.*)$", re.IGNORECASE)
KEYS = {"from": "from", "von": "from", "to": "to", "an": "to", "cc": "cc", "kopie": "cc", "subject": "subject",
        "betreff": "subject", "date": "date", "datum": "date", "sent": "date", "gesendet": "date"}
_MAILTO = re.compile(r"\[mailto:(?P<address>[^\]]+)\]", re.IGNORECASE)
_CLOSINGS = re.compile(r"^\s*(?:best|kind|warm)?\s*regards|^\s*(?:best|cheers|thanks|thank you|sincerely|yours)\b|"
                       r"^\s*(?:viele|beste|liebe|freundliche|schöne)\s+grüße|^\s*mit\s+(?:freundlichen|besten)\s+"
                       r"grüßen|^\s*(?:gruß|grüße|lg|vg|mfg)\b", re.IGNORECASE)
SIGNATURE_LINES = 9


@dataclass(frozen=True)
class Person:
    name: str
    address: str  # lower case


@dataclass
class Forwarded:
    """The headers of a message quoted inside a forward, and its own text."""

    sender: Person | None = None
    to: list[Person] = field(default_factory=list)
    cc: list[Person] = field(default_factory=list)
    subject: str = ""
    body: str = ""


@dataclass(frozen=True)
class MailFile:
    filename: str
    mime_type: str
    content: bytes


@dataclass
class Mail:
    message_id: str
    sender: Person | None
    to: list[Person]
    cc: list[Person]
    subject: str
    body: str
    forwarded: list[Forwarded] = field(default_factory=list)
    files: list[MailFile] = field(default_factory=list)

    def people(self) -> list[Person]:
        """Everyone the mail concerns, forwarded senders first; each address once."""
        found: dict[str, Person] = {}
        for part in self.forwarded:
            for person in ([part.sender] if part.sender else []) + part.to + part.cc:
                found.setdefault(person.address, person)
        for person in ([self.sender] if self.sender else []) + self.to + self.cc:
            found.setdefault(person.address, person)
        return list(found.values())

    def text_of(self, person: Person) -> str:
        """The part of the mail that person wrote: their forwarded message, else the whole text."""
        for part in self.forwarded:
            if part.sender and part.sender.address == person.address:
                return part.body
        return self.body


def people(value: str) -> list[Person]:
    """Addresses from a header value, also Outlook's "Name [mailto:a@b]" and ";" lists."""
    value = _MAILTO.sub(lambda m: f"<{m['address']}>", value.replace(";", ","))
    return [Person(name.strip().strip('"').strip(), address.strip().lower())
            for name, address in getaddresses([value]) if "@" in address]


def read_mail(raw: bytes) -> Mail:
    """Parse one message as a mail server keeps it."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    message_id = str(message.get("Message-ID", "") or "").strip().strip("<>")[:300]
    if not message_id:
        message_id = "sha256:" + hashlib.sha256(raw).hexdigest()
    body = plain_text(message)
    sender = people(str(message.get("From", "")))
    mail = Mail(message_id=message_id, sender=sender[0] if sender else None, to=people(str(message.get("To", ""))),
                cc=people(str(message.get("Cc", ""))), subject=" ".join(str(message.get("Subject", "")).split()),
                body=body, forwarded=forwarded_in(body), files=files_of(message))
    mail.forwarded += attached_messages(message)
    return mail


def plain_text(message: EmailMessage) -> str:
    """The text part, else the HTML part without its tags."""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        text = str(part.get_content())
    except (LookupError, ValueError):
        raw = cast(bytes, part.get_payload(decode=True))  # a body part is no multipart: decoded, it is bytes
        text = raw.decode("utf-8", errors="replace")
    if part.get_content_subtype() == "html":
        text = re.sub(r"(?is)<(script|style).*?</\1>", "", text)
        text = re.sub(r"(?i)<br\s*/?>|</p>|</div>|</tr>", "\n", text)
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return text.replace("\r\n", "\n")[:MAX_TEXT]


def forwarded_in(body: str) -> list[Forwarded]:
    """Every forward block in the text: the marker line, then "From:/Von:" headers up to a blank line."""
    lines = [line.lstrip("> ").rstrip() if line.startswith(">") else line.rstrip() for line in body.splitlines()]
    found = []
    index = 0
    while index < len(lines):
        if not _FORWARD_MARKERS.match(lines[index]):
            index += 1
            continue
        headers, index = header_block(lines, index + 1)
        if "from" in headers:
            part = Forwarded(subject=headers.get("subject", ""))
            sender = people(headers["from"])
            part.sender = sender[0] if sender else None
            part.to, part.cc = people(headers.get("to", "")), people(headers.get("cc", ""))
            end = next((i for i in range(index, len(lines)) if _FORWARD_MARKERS.match(lines[i])), len(lines))
            part.body = "\n".join(lines[index:end]).strip()
            found.append(part)
    return found


def header_block(lines: list[str], start: int) -> tuple[dict[str, str], int]:
    """The "Key: value" lines after a forward marker (continuations joined), and where the text starts."""
    headers: dict[str, str] = {}
    last = ""
    index = start
    while index < len(lines) and not lines[index].strip():
        index += 1
    while index < len(lines):
        line = lines[index]
        match = _HEADER.match(line)
        if match:
            key = match["key"].casefold()
            if key in ("reply-to", "antwort an"):
                last = ""
            else:
                last = "cc" if key.startswith("kopie") else KEYS[key]
                headers[last] = match["value"].replace("*", "").strip()
        elif not line.strip():
            break
        elif last:
            headers[last] += " " + line.strip()
        else:
            break
        index += 1
    return headers, index


def attached_messages(message: EmailMessage) -> list[Forwarded]:
    """Forwards sent as an attachment (message/rfc822, Thunderbird's "forward as attachment")."""
    found = []
    for part in message.walk():
        if part.get_content_type() != "message/rfc822":
            continue
        inner = part.get_payload()
        inner_message = inner[0] if isinstance(inner, list) and inner else None
        if not isinstance(inner_message, Message):
            continue
        sender = people(str(inner_message.get("From", "")))
        body = plain_text(inner_message) if isinstance(inner_message, EmailMessage) else ""
        found.append(Forwarded(sender[0] if sender else None, people(str(inner_message.get("To", ""))),
                               people(str(inner_message.get("Cc", ""))), str(inner_message.get("Subject", "")), body))
    return found


def files_of(message: EmailMessage) -> list[MailFile]:
    """The attachments with a file name, up to MAX_ATTACHMENT_BYTES each."""
    found = []
    for part in message.iter_attachments():
        filename = part.get_filename()
        if not filename or part.get_content_type() == "message/rfc822":
            continue
        content = part.get_payload(decode=True) or b""
        if isinstance(content, bytes) and len(content) <= MAX_ATTACHMENT_BYTES:
            found.append(MailFile(filename[:300], part.get_content_type()[:100], content))
    return found


def signature(text: str) -> str:
    """The signature block of a message's own text: after "-- ", else after a closing like "Best regards"."""
    lines = text.splitlines()
    end = next((i for i, line in enumerate(lines) if _FORWARD_MARKERS.match(line)), len(lines))
    lines = lines[:end]
    for index, line in enumerate(lines):
        if line.rstrip() == "--" or line == "-- ":
            return "\n".join(lines[index + 1:index + 1 + SIGNATURE_LINES])
    for index in range(len(lines) - 1, -1, -1):
        if _CLOSINGS.match(lines[index]):
            return "\n".join(lines[index + 1:index + 1 + SIGNATURE_LINES])
    return ""
