"""An undo button undoes the changes of the message it sits under, or says why it can't."""

from handlers.engine import Crm
from storage.models import Contact, Interaction, Task
from tests.conftest import Chat


def _names(chat: Chat) -> set[str]:
    return {contact.name for contact in chat.rows(Contact)}


def test_undo_all_under_an_older_capture_undoes_that_capture(chat: Chat) -> None:
    first = chat.say("met Anna Schulz from Acme, wants a demo next tuesday 10am")
    chat.say("met Ben Vogt from Globex, send pricing friday 9am")
    assert _names(chat) == {"Anna Schulz", "Ben Vogt"}
    assert len(chat.button("Undo all", first).command or "") <= 64
    assert chat.press("Undo all", first).text.startswith("↩️ Undone")
    assert _names(chat) == {"Ben Vogt"}
    assert [t.title for t in chat.rows(Task)] == ["send pricing"]
    assert len(chat.rows(Interaction)) == 1
    again = chat.press("Undo all", first)
    assert again.text == "That was undone already. Nothing was changed."
    assert _names(chat) == {"Ben Vogt"}
    assert chat.say("/undo").text.startswith("↩️ Undone")  # typed: the member's last change, Ben
    assert _names(chat) == set()


def test_a_later_change_to_the_same_record_blocks_the_older_button(chat: Chat) -> None:
    first = chat.say("met Anna Schulz from Acme, wants a demo next tuesday 10am")
    chat.say("/edit anna: email=anna@acme.de")
    reply = chat.press("Undo all", first)
    assert reply.text == "I can't undo that: later changes depend on it. Nothing was changed."
    assert [(c.name, c.email) for c in chat.rows(Contact)] == [("Anna Schulz", "anna@acme.de")]
    assert len(chat.rows(Task)) == 1 and len(chat.rows(Interaction)) == 1


def test_a_teammates_later_change_blocks_typed_undo_too(crm: Crm) -> None:
    anna = Chat(crm, workspace="slack:T1", user="U1")
    ben = Chat(crm, workspace="slack:T1", user="U2", language="de")
    anna.say("/add Carla Diaz")
    ben.say("/ändern carla: email=carla@globex.example")
    assert anna.say("/undo").text == "I can't undo that: later changes depend on it. Nothing was changed."
    assert [c.email for c in anna.rows(Contact)] == ["carla@globex.example"]


def test_only_the_author_can_press_an_undo_button(crm: Crm) -> None:
    anna = Chat(crm, workspace="slack:T1", user="U1")
    ben = Chat(crm, workspace="slack:T1", user="U2", language="de")
    anna.say("/add Carla Diaz")
    noted = anna.say("/note carla: wants pricing")
    assert ben.press("Undo", noted).text == "Es gibt nichts von dir rückgängig zu machen."
    assert len(anna.rows(Interaction)) == 1


def test_a_mangled_undo_payload_undoes_nothing(chat: Chat) -> None:
    chat.say("/add Carla Diaz")
    assert chat.say("/undo 12ab").text.startswith("Not quite.")
    assert chat.say("/undo " + "0" * 32).text == "There is nothing of yours to undo."
    assert _names(chat) == {"Carla Diaz"}
