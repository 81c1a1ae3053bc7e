"""Contacts, companies, notes, cards, files and preferences: the commands about records and the member."""

from dataclasses import dataclass

from handlers.language.commands.words import join, page_words
from handlers.texts.reply import FileRef


@dataclass(frozen=True)
class Start:
    def to_text(self) -> str:
        """The text that parses back to this command."""
        return "/start"


@dataclass(frozen=True)
class Help:
    topic: str = ""

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/help", self.topic)


@dataclass(frozen=True)
class AddContact:
    name: str
    details: tuple[str, ...] = ()  # company, e-mail, phone, in any order
    force: bool = False  # create even when it looks like a duplicate

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/add", "!" if self.force else "", ", ".join((self.name, *self.details)))


@dataclass(frozen=True)
class AddCompany:
    name: str

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/company", self.name)


@dataclass(frozen=True)
class EditContact:
    query: str
    changes: tuple[tuple[str, str], ...]

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/edit", f"{self.query}:", ", ".join(f"{field}={value}" for field, value in self.changes))


@dataclass(frozen=True)
class LogInteraction:
    kind: str  # note, call, meeting, email
    query: str
    text: str

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join(f"/{self.kind}", f"{self.query}:", self.text)


@dataclass(frozen=True)
class Show:
    query: str

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/show", self.query)


@dataclass(frozen=True)
class ListContacts:
    page: int = 1

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/contacts", page_words(self.page))


@dataclass(frozen=True)
class DeleteContact:
    query: str
    confirmed: bool = False

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/delete", self.query, "yes" if self.confirmed else "")


@dataclass(frozen=True)
class Find:
    query: str

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/find", self.query)


@dataclass(frozen=True)
class Undo:
    batch: str | None = None  # an undo button names its command's batch; typed /undo takes the newest

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/undo", self.batch or "")


@dataclass(frozen=True)
class SetLanguage:
    language: str

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/lang", self.language)


@dataclass(frozen=True)
class SetTimezone:
    """A time zone by its name ("Europe/Berlin", "berlin"), or by a position ("52.52, 13.40") it is found at."""

    zone: str  # as typed
    position: tuple[float, float] | None = None  # latitude, longitude, when the zone is a position

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/tz", self.zone)


@dataclass(frozen=True)
class SetRegion:
    country: str = ""  # "DE"; "" shows the region
    subdivision: str = ""  # "BY", or "" for the whole country

    @property
    def region(self) -> str:
        """The region as written: "DE-BY", "DE"."""
        return "-".join(filter(None, (self.country, self.subdivision)))

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/region", self.region)


@dataclass(frozen=True)
class Pick:
    pending_id: int
    choice: str = ""

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/pick", str(self.pending_id), self.choice)


@dataclass(frozen=True)
class Upload:
    """A photo or document sent in chat; the caption names the contact it belongs to."""

    file: FileRef
    caption: str = ""

    def to_text(self) -> str:
        """The caption the file came with."""
        return self.caption


@dataclass(frozen=True)
class Attach:
    attachment_id: int
    query: str

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/attach", str(self.attachment_id), self.query)


@dataclass(frozen=True)
class ListFiles:
    query: str

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/files", self.query)


@dataclass(frozen=True)
class History:
    query: str

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/history", self.query)


@dataclass(frozen=True)
class Capture:
    """Free text: a contact, a note and maybe a follow-up, understood from one sentence."""

    text: str

    def to_text(self) -> str:
        """The free text itself."""
        return self.text


@dataclass(frozen=True)
class SetMailAddress:
    """The member's own e-mail address ("" shows it, "off" clears it): mails they forward are theirs."""

    address: str = ""
    off: bool = False  # "/myemail off": forget the address

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/myemail", "off" if self.off else self.address)


@dataclass(frozen=True)
class Web:
    action: str = ""  # "": a sign-in link; token, tokens, revoke, calendar, hook, hooks, unhook
    argument: str = ""

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/web", self.action, self.argument)

