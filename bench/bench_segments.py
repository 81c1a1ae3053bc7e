"""Benchmark segments at 100,000 contacts: before and after migration 0018, in SQL and through the real engine.

The workspace is bulk-loaded as bench/bench_core.py does it (contacts, notes, deals), plus tags on a fifth of
the contacts, lead statuses, scores, open tasks, postal addresses (cities in several spellings) and two custom
fields. Each query is timed in one run three ways: the SQL as it was before 0018 (bench/segments_before.py, with
0018's indexes dropped), the SQL of today (count and first ten in one round trip, as before), and
`/segment <query>` through `Crm.handle` (parse, resolve, count, the first ten members). Both SQL forms must give
the same count. The three take turns over five rounds (0018's indexes dropped and made again each round), so a
busy machine weighs on before and after alike.

    .venv/bin/python bench/bench_segments.py                       # full size, SQLite in a temp file
    .venv/bin/python bench/bench_segments.py --database-url postgresql://postgres@127.0.0.1:55432/<db>  # its schema is replaced
    .venv/bin/python bench/bench_segments.py --contacts 5000 --notes 10000 --deals 1000 --runs 20
"""

import argparse
import importlib
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import Engine, insert, text
from sqlmodel import Session

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import segments_before  # noqa: E402
from bench_core import NOW, load, loaded_workspace, machine_line, percentile, say  # noqa: E402

from handlers.engine import Crm  # noqa: E402
from handlers.outreach.segments import criteria_of  # noqa: E402
from storage import segments  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.models import Address, Contact, CustomField, CustomValue, Tag, Tagging, Task  # noqa: E402

TARGET_P95_MS = 50.0
ROUNDS = 5
QUERIES = ("tag:vip", "tag:vip last:>30d", "status:qualified score:>30", "-deal:open task:none", "deal:open",
           "task:open", "company:m owner:me created:>2025-01-01", "stage:proposal,negotiation", "last:never",
           "source:imp", "branche:handel", "umsatz:>5000",
           "tag:vip,fair -tag:lost status:new,contacted last:<90d score:10..60",
           "city:münchen", "plz:80*", "country:at", "stadt:muenchen land:deutschland tag:vip",
           "country:de")  # most of the workspace: a place set of 87,000
PLACES = (("München", "803", "DE"), ("Muenchen", "804", "Deutschland"), ("Munich", "805", "Germany"),
          ("Hamburg", "200", "DE"), ("Berlin", "101", "DE"), ("Köln", "506", "DE"), ("Wien", "10", "AT"),
          ("Graz", "80", "Österreich"), ("Zürich", "80", "CH"), ("Paris", "750", "FR"))
TOWNS = 5000  # further towns, each with its own postcodes
BACKFILL = ("UPDATE contact SET last_interaction_at = (SELECT max(interaction.created_at) FROM interaction "
            "WHERE interaction.workspace_id = contact.workspace_id AND interaction.contact_id = contact.id)")  # as 0016
FACTS = importlib.import_module("storage.migrations.versions.0018_segment_facts")  # its backfill of open deals, tasks
KEYS = importlib.import_module("storage.migrations.versions.0021_segment_keys")  # its backfill of the folded columns


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
        connection.execute(insert(Address), addresses(connection, workspace_id, ids, rng))
        custom_fields(connection, workspace_id, ids, rng)
        for statement in (BACKFILL, FACTS.OPEN_DEALS, FACTS.OPEN_TASKS, KEYS.SOURCE_KEYS):
            connection.execute(text(statement))
        KEYS.backfill_places(connection)
        KEYS.backfill_numbers(connection)
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE" if db.engine.dialect.name == "postgresql" else "ANALYZE"))


def custom_fields(connection: object, workspace_id: int, ids: list[int], rng: random.Random) -> None:
    """Branche (text) on 30% of the contacts, Umsatz (a number) on 20%."""
    for name, kind, share, value in (("Branche", "text", 0.3, lambda: rng.choice(("Handel", "Industrie", "IT"))),
                                     ("Umsatz", "number", 0.2, lambda: str(rng.randrange(100, 20_000)))):
        field_id = connection.execute(insert(CustomField).returning(CustomField.id), {  # type: ignore[attr-defined]
            "workspace_id": workspace_id, "applies_to": "contact", "name": name, "name_key": name.lower(),
            "kind": kind, "created_at": NOW}).scalar_one()
        rows = [{"workspace_id": workspace_id, "field_id": field_id, "entity": "contact", "entity_id": contact_id,
                 "value": (v := value()), "value_key": v.lower()} for contact_id in ids if rng.random() < share]
        connection.execute(insert(CustomValue), rows)  # type: ignore[attr-defined]


def addresses(connection: object, workspace_id: int, contact_ids: list[int], rng: random.Random) -> list[dict]:
    """An address on 80% of the contacts (a tenth of them a second one) and on half the companies."""
    company_ids = [row[0] for row in connection.execute(  # type: ignore[attr-defined]
        text("SELECT id FROM company WHERE workspace_id = :ws"), {"ws": workspace_id})]
    weights = [30.0] * len(PLACES) + [1.0] * TOWNS

    def row(kind: str, owner_id: int, position: int) -> dict:
        place = rng.choices(range(len(PLACES) + TOWNS), weights)[0]
        city, code, country = PLACES[place] if place < len(PLACES) else (f"Neustadt {place}", f"{place:03d}", "DE")
        return {"workspace_id": workspace_id, "owner_kind": kind, "owner_id": owner_id, "label": "work",
                "street": "Hauptstr. 1", "postcode": f"{code}{rng.randrange(100):02d}"[:5], "city": city,
                "region": "", "country": country, "position": position}

    rows = [row("contact", i, 0) for i in contact_ids if rng.random() < 0.8]
    rows += [row("contact", r["owner_id"], 1) for r in rows[: len(rows) // 10]]
    return rows + [row("company", i, 0) for i in company_ids if rng.random() < 0.5]


def samples(runs: int, work: "callable") -> list[float]:  # type: ignore[valid-type]
    """`runs` timings in ms, after three warm-up runs."""
    found = []
    for _ in range(3):
        work()
    for _ in range(runs):
        started = time.perf_counter()
        work()
        found.append((time.perf_counter() - started) * 1000)
    return found


def p50_p95(found: list[float]) -> tuple[float, float]:
    return statistics.median(found), percentile(found, 0.95)


def fresh(url: str | None, folder: str, kept: Path | None = None) -> Database:
    """An empty, migrated database: a SQLite file (the kept one, or one in the folder), or the PostgreSQL one with
    its schema replaced."""
    if url is None:
        db = Database(f"sqlite:///{kept or Path(folder) / 'bench.db'}")
    else:
        db = Database(url)
        with db.engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    db.migrate()
    return db


def set_new_indexes(engine: Engine, present: bool) -> None:
    """Drop 0018's indexes (for the before run) or create them again, then ANALYZE."""
    indexes = [i for table in (Contact.__table__, Address.__table__) for i in table.indexes  # type: ignore[attr-defined]
               if i.name in segments_before.NEW_INDEXES]
    with engine.begin() as connection:
        for index in indexes:
            index.create(connection) if present else index.drop(connection)
        connection.execute(text("ANALYZE"))


def sql_rows(db: Database, crm: Crm, workspace_id: int, runs: int, *, before: bool,
             into: dict[str, tuple[int, list[float]]]) -> None:
    """Add each query's count and timings in SQL alone (the form before 0018 or today's) to `into`."""
    with db.transaction(now=NOW) as session:
        for query in QUERIES:
            criteria = sql_criteria(crm, session, workspace_id, query)
            def work(c: list = criteria, s: Session = session) -> tuple[int, list]:
                if before:
                    return segments_before.first_page(s, workspace_id, c, 10)
                return segments.first_page(session=s, workspace_id=workspace_id, criteria=c, limit=10)

            into.setdefault(query, (work()[0], []))[1].extend(samples(runs, work))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--notes", type=int, default=200_000)
    parser.add_argument("--deals", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=100, help="timed runs per query and form, over 5 rounds")
    parser.add_argument("--database-url", default=None, help="PostgreSQL to use instead (its schema is replaced)")
    parser.add_argument("--keep", default=None, metavar="PATH",
                        help="SQLite: build the workspace in this file once and reuse it on later runs")
    args = parser.parse_args(argv)
    print(machine_line(argparse.Namespace(**vars(args), database=args.database_url)), flush=True)
    with tempfile.TemporaryDirectory(prefix="crmbot-bench-") as folder:
        kept = Path(args.keep) if args.keep and args.database_url is None else None
        if kept and kept.exists():
            db = Database(f"sqlite:///{kept}")
            db.migrate()  # a file kept by an older tree gets the newer migrations
        else:
            db = fresh(args.database_url, folder, kept)
        crm = Crm(db, clock=lambda: NOW)
        found = loaded_workspace(db) if kept else None
        loaded = found or load(db, crm, contacts=args.contacts, notes=args.notes, deals=args.deals)
        if found is None:
            decorate(db, loaded.workspace_id, loaded.member_id, random.Random(7))
        before: dict[str, tuple[int, list[float]]] = {}
        after: dict[str, tuple[int, list[float]]] = {}
        engine: dict[str, list[float]] = {query: [] for query in QUERIES}
        for _ in range(ROUNDS):  # before and after take turns, so both see the machine's load alike
            set_new_indexes(db.engine, present=False)
            sql_rows(db, crm, loaded.workspace_id, args.runs // ROUNDS, before=True, into=before)
            set_new_indexes(db.engine, present=True)
            sql_rows(db, crm, loaded.workspace_id, args.runs // ROUNDS, before=False, into=after)
            for query in QUERIES:
                engine[query] += samples(args.runs // ROUNDS, lambda q=query: say(crm, f"/segment {q}"))
        print_table({q: (n, *p50_p95(t)) for q, (n, t) in before.items()},
                    {q: (n, *p50_p95(t)) for q, (n, t) in after.items()}, {q: p50_p95(t) for q, t in engine.items()})
        slow = [query for query, found in engine.items() if p50_p95(found)[1] > TARGET_P95_MS]
        print(f"\np95 target {TARGET_P95_MS:.0f} ms through the engine at {args.contacts:,} contacts: "
              + ("all met" if not slow else "missed by " + "; ".join(slow)))
        db.dispose()


def print_table(before: dict[str, tuple], after: dict[str, tuple], engine: dict[str, tuple[float, float]]) -> None:
    """One row per query: members, SQL before and after 0018 (p50/p95), the ratio of the p95s, the engine's."""
    width = max(len(query) for query in QUERIES)
    print(f"\n{'query'.ljust(width)}  {'members':>7}  {'before p50':>10}  {'p95':>6}  {'after p50':>9}  {'p95':>6}"
          f"  {'ratio':>6}  {'/segment p50':>12}  {'p95':>6}")
    for query in QUERIES:
        count, p50, p95 = after[query]
        if query in before:
            assert before[query][0] == count, (query, before[query][0], count)
            old = f"{before[query][1]:10.1f}  {before[query][2]:6.1f}"
            ratio = f"{before[query][2] / p95:5.1f}x"
        else:
            old, ratio = f"{'-':>10}  {'-':>6}", f"{'new':>6}"
        print(f"{query.ljust(width)}  {count:7}  {old}  {p50:9.1f}  {p95:6.1f}  {ratio}  {engine[query][0]:12.1f}"
              f"  {engine[query][1]:6.1f}")


def sql_criteria(crm: Crm, session: Session, workspace_id: int, query: str) -> list[segments.Criterion]:
    """The query's criteria as the engine resolves them (owners, ages), for timing the SQL alone."""
    from handlers.context import Context
    from storage import queries

    workspace = queries.get_workspace(session=session, key="bench:workspace")
    member = queries.get_member(session=session, workspace_id=workspace_id, external_id="rep1")
    assert workspace is not None and member is not None
    ctx = Context(session=session, workspace=workspace, member=member, now=NOW, batch="bench",
                  index=crm.names.get(session, workspace))
    return criteria_of(ctx, query)


if __name__ == "__main__":
    main()
