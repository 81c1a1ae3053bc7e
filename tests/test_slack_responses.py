"""Answers to response URLs (bot/slack/responses.py): kept-alive connections, a closed one reopened, refusals raised."""

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from bot.slack.responses import ResponseSender, ResponseUrlError


@dataclass
class Hooks:
    """A response-URL host on 127.0.0.1 that records each POST with the connection it came on."""

    status: int = 200
    drop_after_answer: bool = False  # close each connection after answering, without saying so
    posts: list[tuple[int, str, dict[str, Any]]] = field(default_factory=list)  # (connection, path, payload)

    def __post_init__(self) -> None:
        hooks, connections, lock = self, iter(range(1, 1_000_000)), threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                with lock:
                    self.number = next(connections)

            def do_POST(self) -> None:
                payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with lock:
                    hooks.posts.append((self.number, self.path, payload))
                body = b'{"ok": true}' if hooks.status == 200 else b"no_text"
                self.send_response(hooks.status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                self.close_connection = hooks.drop_after_answer

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def url(self, number: int) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/commands/T1/{number}/secret"


@pytest.fixture
def hooks() -> Iterator[Hooks]:
    server = Hooks()
    yield server
    server.server.shutdown()
    server.server.server_close()


def test_answers_from_one_thread_share_one_connection(hooks: Hooks) -> None:
    sender = ResponseSender()
    for number in range(3):
        sender.post(hooks.url(number), {"text": f"answer {number}", "response_type": "ephemeral"})
    assert [(path, payload["text"]) for _, path, payload in hooks.posts] == [
        (f"/commands/T1/{n}/secret", f"answer {n}") for n in range(3)]
    assert {connection for connection, _, _ in hooks.posts} == {1}


def test_threads_keep_connections_of_their_own(hooks: Hooks) -> None:
    sender = ResponseSender()
    threads = [threading.Thread(target=sender.post, args=(hooks.url(n), {"text": str(n)})) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(payload["text"] for _, _, payload in hooks.posts) == ["0", "1"]
    assert len({connection for connection, _, _ in hooks.posts}) == 2


def test_a_connection_the_host_closed_is_reopened_and_the_answer_sent_once(hooks: Hooks) -> None:
    hooks.drop_after_answer = True
    sender = ResponseSender()
    for number in range(3):
        sender.post(hooks.url(number), {"text": f"answer {number}"})
    assert [payload["text"] for _, _, payload in hooks.posts] == ["answer 0", "answer 1", "answer 2"]
    assert len({connection for connection, _, _ in hooks.posts}) == 3


def test_a_refused_answer_raises(hooks: Hooks) -> None:
    hooks.status = 404
    with pytest.raises(ResponseUrlError, match="404"):
        ResponseSender().post(hooks.url(1), {"text": "late"})


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/x", "not a url", "http:///path"])
def test_anything_but_an_http_url_is_refused_before_sending(hooks: Hooks, url: str) -> None:
    with pytest.raises(ValueError, match="not a response URL"):
        ResponseSender().post(url, {"text": "x"})
    assert hooks.posts == []
