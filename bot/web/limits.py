"""Rate limits for the API: a token bucket per API token, in this process."""

import threading
from collections.abc import Callable


class RateLimiter:
    """`rate` requests a second per key on average, bursts up to `burst`; `wait` says how long to back off."""

    def __init__(self, rate: float, burst: int, clock: Callable[[], float]) -> None:
        self.rate, self.burst, self.clock = rate, burst, clock
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, when counted)
        self._lock = threading.Lock()

    def wait(self, key: str) -> float:
        """Take one request from the key's bucket: 0 when allowed, else the seconds until one is."""
        now = self.clock()
        with self._lock:
            tokens, since = self._buckets.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - since) * self.rate)
            if tokens < 1:
                self._buckets[key] = (tokens, now)
                return (1 - tokens) / self.rate
            self._buckets[key] = (tokens - 1, now)
            if len(self._buckets) > 10_000:
                self._buckets.clear()
            return 0.0
