"""Benchmark the scheduler's work: claiming due reminders among 100,000 tasks, and the 1,000 digests of 8 o'clock.

50 team workspaces of 20 members (an owner, who gets the team digest with its PNG chart, and 19 reps) in
Berlin, New York and Tokyo, with 20,000 contacts, 50,000 notes, 20,000 deals and 100,000 tasks, go into a
fresh SQLite file with plain bulk inserts (the loaders and table printer of bench_core.py). Most tasks are
done (two in five before they were due, so they were never reminded) or in the future; a few thousand are
overdue and already reminded; a few hundred are due and not yet reminded. Then `claim_due_reminders` and
`due_digests` run on that data at one fixed `now`, and every result is checked before it is reported.

    .venv/bin/python bench/bench_scheduler.py                 # full size, about 30 s on 2 cores
    .venv/bin/python bench/bench_scheduler.py --members 60 --deals 600 --tasks 3000   # smoke run, ~5 s
    .venv/bin/python bench/bench_scheduler.py --profile       # then cProfile the reminder pass and the digests
"""

import argparse
import cProfile
import os
import platform
import pstats
import random
import sqlite3
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any
from zoneinfo import ZoneInfo

import bench_core as core  # the loaders and the table printer of the core benchmark (this folder)
from sqlalchemy import bindparam, event, select, text, update
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col

from handlers.crm import charts as chart_module
from handlers.language.names import fold
from handlers.notify import digest, reminders
from handlers.notify.reminders import CLAIM_LEASE, Notification, claim_due_reminders
from storage import queries
from storage.db import Database
from storage.models import Company, Contact, Deal, DealStageChange, Interaction, Member, Task

# A Wednesday: 14:30 in Berlin, 08:30 in New York, 22:30 in Tokyo, so every 08:00 digest is due.
NOW = datetime(2026, 11, 25, 13, 30, tzinfo=UTC)
ZONES = ("Europe/Berlin", "America/New_York", "Asia/Tokyo")
TEAM_SIZE = 20
OWNER = "bench-scheduler"
CLAIM_LIMIT = 200  # claim_due_reminders' default: one tick claims at most this many
DAY = 86_400
TASK_TITLES = ("Call {name}", "Send the proposal to {name}", "Follow up with {name}", "{name} anrufen",
               "Angebot an {name} schicken", "Demo for {name}")
OWN_TITLES = ("Update the forecast", "Prepare the QBR", "Vertrag verlängern", "Pipeline review",
              "Expense report", "Messe vorbereiten")
# Shares of the tasks that are not due now: done (40% of them before their due time), open in the future,
# open without a date, and overdue but already reminded.
# due_digests before a workspace's digests shared one read of its figures (commit c755c60: one transaction
# per member that claimed and built the digest with its own queries), run back to back with today's code on
# the same machine and load: (total ms, longest chat-write wait ms).
BEFORE = {"due_digests, every member due": 11_114, "a chat write while due_digests runs, max wait": 3_386}
TASK_SHARES = {"done": 0.595, "future": 0.30, "undated": 0.06, "overdue": 0.04}


# --- loading ----------------------------------------------------------------------------

@dataclass
class Team:
    workspace_id: int
    zone: str
    member_ids: list[int]  # the owner first, then the reps
    stages: list[tuple[int, str, int]]  # (id, key, probability) in pipeline order
    contacts: list[tuple[int, int | None, str]] = field(default_factory=list)  # (id, company id, name)


def ago(rng: random.Random, low_days: float, high_days: float) -> datetime:
    return NOW - timedelta(seconds=rng.uniform(low_days * DAY, high_days * DAY))


def make_teams(db: Database, rng: random.Random, members: int) -> list[Team]:
    """Workspaces through the storage layer (for their pipelines), members by bulk insert."""
    teams = []
    with db.transaction(now=NOW) as session:
        for n in range(max(1, -(-members // TEAM_SIZE))):
            workspace = queries.create_workspace(session=session, key=f"{('telegram', 'slack')[n % 2]}:bench-{n}",
                                                 name=f"Team {n + 1}")
            stages = queries.stages(session=session, workspace_id=workspace.id)  # type: ignore[arg-type]
            teams.append(Team(workspace.id, ZONES[n % len(ZONES)], [],  # type: ignore[arg-type]
                              [(s.id, s.key, s.probability) for s in stages]))  # type: ignore[misc]
    rows = []
    for n in range(members):
        team = teams[n // TEAM_SIZE]
        zone = team.zone if rng.random() < 0.8 else rng.choice(ZONES)
        day = NOW.astimezone(ZoneInfo(zone)).date() - timedelta(days=1)
        yesterday = datetime(day.year, day.month, day.day, 8, tzinfo=ZoneInfo(zone)).astimezone(UTC)  # at 08:00
        last = None if rng.random() < 0.1 else yesterday + timedelta(seconds=rng.randrange(30))  # 10% are new
        rows.append({"workspace_id": team.workspace_id, "external_id": f"user-{n}",
                     "name": f"{rng.choice(core.FIRST_NAMES)} {rng.choice(core.COMMON_LAST_NAMES)}",
                     "role": "owner" if n % TEAM_SIZE == 0 else "rep",
                     "language": "de" if zone == "Europe/Berlin" and rng.random() < 0.6 else "en", "timezone": zone,
                     "digest_time": "08:00", "digest_enabled": True, "digest_days": "12345", "last_digest_at": last,
                     "delivery_failures": 0, "delivery_paused": False, "created_at": ago(rng, 30, 700)})
    with db.engine.begin() as connection:
        core.bulk_insert(connection, Member, iter(rows))
        for team in teams:
            team.member_ids = list(connection.execute(
                select(Member.id).where(Member.workspace_id == team.workspace_id).order_by(Member.id)).scalars())
    return teams


def with_people(rows: Iterator[dict[str, Any]], rng: random.Random, team: Team, key: str) -> Iterator[dict[str, Any]]:
    """bench_core's rows, each owned or written by a random member of the team."""
    for row in rows:
        yield {**row, key: rng.choice(team.member_ids)}


def deal_rows(rng: random.Random, teams: list[Team], count: int) -> Iterator[dict[str, Any]]:
    """Deals in every stage; some close this week or month, many are untouched for weeks."""
    for n in range(count):
        team = teams[n % len(teams)]
        stage_id, key, probability = rng.choices(team.stages, weights=(30, 20, 20, 10, 12, 8))[0]
        created = ago(rng, 0, 700)
        touched = rng.random()
        updated = max(created, ago(rng, 0, 1) if touched < 0.03 else ago(rng, 1, 14) if touched < 0.35
                      else ago(rng, 14, 300))
        closing = rng.random()
        if key in ("won", "lost"):
            close = updated
        else:
            close = (NOW + timedelta(hours=rng.uniform(1, 96)) if closing < 0.1
                     else NOW + timedelta(days=rng.uniform(4, 35)) if closing < 0.25
                     else NOW + timedelta(days=rng.uniform(35, 120)) if closing < 0.6
                     else ago(rng, 1, 60) if closing < 0.7 else None)
        contact = rng.choice(team.contacts) if team.contacts and rng.random() < 0.7 else None
        title = f"{rng.choice(core.COMPANY_WORDS)} {rng.choice(core.PRODUCTS)}"
        usd = team.zone == "America/New_York" and rng.random() < 0.7
        yield {"workspace_id": team.workspace_id, "title": title, "title_key": fold(title),
               "company_id": contact[1] if contact else None, "contact_id": contact[0] if contact else None,
               "value_cents": rng.randrange(500, 250_000) * 100, "currency": "USD" if usd else "EUR",
               "stage_id": stage_id, "probability": probability, "close_date": close,
               "owner_id": rng.choice(team.member_ids[1:] or team.member_ids), "created_at": created,
               "updated_at": updated}


def stage_change_rows(rng: random.Random, teams: list[Team], deals: Sequence[Any]) -> Iterator[dict[str, Any]]:
    """Each deal's first placement, and the move into its stage when it left the first one."""
    by_workspace = {team.workspace_id: team for team in teams}
    for deal_id, workspace_id, stage_id, owner_id, created, updated in deals:
        stages = by_workspace[workspace_id].stages
        first = stages[0][0]
        yield {"workspace_id": workspace_id, "deal_id": deal_id, "from_stage_id": None, "to_stage_id": first,
               "member_id": owner_id, "changed_at": created}
        if stage_id != first:
            position = next(i for i, stage in enumerate(stages) if stage[0] == stage_id)
            source = stages[3][0] if stages[position][1] == "won" else \
                stages[rng.randrange(4)][0] if stages[position][1] == "lost" else stages[position - 1][0]
            yield {"workspace_id": workspace_id, "deal_id": deal_id, "from_stage_id": source, "to_stage_id": stage_id,
                   "member_id": owner_id, "changed_at": updated}


def task_kinds(rng: random.Random, count: int) -> list[str]:
    """What each task is, shuffled: a few hundred due now, the rest by TASK_SHARES."""
    due, stale, held = count // 250, count // 2000, count // 2000
    rest = rng.choices(list(TASK_SHARES), weights=list(TASK_SHARES.values()), k=count - due - stale - held)
    kinds = ["due"] * due + ["stale_claim"] * stale + ["held_claim"] * held + rest
    rng.shuffle(kinds)
    return kinds


def task_times(rng: random.Random, kind: str) -> dict[str, Any]:
    """due_at, done_at, reminded_at and the claim of one task of this kind."""
    times: dict[str, Any] = {"due_at": None, "done_at": None, "reminded_at": None, "reminder_claimed_at": None,
                             "reminder_claimed_by": None}
    if kind == "done":
        due = ago(rng, 0.1, 365) if rng.random() < 0.9 else None
        if due is not None and rng.random() < 0.4:  # done before it was due: never reminded
            times.update(due_at=due, done_at=due - timedelta(seconds=rng.randrange(3 * DAY)))
        elif due is not None:
            reminded = due + timedelta(seconds=rng.randrange(30))
            times.update(due_at=due, reminded_at=reminded,
                         done_at=min(NOW - timedelta(minutes=1), reminded + timedelta(seconds=rng.randrange(2 * DAY))))
        else:
            times.update(done_at=ago(rng, 0, 365))
    elif kind == "future":
        times["due_at"] = NOW + timedelta(minutes=15 * rng.randrange(1, 90 * 96))
    elif kind == "overdue":
        due = ago(rng, 1 / 24, 30)
        times.update(due_at=due, reminded_at=due + timedelta(seconds=rng.randrange(30)))
    elif kind == "due":  # due within the last hour: the bot was restarted
        times["due_at"] = ago(rng, 0, 1 / 24)
    elif kind == "stale_claim":  # a scheduler claimed it ten minutes ago and died
        times.update(due_at=ago(rng, 1 / 96, 1 / 24), reminder_claimed_at=NOW - timedelta(minutes=10),
                     reminder_claimed_by="crashed-scheduler")
    elif kind == "held_claim":  # another scheduler is sending it right now
        times.update(due_at=ago(rng, 0, 1 / 288), reminder_claimed_at=NOW - timedelta(seconds=10),
                     reminder_claimed_by="other-scheduler")
    return times


def task_rows(rng: random.Random, teams: list[Team], kinds: list[str]) -> Iterator[dict[str, Any]]:
    for kind in kinds:
        team = rng.choice(teams)
        assignee = team.member_ids[0] if rng.random() < 0.05 else rng.choice(team.member_ids[1:] or team.member_ids)
        contact = rng.choice(team.contacts) if team.contacts and rng.random() < 0.7 else None
        title = (rng.choice(TASK_TITLES).format(name=contact[2]) if contact else rng.choice(OWN_TITLES))
        times = task_times(rng, kind)
        anchor = min(moment for moment in (NOW, times["due_at"], times["done_at"]) if moment is not None)
        yield {"workspace_id": team.workspace_id, "title": title, "contact_id": contact[0] if contact else None,
               "assignee_id": assignee, "created_by": assignee,
               "created_at": anchor - timedelta(hours=rng.uniform(1, 336)), **times}


def load(db: Database, args: argparse.Namespace) -> tuple[list[Team], dict[str, float]]:
    """Everything by bulk insert in one transaction per table; returns the teams and seconds per step."""
    rng = random.Random(core.SEED)
    seconds: dict[str, float] = {}
    started = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal started
        seconds[name] = time.perf_counter() - started
        started = time.perf_counter()

    teams = make_teams(db, rng, args.members)
    lap("workspaces and members")
    surnames = core.last_names(rng, 2000)
    per_team = max(1, args.contacts // len(teams))
    with db.engine.begin() as connection:
        for team in teams:
            ws, owner = team.workspace_id, team.member_ids[0]
            core.bulk_insert(connection, Company, core.company_rows(rng, ws, max(1, per_team // 10), surnames))
            companies = [(row[0], row[1]) for row in connection.execute(
                select(Company.id, Company.name).where(Company.workspace_id == ws))]
            contacts = core.contact_rows(rng, ws, owner, per_team, companies, surnames)
            core.bulk_insert(connection, Contact, with_people(contacts, rng, team, "owner_id"))
            team.contacts = [(row[0], row[1], row[2]) for row in connection.execute(
                select(Contact.id, Contact.company_id, Contact.name).where(Contact.workspace_id == ws))]
    lap("companies and contacts")
    with db.engine.begin() as connection:
        for team in teams:
            notes = core.note_rows(rng, team.workspace_id, team.member_ids[0], args.notes // len(teams),
                                   [contact[0] for contact in team.contacts])
            core.bulk_insert(connection, Interaction, with_people(notes, rng, team, "author_id"))
    lap("notes (with FTS5 trigram)")
    with db.engine.begin() as connection:
        core.bulk_insert(connection, Deal, deal_rows(rng, teams, args.deals))
        deals = connection.execute(select(Deal.id, Deal.workspace_id, Deal.stage_id, Deal.owner_id, Deal.created_at,
                                          Deal.updated_at).order_by(Deal.id)).all()
        core.bulk_insert(connection, DealStageChange, stage_change_rows(rng, teams, deals))
    lap("deals and stage changes")
    with db.engine.begin() as connection:
        core.bulk_insert(connection, Task, task_rows(rng, teams, task_kinds(rng, args.tasks)))
    lap("tasks")
    return teams, seconds


# --- measuring --------------------------------------------------------------------------

@dataclass
class Row:
    """One line of a results table: n samples in milliseconds, or one total."""

    label: str
    samples: list[float]
    check: str = ""
    total_ms: float | None = None  # when the work is not the sum of the samples (a whole pass)
    count: int | None = None

    def cells(self) -> tuple[str, ...]:
        n = self.count if self.count is not None else len(self.samples)
        total = self.total_ms if self.total_ms is not None else sum(self.samples)
        spread = len(self.samples) > 1
        return (self.label, f"{n:,}", f"{core.percentile(self.samples, 0.5):.2f}" if spread else "-",
                f"{core.percentile(self.samples, 0.95):.2f}" if spread else "-", f"{total:,.1f}",
                f"{total / n:.2f}" if n else "-", self.check)


HEADER = ("measure", "n", "p50 ms", "p95 ms", "total ms", "ms each", "check")


def fail(message: str) -> None:
    """Stop: a benchmark whose results are wrong must not print timings."""
    sys.exit(f"check failed: {message}")


def repeat(run: Callable[[], Any], runs: int, warmup: int = 3) -> tuple[list[float], Any]:
    result = None
    for _ in range(warmup):
        run()
    samples = []
    for _ in range(runs):
        started = time.perf_counter_ns()
        result = run()
        samples.append((time.perf_counter_ns() - started) / 1e6)
    return samples, result


@contextmanager
def recording(module: ModuleType | type, name: str, samples: list[tuple[float, Any, Any]]) -> Iterator[None]:
    """Time every call of `module.name` made while the block runs, keeping (ms, arguments, result)."""
    original = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter_ns()
        result = original(*args, **kwargs)
        samples.append(((time.perf_counter_ns() - started) / 1e6, (args, kwargs), result))
        return result

    setattr(module, name, wrapper)
    try:
        yield
    finally:
        setattr(module, name, original)


def query_plan(db: Database, run: Callable[[], Any]) -> tuple[str, list[str]]:
    """The SQL `run` sends first, and SQLite's EXPLAIN QUERY PLAN for it as an indented tree."""
    sent: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            sent.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", capture)
    try:
        run()
    finally:
        event.remove(db.engine, "before_cursor_execute", capture)
    statement, parameters = sent[0]
    with db.engine.connect() as connection:
        rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
    depth: dict[int, int] = {0: 0}
    lines = []
    for node, parent, _unused, detail in rows:
        depth[node] = depth.get(parent, 0) + 1
        lines.append("  " * depth[node] + detail)
    return " ".join(statement.split()), lines


def due_ids(db: Database, now: datetime, limit: int | None = None) -> list[int]:
    """What the scheduler's SELECT returns at `now` (the same statement claim_due_reminders runs)."""
    statement = queries.claimable_reminders(now=now, stale_before=now - CLAIM_LEASE)
    statement = statement if limit is None else statement.limit(limit)
    with Session(db.engine) as session:
        return [task_id for task_id, _claimer in session.exec(statement)]


def claimed_by(db: Database, owner: str) -> int:
    with db.engine.connect() as connection:
        return int(connection.execute(text("SELECT COUNT(*) FROM task WHERE reminder_claimed_by = :owner"),
                                      {"owner": owner}).scalar_one())


def find_rows(db: Database, runs: int, label: str) -> list[Row]:
    due = len(due_ids(db, NOW))
    find, found = repeat(lambda: due_ids(db, NOW, CLAIM_LIMIT), runs)
    return [Row(f"find due ({label}): claimable_reminders LIMIT {CLAIM_LIMIT}", find, f"{len(found)} of {due} due")]


def claim_all(db: Database) -> tuple[int, list[Notification]]:
    """Call claim_due_reminders until it finds nothing, as successive scheduler ticks would; (calls, reminders)."""
    calls, notifications = 0, []
    while batch := claim_due_reminders(db, now=NOW, owner=OWNER):
        notifications += batch
        calls += 1
    return calls, notifications


def reminder_pass(db: Database) -> tuple[list[Row], list[Notification]]:
    """Claim and build every due reminder at NOW, one claim_due_reminders call per tick, as the scheduler does."""
    expected = set(due_ids(db, NOW))
    held = claimed_by(db, "other-scheduler")
    built: list[tuple[float, Any, Any]] = []
    started = time.perf_counter_ns()
    with recording(reminders, "reminder_for", built):
        calls, notifications = claim_all(db)
    total = (time.perf_counter_ns() - started) / 1e6
    ids = [n.task_id for n in notifications]
    if len(ids) != len(expected) or set(ids) != expected:
        fail(f"claimed {len(ids)} reminders ({len(set(ids))} distinct), {len(expected)} were due")
    if any(not n.reply.text.startswith("⏰") or not n.reply.buttons for n in notifications):
        fail("a reminder without its text or buttons")
    if due_ids(db, NOW) or claimed_by(db, OWNER) != len(ids):
        fail("reminders left due after the pass, or claims not recorded")
    if claimed_by(db, "other-scheduler") != held:
        fail("took over a live claim of another scheduler")
    with_contact = sum("👤" in n.reply.text for n in notifications)
    label = f"claim_due_reminders, full pass ({calls} call{'s' * (calls != 1)} + 1 empty)"
    return [Row(label, [total], f"{len(ids)} claimed = due", total_ms=total, count=len(ids)),
            Row("  of which reminder_for (build one message)", [ms for ms, _, _ in built],
                f"{with_contact} with contact context")], notifications


def reset_digests(db: Database, previous: list[tuple[int, datetime | None]]) -> None:
    """Put every member's last digest back, so the digests are due again."""
    statement = (update(Member).where(col(Member.id) == bindparam("member"))
                 .values(last_digest_at=bindparam("last")))
    with db.engine.begin() as connection:
        connection.execute(statement, [{"member": member, "last": last} for member, last in previous])


def digest_rows(db: Database, teams: list[Team], members: int, chart_runs: int) -> list[Row]:
    """due_digests for everyone, split into team and rep digests, then the chart on its own."""
    with Session(db.engine) as session:
        started = time.perf_counter_ns()
        digest.pipeline_chart(session, teams[0].workspace_id, "en")
        cold = (time.perf_counter_ns() - started) / 1e6
        rng = random.Random(core.SEED)
        chart, _ = repeat(lambda: digest.pipeline_chart(session, rng.choice(teams).workspace_id, "en"), chart_runs)
    replies: list[tuple[float, Any, Any]] = []
    charts: list[tuple[float, Any, Any]] = []
    started = time.perf_counter_ns()
    with recording(digest, "digest_reply", replies), recording(chart_module, "draw", charts):
        notes = digest.due_digests(db, now=NOW)
    total = (time.perf_counter_ns() - started) / 1e6
    check_digests(notes, replies, members)
    again, nothing = repeat(lambda: digest.due_digests(db, now=NOW), 1, warmup=0)
    if nothing:
        fail(f"a second due_digests at the same time built {len(nothing)} digests")
    team = [ms for ms, (_args, kwargs), _ in replies if kwargs["team"]]
    reps = [ms for ms, (_args, kwargs), _ in replies if not kwargs["team"]]
    return [Row("due_digests, every member due", [total], f"{len(notes):,} digests, none empty", total_ms=total,
                count=len(notes)),
            Row("  team digest + own day (owners)", team, "each with a PNG chart"),
            Row("  rep digest (reps)", reps),
            Row("  charts drawn after each commit (charts.draw, cache misses)", [ms for ms, _, _ in charts]),
            Row("pipeline_chart alone, warm (query + PNG)", chart),
            Row("pipeline_chart, first call (loads the font)", [cold]),
            Row("due_digests again at the same now", again, "0 digests")]


def check_digests(notes: list[Notification], replies: list[tuple[float, Any, Any]], members: int) -> None:
    if len(notes) != members or len({n.member_id for n in notes}) != members:
        fail(f"{len(notes)} digests for {members} members")
    if len(replies) != members:
        fail(f"digest_reply ran {len(replies)} times for {members} members")
    for _ms, (_args, kwargs), reply in replies:
        if not reply.text.strip() or "☀️" not in reply.text:
            fail(f"an empty digest: {reply.text!r}")
        has_chart = reply.file is not None and reply.file.content.startswith(b"\x89PNG")
        if kwargs["team"] != has_chart or (kwargs["team"] and "📈" not in reply.text):
            fail(f"team={kwargs['team']} but chart={has_chart}: {reply.text[:80]!r}")


def writer_row(db: Database, previous: list[tuple[int, datetime | None]]) -> Row:
    """Run due_digests again while a chat writes a processed update every 50 ms; how long did each write wait?"""
    reset_digests(db, previous)
    waits: list[float] = []
    failures = 0
    done = threading.Event()

    def chat() -> None:
        nonlocal failures
        n = 0
        while not done.is_set():
            n += 1
            started = time.perf_counter_ns()
            try:
                with db.transaction(now=NOW) as session:
                    queries.claim_update(session=session, key=f"telegram:bench-{n}")
                waits.append((time.perf_counter_ns() - started) / 1e6)
            except OperationalError:
                failures += 1
            time.sleep(0.05)

    writer = threading.Thread(target=chat)
    writer.start()
    time.sleep(0.2)
    notes = digest.due_digests(db, now=NOW)
    done.set()
    writer.join()
    if len(notes) != len(previous):
        fail(f"the rerun built {len(notes)} digests")
    return Row("a chat write while due_digests runs", waits,
               f"max wait {max(waits, default=0):,.0f} ms, {failures} 'database is locked'", total_ms=sum(waits))


def before_after(digest_table: list[Row]) -> str:
    """Today's digest pass and chat-write wait beside the figures before the shared team reads (BEFORE)."""
    total = next(row for row in digest_table if row.label.startswith("due_digests, every member")).total_ms
    waits = next(row for row in digest_table if row.label.startswith("a chat write")).samples
    now = {"due_digests, every member due": total, "a chat write while due_digests runs, max wait": max(waits, default=0)}
    rows = [[label, f"{BEFORE[label]:,.0f}", f"{now[label]:,.0f}", f"{BEFORE[label] / max(now[label], 1):.1f}x"]
            for label in BEFORE]
    return "Before / after (ms)\n" + core.table(["measure", "before", "after", "ratio"], rows)


def profile(label: str, run: Callable[[], Any], lines: int = 25) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(run)
    print(f"\n--- cProfile: {label} (cumulative, top {lines}) ---")
    pstats.Stats(profiler, stream=sys.stdout).strip_dirs().sort_stats("cumulative").print_stats(lines)


# --- output -----------------------------------------------------------------------------

def machine_line(args: argparse.Namespace) -> str:
    return (f"crmbot scheduler bench · Python {platform.python_version()} · SQLite {sqlite3.sqlite_version} · "
            f"{os.cpu_count()} CPUs ({platform.machine()}) · {args.members:,} members, {args.contacts:,} contacts, "
            f"{args.notes:,} notes, {args.deals:,} deals, {args.tasks:,} tasks · now {NOW:%a %d %b %H:%M} UTC")


def task_summary(db: Database) -> str:
    sql = ("SELECT SUM(done_at IS NOT NULL), SUM(done_at IS NOT NULL AND reminded_at IS NULL AND due_at IS NOT NULL), "
           "SUM(done_at IS NULL AND due_at > :now), SUM(done_at IS NULL AND due_at IS NULL), "
           "SUM(done_at IS NULL AND due_at <= :now AND reminded_at IS NOT NULL), "
           "SUM(done_at IS NULL AND due_at <= :now AND reminded_at IS NULL) FROM task")
    with Session(db.engine) as session:
        done, early, future, undated, overdue, due = session.execute(
            text(sql), {"now": NOW.strftime("%Y-%m-%d %H:%M:%S.%f")}).one()
    return (f"Tasks: {done:,} done ({early:,} of them before they were due, never reminded), {future:,} open in "
            f"the future, {undated:,} open without a date, {overdue:,} overdue and reminded, {due:,} due and "
            f"not yet reminded (some claimed by a dead or a live scheduler)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=1_000)
    parser.add_argument("--deals", type=int, default=20_000)
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--contacts", type=int, help="default: as many as deals")
    parser.add_argument("--notes", type=int, help="default: 2.5 per deal")
    parser.add_argument("--runs", type=int, default=50, help="repeats of the find query")
    parser.add_argument("--profile", action="store_true", help="then cProfile the reminder pass and the digests")
    args = parser.parse_args(argv)
    args.contacts = args.deals if args.contacts is None else args.contacts
    args.notes = args.deals * 5 // 2 if args.notes is None else args.notes
    print(machine_line(args), flush=True)
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="crmbot-bench-") as folder:
        db = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
        db.migrate()
        teams, seconds = load(db, args)
        size_mb = sum(p.stat().st_size for p in Path(folder).iterdir()) / 1e6
        print(f"\nLoad: {sum(seconds.values()):.1f} s ({', '.join(f'{k} {s:.1f} s' for k, s in seconds.items())}); "
              f"database {size_mb:.0f} MB; {len(teams)} workspaces; no ANALYZE, as in production")
        print(task_summary(db), flush=True)

        sql, plan = query_plan(db, lambda: due_ids(db, NOW, CLAIM_LIMIT))
        print(f"\nThe reminder query (claim_due_reminders → claimable_reminders):\n  {sql}\nEXPLAIN QUERY PLAN:")
        print("\n".join(plan))
        rows = find_rows(db, args.runs, f"{args.tasks:,} tasks")
        pass_rows, _notifications = reminder_pass(db)
        rows += pass_rows
        rows += find_rows(db, args.runs, "quiet tick")
        print("\nReminders\n" + core.table(HEADER, [row.cells() for row in rows]), flush=True)

        with db.engine.connect() as connection:
            previous = [(row[0], row[1]) for row in connection.execute(select(Member.id, Member.last_digest_at))]
        digest_table = digest_rows(db, teams, args.members, chart_runs=20)
        digest_table.append(writer_row(db, previous))
        print("\nDigests\n" + core.table(HEADER, [row.cells() for row in digest_table]), flush=True)
        print("\n" + before_after(digest_table), flush=True)

        if args.profile:
            db.engine.dispose()
            with db.engine.begin() as connection:
                connection.execute(text(f"UPDATE task SET reminder_claimed_at = NULL, reminder_claimed_by = NULL "
                                        f"WHERE reminder_claimed_by = '{OWNER}'"))
            profile("claim_due_reminders until nothing is due", lambda: claim_all(db))
            reset_digests(db, previous)
            profile("due_digests for every member", lambda: digest.due_digests(db, now=NOW))
        db.engine.dispose()
    print(f"\nTotal {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
