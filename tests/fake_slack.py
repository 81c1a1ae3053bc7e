"""A fake Slack on 127.0.0.1: the Web API methods crmbot calls, response URLs, and a signed sender.

`FakeSlack` records every call (method, arguments) and answers like Slack does; `fail` makes a
method answer with an error. Files upload v2 works as on Slack: files.getUploadURLExternal hands out
an upload URL on this server, the bytes POSTed there are kept, files.completeUploadExternal shares
them in a channel; `uploads` lists the completed files. `SlackSender` posts correctly signed requests to the app, the way
Slack delivers slash commands, events and interactions.
"""

import hashlib
import hmac
import http.client
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

BOT_USER = "UBOT"
TEAM = "T1"


@dataclass
class Call:
    method: str  # "chat.postMessage", ... or "response" for a POST to a response URL
    args: dict[str, Any]
    path: str = ""
    at: float = field(default_factory=time.perf_counter)


@dataclass
class Upload:
    """A file shared with files.completeUploadExternal: where, with which comment, and its bytes."""

    file_id: str
    filename: str
    title: str
    channel: str
    comment: str
    content: bytes


@dataclass
class FakeSlack:
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    fail: dict[str, str] = field(default_factory=dict)  # method -> Slack error code
    throttle: dict[str, int] = field(default_factory=dict)  # method -> how many calls get a 429 first
    files: dict[str, bytes] = field(default_factory=dict)  # file id -> content behind url_private_download
    calls: list[Call] = field(default_factory=list)
    uploads: list[Upload] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._changed = threading.Condition()
        self._responses: dict[str, Call] = {}  # path -> the POST to that response URL
        self._ids = itertools.count(1)
        self._pending: dict[str, dict[str, Any]] = {}  # file id -> filename, length and bytes once POSTed
        self._server = _Server(("127.0.0.1", 0), _handler(self))
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def api_url(self) -> str:
        return f"{self.base}/api/"

    def file_url(self, file_id: str) -> str:
        return f"{self.base}/files/{file_id}"

    def response_url(self) -> str:
        return f"{self.base}/response/{next(self._ids)}"

    def start(self) -> "FakeSlack":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def record(self, call: Call) -> None:
        with self._changed:
            self.calls.append(call)
            if call.method == "response":
                self._responses[call.path] = call
            self._changed.notify_all()

    def receive(self, file_id: str, content: bytes) -> bool:
        """The POST of a file's bytes to its upload URL; False for a URL never handed out."""
        with self._changed:
            pending = self._pending.get(file_id)
            if pending is None:
                return False
            pending["content"] = content
            return True

    def complete(self, args: dict[str, Any]) -> dict[str, Any]:
        """files.completeUploadExternal: share the uploaded files in `channel_id`."""
        done = []
        with self._changed:
            for item in args.get("files") or []:
                pending = self._pending.pop(str(item.get("id")), None)
                if pending is None or "content" not in pending or len(pending["content"]) != pending["length"]:
                    return {"ok": False, "error": "file_upload_not_found"}
                self.uploads.append(Upload(item["id"], pending["filename"], item.get("title") or "",
                                           str(args.get("channel_id") or ""), str(args.get("initial_comment") or ""),
                                           pending["content"]))
                done.append({"id": item["id"], "title": item.get("title"), "name": pending["filename"]})
            self._changed.notify_all()
        return {"ok": True, "files": done}

    def wait_for_uploads(self, count: int = 1, timeout: float = 5.0) -> list[Upload]:
        """The completed uploads once there are at least `count`."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(self.uploads) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"{count} upload(s) expected, got {len(self.uploads)}")
                self._changed.wait(left)
            return list(self.uploads)

    def calls_to(self, method: str) -> list[Call]:
        with self._changed:
            return [c for c in self.calls if c.method == method]

    def response_for(self, url: str, timeout: float = 5.0) -> Call:
        """The POST to one response URL, once it has arrived."""
        path = urlsplit(url).path
        deadline = time.monotonic() + timeout
        with self._changed:
            while (found := self._responses.get(path)) is None:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"nothing posted to {url} within {timeout} s")
                self._changed.wait(left)
            return found

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """The calls to `method` once there are at least `count` of them (polls the record, no sleeping)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(found := [c for c in self.calls if c.method == method]) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"{count} call(s) to {method} expected, got {len(found)}: "
                                         f"{[c.method for c in self.calls]}")
                self._changed.wait(left)
            return found

    def answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        if method in self.fail:
            return {"ok": False, "error": self.fail[method]}
        if method == "auth.test":
            return {"ok": True, "url": "https://test.slack.com/", "team": "Test", "user": "crmbot",
                    "team_id": TEAM, "user_id": BOT_USER, "bot_id": "BBOT"}
        if method == "users.info":
            user = self.users.get(str(args.get("user")))
            return {"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"}
        if method == "chat.postMessage":
            return {"ok": True, "channel": args.get("channel"), "ts": f"{time.time():.6f}", "message": args}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"{time.time():.6f}"}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": f"D{args.get('users')}"}}
        if method == "files.getUploadURLExternal":
            file_id = f"F{next(self._ids)}"
            with self._changed:
                self._pending[file_id] = {"filename": str(args.get("filename")), "length": int(args.get("length", -1))}
            return {"ok": True, "upload_url": f"{self.base}/upload/{file_id}", "file_id": file_id}
        if method == "files.completeUploadExternal":
            return self.complete(args)
        if method in ("views.open", "views.publish"):
            return {"ok": True, "view": {**(args.get("view") or {}), "id": f"V{next(self._ids)}"}}
        return {"ok": True}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128


def _handler(fake: FakeSlack) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            if self.path.startswith("/files/"):
                self._download(self.path.removeprefix("/files/"))
                return
            self._api(dict(parse_qsl(urlsplit(self.path).query)))

        def _download(self, file_id: str) -> None:
            content = fake.files.get(file_id)
            allowed = self.headers.get("Authorization", "").startswith("Bearer xoxb-")
            self.send_response(200 if content is not None and allowed else 404)
            self.send_header("Content-Length", str(len(content or b"") if allowed else 0))
            self.end_headers()
            if content is not None and allowed:
                self.wfile.write(content)

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.path.startswith("/upload/"):  # the file's bytes, as they are
                received = fake.receive(self.path.removeprefix("/upload/"), body)
                self._send({"ok": received}, status=200 if received else 404)
                return
            raw = body.decode()
            if self.headers.get("Content-Type", "").startswith("application/json"):
                args = json.loads(raw or "{}")
            else:
                args = dict(parse_qsl(raw))
            for name in ("view", "blocks", "files"):  # form-encoded calls send these as JSON strings
                if isinstance(args.get(name), str):
                    args[name] = json.loads(args[name])
            args |= dict(parse_qsl(urlsplit(self.path).query))
            if self.path.startswith("/response/"):
                fake.record(Call("response", args, self.path))
                self._send({"ok": True})
            else:
                self._api(args)

        def _api(self, args: dict[str, Any]) -> None:
            method = urlsplit(self.path).path.removeprefix("/api/")
            fake.record(Call(method, args, self.path))
            if fake.throttle.get(method, 0) > 0:
                fake.throttle[method] -= 1
                self._send({"ok": False, "error": "ratelimited"}, status=429, headers={"Retry-After": "1"})
                return
            self._send(fake.answer(method, args))

        def _send(self, payload: dict[str, Any], *, status: int = 200, headers: dict[str, str] | None = None) -> None:
            body = json.dumps(payload).encode()
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    return Handler


def signature(secret: str, timestamp: str, body: str) -> str:
    """Slack's v0 request signature: HMAC-SHA256 of "v0:<timestamp>:<body>"."""
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return f"v0={digest}"


@dataclass
class Answer:
    status: int
    body: str
    seconds: float

    def json(self) -> Any:
        return json.loads(self.body)


class SlackSender:
    """Posts signed requests to the app at `url`, one keep-alive connection per thread."""

    def __init__(self, url: str, secret: str, fake: FakeSlack, *, team: str = TEAM) -> None:
        parts = urlsplit(url)
        self.host, self.port, self.path = parts.hostname or "127.0.0.1", parts.port or 80, parts.path
        self.secret, self.fake, self.team = secret, fake, team
        self._ids = itertools.count(1)  # next() on a count is atomic under the GIL: safe across threads
        self._local = threading.local()

    def post(self, body: str, content_type: str, *, secret: str | None = None, age: float = 0,
             timestamp: str | None = None, headers: dict[str, str | None] | None = None) -> Answer:
        """POST `body` signed at `timestamp` (default: `age` seconds ago); a header given as None is left out."""
        timestamp = str(int(time.time() - age)) if timestamp is None else timestamp
        signed = {"Content-Type": content_type, "X-Slack-Request-Timestamp": timestamp,
                  "X-Slack-Signature": signature(secret or self.secret, timestamp, body), **(headers or {})}
        sent = {name: value for name, value in signed.items() if value is not None}
        connection: http.client.HTTPConnection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = self._local.connection = http.client.HTTPConnection(self.host, self.port, timeout=10)
        started = time.perf_counter()
        connection.request("POST", self.path, body=body.encode(), headers=sent)
        response = connection.getresponse()
        text = response.read().decode()
        return Answer(response.status, text, time.perf_counter() - started)

    def command(self, text: str, *, user: str = "UA", channel: str = "C1", response_url: str | None = None,
                **options: Any) -> Answer:
        """`/crm <text>` typed by `user`; its response URL points at the fake."""
        fields = {"token": "x", "team_id": self.team, "team_domain": "acme-sales", "channel_id": channel,
                  "channel_name": "sales", "user_id": user, "user_name": user.lower(), "command": "/crm",
                  "text": text, "api_app_id": "A1", "response_url": response_url or self.fake.response_url(),
                  "trigger_id": f"trigger.{next(self._ids)}"}
        return self.post(urlencode(fields), "application/x-www-form-urlencoded", **options)

    def event(self, event: dict[str, Any], *, event_id: str | None = None, retry: int | None = None,
              **options: Any) -> Answer:
        body = {"token": "x", "team_id": self.team, "api_app_id": "A1", "type": "event_callback",
                "event_id": event_id or f"Ev{next(self._ids)}", "event_time": int(time.time()), "event": event}
        headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"} if retry else {}
        return self.post(json.dumps(body), "application/json", headers=headers, **options)

    def interaction(self, payload: dict[str, Any], *, user: str = "UA", **options: Any) -> Answer:
        """A block action, shortcut, options request or view submission."""
        payload = {"team": {"id": self.team, "domain": "acme-sales"}, "user": {"id": user, "team_id": self.team},
                   "api_app_id": "A1", "token": "x", "trigger_id": f"trigger.{next(self._ids)}", **payload}
        return self.post(urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded",
                         **options)
