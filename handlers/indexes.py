"""The engine's name vocabularies, one per workspace: loaded on first use, kept in step with each commit.

The records' name words live on disk (storage.name_tokens), written in the transaction that changes a
name; only each workspace's distinct words are held here (handlers.name_search).
"""

import threading
from dataclasses import dataclass

from sqlmodel import Session

from handlers.context import Context
from handlers.language.names import fold
from handlers.name_search import NameLookup, Vocabulary
from storage import name_tokens
from storage.ids import id_of
from storage.models import Workspace


@dataclass(frozen=True)
class Committed:
    """What a transaction changed in names: the workspace's new revision and the touched words' counts."""

    revision: int
    counts: dict[str, int]


class NameIndexes:
    """Each workspace's name vocabulary, shared by the engine's threads."""

    def __init__(self) -> None:
        self.by_workspace: dict[int, Vocabulary] = {}
        self._locks: dict[int, threading.Lock] = {}
        self._lock = threading.Lock()

    def get(self, session: Session, workspace: Workspace) -> NameLookup:
        """The workspace's name look-ups; the vocabulary is reloaded when another process changed names.

        A reload holds only that workspace's lock, so other workspaces go on meanwhile.
        """
        with self._lock:
            lock = self._locks.setdefault(id_of(workspace), threading.Lock())
        with lock:
            vocabulary = self.by_workspace.get(id_of(workspace))
            if vocabulary is None or vocabulary.revision != workspace.revision:
                vocabulary = Vocabulary(workspace.revision,
                                        name_tokens.vocabulary(session=session, workspace_id=id_of(workspace)))
                with self._lock:
                    self.by_workspace[id_of(workspace)] = vocabulary
        return NameLookup(session, id_of(workspace), vocabulary)

    def bump_revision(self, ctx: Context) -> Committed | None:
        """Store the changed names' words and count a change of names or custom fields in the workspace's
        revision (inside the transaction); None if neither changed."""
        if not ctx.index_changes and not ctx.fields_changed:
            return None
        changes = [(kind, row_id, name, fold(name) if name is not None else None)
                   for kind, row_id, name in ctx.index_changes]
        counts = name_tokens.replace(session=ctx.session, workspace_id=ctx.workspace_id, changes=changes,
                                     new=ctx.new_names)
        return Committed(name_tokens.bump_revision(session=ctx.session, workspace=ctx.workspace), counts)

    def apply_changes(self, ctx: Context, committed: Committed | None) -> None:
        """After commit: take our own word counts, or drop the vocabulary if others wrote in between."""
        if committed is None:
            return
        with self._lock:
            vocabulary = self.by_workspace.get(ctx.workspace_id)
            if vocabulary is None or vocabulary.revision != committed.revision - 1:
                self.by_workspace.pop(ctx.workspace_id, None)
                return
            vocabulary.update(committed.counts)
            vocabulary.revision = committed.revision
