"""The Slack channel end to end: signed HTTP requests to the real Bolt app, a fake Slack Web API on 127.0.0.1.

Each test starts the app on a random port with a fake Slack behind it, sends what Slack would send,
and checks the calls the app made to Slack and what landed in the database.
"""

from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlencode

import pytest
from pydantic import SecretStr
from slack_bolt import BoltRequest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlmodel import SQLModel, func, select

from bot.config import Settings
from bot.slack.blocks import from_slack
from bot.slack.channel import build_app, web_client
from bot.slack.http import SlackHttpServer
from bot.slack.listeners import engine_text
from bot.slack.notifier import SlackNotifier
from handlers.engine import Crm
from handlers.exchange.ocr import available as ocr_available
from handlers.notify.digest import due_digests
from handlers.texts.reply import Button, Notification, Reply
from storage.db import Database
from storage.models import Contact, Deal, Interaction, PipelineStage, Task
from tests.card_images import cards, render
from tests.conftest import NOW
from tests.fake_slack import TEAM, Call, FakeSlack, SlackSender, signature

SECRET = "test-signing-secret"
WORKERS = 4
USERS = {
    "UA": {"id": "UA", "name": "anna", "real_name": "Anna Admin", "tz": "Europe/Berlin", "locale": "en-US"},
    "UB": {"id": "UB", "name": "ben", "real_name": "Ben Sales", "tz": "Europe/Berlin", "locale": "en-GB"},
    "UDE": {"id": "UDE", "name": "jonas", "real_name": "Jonas Berger", "tz": "Europe/Berlin", "locale": "de-DE"},
    "UNY": {"id": "UNY", "name": "nora", "real_name": "Nora York", "tz": "America/New_York", "locale": "en-US"},
}


class TrackingExecutor(ThreadPoolExecutor):
    """Bolt's listener pool, remembering what it ran so a test can wait for all of it."""

    def __init__(self) -> None:
        super().__init__(max_workers=WORKERS)
        self.futures: list[Future[Any]] = []

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future = super().submit(fn, *args, **kwargs)
        self.futures.append(future)
        return future


@dataclass
class Harness:
    fake: FakeSlack
    send: SlackSender
    executor: TrackingExecutor

    def settle(self) -> None:
        """Wait until every listener started so far has finished."""
        _, pending = wait(list(self.executor.futures), timeout=5)
        assert not pending

    def reply(self, count: int = 1) -> dict[str, Any]:
        """The `count`-th answer sent to a response URL."""
        return self.fake.wait_for("response", count)[count - 1].args

    def command(self, text: str, *, user: str = "UA", channel: str = "C1") -> dict[str, Any]:
        """Run `/crm <text>` and return the ephemeral answer."""
        before = len(self.fake.calls_to("response"))
        answer = self.send.command(text, user=user, channel=channel)
        assert answer.status == 200 and answer.body == ""
        return self.reply(before + 1)

    def form(self, text: str, *, user: str = "UA") -> Call:
        """Run a `/crm` command that opens a modal; returns the views.open call."""
        before = len(self.fake.calls_to("views.open"))
        assert self.send.command(text, user=user).status == 200
        return self.fake.wait_for("views.open", before + 1)[before]


@pytest.fixture
def slack(crm: Crm) -> Iterator[Harness]:
    fake = FakeSlack(users={k: dict(v) for k, v in USERS.items()}).start()
    settings = Settings(slack_bot_token=SecretStr("xoxb-test"), slack_app_token=None,
                        slack_signing_secret=SecretStr(SECRET), slack_api_url=fake.api_url)
    executor = TrackingExecutor()
    app = build_app(settings, crm, executor=executor)
    server = SlackHttpServer(app, signing_secret=SECRET, host="127.0.0.1", port=0)
    server.start()
    yield Harness(fake, SlackSender(server.url, SECRET, fake), executor)
    server.stop()
    executor.shutdown(wait=True)
    fake.stop()


def rows(db: Database, model: type) -> list[Any]:
    with db.transaction(now=NOW) as session:
        return list(session.exec(select(model)).all())


def buttons(message: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The message's buttons by label."""
    return {element["text"]["text"]: element for block in message["blocks"] if block["type"] == "actions"
            for element in block["elements"]}


def block_text(message: dict[str, Any]) -> str:
    return "\n".join(block["text"]["text"] for block in message["blocks"] if block["type"] == "section")


def press(slack: Harness, message: dict[str, Any], label: str, *, user: str = "UA") -> dict[str, Any]:
    """Press a button of an ephemeral message; returns the answer sent to its response URL."""
    button = buttons(message)[label]
    before = len(slack.fake.calls_to("response"))
    answer = slack.send.interaction({
        "type": "block_actions", "container": {"type": "message_attachment", "is_ephemeral": True},
        "channel": {"id": "C1"}, "response_url": slack.fake.response_url(),
        "actions": [{"type": "button", "action_id": button["action_id"], "block_id": "crm_row_0",
                     "value": button["value"], "action_ts": "1"}]}, user=user)
    assert answer.status == 200
    return slack.reply(before + 1)


def submit(slack: Harness, opened: Call, values: dict[str, Any], *, user: str = "UA") -> Any:
    """Submit the modal that views.open showed, with `values` per block; returns the HTTP answer."""
    view = opened.args["view"]
    state: dict[str, Any] = {}
    for block in view["blocks"]:
        if block["type"] != "input" or block["block_id"] not in values:
            continue
        element = block["element"]
        value = values[block["block_id"]]
        kind = element["type"]
        entry: dict[str, Any] = {"type": kind}
        if kind in ("static_select", "external_select"):
            entry["selected_option"] = {"value": value, "text": {"type": "plain_text", "text": value}}
        elif kind == "datepicker":
            entry["selected_date"] = value
        elif kind == "timepicker":
            entry["selected_time"] = value
        else:
            entry["value"] = value
        state[block["block_id"]] = {element["action_id"]: entry}
    return slack.send.interaction({"type": "view_submission", "view": {
        "id": f"V-{opened.args['trigger_id']}", "type": "modal", "callback_id": view["callback_id"],
        "private_metadata": view.get("private_metadata", ""), "hash": "h", "state": {"values": state}}}, user=user)


# --- slash commands ------------------------------------------------------------------------

def test_slash_commands_run_core_commands_and_answer_privately(slack: Harness, db: Database) -> None:
    added = slack.command("add Anna Schulz, Acme GmbH, anna@acme.de, +49 170 1234567")
    assert added["response_type"] == "ephemeral"
    assert "Added Anna Schulz (Acme GmbH)" in added["text"]
    assert all(b["action_id"].startswith("crm_") for b in buttons(added).values())
    links = next(b for b in added["blocks"] if b["type"] == "context")["elements"][0]["text"]
    assert "<mailto:anna@acme.de|" in links and "+491701234567" in links  # tel: is no Slack button
    assert [c.name for c in rows(db, Contact)] == ["Anna Schulz"]

    found = slack.command("find schultz")
    assert "Anna Schulz" in block_text(found)
    assert slack.command("")["text"].startswith("Commands")
    assert "Commands" in slack.command("help")["text"]
    assert slack.fake.calls_to("users.info") and len(slack.fake.calls_to("users.info")) == 1  # cached


def test_free_text_after_crm_is_captured(slack: Harness, db: Database) -> None:
    reply = slack.command("met Lena Braun from Solaris, wants a demo next tuesday 10am")
    assert "Lena Braun" in reply["text"] and "Task" in reply["text"]
    assert [t.title for t in rows(db, Task)] == ["wants a demo"]


def test_bad_or_stale_signature_is_refused_and_nothing_stored(slack: Harness, db: Database) -> None:
    forged = slack.send.command("add Mallory Evil", secret="wrong-secret")
    stale = slack.send.command("add Old Replay", age=10 * 60)
    assert (forged.status, stale.status) == (401, 401)
    slack.settle()
    assert rows(db, Contact) == []
    assert slack.fake.calls_to("response") == [] and slack.fake.calls_to("users.info") == []


UNVERIFIED = {  # what a sender without the signing secret can send; Slack signs "v0:<timestamp>:<body>"
    "timestamp 'soon'": {"timestamp": "soon"},
    "timestamp not a whole number": {"timestamp": "1700000000.5"},
    "timestamp of 5,000 digits": {"timestamp": "9" * 5000},
    "no timestamp": {"headers": {"X-Slack-Request-Timestamp": None}},
    "no signature": {"headers": {"X-Slack-Signature": None}},
    "signature not v0": {"headers": {"X-Slack-Signature": "sha1=0123"}},
    "signature not ASCII": {"headers": {"X-Slack-Signature": "v0=caf\u00e9"}},
    "signed with another secret": {"secret": "wrong-secret"},
    "stale timestamp": {"age": 10 * 60},
    "timestamp from the future": {"age": -10 * 60},
}


def table_sizes(db: Database) -> dict[str, int]:
    """How many rows each table holds."""
    with db.transaction(now=NOW) as session:
        return {table.name: session.exec(select(func.count()).select_from(table)).one()
                for table in SQLModel.metadata.sorted_tables}


def command_body(*, response_url: str | None) -> str:
    """A /crm command as a sender would write it; without a response URL it names a channel and user only."""
    fields = {"token": "x", "team_id": TEAM, "team_domain": "acme-sales", "channel_id": "C1", "user_id": "UA",
              "user_name": "ua", "command": "/crm", "text": "add Mallory Evil", "trigger_id": "trigger.evil"}
    return urlencode(fields | ({"response_url": response_url} if response_url else {}))


@pytest.mark.parametrize("with_response_url", [True, False], ids=["response_url", "no response_url"])
@pytest.mark.parametrize("forged", UNVERIFIED.values(), ids=UNVERIFIED.keys())
def test_an_unverified_request_gets_401_and_nothing_happens(slack: Harness, db: Database, forged: dict[str, Any],
                                                           with_response_url: bool) -> None:
    before, sizes = len(slack.fake.calls), table_sizes(db)
    body = command_body(response_url=slack.fake.response_url() if with_response_url else None)
    answer = slack.send.post(body, "application/x-www-form-urlencoded", **forged)
    slack.settle()
    assert answer.status == 401
    assert slack.fake.calls[before:] == []  # no apology to the response URL, no chat.postEphemeral, no users.info
    assert table_sizes(db) == sizes
    assert "Commands" in slack.command("help")["text"]  # and the server still answers Slack


def test_the_error_handler_never_acts_on_a_request_the_server_did_not_verify(crm: Crm, db: Database) -> None:
    """Bolt's own check raises on a non-numeric timestamp; whatever fails for an unverified request, nobody is told."""
    fake = FakeSlack(users={k: dict(v) for k, v in USERS.items()}).start()
    try:
        settings = Settings(slack_bot_token=SecretStr("xoxb-test"), slack_app_token=None,
                            slack_signing_secret=SecretStr(SECRET), slack_api_url=fake.api_url)
        app = build_app(settings, crm)
        before, sizes = len(fake.calls), table_sizes(db)
        for response_url in (fake.response_url(), None):
            request = BoltRequest(body=command_body(response_url=response_url), headers={
                "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": "soon",
                "x-slack-signature": signature(SECRET, "soon", command_body(response_url=response_url))})
            assert app.dispatch(request).status == 401
        assert fake.calls[before:] == []
        assert table_sizes(db) == sizes
    finally:
        fake.stop()


def test_slack_checks_the_url_with_a_challenge(slack: Harness) -> None:
    answer = slack.send.post('{"type": "url_verification", "challenge": "c-123", "token": "x"}', "application/json")
    assert (answer.status, answer.json()) == (200, {"challenge": "c-123"})


@pytest.mark.parametrize(("typed", "engine"), [
    ("find acme", "/find acme"), ("/find acme", "/find acme"), ("", "/help"), ("aufgaben heute", "/aufgaben heute"),
    ("met Anna from Acme", "met Anna from Acme"), ("called her, wants pricing", "called her, wants pricing")])
def test_crm_arguments_become_commands_or_free_text(typed: str, engine: str) -> None:
    assert engine_text(typed) == engine


@pytest.mark.parametrize(("markup", "plain"), [
    ("<mailto:anna@acme.de|anna@acme.de>", "anna@acme.de"), ("call <tel:+4917012|+49 170 12>", "call +49 170 12"),
    ("ask <@U123|ben> &amp; <@U9>", "ask @ben & @U9"), ("in <#C1|sales>", "in #sales"), ("<!here> hi", "@here hi"),
    ("<!subteam^S1|@sales> by <!date^1700000000^{date}|Nov 14>", "@sales by Nov 14"),
    ("see <https://acme.de/x?a=1&amp;b=2|the site>", "see https://acme.de/x?a=1&b=2")])
def test_slack_markup_becomes_plain_text(markup: str, plain: str) -> None:
    assert from_slack(markup) == plain


# --- events --------------------------------------------------------------------------------

def dm(text: str, user: str = "UA") -> dict[str, Any]:
    return {"type": "message", "channel": "D1", "channel_type": "im", "user": user, "text": text, "ts": "1.1"}


def test_a_retried_event_creates_nothing_twice(slack: Harness, db: Database) -> None:
    event = dm("met Carla Diaz from Globex, call back friday 10am")
    first = slack.send.event(event, event_id="EvSame")
    retry = slack.send.event(event, event_id="EvSame", retry=1)
    assert (first.status, retry.status) == (200, 200)
    slack.settle()
    assert [c.name for c in rows(db, Contact)] == ["Carla Diaz"]
    assert len(rows(db, Task)) == 1 and len(rows(db, Interaction)) == 1
    posted = slack.fake.calls_to("chat.postMessage")
    assert len(posted) == 1 and posted[0].args["channel"] == "D1"
    assert "Carla Diaz" in posted[0].args["text"]


def test_a_mention_is_captured_and_answered_only_to_its_author(slack: Harness, db: Database) -> None:
    slack.send.event({"type": "app_mention", "channel": "C1", "user": "UA", "ts": "2.1",
                      "text": "<@UBOT> met Tom Hart from Initech &amp; friends"})
    answer = slack.fake.wait_for("chat.postEphemeral")[0].args
    assert answer["user"] == "UA" and answer["channel"] == "C1" and "Tom Hart" in answer["text"]
    assert rows(db, Interaction)[0].text == "met Tom Hart from Initech & friends"


def test_a_file_sent_to_the_bot_is_kept_on_the_contact_its_text_names(slack: Harness, db: Database) -> None:
    slack.command("add Anna Schulz, Acme GmbH")
    slack.send.event({**dm("Anna Schulz"), "subtype": "file_share",
                      "files": [{"id": "F1", "name": "card.jpg", "mimetype": "image/jpeg"}]})
    assert slack.fake.wait_for("chat.postMessage")[0].args["text"] == "📎 File saved on Anna Schulz (Acme GmbH)."
    assert "card.jpg" in slack.command("files anna")["text"]


def test_a_csv_sent_to_the_bot_is_previewed_then_imported(slack: Harness, db: Database) -> None:
    slack.fake.files["F9"] = "Vorname;Nachname;E-Mail-Adresse\nJörg;Müller;joerg@baeckerei.de\n".encode("cp1252")
    slack.send.event({**dm(""), "subtype": "file_share",
                      "files": [{"id": "F9", "name": "kontakte.csv", "mimetype": "text/csv", "size": 52,
                                 "url_private_download": slack.fake.file_url("F9")}]})
    preview = slack.fake.wait_for("chat.postMessage")[0].args
    assert "New contacts: 1" in preview["text"] and rows(db, Contact) == []
    confirm = next(value for label, value in ((k, v["value"]) for k, v in buttons(preview).items())
                   if label.startswith("📥"))
    assert confirm.startswith("/import ")
    assert "1 new contact" in slack.command(confirm.removeprefix("/"))["text"]
    assert [c.name for c in rows(db, Contact)] == ["Jörg Müller"]


@pytest.mark.skipif(not ocr_available(), reason="tesseract-ocr with deu and eng is not installed (.ci/run installs it)")
def test_a_picture_without_text_is_read_as_a_business_card(slack: Harness, db: Database) -> None:
    slack.fake.files["F7"] = render(cards()[2])
    slack.send.event({**dm(""), "subtype": "file_share",
                      "files": [{"id": "F7", "name": "IMG_2041.jpg", "mimetype": "image/jpeg",
                                 "url_private_download": slack.fake.file_url("F7")}]})
    preview = slack.fake.wait_for("chat.postMessage")[0].args
    assert preview["text"].startswith("📇 I read this business card:") and "Sarah Connor" in preview["text"]
    assert rows(db, Contact) == []
    save = next(v["value"] for k, v in buttons(preview).items() if k.startswith("💾"))
    assert slack.command(save.removeprefix("/"))["text"].startswith("👤 Contact saved from the card: Sarah Connor")
    assert [c.email for c in rows(db, Contact)] == ["sarah@cyberdyne.co.uk"]


def test_bot_messages_and_edits_are_ignored(slack: Harness, db: Database) -> None:
    assert slack.send.event({**dm("met Eve Bot from X"), "bot_id": "B9"}).status == 200
    assert slack.send.event({"type": "message", "subtype": "message_changed", "channel": "D1",
                             "channel_type": "im", "message": {"text": "x"}}).status == 200
    slack.settle()
    assert rows(db, Contact) == [] and slack.fake.calls_to("chat.postMessage") == []


# --- buttons -------------------------------------------------------------------------------

def test_a_button_press_runs_its_command(slack: Harness, db: Database) -> None:
    created = slack.command("task call Anna tomorrow 9am")
    assert set(buttons(created)) >= {"✅ Done"}
    done = press(slack, created, "✅ Done")
    assert done["text"].startswith("✅ Done: #1")
    assert rows(db, Task)[0].done_at is not None


# --- modals --------------------------------------------------------------------------------

def test_contact_modal_checks_fields_before_saving(slack: Harness, db: Database) -> None:
    opened = slack.form("new contact")
    assert opened.args["view"]["callback_id"] == "crm_contact"

    invalid = submit(slack, opened, {"name": "  42 ", "email": "anna@", "phone": "12"})
    assert invalid.status == 200
    assert invalid.json()["response_action"] == "errors"
    assert set(invalid.json()["errors"]) == {"name", "email", "phone"}
    slack.settle()
    assert rows(db, Contact) == []

    valid = submit(slack, opened, {"name": "Anna Schulz", "company": "Acme GmbH", "email": "Anna@Acme.de",
                                   "phone": "0170 1234567"})
    assert (valid.status, valid.body) == (200, "")
    assert "Added Anna Schulz" in slack.reply()["text"]  # back in the channel, through the command's response URL
    contact = rows(db, Contact)[0]
    assert (contact.email, contact.phone) == ("anna@acme.de", "+491701234567")


def test_deal_and_task_modals(slack: Harness, db: Database) -> None:
    slack.command("add Anna Schulz, Acme GmbH")
    deal_form = slack.form("deal")
    for title, word in (("Acme lost rollout", "lost"), ("Acme rollout friday", "friday"), ("Acme 2026", "2026")):
        refused = submit(slack, deal_form, {"title": title, "currency": "EUR", "stage": "lead"})
        assert f'"{word}" would be read as' in refused.json()["errors"]["title"]
    submit(slack, deal_form, {"title": "Acme 2026 rollout", "value": "12000.5", "currency": "USD",
                              "stage": "proposal", "contact": "#1", "close": "2026-12-31"})
    assert "Acme 2026 rollout" in slack.reply(2)["text"]
    deal = rows(db, Deal)[0]
    assert (deal.title, deal.value_cents, deal.currency, deal.contact_id) == ("Acme 2026 rollout", 1200050, "USD", 1)
    assert deal.close_date.replace(tzinfo=timezone.utc).date().isoformat() == "2026-12-31"

    task_form = slack.form("new task")
    past = submit(slack, task_form, {"title": "call back", "date": "2026-11-20", "time": "10:00"})
    assert set(past.json()["errors"]) == {"date"}
    submit(slack, task_form, {"title": "friday prep call", "contact": "#1", "date": "2026-12-03", "time": "14:30"})
    assert "friday prep call" in slack.reply(3)["text"]
    task = rows(db, Task)[0]
    assert (task.title, task.contact_id) == ("friday prep call", 1)
    assert task.due_at.replace(tzinfo=timezone.utc) == datetime(2026, 12, 3, 13, 30, tzinfo=timezone.utc)


def test_save_message_to_crm_with_contact_search(slack: Harness, db: Database) -> None:
    slack.command("add Anna Schulz, Acme GmbH")
    slack.command("add Jörg Müller, Beta AG")
    original = {"type": "message", "user": "UX", "ts": "5.5", "text": "Anna: budget &lt;ok&gt; for Q1"}
    assert slack.send.interaction({"type": "message_action", "callback_id": "save_to_crm", "channel": {"id": "C1"},
                                   "response_url": slack.fake.response_url(), "message": original}).status == 200
    opened = slack.fake.wait_for("views.open")[0]
    assert opened.args["view"]["callback_id"] == "crm_save"

    options = slack.send.interaction({"type": "block_suggestion", "action_id": "contact", "block_id": "contact",
                                      "value": "schul", "view": opened.args["view"]}).json()["options"]
    assert [(o["text"]["text"], o["value"]) for o in options] == [("Anna Schulz", "#1")]

    missing = submit(slack, opened, {"note": "budget ok"})
    assert set(missing.json()["errors"]) == {"contact"}
    note = next(b for b in opened.args["view"]["blocks"] if b.get("block_id") == "note")["element"]["initial_value"]
    submit(slack, opened, {"contact": "#1", "note": note})
    assert slack.reply(3)["text"] == "📝 Note saved on Anna Schulz."
    assert [(n.contact_id, n.text) for n in rows(db, Interaction)] == [(1, "Anna: budget <ok> for Q1")]


# --- App Home ------------------------------------------------------------------------------

def test_app_home_shows_open_tasks_and_the_pipeline(slack: Harness) -> None:
    slack.command("task call Anna tomorrow 9am")
    slack.command("deal Acme rollout 12k EUR proposal")
    slack.send.event({"type": "app_home_opened", "user": "UA", "channel": "D1", "tab": "home"})
    published = slack.fake.wait_for("views.publish")[0].args
    assert published["user_id"] == "UA" and published["view"]["type"] == "home"
    text = block_text(published["view"])
    assert "call Anna" in text and "Proposal: 1" in text

    done = buttons(published["view"])["✅ #1"]
    slack.send.interaction({"type": "block_actions", "container": {"type": "view", "view_id": "V1"},
                            "view": {"id": "V1", "type": "home"},
                            "actions": [{"type": "button", "action_id": done["action_id"], "value": done["value"],
                                         "block_id": "x", "action_ts": "1"}]})
    refreshed = slack.fake.wait_for("views.publish", 2)[1].args["view"]
    assert "✅ Done: #1" in block_text(refreshed)


# --- a team ---------------------------------------------------------------------------------

def test_two_members_share_the_pipeline_and_the_feed_channel(slack: Harness, db: Database) -> None:
    assert "posted in this channel" in slack.command("channel here", channel="CFEED")["text"]
    assert slack.fake.wait_for("chat.postMessage")[0].args["text"].startswith("📣 <@UA>")
    slack.command("deal Acme rollout 12k EUR proposal", user="UA")
    slack.fake.wait_for("chat.postMessage", 2)
    moved = slack.command("stage acme won", user="UB")
    assert moved["text"].startswith("🎉 Acme rollout won")
    with db.transaction(now=NOW) as session:
        deal = session.exec(select(Deal)).one()
        assert session.get(PipelineStage, deal.stage_id).key == "won"  # type: ignore[union-attr]
    feed = [c.args for c in slack.fake.wait_for("chat.postMessage", 3)]
    assert {post["channel"] for post in feed} == {"CFEED"}
    assert feed[1]["text"].startswith("<@UA> · 💼 Deal Acme rollout")
    assert feed[2]["text"].startswith("<@UB> · 🎉 Acme rollout won")
    slack.command("find acme", user="UB")  # reading changes nothing: no feed post
    slack.settle()
    assert len(slack.fake.calls_to("chat.postMessage")) == 3


def test_members_get_their_slack_language_and_time_zone(slack: Harness, db: Database) -> None:
    german = slack.command("neu Anna Schulz, Acme GmbH", user="UDE")
    assert german["text"].startswith("👤 Anna Schulz (Acme GmbH) angelegt.")
    assert slack.command("help", user="UDE")["text"].startswith("Befehle")
    slack.command("task call Anna tomorrow 9am", user="UNY")
    due = rows(db, Task)[0].due_at.replace(tzinfo=timezone.utc)
    assert due == datetime(2026, 11, 26, 14, 0, tzinfo=timezone.utc)  # 9:00 in New York


# --- failures -------------------------------------------------------------------------------

def test_a_failing_slack_call_is_answered_with_an_apology_and_the_app_keeps_running(slack: Harness) -> None:
    slack.fake.fail["views.open"] = "expired_trigger_id"
    assert slack.send.command("new deal", user="UDE").status == 200
    apology = slack.reply()
    assert apology["response_type"] == "ephemeral" and apology["text"].startswith("Entschuldigung")
    assert "Commands" in slack.command("help")["text"]



def test_a_signed_request_whose_ack_fails_is_answered_with_an_apology(slack: Harness) -> None:
    broken = {"type": "view_submission", "view": {"id": "V1", "type": "modal", "callback_id": "crm_contact"}}
    assert slack.send.interaction(broken).status == 500  # no state to read: the ack itself raises
    apology = slack.fake.wait_for("chat.postMessage")[0].args
    assert apology["channel"] == "UA" and apology["text"].startswith("Sorry")

# --- reminders ------------------------------------------------------------------------------

async def test_a_rate_limited_reminder_is_sent_after_retry_after(slack: Harness) -> None:
    settings = Settings(slack_bot_token=SecretStr("xoxb-test"), slack_api_url=slack.fake.api_url)
    notifier = SlackNotifier(web_client(settings))
    slack.fake.throttle["chat.postMessage"] = 1
    await notifier.deliver(Notification(workspace_key="slack:T1", member_external_id="UA", member_id=1,
                                        reply=Reply("⏰ call Anna is due now")))
    attempts = slack.fake.calls_to("chat.postMessage")
    assert len(attempts) == 2 and attempts[1].at - attempts[0].at >= 0.9


async def test_reminders_reach_the_member_in_direct_messages(slack: Harness) -> None:
    notifier = SlackNotifier(WebClient(token="xoxb-test", base_url=slack.fake.api_url))
    reply = Reply("⏰ call Anna is due now", buttons=[[Button("✅ Done", command="/done 1")]])
    await notifier.deliver(Notification(workspace_key="slack:T1", member_external_id="UA", member_id=1, reply=reply))
    posted = slack.fake.wait_for("chat.postMessage")[0].args
    assert posted["channel"] == "UA" and posted["text"] == "⏰ call Anna is due now"
    assert buttons(posted)["✅ Done"]["value"] == "/done 1"
    slack.fake.fail["chat.postMessage"] = "channel_not_found"
    with pytest.raises(SlackApiError):
        await notifier.deliver(Notification(workspace_key="slack:T1", member_external_id="UX", member_id=2,
                                            reply=reply))



# --- files: charts as images, exports as files ------------------------------------------------

def test_pipeline_chart_arrives_as_an_image_in_the_members_dm(slack: Harness) -> None:
    slack.command("deal Acme rollout 12k EUR proposal")
    answer = slack.command("pipeline")
    assert "Proposal: 1" in answer["text"]
    [chart] = slack.fake.wait_for_uploads()
    assert chart.content.startswith(b"\x89PNG") and chart.filename.endswith(".png")
    assert chart.channel == "DUA"  # the member's DM with the app, not the channel C1
    assert chart.comment == chart.title and chart.title.startswith("Open pipeline by stage")
    [asked] = slack.fake.calls_to("files.getUploadURLExternal")
    assert int(asked.args["length"]) == len(chart.content) and asked.args["alt_txt"] == chart.title


def test_report_by_rep_chart_and_csv_export_are_uploaded(slack: Harness) -> None:
    slack.command("deal Acme rollout 12k EUR proposal")
    slack.command("stage acme won")
    slack.command("report reps")
    [chart] = slack.fake.wait_for_uploads()
    assert chart.content.startswith(b"\x89PNG") and chart.title.startswith("Won by rep")
    slack.command("add Anna Schulz, Acme GmbH, anna@acme.de")
    assert "contact(s)" in slack.command("export contacts csv")["text"]
    export = slack.fake.wait_for_uploads(2)[1]
    assert export.filename.endswith(".csv") and b"Anna Schulz" in export.content
    assert export.title == export.filename and export.comment == "" and export.channel == "DUA"
    assert "alt_txt" not in slack.fake.calls_to("files.getUploadURLExternal")[1].args


def test_a_file_answer_to_a_dm_goes_into_that_dm(slack: Harness) -> None:
    slack.command("add Anna Schulz, Acme GmbH")
    slack.send.event({**dm("/export contacts vcf"), "channel": "D77"})
    [card] = slack.fake.wait_for_uploads()
    assert card.channel == "D77" and card.filename.endswith(".vcf") and b"BEGIN:VCARD" in card.content
    assert slack.fake.calls_to("conversations.open") == []


async def test_the_team_digest_carries_its_chart_in_the_members_language(slack: Harness, crm: Crm,
                                                                        db: Database) -> None:
    slack.command("deal Acme rollout 12k EUR proposal", user="UDE")  # the first member: the team's owner
    slack.command("deal Globex 5k EUR lead", user="UB")
    next_morning = NOW + timedelta(days=1)  # Thursday 11:30 in Berlin, after the 08:00 digest time
    notes = due_digests(db, now=next_morning)
    owner = next(note for note in notes if note.member_external_id == "UDE")
    assert owner.reply.file is not None
    await SlackNotifier(WebClient(token="xoxb-test", base_url=slack.fake.api_url)).deliver(owner)
    text = slack.fake.wait_for("chat.postMessage")[0].args
    assert text["channel"] == "UDE" and "Pipeline" in text["text"]
    [chart] = slack.fake.wait_for_uploads()
    assert chart.channel == "DUDE" and chart.content == owner.reply.file.content
    assert chart.comment.startswith("Offene Pipeline")  # German caption for a German member
