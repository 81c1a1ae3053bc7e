"""Benchmark the Telegram channel end to end: the real Application polling the fake Bot API server.

1,000 text updates from 50 private chats (20 per rep: captures, contacts, notes, tasks, lists, search) go
through getUpdates, the engine on a fresh SQLite file, and sendMessage. Timing is taken at the fake server:
when getUpdates handed an update out, and when the matching sendMessage arrived (per chat, in order).

    .venv/bin/python bench/bench_telegram.py                 # all scenarios, about 100 s
    .venv/bin/python bench/bench_telegram.py --quick         # without the ones Telegram's limits slow down
    .venv/bin/python bench/bench_telegram.py --database-url postgresql://…   # on PostgreSQL (drops its schema!)

Scenarios: all updates queued at once (a burst) with Telegram's limits (30 messages/s overall, 1/s per
chat after a burst of 3), the same burst with the limits off (what the bot itself can do), the burst
handled one update at a time (PTB's default), a steady 100 updates/s with the limits off, and a steady
25 updates/s with the limits on.
"""

import argparse
import asyncio
import itertools
import logging
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.fake_telegram

from pydantic import SecretStr
from sqlalchemy import text

from bot.clock import system_clock
from bot.config import Settings
from bot.telegram.channel import ALLOWED_UPDATES, build_application
from bot.telegram.limits import RateLimits
from handlers.engine import Crm
from handlers.texts.reply import Incoming
from storage.db import Database
from tests.fake_telegram import TOKEN, FakeTelegram, message, private_chat, user

FIRST = ["Anna", "Lena", "Jonas", "Paul", "Marie", "Felix", "Sophie", "Lukas", "Clara", "Tobias", "Greta", "Moritz"]
LAST = ["Schulz", "Braun", "Meyer", "Wagner", "Becker", "Hoffmann", "Koch", "Richter", "Wolf", "Neumann",
        "Schwarz", "Zimmermann", "Krüger", "Hartmann", "Lange", "Werner", "Krause", "Lehmann", "Köhler", "Herrmann"]
COMPANIES = ["Acme", "Solaris Energie", "Nordwind", "Bergmann Bau", "Helix Pharma", "Rheinland Logistik"]
TEMPLATES = [
    "/start",
    "met {name} from {company}, wants a demo next tuesday 10am",
    "/add {name2}, {company2}, {email}",
    "/note {name}: called, wants pricing for 40 seats",
    "/task send the offer to {name} tomorrow 9am",
    "/tasks",
    "/find {last}",
    "{name2} called back, meeting friday 14:00",
    "/deal {company} rollout 12k EUR proposal",
    "/pipeline",
]
NO_LIMITS = RateLimits(overall_per_second=0, chat_burst=0, group_per_minute=0)


@dataclass(frozen=True)
class Scenario:
    name: str
    limits: RateLimits
    concurrent_updates: int = 8
    rate: float | None = None  # updates per second offered; None: all queued at once


@dataclass(frozen=True)
class Result:
    scenario: Scenario
    updates: int
    seconds: float
    latencies: list[float]
    errors: int


def texts_for(rep: int, count: int) -> list[str]:
    """A rep's messages: each answered with exactly one message (no files, far below 4,096 characters)."""
    texts = []
    for i in range(count):
        k = rep + i // len(TEMPLATES)  # the people of this round of templates
        first, last = FIRST[k % len(FIRST)], LAST[(k * 3) % len(LAST)]
        first2, last2 = FIRST[(k + 5) % len(FIRST)], LAST[(k * 7 + 11) % len(LAST)]
        texts.append(TEMPLATES[i % len(TEMPLATES)].format(
            name=f"{first} {last}", last=last, company=COMPANIES[k % len(COMPANIES)],
            name2=f"{first2} {last2}", company2=COMPANIES[(k + 2) % len(COMPANIES)],
            email=f"{first2}.{last2}@example.com".lower().replace("ü", "ue").replace("ö", "oe")))
    return texts


def fresh_database(url: str | None, directory: str) -> Database:
    """A new SQLite file, or the PostgreSQL database at `url` emptied (its schema dropped) and migrated."""
    if url is None:
        db = Database(f"sqlite:///{directory}/bench.db")
    else:
        db = Database(url)
        with db.engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    db.migrate()
    return db


async def run(scenario: Scenario, *, updates: int, chats: int, database_url: str | None) -> Result:
    """One scenario on a fresh database and a fresh fake server."""
    with tempfile.TemporaryDirectory() as directory:
        db = fresh_database(database_url, directory)
        crm = Crm(db, clock=system_clock)
        crm.handle(Incoming("met Anna Schulz from Acme, wants a demo next tuesday 10am", "bench:warmup", "0"))
        fake = FakeTelegram()
        await fake.start()
        settings = Settings(telegram_bot_token=SecretStr(TOKEN), telegram_api_url=fake.url, telegram_allowed_users="")
        application = build_application(settings, crm, limits=scenario.limits,
                                        concurrent_updates=scenario.concurrent_updates)
        per_chat = updates // chats
        reps = [user(20_000 + rep, FIRST[rep % len(FIRST)], LAST[rep % len(LAST)]) for rep in range(chats)]
        scripts = [texts_for(rep, per_chat) for rep in range(chats)]
        queue = [message(reps[rep], private_chat(reps[rep]), scripts[rep][i])  # round robin over the chats
                 for i, rep in itertools.product(range(per_chat), range(chats))]
        async with application:
            await application.start()
            assert application.updater is not None
            await application.updater.start_polling(poll_interval=0, timeout=10, allowed_updates=ALLOWED_UPDATES)
            pushed: dict[int, list[int]] = {}
            start = time.perf_counter()
            for number, update in enumerate(queue):
                if scenario.rate:
                    await asyncio.sleep(max(0.0, start + number / scenario.rate - time.perf_counter()))
                sent = fake.push(update)
                pushed.setdefault(sent["message"]["chat"]["id"], []).append(sent["update_id"])
            await fake.wait_for(lambda: len([c for c in fake.called("sendMessage") if c.ok]) >= len(queue),
                                timeout=600)
            await application.updater.stop()
            await application.stop()
        await fake.stop()
        db.dispose()
    latencies, last = [], 0.0
    for chat_id, update_ids in pushed.items():
        replies = fake.replies(chat_id)
        for update_id, reply in zip(update_ids, replies, strict=True):
            latencies.append(reply.at - fake.handed_out[update_id])
            last = max(last, reply.at)
    first = min(fake.handed_out.values())
    errors = sum(c.text.startswith("Sorry") for c in fake.called("sendMessage"))
    return Result(scenario, len(queue), last - first, latencies, errors)


def row(result: Result) -> str:
    ms = sorted(latency * 1000 for latency in result.latencies)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return (f"| {result.scenario.name} | {result.updates / result.seconds:,.0f} | {statistics.median(ms):,.0f} "
            f"| {p95:,.0f} | {max(ms):,.0f} | {result.errors} |")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--updates", type=int, default=1000)
    parser.add_argument("--chats", type=int, default=50)
    parser.add_argument("--quick", action="store_true", help="only the scenarios without Telegram's limits")
    parser.add_argument("--database-url", help="a PostgreSQL database to use (its public schema is DROPPED); "
                                               "default: a temporary SQLite file")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    scenarios = [Scenario("burst, limits off, 16 updates at a time", NO_LIMITS),
                 Scenario("burst, limits off, one update at a time", NO_LIMITS, concurrent_updates=1),
                 Scenario("steady 100 updates/s, limits off", NO_LIMITS, rate=100)]
    if not args.quick:
        scenarios += [Scenario("burst, Telegram's limits", RateLimits()),
                      Scenario("steady 25 updates/s, Telegram's limits", RateLimits(), rate=25)]
    database = "PostgreSQL" if args.database_url else f"SQLite {sqlite3.sqlite_version}"
    print(f"{args.updates} text updates from {args.chats} private chats, {database}, "
          f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs")
    print()
    print("| scenario | updates/s | p50 ms | p95 ms | max ms | apologies |")
    print("|---|---:|---:|---:|---:|---:|")
    for scenario in scenarios:
        result = await run(scenario, updates=args.updates, chats=args.chats, database_url=args.database_url)
        print(row(result), flush=True)
    print()
    print("Latency: from getUpdates handing the update out to its sendMessage arriving at the server.")


if __name__ == "__main__":
    asyncio.run(main())
