"""One small frozen dataclass per intent. The parser builds them, `to_text` prints them back, the registry runs them."""

from dataclasses import dataclass

from handlers.language.field_commands import FieldCommand
from handlers.language.periods import PeriodSpec
from handlers.language.quality_commands import QualityFix, QualityReport
from handlers.language.visit_commands import Near
from handlers.texts.reply import FileRef


def join(*parts: str) -> str:
    """Words of a command line, the empty ones left out."""
    return " ".join(part for part in parts if part)


def page_words(page: int) -> str:
    """"page 2" after a list command; nothing for the first page."""
    return f"page {page}" if page > 1 else ""


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
class AddTask:
    text: str
    about: str | None = None  # "#12": the contact, decided before; "-": none; None: found in the text

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/task", f"about={self.about}" if self.about else "", self.text)


@dataclass(frozen=True)
class ListTasks:
    scope: str = "all"  # all, today, tomorrow, week, overdue, upcoming, undated
    mine: bool = False  # only the tasks assigned to the member asking
    page: int = 1
    member: str = ""  # only the tasks of this member, from "@ben"

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/tasks", "mine" if self.mine else "", "" if self.scope == "all" else self.scope,
                    f"@{self.member}" if self.member else "", page_words(self.page))


@dataclass(frozen=True)
class CompleteTask:
    task_id: int

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/done", str(self.task_id))


@dataclass(frozen=True)
class SnoozeTask:
    task_id: int
    by: str = ""

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/snooze", str(self.task_id), self.by)


@dataclass(frozen=True)
class RescheduleTask:
    task_id: int
    when: str = ""

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/due", str(self.task_id), self.when)


@dataclass(frozen=True)
class AddDeal:
    words: tuple[str, ...]

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/deal", *self.words)


@dataclass(frozen=True)
class ListDeals:
    status: str = "open"  # open, won, lost, stale, closing (this month), undated (no close date), or a stage key
    mine: bool = False
    owner: str = ""  # a member's name, from "@ben"
    page: int = 1

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/deals", "" if self.status == "open" else self.status, "mine" if self.mine else "",
                    f"@{self.owner}" if self.owner else "", page_words(self.page))


@dataclass(frozen=True)
class MoveDeal:
    query: str
    stage: str
    reason: str = ""  # why a deal was lost

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/stage", self.query, f"{self.stage}:" if self.reason else self.stage, self.reason)


@dataclass(frozen=True)
class ShowPipeline:
    def to_text(self) -> str:
        """The text that parses back to this command."""
        return "/pipeline"


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
    zone: str

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/tz", self.zone)


@dataclass(frozen=True)
class SetRegion:
    region: str  # "DE-BY", "DE", or "" to show it

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
class Digest:
    arg: str = ""

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/digest", self.arg)


@dataclass(frozen=True)
class AssignTask:
    task_id: int
    member: str

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/assign", str(self.task_id), self.member)


@dataclass(frozen=True)
class ShowTeam:
    def to_text(self) -> str:
        """The text that parses back to this command."""
        return "/team"


@dataclass(frozen=True)
class SetRole:
    query: str
    role: str

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/role", self.query, self.role)


@dataclass(frozen=True)
class Capture:
    """Free text: a contact, a note and maybe a follow-up, understood from one sentence."""

    text: str

    def to_text(self) -> str:
        """The free text itself."""
        return self.text


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


@dataclass(frozen=True)
class History:
    query: str

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/history", self.query)


@dataclass(frozen=True)
class Report:
    """Won, lost, rates and cycle for a period; or by rep, by source, activity, contact statistics."""

    topic: str = "summary"  # summary, won, lost, reps, sources, activity, contacts
    period: PeriodSpec = PeriodSpec()

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/report", "" if self.topic == "summary" else self.topic, self.period.to_text())


@dataclass(frozen=True)
class Forecast:
    unit: str = "month"  # month or quarter: the buckets
    by_rep: bool = False
    period: PeriodSpec | None = None  # default: this and the next two months (quarter: this and the next)

    def to_text(self) -> str:
        """The text that parses back to this command (a year's period implies quarters)."""
        unit = "quarter" if self.unit == "quarter" and self.period is None else ""
        return join("/forecast", unit, "by rep" if self.by_rep else "", self.period.to_text() if self.period else "")


@dataclass(frozen=True)
class Funnel:
    period: PeriodSpec | None = None  # deals created in it; default: all

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/funnel", self.period.to_text() if self.period else "")


@dataclass(frozen=True)
class Stuck:
    days: int | None = None  # no activity for this long; default: the workspace's stale days
    page: int = 1

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/stuck", str(self.days) if self.days is not None else "", page_words(self.page))


@dataclass(frozen=True)
class SetRates:
    base: str = ""  # empty: show the rates
    pairs: tuple[tuple[str, str], ...] = ()  # (currency, rate as typed)

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/rates", self.base, *(f"{currency}={rate}" for currency, rate in self.pairs))


@dataclass(frozen=True)
class Web:
    action: str = ""  # "": a sign-in link; token, tokens, revoke, calendar, hook, hooks, unhook
    argument: str = ""

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/web", self.action, self.argument)


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
    words: tuple[str, ...] = ()  # the deal's title, value, currency, stage as /deal takes them

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/convert", f"{self.query}:" if self.words else self.query, *self.words)


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


@dataclass(frozen=True)
class SetMailAddress:
    """The member's own e-mail address ("" shows it, "off" clears it): mails they forward are theirs."""

    address: str = ""

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/myemail", self.address)


Command = (Start | Help | AddContact | AddCompany | EditContact | LogInteraction | Show | ListContacts
           | DeleteContact | AddTask | ListTasks | CompleteTask | SnoozeTask | RescheduleTask | AddDeal
           | ListDeals | MoveDeal | ShowPipeline | Find | Undo | SetLanguage | SetTimezone | SetRegion | Pick
           | Upload | Attach | ListFiles | Digest | AssignTask | ShowTeam | SetRole | Capture
           | FindDuplicates | Merge | MergeDetails | MarkDistinct | Compare | ConfirmImport | Export | Privacy | History
           | Report | Forecast | Funnel | Stuck | SetRates | Web | TagRecord | Tags | SegmentCommand | Bulk | Leads
           | SetLeadStatus | Convert | Score | LeadRules | CampaignCommand | CardAction | SetMailAddress
           | QualityReport | QualityFix | FieldCommand | Near)
