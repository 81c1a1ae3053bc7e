"""The engine's own cost per message: SQL statements and CPU milliseconds per message kind, single-threaded.

    .venv/bin/python bench/bench_engine_cost.py                         # SQLite file, 400 messages, 20 reps
    .venv/bin/python bench/bench_engine_cost.py --database-url postgresql://...   # that database is emptied
    .venv/bin/python bench/bench_engine_cost.py --baseline /tmp/base    # and another checkout, alternately

The mix is the one the Telegram and Slack ratio benches send (bench/bench_telegram.py's templates). Each run
is a fresh database with a workspace and some contacts made through the engine; then the messages go through
`Crm.handle` one after the other. Statements are counted with a `before_cursor_execute` listener on the
engine (here only); CPU is `time.process_time` around each `handle`. With --baseline, each round runs both
checkouts in subprocesses, alternately, so a busy machine skews both alike.
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

FIRST = ["Anna", "Lena", "Jonas", "Paul", "Marie", "Felix", "Sophie", "Lukas", "Clara", "Tobias", "Greta", "Moritz"]
LAST = ["Schulz", "Braun", "Meyer", "Wagner", "Becker", "Hoffmann", "Koch", "Richter", "Wolf", "Neumann",
        "Schwarz", "Zimmermann", "Krüger", "Hartmann", "Lange", "Werner", "Krause", "Lehmann", "Köhler", "Herrmann"]
COMPANIES = ["Acme", "Solaris Energie", "Nordwind", "Bergmann Bau", "Helix Pharma", "Rheinland Logistik"]
KINDS = [  # (kind, template): the mix of bench/bench_telegram.py
    ("start", "/start"),
    ("free text", "met {name} from {company}, wants a demo next tuesday 10am"),
    ("add contact", "/add {name2}, {company2}, {email}"),
    ("note", "/note {name}: called, wants pricing for 40 seats"),
    ("task", "/task send the offer to {name} tomorrow 9am"),
    ("tasks", "/tasks"),
    ("find", "/find {last}"),
    ("free text 2", "{name2} called back, meeting friday 14:00"),
    ("deal", "/deal {company} rollout 12k EUR proposal"),
    ("pipeline", "/pipeline"),
]


def script(rep: int, count: int) -> list[tuple[str, str]]:
    """A rep's (kind, text) messages, round robin over the kinds."""
    out = []
    for i in range(count):
        k = rep + i // len(KINDS)
        first, last = FIRST[k % len(FIRST)], LAST[(k * 3) % len(LAST)]
        first2, last2 = FIRST[(k + 5) % len(FIRST)], LAST[(k * 7 + 11) % len(LAST)]
        kind, template = KINDS[i % len(KINDS)]
        out.append((kind, template.format(
            name=f"{first} {last}", last=last, company=COMPANIES[k % len(COMPANIES)],
            name2=f"{first2} {last2}", company2=COMPANIES[(k + 2) % len(COMPANIES)],
            email=f"{first2}.{last2}@example.com".lower().replace("ü", "ue").replace("ö", "oe"))))
    return out


def worker(root: str, database_url: str | None, messages: int, reps: int, contacts: int) -> dict[str, Any]:
    """Run the mix in the checkout at `root` (this process imports its code); per kind: statements, CPU ms."""
    sys.path.insert(0, root)
    from sqlalchemy import event, text

    from handlers.engine import Crm
    from handlers.texts.reply import Incoming
    from storage.db import Database

    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    ticks = [0]

    def clock() -> datetime:
        ticks[0] += 1
        return start + timedelta(seconds=ticks[0])

    with tempfile.TemporaryDirectory() as directory:
        db = Database(database_url or f"sqlite:///{directory}/bench.db")
        if database_url:
            with db.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        db.migrate()
        crm = Crm(db, clock=clock)
        for i in range(contacts):  # some contacts, made the ordinary way
            crm.handle(Incoming(f"/add {FIRST[i % 12]} {LAST[(i // 12) % 20]}{i}, {COMPANIES[i % 6]}",
                                "bench:team", str(1000 + i % reps), user_name=f"Rep {i % reps}"))
        statements = [0]
        event.listen(db.engine, "before_cursor_execute", lambda *args: statements.__setitem__(0, statements[0] + 1))
        scripts = [script(rep, messages // reps) for rep in range(reps)]
        counts: dict[str, list[int]] = defaultdict(list)
        cpu: dict[str, list[float]] = defaultdict(list)
        update = 0
        for i in range(messages // reps):
            for rep in range(reps):
                kind, message = scripts[rep][i]
                update += 1
                before, began = statements[0], time.process_time()
                crm.handle(Incoming(message, "bench:team", str(1000 + rep), user_name=f"Rep {rep}",
                                    update_key=f"bench:{update}"))
                cpu[kind].append((time.process_time() - began) * 1000)
                counts[kind].append(statements[0] - before)
        db.dispose()
    return {kind: {"statements": counts[kind], "cpu": cpu[kind]} for kind in counts}


def run_checkout(root: str, args: argparse.Namespace) -> dict[str, Any]:
    """One worker in a subprocess, so each checkout imports its own code."""
    command = [sys.executable, __file__, "--worker", root, "--messages", str(args.messages), "--reps", str(args.reps),
               "--contacts", str(args.contacts)] + (["--database-url", args.database_url] if args.database_url else [])
    result: dict[str, Any] = json.loads(subprocess.run(command, check=True, capture_output=True, text=True,
                                                       cwd=root).stdout)
    return result


def merge(rounds: list[dict[str, Any]]) -> dict[str, dict[str, list[float]]]:
    merged: dict[str, dict[str, list[float]]] = defaultdict(lambda: {"statements": [], "cpu": []})
    for found in rounds:
        for kind, values in found.items():
            merged[kind]["statements"] += values["statements"]
            merged[kind]["cpu"] += values["cpu"]
    return merged


def table(title: str, after: dict[str, dict[str, list[float]]], before: dict[str, dict[str, list[float]]] | None) -> None:
    print(f"\n{title}")
    head = f"{'kind':<13}{'stmts/msg':>10}{'CPU ms p50':>12}"
    print(head + (f"{'base stmts':>12}{'base ms p50':>13}" if before else ""))
    kinds = [kind for kind, _ in KINDS if kind in after]
    for kind in kinds + ["all"]:
        def values(data: dict[str, dict[str, list[float]]], key: str, kind: str = kind) -> list[float]:
            return [v for k in kinds for v in data[k][key]] if kind == "all" else data[kind][key]
        line = (f"{kind:<13}{statistics.mean(values(after, 'statements')):>10.1f}"
                f"{statistics.median(values(after, 'cpu')):>12.2f}")
        if before:
            line += (f"{statistics.mean(values(before, 'statements')):>12.1f}"
                     f"{statistics.median(values(before, 'cpu')):>13.2f}")
        print(line)
    total = sum(sum(after[k]["cpu"]) for k in kinds) / sum(len(after[k]["cpu"]) for k in kinds)
    line = f"mean CPU ms per message: {total:.2f}"
    if before:
        base = sum(sum(before[k]["cpu"]) for k in kinds) / sum(len(before[k]["cpu"]) for k in kinds)
        line += f" (baseline {base:.2f}, ratio after/before {total / base:.2f})"
    print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--messages", type=int, default=400)
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--contacts", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--baseline", default=None, help="another checkout's root, run alternately")
    parser.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.database_url, args.messages, args.reps, args.contacts)))
        return
    here = str(Path(__file__).resolve().parents[1])
    print(f"load average before: {Path('/proc/loadavg').read_text().strip()}")
    print(f"{args.messages} messages from {args.reps} reps, {args.contacts} contacts, {args.rounds} rounds, "
          f"{'PostgreSQL' if args.database_url else 'SQLite file'}")
    after, before = [], []
    for _ in range(args.rounds):
        if args.baseline:
            before.append(run_checkout(args.baseline, args))
        after.append(run_checkout(here, args))
    table("this checkout" + (f" vs baseline {args.baseline}" if args.baseline else ""), merge(after),
          merge(before) if before else None)
    print(f"load average after: {Path('/proc/loadavg').read_text().strip()}")


if __name__ == "__main__":
    main()
