"""crmbot's Telegram throughput as a ratio of a bare python-telegram-bot echo bot's, same run, same fake server.

    .venv/bin/python bench/bench_telegram_ratio.py                  # 1,000 updates from 50 chats, 3 rounds
    .venv/bin/python bench/bench_telegram_ratio.py --profile FILE   # cProfile crmbot's rounds into FILE

Each round runs, one after the other: the echo bot (bench/echo_telegram.py), crmbot's Telegram channel
(limits off, 16 updates at a time) and crmbot's engine alone (the same texts through `Crm.handle` on 16
threads). All updates are queued at once; throughput counts from the first update handed out to the last
reply arriving at the fake server. The fake server's record also gives each bot's Bot API calls per update,
and the process's CPU time per update (bot and fake server together) is less skewed by a busy machine.
The goal (issue 17): crmbot at least 0.5x the echo bot.
"""

import argparse
import asyncio
import collections
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


Calls = collections.Counter[str]
Round = tuple[float, float]  # updates per second, CPU milliseconds per update


async def drive(fake: FakeTelegram, application: Any, queue: list[dict[str, Any]], calls: Calls) -> Round:
    """Poll the queue through `application`. Adds the Bot API calls it made to `calls`."""
    async with application:
        await application.start()
        await application.updater.start_polling(poll_interval=0, timeout=10, allowed_updates=ALLOWED_UPDATES)
        cpu = time.process_time()
        for update in queue:
            fake.push(update)
        await fake.wait_for(lambda: len([c for c in fake.called("sendMessage") if c.ok]) >= len(queue), timeout=600)
        cpu = time.process_time() - cpu
        await application.updater.stop()
        await application.stop()
    calls.update(call.method for call in fake.calls)
    last = max(reply.at for reply in fake.called("sendMessage"))
    return len(queue) / (last - min(fake.handed_out.values())), cpu * 1000 / len(queue)


async def echo_round(queue: list[dict[str, Any]], calls: Calls) -> Round:
    fake = FakeTelegram()
    await fake.start()
    try:
        return await drive(fake, echo_application(fake.url, TOKEN), queue, calls)
    finally:
        await fake.stop()


async def crmbot_round(queue: list[dict[str, Any]], profile: cProfile.Profile | None, calls: Calls) -> Round:
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
            return await drive(fake, build_application(settings, crm, limits=NO_LIMITS), queue, calls)
        finally:
            if profile:
                profile.disable()
            await fake.stop()
            db.dispose()


def engine_round(updates: int, chats: int) -> Round:
    """The same texts through Crm.handle alone, 16 at a time, one chat's messages in order."""
    per_chat = updates // chats
    with tempfile.TemporaryDirectory() as directory:
        db = fresh_database(None, directory)
        crm = Crm(db, clock=system_clock)
        crm.handle(Incoming("met Anna Schulz from Acme, wants a demo next tuesday 10am", "bench:warmup", "0"))

        def chat(rep: int) -> None:
            for text in texts_for(rep, per_chat):
                crm.handle(Incoming(text, f"telegram:{20_000 + rep}", str(20_000 + rep), user_name="rep"))

        start, cpu = time.perf_counter(), time.process_time()
        with ThreadPoolExecutor(16) as pool:
            list(pool.map(chat, range(chats)))
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        db.dispose()
    return per_chat * chats / elapsed, cpu * 1000 / (per_chat * chats)


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
    echo_calls, crmbot_calls = Calls(), Calls()
    loads = [load_average()]
    for _ in range(args.rounds):
        echo.append(await echo_round(queue, echo_calls))
        crmbot.append(await crmbot_round(queue, profile, crmbot_calls))
        engine.append(engine_round(args.updates, args.chats))
        loads.append(load_average())
    if profile and args.profile:
        profile.dump_stats(args.profile)
    anchor = statistics.median(rate for rate, _ in echo)
    print(f"{len(queue)} updates from {args.chats} chats, {args.rounds} rounds, medians; "
          f"load average {' -> '.join(f'{load:.2f}' for load in loads)}\n")
    print("| bot | updates/s | ratio to echo | CPU ms per update | Bot API calls per update |")
    print("|---|---:|---:|---:|---|")
    handled = len(queue) * args.rounds
    for name, values, calls in (("PTB echo bot (anchor)", echo, echo_calls),
                                ("crmbot, Telegram channel", crmbot, crmbot_calls),
                                ("crmbot engine alone, 16 threads", engine, None)):
        per_update = ", ".join(f"{method} {count / handled:.2f}" for method, count in calls.most_common()) if calls else ""
        rate, cpu = statistics.median(r for r, _ in values), statistics.median(c for _, c in values)
        print(f"| {name} | {rate:,.0f} | {rate / anchor:.2f} | {cpu:.1f} | {per_update} |")


def load_average() -> float:
    """The machine's one-minute load average (other processes slow every bot alike)."""
    return float(Path("/proc/loadavg").read_text().split()[0])


if __name__ == "__main__":
    asyncio.run(main())
