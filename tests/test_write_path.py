"""The write path's shortcuts keep every stored score and segment fact right: a contact made in the message is
scored from its own row only while nothing else points at it, and the API answers with the row it made."""

import json
import re

import httpx
from sqlalchemy import event

from handlers.engine import Crm
from storage.leads import Facts
from storage.models import Contact, Task, WebhookDelivery
from tests.conftest import Chat
from tests.web_harness import Web


def scored(chat: Chat) -> dict[str, tuple[int, int, int, bool]]:
    """Each contact's stored (score, open deals, open tasks, has a newest interaction)."""
    return {c.name: (c.score, c.open_deals, c.open_tasks, c.last_interaction_at is not None) for c in chat.rows(Contact)}


def explained(chat: Chat, name: str) -> int:
    """The score /score computes now, from the database."""
    found = re.search(r"score (-?\d+)", chat.say(f"/score {name}").text)
    assert found, name
    return int(found[1])


def test_a_new_contact_is_scored_from_its_own_row(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme GmbH, anna@acme.example, +49 30 1234567")
    chat.say("/add Bob Baker")
    assert scored(chat) == {"Anna Schulz": (15, 0, 0, False), "Bob Baker": (0, 0, 0, False)}
    assert explained(chat, "Anna Schulz") == 15


def test_a_contact_made_with_a_task_or_deal_in_the_same_message_counts_them(chat: Chat) -> None:
    chat.say("met Clara Wolf from Nordwind, wants a demo next tuesday 10am")
    assert chat.count(Task) == 1
    score, deals, tasks, _ = scored(chat)["Clara Wolf"]
    assert tasks == 1
    assert score == explained(chat, "Clara Wolf")
    chat.say("/deal Nordwind rollout 12k EUR proposal")
    chat.say("/add Dora Lange, dora@nordwind.example")
    assert scored(chat)["Dora Lange"] == (10, 0, 0, False)


def test_a_contact_brought_back_by_undo_is_scored_with_its_notes(chat: Chat) -> None:
    chat.say("/add Anna Schulz, anna@acme.example")
    chat.say("/note Anna Schulz: called, wants pricing")
    chat.say("/delete #1 yes")
    assert scored(chat) == {}
    chat.say("/undo")
    assert scored(chat) == {"Anna Schulz": (15, 0, 0, True)}
    assert explained(chat, "Anna Schulz") == 15


def test_open_deal_is_the_count_of_open_deals() -> None:
    assert not Facts().open_deal
    assert Facts(open_deals=2).open_deal


def test_the_api_answers_with_the_contact_it_made_and_scores_it(crm: Crm) -> None:
    web = Web(crm.db)
    web.start()
    try:
        web.chat.say("/add Anna Schulz")
        api = web.api(web.api_token())
        made = api.post("/contacts", json={"name": "Bea Braun", "email": "bea@example.com"})
        assert made.status_code == 201, made.text
        assert made.json()["name"] == "Bea Braun" and made.json()["email"] == "bea@example.com"
        assert made.json()["score"] == 10  # the score as stored after the create, not the new row's 0
        assert made.headers["location"] == f"/api/v1/contacts/{made.json()['id']}"
        again = api.get(f"/contacts/{made.json()['id']}")
        assert isinstance(again, httpx.Response) and again.json()["score"] == 10
        with crm.db.transaction(now=web.now) as session:
            contact = session.get(Contact, made.json()["id"])
            assert contact is not None and contact.score == 10
        changed = api.patch(f"/contacts/{made.json()['id']}", json={"phone": "+49 30 1234567"})
        assert changed.status_code == 200 and changed.json()["score"] == 15
    finally:
        web.stop()


def test_an_api_create_follows_the_teams_own_rules_and_webhooks_and_looks_for_neither_when_it_has_none(
        crm: Crm) -> None:
    web = Web(crm.db)
    web.start()
    seen: list[str] = []

    def capture(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        seen.append(statement)

    try:
        web.chat.say("/add Anna Schulz")
        api = web.api(web.api_token())
        for engine in crm.db.engines:
            event.listen(engine, "before_cursor_execute", capture)
        try:
            assert api.post("/contacts", json={"name": "Bea Braun", "email": "bea@example.com"}).json()["score"] == 10
        finally:
            for engine in crm.db.engines:
                event.remove(engine, "before_cursor_execute", capture)
        assert [s for s in seen if s.startswith(("SELECT webhook.", "SELECT scorerule."))] == []  # the token's query told
        web.chat.say("/score rule email 25")
        web.chat.say("/web hook https://erp.example.com/crm")
        made = api.post("/contacts", json={"name": "Cleo Cramer", "email": "cleo@example.com"})
        assert made.json()["score"] == 25
        events = [(d.event, json.loads(d.payload)["data"]["id"]) for d in web.chat.rows(WebhookDelivery)]
        assert events == [("contact.created", made.json()["id"])]
    finally:
        web.stop()


def test_a_chat_change_follows_the_teams_own_rules_and_webhooks_and_looks_for_neither_when_it_has_none(
        crm: Crm) -> None:
    web = Web(crm.db)  # the chat's /web hook needs the web companion's address
    web.start()
    try:
        chat = web.chat
        chat.say("/add Anna Schulz, anna@acme.de")
        reply, seen = chat.say_counted("/note Anna Schulz: called, wants pricing for 40 seats")
        assert "Note saved" in reply.text
        assert [s for s in seen if s.startswith(("SELECT webhook.", "SELECT scorerule."))] == []  # the first query told
        chat.say("/score rule email 25")
        chat.say("/web hook https://erp.example.com/crm")
        chat.say("/add Cleo Cramer, cleo@example.com")
        events = [(d.event, json.loads(d.payload)["data"]["name"]) for d in chat.rows(WebhookDelivery)]
        assert events == [("contact.created", "Cleo Cramer")]
        assert scored(chat)["Cleo Cramer"][0] == 25
    finally:
        web.stop()
