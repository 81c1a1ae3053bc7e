"""Benchmark the import: 50,000 CSV rows checked and matched against 100,000 existing contacts.

A fresh database gets 100,000 contacts by bulk SQL (the workspace itself is made through the engine).
Then a German Outlook export (semicolon separated, Windows-1252, quoted newlines in notes) of 50,000
rows is previewed and confirmed exactly as in chat: `Crm.upload_import` reads, checks and matches the
file; pressing the "merge" button writes it through `Crm.handle`, in one transaction. About 10% of
the rows duplicate existing contacts by e-mail, 5% by phone; 1% carry an invalid e-mail and 0.5%
have no name. Finally `/duplicates` runs over the grown workspace. Everything prints as a table.

    .venv/bin/python bench/bench_import.py                       # full size, SQLite in a temp dir
    .venv/bin/python bench/bench_import.py --existing 10000 --rows 5000
    .venv/bin/python bench/bench_import.py --database-url postgresql://postgres@127.0.0.1:54330/scratch

A PostgreSQL database given here is wiped first (its public schema is dropped): use a scratch one.
"""

import argparse
import csv
import os
import platform
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's code, not an installed one

from sqlalchemy import func, insert, select, text  # noqa: E402

from handlers.engine import Crm  # noqa: E402
from handlers.language.names import fold  # noqa: E402
from handlers.texts.reply import Incoming, Reply  # noqa: E402
from storage import name_tokens, queries  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.models import AuditEntry, Company, Contact  # noqa: E402

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=timezone.utc)
WORKSPACE = "bench:import"
USER = "rep1"
SEED = 7
BATCH = 10_000
T = TypeVar("T")

FIRST = ["Anna", "Maria", "Lena", "Leonie", "Lea", "Laura", "Julia", "Sarah", "Hannah", "Lisa", "Katharina", "Sophie", "Johanna", "Emma", "Mia", "Marie", "Clara", "Lina", "Amelie", "Charlotte", "Paula", "Greta", "Ida", "Frieda", "Helene", "Luise", "Carla", "Nele", "Jana", "Franziska", "Sabine", "Petra", "Monika", "Ursula", "Claudia", "Andrea", "Birgit", "Susanne", "Stefanie", "Nicole", "Christina", "Kerstin", "Anja", "Katrin", "Silke", "Heike", "Martina", "Gabriele", "Renate", "Jörg", "Lukas", "Jonas", "Leon", "Finn", "Paul", "Felix", "Maximilian", "Elias", "Noah", "Ben", "Luis", "Tim", "Jan", "Niklas", "Moritz", "Philipp", "Tobias", "Florian", "Sebastian", "Alexander", "Daniel", "David", "Simon", "Fabian", "Julian", "Matthias", "Michael", "Thomas", "Andreas", "Stefan", "Markus", "Christian", "Frank", "Peter", "Klaus", "Jürgen", "Uwe", "Dieter", "Wolfgang", "Bernd", "Ralf", "Holger", "Dirk", "Jens", "Sven", "Torsten", "Carsten", "Heiko", "Olaf", "Kai", "Lars", "Nils", "Malte", "Björn", "Günter", "Horst", "Helmut", "Manfred", "Werner", "James", "John", "Robert", "William", "Richard", "Joseph", "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Susan", "Karen", "Nancy", "Emily", "Olivia", "Sophia", "Grace", "Chloe", "Lucy", "Ella"]
LAST = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier", "Lehmann", "Schmid", "Schulze", "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert", "Vogel", "Friedrich", "Keller", "Günther", "Frank", "Berger", "Winkler", "Roth", "Beck", "Lorenz", "Baumann", "Franke", "Albrecht", "Schuster", "Simon", "Ludwig", "Böhm", "Winter", "Kraus", "Martin", "Schumacher", "Krämer", "Vogt", "Stein", "Jäger", "Otto", "Sommer", "Groß", "Seidel", "Heinrich", "Brandt", "Haas", "Schreiber", "Graf", "Schulte", "Dietrich", "Ziegler", "Kuhn", "Kühn", "Pohl", "Engel", "Horn", "Busch", "Bergmann", "Thomas", "Voigt", "Sauer", "Arnold", "Wolff", "Pfeiffer", "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright", "Thompson", "Evans"]
STEMS = ["Linden", "Eichen", "Birken", "Buchen", "Tannen", "Rosen", "Stein", "Berg", "Wald", "Feld", "Bach", "Brunn", "Holz", "Hagen", "Mühl"]
ENDS = ["berger", "berg", "mann", "hofer", "bauer", "meier", "huber", "wald", "feld", "brink", "kamp"]
COMPANY_WORDS = ["Nordlicht", "Solaris", "Alpen", "Rhein", "Elbe", "Hanse", "Kontor", "Werke", "Systeme", "Logistik", "Technik", "Energie", "Bau"]
FORMS = ("GmbH", "AG", "KG", "GmbH & Co. KG", "SE", "e.K.")
HEADER = ["Anrede", "Vorname", "Weitere Vornamen", "Nachname", "Firma", "Abteilung", "Position",
          "Telefon geschäftlich", "Mobiltelefon", "Fax geschäftlich", "E-Mail-Adresse", "E-Mail: Angezeigter Name",
          "Notizen", "Kategorien"]


def surnames() -> list[str]:
    return LAST + [stem + end for stem in STEMS for end in ENDS]


def company_names(rng: random.Random, count: int) -> list[str]:
    names: dict[str, str] = {}
    while len(names) < count:
        name = f"{rng.choice(COMPANY_WORDS)} {rng.choice(surnames())} {rng.choice(FORMS)}"
        names.setdefault(fold(name), name)
    return list(names.values())


def person(rng: random.Random, serial: int) -> tuple[str, str, str, str]:
    """(first, last, e-mail, phone): the serial keeps e-mails and phones unique."""
    first, last = rng.choice(FIRST), rng.choice(surnames())
    email = f"{fold(first).replace(' ', '')}.{fold(last).replace(' ', '')}.{serial}@example.de"
    return first, last, email, f"+4917{serial % 10}{serial:07d}"


def load_existing(db: Database, crm: Crm, rng: random.Random, count: int,
                  companies: list[str]) -> list[tuple[str, str, str]]:
    """Create the workspace through the engine, then the contacts and companies with plain inserts.

    Returns (first, last, e-mail) of each contact, for the file's duplicates."""
    reply = say(crm, "/help")
    assert not reply.text.startswith("Sorry"), reply.text
    with db.transaction(now=NOW) as session:
        workspace = queries.get_workspace(session=session, key=WORKSPACE)
        assert workspace is not None and workspace.id is not None
        member = queries.get_member(session=session, workspace_id=workspace.id, external_id=USER)
        assert member is not None
        ws, member_id = workspace.id, member.id
    with db.engine.begin() as connection:
        connection.execute(insert(Company), [{"workspace_id": ws, "name": name, "name_key": fold(name),
                                              "created_at": NOW, "updated_at": NOW} for name in companies])
        company_ids = [row[0] for row in connection.execute(select(Company.id).where(Company.workspace_id == ws))]
        rows: list[dict[str, Any]] = []
        people: list[tuple[str, str, str]] = []
        for serial in range(count):
            first, last, email, phone = person(rng, serial)
            people.append((first, last, email))
            name = f"{first} {last}"
            rows.append({"workspace_id": ws, "name": name, "name_key": fold(name), "email": email, "phone": phone,
                         "company_id": rng.choice(company_ids) if rng.random() < 0.85 else None,
                         "source": "manual", "owner_id": member_id, "created_at": NOW, "updated_at": NOW})
            if len(rows) == BATCH:
                connection.execute(insert(Contact), rows)
                rows = []
        if rows:
            connection.execute(insert(Contact), rows)
        connection.execute(text("UPDATE workspace SET revision = revision + 1 WHERE id = :ws"), {"ws": ws})
    with db.transaction(now=NOW) as session:  # the name words an import would have written
        name_tokens.rebuild(session=session, workspace_id=ws, names=list(queries.names(session=session, workspace_id=ws)))
    return people


def csv_rows(rng: random.Random, count: int, people: list[tuple[str, str, str]],
             companies: list[str]) -> Iterator[list[str]]:
    existing = len(people)
    for index in range(count):
        roll = rng.random()
        serial = existing + index
        first, last, email, phone = person(rng, serial)
        mobile = ""
        if roll < 0.10 and existing:  # the same e-mail as an existing contact
            first, last, email = rng.choice(people)
            email = email.upper() if rng.random() < 0.3 else email
        elif roll < 0.15 and existing:  # the same mobile number as an existing contact
            mobile, phone = f"+4917{(s := rng.randrange(existing)) % 10}{s:07d}", ""
        elif roll < 0.16:
            email = email.replace("@", "@@")
        elif roll < 0.165:
            first = last = ""
        note = f"Messe {rng.randrange(2019, 2026)}\nInteresse an {rng.choice(COMPANY_WORDS)}" if roll > 0.8 else ""
        yield ["Herr" if rng.random() < 0.5 else "Frau", first, "", last,
               rng.choice(companies) if rng.random() < 0.8 else "", "Vertrieb", "Leitung", phone, mobile, "",
               email, f"{first} {last} ({email})", note, "Kunden"]


def write_csv(path: Path, rows: Iterator[list[str]]) -> None:
    with path.open("w", encoding="cp1252", errors="replace", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(HEADER)
        writer.writerows(rows)


def say(crm: Crm, line: str) -> Reply:
    return crm.handle(Incoming(text=line, workspace_key=WORKSPACE, user_id=USER, user_name=USER, now=NOW))


def timed(label: str, results: list[tuple[str, float]], work: Callable[[], T]) -> T:
    started = time.perf_counter()
    value = work()
    results.append((label, time.perf_counter() - started))
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--existing", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file in a temp dir")
    parser.add_argument("--skip-duplicates", action="store_true", help="leave out the /duplicates timing")
    args = parser.parse_args(argv)
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        db = Database(url)
        if not db.is_sqlite:
            with db.engine.begin() as connection:
                connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
        db.migrate()
        crm = Crm(db, clock=lambda: NOW)
        results: list[tuple[str, float]] = []
        companies = company_names(rng, max(10, args.existing // 20))
        people = timed(f"load {args.existing:,} existing contacts (bulk SQL)", results,
                       lambda: load_existing(db, crm, rng, args.existing, companies))
        path = Path(tmp) / "Outlook-Kontakte.csv"
        timed(f"write the CSV ({args.rows:,} rows)", results,
              lambda: write_csv(path, csv_rows(rng, args.rows, people, companies)))
        content = path.read_bytes()
        msg = Incoming(text="", workspace_key=WORKSPACE, user_id=USER, user_name=USER, now=NOW)
        preview = timed("preview: read, check, match (upload_import)", results,
                        lambda: crm.upload_import(msg, path.name, content))
        merge = next(b.command for row in preview.buttons for b in row if b.command and b.command.endswith("merge"))
        done = timed("confirm: write in one transaction (/import N merge)", results, lambda: say(crm, merge))
        assert done.changed, done.text
        if not args.skip_duplicates:
            found = timed("/duplicates over the grown workspace", results, lambda: say(crm, "/duplicates"))
            assert not found.text.startswith("Sorry"), found.text
        with db.transaction(now=NOW) as session:
            contacts = session.exec(select(func.count()).select_from(Contact)).one()[0]  # type: ignore[call-overload]
            audited = session.exec(select(func.count()).select_from(AuditEntry)).one()[0]  # type: ignore[call-overload]
        db.dispose()
    size = len(content) / 2**20
    print(f"crmbot import benchmark · {platform.python_implementation()} {platform.python_version()} · "
          f"{'SQLite' if url.startswith('sqlite') else 'PostgreSQL'} · {os.cpu_count()} CPUs")
    print(f"file: {path.name}, {size:.1f} MB, Windows-1252, ';', {args.rows:,} rows; "
          f"workspace: {args.existing:,} contacts before, {contacts:,} after; {audited:,} audit entries")
    print()
    width = max(len(label) for label, _ in results)
    print(f"{'step':<{width}}  {'seconds':>8}  {'rows/s':>8}")
    for label, seconds in results:
        rate = f"{args.rows / seconds:,.0f}" if label.startswith(("preview", "confirm")) else ""
        print(f"{label:<{width}}  {seconds:>8.2f}  {rate:>8}")
    total = sum(s for label, s in results if label.startswith(("preview", "confirm")))
    print(f"{'import total (preview + confirm)':<{width}}  {total:>8.2f}  {args.rows / total:>8,.0f}")
    print()
    print("preview says:")
    print("\n".join("  " + line for line in preview.text.splitlines()[:9]))
    print("confirm says:", done.text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
