"""Every lead score rule counts from the records it names, both as /score explains it and as the contact row
stores it after each change: the contact's own fields, its company's, its interactions (recent and old), open
deals, and campaign responses; related rows of other contacts or no longer open never count."""

from datetime import timedelta

import pytest

from handlers.engine import Crm
from storage.models import Contact
from tests.conftest import NOW, Chat


@pytest.fixture
def boss(crm: Crm) -> Chat:
    """Anna (CEO at Acme, 50–99 people, Maschinenbau) and Bob, both with one note 100 days ago."""
    chat = Chat(crm, user="boss", now=NOW - timedelta(days=100))
    chat.say("/add Anna Schulz, Acme GmbH, anna@acme.de")
    chat.say("/add Bob Baker, Globex, bob@globex.com, +49 170 1234567")
    chat.say("/edit acme: industry=Maschinenbau, size=50-99")
    chat.say("/edit anna: title=CEO")
    chat.say("/note anna: first call")
    chat.say("/note bob: first call")
    chat.now = NOW
    return chat


def explained(chat: Chat, name: str) -> str:
    return chat.say(f"/score {name}").text


def stored(chat: Chat, first_name: str) -> int:
    """The score the contact's row holds (as of the last change to it)."""
    return next(contact.score for contact in chat.rows(Contact) if contact.name.lower().startswith(first_name))


def test_own_and_company_fields_and_a_stale_history(boss: Chat) -> None:
    assert explained(boss, "anna") == ("⭐ Anna Schulz: score 30 (e-mail +10, senior title +15, company of 50+ people "
                                       "+10, industry known +5, no contact for 90 days -10)")
    assert explained(boss, "bob") == "⭐ Bob Baker: score 5 (e-mail +10, phone +5, no contact for 90 days -10)"
    assert (stored(boss, "anna"), stored(boss, "bob")) == (45, 20)  # as of their notes, recent then
    boss.say("/note bob: called back")  # a change to Bob stores his score now; Anna's stays as it was
    assert (stored(boss, "anna"), stored(boss, "bob")) == (45, 20)
    assert explained(boss, "bob") == "⭐ Bob Baker: score 20 (e-mail +10, phone +5, interaction in the last 30 days (each, up to 3) +5)"


def test_recent_interactions_count_up_to_three(boss: Chat) -> None:
    for note in ("called", "sent the offer", "called again", "visited"):
        boss.say(f"/note anna: {note}")
        boss.later(hours=1)
    assert explained(boss, "anna") == ("⭐ Anna Schulz: score 55 (e-mail +10, senior title +15, company of 50+ "
                                       "people +10, industry known +5, interaction in the last 30 days (each, up "
                                       "to 3) +15)")
    assert stored(boss, "anna") == 55
    assert explained(boss, "bob").startswith("⭐ Bob Baker: score 5 (")  # none of Anna's notes count for him


def test_an_open_deal_counts_until_it_is_won(boss: Chat) -> None:
    boss.say("/deal Acme rollout 12k #1 proposal")
    assert "open deal +20" in explained(boss, "anna")
    assert stored(boss, "anna") == explained_total(boss, "anna") == 50
    boss.say("/stage rollout won")
    assert "open deal" not in explained(boss, "anna")
    assert stored(boss, "anna") == explained_total(boss, "anna") == 30


def test_campaign_interest_counts_per_interested_response(boss: Chat) -> None:
    boss.say("/tag anna vip")
    boss.say("/tag bob vip")
    boss.say('/segment add "vips" tag:vip')
    boss.say('/campaign new "Messe München 2027" from vips')
    boss.say("/campaign messe response anna interested")
    boss.say("/campaign messe response bob not interested")
    assert "interested in a campaign (each) +15" in explained(boss, "anna")
    assert "campaign" not in explained(boss, "bob")
    assert (stored(boss, "anna"), stored(boss, "bob")) == (explained_total(boss, "anna"), explained_total(boss, "bob"))
    assert explained_total(boss, "anna") == 30 + 15


def explained_total(chat: Chat, name: str) -> int:
    return int(explained(chat, name).split("score ", 1)[1].split(" ", 1)[0])
