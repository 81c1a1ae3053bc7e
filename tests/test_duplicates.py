"""Duplicates: finding them, merging them (audited, undoable), and remembering pairs that are different."""

from sqlmodel import Session, col, select

from handlers.crm.duplicate_pairs import company_key, company_pairs, contact_pairs
from handlers.texts.reply import FileRef, Incoming
from storage.models import (
    Attachment,
    AuditEntry,
    Company,
    Contact,
    ContactEmail,
    Deal,
    Interaction,
    NotDuplicate,
    Task,
)
from tests.conftest import Chat


def upload(chat: Chat, caption: str, file_id: str) -> None:
    reply = chat.crm.handle(Incoming(text=caption, workspace_key=chat.workspace, user_id=chat.user, now=chat.now,
                                     attachment=FileRef(file_id, "document", f"{file_id}.pdf", "telegram")))
    assert reply.text.startswith("📎"), reply.text


def two_annas(chat: Chat) -> None:
    """Anna Schulz (#1, Acme GmbH, e-mail) and Anna Schultz (#2, ACME, phone), each with history."""
    chat.say("/add Anna Schulz, Acme GmbH, anna@acme.de")
    chat.say("/add Anna Schultz, ACME, +49 170 1234567")
    chat.say("/note anna schulz: met at the fair")
    chat.say("/note #2: wants pricing")
    chat.say("/task call #2 tomorrow 9am")
    chat.say("/deal Acme rollout 12k EUR proposal #2")
    upload(chat, "Anna Schultz: signed NDA", "NDA")


def test_duplicates_lists_pairs_surest_first_with_buttons(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme GmbH, anna@acme.de")
    chat.say("/add ! A. Schulz, anna@acme.de")  # same e-mail
    chat.say("/add ! Anna Schultz, Acme GmbH")  # close name, same company
    chat.say("/add ! Anna Schulz, Globex")  # same name, another company: a different person
    reply = chat.say("/duplicates")
    assert reply.text.splitlines() == [
        "Likely duplicates (2), surest first:",
        "1. 👤 Anna Schulz (Acme GmbH) ↔ A. Schulz · same e-mail",
        "2. 👤 Anna Schulz (Acme GmbH) ↔ Anna Schultz (Acme GmbH) · similar name",
    ]
    assert [b.command for b in reply.buttons[0]] == ["/merge #1, #2", "/distinct #1, #2", "/compare #1, #2"]
    assert [b.command for b in reply.buttons[1]] == ["/merge #1, #3", "/distinct #1, #3", "/compare #1, #3"]


def test_similar_companies_are_offered_too(chat: Chat) -> None:
    chat.say("/company Acme GmbH")
    chat.say("/company ACME")
    chat.say("/company Globex")
    reply = chat.say("/dubletten")
    assert "🏢 Acme GmbH ↔ ACME · similar name" in reply.text
    assert "Globex" not in reply.text
    assert chat.button("Merge 1").command == "/merge #company:1, #company:2"


def test_nothing_to_report(chat: Chat) -> None:
    chat.say("/add Anna Schulz")
    chat.say("/add Bob Stone")
    assert chat.say("/duplicates").text == "No likely duplicates. 🎉"


def test_merge_keeps_everything_and_undo_reverts_it(chat: Chat) -> None:
    two_annas(chat)
    reply = chat.say("/duplicates")
    assert "Anna Schulz (Acme GmbH) ↔ Anna Schultz (ACME)" in reply.text
    merged = chat.press("Merge 1", reply)
    assert merged.text == ("🔗 Merged Anna Schultz into Anna Schulz (Acme GmbH): 1 note(s), 1 task(s), 1 deal(s), "
                           "1 file(s) moved over.")
    [anna] = chat.rows(Contact)
    assert (anna.id, anna.name, anna.email, anna.phone) == (1, "Anna Schulz", "anna@acme.de", "+491701234567")
    assert {note.contact_id for note in chat.rows(Interaction)} == {1}
    assert "also: company ACME\nalso: name Anna Schultz" in [note.text for note in chat.rows(Interaction)]
    assert [t.contact_id for t in chat.rows(Task)] == [1]
    assert [d.contact_id for d in chat.rows(Deal)] == [1]
    assert [a.contact_id for a in chat.rows(Attachment)] == [1]
    card = chat.say("/show anna").text
    assert "wants pricing" in card and "met at the fair" in card and "Acme rollout" in card and "NDA.pdf" in card

    undone = chat.say("/undo")
    assert undone.text.startswith("↩️ Undone")
    people = chat.rows(Contact)
    assert [(p.id, p.name, p.email, p.phone) for p in people] == [
        (1, "Anna Schulz", "anna@acme.de", None), (2, "Anna Schultz", None, "+491701234567")]
    assert sorted((n.contact_id, n.text) for n in chat.rows(Interaction)) == [(1, "met at the fair"),
                                                                               (2, "wants pricing")]
    assert [t.contact_id for t in chat.rows(Task)] == [2]
    assert [d.contact_id for d in chat.rows(Deal)] == [2]
    assert [a.contact_id for a in chat.rows(Attachment)] == [2]
    assert "Anna Schultz (ACME)" in chat.say("/show #2").text  # the name index knows #2 again


def test_merge_is_audited_in_one_batch(chat: Chat) -> None:
    two_annas(chat)
    chat.say("/merge #1 #2")
    with Session(chat.crm.db.engine) as session:
        last = session.exec(select(AuditEntry).order_by(col(AuditEntry.id).desc())).first()
        assert last is not None
        batch = list(session.exec(select(AuditEntry).where(AuditEntry.batch == last.batch)))
    assert {(e.entity, e.action) for e in batch} == {("interaction", "update"), ("task", "update"),
                                                     ("deal", "update"), ("attachment", "update"),
                                                     ("contact", "update"), ("interaction", "create"),
                                                     ("contact", "delete")}


def test_conflicting_email_is_kept_as_a_further_email(chat: Chat) -> None:
    chat.say("/add Anna Schulz, anna@acme.de")
    chat.say("/add ! Anna Schulz, anna.schulz@gmail.com, +49 170 1234567")
    reply = chat.say("/zusammenführen #1 #2")
    assert reply.text.startswith("🔗 Merged Anna Schulz into Anna Schulz")
    [anna] = chat.rows(Contact)
    assert (anna.email, anna.phone) == ("anna@acme.de", "+491701234567")
    assert chat.rows(Interaction) == []
    assert [(e.contact_id, e.email) for e in chat.rows(ContactEmail)] == [(1, "anna.schulz@gmail.com")]
    assert "✉️ anna@acme.de\n✉️ anna.schulz@gmail.com" in chat.say("/show anna").text
    chat.say("/undo")
    assert (chat.count(Contact), chat.count(ContactEmail)) == (2, 0)


def test_merging_moves_further_emails_and_german_note_lines(chat: Chat) -> None:
    chat.language = "de"
    chat.say("/neu Anna Schulz, anna@acme.de")
    chat.say("/neu ! A. Schulz, anna@web.de")
    chat.say("/zusammenführen #2 #1")
    assert [n.text for n in chat.rows(Interaction)] == ["auch: Name Anna Schulz"]
    assert [(e.contact_id, e.email) for e in chat.rows(ContactEmail)] == [(2, "anna@acme.de")]


def test_not_a_duplicate_is_remembered(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme GmbH")
    chat.say("/add ! Anna Schultz, Acme GmbH")
    reply = chat.say("/duplicates")
    noted = chat.press("Not a duplicate 1", reply)
    assert noted.text == "Noted: Anna Schulz and Anna Schultz are different. /duplicates won't pair them again."
    again = chat.press("Not a duplicate 1", reply)  # a second press changes nothing and does not fail
    assert again.text == noted.text
    assert [(n.kind, n.low_id, n.high_id) for n in chat.rows(NotDuplicate)] == [("contact", 1, 2)]
    assert chat.say("/duplicates").text == "No likely duplicates. 🎉"
    assert len(chat.rows(Contact)) == 2


def test_show_both_puts_the_cards_side_by_side(chat: Chat) -> None:
    two_annas(chat)
    reply = chat.press("Both 1", chat.say("/duplicates"))
    first, second = reply.text.split("\n\n")
    assert first.startswith("👤 Anna Schulz (Acme GmbH)") and "met at the fair" in first
    assert second.startswith("👤 Anna Schultz (ACME)") and "wants pricing" in second
    assert [b.command for b in reply.buttons[0]] == ["/merge #1, #2", "/distinct #1, #2"]


def test_merge_companies_moves_people_and_deals(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme GmbH")
    chat.say("/add Jonas Weber, ACME")
    chat.say("/deal #2 rollout 12k")
    reply = chat.say("/merge #company:1 #company:2")
    assert reply.text == "🔗 Merged ACME into Acme GmbH: 1 contact(s) and 1 deal(s) moved over."
    assert [c.name for c in chat.rows(Company)] == ["Acme GmbH"]
    assert {p.company_id for p in chat.rows(Contact)} == {1}
    assert [d.company_id for d in chat.rows(Deal)] == [1]
    chat.say("/undo")
    assert [c.name for c in chat.rows(Company)] == ["Acme GmbH", "ACME"]
    assert [p.company_id for p in chat.rows(Contact)] == [1, 2]


def test_merge_needs_two_records_of_one_kind(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme GmbH")
    assert "/merge #12 #15" in chat.say("/merge #1 #1").text
    assert "/merge #12 #15" in chat.say("/merge #1 #company:1").text
    assert "/merge #12 #15" in chat.say("/merge #1").text
    assert "no longer exists" in chat.say("/merge #1 #99").text
    assert len(chat.rows(Contact)) == 1


def test_pair_scoring() -> None:
    assert company_key("acme gmbh co kg") == company_key("acme") == "acme"
    people = [(1, "anna schulz", 10, "anna@acme.de", None), (2, "anna schultz", 11, None, None),
              (3, "anna schulz", 12, None, None), (4, "bob stone", None, "anna@acme.de", "+4917012345678"),
              (5, "robert stone", None, None, "+4917012345678")]
    companies = {10: "acme gmbh", 11: "acme", 12: "globex"}
    pairs = contact_pairs(people, companies, set())
    assert [(p.keep_id, p.other_id, p.reasons) for p in pairs] == [
        (1, 4, ("email",)), (4, 5, ("phone",)), (1, 2, ("name",))]
    assert contact_pairs(people, companies, {(1, 4), (4, 5), (1, 2)}) == []
    namesakes = [(1, "thomas muller", None, "tm@a.de", None), (2, "thomas muller", None, "tm@b.de", None),
                 (3, "thomas muller", 7, "t@c.de", None), (4, "thomas muller", 7, "mueller@c.de", None)]
    assert [(p.keep_id, p.other_id) for p in contact_pairs(namesakes, {7: "acme"}, set())] == [(3, 4)]
    shared = [(i, f"name{i:03d}", None, "info@acme.de", None) for i in range(1, 40)]
    assert contact_pairs(shared, {}, set()) == []  # a shared office address is no duplicate signal
    assert [(p.keep_id, p.other_id) for p in company_pairs({1: "acme gmbh", 2: "acme ag", 3: "globex"}, set())] == [
        (1, 2)]


def test_merging_a_new_contact_into_an_existing_one_never_downgrades_it(chat: Chat) -> None:
    """"anna schultz, acme" into Anna Schulz of Acme GmbH: she stays at Acme GmbH, no company "acme" appears."""
    chat.say("/add Anna Schulz, Acme GmbH, anna@acme.de")
    warning = chat.say("/add anna schultz, acme, anna@acme.de, +49 170 1234567")
    assert "looks like a contact you already have" in warning.text
    merged = chat.press("Merge into it")
    assert merged.changed and "Anna Schulz (Acme GmbH)" in merged.text
    [anna] = chat.rows(Contact)
    assert (anna.name, anna.email, anna.phone) == ("Anna Schulz", "anna@acme.de", "+491701234567")
    assert [company.name for company in chat.rows(Company)] == ["Acme GmbH"]
    assert anna.company_id == chat.rows(Company)[0].id
    [note] = chat.rows(Interaction)
    assert "company acme" in note.text and "name anna schultz" in note.text
    assert "Undone" in chat.say("/undo").text
    assert chat.rows(Contact)[0].phone is None and chat.count(Interaction) == 0


def test_a_german_merge_into_an_existing_contact(chat: Chat) -> None:
    chat.language = "de"
    chat.say("/neu Anna Schulz, Acme GmbH, +49 170 1234567")
    chat.say("/neu anna schultz, acme, +49 170 1234567, anna@acme.de")
    merged = chat.press("Dort ergänzen")
    assert "Anna Schulz (Acme GmbH)" in merged.text and "Notiz" in merged.text
    assert chat.rows(Contact)[0].email == "anna@acme.de" and chat.count(Company) == 1
