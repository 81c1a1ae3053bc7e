"""A scheduler in a process of its own, for the SIGKILL test: it claims what is due at the given instant,
says on stdout which reminder it is sending, and hangs there until it is killed.

    python -m tests.scheduler_process DATABASE_URL 2026-11-25T11:00:00+00:00
"""

import asyncio
import sys
from datetime import datetime

from bot.scheduler import Scheduler
from handlers.notify.reminders import Notification
from storage.db import Database


class HangingNotifier:
    """Announces the first delivery and never finishes it, like a Bot API call cut off by SIGKILL."""

    async def deliver(self, notification: Notification) -> None:
        print(f"sending {notification.task_id}", flush=True)
        await asyncio.Event().wait()


async def main(url: str, now: datetime) -> None:
    notifier = HangingNotifier()
    await Scheduler(Database(url), {"console": notifier}, clock=lambda: now, owner="doomed").tick()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], datetime.fromisoformat(sys.argv[2])))
