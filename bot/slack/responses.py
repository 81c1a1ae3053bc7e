"""Answers to Slack's response URLs over kept-alive connections: one per thread and host, reused for every answer.

slack_sdk's WebhookClient opens a new connection (and on Slack a new TLS session) for each answer; all of
a team's response URLs are on the same host, so the listener threads keep theirs open instead.

    ResponseSender().post("https://hooks.slack.com/commands/…", {"text": "…", "response_type": "ephemeral"})
"""

import http.client
import json
import threading
from typing import Any
from urllib.parse import urlsplit

TIMEOUT = 30  # seconds, as WebhookClient's default
STALE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)  # a kept connection the host closed


class ResponseUrlError(RuntimeError):
    """The response URL answered with something other than 200."""


class ResponseSender:
    """POSTs JSON to response URLs, keeping each thread's connection to each host open between answers."""

    def __init__(self, timeout: float = TIMEOUT) -> None:
        self.timeout = timeout
        self._local = threading.local()

    def post(self, url: str, payload: dict[str, Any]) -> None:
        """Send `payload`; a response URL that does not answer 200 raises ResponseUrlError."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not a response URL: {url[:80]}")
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        body = json.dumps(payload).encode("utf-8")
        key = (parts.scheme, parts.netloc)
        kept = self._connections().get(key)
        try:
            status, text = self._send(key, kept or self._open(key), target, body)
        except STALE:
            if kept is None:
                raise
            status, text = self._send(key, self._open(key), target, body)  # the host closed it while idle: once more
        if status != 200:
            raise ResponseUrlError(f"response_url answered {status}: {text[:200]}")

    def _connections(self) -> dict[tuple[str, str], http.client.HTTPConnection]:
        connections: dict[tuple[str, str], http.client.HTTPConnection] | None = getattr(self._local, "open", None)
        if connections is None:
            connections = self._local.open = {}
        return connections

    def _open(self, key: tuple[str, str]) -> http.client.HTTPConnection:
        scheme, netloc = key
        kind = http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection
        connection = kind(netloc, timeout=self.timeout)
        self._connections()[key] = connection
        return connection

    def _drop(self, key: tuple[str, str], connection: http.client.HTTPConnection) -> None:
        connection.close()
        if self._connections().get(key) is connection:
            del self._connections()[key]

    def _send(self, key: tuple[str, str], connection: http.client.HTTPConnection, target: str,
              body: bytes) -> tuple[int, str]:
        try:
            connection.request("POST", target, body=body, headers={"Content-Type": "application/json;charset=utf-8"})
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except BaseException:
            self._drop(key, connection)
            raise
        if response.will_close:
            self._drop(key, connection)
        return response.status, text
