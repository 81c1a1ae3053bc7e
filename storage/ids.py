"""The id of a saved row, typed as a plain int (SQLModel types primary keys as `int | None`)."""

from typing import Protocol


class Saved(Protocol):
    """Any table row: it has an id once it is flushed."""

    @property
    def id(self) -> int | None: ...


class Unsaved(RuntimeError):
    """A row's id was asked for before the row was flushed to the database."""


def id_of(row: Saved) -> int:
    """The id of a row that has been flushed; raises Unsaved if it has none yet."""
    if row.id is None:
        raise Unsaved(type(row).__name__)
    return row.id
