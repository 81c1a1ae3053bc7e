"""When reminders and digests go out. What they say lives in handlers/; who receives them is decided by
the workspace key's channel ("telegram:…", "slack:…", "console:…") and that channel's notifier."""

import asyncio
import logging
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Protocol

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from handlers.notify.digest import due_digests
from handlers.notify.reminders import claim_due_reminders, mark_failed, mark_sent
from handlers.notify.upkeep import forget_expired
from handlers.texts.reply import Notification
from storage.db import Database

logger = logging.getLogger(__name__)

TICK_SECONDS = 30
TIDY_EVERY = timedelta(hours=1)


class Notifier(Protocol):
    """Delivers a notification on one channel; raises when it could not."""

    async def deliver(self, notification: Notification) -> None: ...


class Scheduler:
    """One pass (`tick`) claims what is due in the database, delivers it, and records the outcome."""

    def __init__(self, db: Database, notifiers: dict[str, Notifier], *,
                 clock: Callable[[], datetime], owner: str | None = None) -> None:
        self.db = db
        self.notifiers = notifiers
        self.clock = clock
        self.owner = owner or uuid.uuid4().hex
        self._apscheduler: AsyncIOScheduler | None = None
        self._last_tidy: datetime | None = None

    async def tick(self) -> list[Notification]:
        """Send every reminder and digest due now; returns what was delivered."""
        now = self.clock()
        channels = tuple(self.notifiers)  # only what this process can deliver
        due = await asyncio.to_thread(claim_due_reminders, self.db, now=now, owner=self.owner, channels=channels)
        due += await asyncio.to_thread(due_digests, self.db, now=now, channels=channels)
        delivered = []
        for notification in due:
            if await self._deliver(notification, now):
                delivered.append(notification)
        if self._last_tidy is None or now - self._last_tidy >= TIDY_EVERY:
            self._last_tidy = now
            await asyncio.to_thread(self._tidy, now)
        return delivered

    def _tidy(self, now: datetime) -> None:
        removed = forget_expired(self.db, now=now)
        if removed:
            logger.info("forgot %d expired update ids, choices and imports", removed)

    async def _deliver(self, notification: Notification, now: datetime) -> bool:
        channel = notification.workspace_key.split(":", 1)[0]
        notifier = self.notifiers.get(channel)
        try:
            if notifier is None:
                raise LookupError(f"no notifier for channel {channel!r}")
            await notifier.deliver(notification)
        except Exception:  # one recipient's failure must not stop the others
            logger.warning("delivery failed (workspace=%s member=%s task=%s)", notification.workspace_key,
                           notification.member_id, notification.task_id, exc_info=True)
            await asyncio.to_thread(mark_failed, self.db, notification, now=now)
            return False
        await asyncio.to_thread(mark_sent, self.db, notification, now=now)
        return True

    def start(self) -> None:
        """Run `tick` now and every TICK_SECONDS on the running event loop (APScheduler)."""
        self._apscheduler = AsyncIOScheduler(timezone=timezone.utc)
        self._apscheduler.add_job(self.tick, "interval", seconds=TICK_SECONDS, next_run_time=self.clock(),
                                  max_instances=1, coalesce=True, id="crmbot-tick")
        self._apscheduler.start()

    def pause(self) -> None:
        """Start no more ticks (one in progress goes on)."""
        if self._apscheduler is not None and self._apscheduler.running:
            self._apscheduler.pause()

    def shutdown(self) -> None:
        if self._apscheduler is not None and self._apscheduler.running:
            self._apscheduler.shutdown(wait=False)
