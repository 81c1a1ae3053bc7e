"""Workspaces never see each other's data; members of one workspace share it."""

from handlers.engine import Crm
from handlers.texts.reply import Incoming
from tests.conftest import Chat


def test_no_query_crosses_workspaces(crm: Crm) -> None:
    alice = Chat(crm, workspace="telegram:1", user="alice")
    bob = Chat(crm, workspace="telegram:2", user="bob")
    alice.say("/add Anna Schulz, Acme GmbH")
    alice.say("/deal Acme rollout 12k proposal")
    assert "nothing matching" in bob.say("/show anna").text
    assert "Nothing found" in bob.say("/find acme").text
    assert "No deals" in bob.say("/pipeline").text
    assert "no longer exists" in bob.say("/show #1").text
    assert "no longer exists" in bob.say("/done 1").text


def test_team_members_share_one_workspace(crm: Crm) -> None:
    anna = Chat(crm, workspace="slack:T1", user="U1")
    ben = Chat(crm, workspace="slack:T1", user="U2", language="de")
    anna.say("/add Carla Diaz, Globex")
    assert "Carla Diaz" in ben.say("/zeige carla").text
    assert "Es gibt nichts" in ben.say("/rückgängig").text  # ben cannot undo anna's change
    assert anna.say("/undo").text.startswith("↩️ Undone")
    assert "nichts" in ben.say("/zeige carla").text


def test_language_and_timezone_are_per_member(chat: Chat) -> None:
    assert chat.say("/lang de").text == "Sprache ist jetzt Deutsch."
    assert chat.say("/zeitzone new york").text == "Zeitzone ist jetzt America/New_York."
    reply = chat.say("/aufgabe Bericht morgen 9 Uhr")
    assert "Do 26.11. 09:00" in reply.text


def test_start_offers_time_zone_digest_time_and_language(chat: Chat) -> None:
    welcome = chat.say("/start")
    assert "Your time zone is Europe/Berlin" in welcome.text and "digest comes at 08:00" in welcome.text
    assert chat.press("07:00", welcome).text == "Digest on: 07:00 on Mon, Tue, Wed, Thu, Fri."
    assert chat.press("No digest", welcome).text.startswith("Digest switched off")


def test_roles_decide_who_manages(crm: Crm) -> None:
    owner = Chat(crm, workspace="telegram:-100", user="1")
    rep = Chat(crm, workspace="telegram:-100", user="2")
    owner.say("/start")
    rep.crm.handle(Incoming(text="/start", workspace_key="telegram:-100", user_id="2", user_name="Ben Weber"))
    assert rep.say("/role 1 rep").text == "Only owners and managers change roles."
    assert owner.say("/role ben webr manager").text == "Ben Weber is now manager."
    assert "📈 Team digest" in rep.say("/digest").text
    assert "needs an owner" in owner.say("/role 1 rep").text
    assert "role" in owner.say("/role ben boss").text
    team = owner.say("/team").text.splitlines()
    assert team[1:] == ["• 1 · owner", "• Ben Weber · manager"]
