"""How the API reads: one read-only transaction with the token's check, revocation at once, search, query plans."""

from typing import Any

from sqlalchemy import event, insert, text
from sqlalchemy.engine import Connection
from sqlmodel import Session

from handlers.language.names import fold
from handlers.name_search import NameLookup, Vocabulary
from storage import name_tokens, queries
from storage import web as store
from storage.db import READER, Database
from storage.models import Contact
from tests.conftest import NOW
from tests.web_harness import Web, web  # noqa: F401  (the fixture)


def transactions(web: Web, call: Any) -> list[bool]:
    """For each transaction the call opened: whether it was a reader's."""
    opened: list[bool] = []

    def begin(connection: Connection) -> None:
        opened.append(bool(connection.get_execution_options().get(READER, False)))

    for engine in web.crm.db.engines:
        event.listen(engine, "begin", begin)
    try:
        call()
    finally:
        for engine in web.crm.db.engines:
            event.remove(engine, "begin", begin)
    return opened


def test_a_read_is_one_read_only_transaction_with_the_token_check_and_a_write_one_transaction(web: Web) -> None:
    api = web.api(web.api_token())
    anna = api.post("/contacts", json={"name": "Anna Schulz", "company": "Acme"}).json()
    reads = [lambda: api.get(f"/contacts/{anna['id']}"), lambda: api.get("/contacts", params={"company_id": 1}),
             lambda: api.get("/contacts", params={"q": "schulz", "count": True}), lambda: api.get("/deals")]
    for read in reads:
        assert transactions(web, read) == [True]
    assert transactions(web, lambda: api.post("/contacts", json={"name": "Jörg Müller"})) == [False]
    assert transactions(web, lambda: api.get("/contacts/999")) == [True]


def test_a_revoked_token_is_refused_by_the_very_next_call_and_changes_nothing(web: Web) -> None:
    api = web.api(web.api_token())
    anna = api.post("/contacts", json={"name": "Anna Schulz"}).json()
    assert api.get(f"/contacts/{anna['id']}").status_code == 200 and api.get("/contacts").status_code == 200
    assert "revoked" in web.chat.say("/web revoke 1").text
    refused = [api.get(f"/contacts/{anna['id']}"), api.get("/contacts", params={"q": "anna"}),
               api.post("/contacts", json={"name": "Mallory"}),
               api.patch(f"/contacts/{anna['id']}", json={"name": "Mallory"}), api.delete(f"/contacts/{anna['id']}")]
    assert [r.status_code for r in refused] == [401] * 5
    assert all(r.headers["www-authenticate"] == "Bearer" for r in refused)
    assert [c.name for c in web.chat.rows(Contact)] == ["Anna Schulz"]
    assert web.api(web.api_token()).get(f"/contacts/{anna['id']}").json()["name"] == "Anna Schulz"


def seed_people(db: Database, count: int) -> None:
    """Contacts "Person 0".. in the chat's workspace, bulk, with their name words and the revision bumped as an
    import does."""
    with db.engine.begin() as connection:
        connection.execute(insert(Contact), [{"workspace_id": 1, "name": f"Person {i}", "name_key": f"person {i}",
                                              "created_at": NOW, "updated_at": NOW} for i in range(count)])
        connection.execute(text("UPDATE workspace SET revision = revision + 1"))
    with db.transaction(now=NOW) as session:
        name_tokens.rebuild(session=session, workspace_id=1, names=list(queries.names(session=session, workspace_id=1)))


def every_match(api: Any, q: str) -> tuple[list[int], int]:
    """The ids of every page of a search, following the cursor, and the counted total."""
    ids: list[int] = []
    page = api.get("/contacts", params={"q": q, "per_page": 200, "count": True}).json()
    total = page["total"]
    while True:
        ids += [row["id"] for row in page["items"]]
        if page["next"] is None:
            return ids, total
        page = api.get("/contacts", params={"q": q, "per_page": 200, "after": page["next"]}).json()


def test_search_finds_any_part_of_a_name_whether_the_index_or_the_table_answers(web: Web) -> None:
    api = web.api(web.api_token())
    seed_people(web.crm.db, 700)
    api.post("/contacts", json={"name": "Anna Müller-Schulz"})
    names = {c.id: fold(c.name) for c in web.chat.rows(Contact)}
    for q in ("schulz", "Müller-Schu", "erson 12", "person 1", "person", "son 69", "7", "nobody"):
        expected = sorted(i for i, key in names.items() if fold(q) in key)
        assert every_match(api, q) == (expected, len(expected)), q
    anna = max(names)
    api.patch(f"/contacts/{anna}", json={"name": "Anna Berger"})
    assert every_match(api, "berg") == ([anna], 1) and every_match(api, "schulz") == ([], 0)


def test_the_lookup_gives_up_past_its_limit_and_never_names_another_kind(web: Web) -> None:
    web.api_token()  # the chat's workspace exists
    rows = [("contact", i, f"Person {i}", f"person {i}") for i in range(1, 30)] + [("company", 1, "Person 1 GmbH",
                                                                                   "person 1 gmbh")]
    with web.crm.db.transaction(now=NOW) as session:
        name_tokens.rebuild(session=session, workspace_id=1, names=rows)
        lookup = NameLookup(session, 1, Vocabulary(0, name_tokens.vocabulary(session=session, workspace_id=1)))
        assert lookup.containing("person 1", kind="contact", most=100) == [1, *range(10, 20)]
        assert lookup.containing("rson 2", kind="company", most=100) == []
        assert lookup.containing("person", kind="contact", most=10) is None
        assert lookup.containing("erso", kind="contact", most=10) is None


def plan(db: Database, **page: Any) -> str:
    """The database's plan for the page query of contacts, with sequential scans disfavoured on PostgreSQL."""
    seen: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        seen.append((statement, parameters))

    with Session(db.engine) as session:
        event.listen(db.engine, "before_cursor_execute", capture)
        try:
            store.page(session=session, model=Contact, workspace_id=1, offset=0, limit=50, **page)
        finally:
            event.remove(db.engine, "before_cursor_execute", capture)
    statement, parameters = next((s, p) for s, p in seen if "FROM contact" in s)
    with db.engine.connect() as connection:
        if not db.is_sqlite:
            connection.exec_driver_sql("SET enable_seqscan = off")
        explain = "EXPLAIN QUERY PLAN " if db.is_sqlite else "EXPLAIN "
        return " / ".join(str(row[-1]) for row in connection.exec_driver_sql(explain + statement, parameters))


def test_list_pages_with_filters_and_cursors_are_read_through_indexes(db: Database) -> None:
    for page in ({"filters": {}, "after": 50_000}, {"filters": {"company_id": 7}},
                 {"filters": {"company_id": 7}, "after": 50_000}, {"filters": {}, "among": [3, 5, 8]}):
        found = plan(db, **page)
        if db.is_sqlite:
            assert "SEARCH contact USING" in found and "SCAN contact" not in found, (page, found)
        else:
            assert "Index" in found and "Seq Scan" not in found, (page, found)

