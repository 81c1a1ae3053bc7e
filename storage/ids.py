"""The id of a saved row, typed as a plain int (SQLModel types primary keys as `int | None`)."""

from typing import Protocol, cast

from sqlalchemy.orm import Mapped
from sqlmodel import SQLModel


class Saved(Protocol):
    """Any table row: it has an id once it is flushed."""

    id: int | None


class Owned(Saved, Protocol):
    """A row that belongs to a workspace: every table but Workspace."""

    workspace_id: int


class Unsaved(RuntimeError):
    """A row's id was asked for before the row was flushed to the database."""


def id_of(row: Saved | SQLModel) -> int:
    """The id of a flushed row of any table (even one typed as a plain SQLModel); raises Unsaved before the flush."""
    row_id = getattr(row, "id", None)
    if not isinstance(row_id, int):
        raise Unsaved(type(row).__name__)
    return row_id


def id_column(model: type[Saved]) -> Mapped[int]:
    """A table's id column, typed as the database holds it, for SELECTs of ids."""
    return cast("Mapped[int]", model.id)  # the model types `id` for unsaved objects too; a stored id is never NULL
