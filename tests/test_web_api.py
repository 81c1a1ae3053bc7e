"""The REST API over real HTTP: tokens from chat, CRUD with pagination and filters, problem details, isolation."""

import httpx
from sqlmodel import Session, select

from storage.models import AccessToken, AuditEntry, Contact, CustomValue, Tagging
from tests.conftest import Chat
from tests.web_harness import Web, web  # noqa: F401  (the fixture)


def test_owners_create_tokens_stored_hashed_reps_may_not(web: Web) -> None:
    token = web.api_token()
    with Session(web.crm.db.engine) as session:
        stored = session.exec(select(AccessToken).where(AccessToken.kind == "api")).one()
    assert token not in stored.token_hash and len(stored.token_hash) == 64
    web.chat.say("/team")
    rep = Chat(web.crm, workspace="telegram:1001", user="1002")
    assert "Only owners and managers" in rep.say("/web token mine").text


def test_contacts_crud_with_audit_and_undo(web: Web) -> None:
    api = web.api(web.api_token())
    created = api.post("/contacts", json={"name": "Anna Schulz", "company": "Acme GmbH", "email": "Anna@Acme.de"})
    assert created.status_code == 201, created.text
    anna = created.json()
    assert anna["name"] == "Anna Schulz" and anna["email"] == "anna@acme.de" and anna["company_id"] == 1
    assert created.headers["location"] == f"/api/v1/contacts/{anna['id']}"
    assert api.get(f"/contacts/{anna['id']}").json()["name"] == "Anna Schulz"
    changed = api.patch(f"/contacts/{anna['id']}", json={"phone": "+49 170 1234567"})
    assert changed.status_code == 200 and changed.json()["phone"] == "+491701234567"
    with Session(web.crm.db.engine) as session:
        assert {e.action for e in session.exec(select(AuditEntry).where(AuditEntry.entity == "contact"))} == \
            {"create", "update"}
    web.chat.say("/undo")
    assert api.get(f"/contacts/{anna['id']}").json()["phone"] is None
    assert api.delete(f"/contacts/{anna['id']}").status_code == 204
    assert api.get(f"/contacts/{anna['id']}").status_code == 404


def test_pagination_filters_and_search(web: Web) -> None:
    api = web.api(web.api_token())
    for number in range(7):
        assert api.post("/contacts", json={"name": f"Person {number}", "company": "Acme" if number % 2 else None}
                        ).status_code == 201
    first = api.get("/contacts", params={"per_page": 3, "count": True}).json()
    assert first["total"] == 7 and [c["name"] for c in first["items"]] == ["Person 0", "Person 1", "Person 2"]
    third = api.get("/contacts", params={"per_page": 3, "page": 3}).json()
    assert [c["name"] for c in third["items"]] == ["Person 6"]
    assert api.get("/contacts", params={"company_id": 1, "count": True}).json()["total"] == 3
    assert api.get("/contacts", params={"q": "person 5"}).json()["items"][0]["name"] == "Person 5"


def test_keyset_pages_follow_the_next_cursor_without_counting(web: Web) -> None:
    api = web.api(web.api_token())
    for number in range(5):
        assert api.post("/contacts", json={"name": f"Person {number}"}).status_code == 201
    first = api.get("/contacts", params={"per_page": 2}).json()
    assert first["total"] is None and [c["name"] for c in first["items"]] == ["Person 0", "Person 1"]
    names, cursor = [c["name"] for c in first["items"]], first["next"]
    while cursor is not None:
        following = api.get("/contacts", params={"per_page": 2, "after": cursor}).json()
        names += [c["name"] for c in following["items"]]
        cursor = following["next"]
    assert names == [f"Person {n}" for n in range(5)]
    assert api.get("/contacts", params={"after": 0}).status_code == 422


def test_deals_tasks_and_notes(web: Web) -> None:
    api = web.api(web.api_token())
    anna = api.post("/contacts", json={"name": "Anna Schulz"}).json()
    deal = api.post("/deals", json={"title": "Rollout", "value_cents": 1_200_000, "contact_id": anna["id"],
                                    "stage": "proposal"})
    assert deal.status_code == 201, deal.text
    moved = api.patch(f"/deals/{deal.json()['id']}", json={"stage": "won"})
    assert moved.status_code == 200 and moved.json()["probability"] == 100
    task = api.post("/tasks", json={"title": "call back", "contact_id": anna["id"], "due_at": "2026-11-27T09:00:00+01:00"})
    assert task.status_code == 201 and task.json()["due_at"].startswith("2026-11-27T08:00")
    done = api.patch(f"/tasks/{task.json()['id']}", json={"done": True})
    assert done.json()["done_at"] is not None
    note = api.post("/notes", json={"contact_id": anna["id"], "text": "wants pricing", "kind": "call"})
    assert note.status_code == 201 and note.json()["kind"] == "call"
    assert len(api.get("/notes", params={"contact_id": anna["id"]}).json()["items"]) == 1
    assert "Rollout" in web.chat.say("/show anna").text


def test_bad_input_gets_problem_details_that_say_what_is_wrong(web: Web) -> None:
    api = web.api(web.api_token())
    cases = [
        (api.post("/contacts", json={"name": ""}), 422, "name"),
        (api.post("/contacts", json={"name": "A", "email": "not-an-email"}), 422, "e-mail"),
        (api.post("/contacts", json={"name": "A", "shoe": 42}), 422, "shoe"),
        (api.post("/deals", json={"title": "X", "stage": "won-ish"}), 422, "stage"),
        (api.post("/deals", json={"title": "X", "value_cents": 10**13}), 422, "10,000,000,000"),
        (api.post("/tasks", json={"title": "X", "due_at": "2026-11-27T09:00"}), 422, "timezone"),
        (api.get("/contacts", params={"per_page": 1000}), 422, "per_page"),
        (api.get("/contacts/abc"), 422, "row_id"),
        (api.get("/contacts/99"), 404, "No such record"),
        (api.post("/notes", json={"contact_id": 99, "text": "x"}), 404, "No such record"),
    ]
    for response, status, words in cases:
        assert response.status_code == status, response.text
        assert response.headers["content-type"] == "application/problem+json"
        body = response.json()
        assert body["status"] == status and words.casefold() in body["detail"].casefold(), body
    with Session(web.crm.db.engine) as session:
        assert session.exec(select(Contact)).all() == []


def test_strangers_revoked_tokens_and_other_workspaces_get_401_or_404(web: Web) -> None:
    token = web.api_token()
    api = web.api(token)
    anna = api.post("/contacts", json={"name": "Anna Schulz"}).json()
    other = web.api(web.api_token(Chat(web.crm, workspace="telegram:2002", user="2002")))
    assert other.get(f"/contacts/{anna['id']}").status_code == 404
    assert other.patch(f"/contacts/{anna['id']}", json={"name": "Mallory"}).status_code == 404
    assert other.delete(f"/contacts/{anna['id']}").status_code == 404
    assert other.get("/contacts").json()["items"] == []
    for headers in ({}, {"authorization": "Bearer nope"}, {"authorization": f"Basic {token}"}):
        response = httpx.get(web.url + "/api/v1/contacts", headers=headers)
        assert response.status_code == 401 and "Anna" not in response.text
    web.chat.say("/web revoke 1")
    assert api.get("/contacts").status_code == 401


def test_openapi_documents_the_api(web: Web) -> None:
    spec = httpx.get(web.url + "/api/v1/openapi.json").json()
    assert {"/api/v1/contacts", "/api/v1/deals/{row_id}", "/api/v1/notes"} <= set(spec["paths"])
    assert httpx.get(web.url + "/api/v1/docs").status_code == 200


def test_a_token_past_its_rate_limit_gets_429(db) -> None:  # type: ignore[no-untyped-def]
    server = Web(db, burst=3)
    server.start()
    try:
        api = server.api(server.api_token())
        statuses = [api.get("/contacts").status_code for _ in range(5)]
        assert statuses[:3] == [200, 200, 200] and statuses[3:] == [429, 429]
        limited = api.get("/contacts")
        assert limited.headers["retry-after"] and limited.json()["status"] == 429
    finally:
        server.stop()


def test_deleting_a_company_or_a_deal_takes_its_tags_and_custom_values_and_undo_brings_them_back(web: Web) -> None:
    api = web.api(web.api_token())
    web.chat.say("/field add company Gruendung date")
    firm = api.post("/companies", json={"name": "Nordwind AG"}).json()
    deal = api.post("/deals", json={"title": "Rollout", "value_cents": 100_000, "stage": "lead"}).json()
    web.chat.say("/edit Nordwind AG: Gruendung=1.2.1999")
    web.chat.say("/tag Nordwind AG partner")
    web.chat.say("/tag Rollout hot")
    assert (web.chat.count(Tagging), web.chat.count(CustomValue)) == (2, 1)
    assert api.delete(f"/companies/{firm['id']}").status_code == 204
    assert api.delete(f"/deals/{deal['id']}").status_code == 204
    assert (web.chat.count(Tagging), web.chat.count(CustomValue)) == (0, 0)
    web.chat.say("/undo")  # the deal's delete
    web.chat.say("/undo")  # the company's
    assert (web.chat.count(Tagging), web.chat.count(CustomValue)) == (2, 1)
    assert "partner" in web.chat.say("/tags").text and "1 Feb 1999" in web.chat.say("/show Nordwind AG").text
