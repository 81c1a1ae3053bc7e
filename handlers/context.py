"""The context one command runs in: session, workspace, member, clock, and change tracking."""

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, SQLModel

from handlers.language.names import NameIndex
from handlers.texts import i18n
from storage.audit import record_change, snapshot
from storage.models import Company, Contact, Deal, Member, Workspace

MANAGER_ROLES = ("owner", "manager")  # they get the team digest, change roles and may erase personal data
INDEXED = {Contact: ("contact", "name"), Company: ("company", "name"), Deal: ("deal", "title")}


@dataclass
class Context:
    session: Session
    workspace: Workspace
    member: Member
    now: datetime  # aware, UTC
    batch: str
    index: NameIndex
    text: str = ""  # the command as typed, for re-running it after a pick
    index_changes: list[tuple[str, int, str | None]] = field(default_factory=list)

    @property
    def lang(self) -> str:
        return self.member.language

    @property
    def tz(self) -> str:
        return self.member.timezone

    def t(self, key: str, **params: object) -> str:
        return i18n.t(self.lang, key, **params)

    def add(self, record: SQLModel) -> SQLModel:
        """Insert a row, audited."""
        self.session.add(record)
        self.session.flush()
        self._audit("create", record, None)
        return record

    def update(self, record: SQLModel, **changes: object) -> None:
        """Change fields of a row, audited with the old values."""
        before = snapshot(record)
        for name, value in changes.items():
            setattr(record, name, value)
        if hasattr(record, "updated_at"):
            record.updated_at = self.now  # type: ignore[attr-defined]
        self.session.add(record)
        self.session.flush()
        self._audit("update", record, before)

    def delete(self, record: SQLModel) -> None:
        before = snapshot(record)
        self.session.delete(record)
        self.session.flush()
        self._audit("delete", record, before)

    def _audit(self, action: str, record: SQLModel, before: str | None) -> None:
        record_change(session=self.session, workspace_id=self.workspace.id, member_id=self.member.id,  # type: ignore[arg-type]
                      batch=self.batch, action=action, record=record, before=before, at=self.now)
        self.track_name(record, deleted=action == "delete")

    def track_name(self, record: SQLModel, *, deleted: bool = False) -> None:
        """Remember a name change, applied to the index once the transaction commits."""
        spec = INDEXED.get(type(record))  # type: ignore[arg-type]
        if spec is None:
            return
        kind, attr = spec
        name = None if deleted else getattr(record, attr)
        self.index_changes.append((kind, record.id, name))  # type: ignore[attr-defined]
