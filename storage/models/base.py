"""What every table shares: ids never reused, time columns stamped at flush."""

from typing import Any

from sqlmodel import Field

NEVER_REUSE = {"sqlite_autoincrement": True}  # SQLite would hand a deleted row's id to the next row


def stamped() -> Any:
    """A time column left empty here and filled at flush from the unit of work's clock (storage.db)."""
    return Field(default=None, nullable=False)
