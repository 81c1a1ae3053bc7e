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
