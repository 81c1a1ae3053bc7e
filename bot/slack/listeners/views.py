"""The modals: contact search in their select menus, and their submissions (checked, then run)."""

import re

from slack_bolt import Ack, App, Respond
from slack_bolt.context import BoltContext
from slack_sdk import WebClient

from bot.slack.bridge import Origin, SlackBridge
from bot.slack.forms import READERS, Submission
from bot.slack.listeners.guard import Body, guarded
from bot.slack.modals import CONTACT_ACTION, plain

FORMS = re.compile(r"^crm_(contact|deal|task|save)$")


def register(app: App, bridge: SlackBridge) -> None:
    """Answer contact searches and modal submissions."""

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

    app.options(CONTACT_ACTION)(contact_search)
    app.view(FORMS)(ack=check_form, lazy=[guarded(bridge, submit_form)])
