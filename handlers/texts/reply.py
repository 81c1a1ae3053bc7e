"""What the engine gets and gives: a neutral incoming message and a reply for any channel to render."""

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class FileRef:
    """A file the chat platform keeps: its id there is all we store and send back."""

    file_id: str
    kind: str = "document"  # photo, document
    filename: str = ""
    channel: str = ""


@dataclass(frozen=True)
class Incoming:
    """One message or button press, with who sent it and where.

    `update_key` identifies the channel's update ("telegram:1234"); a second delivery of the
    same key is answered with a duplicate reply and changes nothing.
    """

    text: str
    workspace_key: str
    user_id: str
    user_name: str = ""
    workspace_name: str = ""
    language: str | None = None
    timezone: str | None = None
    now: datetime | None = None
    update_key: str | None = None
    attachment: FileRef | None = None  # a photo or document; `text` is then its caption


@dataclass(frozen=True)
class Button:
    """A button either sends `command` back through the engine, or opens `url` (tel:, mailto:)."""

    label: str
    command: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class ReplyFile:
    """A file the core sends with a reply (an export, a chart); not the Attachment table of files members sent."""

    filename: str
    content: bytes
    mime_type: str = "application/octet-stream"
    image: bool = False  # a picture to show (Telegram: a photo with the caption; Slack: an image)
    caption: str = ""


Attachment = ReplyFile  # the old name, kept only so this round's branches merge; use ReplyFile


@dataclass
class Reply:
    text: str
    buttons: list[list[Button]] = field(default_factory=list)
    file: ReplyFile | None = None
    files: list[FileRef] = field(default_factory=list)  # platform files to send back (by their ids)
    duplicate: bool = False  # the update was handled before: the channel sends nothing
    changed: bool = False  # the command wrote something (channels may post it to a team feed)


@dataclass(frozen=True)
class Notification:
    """A message the scheduler delivers to one member, on the channel of their workspace."""

    workspace_key: str
    member_external_id: str
    member_id: int
    reply: Reply
    task_id: int | None = None
    member_name: str = ""  # for a channel that names the member (a mention in a group chat)
