"""What every listener shares: the lazy-listener wrapper that turns a failure into a logged error and an apology."""

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, Respond
from slack_bolt.context import BoltContext
from slack_sdk import WebClient

from bot.slack.bridge import Origin, SlackBridge
from bot.slack.modals import OPENERS

logger = logging.getLogger(__name__)

Body = dict[str, Any]
Work = Callable[[Body, BoltContext, Respond, WebClient], None]


def acknowledge(ack: Ack) -> None:
    """Answer Slack at once (the work, if any, runs lazily)."""
    ack()


def failed(bridge: SlackBridge, error: Exception, context: BoltContext, respond: Respond | None) -> None:
    """Log a failed request and apologize to the member."""
    logger.error("Slack request failed (team=%s user=%s): %s", context.team_id, context.user_id, error,
                 exc_info=error)
    try:
        bridge.apologize(team=context.team_id, user=context.user_id, channel=context.channel_id,
                         response_url=respond.response_url if respond else None)
    except Exception:  # best effort: the failure itself is logged above
        logger.exception("could not send the apology")


def guarded(bridge: SlackBridge, work: Work) -> Work:
    """The work, with a failure turned into a logged error and an apology."""
    def run(body: Body, context: BoltContext, respond: Respond, client: WebClient) -> None:
        try:
            work(body, context, respond, client)
        except Exception as error:  # the one place a failed Slack request becomes an apology
            failed(bridge, error, context, respond)
    return run


def lazily(bridge: SlackBridge, work: Work) -> dict[str, Any]:
    """Bolt's arguments for a listener that acknowledges at once and works on the thread pool."""
    return {"ack": acknowledge, "lazy": [guarded(bridge, work)]}


def open_form(bridge: SlackBridge, kind: str, trigger_id: str, team: str, user: str, origin: Origin) -> None:
    """Open the modal of a form (contact, deal, task) in the member's language."""
    view = OPENERS[kind](bridge.profile(team, user).language, origin.dump())
    bridge.client.views_open(trigger_id=trigger_id, view=view)
