"""The events: direct messages (text, files, imports, business cards), @mentions and the App Home."""

import re

from slack_bolt import App, Respond
from slack_bolt.context import BoltContext
from slack_sdk import WebClient

from bot.slack.blocks import from_slack, message
from bot.slack.bridge import SlackBridge
from bot.slack.listeners.guard import Body, acknowledge, lazily
from handlers.engine import Crm, wants_card
from handlers.texts.reply import FileRef


def file_of(event: Body) -> FileRef | None:
    """The first file of a message, as the engine sees it."""
    files = event.get("files") or []
    if not files:
        return None
    kind = "photo" if str(files[0].get("mimetype", "")).startswith("image/") else "document"
    return FileRef(file_id=files[0]["id"], kind=kind, filename=files[0].get("name", ""), channel="slack")


def register(app: App, bridge: SlackBridge) -> None:
    """Answer direct messages, @mentions and the App Home."""

    def direct_message(body: Body, context: BoltContext, respond: Respond, client: WebClient) -> None:
        event = body["event"]
        if event.get("channel_type") != "im" or event.get("bot_id"):
            return
        team, user = body["team_id"], event["user"]
        text, file = from_slack(event.get("text", "")), (event.get("files") or [None])[0]
        if file is not None and Crm.is_import_file(file.get("name", ""), text):
            reply = bridge.preview_import(file, team=team, user=user, update_key=f"slack:{body['event_id']}")
        elif file is not None and (ref := file_of(event)) is not None and wants_card(ref, text):
            reply = bridge.read_card(file, ref, team=team, user=user, update_key=f"slack:{body['event_id']}")
        else:
            reply = bridge.run(text, team=team, user=user, update_key=f"slack:{body['event_id']}",
                               attachment=file_of(event))
        if not reply.duplicate:
            client.chat_postMessage(channel=event["channel"], **message(reply))
            bridge.send_file(user, reply, event["channel"])
        bridge.announce(team, user, reply)

    def mention(body: Body, context: BoltContext, respond: Respond, client: WebClient) -> None:
        event = body["event"]
        if event.get("bot_id") or "user" not in event:  # another bot: answering could loop
            return
        team, user = body["team_id"], event["user"]
        text = re.sub(rf"<@{re.escape(context.bot_user_id or '')}(?:\|[^>]*)?>", " ", event.get("text", ""))
        reply = bridge.run(from_slack(text), team=team, user=user, update_key=f"slack:{body['event_id']}")
        if not reply.duplicate:
            client.chat_postEphemeral(channel=event["channel"], user=user, thread_ts=event.get("thread_ts"),
                                      **message(reply))
            bridge.send_file(user, reply)
        bridge.announce(team, user, reply)

    def home_opened(body: Body, context: BoltContext, respond: Respond, client: WebClient) -> None:
        if body["event"].get("tab") == "home":
            bridge.publish_home(body["team_id"], body["event"]["user"])

    app.event({"type": "message", "subtype": (None, "file_share")})(**lazily(bridge, direct_message))
    app.event("message")(acknowledge)  # edits, deletions, bot messages: nothing to do
    app.event("app_mention")(**lazily(bridge, mention))
    app.event("app_home_opened")(**lazily(bridge, home_opened))
