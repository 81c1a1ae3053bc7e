"""Calendar feeds behind revocable tokens; webhooks through the outbox: signed, retried, dead-lettered."""

import hashlib
import hmac
import json
import re
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import httpx
import icalendar
import pytest

from bot.scheduler import Scheduler
from bot.webhooks import signature
from handlers.engine import Crm
from storage.db import Database
from storage.webhooks import MAX_ATTEMPTS
from tests.conftest import NOW, Chat
from tests.web_harness import Web, free_port, web  # noqa: F401  (the fixture)


def test_a_members_calendar_feed_shows_their_tasks_until_revoked(web: Web) -> None:
    web.chat.say("/add Anna Schulz, anna@acme.de")
    web.chat.say("/task call Anna Schulz tomorrow 9am")
    other = Chat(web.crm, workspace="telegram:1001", user="1002")
    other.say("/task pitch deck friday 10am")
    link = re.search(r"http\S+\.ics", web.chat.say("/web calendar").text)[0]  # type: ignore[index]
    feed = httpx.get(link)
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    events = [e for e in icalendar.Calendar.from_ical(feed.content).walk("VEVENT")]
    assert [str(e["summary"]) for e in events] == ["call Anna Schulz"]
    assert "anna@acme.de" in str(events[0]["description"])
    web.chat.say("/web calendar off")
    assert httpx.get(link).status_code == 404
    assert httpx.get(web.url + "/calendar/guess.ics").status_code == 404


class Receiver:
    """A webhook receiver on 127.0.0.1 that answers with the statuses it is given, recording what came."""

    def __init__(self, statuses: list[int]) -> None:
        self.statuses = statuses
        self.received: list[tuple[dict[str, str], bytes]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers["content-length"]))
                owner.received.append((dict(self.headers), body))
                self.send_response(owner.statuses.pop(0) if owner.statuses else 200)
                self.end_headers()

            def log_message(self, *_args: object) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def clocked(db: Database) -> tuple[Chat, Scheduler, list]:  # type: ignore[type-arg]
    moment = [NOW]
    crm = Crm(db, clock=lambda: moment[0], web_url="http://127.0.0.1:1")
    return Chat(crm, workspace="telegram:1001", user="1001"), Scheduler(db, {}, clock=lambda: moment[0]), moment


async def test_changes_are_sent_signed_with_an_idempotency_key(clocked) -> None:  # type: ignore[no-untyped-def]
    chat, scheduler, _moment = clocked
    receiver = Receiver([])
    secret = re.search(r"secret \(shown only now\): (\w+)", chat.say(f"/web hook {receiver.url}").text)[1]  # type: ignore[index]
    chat.say("/add Anna Schulz")
    chat.say("/deal Rollout #1 5k proposal")
    chat.say("/stage rollout won")
    chat.say("/task call Anna Schulz tomorrow 9am")
    chat.say("/done 1")
    await scheduler.tick()
    events = [json.loads(body)["event"] for _headers, body in receiver.received]
    assert events == ["contact.created", "deal.created", "deal.stage_changed", "deal.stage_changed", "deal.updated",
                      "task.created", "task.done"]
    headers, body = receiver.received[0]
    timestamp = headers["X-Crmbot-Timestamp"]
    assert headers["X-Crmbot-Signature"] == "sha256=" + signature(secret, timestamp, body.decode())
    assert headers["Idempotency-Key"] == json.loads(body)["id"]
    assert hmac.compare_digest(headers["X-Crmbot-Signature"][7:], hmac.new(
        secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest())
    await scheduler.tick()
    assert len(receiver.received) == 7  # sent once


async def test_a_receiver_that_is_down_never_blocks_chat_and_is_dead_lettered(clocked) -> None:  # type: ignore[no-untyped-def]
    chat, scheduler, moment = clocked
    receiver = Receiver([500] * 100)
    chat.say(f"/web hook {receiver.url}")
    down = f"http://127.0.0.1:{free_port()}/nobody"
    chat.say(f"/web hook {down}")
    assert "Added Anna Schulz" in chat.say("/add Anna Schulz").text
    for _ in range(MAX_ATTEMPTS):
        await scheduler.tick()
        moment[0] += timedelta(hours=1)
        chat.later(hours=1)
    await scheduler.tick()
    assert len(receiver.received) == MAX_ATTEMPTS
    hooks = chat.say("/web hooks").text
    assert "Given up after repeated failures (2)" in hooks and "HTTP 500" in hooks and "ConnectError" in hooks
