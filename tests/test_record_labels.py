"""A contact's or company's custom values and tags belong to it: they go with it when it is deleted (and come back
with /undo), are erased with the person, and move to the kept record in a merge."""

from sqlmodel import select

from storage.models import AuditEntry, Company, Contact, CustomValue, Tag, Tagging
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
