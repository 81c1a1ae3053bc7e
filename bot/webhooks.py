"""Sends the webhook outbox over HTTP: signed with HMAC-SHA256, an idempotency key per event, short timeouts."""

import asyncio
import hashlib
import hmac
import logging
from collections.abc import Callable
from datetime import datetime

import httpx

from storage.db import Database
from storage.webhooks import Outgoing, claim_due, record_outcome

logger = logging.getLogger(__name__)
TIMEOUT = httpx.Timeout(5.0)


def signature(secret: str, timestamp: str, body: str) -> str:
    """What a receiver recomputes: hex HMAC-SHA256 of "<timestamp>.<body>" with the webhook's secret."""
    return hmac.new(secret.encode(), f"{timestamp}.{body}".encode(), hashlib.sha256).hexdigest()


class WebhookSender:
    """One pass (`send_due`) posts every due delivery; a receiver that is down only delays its own events."""

    def __init__(self, db: Database, clock: Callable[[], datetime]) -> None:
        self.db = db
        self.clock = clock

    async def send_due(self) -> int:
        due = await asyncio.to_thread(claim_due, self.db, self.clock())
        if not due:
            return 0
        async with httpx.AsyncClient(timeout=TIMEOUT) as client:
            outcomes = await asyncio.gather(*(self._post(client, item) for item in due))
        for item, error in zip(due, outcomes, strict=True):
            await asyncio.to_thread(record_outcome, self.db, item.id, self.clock(), error)
        return sum(1 for error in outcomes if error is None)

    async def _post(self, client: httpx.AsyncClient, item: Outgoing) -> str | None:
        """Post one delivery; the error as text, or None when the receiver answered 2xx."""
        timestamp = str(int(self.clock().timestamp()))
        headers = {"Content-Type": "application/json", "Idempotency-Key": item.idempotency_key,
                   "X-Crmbot-Timestamp": timestamp,
                   "X-Crmbot-Signature": "sha256=" + signature(item.secret, timestamp, item.body)}
        try:
            response = await client.post(item.url, content=item.body.encode(), headers=headers)
        except httpx.HTTPError as error:
            return f"{type(error).__name__}: {error}"[:300]
        if response.is_success:
            return None
        return f"HTTP {response.status_code}"
