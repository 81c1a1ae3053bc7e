"""Benchmark the data quality report and the duplicate keys on a big workspace, against /duplicates as anchor.

bench_core's contacts (German and English names, e-mails, E.164 phones) get addresses (two thirds of them; some
postcodes malformed, some without country), further phones, and shared phones and addresses. Each command runs
through `Crm.handle`; the SQL grouping (storage.duplicate_keys) is timed alone too. Plain-text tables.

    .venv/bin/python bench/bench_quality.py                   # 50,000 contacts
    .venv/bin/python bench/bench_quality.py --contacts 5000 --runs 3
"""

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_core import NOW, bulk_insert, load, phone, say, table  # noqa: E402

from handlers.crm.duplicate_pairs import MAX_GROUP  # noqa: E402
from handlers.engine import Crm  # noqa: E402
from storage import duplicate_keys  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.models import Address, ContactPhone  # noqa: E402

CITIES = [("80331", "München", "DE"), ("10115", "Berlin", "DE"), ("20095", "Hamburg", "DE"), ("1010", "Wien", "AT"),
          ("8001", "Zürich", "CH"), ("SW1A 1AA", "London", "GB"), ("94043", "Mountain View", "US")]
STREETS = ["Hauptstraße", "Bahnhofstr.", "Ringstraße", "High Street", "Main Street", "Gartenweg", "Lindenallee"]


def address_rows(rng: random.Random, ws: int, contact_ids: list[int]) -> Iterator[dict[str, Any]]:
    for contact_id in contact_ids:
        if rng.random() < 0.66:
            postcode, city, country = rng.choice(CITIES)
            if rng.random() < 0.03:
                postcode = postcode[:-1]  # malformed
            yield {"workspace_id": ws, "owner_kind": "contact", "owner_id": contact_id, "label": "work",
                   "street": f"{rng.choice(STREETS)} {rng.randrange(1, 300)}", "postcode": postcode, "city": city,
                   "region": "", "country": "" if rng.random() < 0.05 else country, "position": 0}


def phone_rows(rng: random.Random, ws: int, contacts: list[tuple[int, str | None]]) -> Iterator[dict[str, Any]]:
    phones = [number for _id, number in contacts if number]
    for contact_id, _number in contacts:
        if rng.random() < 0.2:  # a further phone; one in ten is someone else's (a shared line, a duplicate)
            number = rng.choice(phones) if rng.random() < 0.1 else phone(rng)
            yield {"workspace_id": ws, "contact_id": contact_id, "phone": number, "label": "work", "position": 1}


def timed(label: str, runs: int, work: Callable[[], Any]) -> tuple[str, float, str]:
    """(label, best of `runs` in ms, what the last run gave)."""
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        best = min(best, (time.perf_counter() - started) * 1000)
    first_line = result.text.splitlines()[0] if hasattr(result, "text") else f"{len(result):,} groups"
    return label, best, first_line[:70]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--contacts", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="crmbot-bench-") as folder:
        db = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
        db.migrate()
        crm = Crm(db, clock=lambda: NOW)
        loaded = load(db, crm, contacts=args.contacts, notes=0, deals=0)
        rng, ws = random.Random(7), loaded.workspace_id
        with db.engine.begin() as connection:
            contacts = [(row[0], row[1]) for row in connection.execute(
                text("SELECT id, phone FROM contact WHERE workspace_id = :ws ORDER BY id"), {"ws": ws})]
            bulk_insert(connection, Address, address_rows(rng, ws, [c[0] for c in contacts]))
            bulk_insert(connection, ContactPhone, phone_rows(rng, ws, contacts))
            connection.exec_driver_sql("ANALYZE")

        def groups() -> list[duplicate_keys.SharedGroup]:
            with db.transaction(now=NOW) as session:
                return duplicate_keys.shared_groups(session=session, workspace_id=ws, max_group=MAX_GROUP)

        rows = [timed("/duplicates (anchor)", args.runs, lambda: say(crm, "/duplicates")),
                timed("/quality", args.runs, lambda: say(crm, "/quality")),
                timed("/quality phone (one group, page 1)", args.runs, lambda: say(crm, "/quality phone")),
                timed("/quality postcode 3", args.runs, lambda: say(crm, "/quality postcode 3")),
                timed("shared phone/e-mail/address groups (SQL)", args.runs, groups)]
        anchor = rows[0][1]
        print(f"crmbot quality bench · {args.contacts:,} contacts · best of {args.runs}\n")
        print(table(("command", "ms", "vs /duplicates", "reply"),
                    [(label, f"{ms:,.0f}", f"{ms / anchor:.2f}x", check) for label, ms, check in rows]))
        db.dispose()


if __name__ == "__main__":
    main()
