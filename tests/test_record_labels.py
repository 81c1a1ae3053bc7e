"""A contact's or company's custom values and tags belong to it: they go with it when it is deleted (and come back
with /undo), are erased with the person, and move to the kept record in a merge."""

from pathlib import Path

from sqlalchemy import text
from sqlmodel import select

from storage.models import AuditEntry, CampaignMember, Company, Contact, CustomValue, Tag, Tagging
from tests.backfill import AT, migrated_from
from tests.conftest import Chat


def labels_of(chat: Chat) -> list[tuple[str, str]]:
    """Every custom value and tagging as (the name of the record it is on, the value or the tag's key)."""
    with chat.crm.db.reading(now=chat.now) as session:
        names = {("contact", c.id): c.name for c in session.exec(select(Contact))}
        names |= {("company", c.id): c.name for c in session.exec(select(Company))}
        keys = {t.id: t.key for t in session.exec(select(Tag))}
        found = [(names.get((v.entity, v.entity_id), "?"), v.value) for v in session.exec(select(CustomValue))]
        found += [(names.get((t.entity, t.entity_id), "?"), keys[t.tag_id]) for t in session.exec(select(Tagging))]
    return sorted(found)


def team(chat: Chat) -> Chat:
    chat.say("/field add Hobby text")
    chat.say("/field add Umsatz number")
    chat.say("/add Anna Schulz, Acme")
    chat.say("/add Bob Baker")
    chat.say("/edit anna: Hobby=Segeln am Starnberger See, Umsatz=1500")
    chat.say("/edit bob: Hobby=Schach")
    chat.say("/tag anna vip")
    chat.say("/tag bob vip")
    chat.say("/tag bob fair")
    return chat


def test_deleting_a_contact_takes_its_values_and_tags_and_undo_brings_them_back(chat: Chat) -> None:
    team(chat)
    everything = labels_of(chat)
    chat.press("Delete", chat.say("/delete Bob Baker"))
    assert labels_of(chat) == [("Anna Schulz", "1500"), ("Anna Schulz", "Segeln am Starnberger See"),
                               ("Anna Schulz", "vip")]
    assert ": 1 contact(s)" in chat.say("/segment tag:vip").text
    chat.say("/undo")
    assert labels_of(chat) == everything
    assert ": 2 contact(s)" in chat.say("/segment tag:vip").text


def test_erasing_a_person_erases_their_values_and_tags_and_what_the_log_kept_of_them(chat: Chat) -> None:
    team(chat)
    chat.press("Erase for good", chat.say("/privacy erase anna"))
    assert [name for name, _ in labels_of(chat)] == ["Bob Baker"] * 3
    logged = " ".join(f"{e.before} {e.after}" for e in chat.rows(AuditEntry))
    assert "Starnberger" not in logged
    assert "Schach" in logged  # Bob's stays


def test_a_merge_moves_the_others_values_and_tags_unless_the_kept_one_has_them(chat: Chat) -> None:
    team(chat)
    chat.say("/merge Anna Schulz, Bob Baker")
    assert labels_of(chat) == [("Anna Schulz", "1500"), ("Anna Schulz", "Segeln am Starnberger See"),
                               ("Anna Schulz", "fair"), ("Anna Schulz", "vip")]
    assert "Anna Schulz" in chat.say("/segment tag:fair").text
    chat.say("/undo")
    assert ("Bob Baker", "Schach") in labels_of(chat) and ("Bob Baker", "fair") in labels_of(chat)


def test_a_company_merge_moves_the_others_values_and_tags(chat: Chat) -> None:
    chat.say("/field add company Gruendung date")
    chat.say("/company Acme GmbH")
    chat.say("/company ACME Holding")
    chat.say("/edit ACME Holding: Gruendung=1.2.1999")
    chat.say("/tag ACME Holding partner")
    chat.say("/merge Acme GmbH, ACME Holding")
    assert labels_of(chat) == [("Acme GmbH", "1999-02-01"), ("Acme GmbH", "partner")]


def test_0023_deletes_erased_peoples_values_and_tags_and_scrubs_the_log_of_the_values(tmp_path: Path) -> None:
    """Contact 3 was erased before the fix, contact 4 only deleted (its undo may still bring it back)."""
    db = migrated_from(
        tmp_path, "0022",
        f"INSERT INTO customfield (id, workspace_id, applies_to, name, name_key, kind, created_at) "
        f"VALUES (1, 1, 'contact', 'Hobby', 'hobby', 'text', '{AT}')",
        "INSERT INTO customvalue (id, workspace_id, field_id, entity, entity_id, value, value_key) VALUES "
        "(1, 1, 1, 'contact', 3, 'Segeln', 'segeln'), (2, 1, 1, 'contact', 4, 'Schach', 'schach'), "
        "(3, 1, 1, 'contact', 1, 'Golf', 'golf')",
        f"INSERT INTO tag (id, workspace_id, name, key, created_at) VALUES (1, 1, 'vip', 'vip', '{AT}')",
        f"INSERT INTO tagging (id, workspace_id, tag_id, entity, entity_id, created_at) VALUES "
        f"(1, 1, 1, 'contact', 3, '{AT}'), (2, 1, 1, 'contact', 4, '{AT}'), (3, 1, 1, 'contact', 1, '{AT}')",
        f"INSERT INTO auditentry (id, workspace_id, batch, entity, entity_id, action, before, after, undone, "
        f"created_at) VALUES (1, 1, 'b1', 'customvalue', 1, 'create', NULL, '{{\"value\": \"Segeln\"}}', 0, '{AT}'),"
        f" (2, 1, 'b1', 'contact', 2, 'update', '{{}}', '{{}}', 0, '{AT}'),"
        f" (3, 1, 'b2', 'customvalue', 2, 'create', NULL, '{{\"value\": \"Schach\"}}', 0, '{AT}'),"
        f" (4, 1, 'b3', 'contact', 3, 'erase', NULL, '{{\"erased\": true}}', 0, '{AT}'),"
        f" (5, 1, 'b4', 'contact', 4, 'delete', '{{}}', NULL, 0, '{AT}')",
    )
    try:
        with db.engine.connect() as connection:
            values = [row[0] for row in connection.execute(text("SELECT value FROM customvalue ORDER BY id"))]
            tagged = [row[0] for row in connection.execute(text("SELECT entity_id FROM tagging ORDER BY id"))]
            log = list(connection.execute(text('SELECT id, "before", "after", undone FROM auditentry ORDER BY id')))
    finally:
        db.engine.dispose()
    assert values == ["Schach", "Golf"] and tagged == [4, 1]
    assert [tuple(row) for row in log[:3]] == [(1, None, '{"erased": true}', 1), (2, "{}", "{}", 1),
                                               (3, None, '{"value": "Schach"}', 0)]


def campaign(chat: Chat) -> Chat:
    chat.say("/add Anna Schulz, Acme")
    chat.press("Create anyway", chat.say("/add Anna Schultz"))  # a likely duplicate: asked first
    chat.say("/add Bob Baker")
    for number in (1, 2, 3):
        chat.say(f"/tag #{number} fair")
    chat.say('/segment add "fair" tag:fair')
    chat.say('/campaign new "Messe 2027" from fair')
    return chat


def responses(chat: Chat) -> list[tuple[str, str | None]]:
    names = {contact.id: contact.name for contact in chat.rows(Contact)}
    return sorted((names.get(m.contact_id, "?"), m.response) for m in chat.rows(CampaignMember))


def test_a_campaign_member_can_be_deleted_and_undo_brings_the_membership_back(chat: Chat) -> None:
    campaign(chat)
    reply = chat.press("Delete", chat.say("/delete Bob Baker"))
    assert "Deleted Bob Baker" in reply.text  # the membership's foreign key made the delete fail
    assert responses(chat) == [("Anna Schultz", None), ("Anna Schulz", None)]
    assert "Members: 2" in chat.say("/campaign messe").text
    chat.say("/undo")
    assert "Members: 3" in chat.say("/campaign messe").text


def test_a_merge_keeps_one_membership_with_the_response_and_erasing_takes_it(chat: Chat) -> None:
    campaign(chat)
    chat.say("/campaign messe response #2 interested")
    chat.say("/merge #1 #2")
    assert responses(chat) == [("Anna Schulz", "interested"), ("Bob Baker", None)]
    assert "1 interested" in chat.say("/campaign messe").text
    chat.press("Erase for good", chat.say("/privacy erase bob"))
    assert responses(chat) == [("Anna Schulz", "interested")]
