"""Benchmark the Slack channel end to end: signed `/crm` requests over HTTP to the real Bolt app.

The app runs on 127.0.0.1 with the fake Slack Web API from tests/fake_slack.py behind it and a fresh
SQLite file under it. Clients send slash commands (a mix of find, add and task) on keep-alive
connections. "ack" is the time until the HTTP response to the slash command (Slack's 3-second
limit); "answered" is the time until the app's reply reached the command's response URL.

    .venv/bin/python bench/bench_slack.py                 # 1, 4 and 16 clients, 400 commands each
    .venv/bin/python bench/bench_slack.py --commands 100 --clients 1 8
"""

import argparse
import itertools
import logging
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.fake_slack

from pydantic import SecretStr

from bot.clock import system_clock
from bot.config import Settings
from bot.slack.channel import WORKERS, build_app
from bot.slack.http import SlackHttpServer
from handlers.engine import Crm
from handlers.texts.reply import Incoming
from storage.db import Database
from tests.fake_slack import FakeSlack, SlackSender

SECRET = "bench-signing-secret"
TEAM = "T1"
USERS = [f"U{i}" for i in range(8)]
SEED_CONTACTS = 300
NAMES = ["Anna Schulz", "Jörg Müller", "Lena Braun", "Tom Hart", "Carla Diaz", "Nina Berg", "Paul Weber"]


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def command(number: int) -> str:
    """Half searches, a quarter new contacts, a quarter tasks."""
    name = NAMES[number % len(NAMES)]
    kind = number % 4
    if kind in (0, 1):
        return f"find {name.split()[1].lower()}"
    if kind == 2:
        return f"add Bench Person{number}, Bench GmbH, p{number}@bench.example"
    return f"task call {name} tomorrow 9am"


def seed(crm: Crm) -> None:
    for i in range(SEED_CONTACTS):
        name = NAMES[i % len(NAMES)] if i < len(NAMES) else f"Seed Contact{i}"
        crm.handle(Incoming(text=f"/add {name}, Seed Co {i % 40}", workspace_key=f"slack:{TEAM}", user_id=USERS[0]))


def in_parallel(clients: int, commands: int, one: Callable[[int, int], None]) -> float:
    """Run `one(client, number)` for numbers 0 .. commands-1 from `clients` threads, each taking the next number
    when its last is done; the seconds until all threads ended."""
    counter = itertools.count()

    def client(index: int) -> None:
        while (number := next(counter)) < commands:
            one(index, number)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def send_command(send: SlackSender, fake: FakeSlack, client: int, number: int) -> tuple[str, float, float]:
    """Client `client`'s slash command `number`, acknowledged: (its response URL, when it was sent, ack seconds)."""
    url = fake.response_url()
    sent = time.perf_counter()
    answer = send.command(command(number), user=USERS[(client + number) % len(USERS)], response_url=url)
    assert answer.status == 200, answer.body
    return url, sent, answer.seconds


def run_round(send: SlackSender, fake: FakeSlack, clients: int, commands: int, *, wait: bool) -> list[str]:
    """Send `commands` slash commands from `clients` threads; returns one table row.

    Without `wait` a client sends its next command as soon as the last one is acknowledged (the most
    Slack could push); with `wait` it first waits for the reply (people waiting for their answer).
    """
    acks: list[float] = []
    answered: list[float] = []
    urls: list[tuple[str, float]] = []
    lock = threading.Lock()

    def one(index: int, number: int) -> None:
        url, sent, ack = send_command(send, fake, index, number)
        if wait:
            fake.response_for(url, timeout=60)
        with lock:
            acks.append(ack)
            urls.append((url, sent))

    started = time.perf_counter()
    in_parallel(clients, commands, one)
    finished = started
    for url, sent in urls:
        call = fake.response_for(url, timeout=120)
        answered.append(call.at - sent)
        finished = max(finished, call.at)
    ms = lambda seconds: f"{seconds * 1000:.1f}"  # noqa: E731
    return ["waits for reply" if wait else "next after ack", str(clients), str(commands),
            f"{commands / (finished - started):.0f}", ms(statistics.median(acks)), ms(percentile(acks, 0.95)),
            ms(max(acks)), ms(statistics.median(answered)), ms(percentile(answered, 0.95))]


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Aligned plain-text columns: the first left-aligned, the numbers right-aligned."""
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    line = lambda cells: "  ".join(c.ljust(w) if i == 0 else c.rjust(w)  # noqa: E731
                                   for i, (c, w) in enumerate(zip(cells, widths, strict=True)))
    return "\n".join([line(header), "  ".join("-" * w for w in widths), *map(line, rows)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--commands", type=int, default=400, help="slash commands per round")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 4, 16], help="concurrent clients per round")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
        db.migrate()
        crm = Crm(db, clock=system_clock)
        seed(crm)
        fake = FakeSlack(users={u: {"id": u, "name": u, "real_name": u, "tz": "Europe/Berlin", "locale": "en-US"}
                                for u in USERS}).start()
        settings = Settings(slack_bot_token=SecretStr("xoxb-bench"), slack_app_token=None,
                            slack_signing_secret=SecretStr(SECRET), slack_api_url=fake.api_url)
        executor = ThreadPoolExecutor(max_workers=WORKERS)
        app = build_app(settings, crm, executor=executor)
        server = SlackHttpServer(app, signing_secret=SECRET, host="127.0.0.1", port=0)
        server.start()
        send = SlackSender(server.url, SECRET, fake)
        try:
            run_round(send, fake, 2, 40, wait=False)  # warm up: imports, users.info, the name index
            rows = [run_round(send, fake, clients, args.commands, wait=wait)
                    for wait in (False, True) for clients in args.clients]
        finally:
            server.stop()
            executor.shutdown(wait=True)
            fake.stop()
            db.engine.dispose()
    print(f"crmbot Slack bench · Python {platform.python_version()} · SQLite {sqlite3.sqlite_version} · "
          f"{os.cpu_count()} CPUs ({platform.machine()}) · {SEED_CONTACTS} contacts seeded · "
          f"{WORKERS} listener threads")
    print("/crm over HTTP: signed request → Bolt → engine → reply to the response URL (times in ms)")
    print(table(["client", "clients", "commands", "cmds/s", "ack p50", "ack p95", "ack max", "answered p50",
                 "answered p95"], rows))


if __name__ == "__main__":
    main()
