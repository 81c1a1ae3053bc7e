"""`crmbot slack` as a real process: the CLI wiring, the HTTP server and the engine behind it."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, select

from storage.db import Database
from storage.models import Contact
from tests.fake_slack import FakeSlack, SlackSender

SECRET = "cli-signing-secret"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen[str], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()[1]
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("crmbot slack did not start listening")


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    slack = FakeSlack(users={"UA": {"id": "UA", "name": "anna", "real_name": "Anna Admin", "tz": "Europe/Berlin",
                                    "locale": "en-US"}}).start()
    yield slack
    slack.stop()


def test_crmbot_slack_serves_signed_commands(fake: FakeSlack, database_url: str) -> None:
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": SECRET,
           "SLACK_API_URL": fake.api_url, "SLACK_PORT": str(port)}
    for name in ("TELEGRAM_BOT_TOKEN", "SLACK_APP_TOKEN"):
        env.pop(name, None)
    process = subprocess.Popen([sys.executable, "-m", "bot"], env=env, cwd=Path(__file__).parent.parent,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for_port(port, process)
        sender = SlackSender(f"http://127.0.0.1:{port}/slack/events", SECRET, fake)
        assert sender.command("add Anna Schulz, Acme GmbH").status == 200
        answer = fake.wait_for("response", 1, timeout=20)[0].args
        assert "Added Anna Schulz (Acme GmbH)" in str(answer)
        assert sender.command("find anna", secret="wrong").status == 401
    finally:
        process.terminate()
        process.wait(timeout=20)
    db = Database(database_url)
    with Session(db.engine) as session:
        assert [c.name for c in session.exec(select(Contact))] == ["Anna Schulz"]
    db.engine.dispose()
