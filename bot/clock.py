"""The wall clock: the one place the program reads it, handed to the engine and the scheduler at start."""

import time
from datetime import datetime, timezone


def system_clock() -> datetime:
    """Return the current time, aware, in UTC."""
    return datetime.now(timezone.utc)


def monotonic() -> float:
    """Seconds on a clock that never goes back, for rate limits."""
    return time.monotonic()
