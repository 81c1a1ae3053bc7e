"""Bolt behind a threaded `http.server`: POST /slack/events, one thread per connection.

Bolt's own `App.start` server handles one request at a time and binds 0.0.0.0 only; this one
answers Slack's requests concurrently, binds any host (127.0.0.1 with port 0 in tests) and stops
cleanly. It checks each request's signature and timestamp on the raw bytes before Bolt sees anything
of it: an unsigned, stale or malformed request gets 401 and is never parsed, dispatched or answered.
"""

import logging
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_sdk.signature import SignatureVerifier

logger = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
MAX_BODY = 1_000_000  # Slack's payloads are a few kilobytes
SIGNED = "crmbot_signed"  # context key: this server checked the request's signature
_TIMESTAMP = re.compile(r"[0-9]{1,12}")  # Unix seconds; int() would also take "1_7", " 17" or raise on 5,000 digits


def signed(verifier: SignatureVerifier, body: bytes, timestamp: str | None, signature: str | None) -> bool:
    """Whether Slack signed this body in the last five minutes; a malformed header or body counts as unsigned."""
    if timestamp is None or signature is None or not _TIMESTAMP.fullmatch(timestamp) or not signature.isascii():
        return False  # hmac.compare_digest raises on a non-ASCII str
    try:
        return verifier.is_valid(body.decode("utf-8"), timestamp, signature)
    except UnicodeDecodeError:
        return False


def trusted(request: BoltRequest) -> bool:
    """Whether the request came over Socket Mode (an authenticated connection) or passed `signed` here."""
    return request.mode == "socket_mode" or request.context.get(SIGNED) is True


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: Slack and the tests reuse connections
    server: "_Server"

    def do_POST(self) -> None:
        path, _, query = self.path.partition("?")
        length = self._length()
        if length is None or length > MAX_BODY:
            self.close_connection = True
            self._send(BoltResponse(status=400 if length is None else 413, body="bad length"))
            return
        if path != EVENTS_PATH:
            self.rfile.read(length)
            self._send(BoltResponse(status=404, body="not found"))
            return
        body = self.rfile.read(length)
        if not signed(self.server.verifier, body, self.headers.get("X-Slack-Request-Timestamp"),
                      self.headers.get("X-Slack-Signature")):
            logger.info("refused an unsigned request from %s", self.address_string())
            self._send(BoltResponse(status=401, body="invalid request"))
            return
        request = BoltRequest(body=body.decode("utf-8"), query=query, headers={k: v for k, v in self.headers.items()},
                              context={SIGNED: True})
        self._send(self.server.app.dispatch(request))

    def do_GET(self) -> None:
        self._send(BoltResponse(status=200 if self.path == "/health" else 404, body="ok"))

    def _length(self) -> int | None:
        """The request's Content-Length, or None when it is not a number of bytes."""
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            return None
        return length if length >= 0 else None

    def _send(self, response: BoltResponse) -> None:
        payload = response.body.encode("utf-8")  # Bolt keeps every body as text (a dict is dumped to JSON)
        self.send_response(response.status)
        for name, values in response.headers.items():
            if name.lower() != "content-length":
                for value in values:
                    self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        logger.debug("%s " + format, self.address_string(), *args)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # socketserver's default of 5 drops connections in bursts (1 s SYN retry)
    app: App
    verifier: SignatureVerifier


class SlackHttpServer:
    """Serve a Bolt app over HTTP; `serve_forever` blocks, `start` runs it on a thread, `stop` ends it."""

    def __init__(self, app: App, *, signing_secret: str, host: str = "127.0.0.1", port: int = 3000) -> None:
        verifier = SignatureVerifier(signing_secret)  # refuses an empty secret, before the socket is bound
        self._server = _Server((host, port), _Handler)
        self._server.app = app
        self._server.verifier = verifier
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}{EVENTS_PATH}"

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def serve_forever(self) -> None:
        logger.info("Slack events on %s", self.url)
        self._server.serve_forever(poll_interval=0.05)

    def start(self) -> None:
        self._thread = threading.Thread(target=self.serve_forever, name="slack-http", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop serving (from another thread than `serve_forever`'s) and close the socket."""
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join()
            self._thread = None
        self._server.server_close()
