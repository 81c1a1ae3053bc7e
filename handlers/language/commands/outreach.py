"""Tags, segments, leads, scores and campaigns: the commands of outreach."""

from dataclasses import dataclass

from handlers.language.commands.words import join, page_words
from handlers.language.commands.work import AddDeal


@dataclass(frozen=True)
class TagRecord:
    query: str  # the contact, company or deal
    tags: tuple[str, ...]
    remove: bool = False

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/untag" if self.remove else "/tag", self.query, *(f"#{tag}" for tag in self.tags))


@dataclass(frozen=True)
class Tags:
    action: str = "list"  # list, rename, merge
    old: str = ""
    new: str = ""

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return "/tags" if self.action == "list" else join("/tags", self.action, self.old, self.new)


@dataclass(frozen=True)
class SegmentCommand:
    action: str  # show, add, delete, list
    name: str = ""
    query: str = ""  # the query, or the saved segment's name for show

    def to_text(self) -> str:
        """The text that parses back to this command."""
        if self.action == "add":
            return join("/segment add", f'"{self.name}"', self.query)
        if self.action == "delete":
            return join("/segment delete", self.name)
        return join("/segment", self.query) if self.action == "show" else "/segments"


@dataclass(frozen=True)
class Bulk:
    segment: str  # a saved segment's name, or a query
    action: str  # tag, untag, owner, status, task, export
    argument: str = ""
    days: int = 5  # task: spread over this many working days
    confirmed: bool = False

    def to_text(self) -> str:
        """The text that parses back to this command."""
        spread = f"over {self.days} days" if self.action == "task" and self.days != 5 else ""
        return join("/bulk", "!" if self.confirmed else "", self.segment, self.action, self.argument, spread)


@dataclass(frozen=True)
class Leads:
    status: str = ""  # empty: every open lead (new, contacted, qualified)
    page: int = 1

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/leads", self.status, page_words(self.page))


@dataclass(frozen=True)
class SetLeadStatus:
    query: str
    status: str

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/lead", self.query, self.status)


@dataclass(frozen=True)
class Convert:
    query: str
    deal: AddDeal | None = None  # the deal's title, value, currency, stage as /deal reads them; None: named after the contact

    def to_text(self) -> str:
        """The text that parses back to this command."""
        if self.deal is None:
            return join("/convert", self.query)
        return join("/convert", f"{self.query}:", self.deal.to_text().removeprefix("/deal").strip())


@dataclass(frozen=True)
class Score:
    query: str = ""  # a contact: its score with reasons; empty: the rules
    rule: str = ""  # set this rule's points
    points: int = 0

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/score rule", self.rule, str(self.points)) if self.rule else join("/score", self.query)


@dataclass(frozen=True)
class LeadRules:
    action: str = "show"  # show, round_robin, tag, region, off
    value: str = ""
    members: tuple[str, ...] = ()

    def to_text(self) -> str:
        """The text that parses back to this command."""
        action = {"show": "", "round_robin": "roundrobin"}.get(self.action, self.action)
        return join("/rules", action, self.value, *(f"@{member}" for member in self.members))


RESPONSE_WORDS = {"interested": "interested", "not_interested": "not interested", "no_answer": "no answer"}


@dataclass(frozen=True)
class CampaignCommand:
    action: str  # new, add, touch, response, cost, end, report, list
    name: str = ""
    argument: str = ""  # add: segment or "import"; touch/response: the contact
    kind: str = ""  # touch: call, email, visit; response: interested, not_interested, no_answer

    def to_text(self) -> str:
        """The text that parses back to this command."""
        if self.action == "list":
            return "/campaigns"
        if self.action == "new":
            return join("/campaign new", f'"{self.name}"', f"from {self.argument}" if self.argument else "")
        return join("/campaign", f'"{self.name}"', self.action, self.argument, RESPONSE_WORDS.get(self.kind, self.kind))

