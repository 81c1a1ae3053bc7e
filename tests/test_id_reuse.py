"""Ids are never reused, and no lookup by id reaches into another workspace (undo, history, cards)."""

from sqlalchemy import text
from sqlmodel import Session

from handlers.engine import Crm
from storage.models import AuditEntry, Contact, Deal, Interaction
from tests.conftest import Chat


def _contact_id(chat: Chat, name: str) -> int:
    return next(c.id for c in chat.rows(Contact) if c.name == name)  # type: ignore[misc]


def test_a_deleted_contacts_id_goes_to_no_other_workspace(crm: Crm) -> None:
    a = Chat(crm, workspace="telegram:1", user="alice")
    b = Chat(crm, workspace="telegram:2", user="bob")
    a.say("/add Zed Reuse, zed@reuse-a.example")
    zed = _contact_id(a, "Zed Reuse")
    a.say(f"/deal Reuse deal 2k #{zed}")
    deal = max(d.id for d in a.rows(Deal))  # type: ignore[type-var]
    a.say(f"/note #{zed}: x")
    a.say(f"/delete #{zed} yes")
    b.say("/add Bob Victim, Victim Corp, bob@victim-b.example")
    bob = _contact_id(b, "Bob Victim")
    b.say(f"/note #{bob}: bob's own note")
    assert "Bob Victim" not in a.say(f"/history #deal:{deal}").text
    assert a.say("/undo").text.startswith("↩️ Undone")
    assert "Bob Victim" in b.say(f"/show #{bob}").text
    assert "bob's own note" in b.last.text  # type: ignore[union-attr]
    assert "Zed Reuse" in a.say(f"/show #{zed}").text
    owners = {c.name: c.workspace_id for c in a.rows(Contact)}
    assert owners["Bob Victim"] != owners["Zed Reuse"]
    assert {n.text for n in a.rows(Interaction) if n.contact_id == bob} == {"bob's own note"}


def test_a_members_undo_never_deletes_another_workspaces_contact(crm: Crm) -> None:
    member = Chat(crm, workspace="telegram:-100", user="ann")
    mate = Chat(crm, workspace="telegram:-100", user="ben")
    b = Chat(crm, workspace="telegram:2", user="bob")
    member.say("/add Carl Early")
    member.say("/add Dora Later")
    dora = _contact_id(member, "Dora Later")
    mate.say(f"/delete #{dora} yes")
    b.say("/add Bob Victim")
    bob = _contact_id(b, "Bob Victim")
    member.say("/undo")  # undoes creating Dora, who is gone already
    assert "Bob Victim" in b.say(f"/show #{bob}").text


def test_lookups_stay_in_the_workspace_when_an_old_id_was_reused(crm: Crm) -> None:
    """A database from before ids were kept unique holds log entries whose id now names another team's row."""
    a = Chat(crm, workspace="telegram:1", user="alice")
    b = Chat(crm, workspace="telegram:2", user="bob")
    a.say("/add Zed Reuse")
    zed = _contact_id(a, "Zed Reuse")
    a.say(f"/deal Reuse deal 2k #{zed}")
    b.say("/add Bob Victim, bob@victim-b.example")
    bob = _contact_id(b, "Bob Victim")
    with Session(crm.db.engine) as session:  # as if Zed had held Bob's id
        for entry in session.query(AuditEntry).filter(AuditEntry.workspace_id == 1):  # type: ignore[arg-type]
            entry.before = entry.before and entry.before.replace(f'"contact_id": {zed},', f'"contact_id": {bob},')
            entry.after = entry.after and entry.after.replace(f'"contact_id": {zed},', f'"contact_id": {bob},')
            if entry.entity == "contact":
                entry.entity_id = bob
            session.add(entry)
        session.execute(text("UPDATE deal SET contact_id = NULL"))
        session.commit()
    assert "Bob Victim" not in a.say("/history #deal:1").text
    a.say("/undo")  # the deal
    a.say("/undo")  # "creating" contact #bob: not A's row, left alone
    assert "Bob Victim" in b.say(f"/show #{bob}").text
