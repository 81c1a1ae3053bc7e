"""Telegram's flood limits on the way out, and one update at a time per chat on the way in."""

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from aiolimiter import AsyncLimiter
from telegram import Update
from telegram.ext import AIORateLimiter, BaseUpdateProcessor

logger = logging.getLogger(__name__)

JSON = bool | dict[str, Any] | list[dict[str, Any]]


@dataclass(frozen=True)
class RateLimits:
    """Telegram's published limits; 0 switches a limit off (tests and benchmarks do that)."""

    overall_per_second: float = 30  # all chats together
    chat_burst: int = 3  # a chat may get this many messages at once ("short bursts"),
    chat_seconds_per_message: float = 1.0  # then one per second
    group_per_minute: float = 20  # on top of that, per group
    max_retries: int = 5  # a 429 is retried this often, each time after its retry_after


class FloodLimiter(AIORateLimiter):
    """PTB's AIORateLimiter (overall, per group, 429 retries) plus Telegram's one message per second per chat."""

    def __init__(self, limits: RateLimits) -> None:
        super().__init__(overall_max_rate=limits.overall_per_second, overall_time_period=1,
                         group_max_rate=limits.group_per_minute, group_time_period=60,
                         max_retries=limits.max_retries)
        self._chat_burst = limits.chat_burst
        self._chat_period = limits.chat_burst * limits.chat_seconds_per_message
        self._chats: dict[str, AsyncLimiter] = {}

    async def process_request(self, callback: Callable[..., Coroutine[Any, Any, JSON]], args: Any,
                              kwargs: dict[str, Any], endpoint: str, data: dict[str, Any],
                              rate_limit_args: int | None) -> JSON:
        chat_id = data.get("chat_id")
        if chat_id is None or not (self._chat_burst and self._chat_period):
            return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
        async with self._chat_limiter(str(chat_id)):
            return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)

    def _chat_limiter(self, chat_id: str) -> AsyncLimiter:
        if len(self._chats) > 1024:  # forget chats whose bucket has drained
            for key, limiter in list(self._chats.items()):
                if key != chat_id and limiter.has_capacity(limiter.max_rate):
                    del self._chats[key]
        if chat_id not in self._chats:
            self._chats[chat_id] = AsyncLimiter(self._chat_burst, self._chat_period)
        return self._chats[chat_id]


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Process updates of different chats side by side, and those of one chat in the order they came.

    An update waiting for its chat holds one of the `max_concurrent_updates` slots (PTB takes the slot
    first), so allow more slots than the threads that do the database work.
    """

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, tuple[asyncio.Lock, int]] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await coroutine
            return
        lock, waiting = self._locks.get(chat.id) or (asyncio.Lock(), 0)
        self._locks[chat.id] = (lock, waiting + 1)
        try:
            async with lock:
                await coroutine
        finally:
            lock, waiting = self._locks[chat.id]
            if waiting == 1:
                del self._locks[chat.id]
            else:
                self._locks[chat.id] = (lock, waiting - 1)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""
