"""A workspace's digests are claimed together, each member at most once: a claim takes only the members
whose last digest is still what was read, so a second scheduler (or a second pass) takes none."""

from datetime import datetime, timedelta, timezone

from sqlmodel import Session, col, select

from handlers.engine import Crm
from handlers.notify.digest import claim_digests, due_digests
from storage.models import Member
from tests.conftest import Chat

MORNING = datetime(2026, 11, 26, 7, 30, tzinfo=timezone.utc)  # Thursday, 08:30 in Berlin


def _last_digests(crm: Crm) -> dict[int, datetime | None]:
    with Session(crm.db.engine) as session:
        return {m.id: m.last_digest_at for m in session.exec(select(Member).order_by(col(Member.id))) if m.id}


def test_a_claim_takes_each_member_whose_last_digest_is_unchanged_once(crm: Crm) -> None:
    for user in ("boss", "ben", "cleo"):
        Chat(crm, user=user).say("/help")
    first = _last_digests(crm)
    assert len(first) == 3 and set(first.values()) == {None}
    ids = sorted(first)
    assert claim_digests(crm.db, [(ids[0], None), (ids[1], None)], MORNING) == {ids[0], ids[1]}
    taken = _last_digests(crm)
    assert taken[ids[0]] is not None and taken[ids[2]] is None
    # a second scheduler read the same rows before: it takes only the member nobody claimed
    assert claim_digests(crm.db, [(member, None) for member in ids], MORNING) == {ids[2]}
    later = MORNING + timedelta(days=1)
    yesterday = _last_digests(crm)
    assert claim_digests(crm.db, [(member, yesterday[member]) for member in ids], later) == set(ids)
    assert claim_digests(crm.db, [(member, yesterday[member]) for member in ids], later) == set()
    assert claim_digests(crm.db, [], later) == set()


def test_the_digest_pass_builds_each_digest_once(crm: Crm) -> None:
    for user in ("boss", "ben"):
        Chat(crm, user=user, now=MORNING - timedelta(days=2)).say("/deal Acme rollout 12k proposal")
    notes = due_digests(crm.db, now=MORNING)
    assert sorted(note.member_external_id for note in notes) == ["ben", "boss"]
    assert [note.reply.file is not None for note in sorted(notes, key=lambda n: n.member_external_id)] == [False, True]
    assert due_digests(crm.db, now=MORNING) == []
    assert due_digests(crm.db, now=MORNING + timedelta(hours=3)) == []
