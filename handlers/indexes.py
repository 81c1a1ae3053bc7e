"""The engine's name indexes, one per workspace: built on first use, kept in step with each commit."""

import gc
import threading

from sqlalchemy import update
from sqlmodel import Session, col

from handlers.context import Context
from handlers.language.names import NameIndex
from storage import queries
from storage.ids import id_of
from storage.models import Workspace


class NameIndexes:
    """Each workspace's name index, shared by the engine's threads."""

    def __init__(self) -> None:
        self.by_workspace: dict[int, NameIndex] = {}
        self._locks: dict[int, threading.Lock] = {}
        self._lock = threading.Lock()

    def get(self, session: Session, workspace: Workspace) -> NameIndex:
        """The workspace's name index, rebuilt when another process changed names since it was built.

        A rebuild holds only that workspace's lock, so other workspaces go on meanwhile.
        """
        with self._lock:
            lock = self._locks.setdefault(id_of(workspace), threading.Lock())
        with lock:
            index = self.by_workspace.get(id_of(workspace))
            if index is None or index.revision != workspace.revision:
                index = NameIndex(workspace.revision)
                index.load(queries.names(session=session, workspace_id=id_of(workspace)))
                gc.freeze()  # the index is long-lived: keep its objects out of full collections
                with self._lock:
                    self.by_workspace[id_of(workspace)] = index
            return index

    def bump_revision(self, ctx: Context) -> int | None:
        """Count a change of names or custom fields in the workspace's revision (inside the transaction); None if none."""
        if not ctx.index_changes and not ctx.fields_changed:
            return None
        statement = (update(Workspace).where(col(Workspace.id) == ctx.workspace_id)
                     .values(revision=Workspace.revision + 1).returning(col(Workspace.revision)))
        revision: int = ctx.session.execute(statement).scalar_one()
        return revision

    def apply_changes(self, ctx: Context, revision: int | None) -> None:
        """After commit: apply our own name changes, or drop the index if others wrote in between."""
        if revision is None:
            return
        with self._lock:
            index = self.by_workspace.get(ctx.workspace_id)
            if index is None or index.revision != revision - 1:
                self.by_workspace.pop(ctx.workspace_id, None)
                return
            for kind, row_id, name in ctx.index_changes:
                if name is None:
                    index.remove(kind, row_id)
                else:
                    index.put(kind, row_id, name)
            index.revision = revision
