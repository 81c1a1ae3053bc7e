"""Housekeeping the scheduler runs now and then: forget expired update ids, waiting choices and imports."""

from datetime import datetime

from storage.db import Database
from storage.queries import tidy


def forget_expired(db: Database, *, now: datetime) -> int:
    """Delete what has expired by `now` in one transaction; returns how many rows went."""
    with db.transaction(now=now) as session:
        return tidy(session=session, now=now)
