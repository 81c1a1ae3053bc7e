"""`crmbot slack` and `crmbot telegram --webhook` as real processes: the CLI wiring, the servers, the engine."""

import asyncio
import ipaddress
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlmodel import Session, select

from storage.db import Database
from storage.models import Contact
from tests.fake_slack import FakeSlack, SlackSender
from tests.fake_telegram import TOKEN, FakeTelegram, message, private_chat, user

SECRET = "cli-signing-secret"
HOOK = "https://crm.example.com/telegram/hook"
HOOK_SECRET = "cli-Hook_secret"
UNASSIGNED = "192.0.2.1"  # TEST-NET-1 (RFC 5737): no interface here has it, so binding it fails
SETTINGS = ("TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_HOST", "TELEGRAM_WEBHOOK_PORT", "TELEGRAM_WEBHOOK_SECRET",
            "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_HOST", "SLACK_PORT")


def crmbot(*args: str, database_url: str, **settings: str) -> subprocess.Popen[str]:
    """`crmbot ARGS` with exactly these channel settings (none inherited from the caller's environment)."""
    env = {name: value for name, value in os.environ.items() if name not in SETTINGS}
    return subprocess.Popen([sys.executable, "-m", "bot", *args], env=env | {"DATABASE_URL": database_url} | settings,
                            cwd=Path(__file__).parent.parent, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def listening_on(port: int) -> set[str]:
    """The local addresses of the sockets listening on `port`, from the kernel's tables (Linux)."""
    tables = [Path("/proc/net/tcp"), Path("/proc/net/tcp6")]
    if not tables[0].exists():
        pytest.skip("needs Linux's /proc/net/tcp")
    found = set()
    for table in (t for t in tables if t.exists()):
        for line in table.read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.partition(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                words = [bytes.fromhex(address[i:i + 8])[::-1] for i in range(0, len(address), 8)]  # little-endian
                found.add(str(ipaddress.ip_address(b"".join(words))))
    return found


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
    process = crmbot(database_url=database_url, SLACK_BOT_TOKEN="xoxb-test", SLACK_SIGNING_SECRET=SECRET,
                     SLACK_API_URL=fake.api_url, SLACK_PORT=str(port))
    try:
        wait_for_port(port, process)
        assert listening_on(port) == {"127.0.0.1"}  # SLACK_HOST's default: loopback only, behind a proxy
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
    db.dispose()


def test_crmbot_slack_listens_where_slack_host_says(fake: FakeSlack, database_url: str) -> None:
    process = crmbot(database_url=database_url, SLACK_BOT_TOKEN="xoxb-test", SLACK_SIGNING_SECRET=SECRET,
                     SLACK_API_URL=fake.api_url, SLACK_PORT=str(free_port()), SLACK_HOST=UNASSIGNED)
    try:
        _, errors = process.communicate(timeout=60)
    finally:
        process.kill()  # still serving (on another address): the setting did not reach bind()
    assert process.returncode != 0 and "assign requested address" in errors


async def wait_for_webhook(port: int, process: subprocess.Popen[str], timeout: float = 60.0) -> None:
    """Like wait_for_port, but leaves the event loop free for the fake Telegram meanwhile."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()[1]
        if listening_on(port):
            return
        await asyncio.sleep(0.1)
    raise AssertionError("crmbot telegram did not start listening")


async def test_crmbot_telegram_webhook_listens_on_loopback_by_default(database_url: str) -> None:
    fake, port = FakeTelegram(), free_port()
    await fake.start()
    process = crmbot("telegram", "--webhook", HOOK, database_url=database_url, TELEGRAM_BOT_TOKEN=TOKEN,
                     TELEGRAM_API_URL=fake.url, TELEGRAM_WEBHOOK_PORT=str(port), TELEGRAM_WEBHOOK_SECRET=HOOK_SECRET)
    try:
        await wait_for_webhook(port, process)
        assert listening_on(port) == {"127.0.0.1"}
        assert fake.webhook["url"] == HOOK
        tom = user(7, "Tom")
        update = message(tom, private_chat(tom), "/contacts") | {"update_id": 1}
        async with httpx.AsyncClient() as client:
            answer = await client.post(f"http://127.0.0.1:{port}/telegram/hook", json=update,
                                       headers={"X-Telegram-Bot-Api-Secret-Token": HOOK_SECRET})
        assert answer.status_code == 200
        [reply] = await fake.wait_for(lambda: fake.replies(7), timeout=20)
        assert reply.text.startswith("No contacts yet")
    finally:
        process.terminate()
        await asyncio.to_thread(process.communicate, timeout=20)
        await fake.stop()


async def test_crmbot_telegram_webhook_listens_where_telegram_webhook_host_says(database_url: str) -> None:
    fake = FakeTelegram()
    await fake.start()
    process = crmbot("telegram", "--webhook", HOOK, database_url=database_url, TELEGRAM_BOT_TOKEN=TOKEN,
                     TELEGRAM_API_URL=fake.url, TELEGRAM_WEBHOOK_PORT=str(free_port()),
                     TELEGRAM_WEBHOOK_HOST=UNASSIGNED)
    try:
        _, errors = await asyncio.to_thread(process.communicate, timeout=60)
    finally:
        process.kill()
        await fake.stop()
    assert process.returncode != 0 and "assign requested address" in errors
