"""Files on contacts, notes for an unknown sender, time zone from a location, suggestions."""

from sqlmodel import Session, select

from handlers.engine import Crm
from handlers.texts.reply import FileRef, Incoming, Reply
from storage.models import Attachment, Interaction, Member
from tests.conftest import NOW, Chat


def upload(chat: Chat, caption: str, file_id: str = "FILE-1") -> Reply:
    return chat.crm.handle(Incoming(text=caption, workspace_key=chat.workspace, user_id=chat.user, now=chat.now,
                                    attachment=FileRef(file_id, "document", "contract.pdf", "telegram")))


def test_document_with_caption_goes_to_the_contact_and_comes_back(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme GmbH")
    reply = upload(chat, "Anna: signed contract")
    assert reply.text == "📎 File saved on Anna Schulz (Acme GmbH)."
    files = chat.say("/files anna")
    assert "contract.pdf" in files.text and "signed contract" in files.text
    assert files.files == [FileRef("FILE-1", "document", "contract.pdf", "telegram")]
    assert "📎 contract.pdf · Anna: signed contract" in chat.say("/show anna").text


def test_file_without_a_known_contact_asks_which(chat: Chat) -> None:
    chat.say("/add Anna Schulz")
    chat.say("/add Anna Meyer")
    ask = upload(chat, "annual report")
    assert "Which contact is this file for?" in ask.text
    assert chat.say("anna meyer").text.startswith("📎 File saved on Anna Meyer")
    with Session(chat.crm.db.engine) as session:
        [attachment] = session.exec(select(Attachment)).all()
    assert attachment.contact_id == 2


def test_ambiguous_caption_offers_buttons(chat: Chat) -> None:
    chat.say("/add Anna Schulz")
    chat.say("/add Anna Meyer")
    ask = upload(chat, "anna")
    assert [b.label for row in ask.buttons for b in row] == ["Anna Schulz", "Anna Meyer"]
    assert "Anna Schulz" in chat.press("Anna Schulz", ask).text


def test_note_for_unknown_sender_asks_which_contact(chat: Chat) -> None:
    chat.say("/add Tom Becker")
    ask = chat.say("/note ?: forwarded: please send the quote")
    assert "Which contact" in ask.text
    assert chat.say("tom").text == "📝 Note saved on Tom Becker."
    with Session(chat.crm.db.engine) as session:
        [note] = session.exec(select(Interaction)).all()
    assert note.text == "forwarded: please send the quote"


def test_time_zone_from_a_shared_location(chat: Chat) -> None:
    assert chat.say("/tz 40.7128, -74.0060").text == "Time zone set to America/New_York from your location."
    with Session(chat.crm.db.engine) as session:
        assert session.exec(select(Member.timezone)).one() == "America/New_York"
    assert "time zone" in chat.say("/tz 95.0, 500.0").text


def test_suggest_for_search_as_you_type(crm: Crm) -> None:
    chat = Chat(crm, workspace="slack:T1")
    chat.say("/add Anna Schulz")
    chat.say("/add Bernd Schultze")
    assert crm.suggest("slack:T1", "schul") == [("#1", "Anna Schulz"), ("#2", "Bernd Schultze")]
    assert crm.suggest("slack:T2", "schul") == []
    assert NOW.year == 2026


def test_deleting_a_contact_with_a_file_deletes_the_file_and_undo_restores_both(chat: Chat) -> None:
    chat.say("/add Anna Schulz")
    upload(chat, "Anna: contract")
    chat.press("Delete", chat.say("/delete anna"))
    with Session(chat.crm.db.engine) as session:
        assert session.exec(select(Attachment)).all() == []
    chat.say("/undo")
    assert "contract.pdf" in chat.say("/files anna").text
