"""/report's one-statement won sums and sales cycle (analytics.closed_summary) equal the two reads they
replace (closed_sums for the team and closed_cycle), for periods aligned to months or not."""

from datetime import timedelta, timezone

from sqlmodel import select

from handlers.engine import Crm
from storage import analytics
from storage.models import Workspace
from tests.conftest import NOW, Chat


def test_closed_summary_equals_closed_sums_and_cycle(crm: Crm) -> None:
    chat = Chat(crm, now=NOW - timedelta(days=70))
    chat.say("/deal Acme rollout 12k proposal")
    chat.say("/deal Globex platform 120k USD negotiation")
    chat.say("/deal Initech 8.5k qualified")
    chat.later(days=25)
    chat.say("/stage acme won")
    chat.say("/deal Hooli 3,333.33 CHF lead")
    chat.later(days=20)
    chat.say("/stage globex won")
    chat.say("/stage initech lost: too expensive")
    chat.say("/stage acme negotiation")
    chat.later(days=15, hours=7)
    chat.say("/stage acme won")
    chat.say("/stage hooli won")
    with crm.db.reading(now=NOW) as session:
        ws = session.exec(select(Workspace.id)).one()
        assert ws is not None
        seen = 0
        for key in ("won", "lost"):
            stage = analytics.stage_ids(session=session, workspace_id=ws, keys=(key,))[0]
            for days_ago, days in ((71, 71), (50, 10), (46, 2), (30, 31), (10, 10), (45, 45), (200, 100)):
                start = (NOW - timedelta(days=days_ago)).astimezone(timezone(timedelta(hours=1)))
                end = start + timedelta(days=days, hours=3)
                summary = analytics.closed_summary(session=session, workspace_id=ws, stage_id=stage,
                                                   start=start, end=end)
                sums = analytics.closed_sums(session=session, workspace_id=ws, stage_id=stage, start=start, end=end)
                cycle = analytics.closed_cycle(session=session, workspace_id=ws, stage_id=stage, start=start, end=end)
                assert sorted((cur, n, cents) for cur, n, cents, _ in summary) == sorted(
                    (cur, n, cents) for _, cur, n, cents in sums)
                assert (sum(row[1] for row in summary), sum(row[3] for row in summary)) == cycle
                seen += len(summary)
        assert seen > 5  # the periods hold deals of several currencies


def test_sums_by_back_to_back_periods_equal_the_sums_period_by_period(crm: Crm) -> None:
    """/forecast's one-statement sums over its months (closed_sums_by, forecast_sums_by) equal one read per month,
    including a deal won, reopened and won again in a later month (it counts only there)."""
    boss = Chat(crm, user="boss", now=NOW - timedelta(days=70))
    ben = Chat(crm, user="ben", now=NOW - timedelta(days=70))
    boss.say("/deal Acme rollout 12k proposal")
    ben.say("/deal Globex platform 120k USD negotiation")
    boss.say("/deal Umbrella 5k lead close 20.12.2026")
    ben.say("/deal Hooli 33k negotiation close 3.1.2027")
    ben.say("/deal Initech 8.5k qualified close 28.12.2026")
    boss.say("/deal Soylent 2k CHF proposal close 10.2.2027")
    for chat in (boss, ben):
        chat.later(days=25)
    boss.say("/stage acme won")
    ben.say("/stage globex won")
    boss.later(days=30)
    boss.say("/stage acme negotiation")
    boss.later(days=1)
    boss.say("/stage acme won")
    with crm.db.reading(now=NOW) as session:
        ws = session.exec(select(Workspace.id)).one()
        assert ws is not None
        won = analytics.stage_ids(session=session, workspace_id=ws, keys=("won",))[0]
        stages = analytics.stage_ids(session=session, workspace_id=ws, keys=("lead", "qualified", "proposal",
                                                                             "negotiation"))
        commit = analytics.stage_ids(session=session, workspace_id=ws, keys=("negotiation",))
        zone = timezone(timedelta(hours=1))
        starts = [(NOW - timedelta(days=days)).astimezone(zone) for days in (75, 45, 20, 0)]
        bounds = [*starts, NOW + timedelta(days=40), NOW + timedelta(days=90)]
        periods = list(zip(bounds, bounds[1:], strict=False))
        for by in ("", "owner"):
            together = sorted(analytics.closed_sums_by(session=session, workspace_id=ws, stage_id=won,
                                                       bounds=bounds, by=by))
            apart = sorted((i, *row) for i, (start, end) in enumerate(periods) for row in analytics.closed_sums(
                session=session, workspace_id=ws, stage_id=won, start=start, end=end, by=by))
            assert together == apart
            assert len({row[0] for row in together}) == 2  # Globex in one month, Acme (won again) in another
            together = sorted(analytics.forecast_sums_by(session=session, workspace_id=ws, open_ids=stages,
                                                         commit_ids=commit, bounds=bounds, by_owner=by == "owner"))
            apart = sorted((i, *row) for i, (start, end) in enumerate(periods) for row in analytics.forecast_sums(
                session=session, workspace_id=ws, open_ids=stages, commit_ids=commit, start=start, end=end,
                by_owner=by == "owner"))
            assert together == apart
            assert len({row[0] for row in together}) == 2  # December and the two months after
