"""The web app on a real uvicorn server on 127.0.0.1, on the test's database and clock, with a chat beside it."""

import re
import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn

from bot.web.app import WebConfig, create_app
from handlers.engine import Crm
from storage.db import Database
from tests.conftest import NOW, Chat

BOT_TOKEN = "123456:TEST-token"
SECRET = "test-secret"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # type: ignore[no-any-return]


class Web:
    """A running server, the engine behind it and a chat on the same engine."""

    def __init__(self, db: Database, *, burst: int = 60) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.now = NOW
        self.crm = Crm(db, clock=lambda: self.now, web_url=self.url)
        self.chat = Chat(self.crm, workspace="telegram:1001", user="1001")
        config = uvicorn.Config(create_app(self.crm, WebConfig(secret=SECRET, bot_token=BOT_TOKEN, burst=burst, rate=0.001 if burst < 10 else 20.0)),
                                host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> None:
        self.thread.start()
        for _ in range(200):
            if self.server.started:
                return
            time.sleep(0.02)
        raise RuntimeError("the web server did not start")

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)

    def sign_in_link(self, chat: Chat | None = None) -> str:
        reply = (chat or self.chat).say("/web")
        found = re.search(r"https?://\S+/login\?t=\S+", reply.text)
        assert found, reply.text
        return found[0]

    def api_token(self, chat: Chat | None = None) -> str:
        reply = (chat or self.chat).say("/web token ERP")
        found = re.search(r"\n(\S{20,})\n", reply.text)
        assert found, reply.text
        return found[1]

    def api(self, token: str) -> httpx.Client:
        return httpx.Client(base_url=self.url + "/api/v1", headers={"authorization": f"Bearer {token}"}, timeout=10)

    def client(self, chat: Chat | None = None) -> httpx.Client:
        """An HTTP client signed in through a one-time link from /web."""
        client = httpx.Client(base_url=self.url, timeout=10, follow_redirects=True)
        response = client.get(self.sign_in_link(chat))
        assert response.status_code == 200, response.text
        return client


def csrf(page: str) -> str:
    found = re.search(r'<meta name="csrf" content="([^"]+)">', page)
    assert found, page[:300]
    return found[1]


@pytest.fixture
def web(db: Database) -> Iterator[Web]:
    server = Web(db)
    server.start()
    yield server
    server.stop()
