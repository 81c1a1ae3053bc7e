"""Tasks, deals, the team and the numbers: the commands about work in progress."""

from dataclasses import dataclass, field
from datetime import time, timedelta

from handlers.errors import TooFarAhead
from handlers.language.commands.words import join, page_words
from handlers.language.date_words import DateWords, find_date_words, read_date_words
from handlers.language.dates import parse_duration
from handlers.language.periods import PeriodSpec
from handlers.language.waiting import HOLE


def _words(text: str) -> bool:
    """Whether a field holds words to read (not nothing, not the hole a waiting command leaves)."""
    return bool(text) and text != HOLE


@dataclass(frozen=True)
class AddTask:
    """A new task; its date words are read once, when the command is made, and resolved by the handler."""

    text: str  # "" with `about`: a card's button, the task's words still to come
    about: str | None = None  # "#12": the contact, decided before or appended; "-": none; None: found in the text
    when: DateWords | None = field(init=False, compare=False)  # the text's date phrases, each with its span

    def __post_init__(self) -> None:
        object.__setattr__(self, "when", find_date_words(self.text) if _words(self.text) else None)

    def to_text(self) -> str:
        """The text that parses back to this command."""
        if not self.text:
            return join("/task", self.about or "")
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
    """Push a task back by a duration ("2 days") or to a date ("tomorrow"); `by` is read when the command is made."""

    task_id: int
    by: str = ""  # "": the default snooze
    duration: timedelta | None = field(init=False, compare=False)  # `by` as a duration
    date: DateWords | None = field(init=False, compare=False)  # `by` as a date, when it is no duration
    too_far: bool = field(init=False, compare=False)  # a duration beyond the horizon: refused by the handler

    def __post_init__(self) -> None:
        try:
            duration, too_far = (parse_duration(self.by) if _words(self.by) else None), False
        except TooFarAhead:
            duration, too_far = None, True
        object.__setattr__(self, "duration", duration)
        object.__setattr__(self, "too_far", too_far)
        reads = _words(self.by) and duration is None and not too_far
        object.__setattr__(self, "date", read_date_words(self.by) if reads else None)

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/snooze", str(self.task_id), self.by)


@dataclass(frozen=True)
class RescheduleTask:
    """Give a task a new due date; `when` is read when the command is made, and resolved by the handler."""

    task_id: int
    when: str = ""  # "": ask for the date
    date: DateWords | None = field(init=False, compare=False)  # `when` read as date words

    def __post_init__(self) -> None:
        object.__setattr__(self, "date", read_date_words(self.when) if _words(self.when) else None)

    def to_text(self) -> str:
        """The text that parses back to this command."""
        return join("/due", str(self.task_id), self.when)


@dataclass(frozen=True)
class AddDeal:
    """A new deal: its title (a contact "#12" and a close date may be in it), value in cents, currency, stage word."""

    title: str
    value_cents: int = 0
    currency: str | None = None  # None: the workspace's default (EUR)
    stage: str | None = None  # the stage word as typed; None: lead
    about: str = ""  # "#12": the contact a card's button chose, while the deal's words are still to come
    close: DateWords | None = field(init=False, compare=False)  # a close date in the title ("... close 15.12.")

    def __post_init__(self) -> None:
        words = " ".join(word for word in (self.title, self.about) if word)
        object.__setattr__(self, "close", find_date_words(words) if _words(self.title) else None)

    def to_text(self) -> str:
        """The text that parses back to this command: the amount first, so no title word is taken for it."""
        amount = f"{self.value_cents // 100}" + (f".{self.value_cents % 100:02d}" if self.value_cents % 100 else "")
        return join("/deal", f"about={self.about}" if self.about else "", amount if self.value_cents else "",
                    self.title, self.currency or "", self.stage or "")


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
class Digest:
    """The digest now (show; team: the team's), on or off, at a time of day, or on weekdays (1 = Monday)."""

    action: str = "show"  # show, team, on, off, time, days
    at: time | None = None  # time: when it goes out
    days: tuple[int, ...] = ()  # days: the weekdays it goes out on, one run (1-5)

    def to_text(self) -> str:
        """The text that parses back to this command."""
        if self.action == "time" and self.at is not None:
            return join("/digest", f"{self.at:%H:%M}")
        if self.action == "days" and self.days:
            return join("/digest", f"days {self.days[0]}-{self.days[-1]}")
        return join("/digest", "" if self.action == "show" else self.action)


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

