"""The web companion: the board with 2,000 open deals, and API reads at 100,000 contacts, over real HTTP."""

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert  # noqa: E402

from handlers.language.names import fold  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.models import Contact, Deal  # noqa: E402
from tests.conftest import NOW  # noqa: E402
from tests.web_harness import Web  # noqa: E402


def main() -> None:
    path = Path(tempfile.mkdtemp()) / "bench.db"
    db = Database(f"sqlite:///{path}")
    db.migrate()
    web = Web(db, burst=10**6)
    web.start()
    web.chat.say("/add Anna Schulz")
    with db.engine.begin() as connection:
        connection.execute(insert(Contact), [{"workspace_id": 1, "name": f"Person {i}", "name_key": fold(f"Person {i}"),
                                              "source": "bench", "created_at": NOW, "updated_at": NOW}
                                             for i in range(100_000)])
        connection.execute(insert(Deal), [{"workspace_id": 1, "title": f"Deal {i}", "title_key": f"deal {i}",
                                           "value_cents": i * 100, "currency": "EUR", "stage_id": 1 + i % 4,
                                           "probability": 10, "contact_id": 2 + i, "created_at": NOW,
                                           "updated_at": NOW} for i in range(2_000)])
    client = web.client()
    board = []
    for _ in range(10):
        start = time.perf_counter()
        page = client.get("/")
        board.append((time.perf_counter() - start) * 1000)
        assert page.status_code == 200 and page.text.count('class="card"') == 2000
    api = web.api(web.api_token())
    reads: dict[str, list[float]] = {"one contact by id (anchor)": [], "list, page n + count (as before)": [],
                                     "list, page n (no count)": [], "list, next cursor": []}
    cursor = None
    for i in range(300):
        calls = [("one contact by id (anchor)", f"/contacts/{1 + (i * 331) % 100_000}", {}),
                 ("list, page n + count (as before)", "/contacts", {"page": 1 + i % 50, "per_page": 50, "count": True}),
                 ("list, page n (no count)", "/contacts", {"page": 1 + i % 50, "per_page": 50}),
                 ("list, next cursor", "/contacts", {"per_page": 50} if cursor is None else {"per_page": 50,
                                                                                             "after": cursor})]
        for name, path, params in calls:
            start = time.perf_counter()
            response = api.get(path, params=params)
            reads[name].append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
            if name == "list, next cursor":
                cursor = response.json()["next"]
    web.stop()
    print(f"board with 2,000 open deals: p50 {statistics.median(board):.0f} ms, max {max(board):.0f} ms")
    anchor = statistics.median(reads["one contact by id (anchor)"])
    print("API read at 100,000 contacts (300 calls each, interleaved) | p50 ms | p95 ms | p50 / anchor")
    for name, times in reads.items():
        p95 = statistics.quantiles(times, n=20)[18]
        print(f"{name:34} | {statistics.median(times):6.1f} | {p95:6.1f} | {statistics.median(times) / anchor:5.2f}")
    new = reads["list, page n (no count)"] + reads["list, next cursor"] + reads["one contact by id (anchor)"]
    print(f"API reads as clients now make them (get, page, cursor): p95 {statistics.quantiles(new, n=20)[18]:.1f} ms")


if __name__ == "__main__":
    main()
