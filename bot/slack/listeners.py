"""The Bolt listeners: acknowledge on the request thread, then work on Bolt's thread pool (lazy listeners).

`register(app, bridge)` is the one place that lists what crmbot answers in Slack: the /crm command,
direct messages, @mentions, the App Home, buttons, the "Save to CRM" shortcut, contact search and
modal submissions. Slack gets its answer as soon as the request is checked, never queued behind
other members' work; the work itself runs through `guarded`, which turns a failure into a logged
error and a short apology.
"""

import logging
import re
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltRequest, BoltResponse, Respond
from slack_bolt.context import BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.blocks import ACTION_PREFIX, LINK_PREFIX, from_slack, message
from bot.slack.bridge import Origin, SlackBridge
from bot.slack.forms import READERS, Submission
from bot.slack.http import trusted
from bot.slack.modals import CONTACT_ACTION, OPENERS, plain, save_modal
from handlers.engine import Crm, wants_card
from handlers.registry import command_word
from handlers.texts.catalogue import SLACK
from handlers.texts.reply import FileRef

logger = logging.getLogger(__name__)

Body = dict[str, Any]
Work = Callable[[Body, BoltContext, Respond, WebClient], None]

FORM_WORDS = {"contact": "contact", "kontakt": "contact", "deal": "deal", "task": "task", "aufgabe": "task"}
FORM_OF_COMMAND = {"add": "contact", "deal": "deal", "task": "task"}  # "/crm deal" alone opens the deal form
FEED_WORDS = {"here": "here", "hier": "here", "off": "off", "aus": "off"}
FORMS = re.compile(r"^crm_(contact|deal|task|save)$")


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


def file_of(event: Body) -> FileRef | None:
    files = event.get("files") or []
    if not files:
        return None
    kind = "photo" if str(files[0].get("mimetype", "")).startswith("image/") else "document"
    return FileRef(file_id=files[0]["id"], kind=kind, filename=files[0].get("name", ""), channel="slack")


def acknowledge(ack: Ack) -> None:
    ack()


def register(app: App, bridge: SlackBridge) -> None:
    """Attach every listener to the app."""

    def guarded(work: Work) -> Callable[[Body, BoltContext, Respond, WebClient], None]:
        def run(body: Body, context: BoltContext, respond: Respond, client: WebClient) -> None:
            try:
                work(body, context, respond, client)
            except Exception as error:  # the one place a failed Slack request becomes an apology
                failed(error, context, respond)
        return run

    def failed(error: Exception, context: BoltContext, respond: Respond | None) -> None:
        logger.error("Slack request failed (team=%s user=%s): %s", context.team_id, context.user_id, error,
                     exc_info=error)
        try:
            bridge.apologize(team=context.team_id, user=context.user_id, channel=context.channel_id,
                             response_url=respond.response_url if respond else None)
        except Exception:  # best effort: the failure itself is logged above
            logger.exception("could not send the apology")

    def lazily(work: Work) -> dict[str, Any]:
        return {"ack": acknowledge, "lazy": [guarded(work)]}

    def open_form(kind: str, trigger_id: str, team: str, user: str, origin: Origin) -> None:
        view = OPENERS[kind](bridge.profile(team, user).language, origin.dump())
        bridge.client.views_open(trigger_id=trigger_id, view=view)

    def bind_feed(action: str, body: Body, respond: Respond, client: WebClient) -> None:
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

    def slash_command(body: Body, context: BoltContext, respond: Respond, client: WebClient) -> None:
        team, user = body["team_id"], body["user_id"]
        args = from_slack(body.get("text", ""))
        if (kind := form_of(args)) is not None:
            open_form(kind, body["trigger_id"], team, user, Origin(response_url=body.get("response_url")))
        elif (action := feed_of(args)) is not None:
            bind_feed(action, body, respond, client)
        else:
            reply = bridge.run(engine_text(args), team=team, user=user, update_key=f"slack:{body['trigger_id']}",
                               team_name=body.get("team_domain", ""), user_name=body.get("user_name", ""))
            if not reply.duplicate:
                bridge.respond(body["response_url"], reply)
                bridge.send_file(user, reply, body.get("channel_id"))
            bridge.announce(team, user, reply)

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
        open_form(kind, body["trigger_id"], body["team"]["id"], body["user"]["id"],
                  Origin(response_url=body.get("response_url"), home=home))

    def save_to_crm(body: Body, context: BoltContext, respond: Respond, client: WebClient) -> None:
        team, user = body["team"]["id"], body["user"]["id"]
        original = body.get("message", {})
        view = save_modal(bridge.profile(team, user).language, Origin(body.get("response_url")).dump(),
                          text=from_slack(original.get("text", "")), author=original.get("user", ""))
        client.views_open(trigger_id=body["trigger_id"], view=view)

    def contact_search(ack: Ack, body: Body) -> None:
        hits = bridge.suggest(body["team"]["id"], body.get("value", ""))
        ack(options=[{"text": plain(label[:75]), "value": reference} for reference, label in hits])

    def read_form(body: Body) -> Submission:
        view, form = body["view"], bridge.form(body["team"]["id"], body["user"]["id"])
        return READERS[view["callback_id"]](view["state"]["values"], form)

    def check_form(ack: Ack, body: Body) -> None:
        """Close the modal when its fields are valid, else show an error under each invalid one."""
        submission = read_form(body)
        if submission.errors:
            ack(response_action="errors", errors=submission.errors)
        else:
            ack()

    def submit_form(body: Body, context: BoltContext, respond: Respond, client: WebClient) -> None:
        submission = read_form(body)
        if submission.errors:
            return
        team, user, view = body["team"]["id"], body["user"]["id"], body["view"]
        reply = bridge.run(submission.command, team=team, user=user, update_key=f"slack:{view['id']}")
        if not reply.duplicate:
            bridge.deliver(team, user, reply, Origin.load(view.get("private_metadata")))
        bridge.announce(team, user, reply)

    def error(error: Exception, request: BoltRequest, context: BoltContext,
              respond: Respond | None) -> BoltResponse | None:
        """A failure in Bolt's middleware or an ack; an unverified request is refused, its body never used."""
        if not trusted(request):
            logger.warning("refused an unverified Slack request (%s)", type(error).__name__)
            return BoltResponse(status=401, body="invalid request")
        failed(error, context, respond)
        return None

    app.command("/crm")(**lazily(slash_command))
    app.event({"type": "message", "subtype": (None, "file_share")})(**lazily(direct_message))
    app.event("message")(acknowledge)  # edits, deletions, bot messages: nothing to do
    app.event("app_mention")(**lazily(mention))
    app.event("app_home_opened")(**lazily(home_opened))
    app.action(re.compile(f"^{ACTION_PREFIX}"))(**lazily(button))
    app.action(re.compile(f"^{LINK_PREFIX}"))(acknowledge)  # Slack opens the link; the press still arrives
    app.action(re.compile(r"^open_(contact|deal|task)$"))(**lazily(form_button))
    app.shortcut("save_to_crm")(**lazily(save_to_crm))
    app.options(CONTACT_ACTION)(contact_search)
    app.view(FORMS)(ack=check_form, lazy=[guarded(submit_form)])
    app.error(error)
