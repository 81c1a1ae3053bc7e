"""Benchmark free-text understanding at scale: the corpus sentences on a workspace of 100,000 contacts.

The workspace is bulk-loaded as bench/bench_core.py does (its loader), plus the corpus's own contacts,
deals and tasks through the engine. Then, on every corpus message:

- `understanding.read()` alone, on the workspace's name index (the budget: 2 ms p50 per message);
- the engine on the free-text message (understanding, handlers and the transaction);
- the engine on slash commands of the same kinds, which skip understanding, for comparison.

    .venv/bin/python bench/bench_sentences_100k.py                       # full size, about a minute
    .venv/bin/python bench/bench_sentences_100k.py --contacts 5000 --notes 5000 --deals 500
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/ and tests/ are not installed packages

from bench import bench_core as core  # noqa: E402
from handlers.engine import Crm  # noqa: E402
from handlers.language.understanding import read  # noqa: E402
from storage.db import Database  # noqa: E402
from tests import understanding as u  # noqa: E402

BUDGET_P50_MS = 2.0
SLASH = ("/tasks", "/tasks today", "/deals", "/pipeline", "/show anna", "/find globex", "/note anna: called, wants pricing",
         "/task call Tom Becker friday 10am", "/report won this month", "/stuck")


def line(label: str, samples: list[float]) -> str:
    return (f"{label:<44} {len(samples):>5} {statistics.median(samples):>8.2f} {core.percentile(samples, 0.95):>8.2f} "
            f"{max(samples):>8.2f}")


def timed(run: object, inputs: list[str]) -> list[float]:
    """Milliseconds per input, after a few warm-up calls."""
    for item in inputs[:core.WARMUP]:
        run(item)  # type: ignore[operator]
    samples = []
    for item in inputs:
        started = time.perf_counter_ns()
        run(item)  # type: ignore[operator]
        samples.append((time.perf_counter_ns() - started) / 1e6)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--notes", type=int, default=20_000)
    parser.add_argument("--deals", type=int, default=5_000)
    parser.add_argument("--slowest", type=int, default=5, help="list the messages read() took longest on")
    args = parser.parse_args()
    messages = [entry["message"] for entry in u.load_corpus()]
    with tempfile.TemporaryDirectory(prefix="crmbot-sentences-") as folder:
        db = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
        db.migrate()
        crm = Crm(db, clock=lambda: core.NOW)
        loaded = core.load(db, crm, contacts=args.contacts, notes=args.notes, deals=args.deals)
        for command in u.expand_setup(["@team"], u.load_setups()):
            core.say(crm, command.split("] ", 1)[-1])
        index = crm.names.by_workspace[loaded.workspace_id]
        print(f"Workspace: {len(index):,} names in the index ({args.contacts:,} contacts bulk-loaded, "
              f"{args.notes:,} notes, {args.deals:,} deals, plus the corpus setup); {len(messages)} corpus messages\n")
        print(f"{'':<44} {'runs':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
        alone = timed(lambda text: read(text, names=index, now=core.NOW, tz=core.ZONE), messages)
        print(line("understanding.read() alone", alone))
        slow = sorted(zip(alone, messages, strict=False), reverse=True)[:args.slowest]
        print(line("engine, free text (with understanding)", timed(lambda text: core.say(crm, text), messages)))
        print(line("engine, slash commands (without)", timed(lambda text: core.say(crm, text), list(SLASH) * 10)))
        db.dispose()
    print("\nSlowest for read(): " + "; ".join(f"{ms:.1f} ms {text[:40]!r}" for ms, text in slow))
    verdict = "met" if statistics.median(alone) <= BUDGET_P50_MS else "MISSED"
    print(f"\nBudget: understanding adds at most {BUDGET_P50_MS:.0f} ms p50 per message: {verdict}")


if __name__ == "__main__":
    main()
