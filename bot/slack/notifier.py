"""Reminders and digests for Slack members: the scheduler's notifier for workspaces "slack:…".

    scheduler = Scheduler(crm.db, {"slack": SlackNotifier(app.client)}, clock=crm.clock)
"""

import asyncio

from slack_sdk import WebClient

from bot.slack.blocks import message
from bot.slack.files import send_file
from handlers.texts.reply import Notification


class SlackNotifier:
    """Sends a notification to the member's direct messages with the app (buttons included, then its chart)."""

    def __init__(self, client: WebClient) -> None:
        self.client = client

    async def deliver(self, notification: Notification) -> None:
        """Post it; a Slack error raises, so the scheduler records the delivery as failed."""
        await asyncio.to_thread(self.client.chat_postMessage, channel=notification.member_external_id,
                                **message(notification.reply))
        await asyncio.to_thread(send_file, self.client, notification.member_external_id, notification.reply.file)
