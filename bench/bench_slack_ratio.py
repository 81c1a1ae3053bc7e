"""crmbot's Slack throughput as a ratio of a bare Bolt echo app's, same run, same fake Slack API.

    .venv/bin/python bench/bench_slack_ratio.py                   # 4 and 16 clients, 300 commands, 3 rounds
    .venv/bin/python bench/bench_slack_ratio.py --profile FILE    # cProfile crmbot's listener threads into FILE

Each round runs, for each number of clients, the echo app (bench/echo_slack.py) and then crmbot's
Slack channel on the same signed `/crm` commands (bench_slack.py's mix of find, add and task),
against the same fake Slack Web API (tests/fake_slack.py), and then crmbot's engine alone (the same
texts into `Crm.handle` from as many threads: what is left when Slack costs nothing). Each client sends a command, waits until
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
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # for tests.fake_slack
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_slack import SECRET, TEAM, USERS, command, in_parallel, percentile, seed, send_command  # noqa: E402
from echo_slack import echo_server  # noqa: E402
from pydantic import SecretStr  # noqa: E402

from bot.clock import system_clock  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.slack.bridge import workspace_key  # noqa: E402
from bot.slack.channel import WORKERS, build_app  # noqa: E402
from bot.slack.http import SlackHttpServer  # noqa: E402
from bot.slack.listeners import engine_text  # noqa: E402
from handlers.engine import Crm  # noqa: E402
from handlers.texts.reply import Incoming  # noqa: E402
from storage.db import Database  # noqa: E402
from tests.fake_slack import FakeSlack, SlackSender  # noqa: E402

TOKEN = "xoxb-bench"
BATCHES = itertools.count(1)  # the engine rounds' update keys


@dataclass(frozen=True)
class Result:
    per_second: float
    p50: float  # seconds from sending the request to the answer at the fake Slack API
    p95: float
    cpu: float  # the process's CPU seconds per command (app, fake Slack API and clients together)


def measure(send: SlackSender, fake: FakeSlack, clients: int, commands: int) -> Result:
    """`commands` slash commands from `clients` threads, each waiting for its answer before the next."""
    answers: list[float] = []
    lock = threading.Lock()

    def one(index: int, number: int) -> None:
        url, sent, _ack = send_command(send, fake, index, number)
        call = fake.response_for(url, timeout=60)
        with lock:
            answers.append(call.at - sent)

    return timed(clients, commands, one, answers)


def timed(clients: int, commands: int, one: Callable[[int, int], None], answers: list[float]) -> Result:
    """Run the commands from `clients` threads (`one` adds each answer's seconds to `answers`)."""
    cpu = time.process_time()
    elapsed = in_parallel(clients, commands, one)
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


def engine_only(crm: Crm, clients: int, commands: int) -> Result:
    """The same commands straight into `Crm.handle` from `clients` threads, as the bridge hands them over."""
    batch = next(BATCHES)
    answers: list[float] = []

    def one(index: int, number: int) -> None:
        user = USERS[(index + number) % len(USERS)]
        sent = time.perf_counter()
        crm.handle(Incoming(text=engine_text(command(number)), workspace_key=workspace_key(TEAM), user_id=user,
                            user_name=user, workspace_name="acme-sales", language="en-US",
                            timezone="Europe/Berlin", update_key=f"engine:{batch}:{number}"))
        answers.append(time.perf_counter() - sent)  # list.append is atomic under the GIL

    return timed(clients, commands, one, answers)


@dataclass
class Apps:
    echo: SlackSender
    crmbot: SlackSender
    crm: Crm
    pool: "Profiled | None"


@contextmanager
def served(fake: FakeSlack, folder: str, profile: bool) -> Iterator[Apps]:
    """The echo app and crmbot (a seeded SQLite file), both on the fake Slack API; a sender for each."""
    db = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
    db.migrate()
    crm = Crm(db, clock=system_clock)
    seed(crm)
    settings = Settings(slack_bot_token=SecretStr(TOKEN), slack_app_token=None,
                        slack_signing_secret=SecretStr(SECRET), slack_api_url=fake.api_url)
    profiled = Profiled(WORKERS) if profile else None
    pools = [ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="echo"),
             profiled or ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="slack")]
    servers = [echo_server(fake.api_url, TOKEN, SECRET, executor=pools[0]),
               SlackHttpServer(build_app(settings, crm, executor=pools[1]), signing_secret=SECRET, port=0)]
    for server in servers:
        server.start()
    try:
        yield Apps(SlackSender(servers[0].url, SECRET, fake), SlackSender(servers[1].url, SECRET, fake), crm, profiled)
    finally:
        for server in servers:
            server.stop()
        for pool in pools:
            pool.shutdown(wait=True)
        db.dispose()


LABELS = {"echo": "Bolt echo app (anchor)", "crmbot": "crmbot, Slack channel",
          "engine": "crmbot engine alone, same threads"}


def run(args: argparse.Namespace) -> dict[tuple[str, int], list[Result]]:
    """The rounds: per number of clients the echo app, crmbot's Slack channel, crmbot's engine alone."""
    fake = FakeSlack(users={u: {"id": u, "name": u, "real_name": u, "tz": "Europe/Berlin", "locale": "en-US"}
                            for u in USERS}).start()
    results: dict[tuple[str, int], list[Result]] = {}
    try:
        with tempfile.TemporaryDirectory() as folder, served(fake, folder, bool(args.profile)) as apps:
            for send in (apps.echo, apps.crmbot):
                measure(send, fake, 2, 40)  # warm up: imports, users.info, the name index
            for _ in range(args.rounds):
                for clients in args.clients:
                    for name, send in (("echo", apps.echo), ("crmbot", apps.crmbot)):
                        results.setdefault((name, clients), []).append(measure(send, fake, clients, args.commands))
                    results.setdefault(("engine", clients), []).append(engine_only(apps.crm, clients, args.commands))
            if apps.pool is not None and args.profile:
                apps.pool.dump(args.profile)
    finally:
        fake.stop()
    return results


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3]) if os.path.exists("/proc/loadavg") else "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--commands", type=int, default=300, help="slash commands per round and app")
    parser.add_argument("--clients", type=int, nargs="+", default=[4, 16])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", help="write a cProfile of crmbot's listener threads to this file")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    before = load()
    results = run(args)
    print(f"/crm over signed HTTP, {args.commands} commands per round, {args.rounds} rounds alternating, medians; "
          f"{WORKERS} listener threads; load average {before} before, {load()} after\n")
    print("| app | clients | commands/s | ratio to echo | answer p50 ms | answer p95 ms | CPU ms/command |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    median = statistics.median
    for clients in args.clients:
        anchor = median(r.per_second for r in results[("echo", clients)])
        for name, label in LABELS.items():
            rows = results[(name, clients)]
            rate = median(r.per_second for r in rows)
            print(f"| {label} | {clients} | {rate:,.0f} | {rate / anchor:.2f} | {median(r.p50 for r in rows) * 1000:.1f} | "
                  f"{median(r.p95 for r in rows) * 1000:.1f} | {median(r.cpu for r in rows) * 1000:.2f} |")
    print("\nper-round ratios crmbot/echo: " + "; ".join(
        f"{c} clients " + " ".join(f"{mine.per_second / anchor.per_second:.2f}"
                                   for mine, anchor in zip(results[("crmbot", c)], results[("echo", c)], strict=True))
        for c in args.clients))


if __name__ == "__main__":
    main()
