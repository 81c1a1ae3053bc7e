"""A segment's first page is the same whichever way it is found: among the workspace's best-scored contacts (a big
segment) or by sorting all its members (a small one, or a big one whose members score low)."""

from sqlmodel import col, select

from handlers.engine import Crm
from storage import segments
from storage.models import Address, Contact, Tag, Tagging
from storage.segments import WALKED, Criterion
from tests.conftest import NOW, Chat

CONTACTS = WALKED + 694  # with Anna, 5 of the 700 worst are among the WALKED best: on SQLite a walk finds too few


def workspace(crm: Crm) -> int:
    """A workspace of CONTACTS contacts: scores in few values (so ties are broken by id), every third one tagged
    "odd", the "low" tag on the worst-scored 700, and every fourth one with an address at a 80xxx postcode (one of
    them two), and one in Tief, Austria, on the worst-scored 700."""
    chat = Chat(crm, user="boss")
    chat.say("/add Anna Schulz")
    with crm.db.transaction(now=NOW) as session:
        workspace_id = session.exec(select(Contact.workspace_id)).one()
        contacts = [Contact(workspace_id=workspace_id, name=f"Person {n}", name_key=f"person {n}",
                            score=(n * 7) % 40, created_at=NOW, updated_at=NOW) for n in range(CONTACTS)]
        session.add_all(contacts)
        tags = [Tag(workspace_id=workspace_id, name=name, key=name, created_at=NOW) for name in ("odd", "low")]
        session.add_all(tags)
        session.flush()
        ranked = sorted(contacts, key=lambda c: (c.score, -(c.id or 0)))
        session.add_all([Tagging(workspace_id=workspace_id, tag_id=tags[0].id or 0, entity="contact",
                                 entity_id=c.id or 0, created_at=NOW) for c in contacts[::3]]
                        + [Tagging(workspace_id=workspace_id, tag_id=tags[1].id or 0, entity="contact",
                                   entity_id=c.id or 0, created_at=NOW) for c in ranked[:700]])
        session.add_all([Address(workspace_id=workspace_id, owner_kind="contact", owner_id=c.id or 0,
                                 postcode=f"80{n % 1000:03d}", city="München", city_key="muenchen", country="DE",
                                 country_key="de") for n, c in enumerate([contacts[0], *contacts[::4]])]
                        + [Address(workspace_id=workspace_id, owner_kind="contact", owner_id=c.id or 0, city="Tief",
                                   city_key="tief", country="AT", country_key="at") for c in ranked[:700]])
    return workspace_id


def sorted_page(crm: Crm, workspace_id: int, criteria: list[Criterion], limit: int) -> tuple[int, list[int]]:
    """The page by the plain definition: every selected contact sorted, best score first, then by id."""
    with crm.db.reading(now=NOW) as session:
        rows = session.exec(select(Contact).where(segments.where(criteria, workspace_id))
                            .order_by(col(Contact.score).desc(), col(Contact.id))).all()
        return len(rows), [row.id or 0 for row in rows[:limit]]


def first_page(crm: Crm, workspace_id: int, criteria: list[Criterion], limit: int) -> tuple[int, list[int]]:
    with crm.db.reading(now=NOW) as session:
        total, rows = segments.first_page(session=session, workspace_id=workspace_id, criteria=criteria, limit=limit)
        return total, [row.id or 0 for row in rows]


def test_big_small_and_low_scored_segments_give_the_sorted_page(crm: Crm) -> None:
    workspace_id = workspace(crm)
    cases = {
        "everyone": [Criterion("score", ">", -1)],
        "a third": [Criterion("tag", "=", ["odd"])],
        "low scores only": [Criterion("tag", "=", ["low"])],  # big, and none of them among the best
        "all but the low": [Criterion("tag", "=", ["low"], negated=True)],
        "a few": [Criterion("score", "=", 39), Criterion("tag", "=", ["odd"])],
        "a place": [Criterion("postcode", "=", ("80",))],
        "a place, not odd": [Criterion("postcode", "=", ("80",)), Criterion("tag", "=", ["odd"], negated=True)],
        "an address at two places": [Criterion("postcode", "=", ("80",)), Criterion("country", "=", ["de"])],
        "a place of low scores only": [Criterion("city", "=", ["tief"])],
        "no address at a place": [Criterion("postcode", "=", ("80",), negated=True)],
        "no address in a country": [Criterion("country", "=", ["at"], negated=True)],
        "nobody": [Criterion("score", ">", 100)],
    }
    for name, criteria in cases.items():
        for limit in (1, 10, 50):
            expected = sorted_page(crm, workspace_id, criteria, limit)
            assert first_page(crm, workspace_id, criteria, limit) == expected, (name, limit)
        with crm.db.reading(now=NOW) as session:  # the counts of /segments and a saved segment's reply
            counted = segments.counts(session=session, workspace_id=workspace_id, selections=[criteria])
            assert counted == [expected[0]], name
    total, page = first_page(crm, workspace_id, cases["low scores only"], 10)
    assert total == 700 and len(page) == 10
    with crm.db.reading(now=NOW) as session:  # the case above went past the walk: it held some, not a page
        best = session.exec(select(Contact.id).where(Contact.workspace_id == workspace_id)
                            .order_by(col(Contact.score).desc(), col(Contact.id)).limit(WALKED)).all()
        low = set(segments.member_ids(session=session, workspace_id=workspace_id, criteria=cases["low scores only"]))
    assert 0 < len(low & set(best)) < 10
