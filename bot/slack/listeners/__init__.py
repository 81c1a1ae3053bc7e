"""The Bolt listeners, one module per kind, as in Bolt's starter app: acknowledge on the request thread, then work
on Bolt's thread pool (lazy listeners).

`register(app, bridge)` is the one place that lists what crmbot answers in Slack: the /crm command (commands),
direct messages, @mentions and the App Home (events), buttons (actions), the "Save to CRM" shortcut (shortcuts),
contact search and modal submissions (views), and failures (errors). Slack gets its answer as soon as the request
is checked, never queued behind other members' work; the work itself runs through `guard.guarded`, which turns a
failure into a logged error and a short apology.
"""

from slack_bolt import App

from bot.slack.bridge import SlackBridge
from bot.slack.listeners import actions, commands, errors, events, shortcuts, views
from bot.slack.listeners.commands import engine_text

__all__ = ["engine_text", "register"]


def register(app: App, bridge: SlackBridge) -> None:
    """Attach every listener to the app, kind by kind."""
    for kind in (commands, events, actions, shortcuts, views, errors):
        kind.register(app, bridge)
