"""When reminders and digests go out. What they say lives in handlers/; who receives them is decided by
the workspace key's channel ("telegram:…", "slack:…", "console:…") and that channel's notifier."""

import asyncio
import logging
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Protocol

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.webhooks import WebhookSender
from handlers.notify.digest import due_digests
from handlers.notify.reminders import claim_due_reminders, mark_failed, mark_sent, renew_claims
from handlers.notify.upkeep import forget_expired
from handlers.texts.reply import Notification
from storage.db import Database

logger = logging.getLogger(__name__)

TICK_SECONDS = 15
RENEW_SECONDS = 15  # well within handlers.notify.reminders.CLAIM_LEASE (45 s): a dead process's claims go in a minute
TIDY_EVERY = timedelta(hours=1)
MAIL_EVERY = timedelta(minutes=1)  # how often the team mailbox is polled


class Notifier(Protocol):
    """Delivers a notification on one channel; raises when it could not."""

    async def deliver(self, notification: Notification) -> None: ...


class Scheduler:
    """One pass (`tick`) claims what is due in the database, delivers it, and records the outcome.

    While a pass is sending, `renew` (every RENEW_SECONDS) keeps the claims on the reminders still to go
    out, so a long pass keeps them and a dead process's claims expire within a minute.
    """

    def __init__(self, db: Database, notifiers: dict[str, Notifier], *,
                 clock: Callable[[], datetime], owner: str | None = None,
                 mailbox: Callable[[], list[Notification]] | None = None) -> None:
        self.db = db
        self.webhooks = WebhookSender(db, clock)
        self.mailbox = mailbox  # polls the team mailbox (bot/mailbox.py), returns the members to tell
        self._last_mail: datetime | None = None
        self.notifiers = notifiers
        self.clock = clock
        self.owner = owner or uuid.uuid4().hex
        self._apscheduler: AsyncIOScheduler | None = None
        self._last_tidy: datetime | None = None
        self._sending: set[int] = set()  # task ids claimed by this process and not yet delivered or released

    async def tick(self) -> list[Notification]:
        """Send every reminder and digest due now; returns what was delivered."""
        now = self.clock()
        channels = tuple(self.notifiers)  # only what this process can deliver
        due = await asyncio.to_thread(claim_due_reminders, self.db, now=now, owner=self.owner, channels=channels)
        claimed = {n.task_id for n in due if n.task_id is not None}
        self._sending |= claimed
        try:
            due += await asyncio.to_thread(due_digests, self.db, now=now, channels=channels)
            if self.mailbox is not None and (self._last_mail is None or now - self._last_mail >= MAIL_EVERY):
                self._last_mail = now
                due += [n for n in await asyncio.to_thread(self.mailbox)
                        if n.workspace_key.split(":", 1)[0] in channels]
            delivered = [n for n in due if await self._deliver(n)]
        finally:
            self._sending -= claimed
        try:
            await self.webhooks.send_due()
        except Exception:  # the outbox waits for the next tick; reminders and digests go on
            logger.warning("webhook deliveries failed", exc_info=True)
        if self._last_tidy is None or now - self._last_tidy >= TIDY_EVERY:
            self._last_tidy = now
            await asyncio.to_thread(self._tidy, now)
        return delivered

    async def renew(self) -> None:
        """Refresh the claims on the reminders this process is still sending."""
        if self._sending:
            await asyncio.to_thread(renew_claims, self.db, sorted(self._sending), owner=self.owner, now=self.clock())

    def _tidy(self, now: datetime) -> None:
        removed = forget_expired(self.db, now=now)
        if removed:
            logger.info("forgot %d expired update ids, choices and imports", removed)

    async def _deliver(self, notification: Notification) -> bool:
        """Deliver one notification and record the outcome; a reminder whose claim was lost is skipped."""
        if notification.task_id is not None and not await self._still_ours(notification.task_id):
            logger.info("reminder for task %s was taken over or done meanwhile; not sending", notification.task_id)
            return False
        channel = notification.workspace_key.split(":", 1)[0]
        notifier = self.notifiers.get(channel)
        try:
            if notifier is None:
                raise LookupError(f"no notifier for channel {channel!r}")
            await notifier.deliver(notification)
        except Exception:  # one recipient's failure must not stop the others
            logger.warning("delivery failed (workspace=%s member=%s task=%s)", notification.workspace_key,
                           notification.member_id, notification.task_id, exc_info=True)
            await asyncio.to_thread(mark_failed, self.db, notification, now=self.clock())
            return False
        finally:
            if notification.task_id is not None:
                self._sending.discard(notification.task_id)
        await asyncio.to_thread(mark_sent, self.db, notification, now=self.clock())
        return True

    async def _still_ours(self, task_id: int) -> bool:
        """Renew the claim right before sending; False when another process took it over or the task is done."""
        held = await asyncio.to_thread(renew_claims, self.db, [task_id], owner=self.owner, now=self.clock())
        return task_id in held

    def start(self) -> None:
        """Run `tick` now and every TICK_SECONDS, `renew` every RENEW_SECONDS, on the running loop (APScheduler)."""
        self._apscheduler = AsyncIOScheduler(timezone=timezone.utc)
        self._apscheduler.add_job(self.tick, "interval", seconds=TICK_SECONDS, next_run_time=self.clock(),
                                  max_instances=1, coalesce=True, id="crmbot-tick")
        self._apscheduler.add_job(self.renew, "interval", seconds=RENEW_SECONDS, max_instances=1, coalesce=True,
                                  id="crmbot-renew")
        self._apscheduler.start()

    def pause(self) -> None:
        """Start no more ticks (one in progress goes on)."""
        if self._apscheduler is not None and self._apscheduler.running:
            self._apscheduler.pause()

    def shutdown(self) -> None:
        if self._apscheduler is not None and self._apscheduler.running:
            self._apscheduler.shutdown(wait=False)
