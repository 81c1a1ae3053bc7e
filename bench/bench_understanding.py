"""Benchmark free-text understanding on the labelled corpus (tests/data/utterances.jsonl).

Each entry runs on a fresh SQLite database through the real engine, judged by tests/understanding.py.
Prints accuracy by category and language, the wrong writes (where the bot should have asked, or
filed on a look-alike), the questions that wrote, the most common failure kinds, and the time per
message (understanding plus engine, the judged message only).

    .venv/bin/python bench/bench_understanding.py              # the whole corpus, about 30 s
    .venv/bin/python bench/bench_understanding.py --failures   # also every failing entry and why
"""

import argparse
import statistics
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ is not an installed package

from storage.db import Database  # noqa: E402
from tests import understanding as u  # noqa: E402

Results = list[tuple[dict[str, Any], u.Verdict]]


def percentile(samples: list[float], share: float) -> float:
    """The value below which `share` of the samples fall (nearest rank)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def cell(results: Results) -> str:
    if not results:
        return "–"
    right = sum(verdict.ok for _entry, verdict in results)
    return f"{right}/{len(results)} {100 * right / len(results):.0f}%"


def accuracy_table(results: Results) -> list[str]:
    """Accuracy by category (rows) and language (columns), with totals."""
    lines = [f"| {'category':<10} | {'en':>12} | {'de':>12} | {'all':>12} |", f"|{'-' * 12}|{'-' * 13}:|{'-' * 13}:|{'-' * 13}:|"]
    for category in (*u.CATEGORIES, None):
        rows = [(e, v) for e, v in results if category is None or e["category"] == category]
        columns = [cell([(e, v) for e, v in rows if e["lang"] == lang]) for lang in u.LANGS] + [cell(rows)]
        name = category or "**total**"
        lines.append(f"| {name:<10} | " + " | ".join(f"{column:>12}" for column in columns) + " |")
    return lines


def failure_kinds(results: Results) -> Counter[str]:
    """Failures grouped by the kind the evaluator names first ("unexpected note", "wrong due", …)."""
    return Counter(verdict.reason.split(":")[0].split(" [")[0] for _entry, verdict in results if not verdict.ok)


def listed(title: str, rows: Results) -> list[str]:
    lines = [f"{title}: {len(rows)}"]
    lines += [f"  {entry['id']:<18} {entry['message'][:50]!r:<54} {verdict.reason[:90]}" for entry, verdict in rows]
    return lines


def report(results: Results, *, failures: bool) -> str:
    """The whole printout."""
    seconds = [verdict.seconds * 1000 for _entry, verdict in results]
    lines = [f"Understanding corpus: {len(results)} entries, accuracy {u.accuracy(results):.1%}", ""]
    lines += accuracy_table(results) + [""]
    lines += listed("Wrong writes", [(e, v) for e, v in results if v.wrong_write]) + [""]
    lines += listed("Questions that wrote", [(e, v) for e, v in results if v.question_wrote]) + [""]
    lines += ["Failure kinds:"] + [f"  {count:>4}  {kind}" for kind, count in failure_kinds(results).most_common()]
    lines += ["", f"Time per message (understanding + engine): p50 {statistics.median(seconds):.1f} ms, "
                  f"p95 {percentile(seconds, 0.95):.1f} ms, max {max(seconds):.1f} ms"]
    if failures:
        lines += [""] + listed("All failures", [(e, v) for e, v in results if not v.ok])
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="list every failing entry")
    parser.add_argument("--corpus", type=Path, default=u.CORPUS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        template = Path(folder) / "template.db"
        database = Database(f"sqlite:///{template}")
        database.migrate()
        database.dispose()
        results = u.measure(u.load_corpus(args.corpus), u.Databases(template, Path(folder)))
    print(report(results, failures=args.failures))


if __name__ == "__main__":
    main()
