"""The button presses: a command button, a link button, a button that opens a form."""

import re

from slack_bolt import App, Respond
from slack_bolt.context import BoltContext
from slack_sdk import WebClient

from bot.slack.blocks import ACTION_PREFIX, LINK_PREFIX
from bot.slack.bridge import Origin, SlackBridge
from bot.slack.listeners.guard import Body, acknowledge, lazily, open_form


def register(app: App, bridge: SlackBridge) -> None:
    """Answer button presses."""

    def button(body: Body, context: BoltContext, respond: Respond, client: WebClient) -> None:
        team, user = body["team"]["id"], body["user"]["id"]
        reply = bridge.run(body["actions"][0]["value"], team=team, user=user, update_key=f"slack:{body['trigger_id']}")
        if not reply.duplicate:
            home = body.get("view", {}).get("type") == "home"
            bridge.deliver(team, user, reply, Origin(response_url=body.get("response_url"), home=home))
        bridge.announce(team, user, reply)

    def form_button(body: Body, context: BoltContext, respond: Respond, client: WebClient) -> None:
        kind = body["actions"][0]["action_id"].removeprefix("open_")
        home = body.get("view", {}).get("type") == "home"
        open_form(bridge, kind, body["trigger_id"], body["team"]["id"], body["user"]["id"],
                  Origin(response_url=body.get("response_url"), home=home))

    app.action(re.compile(f"^{ACTION_PREFIX}"))(**lazily(bridge, button))
    app.action(re.compile(f"^{LINK_PREFIX}"))(acknowledge)  # Slack opens the link; the press still arrives
    app.action(re.compile(r"^open_(contact|deal|task)$"))(**lazily(bridge, form_button))
