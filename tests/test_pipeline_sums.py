"""The pipeline sums the database keeps (PipelineTotal) equal a fresh count of the deals after every kind of
write: create, stage change, value, currency and owner change, won and lost, merges, erasing and undo."""

from datetime import timedelta

from sqlalchemy import func, literal_column, text
from sqlmodel import Session, col, select

from handlers.engine import Crm
from storage import analytics
from storage.models import NO_OWNER, Deal, PipelineTotal, Workspace
from storage.pipeline_sums import pipeline_totals, pipeline_totals_counted
from tests.conftest import NOW, Chat


def _kept_and_counted(crm: Crm) -> list[tuple[int, int, int, str, int, int, int]]:
    """Assert the kept sums equal a GROUP BY over the deals, per stage and per owner, in every workspace;
    return the kept rows (workspace, stage, owner, currency, count, value, weighted)."""
    with Session(crm.db.engine) as session:
        for workspace in session.exec(select(Workspace)):
            ws = workspace.id
            assert ws is not None
            kept = sorted(pipeline_totals(session=session, workspace_id=ws))
            assert kept == sorted(pipeline_totals_counted(session=session, workspace_id=ws))
        owner = func.coalesce(Deal.owner_id, literal_column(str(NO_OWNER)))
        owners = sorted(tuple(row) for row in session.exec(
            select(Deal.workspace_id, Deal.stage_id, owner, Deal.currency, func.count(), func.sum(Deal.value_cents),
                   func.sum(Deal.value_cents * Deal.probability))
            .group_by(col(Deal.workspace_id), col(Deal.stage_id), owner, col(Deal.currency))))
        rows = sorted((r.workspace_id, r.stage_id, r.owner_key, r.currency, r.deals, r.value_cents, r.weighted)
                      for r in session.exec(select(PipelineTotal)))
        assert rows == owners
    return rows


def test_every_kind_of_deal_write_keeps_the_sums(crm: Crm) -> None:
    boss = Chat(crm, user="boss")
    ben = Chat(crm, user="ben")
    other = Chat(crm, workspace="console:other", user="eve")
    assert _kept_and_counted(crm) == []
    boss.say("/add Anna Schulz, Acme GmbH")
    boss.say("/add Anna Schultz, ACME")
    boss.say("/deal Acme rollout 12k proposal")
    boss.say("/deal #2 pilot 3k lead")
    ben.say("/deal Globex platform 120k USD negotiation")
    ben.say("/deal Initech 8.5k qualified")
    other.say("/deal Hooli 1k lead")
    first = _kept_and_counted(crm)
    assert len(first) == 5  # lead, qualified, proposal, negotiation (USD), and the other workspace's lead
    steps = ["/stage acme won", "/stage initech lost: too expensive", "/edit #deal:2 value=7k USD",
             "/edit #deal:2 currency=CHF", "/edit #deal:2 owner=ben", "/edit #deal:2 probability=40",
             "/edit #deal:3 stage=proposal", "/merge #1 #2", "/merge #company:1 #company:2"]
    seen = [first]
    for step in steps:
        reply = boss.say(step)
        assert reply.changed, (step, reply.text)
        seen.append(_kept_and_counted(crm))
        assert seen[-1] != seen[-2] or step.startswith("/merge"), step  # a merge moves no money
    for _ in steps:
        assert boss.say("/undo").text.startswith("↩️"), boss.last
        _kept_and_counted(crm)
    assert _kept_and_counted(crm) == first
    qualified = [row for row in first if row[1] == 2]  # Initech, ben's
    assert len(qualified) == 1
    assert ben.say("/undo").text.startswith("↩️")  # the new Initech deal goes: its row is taken away
    assert _kept_and_counted(crm) == [row for row in first if row not in qualified]


def test_erasing_a_contact_and_raw_sql_keep_the_sums(crm: Crm) -> None:
    chat = Chat(crm)
    chat.say("/add Anna Schulz, Acme GmbH")
    chat.say("/deal #1 rollout 12k proposal")
    chat.say("/deal #1 support 2k won")
    assert chat.say("/delete anna yes").text.startswith("🗑")
    _kept_and_counted(crm)
    with crm.db.engine.begin() as connection:  # a path outside the ORM: the triggers still see it
        connection.execute(text("UPDATE deal SET value_cents = value_cents * 3, owner_id = NULL"))
        _kept = connection.execute(text("SELECT COUNT(*) FROM pipelinetotal WHERE owner_key = 0")).scalar_one()
        assert _kept == 2
    _kept_and_counted(crm)
    with crm.db.engine.begin() as connection:
        connection.execute(text("DELETE FROM dealstagechange"))
        connection.execute(text("DELETE FROM deal"))
    assert _kept_and_counted(crm) == []


def test_a_deal_won_again_later_counts_in_the_later_period_only(crm: Crm) -> None:
    chat = Chat(crm, now=NOW - timedelta(days=40))
    chat.say("/deal Acme rollout 12k proposal")
    chat.say("/stage acme won")
    chat.later(days=20)
    chat.say("/stage acme negotiation")
    chat.later(days=10)
    chat.say("/stage acme won")
    with crm.db.reading(now=NOW) as session:
        ws = session.exec(select(Workspace.id)).one()
        assert ws is not None
        won = analytics.stage_ids(session=session, workspace_id=ws, keys=("won",))[0]

        def closed(days_ago: int, days: int) -> list[tuple[object, str, int, int]]:
            start = NOW - timedelta(days=days_ago)
            return analytics.closed_sums(session=session, workspace_id=ws, stage_id=won, start=start,
                                         end=start + timedelta(days=days))

        assert closed(41, 5) == []  # won first then, but won again since: it counts when it was last won
        assert closed(15, 10) == [("", "EUR", 1, 1_200_000)]
        assert closed(41, 45) == [("", "EUR", 1, 1_200_000)]
        assert closed(9, 9) == []
