"""One small frozen dataclass per intent. The parser builds them; the handler table runs them."""

from dataclasses import dataclass

from handlers.periods import PeriodSpec
from handlers.reply import FileRef


@dataclass(frozen=True)
class Start:
    pass


@dataclass(frozen=True)
class Help:
    topic: str = ""


@dataclass(frozen=True)
class AddContact:
    name: str
    details: tuple[str, ...] = ()  # company, e-mail, phone, in any order
    force: bool = False  # create even when it looks like a duplicate


@dataclass(frozen=True)
class AddCompany:
    name: str


@dataclass(frozen=True)
class EditContact:
    query: str
    changes: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class LogInteraction:
    kind: str  # note, call, meeting, email
    query: str
    text: str


@dataclass(frozen=True)
class Show:
    query: str


@dataclass(frozen=True)
class ListContacts:
    page: int = 1


@dataclass(frozen=True)
class DeleteContact:
    query: str
    confirmed: bool = False


@dataclass(frozen=True)
class AddTask:
    text: str
    about: str | None = None  # "#12": the contact, decided before; "-": none; None: found in the text


@dataclass(frozen=True)
class ListTasks:
    scope: str = "all"  # all, today, overdue, upcoming
    mine: bool = False  # only the tasks assigned to the member asking
    page: int = 1
    member: str = ""  # only the tasks of this member, from "@ben"


@dataclass(frozen=True)
class CompleteTask:
    task_id: int


@dataclass(frozen=True)
class SnoozeTask:
    task_id: int
    by: str = ""


@dataclass(frozen=True)
class RescheduleTask:
    task_id: int
    when: str = ""


@dataclass(frozen=True)
class AddDeal:
    words: tuple[str, ...]


@dataclass(frozen=True)
class ListDeals:
    status: str = "open"  # open, won, lost, stale, closing (this month), undated (no close date), or a stage key
    mine: bool = False
    owner: str = ""  # a member's name, from "@ben"
    page: int = 1


@dataclass(frozen=True)
class MoveDeal:
    query: str
    stage: str
    reason: str = ""  # why a deal was lost


@dataclass(frozen=True)
class ShowPipeline:
    pass


@dataclass(frozen=True)
class Find:
    query: str


@dataclass(frozen=True)
class Undo:
    batch: str | None = None  # an undo button names its command's batch; typed /undo takes the newest


@dataclass(frozen=True)
class SetLanguage:
    language: str


@dataclass(frozen=True)
class SetTimezone:
    zone: str


@dataclass(frozen=True)
class SetRegion:
    region: str  # "DE-BY", "DE", or "" to show it


@dataclass(frozen=True)
class Pick:
    pending_id: int
    choice: str = ""


@dataclass(frozen=True)
class Upload:
    """A photo or document sent in chat; the caption names the contact it belongs to."""

    file: FileRef
    caption: str = ""


@dataclass(frozen=True)
class Attach:
    attachment_id: int
    query: str


@dataclass(frozen=True)
class ListFiles:
    query: str


@dataclass(frozen=True)
class Digest:
    arg: str = ""


@dataclass(frozen=True)
class AssignTask:
    task_id: int
    member: str


@dataclass(frozen=True)
class ShowTeam:
    pass


@dataclass(frozen=True)
class SetRole:
    query: str
    role: str


@dataclass(frozen=True)
class Capture:
    """Free text: a contact, a note and maybe a follow-up, understood from one sentence."""

    text: str


@dataclass(frozen=True)
class FindDuplicates:
    pass


@dataclass(frozen=True)
class Merge:
    """Merge `other` into `keep`: its notes, tasks, deals, files and fields move over, then it goes."""

    keep: str
    other: str


@dataclass(frozen=True)
class MergeDetails:
    """"/merge #12: anna schultz, acme, +49 170...": a new contact's details folded into contact 12."""

    keep: str
    name: str
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class MarkDistinct:
    """Two records are different people (or companies): stop offering them as duplicates."""

    first: str
    second: str


@dataclass(frozen=True)
class Compare:
    first: str
    second: str


@dataclass(frozen=True)
class ConfirmImport:
    pending_id: int
    mode: str = "skip"  # skip or merge duplicates of existing contacts; cancel


@dataclass(frozen=True)
class Export:
    what: str  # contacts, deals, tasks
    fmt: str  # csv, vcf, ics


@dataclass(frozen=True)
class Privacy:
    action: str  # export, erase
    query: str
    confirmed: bool = False


@dataclass(frozen=True)
class History:
    query: str


@dataclass(frozen=True)
class Report:
    """Won, lost, rates and cycle for a period; or by rep, by source, activity, contact statistics."""

    topic: str = "summary"  # summary, won, lost, reps, sources, activity, contacts
    period: PeriodSpec = PeriodSpec()


@dataclass(frozen=True)
class Forecast:
    unit: str = "month"  # month or quarter: the buckets
    by_rep: bool = False
    period: PeriodSpec | None = None  # default: this and the next two months (quarter: this and the next)


@dataclass(frozen=True)
class Funnel:
    period: PeriodSpec | None = None  # deals created in it; default: all


@dataclass(frozen=True)
class Stuck:
    days: int | None = None  # no activity for this long; default: the workspace's stale days
    page: int = 1


@dataclass(frozen=True)
class SetRates:
    base: str = ""  # empty: show the rates
    pairs: tuple[tuple[str, str], ...] = ()  # (currency, rate as typed)


@dataclass(frozen=True)
class Web:
    action: str = ""  # "": a sign-in link; token, tokens, revoke, calendar, hook, hooks, unhook
    argument: str = ""


@dataclass(frozen=True)
class TagRecord:
    query: str  # the contact, company or deal
    tags: tuple[str, ...]
    remove: bool = False


@dataclass(frozen=True)
class Tags:
    action: str = "list"  # list, rename, merge
    old: str = ""
    new: str = ""


@dataclass(frozen=True)
class SegmentCommand:
    action: str  # show, add, delete, list
    name: str = ""
    query: str = ""  # the query, or the saved segment's name for show


@dataclass(frozen=True)
class Bulk:
    segment: str  # a saved segment's name, or a query
    action: str  # tag, untag, owner, status, task, export
    argument: str = ""
    days: int = 5  # task: spread over this many working days
    confirmed: bool = False


@dataclass(frozen=True)
class Leads:
    status: str = ""  # empty: every open lead (new, contacted, qualified)
    page: int = 1


@dataclass(frozen=True)
class SetLeadStatus:
    query: str
    status: str


@dataclass(frozen=True)
class Convert:
    query: str
    words: tuple[str, ...] = ()  # the deal's title, value, currency, stage as /deal takes them


@dataclass(frozen=True)
class Score:
    query: str = ""  # a contact: its score with reasons; empty: the rules
    rule: str = ""  # set this rule's points
    points: int = 0


@dataclass(frozen=True)
class LeadRules:
    action: str = "show"  # show, round_robin, tag, region, off
    value: str = ""
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class CampaignCommand:
    action: str  # new, add, touch, response, cost, end, report, list
    name: str = ""
    argument: str = ""  # add: segment or "import"; touch/response: the contact
    kind: str = ""  # touch: call, email, visit; response: interested, not_interested, no_answer


@dataclass(frozen=True)
class CardAction:
    """A business card waiting for the member: save (force: despite likely duplicates), into #id, fix, set, cancel."""

    scan_id: int
    action: str  # save, force, into, fix, set, cancel, show
    field: str = ""
    value: str = ""


@dataclass(frozen=True)
class SetMailAddress:
    """The member's own e-mail address ("" shows it, "off" clears it): mails they forward are theirs."""

    address: str = ""


Command = (Start | Help | AddContact | AddCompany | EditContact | LogInteraction | Show | ListContacts
           | DeleteContact | AddTask | ListTasks | CompleteTask | SnoozeTask | RescheduleTask | AddDeal
           | ListDeals | MoveDeal | ShowPipeline | Find | Undo | SetLanguage | SetTimezone | SetRegion | Pick | Upload | Attach
           | ListFiles | Digest | AssignTask | ShowTeam | SetRole | Capture
           | FindDuplicates | Merge | MarkDistinct | Compare | ConfirmImport | Export | Privacy | History
           | Report | Forecast | Funnel | Stuck | SetRates | Web | TagRecord | Tags | SegmentCommand | Bulk | Leads
           | SetLeadStatus | Convert | Score | LeadRules | CampaignCommand | CardAction | SetMailAddress)
