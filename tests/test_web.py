"""The web companion over real HTTP: sign-in by one-time link and Mini App initData, board, drag = /stage, cards."""

import json
from datetime import timedelta

import httpx
from sqlmodel import Session, select

from bot.web.auth import sign_init_data
from storage.models import AuditEntry, Deal, PipelineStage, Task
from tests.web_harness import BOT_TOKEN, Web, csrf, web  # noqa: F401  (the fixture)


def seed(web: Web) -> None:
    chat = web.chat
    chat.say("/add Anna Schulz, Acme GmbH, anna@acme.de")
    chat.say("/deal Acme rollout #1 12k EUR proposal")
    chat.say("/task call Anna Schulz tomorrow 9am")


def stage_of(web: Web, deal_id: int) -> str:
    with Session(web.crm.db.engine) as session:
        deal = session.get(Deal, deal_id)
        assert deal is not None
        return session.get(PipelineStage, deal.stage_id).key  # type: ignore[union-attr]


def test_a_one_time_link_signs_in_once_and_shows_the_board(web: Web) -> None:
    seed(web)
    link = web.sign_in_link()
    client = httpx.Client(base_url=web.url, follow_redirects=True)
    page = client.get(link)
    assert page.status_code == 200
    assert "Acme rollout" in page.text and "12,000 EUR" in page.text and "Anna Schulz" in page.text
    assert "call Anna Schulz" in page.text  # the next task on the card
    cookie = page.history[0].headers["set-cookie"]
    assert "HttpOnly" in cookie and "samesite=lax" in cookie.lower() and "Secure" not in cookie
    again = httpx.get(link)
    assert again.status_code == 401 and "Acme" not in again.text


def test_a_stale_link_or_no_session_gets_401(web: Web) -> None:
    link = web.sign_in_link()
    web.now += timedelta(minutes=11)
    assert httpx.get(link).status_code == 401
    assert httpx.get(web.url + "/", headers={"accept": "text/html"}).status_code == 401
    assert httpx.get(web.url + "/login?t=forged").status_code == 401
    assert httpx.get(web.url + "/suggest?q=a").status_code == 401


def test_moving_a_card_is_the_stage_command_with_audit_and_undo(web: Web) -> None:
    seed(web)
    client = web.client()
    token = csrf(client.get("/").text)
    forged = client.post("/act", json={"command": "/stage #deal:1 won"})
    assert forged.status_code == 403 and stage_of(web, 1) == "proposal"
    moved = client.post("/act", json={"command": "/stage #deal:1 negotiation"}, headers={"x-csrf-token": token})
    assert moved.status_code == 200 and moved.json()["changed"]
    assert stage_of(web, 1) == "negotiation"
    with Session(web.crm.db.engine) as session:
        entries = session.exec(select(AuditEntry).where(AuditEntry.entity == "deal",
                                                        AuditEntry.action == "update")).all()
    assert [json.loads(e.after)["stage_id"] for e in entries] == [4]  # type: ignore[arg-type]
    assert "Undone" in web.chat.say("/undo").text
    assert stage_of(web, 1) == "proposal"


def test_cards_search_and_tasks(web: Web) -> None:
    seed(web)
    client = web.client()
    card = client.get("/card/deal/1")
    assert card.status_code == 200 and "Acme rollout" in card.text and "/stage #1 won" in card.text
    contact = client.get("/card/contact/1")
    assert contact.status_code == 200 and "anna@acme.de" in contact.text
    assert client.get("/card/deal/99").status_code == 404
    hits = client.get("/suggest", params={"q": "schul"}).json()
    assert hits[0] == {"label": "Anna Schulz", "href": "/card/contact/1"}
    web.now += timedelta(days=2)
    tasks = client.get("/tasks")
    assert "call Anna Schulz" in tasks.text and "overdue" in tasks.text
    token = csrf(tasks.text)
    assert client.post("/act", json={"command": "/done 1"}, headers={"x-csrf-token": token}).json()["changed"]
    with Session(web.crm.db.engine) as session:
        assert session.get(Task, 1).done_at is not None  # type: ignore[union-attr]


def test_another_workspace_sees_nothing_of_this_one(web: Web) -> None:
    seed(web)
    other = web.client(web.chat.__class__(web.crm, workspace="telegram:2002", user="2002"))
    assert "Acme" not in other.get("/").text
    assert other.get("/card/deal/1").status_code == 404
    assert other.get("/suggest", params={"q": "anna"}).json() == []


def init_data(web: Web, user_id: int = 1001, *, age: timedelta = timedelta(0), token: str = BOT_TOKEN) -> str:
    signed_at = int((web.now - age).timestamp())
    return sign_init_data({"auth_date": str(signed_at), "query_id": "AAE",
                           "user": json.dumps({"id": user_id, "first_name": "Rita", "language_code": "de"})}, token)


def test_mini_app_init_data_signs_in_and_a_tampered_stale_or_replayed_one_gets_401(web: Web) -> None:
    seed(web)
    good = init_data(web)
    client = httpx.Client(base_url=web.url, follow_redirects=True)
    assert client.post("/auth/telegram", json={"init_data": good}).status_code == 204
    assert "Acme rollout" in client.get("/").text
    assert httpx.post(web.url + "/auth/telegram", json={"init_data": good}).status_code == 401  # replayed
    tampered = init_data(web, age=timedelta(seconds=1)).replace("Rita", "Mallory")
    stale = init_data(web, age=timedelta(hours=2))
    foreign = init_data(web, age=timedelta(seconds=2), token="999:other-bot")
    for bad in (tampered, stale, foreign, "", "hash=abc"):
        response = httpx.post(web.url + "/auth/telegram", json={"init_data": bad})
        assert response.status_code == 401 and response.headers["content-type"] == "application/problem+json"
