"""The context one command runs in: session, workspace, member, clock, and change tracking."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol, TypeVar, runtime_checkable

from sqlalchemy import inspect
from sqlmodel import Session, SQLModel

from handlers.name_search import NameLookup
from handlers.texts import catalogue
from storage import webhooks
from storage.audit import record_change, snapshot
from storage.custom_fields import fields_of
from storage.ids import Owned, id_of
from storage.models import Company, Contact, CustomField, Deal, Interaction, Member, ScoreRule, Task, Workspace
from storage.queries import get_row, load_rows

MANAGER_ROLES = ("owner", "manager")  # they get the team digest, change roles and may erase personal data

class WriteRefused(RuntimeError):
    """A write was attempted while answering a question; the engine rolls the message back."""


Row = TypeVar("Row", bound=Owned)
Added = TypeVar("Added", bound=SQLModel)

@runtime_checkable
class AboutRecord(Protocol):
    """A row that points at another row by kind and id (a tagging, an audit entry)."""

    entity: str
    entity_id: int


INDEXED = {Contact: ("contact", "name"), Company: ("company", "name"), Deal: ("deal", "title")}


@dataclass
class Context:
    session: Session
    workspace: Workspace
    member: Member
    now: datetime  # aware, UTC
    batch: str
    index: NameLookup
    text: str = ""  # the command as typed, for re-running it after a pick
    index_changes: list[tuple[str, int, str | None]] = field(default_factory=list)
    chosen: dict[str, str] = field(default_factory=dict)  # folded name -> "#12" or "new", from a "which one?"
    read_only: bool = False  # a question is being answered: any write is refused
    web_url: str = ""  # the web companion's public address, for links; empty when it is not served
    touched: set[int] = field(default_factory=set)  # contacts whose lead score needs a fresh look
    fresh: dict[int, Contact] = field(default_factory=dict)  # contacts made here that no other row points at yet
    created: dict[str, int] = field(default_factory=dict)  # audit entity -> the first row of it made here
    new_names: set[tuple[str, int]] = field(default_factory=set)  # (kind, id) of named records made here
    rescore_all: bool = False  # a score rule changed: every contact's score needs one
    fields_changed: bool = False  # a custom field was added or removed: the workspace's revision moves
    _preloaded: list[Owned] = field(default_factory=list)  # rows read ahead for `get` (preload), held till the reply

    @property
    def workspace_id(self) -> int:
        """The workspace's id: it is always a saved row."""
        return id_of(self.workspace)

    @property
    def member_id(self) -> int:
        """The member's id: it is always a saved row."""
        return id_of(self.member)

    @property
    def lang(self) -> str:
        return self.member.language

    @property
    def tz(self) -> str:
        return self.member.timezone

    @property
    def region(self) -> dict[str, str | None]:
        """Where holidays are looked up: the workspace's country and subdivision."""
        return {"country": self.workspace.default_region, "subdivision": self.workspace.subdivision}

    def t(self, key: str, **params: object) -> str:
        return catalogue.t(self.lang, key, **params)

    def get(self, model: type[Row], row_id: int) -> Row | None:
        """The row with this id, only if it belongs to this workspace."""
        return get_row(session=self.session, model=model, workspace_id=id_of(self.workspace),
                       row_id=row_id)

    def preload(self, model: type[Row], row_ids: Iterable[int | None]) -> None:
        """Read these rows of the workspace in one statement, for the `get`s that follow (a list's lines); they are
        kept until the message is answered."""
        self._preloaded += load_rows(session=self.session, model=model, workspace_id=id_of(self.workspace),
                                     row_ids=row_ids)

    def add(self, record: Added) -> Added:
        """Insert a row, audited."""
        self.session.add(record)
        self.session.flush()
        self._audit("create", record, None)
        return record

    def update(self, record: SQLModel, **changes: object) -> None:
        """Change fields of a row, audited with the old values; the name index hears of it only if the name
        changed (here, or on the row since it was last written)."""
        before = snapshot(record)
        if "contact_id" in changes:
            self.touch(record)  # the contact it leaves needs a fresh look too (its open deals and tasks)
        spec = INDEXED.get(type(record))
        renamed = spec is not None and (
            (spec[1] in changes and changes[spec[1]] != getattr(record, spec[1]))
            or inspect(record).attrs[spec[1]].history.has_changes())
        for name, value in changes.items():
            setattr(record, name, value)
        if hasattr(record, "updated_at"):
            record.updated_at = self.now
        self.session.add(record)
        self.session.flush()
        self._audit("update", record, before, renamed=renamed)

    def delete(self, record: SQLModel) -> None:
        before = snapshot(record)
        self.session.delete(record)
        self.session.flush()
        self._audit("delete", record, before)

    def _audit(self, action: str, record: SQLModel, before: str | None, *, renamed: bool = True) -> None:
        if self.read_only:
            raise WriteRefused(type(record).__name__)
        if action != "delete":
            self.remember(record)
        if action == "create":
            self.created.setdefault(type(record).__name__.lower(), id_of(record))
            if type(record) in INDEXED:
                self.new_names.add((INDEXED[type(record)][0], id_of(record)))
        record_change(session=self.session, workspace_id=self.workspace_id, member_id=self.member.id,
                      batch=self.batch, action=action, record=record, before=before, at=self.now)
        webhooks.enqueue(self.session, self.workspace_id, action, record, before, self.now)
        if renamed:
            self.track_name(record, deleted=action == "delete")
        self.touch(record)
        if isinstance(record, Contact):
            if action == "create":
                self.fresh[id_of(record)] = record
            elif action == "delete":
                self.fresh.pop(id_of(record), None)

    def touch(self, record: SQLModel) -> None:
        """Note the contact a changed row belongs to, so its score is brought up to date before commit."""
        if isinstance(record, Contact):
            self.touched.add(id_of(record))
        elif isinstance(record, ScoreRule):
            self.rescore_all = True
        elif isinstance(record, AboutRecord) and record.entity == "contact":
            self.touch_ids([record.entity_id])
        elif contact_id := getattr(record, "contact_id", None):
            self.touch_ids([contact_id])

    def touch_ids(self, contact_ids: Iterable[int]) -> None:
        """Note contacts whose rows (or rows pointing at them) changed other than through `touch`."""
        for contact_id in contact_ids:
            self.touched.add(contact_id)
            self.fresh.pop(contact_id, None)  # something points at it now: its facts come from the database

    def remember(self, record: SQLModel) -> None:
        """Keep the member's conversation context: the last task and the last record touched."""
        if isinstance(record, Task):
            self.member.last_task_id = record.id
            if record.contact_id:
                self.member.last_record = f"contact:{record.contact_id}"
        elif isinstance(record, Interaction) and record.contact_id:
            self.member.last_record = f"contact:{record.contact_id}"
        elif isinstance(record, (Contact, Deal)):
            self.member.last_record = f"{INDEXED[type(record)][0]}:{record.id}"
        else:
            return
        self.session.add(self.member)

    def field_names(self) -> list[str]:
        """The workspace's custom-field names, kept on its name index for as long as the workspace's revision holds.

        A field added or removed moves the revision (`track_name`), so every process reads the names again.
        """
        vocabulary = self.index.vocabulary
        cached = vocabulary.field_names
        if cached is not None and cached[0] == self.workspace.revision == vocabulary.revision and not self.fields_changed:
            return cached[1]
        names = [f.name for f in fields_of(session=self.session, workspace_id=self.workspace_id)]
        if not self.fields_changed:
            vocabulary.field_names = (self.workspace.revision, names)
        return names

    def track_name(self, record: SQLModel, *, deleted: bool = False) -> None:
        """Remember a name change, applied to the index once the transaction commits; a custom field's moves the revision."""
        if isinstance(record, CustomField):
            self.fields_changed = True
        spec = INDEXED.get(type(record))
        if spec is None:
            return
        kind, attr = spec
        name = None if deleted else getattr(record, attr)
        self.index_changes.append((kind, id_of(record), name))
