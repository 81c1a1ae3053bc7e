"""Date reading over tests/data/dates.tsv: accuracy by kind and language, and speed against
plain dateparser in one run.

    .venv/bin/python bench/bench_dates.py [--repeat 3]

Accuracy counts a phrase right when crmbot gives the labelled local time, the labelled question
("ask") or the labelled refusal; "wrong" counts readings that are neither right nor a refusal.
Speed: each phrase through `read_when` / `find_when` (the fast path, with dateparser behind it),
against `dateparser.parse` on the same phrase.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from collections import Counter
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from handlers.language.dates import find_when, read_when, warm_up  # noqa: E402

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "dates.tsv"


def load() -> list[dict[str, str]]:
    with CORPUS.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def crmbot(row: dict[str, str]) -> str:
    """crmbot's answer: a local time, "ask" or "refuse"."""
    zone = ZoneInfo(row["zone"])
    now = datetime.fromisoformat(row["now"]).replace(tzinfo=zone)
    read = find_when if row["rest"] else read_when
    match = read(row["phrase"], now=now, tz=row["zone"])
    if match is None:
        return "refuse"
    if match.ask == "conflict" or (match.ask == "past" and row["expected"] == "ask"):
        return "ask"
    return f"{match.when.astimezone(zone):%Y-%m-%d %H:%M}"


def plain(row: dict[str, str]) -> str:
    """Plain dateparser's answer on the same phrase (English and German, preferring the future)."""
    import dateparser  # type: ignore[import-untyped]

    now = datetime.fromisoformat(row["now"])
    found = dateparser.parse(row["phrase"], languages=["en", "de"],
                             settings={"PREFER_DATES_FROM": "future", "RELATIVE_BASE": now})
    if found is None:
        return "refuse"
    return f"{found:%Y-%m-%d %H:%M}"


def timed(rows: list[dict[str, str]], read, repeat: int) -> list[float]:  # noqa: ANN001
    """Milliseconds per phrase, the best of `repeat` runs for each."""
    out = []
    for row in rows:
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            read(row)
            best = min(best, time.perf_counter() - start)
        out.append(best * 1000)
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = load()
    warm_up()
    for row in rows[:50]:  # load holiday calendars and dateparser's languages once
        crmbot(row), plain(row)
    right, wrong, total, plain_right = Counter(), Counter(), Counter(), Counter()
    for row in rows:
        group = (row["kind"], row["lang"])
        got = crmbot(row)
        total[group] += 1
        right[group] += got == row["expected"]
        wrong[group] += got not in (row["expected"], "refuse")
        plain_right[group] += plain(row) == row["expected"]
    print(f"{len(rows)} phrases from {CORPUS.name}\n")
    print("| kind | lang | phrases | crmbot right | wrong | plain dateparser right |")
    print("|---|---|---:|---:|---:|---:|")
    for group in sorted(total):
        print(f"| {group[0]} | {group[1]} | {total[group]} | {right[group] / total[group]:.0%} "
              f"| {wrong[group]} | {plain_right[group] / total[group]:.0%} |")
    for lang in ("en", "de"):
        n = sum(v for g, v in total.items() if g[1] == lang)
        ok = sum(v for g, v in right.items() if g[1] == lang)
        bad = sum(v for g, v in wrong.items() if g[1] == lang)
        base = sum(v for g, v in plain_right.items() if g[1] == lang)
        print(f"| **all** | {lang} | {n} | {ok / n:.0%} | {bad} | {base / n:.0%} |")
    fast = timed(rows, crmbot, args.repeat)
    slow = timed(rows, plain, args.repeat)
    print("\n| reader | total ms | p50 ms | p95 ms |")
    print("|---|---:|---:|---:|")
    for name, values in (("crmbot (fast path, dateparser behind)", fast), ("plain dateparser", slow)):
        print(f"| {name} | {sum(values):,.0f} | {statistics.median(values):.3f} | {p95(values):.3f} |")
    print(f"\nratio: plain dateparser takes {sum(slow) / sum(fast):.1f}x crmbot's time over the corpus")


if __name__ == "__main__":
    main()
