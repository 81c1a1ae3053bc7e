"""The web companion over real HTTP: API calls at 100,000 contacts and the board with 2,000 open deals.

    .venv/bin/python bench/bench_web.py                      # SQLite file in a temp folder
    .venv/bin/python bench/bench_web.py --database-url postgresql://postgres@127.0.0.1:55432/bench_web  # schema replaced

Every figure is from one run; the anchor is a bare FastAPI endpoint returning a constant JSON on a second
uvicorn server in the same process, called through the same HTTP client, so the HTTP overhead is visible.
The kinds of calls are interleaved (one of each per round), so a busy moment hits all of them alike.
"""

import argparse
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx  # noqa: E402
import uvicorn  # noqa: E402
from fastapi import FastAPI  # noqa: E402
from sqlalchemy import event, insert, text  # noqa: E402

from handlers.language.names import fold  # noqa: E402
from storage import name_tokens, queries  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.models import Company, Contact, Deal, Task  # noqa: E402
from tests.conftest import NOW  # noqa: E402
from tests.web_harness import Web, free_port  # noqa: E402

CONTACTS, COMPANIES, OPEN_DEALS, CLOSED_DEALS = 100_000, 2_000, 2_000, 3_000
CHROMIUM, DRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


def fresh(url: str | None) -> Database:
    """An empty, migrated database: a SQLite file in a temp folder, or the PostgreSQL one with its schema replaced."""
    if url is None:
        return migrated(Database(f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"))
    db = Database(url)
    with db.engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    return migrated(db)


def migrated(db: Database) -> Database:
    db.migrate()
    return db


def seed(db: Database) -> None:
    """Bulk rows in workspace 1 (the chat made it): half the contacts at a company, open and closed deals, tasks."""
    stamps = {"created_at": NOW, "updated_at": NOW}
    with db.engine.begin() as connection:
        connection.execute(insert(Company), [{"workspace_id": 1, "name": f"Firm {i}", "name_key": f"firm {i}", **stamps}
                                             for i in range(COMPANIES)])
        connection.execute(insert(Contact), [{"workspace_id": 1, "name": f"Person {i}", "name_key": fold(f"Person {i}"),
                                              "company_id": 1 + i % COMPANIES if i % 2 else None,
                                              "source": "bench", **stamps} for i in range(CONTACTS)])
        connection.execute(insert(Deal), [{"workspace_id": 1, "title": f"Deal {i}", "title_key": f"deal {i}",
                                           "value_cents": i * 100, "currency": "EUR",
                                           "stage_id": 1 + i % 4 if i < OPEN_DEALS else 5 + i % 2,
                                           "probability": 10, "contact_id": 2 + i, "created_at": NOW,
                                           "updated_at": NOW} for i in range(OPEN_DEALS + CLOSED_DEALS)])
        connection.execute(insert(Task), [{"workspace_id": 1, "title": f"Call {i}", "deal_id": 1 + i,
                                           "due_at": NOW, "created_at": NOW} for i in range(0, OPEN_DEALS, 2)])
        connection.execute(text("UPDATE workspace SET revision = revision + 1"))
    with db.transaction(now=NOW) as session:  # the name words an import would have written
        name_tokens.rebuild(session=session, workspace_id=1, names=list(queries.names(session=session, workspace_id=1)))
    with db.engine.begin() as connection:
        connection.execute(text("ANALYZE"))


def anchor_server() -> tuple[uvicorn.Server, str]:
    """A bare FastAPI app (a sync endpoint, as ours are) on its own uvicorn server."""
    app = FastAPI()

    @app.get("/constant")
    def constant() -> dict[str, Any]:
        return {"id": 1, "name": "Anna Schulz", "email": None}

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.02)
    return server, f"http://127.0.0.1:{port}/constant"


def api_calls(web: Web, client: httpx.Client, token: str, rounds: int) -> dict[str, list[float]]:
    """Each kind of call once per round, interleaved; every answer checked."""
    server, constant = anchor_server()
    api, auth = web.url + "/api/v1", {"authorization": f"Bearer {token}"}
    cursor: list[int | None] = [None]

    def cursor_page(response: httpx.Response) -> None:
        cursor[0] = response.json()["next"]

    calls: dict[str, Callable[[int], tuple[str, str, dict[str, Any]]]] = {
        "anchor: bare FastAPI, constant JSON": lambda i: ("GET", constant, {}),
        "get one contact by id": lambda i: ("GET", f"{api}/contacts/{1 + (i * 331) % CONTACTS}", {}),
        "list of 50, next cursor": lambda i: ("GET", f"{api}/contacts", {"params": {"per_page": 50} | (
            {"after": cursor[0]} if cursor[0] else {})}),
        "list of 50, page n": lambda i: ("GET", f"{api}/contacts", {"params": {"per_page": 50, "page": 1 + i % 40}}),
        "filtered list (company_id)": lambda i: ("GET", f"{api}/contacts", {"params": {
            "company_id": 1 + (i * 7) % COMPANIES, "per_page": 50}}),
        "search (q, a rare name)": lambda i: ("GET", f"{api}/contacts", {"params": {"q": f"person {(i * 97) % CONTACTS}"}}),
        "create a contact": lambda i: ("POST", f"{api}/contacts", {"json": {"name": f"Bench Person {i}"}}),
    }
    times: dict[str, list[float]] = {name: [] for name in calls}
    for i in range(-5, rounds):
        for name, call in calls.items():
            method, url, extra = call(i + 5)
            start = time.perf_counter()
            response = client.request(method, url, headers=auth, **extra)
            took = (time.perf_counter() - start) * 1000
            assert response.status_code in (200, 201), (name, response.text[:200])
            if name == "list of 50, next cursor":
                cursor_page(response)
            if i >= 0:
                times[name].append(took)
    server.should_exit = True
    return times


def board_html(client: httpx.Client, url: str, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        page = client.get(url + "/")
        times.append((time.perf_counter() - start) * 1000)
        assert page.status_code == 200 and page.text.count('class="card"') == OPEN_DEALS
    return times


def board_in_chromium(web: Web, runs: int) -> list[tuple[float, float, float]] | None:
    """(response end, DOMContentLoaded end, load end) in ms from navigation start, as the browser counts them."""
    if not (Path(CHROMIUM).exists() and Path(DRIVER).exists()):
        return None
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=412,915", "--disable-gpu"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    try:
        driver.get(web.sign_in_link())
        found = []
        for _ in range(runs):
            driver.get(web.url + "/")
            timing = driver.execute_script(
                "const n = performance.getEntriesByType('navigation')[0];"
                "return [n.responseEnd, n.domContentLoadedEventEnd, n.loadEventEnd,"
                " document.querySelectorAll('.card').length];")
            assert timing[3] == OPEN_DEALS, timing
            found.append((timing[0], timing[1], timing[2]))
        return found
    finally:
        driver.quit()


def plans(db: Database, client: httpx.Client, api: str, token: str) -> list[tuple[str, list[str]]]:
    """The database's plan for the list queries one call of each kind runs."""
    seen: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "FROM contact" in statement:
            seen.append((statement, parameters))

    found = []
    for label, params in (("cursor page", {"after": 50_000}), ("company filter", {"company_id": 7}),
                          ("company filter + cursor", {"company_id": 7, "after": 50_000}), ("search, a rare name", {"q": "person 4711"}), ("search, a common word", {"q": "person"})):
        for engine in db.engines:
            event.listen(engine, "before_cursor_execute", capture)
        client.get(f"{api}/contacts", params=params, headers={"authorization": f"Bearer {token}"})
        for engine in db.engines:
            event.remove(engine, "before_cursor_execute", capture)
        statement, parameters = seen.pop()
        seen.clear()
        explain = "EXPLAIN QUERY PLAN " if db.is_sqlite else "EXPLAIN "
        with db.engine.connect() as connection:
            rows = connection.exec_driver_sql(explain + statement, parameters).all()
        found.append((label, [str(row[-1]) for row in rows]))
    return found


def percentile(found: list[float], share: float) -> float:
    return statistics.quantiles(found, n=100, method="inclusive")[round(share * 100) - 1]


def report(name: str, found: list[float], anchor: float) -> None:
    p50, p95 = statistics.median(found), percentile(found, 0.95)
    print(f"| {name} | {p50:.1f} | {p95:.1f} | {p50 / anchor:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="PostgreSQL to use (its public schema is replaced); default SQLite")
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    db = fresh(args.database_url)
    web = Web(db, burst=10**6)
    web.start()
    web.chat.say("/add Anna Schulz")
    token = web.api_token()
    seed(db)
    client = web.client()
    board = board_html(client, web.url, 10)
    times = api_calls(web, client, token, args.rounds)
    chromium = board_in_chromium(web, 5)
    explained = plans(db, client, web.url + "/api/v1", token)
    web.stop()
    print(f"## {db.engine.dialect.name}, {CONTACTS:,} contacts, {args.rounds} calls of each kind, interleaved; "
          f"load average {Path('/proc/loadavg').read_text().split()[:3]}")
    anchor = statistics.median(times["anchor: bare FastAPI, constant JSON"])
    print("| call | p50 ms | p95 ms | p50 / anchor |\n|---|---:|---:|---:|")
    for name, found in times.items():
        report(name, found, anchor)
    api_only = [t for name, found in times.items() if not name.startswith("anchor") for t in found]
    print(f"every API call above together: p95 {percentile(api_only, 0.95):.1f} ms")
    print(f"board with {OPEN_DEALS:,} open deals, full HTML over HTTP: p50 {statistics.median(board):.0f} ms, "
          f"max {max(board):.0f} ms")
    if chromium:
        print(f"board in headless Chromium (412x915), from navigation start, median of {len(chromium)}: "
              + ", ".join(f"{label} {statistics.median(t[n] for t in chromium):.0f} ms" for n, label in
                          enumerate(("HTML received", "DOMContentLoaded (script bound)", "load event"))))
    for label, lines in explained:
        print(f"plan, {label}: " + " / ".join(line.strip() for line in lines))


if __name__ == "__main__":
    main()
