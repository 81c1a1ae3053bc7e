"""Benchmark segments at 100,000 contacts: the count a segment gives, through the real engine and in SQL alone.

The workspace is bulk-loaded as bench/bench_core.py does it (contacts, notes, deals), plus tags on a fifth of
the contacts, lead statuses, scores and open tasks. Then each segment query is timed as `/segment <query>`
through `Crm.handle` (parse, compile, count, the first ten members) and as the count alone.

    .venv/bin/python bench/bench_segments.py                       # full size
    .venv/bin/python bench/bench_segments.py --contacts 5000 --notes 10000 --deals 1000 --runs 20
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import insert, text
from sqlmodel import Session

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_core import NOW, load, machine_line, percentile, say  # noqa: E402

from handlers.engine import Crm  # noqa: E402
from handlers.outreach.segments import criteria_of  # noqa: E402
from storage import segments  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.models import Tag, Tagging, Task  # noqa: E402

TARGET_P95_MS = 50.0
QUERIES = ("tag:vip", "tag:vip last:>30d", "status:qualified score:>30", "-deal:open task:none",
           "company:m owner:me created:>2025-01-01", "stage:proposal,negotiation", "last:never",
           "tag:vip,fair -tag:lost status:new,contacted last:<90d score:10..60")


def decorate(db: Database, workspace_id: int, member_id: int, rng: random.Random) -> None:
    """Tags on a fifth of the contacts, lead statuses and scores on all, an open task on a tenth."""
    with db.engine.begin() as connection:
        ids = [row[0] for row in connection.execute(text("SELECT id FROM contact WHERE workspace_id = :ws"),
                                                    {"ws": workspace_id})]
        tag_ids = [connection.execute(insert(Tag).returning(Tag.id), {  # type: ignore[attr-defined]
            "workspace_id": workspace_id, "name": name, "key": name, "created_at": NOW}).scalar_one()
            for name in ("vip", "fair", "lost", "partner")]
        taggings = [{"workspace_id": workspace_id, "tag_id": rng.choice(tag_ids), "entity": "contact",
                     "entity_id": contact_id, "created_at": NOW} for contact_id in ids if rng.random() < 0.2]
        connection.execute(insert(Tagging), taggings)
        for remainder, status in enumerate(("contacted", "qualified", "unqualified", "converted"), start=1):
            connection.execute(text("UPDATE contact SET lead_status = :s WHERE workspace_id = :ws AND id % 7 = :m"),
                               {"s": status, "ws": workspace_id, "m": remainder})
        connection.execute(text("UPDATE contact SET score = (id * 37) % 90 WHERE workspace_id = :ws"),
                           {"ws": workspace_id})
        tasks = [{"workspace_id": workspace_id, "title": "call back", "contact_id": contact_id,
                  "due_at": NOW + timedelta(days=rng.randrange(1, 30)), "assignee_id": member_id,
                  "created_by": member_id, "created_at": NOW} for contact_id in ids if rng.random() < 0.1]
        connection.execute(insert(Task), tasks)
        connection.execute(text("ANALYZE"))


def timings(label: str, runs: int, work: "callable") -> tuple[str, float, float, float]:  # type: ignore[valid-type]
    samples = []
    for _ in range(3):
        work()
    for _ in range(runs):
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1000)
    return label, statistics.median(samples), percentile(samples, 0.95), max(samples)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--notes", type=int, default=200_000)
    parser.add_argument("--deals", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args(argv)
    print(machine_line(args), flush=True)
    with tempfile.TemporaryDirectory(prefix="crmbot-bench-") as folder:
        db = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
        db.migrate()
        crm = Crm(db, clock=lambda: NOW)
        loaded = load(db, crm, contacts=args.contacts, notes=args.notes, deals=args.deals)
        decorate(db, loaded.workspace_id, loaded.member_id, random.Random(7))
        rows = []
        for query in QUERIES:
            reply = say(crm, f"/segment {query}")
            count = reply.text.split(": ")[1].split(" ")[0] if "contact(s)" in reply.text else reply.text[:40]
            rows.append((*timings(f"/segment {query}", args.runs, lambda q=query: say(crm, f"/segment {q}")), count))
            with db.transaction(now=NOW) as session:
                criteria = sql_criteria(crm, session, loaded.workspace_id, query)
                rows.append((*timings("  count in SQL", args.runs, lambda c=criteria, s=session: segments.count(
                    session=s, workspace_id=loaded.workspace_id, criteria=c)), ""))
        width = max(len(row[0]) for row in rows)
        print(f"\n{'segment'.ljust(width)}  {'p50 ms':>7}  {'p95 ms':>7}  {'max ms':>7}  members")
        for label, p50, p95, most, count in rows:
            print(f"{label.ljust(width)}  {p50:7.1f}  {p95:7.1f}  {most:7.1f}  {count}")
        slow = [row[0] for row in rows if row[0].startswith("/") and row[2] > TARGET_P95_MS]
        print(f"\np95 target {TARGET_P95_MS:.0f} ms at {args.contacts:,} contacts: "
              + ("all met" if not slow else "missed by " + "; ".join(slow)))
        db.engine.dispose()


def sql_criteria(crm: Crm, session: Session, workspace_id: int, query: str) -> list[segments.Criterion]:
    """The query's criteria as the engine resolves them (owners, ages), for timing the SQL alone."""
    from handlers.context import Context
    from storage import queries

    workspace = queries.get_workspace(session=session, key="bench:workspace")
    member = queries.get_member(session=session, workspace_id=workspace_id, external_id="rep1")
    assert workspace is not None and member is not None
    ctx = Context(session=session, workspace=workspace, member=member, now=NOW, batch="bench",
                  index=crm._index(session, workspace))
    return criteria_of(ctx, query)


if __name__ == "__main__":
    main()
