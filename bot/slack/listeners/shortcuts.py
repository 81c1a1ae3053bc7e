"""The message shortcut "Save to CRM": open a modal that saves the message as a note."""

from slack_bolt import App, Respond
from slack_bolt.context import BoltContext
from slack_sdk import WebClient

from bot.slack.blocks import from_slack
from bot.slack.bridge import Origin, SlackBridge
from bot.slack.listeners.guard import Body, lazily
from bot.slack.modals import save_modal


def register(app: App, bridge: SlackBridge) -> None:
    """Answer the "Save to CRM" shortcut."""

    def save_to_crm(body: Body, context: BoltContext, respond: Respond, client: WebClient) -> None:
        team, user = body["team"]["id"], body["user"]["id"]
        original = body.get("message", {})
        view = save_modal(bridge.profile(team, user).language, Origin(body.get("response_url")).dump(),
                          text=from_slack(original.get("text", "")), author=original.get("user", ""))
        client.views_open(trigger_id=body["trigger_id"], view=view)

    app.shortcut("save_to_crm")(**lazily(bridge, save_to_crm))
