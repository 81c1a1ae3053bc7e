"""What the engine gets and gives: a neutral incoming message and a reply for any channel to render."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol


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
    location: tuple[float, float] | None = None  # a shared location (latitude, longitude); `text` is what came with it


class Printable(Protocol):
    """A command object: it prints itself back as the text that parses to it."""

    def to_text(self) -> str:
        """The command line that parses back to this command."""
        ...


@dataclass(frozen=True, init=False)
class Button:
    """A button either sends `command` back through the engine, or opens `url` (tel:, mailto:).

    It is built from a command object (`Button(label, command=c.Show("#12"))`) and keeps that
    command's text, which is what every channel sends back when the button is pressed.
    `web_app`: the url is the web companion; a channel that can open it inside the chat (a Telegram
    Mini App) does so, the others show it as a link.
    """

    label: str
    command: str | None = None
    url: str | None = None
    web_app: bool = False

    def __init__(self, label: str, command: Printable | str | None = None, url: str | None = None,
                 web_app: bool = False) -> None:
        """Take the command's text from the command object."""
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "command", command if command is None or isinstance(command, str) else command.to_text())
        object.__setattr__(self, "url", url)
        object.__setattr__(self, "web_app", web_app)


@dataclass(frozen=True)
class ReplyFile:
    """A file the core sends with a reply (an export, a chart); not the Attachment table of files members sent."""

    filename: str
    content: bytes
    mime_type: str = "application/octet-stream"
    image: bool = False  # a picture to show (Telegram: a photo with the caption; Slack: an image)
    caption: str = ""




@dataclass
class Reply:
    text: str
    buttons: list[list[Button]] = field(default_factory=list)
    file: ReplyFile | None = None
    files: list[FileRef] = field(default_factory=list)  # platform files to send back (by their ids)
    duplicate: bool = False  # the update was handled before: the channel sends nothing
    changed: bool = False  # the command wrote something (channels may post it to a team feed)
    feed: str | None = None  # on a changed reply: where the team posts its changes (a Slack channel), if bound


@dataclass(frozen=True)
class Notification:
    """A message the scheduler delivers to one member, on the channel of their workspace."""

    workspace_key: str
    member_external_id: str
    member_id: int
    reply: Reply
    task_id: int | None = None
    member_name: str = ""  # for a channel that names the member (a mention in a group chat)
