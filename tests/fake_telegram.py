"""A fake Telegram Bot API server on 127.0.0.1 for driving the real python-telegram-bot in tests and benchmarks.

It serves the updates a test injects through getUpdates (long polling, honouring `offset`), answers the
methods the bot calls with realistic objects, records every call, and can be told to fail the next calls
(a 429 with retry_after, a 400). Runs on the test's event loop (tornado).
"""

import asyncio
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application, RequestHandler

T = TypeVar("T")
TOKEN = "123456:TEST-TOKEN"
BOT_USER = {"id": 123456, "is_bot": True, "first_name": "crmbot", "username": "crm_test_bot",
            "can_join_groups": True, "can_read_all_group_messages": True, "supports_inline_queries": False}
REPLY_METHODS = ("sendMessage", "editMessageText", "sendDocument", "sendPhoto")
_JSON_PARAMS = {"reply_markup", "commands", "scope", "allowed_updates", "reply_parameters", "link_preview_options",
                "entities", "caption_entities", "show_alert", "drop_pending_updates", "menu_button"}
_INT_PARAMS = {"chat_id", "message_id", "offset", "limit", "timeout"}


@dataclass
class Call:
    """One Bot API request as the server saw it."""

    method: str
    params: dict[str, Any]
    at: float
    status: int = 200
    files: tuple[str, ...] = ()
    result: Any = None  # what the server answered

    @property
    def ok(self) -> bool:
        return self.status == 200

    @property
    def text(self) -> str:
        return str(self.params.get("text", ""))

    @property
    def buttons(self) -> list[list[dict[str, Any]]]:
        markup = self.params.get("reply_markup") or {}
        return list(markup.get("inline_keyboard", []))


@dataclass
class _Pending:
    update: dict[str, Any]
    redelivery: bool = False


@dataclass
class _Fault:
    status: int
    description: str
    parameters: dict[str, Any] = field(default_factory=dict)


class FakeTelegram:
    """The server; `url` is the Bot API root to give the bot (it appends /bot<token>/<method>)."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}  # what the bot sent, as it is now
        self.handed_out: dict[int, float] = {}  # update_id -> when getUpdates first returned it
        self.webhook: dict[str, Any] = {}
        self.files: dict[str, bytes] = {}  # file_id -> content the bot may download (getFile)
        self.blocked: set[int] = set()  # users who blocked the bot: sending to their private chat is refused
        self._pending: list[_Pending] = []
        self._chats: dict[int, dict[str, Any]] = {}
        self._faults: dict[str, list[_Fault]] = {}
        self._update_ids = itertools.count(1000)
        self._message_ids = itertools.count(1)
        self._changed = asyncio.Condition()
        self._server: HTTPServer | None = None
        self._stopping = False
        self.url = ""

    async def start(self) -> str:
        sockets = bind_sockets(0, "127.0.0.1")
        app = Application([(r"/bot(?P<token>[^/]+)/(?P<method>\w+)", _MethodHandler, {"fake": self}),
                           (r"/file/bot(?P<token>[^/]+)/files/(?P<file_id>[^/]+)", _FileHandler, {"fake": self})])
        self._server = HTTPServer(app)
        self._server.add_sockets(sockets)
        self.url = f"http://127.0.0.1:{sockets[0].getsockname()[1]}"
        return self.url

    async def stop(self) -> None:
        self._stopping = True
        await self._notify()
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()

    # -- what tests do -------------------------------------------------------------------------------------

    def push(self, update: dict[str, Any], *, redeliver: bool = False) -> dict[str, Any]:
        """Queue an update (an update_id is added when missing); `redeliver` serves it even if confirmed."""
        update = {"update_id": next(self._update_ids), **update}
        for key in ("message", "callback_query"):
            chat = (update.get(key) or {}).get("chat") or ((update.get(key) or {}).get("message") or {}).get("chat")
            if chat:
                self._chats[chat["id"]] = chat
        self._pending.append(_Pending(update, redeliver))
        asyncio.get_running_loop().create_task(self._notify())
        return update

    def fail(self, method: str, *, times: int = 1, status: int = 400, description: str = "Bad Request",
             parameters: dict[str, Any] | None = None) -> None:
        """Answer the next `times` calls of `method` with an error."""
        self._faults.setdefault(method, []).extend([_Fault(status, description, parameters or {})] * times)

    def throttle(self, method: str = "sendMessage", *, times: int = 1, retry_after: int = 1) -> None:
        """Answer the next calls with Telegram's 429 flood error."""
        self.fail(method, times=times, status=429, description=f"Too Many Requests: retry after {retry_after}",
                  parameters={"retry_after": retry_after})

    def replies(self, chat_id: int, since: int = 0) -> list[Call]:
        """Successful calls that put something into the chat, from call number `since` on."""
        return [self.calls[i] for i in self.reply_positions(chat_id, since)]

    def reply_positions(self, chat_id: int, since: int = 0) -> list[int]:
        return [i for i in range(since, len(self.calls)) if self.calls[i].ok
                and self.calls[i].method in REPLY_METHODS and self.calls[i].params.get("chat_id") == chat_id]

    def called(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    async def wait_for(self, check: Callable[[], T | None], timeout: float = 5.0) -> T:
        """Wait until `check()` gives something truthy (re-checked after every call the bot makes)."""
        async def until() -> T:
            async with self._changed:
                while not (result := check()):
                    await self._changed.wait()
                return result
        return await asyncio.wait_for(until(), timeout)

    # -- the Bot API ---------------------------------------------------------------------------------------

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def call(self, method: str, params: dict[str, Any], files: tuple[str, ...]) -> tuple[int, dict[str, Any]]:
        faults = self._faults.get(method)
        fault = faults.pop(0) if faults else None
        if fault is None and method in REPLY_METHODS and params.get("chat_id") in self.blocked:
            fault = _Fault(403, "Forbidden: bot was blocked by the user")
        record = Call(method, params, time.perf_counter(), fault.status if fault else 200, files)
        if fault is None:
            result = record.result = await self._answer(method, params)
            record.at = time.perf_counter()
        self.calls.append(record)
        await self._notify()
        if fault is not None:
            body = {"ok": False, "error_code": fault.status, "description": fault.description}
            return fault.status, body | ({"parameters": fault.parameters} if fault.parameters else {})
        if result is None:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found: method not found"}
        return 200, {"ok": True, "result": result}

    async def _answer(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return BOT_USER
        if method == "getUpdates":
            return await self._get_updates(params)
        if method in ("setMyCommands", "deleteMyCommands", "answerCallbackQuery", "deleteWebhook",
                      "setChatMenuButton"):
            if method == "deleteWebhook":
                self.webhook = {}
            return True
        if method == "setWebhook":
            self.webhook = params
            return True
        if method == "getWebhookInfo":
            return {"url": self.webhook.get("url", ""), "has_custom_certificate": False, "pending_update_count": 0}
        if method == "getFile":
            content = self.files[params["file_id"]]
            return {"file_id": params["file_id"], "file_unique_id": f"u-{params['file_id']}",
                    "file_size": len(content), "file_path": f"files/{params['file_id']}"}
        if method == "sendMessage":
            return self._message(params, text=params["text"])
        if method == "sendDocument":
            document = params.get("document") or "uploaded"
            return self._message(params, document={"file_id": document, "file_unique_id": f"u-{document}"})
        if method == "sendPhoto":
            photo = params.get("photo") or "uploaded"  # a file id, or a picture uploaded with the call
            return self._message(params, photo=[{"file_id": photo, "file_unique_id": f"u-{photo}",
                                                 "width": 800, "height": 600}],
                                 **({"caption": params["caption"]} if params.get("caption") else {}))
        if method == "editMessageText":
            message = self.messages[(params["chat_id"], params["message_id"])]
            message = self.messages[(params["chat_id"], params["message_id"])] = dict(message)
            message.update(text=params["text"], edit_date=int(time.time()))
            message.pop("reply_markup", None)
            if params.get("reply_markup"):
                message["reply_markup"] = params["reply_markup"]
            return message
        return None

    def _message(self, params: dict[str, Any], **content: Any) -> dict[str, Any]:
        chat_id = params["chat_id"]
        chat = self._chats.get(chat_id) or {"id": chat_id, "type": "private" if chat_id > 0 else "group"}
        message = {"message_id": next(self._message_ids), "date": int(time.time()), "chat": chat, "from": BOT_USER,
                   **content}
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        self.messages[(chat_id, message["message_id"])] = message
        return message

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset, limit = int(params.get("offset", 0)), int(params.get("limit", 100))
        self._pending = [p for p in self._pending if p.redelivery or p.update["update_id"] >= offset]
        loop = asyncio.get_running_loop()
        deadline = loop.time() + float(params.get("timeout", 0))
        async with self._changed:
            while not self._pending and not self._stopping and loop.time() < deadline:
                try:
                    await asyncio.wait_for(self._changed.wait(), deadline - loop.time())
                except TimeoutError:
                    break
        batch = self._pending[:limit]
        now = time.perf_counter()
        for entry in batch:
            self.handed_out.setdefault(entry.update["update_id"], now)
        self._pending = [p for p in self._pending if not (p.redelivery and p in batch)]
        return [entry.update for entry in batch]


class _MethodHandler(RequestHandler):
    def initialize(self, fake: FakeTelegram) -> None:
        self.fake = fake

    async def get(self, token: str, method: str) -> None:
        await self.post(token, method)

    async def post(self, token: str, method: str) -> None:
        if token != TOKEN:
            self.set_status(401)
            self.finish({"ok": False, "error_code": 401, "description": "Unauthorized"})
            return
        params = {name: _decode(name, values[-1].decode()) for name, values in self.request.arguments.items()}
        if self.request.headers.get("Content-Type", "").startswith("application/json") and self.request.body:
            params.update(json.loads(self.request.body))
        files = tuple(self.request.files)
        status, body = await self.fake.call(method, params, files)
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body))


class _FileHandler(RequestHandler):
    """Serves the bytes behind getFile's file_path, as the Bot API's file URL does."""

    def initialize(self, fake: FakeTelegram) -> None:
        self.fake = fake

    async def get(self, token: str, file_id: str) -> None:
        if token != TOKEN or file_id not in self.fake.files:
            self.set_status(404)
            self.finish()
            return
        self.finish(self.fake.files[file_id])


def _decode(name: str, value: str) -> Any:
    if name in _JSON_PARAMS:
        return json.loads(value)
    if name in _INT_PARAMS and value.lstrip("-").isdigit():
        return int(value)
    return value


# -- updates as Telegram sends them ------------------------------------------------------------------------

def user(user_id: int, first_name: str, last_name: str = "", *, username: str = "",
         language: str = "en") -> dict[str, Any]:
    found = {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": language}
    return found | ({"last_name": last_name} if last_name else {}) | ({"username": username} if username else {})


def private_chat(person: dict[str, Any]) -> dict[str, Any]:
    return {"id": person["id"], "type": "private", "first_name": person["first_name"]}


def group_chat(chat_id: int, title: str) -> dict[str, Any]:
    return {"id": chat_id, "type": "supergroup", "title": title}


_incoming_ids = itertools.count(1)


def message(sender: dict[str, Any], chat: dict[str, Any], text: str | None = None, **content: Any) -> dict[str, Any]:
    """An update carrying a message; `content` adds location, contact, document, forward_origin, caption..."""
    body: dict[str, Any] = {"message_id": next(_incoming_ids), "date": int(time.time()), "chat": chat,
                            "from": sender, **content}
    if text is not None:
        body["text"] = text
        if text.startswith("/"):
            body["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"message": body}


def button_press(sender: dict[str, Any], pressed: dict[str, Any], data: str) -> dict[str, Any]:
    """An update for a press on a button under a message the bot sent."""
    return {"callback_query": {"id": f"cq{next(_incoming_ids)}", "from": sender, "message": pressed,
                               "chat_instance": "ci", "data": data}}
