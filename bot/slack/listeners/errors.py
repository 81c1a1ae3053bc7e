"""Failures in Bolt's middleware or an ack: an unverified request is refused, any other one apologized for."""

import logging

from slack_bolt import App, BoltRequest, BoltResponse, Respond
from slack_bolt.context import BoltContext

from bot.slack.bridge import SlackBridge
from bot.slack.http import trusted
from bot.slack.listeners.guard import failed

logger = logging.getLogger(__name__)


def register(app: App, bridge: SlackBridge) -> None:
    """Answer failures."""

    def error(error: Exception, request: BoltRequest, context: BoltContext,
              respond: Respond | None) -> BoltResponse | None:
        """A failure in Bolt's middleware or an ack; an unverified request is refused, its body never used."""
        if not trusted(request):
            logger.warning("refused an unverified Slack request (%s)", type(error).__name__)
            return BoltResponse(status=401, body="invalid request")
        failed(bridge, error, context, respond)
        return None

    app.error(error)
