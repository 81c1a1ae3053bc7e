"""The entries the database keeps per deal (DealEntry, migration 0027: when each deal last entered the stage it is
in, with what a report sums) equal a fresh reading of the deals, their moves and their contacts after every kind of
write: a deal added, moved, edited, given to another owner or contact, its contact deleted, undone, and SQL outside
the ORM (a move deleted or changed, a contact's source changed)."""

from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlmodel import Session, col, func, select

from handlers.engine import Crm
from storage import analytics
from storage.models import Contact, Deal, DealEntry, DealStageChange, Workspace
from tests.conftest import NOW, POSTGRES_URL, Chat, while_holding

Row = tuple[int, int, int, object, str, int, int | None, int | None, str | None, object]


def _read(session: Session) -> set[Row]:
    """Each deal with its last move into the stage it is in and its contact's source, from the tables themselves."""
    entered = (select(func.max(DealStageChange.changed_at))
               .where(col(DealStageChange.deal_id) == Deal.id, col(DealStageChange.to_stage_id) == Deal.stage_id)
               .scalar_subquery())
    rows = session.exec(select(Deal, entered, Contact.source).outerjoin(Contact, col(Contact.id) == Deal.contact_id))
    return {(deal.id or 0, deal.workspace_id, deal.stage_id, at, deal.currency, deal.value_cents, deal.owner_id,
             deal.contact_id, source, deal.created_at) for deal, at, source in rows}


def _kept(crm: Crm) -> set[Row]:
    """Assert the kept entries equal the reading; return them."""
    with Session(crm.db.engine) as session:
        kept = {(r.deal_id, r.workspace_id, r.stage_id, r.entered_at, r.currency, r.value_cents, r.owner_id,
                 r.contact_id, r.source, r.created_at) for r in session.exec(select(DealEntry))}
        assert kept == _read(session)
    return kept


def test_every_kind_of_write_keeps_the_entries(crm: Crm) -> None:
    boss = Chat(crm, user="boss", now=NOW - timedelta(days=30))
    ben = Chat(crm, user="ben", now=NOW - timedelta(days=30))
    other = Chat(crm, workspace="console:other", user="eve", now=NOW - timedelta(days=30))
    ben.say("/start")
    boss.say("/add Anna Schulz, Acme GmbH")
    other.say("/deal Acme other 5k proposal")
    steps = ["/deal Acme rollout 12k proposal", "/deal Globex pilot 8k lead", "/stage acme won",
             "/edit #deal:2 value=9k USD", "/edit #deal:2 owner=ben", "/stage globex negotiation",
             "/stage acme negotiation", "/stage acme won", "/stage globex lost: too expensive",
             "/edit #deal:2 contact=Anna Schulz", "/edit #deal:3 stage=won"]
    seen = [_kept(crm)]
    for step in steps:
        boss.later(days=1)
        reply = boss.say(step)
        assert reply.changed, (step, reply.text)
        seen.append(_kept(crm))
        assert seen[-1] != seen[-2], step
    assert sorted(row[5] for row in seen[-1]) == [500_000, 800_000, 900_000]  # the other's, Globex, Acme at 9k
    for _ in steps:
        assert boss.say("/undo").text.startswith("↩️"), boss.last
        _kept(crm)
    assert _kept(crm) == seen[0]
    assert len(seen[0]) == 1  # the other workspace's deal


def test_deleting_and_raw_sql_keep_the_entries(crm: Crm) -> None:
    chat = Chat(crm, now=NOW - timedelta(days=10))
    chat.say("/add Anna Schulz, Acme GmbH")
    chat.say("/deal Acme rollout 12k proposal")
    chat.say("/deal Globex pilot 8k lead")
    chat.say("/edit #deal:1 contact=Anna Schulz")
    chat.later(days=2)
    chat.say("/stage acme won")
    assert len(_kept(crm)) == 2
    with crm.db.engine.begin() as connection:  # paths outside the ORM: the triggers still see them
        connection.execute(text("UPDATE dealstagechange SET changed_at = changed_at WHERE 1 = 1"))
        connection.execute(text("UPDATE deal SET value_cents = value_cents * 2, currency = 'CHF'"))
    assert {row[4] for row in _kept(crm)} == {"CHF"}
    with crm.db.engine.begin() as connection:
        connection.execute(text("UPDATE contact SET source = 'fair'"))
    assert {row[8] for row in _kept(crm)} == {"fair", None}  # Acme rollout's contact is Anna; Globex has none
    with crm.db.engine.begin() as connection:
        latest = connection.execute(text("SELECT max(id) FROM dealstagechange")).scalar_one()
        connection.execute(text("DELETE FROM dealstagechange WHERE id = :id"), {"id": latest})
    assert None in {row[3] for row in _kept(crm)}  # Acme's move into won is gone: no entry into the stage it is in
    with crm.db.engine.begin() as connection:
        connection.execute(text("UPDATE deal SET stage_id = (SELECT to_stage_id FROM dealstagechange AS c "
                                "WHERE c.deal_id = deal.id ORDER BY c.id LIMIT 1)"))
    assert None not in {row[3] for row in _kept(crm)}  # back in the stage of its first move
    assert chat.say("/delete anna yes").changed, chat.last
    _kept(crm)
    with crm.db.engine.begin() as connection:
        connection.execute(text("DELETE FROM dealstagechange"))
    assert {row[3] for row in _kept(crm)} == {None}
    with crm.db.engine.begin() as connection:
        connection.execute(text("DELETE FROM deal"))
    assert _kept(crm) == set()


def test_a_deal_won_reopened_and_won_again_counts_when_it_was_last_won(crm: Crm) -> None:
    chat = Chat(crm, now=NOW - timedelta(days=40))
    chat.say("/deal Acme rollout 12k proposal")
    chat.say("/stage acme won")
    chat.later(days=20)
    chat.say("/stage acme negotiation")
    start, end = NOW - timedelta(days=50), NOW
    with crm.db.reading(now=NOW) as session:
        ws = session.exec(select(Workspace.id)).one() or 0
        won = analytics.stage_ids(session=session, workspace_id=ws, keys=("won",))[0]
        assert analytics.closed_sums(session=session, workspace_id=ws, stage_id=won, start=start, end=end) == []
        assert analytics.closed_deals(session=session, workspace_id=ws, stage_id=won, start=start, end=end) == []
    chat.later(days=10)
    chat.say("/stage acme won")
    with crm.db.reading(now=NOW) as session:
        assert analytics.closed_sums(session=session, workspace_id=ws, stage_id=won, start=start,
                                     end=end) == [("", "EUR", 1, 1_200_000)]
        assert analytics.closed_cycle(session=session, workspace_id=ws, stage_id=won, start=start,
                                      end=end) == (1, 30 * 86_400)
        [(deal, at)] = analytics.closed_deals(session=session, workspace_id=ws, stage_id=won, start=start, end=end)
        assert deal.title == "Acme rollout" and at == NOW - timedelta(days=10)


@pytest.mark.skipif(not POSTGRES_URL, reason="SQLite's writers take turns (BEGIN IMMEDIATE)")
def test_two_moves_of_one_deal_at_the_same_time_keep_its_entry(crm: Crm) -> None:
    """Two transactions each record a move of the same deal; the second waits for the first (the work-out locks
    the deal) and then sees its move, so the entry is the later move's and no unique key clashes."""
    chat = Chat(crm, now=NOW - timedelta(days=5))
    chat.say("/deal Acme rollout 12k proposal")
    with Session(crm.db.engine) as session:
        deal = session.exec(select(Deal)).one()
        stage, ws = deal.stage_id, deal.workspace_id
    insert = text("INSERT INTO dealstagechange (workspace_id, deal_id, to_stage_id, changed_at) "
                  "VALUES (:ws, :deal, :stage, :at)")
    with crm.db.engine.connect() as first:
        first.execute(insert, {"ws": ws, "deal": deal.id, "stage": stage, "at": NOW - timedelta(days=2)})
        errors = while_holding(crm.db, first, lambda connection: connection.execute(
            insert, {"ws": ws, "deal": deal.id, "stage": stage, "at": NOW - timedelta(days=1)}))
    assert errors == []
    assert len(_kept(crm)) == 1  # equal to a fresh reading: the later of the two moves


@pytest.mark.skipif(not POSTGRES_URL, reason="SQLite's writers take turns (BEGIN IMMEDIATE)")
def test_a_source_changed_while_a_deal_moves_to_its_contact_reaches_the_deal(crm: Crm) -> None:
    """One transaction changes Anna's source; another gives a deal to Anna meanwhile. The deal's work-out waits for
    the source (FOR SHARE on the contact) and copies the new one, which the first's trigger could not see."""
    chat = Chat(crm, now=NOW - timedelta(days=5))
    chat.say("/add Anna Schulz, Acme GmbH")
    chat.say("/deal Acme rollout 12k proposal")
    with Session(crm.db.engine) as session:
        deal = session.exec(select(Deal)).one()
        anna = session.exec(select(Contact)).one()
    with crm.db.engine.connect() as first:
        first.execute(text("UPDATE contact SET source = 'fair' WHERE id = :id"), {"id": anna.id})
        errors = while_holding(crm.db, first, lambda connection: connection.execute(
            text("UPDATE deal SET contact_id = :contact WHERE id = :deal"), {"contact": anna.id, "deal": deal.id}))
    assert errors == []
    assert {row[8] for row in _kept(crm)} == {"fair"}
