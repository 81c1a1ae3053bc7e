"""One small frozen dataclass per intent. The parser builds them; the handler table runs them."""

from dataclasses import dataclass

from handlers.texts.reply import FileRef


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
    pass


@dataclass(frozen=True)
class DeleteContact:
    query: str
    confirmed: bool = False


@dataclass(frozen=True)
class AddTask:
    text: str


@dataclass(frozen=True)
class ListTasks:
    scope: str = "all"  # all, today, overdue, upcoming
    mine: bool = False  # only the tasks assigned to the member asking


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
    pass


@dataclass(frozen=True)
class MoveDeal:
    query: str
    stage: str


@dataclass(frozen=True)
class ShowPipeline:
    pass


@dataclass(frozen=True)
class Find:
    query: str


@dataclass(frozen=True)
class Undo:
    pass


@dataclass(frozen=True)
class SetLanguage:
    language: str


@dataclass(frozen=True)
class SetTimezone:
    zone: str


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


Command = (Start | Help | AddContact | AddCompany | EditContact | LogInteraction | Show | ListContacts
           | DeleteContact | AddTask | ListTasks | CompleteTask | SnoozeTask | RescheduleTask | AddDeal
           | ListDeals | MoveDeal | ShowPipeline | Find | Undo | SetLanguage | SetTimezone | Pick | Upload | Attach
           | ListFiles | Digest | AssignTask | ShowTeam | SetRole | Capture
           | FindDuplicates | Merge | MarkDistinct | Compare | ConfirmImport | Export | Privacy | History)
