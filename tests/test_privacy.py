"""GDPR: export everything about a person, and erase a person for good (not undoable, nothing comes back)."""

import json

from handlers.texts.reply import FileRef, Incoming
from storage.models import (
    Attachment,
    AuditEntry,
    Contact,
    Deal,
    Interaction,
    NotDuplicate,
    PendingChoice,
    PendingImport,
    Task,
)
from tests.conftest import Chat


def anna_with_history(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme GmbH, anna@acme.de, +49 170 1234567")
    chat.say("/add Bob Stone, Globex, bob@globex.com")
    chat.say("/note anna: her daughter starts school in May")
    chat.say("/edit anna: email=anna.schulz@acme.de")
    chat.say("/task call Anna tomorrow 9am")
    chat.say("/deal Acme rollout 12k proposal #1")
    chat.say("/note bob: likes sailing")
    reply = chat.crm.handle(Incoming(text="Anna: passport copy", workspace_key=chat.workspace, user_id=chat.user,
                                     now=chat.now, attachment=FileRef("F1", "photo", "passport.jpg", "telegram")))
    assert reply.text.startswith("📎")


def test_export_everything_about_a_person(chat: Chat) -> None:
    anna_with_history(chat)
    reply = chat.say("/privacy export anna")
    assert reply.text == "🔒 Everything stored about Anna Schulz (Acme GmbH) (8 log entries) is in the file."
    assert reply.file is not None
    assert (reply.file.filename, reply.file.mime_type) == ("privacy-anna-schulz-2026-11-25.json", "application/json")
    data = json.loads(reply.file.content)
    contact = data["contact"]
    assert (contact["name"], contact["email"], contact["phone"], contact["company"], contact["source"]) == (
        "Anna Schulz", "anna.schulz@acme.de", "+491701234567", "Acme GmbH", "manual")
    assert [n["text"] for n in data["notes"]] == ["her daughter starts school in May"]
    assert [t["title"] for t in data["tasks"]] == ["call Anna"]
    assert [d["title"] for d in data["deals"]] == ["Acme rollout"]
    assert [(a["filename"], a["caption"]) for a in data["attachments"]] == [("passport.jpg", "Anna: passport copy")]
    assert "file_id" not in data["attachments"][0]
    changes = [(e["entity"], e["action"]) for e in data["audit"]]
    assert ("contact", "create") in changes and ("interaction", "create") in changes
    update = next(e for e in data["audit"] if e["entity"] == "contact" and e["action"] == "update"
                  and e["before"]["email"] != e["after"]["email"])
    assert (update["before"]["email"], update["after"]["email"], update["by"]) == (
        "anna@acme.de", "anna.schulz@acme.de", "rep1")
    assert "likes sailing" not in reply.file.content.decode()  # nothing about Bob


def test_erase_asks_first_and_says_it_cannot_be_undone(chat: Chat) -> None:
    anna_with_history(chat)
    ask = chat.say("/privacy erase anna")
    assert ask.text.startswith("⚠️ Erase Anna Schulz (Acme GmbH) for good? This deletes the contact with 1 note(s), "
                               "1 task(s) and 1 file(s), unlinks 1 deal(s)")
    assert "This cannot be undone, not even with /undo." in ask.text
    assert [b.command for row in ask.buttons for b in row] == ["/privacy erase #1 yes", "/show #1"]
    assert len(chat.rows(Contact)) == 2  # nothing happened yet


def test_erase_deletes_the_person_and_scrubs_the_log(chat: Chat) -> None:
    anna_with_history(chat)
    done = chat.press("Erase for good", chat.say("/privacy erase anna"))
    assert done.text == ("🔒 Erased Anna Schulz: 1 note(s), 1 task(s), 1 file(s) deleted, 1 deal(s) unlinked, "
                         "7 log entries scrubbed. This cannot be undone.")
    assert [c.name for c in chat.rows(Contact)] == ["Bob Stone"]
    assert [n.text for n in chat.rows(Interaction)] == ["likes sailing"]
    assert chat.rows(Task) == [] and chat.rows(Attachment) == []
    [deal] = chat.rows(Deal)
    assert (deal.id, deal.title, deal.contact_id) == (1, "Acme rollout", None)  # the deal keeps its number
    log = " ".join(f"{e.before} {e.after}" for e in chat.rows(AuditEntry))
    for personal in ("Anna", "anna@acme.de", "anna.schulz@acme.de", "+491701234567", "daughter", "passport"):
        assert personal not in log
    assert "likes sailing" in log and "Bob Stone" in log  # others keep their history
    assert 'nothing matching "anna"' in chat.say("/show anna").text
    assert 'Nothing found for "daughter"' in chat.say("/find daughter").text


def test_undo_after_erase_brings_nothing_back(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme GmbH, anna@acme.de")
    chat.say("/note anna: her daughter starts school in May")
    assert chat.say("/delete anna yes").text.startswith("🗑 Deleted")
    chat.say("/undo")  # Anna is back, with her note
    anna_with_history(chat)  # the /add inside asks about the duplicate and changes nothing
    chat.say("/privacy erase anna schulz yes")
    undos = [chat.say("/undo").text for _ in range(5)]
    # what is left to undo is Bob's note, the deal (unlinked from Anna) and Bob with his company
    assert undos[:3] == ["↩️ Undone (2 change(s))."] * 3
    assert undos[3:] == ["There is nothing of yours to undo."] * 2
    assert chat.rows(Contact) == [] and chat.rows(Deal) == [] and chat.rows(Interaction) == []
    assert chat.rows(Task) == [] and chat.rows(Attachment) == []


def test_undo_right_after_erase_has_nothing_of_anna_to_undo(chat: Chat) -> None:
    chat.say("/add Anna Schulz, anna@acme.de")
    chat.say("/note anna: secret")
    chat.say("/privacy erase anna yes")
    assert chat.say("/undo").text == "There is nothing of yours to undo."
    assert chat.rows(Contact) == [] and chat.rows(Interaction) == []


def test_erase_covers_contacts_merged_into_the_person(chat: Chat) -> None:
    chat.say("/add Anna Schulz, anna@acme.de")
    chat.say("/add ! Anna Schulz, anna@private.de")
    chat.say("/note #2: old note")
    chat.say("/merge #1 #2")
    chat.say("/privacy erase #1 yes")
    log = " ".join(f"{e.before} {e.after}" for e in chat.rows(AuditEntry))
    assert "anna@private.de" not in log and "old note" not in log and "Anna" not in log
    assert chat.rows(Contact) == [] and chat.rows(NotDuplicate) == []


def test_erase_drops_waiting_commands_and_imports_naming_the_person(chat: Chat) -> None:
    chat.say("/add Anna Schulz, anna@acme.de")
    chat.say("/add A. Schulz, anna@acme.de")  # a duplicate warning waits with "/add ! A. Schulz, anna@acme.de"
    assert any("anna@acme.de" in p.command for p in chat.rows(PendingChoice))
    with chat.crm.db.transaction(now=chat.now) as session:
        session.add(PendingImport(workspace_id=1, member_id=1, filename="x.csv", payload='{"rows": ["anna@acme.de"]}'))
    chat.say("/privacy erase anna yes")
    assert [p.command for p in chat.rows(PendingChoice) if "anna" in p.command.casefold()] == []
    assert chat.rows(PendingImport) == []


def test_only_an_owner_or_manager_may_erase(chat: Chat) -> None:
    chat.say("/add Anna Schulz")
    rep = Chat(chat.crm, user="rep2")
    reply = rep.say("/privacy erase anna yes")
    assert reply.text == "Only the workspace owner or a manager can erase a person. Nothing was changed."
    assert len(chat.rows(Contact)) == 1
    assert rep.say("/privacy export anna").file is not None  # an export is allowed to everyone who can see her


def test_german_commands(chat: Chat) -> None:
    chat.language = "de"
    chat.say("/neu Anna Schulz, anna@acme.de")
    assert chat.say("/datenschutz auskunft anna").file is not None
    ask = chat.say("/datenschutz löschen anna")
    assert "Das lässt sich nicht rückgängig machen, auch nicht mit /rückgängig." in ask.text
    assert chat.press("Endgültig löschen", ask).text.startswith("🔒 Anna Schulz gelöscht")
    assert chat.rows(Contact) == []
    assert chat.say("/privacy anna").text.startswith("Nicht ganz. /datenschutz auskunft anna")
