"""Reminders and digests with a clock the test moves: once, on time, across zones and DST, after a
restart, with two schedulers on one database, and digest numbers checked one by one."""

import asyncio
import sys
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlmodel import select

from bot.scheduler import Scheduler
from handlers.engine import Crm
from handlers.notify.digest import digest_reply
from handlers.notify.reminders import Notification, claim_due_reminders
from storage.models import Member, PendingChoice, ProcessedUpdate, Task, Workspace
from tests.conftest import NOW, Chat

ROOT = Path(__file__).parent.parent


class RecordingNotifier:
    """Keeps what it was asked to deliver; fails for the members listed in `broken`."""

    def __init__(self) -> None:
        self.sent: list[Notification] = []
        self.broken: set[str] = set()

    async def deliver(self, notification: Notification) -> None:
        if notification.member_external_id in self.broken:
            raise ConnectionError("blocked by the user")
        self.sent.append(notification)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def scheduler(crm: Crm, clock: Clock, notifier: RecordingNotifier, owner: str = "a") -> Scheduler:
    return Scheduler(crm.db, {"console": notifier, "telegram": notifier}, clock=clock, owner=owner)


def reminders(notifier: RecordingNotifier) -> list[Notification]:
    return [n for n in notifier.sent if n.task_id is not None]


def no_digests(crm: Crm) -> None:
    with crm.db.transaction(now=NOW) as session:
        for member in session.exec(select(Member)):
            member.digest_enabled = False
            session.add(member)


@pytest.mark.parametrize("zone, due_utc", [
    ("Europe/Berlin", datetime(2026, 11, 26, 8, 0, tzinfo=timezone.utc)),
    ("America/New_York", datetime(2026, 11, 26, 14, 0, tzinfo=timezone.utc)),
    ("Asia/Tokyo", datetime(2026, 11, 26, 0, 0, tzinfo=timezone.utc)),
])
async def test_reminder_fires_once_at_the_right_instant(crm: Crm, zone: str, due_utc: datetime) -> None:
    chat = Chat(crm, timezone_name=zone)
    chat.say("/add Anna Schulz, Acme GmbH")
    chat.say("/note anna: wants pricing")
    chat.say("/deal Acme rollout 12k proposal #1")
    chat.say("/task call Anna tomorrow 9am")
    no_digests(crm)
    clock, notifier = Clock(due_utc - timedelta(minutes=1)), RecordingNotifier()
    run = scheduler(crm, clock, notifier)
    assert await run.tick() == []
    clock.now = due_utc
    [sent] = await run.tick()
    assert sent.reply.text.startswith("⏰ Reminder: call Anna")
    assert "👤 Anna Schulz (Acme GmbH) · 📝 wants pricing · 💼 Acme rollout 12,000 EUR (Proposal)" in sent.reply.text
    assert [b.command for row in sent.reply.buttons for b in row] == ["/done 1", "/snooze 1 1h", "/snooze 1 tomorrow",
                                                                      "/due 1"]
    clock.now += timedelta(minutes=10)
    assert await run.tick() == []


async def test_reminder_across_the_dst_change(crm: Crm) -> None:
    chat = Chat(crm, now=datetime(2027, 3, 27, 12, 0, tzinfo=timezone.utc))
    chat.say("/task call Eva tomorrow 9am")
    no_digests(crm)
    clock, notifier = Clock(datetime(2027, 3, 28, 6, 59, tzinfo=timezone.utc)), RecordingNotifier()
    run = scheduler(crm, clock, notifier)
    assert await run.tick() == []  # 08:59 CEST
    clock.now = datetime(2027, 3, 28, 7, 0, tzinfo=timezone.utc)
    assert len(await run.tick()) == 1


async def test_snooze_from_the_reminder_reminds_again(crm: Crm) -> None:
    chat = Chat(crm)
    chat.say("/task call Bob today 12:00")
    no_digests(crm)
    clock, notifier = Clock(NOW + timedelta(hours=1)), RecordingNotifier()
    run = scheduler(crm, clock, notifier)
    [sent] = await run.tick()
    chat.now = clock.now
    chat.press("+1 h", sent.reply)
    clock.now += timedelta(minutes=59)
    assert await run.tick() == []
    clock.now += timedelta(minutes=1)
    assert len(await run.tick()) == 1


async def test_missed_while_down_is_sent_late_at_start(crm: Crm) -> None:
    Chat(crm).say("/task call Carl today 12:00")
    no_digests(crm)
    clock, notifier = Clock(NOW + timedelta(hours=5)), RecordingNotifier()
    [sent] = await scheduler(crm, clock, notifier).tick()
    assert sent.reply.text.startswith("⏰ Reminder (late, the bot was away): call Carl")


async def test_a_crash_after_claiming_loses_nothing_and_sends_once(crm: Crm) -> None:
    Chat(crm).say("/task call Dora today 12:00")
    no_digests(crm)
    due = datetime(2026, 11, 25, 11, 0, tzinfo=timezone.utc)
    assert len(claim_due_reminders(crm.db, now=due, owner="crashed")) == 1  # claimed, never delivered
    clock, notifier = Clock(due + timedelta(seconds=30)), RecordingNotifier()
    restarted = scheduler(crm, clock, notifier, owner="restarted")
    assert await restarted.tick() == []  # the claim is still fresh
    clock.now = due + timedelta(seconds=60)
    [sent] = await restarted.tick()
    assert sent.reply.text.startswith("⏰ Reminder (late, the bot was away): call Dora")
    clock.now += timedelta(hours=1)
    assert await restarted.tick() == []
    assert len(reminders(notifier)) == 1


class HangingNotifier(RecordingNotifier):
    """Holds every delivery until the test lets it go, like a Bot API call that hangs."""

    def __init__(self) -> None:
        super().__init__()
        self.started = asyncio.Event()
        self.release = asyncio.Event()

    async def deliver(self, notification: Notification) -> None:
        self.started.set()
        await self.release.wait()
        await super().deliver(notification)


async def test_a_live_owners_claims_are_not_stolen_while_it_renews(crm: Crm) -> None:
    Chat(crm).say("/task call Ida today 12:00")
    Chat(crm).say("/task call Jan today 12:00")
    no_digests(crm)
    clock = Clock(datetime(2026, 11, 25, 11, 0, tzinfo=timezone.utc))
    slow, other = HangingNotifier(), RecordingNotifier()
    live, survivor = scheduler(crm, clock, slow, owner="live"), scheduler(crm, clock, other, owner="survivor")
    sending = asyncio.create_task(live.tick())
    await slow.started.wait()  # the first is in flight, the second waits behind it
    for _ in range(12):  # three minutes
        clock.now += timedelta(seconds=15)
        await live.renew()
        assert await survivor.tick() == []
    slow.release.set()
    assert len(await sending) == 2
    assert [n.reply.text.startswith("⏰ Reminder: call") for n in reminders(slow)] == [True, True]
    assert await survivor.tick() == [] and other.sent == []


async def test_a_silent_owners_claims_are_taken_over_within_a_minute_and_marked_late(crm: Crm) -> None:
    Chat(crm).say("/task call Kim today 12:00")
    Chat(crm).say("/task call Lou today 12:00")
    no_digests(crm)
    clock = Clock(datetime(2026, 11, 25, 11, 0, tzinfo=timezone.utc))
    stuck, other = HangingNotifier(), RecordingNotifier()
    silent, survivor = scheduler(crm, clock, stuck, owner="silent"), scheduler(crm, clock, other, owner="survivor")
    sending = asyncio.create_task(silent.tick())
    await stuck.started.wait()
    clock.now += timedelta(seconds=30)
    assert await survivor.tick() == []
    clock.now += timedelta(seconds=30)  # a minute after the claim, without a renewal
    taken = await survivor.tick()
    assert [n.reply.text.split(":")[0] for n in taken] == ["⏰ Reminder (late, the bot was away)"] * 2
    stuck.release.set()  # the hung send completes after all: that one message is the only duplicate
    assert len(await sending) == 1
    assert await survivor.tick() == [] and len(reminders(other)) == 2


async def test_reminders_of_a_killed_process_are_taken_over_within_a_minute(crm: Crm, database_url: str) -> None:
    for name in ("Mia", "Ned", "Oli"):
        Chat(crm).say(f"/task call {name} today 12:00")
    no_digests(crm)
    due = datetime(2026, 11, 25, 11, 0, tzinfo=timezone.utc)
    process = await asyncio.create_subprocess_exec(sys.executable, "-m", "tests.scheduler_process", database_url,
                                                   due.isoformat(), cwd=ROOT, stdout=asyncio.subprocess.PIPE)
    try:
        assert process.stdout is not None
        line = await asyncio.wait_for(process.stdout.readline(), timeout=60)  # it claimed all three, sends one
    finally:
        process.kill()  # SIGKILL: no cleanup, no release of its claims
        await process.wait()
    assert line.startswith(b"sending ")
    clock, notifier = Clock(due + timedelta(seconds=30)), RecordingNotifier()
    survivor = scheduler(crm, clock, notifier, owner="survivor")
    assert await survivor.tick() == []
    clock.now = due + timedelta(seconds=60)
    taken = await survivor.tick()
    assert sorted(n.task_id for n in taken) == [1, 2, 3]  # type: ignore[type-var]
    assert all(n.reply.text.startswith("⏰ Reminder (late, the bot was away)") for n in taken)


def test_two_schedulers_on_one_database_send_each_reminder_once(crm: Crm) -> None:
    chat = Chat(crm)
    for i in range(30):
        chat.say(f"/task task number {i} today 12:00")
    due = datetime(2026, 11, 25, 11, 0, tzinfo=timezone.utc)
    claimed: dict[str, list[int]] = {}

    def claim(owner: str) -> None:
        other_engine = Crm(type(crm.db)(crm.db.url), clock=crm.clock)  # a second process: its own engine and connections
        claimed[owner] = [n.task_id for n in claim_due_reminders(other_engine.db, now=due, owner=owner, limit=5)
                          for _ in [0] if n.task_id is not None]
        while batch := claim_due_reminders(other_engine.db, now=due, owner=owner, limit=5):
            claimed[owner] += [n.task_id for n in batch if n.task_id is not None]
        other_engine.db.dispose()

    threads = [threading.Thread(target=claim, args=(owner,)) for owner in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(claimed["a"] + claimed["b"]) == list(range(1, 31))
    assert set(claimed["a"]).isdisjoint(claimed["b"])


async def test_failed_recipient_does_not_stop_others_and_is_paused(crm: Crm) -> None:
    Chat(crm, workspace="telegram:1", user="ok").say("/task call Eve today 12:00")
    Chat(crm, workspace="telegram:2", user="blocked").say("/task call Fay today 12:00")
    no_digests(crm)
    clock, notifier = Clock(datetime(2026, 11, 25, 11, 0, tzinfo=timezone.utc)), RecordingNotifier()
    notifier.broken.add("blocked")
    run = scheduler(crm, clock, notifier)
    for _ in range(5):
        await run.tick()
        clock.now += timedelta(minutes=1)
    assert [n.member_external_id for n in notifier.sent] == ["ok"]
    with crm.db.transaction(now=NOW) as session:
        blocked = session.exec(select(Member).where(Member.external_id == "blocked")).one()
        assert (blocked.delivery_failures, blocked.delivery_paused) == (5, True)
        assert session.exec(select(Task).where(Task.id == 2)).one().reminded_at is None  # kept for later
    notifier.broken.clear()
    assert await run.tick() == []  # paused: no more attempts...
    Chat(crm, workspace="telegram:2", user="blocked", now=clock.now).say("/tasks")  # ...until they write again
    assert len(await run.tick()) == 1


async def test_digest_goes_out_once_a_weekday_at_the_member_time(crm: Crm) -> None:
    Chat(crm).say("/deal Acme rollout 12k proposal")  # the owner: digest at 08:00 Berlin, Monday to Friday
    clock, notifier = Clock(datetime(2026, 11, 26, 6, 59, tzinfo=timezone.utc)), RecordingNotifier()
    run = scheduler(crm, clock, notifier)
    assert await run.tick() == []
    clock.now = datetime(2026, 11, 26, 7, 0, tzinfo=timezone.utc)
    [digest] = await run.tick()
    assert digest.reply.text.startswith("📈 Team digest") and digest.reply.file is not None
    assert digest.reply.file.content.startswith(b"\x89PNG")
    clock.now += timedelta(hours=3)
    assert await run.tick() == []
    clock.now = datetime(2026, 11, 28, 9, 0, tzinfo=timezone.utc)  # Saturday
    assert await run.tick() == []
    Chat(crm).say("/digest off")
    clock.now = datetime(2026, 11, 30, 9, 0, tzinfo=timezone.utc)  # Monday
    assert await run.tick() == []


def test_team_digest_numbers(crm: Crm) -> None:
    boss = Chat(crm, workspace="slack:T1", user="boss")
    rep = Chat(crm, workspace="slack:T1", user="rep")
    boss.say("/company Acme")
    boss.say("/deal Acme rollout 10k proposal close 27.11.")  # weighted 5,000, closes this week
    boss.say("/deal Globex pilot 4k lead close 20.12.")  # weighted 400, closes next month, this quarter
    boss.say("/deal Initech audit 2k negotiation")  # weighted 1,500, no close date
    rep.say("/deal Umbrella renewal 3k proposal")
    rep.say("/stage umbrella won")
    rep.say("/task overdue thing tomorrow 9am")  # overdue by the time of the digest below
    with crm.db.transaction(now=NOW) as session:
        workspace = session.exec(select(Workspace).where(Workspace.key == "slack:T1")).one()
        member = session.exec(select(Member).where(Member.external_id == "boss")).one()
        text = digest_reply(session, workspace, member, NOW + timedelta(days=1), team=True,
                            since=NOW - timedelta(hours=1)).text
    lines = text.splitlines()
    assert "Lead: 1 · 4,000 EUR (weighted 400 EUR)" in lines
    assert "Proposal: 1 · 10,000 EUR (weighted 5,000 EUR)" in lines
    assert "Negotiation: 1 · 2,000 EUR (weighted 1,500 EUR)" in lines
    assert "Won: 1 · 3,000 EUR (weighted 3,000 EUR)" in lines
    assert "Open total: 16,000 EUR · weighted forecast 6,900 EUR" in lines
    assert "  🎉 Umbrella renewal: Proposal → Won · 3,000 EUR" in lines
    assert sum(line.startswith("  🆕 ") for line in lines) == 4
    assert "Closing this week (1):" in lines and "Closing this month (1):" in lines
    assert "Overdue tasks per rep:" in lines and '  rep: 1 overdue, oldest "overdue thing"' in lines
    assert "Forecast this month: 8,000 EUR (won 3,000 EUR + weighted 5,000 EUR)" in lines
    assert "Forecast this quarter: 8,400 EUR (won 3,000 EUR + weighted 5,400 EUR)" in lines
    assert not any(line.startswith("Stale deals") for line in lines)  # one day later nothing is stale yet


def test_team_digest_names_each_rep_with_the_oldest_overdue_tasks_and_a_button(crm: Crm) -> None:
    boss = Chat(crm, workspace="slack:T1", user="boss")
    ben = Chat(crm, workspace="slack:T1", user="ben", language="de")
    boss.say("/task own thing today 13:00")
    for title, at in (("third call", "14:00"), ("first call", "12:00"), ("second call", "12:30")):
        ben.say(f"/task {title} today {at}")
    later = NOW + timedelta(days=1)
    with crm.db.transaction(now=NOW) as session:
        workspace = session.exec(select(Workspace).where(Workspace.key == "slack:T1")).one()
        owner, rep = (session.exec(select(Member).where(Member.external_id == name)).one() for name in ("boss", "ben"))
        english = digest_reply(session, workspace, owner, later, team=True)
        german = digest_reply(session, workspace, rep, later, team=True)
    lines = english.text.splitlines()
    assert lines.index('  ben: 3 overdue, oldest "first call", "second call"') \
        < lines.index('  boss: 1 overdue, oldest "own thing"')  # the most overdue first
    assert '  ben: 3 überfällig, älteste "first call", "second call"' in german.text.splitlines()
    assert [[b.command for b in row] for row in english.buttons] == [["/tasks overdue @ben", "/tasks overdue @boss"]]
    boss.now = later
    listed = boss.press("🔴 ben", english).text
    assert all(title in listed for title in ("first call", "second call", "third call")) and "own thing" not in listed


def test_stale_deals_after_the_threshold(crm: Crm) -> None:
    chat = Chat(crm)
    chat.say("/add Anna Schulz")
    chat.say("/deal Acme rollout 10k proposal #1")
    chat.say("/deal Globex pilot 4k lead")
    chat.later(days=10)
    chat.say("/note anna: still interested")  # activity on Acme's contact keeps it fresh
    with crm.db.transaction(now=NOW) as session:
        workspace = session.exec(select(Workspace)).one()
        member = session.exec(select(Member)).one()
        text = digest_reply(session, workspace, member, NOW + timedelta(days=15), team=True).text
    assert "Stale deals (1, no activity for 14 days):" in text
    assert "  💼 Globex pilot · 4,000 EUR" in text and "Acme rollout · 10,000 EUR\n" not in text


def test_digest_command_and_settings(chat: Chat) -> None:
    chat.later(hours=-3)  # written at 08:30, overdue by now
    chat.say("/task call Anna today 9am")
    chat.later(hours=3)
    digest = chat.say("/digest")
    assert "📈 Team digest" in digest.text and "🔴 Overdue: 1" in digest.text
    assert chat.say("/digest 07:30").text == "Digest on: 07:30 on Mon, Tue, Wed, Thu, Fri."
    assert chat.say("/digest days 1-3").text == "Digest on: 07:30 on Mon, Tue, Wed."
    assert "time" in chat.say("/digest 25:00").text
    chat.language = "de"
    assert chat.say("/lang de").text and chat.say("/bericht aus").text.startswith("Bericht ausgeschaltet")



async def test_a_task_assigned_to_a_teammate_reminds_the_teammate(crm: Crm) -> None:
    lead = Chat(crm, workspace="telegram:-100", user="lead")
    Chat(crm, workspace="telegram:-100", user="ben").say("/start")
    lead.say("/task call Anna today 12:00")
    assert lead.say("/assign 1 ben").text == "⏰ #1 call Anna is now ben's task; the reminder goes to them."
    assert "no longer exists" in lead.say("/assign 7 ben").text
    no_digests(crm)
    clock, notifier = Clock(datetime(2026, 11, 25, 11, 0, tzinfo=timezone.utc)), RecordingNotifier()
    [sent] = await scheduler(crm, clock, notifier).tick()
    assert sent.member_external_id == "ben" and sent.workspace_key == "telegram:-100"


async def test_a_process_leaves_other_channels_reminders_alone(crm: Crm) -> None:
    Chat(crm, workspace="slack:T1", user="U1").say("/task call Gus today 12:00")
    Chat(crm, workspace="telegram:5", user="5").say("/task call Hal today 12:00")
    no_digests(crm)
    clock, notifier = Clock(datetime(2026, 11, 25, 11, 0, tzinfo=timezone.utc)), RecordingNotifier()
    telegram_only = Scheduler(crm.db, {"telegram": notifier}, clock=clock, owner="tg")
    [sent] = await telegram_only.tick()
    assert sent.workspace_key == "telegram:5"
    with crm.db.transaction(now=NOW) as session:
        slack_member = session.exec(select(Member).where(Member.external_id == "U1")).one()
        assert slack_member.delivery_failures == 0  # not tried, so not failed
    slack = Scheduler(crm.db, {"slack": notifier}, clock=clock, owner="slack")
    assert [n.workspace_key for n in await slack.tick()] == ["slack:T1"]


async def test_a_new_member_gets_the_first_digest_the_next_morning(crm: Crm) -> None:
    Chat(crm).say("/deal Acme rollout 12k proposal")  # joins Wednesday 11:30 Berlin, after 08:00
    clock, notifier = Clock(NOW + timedelta(minutes=5)), RecordingNotifier()
    run = scheduler(crm, clock, notifier)
    assert await run.tick() == []
    clock.now = datetime(2026, 11, 26, 7, 0, tzinfo=timezone.utc)  # Thursday 08:00 Berlin
    assert len(await run.tick()) == 1


async def test_expired_update_ids_and_choices_are_forgotten(crm: Crm) -> None:
    chat = Chat(crm)
    chat.say("/add Anna Schulz", update_key="telegram:1")
    chat.say("/add Anna Meyer")
    chat.say("/note anna: hello")  # leaves a waiting choice
    no_digests(crm)
    clock, notifier = Clock(NOW + timedelta(days=8)), RecordingNotifier()
    await scheduler(crm, clock, notifier).tick()
    with crm.db.transaction(now=NOW) as session:
        assert session.exec(select(ProcessedUpdate)).all() == []
        assert session.exec(select(PendingChoice)).all() == []
        assert len(session.exec(select(Member)).all()) == 1  # the CRM itself is kept
