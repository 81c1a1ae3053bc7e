"""Duplicates, imports, exports, privacy and business cards: the commands that move records in and out."""

from dataclasses import dataclass

from handlers.language.commands.words import join


@dataclass(frozen=True)
class FindDuplicates:
    def to_text(self) -> str:
        """The text that parses back to this command."""
        return "/duplicates"


@dataclass(frozen=True)
class Merge:
    """Merge `other` into `keep`: its notes, tasks, deals, files and fields move over, then it goes."""

    keep: str
    other: str

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/merge", f"{self.keep},", self.other)


@dataclass(frozen=True)
class MergeDetails:
    """"/merge #12: anna schultz, acme, +49 170...": a new contact's details folded into contact 12."""

    keep: str
    name: str
    details: tuple[str, ...] = ()

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/merge", f"{self.keep}:", ", ".join((self.name, *self.details)))


@dataclass(frozen=True)
class MarkDistinct:
    """Two records are different people (or companies): stop offering them as duplicates."""

    first: str
    second: str

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/distinct", f"{self.first},", self.second)


@dataclass(frozen=True)
class Compare:
    first: str
    second: str

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/compare", f"{self.first},", self.second)


@dataclass(frozen=True)
class ConfirmImport:
    pending_id: int
    mode: str = "skip"  # skip or merge duplicates of existing contacts; cancel

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/import", str(self.pending_id), self.mode)


@dataclass(frozen=True)
class Export:
    what: str  # contacts, deals, tasks
    fmt: str  # csv, vcf, ics

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/export", self.what, self.fmt)


@dataclass(frozen=True)
class Privacy:
    action: str  # export, erase
    query: str
    confirmed: bool = False

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/privacy", self.action, self.query, "yes" if self.confirmed else "")


CARD_WORDS = {"save": "save", "force": "!", "into": "into", "fix": "fix", "set": "set", "cancel": "cancel", "show": ""}


@dataclass(frozen=True)
class CardAction:
    """A business card waiting for the member: save (force: despite likely duplicates), into #id, fix, set, cancel."""

    scan_id: int
    action: str  # save, force, into, fix, set, cancel, show
    field: str = ""
    value: str = ""

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/scan", str(self.scan_id), CARD_WORDS[self.action], self.field, self.value)

