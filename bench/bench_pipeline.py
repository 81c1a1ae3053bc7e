"""Benchmark the managers' questions at 1M contacts: /pipeline, /report and /forecast (and their German
forms), on SQLite and PostgreSQL, against the scans they replaced, in one run.

One workspace of 20 reps gets 1,000,000 contacts (bench_core's loader) and 200,000 deals (bench_core's
ratio of a deal per five contacts) over two years, in four currencies, each with its stage history: a
placement when created and, for deals further on, a move into their stage (won and lost ones at their
close). Open deals mostly have a close date in the next months. The SQLite file and the PostgreSQL
database are kept and reused when they already hold that size (`--fresh` builds them again).

Each command runs through `Crm.handle` (a question, so in the read session); the anchors are the queries
of before, kept here: the pipeline sums as a GROUP BY over the deals, and won/lost in a period as the
last entry into the stage per deal over the whole stage history. EXPLAIN shows the plans.

    .venv/bin/python bench/bench_pipeline.py                        # 1M contacts on SQLite and PostgreSQL
    .venv/bin/python bench/bench_pipeline.py --contacts 50000 --deals 10000 --runs 20 --no-postgres
"""

import argparse
import os
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import bench_core as core  # the loader, the timing helpers and the table printer (this folder)
from sqlalchemy import create_engine, event, func, text
from sqlmodel import Session, col, select

from handlers.engine import Crm
from handlers.texts.reply import Incoming
from storage import analytics
from storage.db import Database
from storage.models import Deal, DealStageChange
from storage.pipeline_sums import pipeline_totals, pipeline_totals_counted

PG_SERVER = "postgresql://postgres@127.0.0.1:55432"
PG_DATABASE = "bench_pipeline"
REPS = 20
CURRENCIES = ("EUR",) * 7 + ("USD", "USD", "CHF")
STAGE_WEIGHTS = (25, 15, 15, 10, 25, 10)  # lead … negotiation, won, lost
COMMANDS = ("/pipeline", "/report", "/report won", "/report lost", "/report reps", "/report sources",
            "/report won last month", "/forecast", "/forecast by rep", "/auswertung vertrieb", "/prognose")


def times(runs: int) -> list[None]:
    """Inputs for `core.timed`: its warm-up calls, then `runs` timed ones."""
    return [None] * (core.WARMUP + runs)


def say(crm: Crm, message: str) -> str:
    reply = crm.handle(Incoming(text=message, workspace_key=core.WORKSPACE, user_id=core.USER, user_name="Rep One",
                                workspace_name="Bench", language="de" if message in ("/auswertung vertrieb",
                                                                                      "/prognose") else "en",
                                timezone=core.ZONE, now=core.NOW))
    assert not reply.text.startswith(("Sorry", "Entschuldigung")), (message, reply.text)
    return reply.text


def members(crm: Crm) -> list[int]:
    for rep in range(2, REPS + 1):
        crm.handle(Incoming(text="/help", workspace_key=core.WORKSPACE, user_id=f"rep{rep}", user_name=f"Rep {rep}",
                            language="en", timezone=core.ZONE, now=core.NOW))
    with Session(crm.db.engine) as session:
        return [row[0] for row in session.execute(text("SELECT id FROM member ORDER BY id"))]


def deal_rows(rng: random.Random, ws: int, owners: list[int], count: int, contacts: range,
              stages: list[tuple[int, int]]) -> Iterator[dict[str, Any]]:
    for _ in range(count):
        stage_id, probability = rng.choices(stages, weights=STAGE_WEIGHTS)[0]
        created = core.NOW - timedelta(seconds=rng.randrange(730 * 86_400))
        closing = created + timedelta(days=rng.randrange(5, 120))
        if stage_id not in (stages[4][0], stages[5][0]):  # open: due in the coming months, a few undated
            closing = core.NOW + timedelta(days=rng.randrange(-20, 200)) if rng.random() < 0.95 else None
        elif closing > core.NOW:
            closing = core.NOW - timedelta(seconds=rng.randrange(86_400 * 20))
        title = f"Deal {rng.randrange(10**6)}"
        yield {"workspace_id": ws, "title": title, "title_key": title.casefold(),
               "contact_id": rng.choice(contacts), "value_cents": rng.randrange(500, 250_000) * 100,
               "currency": rng.choice(CURRENCIES), "stage_id": stage_id, "probability": probability,
               "close_date": closing, "owner_id": rng.choice(owners), "created_at": created, "updated_at": created}


def stage_rows(connection: Any, ws: int, lead: int, closed: tuple[int, int]) -> Iterator[dict[str, Any]]:
    """The placement of every deal, and the move into its stage for those further on (at the close if closed)."""
    for deal_id, stage_id, owner, created, closing in connection.execute(
            select(Deal.id, Deal.stage_id, Deal.owner_id, Deal.created_at, Deal.close_date)
            .where(Deal.workspace_id == ws)):
        yield {"workspace_id": ws, "deal_id": deal_id, "from_stage_id": None, "to_stage_id": lead,
               "member_id": owner, "changed_at": created}
        if stage_id != lead:
            at = closing if stage_id in closed and closing else created + timedelta(days=3)
            yield {"workspace_id": ws, "deal_id": deal_id, "from_stage_id": lead, "to_stage_id": stage_id,
                   "member_id": owner, "changed_at": at}


def build(db: Database, crm: Crm, args: argparse.Namespace) -> int:
    """The workspace at the asked size: reused when it is there, else loaded (returns the workspace id)."""
    db.migrate()
    with db.engine.connect() as connection:
        found = connection.execute(text("SELECT (SELECT COUNT(*) FROM contact), (SELECT COUNT(*) FROM deal), "
                                        "(SELECT MIN(id) FROM workspace)")).one()
    if not args.fresh and tuple(found[:2]) == (args.contacts, args.deals):
        print(f"  reusing {found[0]:,} contacts and {found[1]:,} deals")
        return int(found[2])
    started = time.perf_counter()
    loaded = core.load(db, crm, contacts=args.contacts, notes=0, deals=0)
    ws, owners = loaded.workspace_id, members(crm)
    rng = random.Random(core.SEED)
    with Session(db.engine) as session:
        stages = [(s[0], s[1]) for s in session.execute(text(
            "SELECT id, probability FROM pipelinestage WHERE workspace_id = :ws ORDER BY position"), {"ws": ws})]
    with db.engine.begin() as connection:
        first = connection.execute(text("SELECT MIN(id) FROM contact")).scalar_one()
        core.bulk_insert(connection, Deal, deal_rows(rng, ws, owners, args.deals,
                                                     range(first, first + args.contacts), stages))
        rows = list(stage_rows(connection, ws, stages[0][0], (stages[4][0], stages[5][0])))
        core.bulk_insert(connection, DealStageChange, iter(rows))
    with db.engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
        connection.commit()
    print(f"  loaded in {time.perf_counter() - started:.0f} s ({loaded.seconds['contacts']:.0f} s contacts)")
    return ws


# --- the queries of before, kept as the anchors --------------------------------------------------------

def closed_sums_scanned(session: Session, ws: int, stage_id: int, start: datetime, end: datetime) -> list[Any]:
    """Won/lost in a period as it was read before 0019: the last entry per deal over the whole history."""
    entered = (select(DealStageChange.deal_id, func.max(DealStageChange.changed_at).label("at"))
               .where(DealStageChange.workspace_id == ws, DealStageChange.to_stage_id == stage_id)
               .group_by(col(DealStageChange.deal_id)).subquery())
    query = (select(Deal.currency, func.count(), func.sum(Deal.value_cents)).select_from(Deal)
             .join(entered, entered.c.deal_id == Deal.id)
             .where(Deal.workspace_id == ws, Deal.stage_id == stage_id, entered.c.at >= start, entered.c.at < end)
             .group_by(col(Deal.currency)))
    return sorted(tuple(row) for row in session.exec(query))


def component_timings(db: Database, ws: int, runs: int) -> list[core.Timing]:
    month = core.NOW.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    with db.reading(now=core.NOW) as session:
        won = analytics.stage_ids(session=session, workspace_id=ws, keys=("won",))[0]
        kept = sorted(pipeline_totals(session=session, workspace_id=ws))
        assert kept == sorted(pipeline_totals_counted(session=session, workspace_id=ws)), "the kept sums drifted"
        indexed = sorted(row[1:] for row in analytics.closed_sums(session=session, workspace_id=ws, stage_id=won,
                                                                  start=month, end=core.NOW + timedelta(days=1)))
        assert indexed == closed_sums_scanned(session, ws, won, month, core.NOW + timedelta(days=1))
        assert indexed, "nothing won this month: the data is not what the benchmark means"

        def each(run: Callable[[], object]) -> Callable[[object], object]:
            return lambda _: run()

        def end() -> datetime:
            return core.NOW + timedelta(days=1)

        return [
            core.timed("before: pipeline sums, GROUP BY over the deals", times(max(3, runs // 5)), each(
                lambda: pipeline_totals_counted(session=session, workspace_id=ws))),
            core.timed("now: pipeline sums, kept (PipelineTotal)", times(runs), each(
                lambda: pipeline_totals(session=session, workspace_id=ws))),
            core.timed("before: won this month, whole stage history", times(max(3, runs // 5)), each(
                lambda: closed_sums_scanned(session, ws, won, month, end()))),
            core.timed("now: won this month, index range", times(runs), each(
                lambda: analytics.closed_sums(session=session, workspace_id=ws, stage_id=won, start=month,
                                              end=end()))),
        ]


def plans(db: Database, ws: int) -> list[str]:
    """The query plans of the kept sums, won this month and the forecast's closing deals."""
    month = core.NOW.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    with db.reading(now=core.NOW) as session:
        won = analytics.stage_ids(session=session, workspace_id=ws, keys=("won",))[0]
        open_ids = analytics.stage_ids(session=session, workspace_id=ws,
                                       keys=("lead", "qualified", "proposal", "negotiation"))
        statements: list[tuple[str, Any]] = []
        capture: list[Any] = []

        def remember(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
            capture.append((statement, parameters))

        for engine in db.engines:  # on PostgreSQL the reading session has its own pool
            event.listen(engine, "before_cursor_execute", remember)
        try:
            for label, run in (
                    ("pipeline", lambda: pipeline_totals(session=session, workspace_id=ws)),
                    ("won this month", lambda: analytics.closed_sums(session=session, workspace_id=ws, stage_id=won,
                                                                     start=month, end=core.NOW)),
                    ("forecast month", lambda: analytics.forecast_sums(session=session, workspace_id=ws,
                                                                       open_ids=open_ids, commit_ids=open_ids[3:],
                                                                       start=month, end=core.NOW + timedelta(days=30))),
                    ("new this month", lambda: analytics.created_sums(session=session, workspace_id=ws,
                                                                      start=month, end=core.NOW))):
                capture.clear()
                run()
                statements.append((label, capture[-1]))
        finally:
            for engine in db.engines:
                event.remove(engine, "before_cursor_execute", remember)
        lines = []
        prefix = "EXPLAIN QUERY PLAN " if db.is_sqlite else "EXPLAIN "
        raw = session.connection().connection.driver_connection
        assert raw is not None
        for label, (statement, parameters) in statements:
            cursor = raw.cursor()
            cursor.execute(prefix + statement, parameters)
            rows = cursor.fetchall()
            lines.append(f"  {label}:")
            lines += ["    " + " | ".join(str(cell) for cell in row[-1:]) for row in rows]
        return lines


def measure(name: str, url: str, args: argparse.Namespace) -> None:
    db = Database(url)
    crm = Crm(db, clock=lambda: core.NOW)
    print(f"\n## {name}")
    ws = build(db, crm, args)
    rows = component_timings(db, ws, args.runs)
    for command in COMMANDS:
        rows.append(core.timed(command, times(args.runs), lambda _, c=command: say(crm, c)))
    print(core.table(("what", "runs", "p50 ms", "p95 ms", "max ms"), [row.cells(2) for row in rows]))
    before, now = rows[0].p50, rows[1].p50
    print(f"pipeline sums: {before / now:.0f}x faster than the scan; won this month: "
          f"{rows[2].p50 / rows[3].p50:.0f}x; load average {Path('/proc/loadavg').read_text().split()[:3]}")
    print("\n".join(plans(db, ws)))
    db.engine.dispose()


def postgres_url() -> str:
    server = create_engine(f"postgresql+psycopg://{PG_SERVER.removeprefix('postgresql://')}/postgres",
                           isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        if not connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                  {"name": PG_DATABASE}).first():
            connection.execute(text(f"CREATE DATABASE {PG_DATABASE}"))
    server.dispose()
    return f"{PG_SERVER}/{PG_DATABASE}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--deals", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--sqlite", default=os.path.join(tempfile.gettempdir(), "bench_pipeline.db"))
    parser.add_argument("--fresh", action="store_true", help="build the data again even when it is there")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    print(f"# {args.contacts:,} contacts, {args.deals:,} deals, {args.runs} runs; "
          f"load average {Path('/proc/loadavg').read_text().split()[:3]}")
    if args.fresh and os.path.exists(args.sqlite):
        os.remove(args.sqlite)
    if not args.no_sqlite:
        measure("SQLite", f"sqlite:///{args.sqlite}", args)
    if not args.no_postgres:
        url = postgres_url()
        if args.fresh:
            with Database(url).engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        measure("PostgreSQL", url, args)


if __name__ == "__main__":
    main()
