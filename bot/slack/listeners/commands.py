"""The /crm slash command: open a form, bind the team's CRM channel, or run a command through the engine."""

import logging

from slack_bolt import App, Respond
from slack_bolt.context import BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.blocks import from_slack
from bot.slack.bridge import Origin, SlackBridge
from bot.slack.listeners.guard import Body, lazily, open_form
from handlers.registry import command_word
from handlers.texts.catalogue import SLACK

logger = logging.getLogger(__name__)

FORM_WORDS = {"contact": "contact", "kontakt": "contact", "deal": "deal", "task": "task", "aufgabe": "task"}
FORM_OF_COMMAND = {"add": "contact", "deal": "deal", "task": "task"}  # "/crm deal" alone opens the deal form
FEED_WORDS = {"here": "here", "hier": "here", "off": "off", "aus": "off"}


def engine_text(args: str) -> str:
    """"find acme" gives "/find acme", nothing gives "/help"; text that names no command is free text."""
    args = args.strip().removeprefix("/")
    if not args:
        return "/help"
    return f"/{args}" if command_word(f"/{args}") is not None else args


def form_of(args: str) -> str | None:
    """"new contact", "neu aufgabe", "deal" alone: the form to open instead of running a command."""
    words = args.casefold().split()
    if len(words) == 2 and words[0] in ("new", "neu"):
        return FORM_WORDS.get(words[1])
    if words == ["new"]:
        return "contact"
    if len(words) == 1:
        return FORM_OF_COMMAND.get(command_word(f"/{words[0]}") or "")
    return None


def feed_of(args: str) -> str | None:
    """"channel here" / "kanal aus": bind or unbind the team's CRM channel."""
    words = args.casefold().split()
    return FEED_WORDS.get(words[1]) if len(words) == 2 and words[0] in ("channel", "kanal") else None


def bind_feed(bridge: SlackBridge, action: str, body: Body, respond: Respond, client: WebClient) -> None:
    """Make this channel the team's CRM channel ("here"), or switch it off ("off")."""
    team, user, channel = body["team_id"], body["user_id"], body["channel_id"]
    language = bridge.profile(team, user).language
    if action == "off":
        bridge.bind_feed(team, None)
        respond(SLACK.t(language, "feed_unbound"), response_type="ephemeral")
        return
    try:
        client.chat_postMessage(channel=channel, text=SLACK.t(language, "feed_announce", user=user))
    except SlackApiError as error:
        logger.info("cannot post in %s: %s", channel, error.response.get("error"))
        respond(SLACK.t(language, "feed_failed"), response_type="ephemeral")
        return
    bridge.bind_feed(team, channel)
    respond(SLACK.t(language, "feed_bound"), response_type="ephemeral")


def register(app: App, bridge: SlackBridge) -> None:
    """Answer /crm."""

    def slash_command(body: Body, context: BoltContext, respond: Respond, client: WebClient) -> None:
        team, user = body["team_id"], body["user_id"]
        args = from_slack(body.get("text", ""))
        if (kind := form_of(args)) is not None:
            open_form(bridge, kind, body["trigger_id"], team, user, Origin(response_url=body.get("response_url")))
        elif (action := feed_of(args)) is not None:
            bind_feed(bridge, action, body, respond, client)
        else:
            reply = bridge.run(engine_text(args), team=team, user=user, update_key=f"slack:{body['trigger_id']}",
                               team_name=body.get("team_domain", ""), user_name=body.get("user_name", ""))
            if not reply.duplicate:
                bridge.respond(body["response_url"], reply)
                bridge.send_file(user, reply, body.get("channel_id"))
            bridge.announce(team, user, reply)

    app.command("/crm")(**lazily(bridge, slash_command))
