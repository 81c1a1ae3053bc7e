"""One small frozen dataclass per intent. The parser builds them, `to_text` prints them back, the registry runs them."""

from dataclasses import dataclass

from handlers.language.periods import PeriodSpec
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
    def to_text(self) -> str:
        """The text that parses back to this command."""
        return "/contacts"


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

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/tasks", "mine" if self.mine else "", "" if self.scope == "all" else self.scope,
                    page_words(self.page))


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


Command = (Start | Help | AddContact | AddCompany | EditContact | LogInteraction | Show | ListContacts
           | DeleteContact | AddTask | ListTasks | CompleteTask | SnoozeTask | RescheduleTask | AddDeal
           | ListDeals | MoveDeal | ShowPipeline | Find | Undo | SetLanguage | SetTimezone | SetRegion | Pick
           | Upload | Attach | ListFiles | Digest | AssignTask | ShowTeam | SetRole | Capture
           | FindDuplicates | Merge | MergeDetails | MarkDistinct | Compare | ConfirmImport | Export | Privacy | History
           | Report | Forecast | Funnel | Stuck | SetRates | Web)
