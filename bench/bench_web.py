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
    reads = []
    for i in range(300):
        start = time.perf_counter()
        assert api.get(f"/contacts/{1 + (i * 331) % 100_000}").status_code == 200
        assert api.get("/contacts", params={"page": 1 + i % 50, "per_page": 50}).status_code == 200
        reads.append((time.perf_counter() - start) * 1000 / 2)
    web.stop()
    q = statistics.quantiles
    print(f"board with 2,000 open deals: p50 {statistics.median(board):.0f} ms, max {max(board):.0f} ms")
    print(f"API read at 100,000 contacts: p50 {statistics.median(reads):.1f} ms, p95 {q(reads, n=20)[18]:.1f} ms")


if __name__ == "__main__":
    main()
