"""crmbot's Slack throughput as a ratio of a bare Bolt echo app's, same run, same fake Slack API.

    .venv/bin/python bench/bench_slack_ratio.py                   # 4 and 16 clients, 300 commands, 3 rounds
    .venv/bin/python bench/bench_slack_ratio.py --profile FILE    # cProfile crmbot's listener threads into FILE

Each round runs, for each number of clients, the echo app (bench/echo_slack.py) and then crmbot's
Slack channel on the same signed `/crm` commands (bench_slack.py's mix of find, add and task),
against the same fake Slack Web API (tests/fake_slack.py). Each client sends a command, waits until
its answer reaches the response URL, and sends the next. "answer" is the time from sending the signed
request until the fake Slack API received the answer. The goal (issue 17): crmbot at least 0.5x the
echo app, and the answer's p95 at most 100 ms at 16 clients.
"""

import argparse
import cProfile
import itertools
import logging
import os
import pstats
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.fake_slack
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_slack import SECRET, USERS, command, percentile, seed  # noqa: E402
from echo_slack import echo_server  # noqa: E402
from pydantic import SecretStr  # noqa: E402

from bot.clock import system_clock  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.slack.channel import WORKERS, build_app  # noqa: E402
from bot.slack.http import SlackHttpServer  # noqa: E402
from handlers.engine import Crm  # noqa: E402
from storage.db import Database  # noqa: E402
from tests.fake_slack import FakeSlack, SlackSender  # noqa: E402

TOKEN = "xoxb-bench"


@dataclass(frozen=True)
class Result:
    per_second: float
    p50: float  # seconds from sending the request to the answer at the fake Slack API
    p95: float
    cpu: float  # the process's CPU seconds per command (app, fake Slack API and clients together)


def measure(send: SlackSender, fake: FakeSlack, clients: int, commands: int) -> Result:
    """`commands` slash commands from `clients` threads, each waiting for its answer before the next."""
    counter = itertools.count()
    answers: list[float] = []
    lock = threading.Lock()

    def client(index: int) -> None:
        while (number := next(counter)) < commands:
            url = fake.response_url()
            sent = time.perf_counter()
            answer = send.command(command(number), user=USERS[(index + number) % len(USERS)], response_url=url)
            assert answer.status == 200, answer.body
            call = fake.response_for(url, timeout=60)
            with lock:
                answers.append(call.at - sent)

    started, cpu = time.perf_counter(), time.process_time()
    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return Result(commands / elapsed, statistics.median(answers), percentile(answers, 0.95),
                  (time.process_time() - cpu) / commands)


class Profiled(ThreadPoolExecutor):
    """A listener pool whose threads each run under cProfile (cProfile sees only the thread it runs in)."""

    def __init__(self, workers: int) -> None:
        self.profiles: list[cProfile.Profile] = []
        super().__init__(max_workers=workers, thread_name_prefix="slack", initializer=self._start)

    def _start(self) -> None:
        profile = cProfile.Profile()
        self.profiles.append(profile)
        profile.enable()

    def dump(self, path: str) -> None:
        if self.profiles:
            pstats.Stats(*self.profiles).dump_stats(path)


@contextmanager
def served(fake: FakeSlack, folder: str, profile: bool) -> Iterator[tuple[SlackSender, SlackSender, Profiled | None]]:
    """The echo app and crmbot (a seeded SQLite file), both on the fake Slack API; a sender for each."""
    db = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
    db.migrate()
    crm = Crm(db, clock=system_clock)
    seed(crm)
    settings = Settings(slack_bot_token=SecretStr(TOKEN), slack_app_token=None,
                        slack_signing_secret=SecretStr(SECRET), slack_api_url=fake.api_url)
    pools = [ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="echo"),
             Profiled(WORKERS) if profile else ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="slack")]
    servers = [echo_server(fake.api_url, TOKEN, SECRET, executor=pools[0]),
               SlackHttpServer(build_app(settings, crm, executor=pools[1]), signing_secret=SECRET, port=0)]
    for server in servers:
        server.start()
    try:
        profiled = pools[1] if isinstance(pools[1], Profiled) else None
        yield SlackSender(servers[0].url, SECRET, fake), SlackSender(servers[1].url, SECRET, fake), profiled
    finally:
        for server in servers:
            server.stop()
        for pool in pools:
            pool.shutdown(wait=True)
        db.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--commands", type=int, default=300, help="slash commands per round and app")
    parser.add_argument("--clients", type=int, nargs="+", default=[4, 16])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", help="write a cProfile of crmbot's listener threads to this file")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    load_before = Path("/proc/loadavg").read_text().split()[:3] if os.path.exists("/proc/loadavg") else []
    fake = FakeSlack(users={u: {"id": u, "name": u, "real_name": u, "tz": "Europe/Berlin", "locale": "en-US"}
                            for u in USERS}).start()
    results: dict[tuple[str, int], list[Result]] = {}
    try:
        with tempfile.TemporaryDirectory() as folder, served(fake, folder, bool(args.profile)) as (echo, crm, pool):
            for send in (echo, crm):
                measure(send, fake, 2, 40)  # warm up: imports, users.info, the name index
            for _ in range(args.rounds):
                for clients in args.clients:
                    for name, send in (("echo", echo), ("crmbot", crm)):
                        results.setdefault((name, clients), []).append(measure(send, fake, clients, args.commands))
            if pool is not None and args.profile:
                pool.dump(args.profile)
    finally:
        fake.stop()
    load_after = Path("/proc/loadavg").read_text().split()[:3] if os.path.exists("/proc/loadavg") else []
    print(f"/crm over signed HTTP, {args.commands} commands per round, {args.rounds} rounds alternating, medians; "
          f"{WORKERS} listener threads; load average {' '.join(load_before)} before, {' '.join(load_after)} after\n")
    print("| app | clients | commands/s | ratio to echo | answer p50 ms | answer p95 ms | CPU ms/command |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for clients in args.clients:
        anchor = statistics.median(r.per_second for r in results[("echo", clients)])
        for name in ("echo", "crmbot"):
            rows = results[(name, clients)]
            rate = statistics.median(r.per_second for r in rows)
            label = "Bolt echo app (anchor)" if name == "echo" else "crmbot, Slack channel"
            print(f"| {label} | {clients} | {rate:,.0f} | {rate / anchor:.2f} | "
                  f"{statistics.median(r.p50 for r in rows) * 1000:.1f} | "
                  f"{statistics.median(r.p95 for r in rows) * 1000:.1f} | "
                  f"{statistics.median(r.cpu for r in rows) * 1000:.2f} |")
    ratios = [statistics.median(r.per_second for r in results[("crmbot", c)]) /
              statistics.median(r.per_second for r in results[("echo", c)]) for c in args.clients]
    print("\nper-round ratios: " + ", ".join(
        f"{c} clients " + " ".join(f"{c_r.per_second / e_r.per_second:.2f}"
                                   for c_r, e_r in zip(results[("crmbot", c)], results[("echo", c)], strict=True))
        for c in args.clients) + f" (medians {', '.join(f'{r:.2f}' for r in ratios)})")


if __name__ == "__main__":
    main()
