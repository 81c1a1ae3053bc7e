"""Cold start: `crmbot console` from process start to its first reply, and `import bot.cli`, against an anchor.

The anchor is a bare `python -c pass` in the same run. `--baseline DIR` measures another checkout of
crmbot (e.g. `git archive e6f21ef | tar -x -C /tmp/crm_base`) alternating with this one, for before/after.
"""

import argparse
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
KEEP_BYTECODE_SETTING = False  # --compile-each-start: keep PYTHONDONTWRITEBYTECODE, every start compiles crmbot
MESSAGES = {"/help": "/help", "capture": "met Anna Schulz from Acme, wants a demo next tuesday 10am"}


def child_env(source: Path) -> dict[str, str]:
    """The environment of a measured start: a user's Python keeps compiled modules, so by default this one does."""
    env = {**os.environ, "PYTHONPATH": str(source)}
    if not KEEP_BYTECODE_SETTING:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def first_reply(source: Path, message: str, database: Path) -> float:
    """Seconds from starting `crmbot console` to the first line of its reply."""
    env = {**child_env(source), "DATABASE_URL": f"sqlite:///{database}"}
    for name in ("TELEGRAM_BOT_TOKEN", "SLACK_BOT_TOKEN", "IMAP_HOST", "WEB_PUBLIC_URL"):
        env.pop(name, None)
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", "import sys; from bot.cli import main; sys.exit(main())",
                                "console"], cwd=source, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(message + "\n")
    process.stdin.flush()
    line = process.stdout.readline()
    elapsed = time.perf_counter() - start
    process.stdin.close()
    process.wait(timeout=30)
    if not line.strip():
        raise SystemExit(f"no reply from {source}")
    return elapsed


def import_time(source: Path) -> float:
    """Seconds `import bot.cli` takes, by `python -X importtime` (its cumulative figure)."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-c", "import bot.cli"], cwd=source,
                            env=child_env(source), capture_output=True, text=True, check=True)
    match = re.search(r"\|\s*(\d+) \| bot\.cli$", result.stderr, re.MULTILINE)
    assert match is not None
    return int(match[1]) / 1e6


def bare_python() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - start


def measure(sources: list[Path], runs: int, scratch: Path) -> list[dict[str, list[float]]]:
    """Alternate the checkouts each run: import time, then each message on a fresh file and on a migrated one."""
    figures: list[dict[str, list[float]]] = [{} for _ in sources]
    migrated = [scratch / f"migrated-{n}.db" for n in range(len(sources))]
    for source, path in zip(sources, migrated, strict=True):
        first_reply(source, "/help", path)  # migrate once; later runs start on an empty, migrated database
        with sqlite3.connect(path) as connection:  # move the schema out of the WAL file, so a copy of the file has it
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for run in range(runs):
        for n, source in enumerate(sources):
            mine = figures[n]
            mine.setdefault("import bot.cli", []).append(import_time(source))
            for label, message in MESSAGES.items():
                fresh = scratch / f"fresh-{n}-{run}-{label.strip('/')}.db"
                mine.setdefault(f"first reply {label}, new database", []).append(first_reply(source, message, fresh))
                copy = scratch / f"copy-{n}-{run}.db"
                copy.write_bytes(migrated[n].read_bytes())
                mine.setdefault(f"first reply {label}, migrated", []).append(first_reply(source, message, copy))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", type=Path, help="another crmbot checkout, measured in the same run")
    parser.add_argument("--compile-each-start", action="store_true",
                        help="keep PYTHONDONTWRITEBYTECODE if set, so each start compiles crmbot's modules again")
    args = parser.parse_args()
    global KEEP_BYTECODE_SETTING
    KEEP_BYTECODE_SETTING = args.compile_each_start
    with tempfile.TemporaryDirectory() as scratch:
        anchor = [bare_python() for _ in range(args.runs)]
        sources = [HERE] + ([args.baseline.resolve()] if args.baseline else [])
        now, *rest = measure(sources, args.runs, Path(scratch))
        before = rest[0] if rest else None
    print(f"anchor `python -c pass`: median {statistics.median(anchor):.3f} s ({args.runs} runs), load average "
          f"{' '.join(f'{n:.1f}' for n in os.getloadavg())}, bytecode "
          f"{'compiled at each start' if 'PYTHONDONTWRITEBYTECODE' in child_env(HERE) else 'kept'}\n")
    print("| measure | before s | now s | now / anchor |" if before else "| measure | now s | now / anchor |")
    print("|---|---:|---:|---:|" if before else "|---|---:|---:|")
    for name, values in now.items():
        median = statistics.median(values)
        ratio = f"{median / statistics.median(anchor):.1f}x"
        if before:
            print(f"| {name} | {statistics.median(before[name]):.2f} | {median:.2f} | {ratio} |")
        else:
            print(f"| {name} | {median:.2f} | {ratio} |")


if __name__ == "__main__":
    main()
