"""crmbot's Telegram throughput as a ratio of a bare python-telegram-bot echo bot's, same run, same fake server.

    .venv/bin/python bench/bench_telegram_ratio.py                  # 1,000 updates from 50 chats, 3 rounds
    .venv/bin/python bench/bench_telegram_ratio.py --profile FILE   # cProfile crmbot's rounds into FILE

Each round runs, one after the other: the echo bot (bench/echo_telegram.py), crmbot's Telegram channel
(limits off, 16 updates at a time) and crmbot's engine alone (the same texts through `Crm.handle` on 16
threads). All updates are queued at once; throughput counts from the first update handed out to the last
reply arriving at the fake server. The goal (issue 17): crmbot at least 0.5x the echo bot.
"""

import argparse
import asyncio
import cProfile
import itertools
import logging
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.fake_telegram
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_telegram import FIRST, LAST, NO_LIMITS, fresh_database, texts_for  # noqa: E402
from echo_telegram import echo_application  # noqa: E402
from pydantic import SecretStr  # noqa: E402

from bot.clock import system_clock  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.telegram.channel import ALLOWED_UPDATES, build_application  # noqa: E402
from handlers.engine import Crm  # noqa: E402
from handlers.texts.reply import Incoming  # noqa: E402
from tests.fake_telegram import TOKEN, FakeTelegram, message, private_chat, user  # noqa: E402


def queued_updates(updates: int, chats: int) -> list[dict[str, Any]]:
    """The updates, round robin over the chats, each answered with exactly one message."""
    per_chat = updates // chats
    reps = [user(20_000 + rep, FIRST[rep % len(FIRST)], LAST[rep % len(LAST)]) for rep in range(chats)]
    scripts = [texts_for(rep, per_chat) for rep in range(chats)]
    return [message(reps[rep], private_chat(reps[rep]), scripts[rep][i])
            for i, rep in itertools.product(range(per_chat), range(chats))]


async def drive(fake: FakeTelegram, application: Any, queue: list[dict[str, Any]]) -> float:
    """Poll the queue through `application`; updates per second."""
    async with application:
        await application.start()
        await application.updater.start_polling(poll_interval=0, timeout=10, allowed_updates=ALLOWED_UPDATES)
        for update in queue:
            fake.push(update)
        await fake.wait_for(lambda: len([c for c in fake.called("sendMessage") if c.ok]) >= len(queue), timeout=600)
        await application.updater.stop()
        await application.stop()
    last = max(reply.at for reply in fake.called("sendMessage"))
    return len(queue) / (last - min(fake.handed_out.values()))


async def echo_round(queue: list[dict[str, Any]]) -> float:
    fake = FakeTelegram()
    await fake.start()
    try:
        return await drive(fake, echo_application(fake.url, TOKEN), queue)
    finally:
        await fake.stop()


async def crmbot_round(queue: list[dict[str, Any]], profile: cProfile.Profile | None) -> float:
    with tempfile.TemporaryDirectory() as directory:
        db = fresh_database(None, directory)
        crm = Crm(db, clock=system_clock)
        crm.handle(Incoming("met Anna Schulz from Acme, wants a demo next tuesday 10am", "bench:warmup", "0"))
        fake = FakeTelegram()
        await fake.start()
        settings = Settings(telegram_bot_token=SecretStr(TOKEN), telegram_api_url=fake.url, telegram_allowed_users="")
        try:
            if profile:
                profile.enable()
            return await drive(fake, build_application(settings, crm, limits=NO_LIMITS), queue)
        finally:
            if profile:
                profile.disable()
            await fake.stop()
            db.engine.dispose()


def engine_round(updates: int, chats: int) -> float:
    """The same texts through Crm.handle alone, 16 at a time, one chat's messages in order."""
    per_chat = updates // chats
    with tempfile.TemporaryDirectory() as directory:
        db = fresh_database(None, directory)
        crm = Crm(db, clock=system_clock)
        crm.handle(Incoming("met Anna Schulz from Acme, wants a demo next tuesday 10am", "bench:warmup", "0"))

        def chat(rep: int) -> None:
            for text in texts_for(rep, per_chat):
                crm.handle(Incoming(text, f"telegram:{20_000 + rep}", str(20_000 + rep), user_name="rep"))

        start = time.perf_counter()
        with ThreadPoolExecutor(16) as pool:
            list(pool.map(chat, range(chats)))
        elapsed = time.perf_counter() - start
        db.engine.dispose()
    return per_chat * chats / elapsed


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--updates", type=int, default=1000)
    parser.add_argument("--chats", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", help="write a cProfile of crmbot's rounds to this file")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    profile = cProfile.Profile() if args.profile else None
    queue = queued_updates(args.updates, args.chats)
    echo, crmbot, engine = [], [], []
    for _ in range(args.rounds):
        echo.append(await echo_round(queue))
        crmbot.append(await crmbot_round(queue, profile))
        engine.append(engine_round(args.updates, args.chats))
    if profile and args.profile:
        profile.dump_stats(args.profile)
    anchor = statistics.median(echo)
    print(f"{len(queue)} updates from {args.chats} chats, {args.rounds} rounds, medians\n")
    print("| bot | updates/s | ratio to echo |")
    print("|---|---:|---:|")
    for name, values in (("PTB echo bot (anchor)", echo), ("crmbot, Telegram channel", crmbot),
                         ("crmbot engine alone, 16 threads", engine)):
        print(f"| {name} | {statistics.median(values):,.0f} | {statistics.median(values) / anchor:.2f} |")


if __name__ == "__main__":
    asyncio.run(main())
