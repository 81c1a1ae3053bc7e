"""Benchmark the engine on a realistic workspace: 100,000 contacts, 200,000 notes, 20,000 deals.

The data goes into a fresh SQLite file with bulk SQL (only the workspace itself is made through
the engine). Then each command is timed through the real engine, `Crm.handle`, and so are the
parts behind them: the date fast path against plain dateparser, and the name index against a
naive rapidfuzz scan. Everything prints as plain-text tables.

    .venv/bin/python bench/bench_core.py                      # full size, under a minute on 2 cores
    .venv/bin/python bench/bench_core.py --contacts 2000 --notes 4000 --deals 400 --runs 30
"""

import argparse
import os
import platform
import random
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

# This checkout's code, even where another checkout is installed (the benches that import this module
# compare trees by running each tree's copy of them).
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import dateparser  # noqa: E402  # type: ignore[import-untyped]
from name_variety import NameMaker  # noqa: E402
from sqlalchemy import insert, text  # noqa: E402
from sqlalchemy.engine import Connection  # noqa: E402

from handlers.engine import Crm  # noqa: E402
from handlers.language.dates import find_when  # noqa: E402
from handlers.language.names import NameIndex, fold  # noqa: E402
from handlers.texts.fmt import when as format_when  # noqa: E402
from handlers.texts.reply import Incoming, Reply  # noqa: E402
from storage import name_tokens, queries  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.models import Company, Contact, Deal, Interaction  # noqa: E402

NOW = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)  # a Wednesday, 11:30 in Berlin
ZONE = "Europe/Berlin"
WORKSPACE = "bench:workspace"
USER = "rep1"
BATCH = 20_000
WARMUP = 5
SEED = 42
TARGET_P95_MS = 20.0

# --- names ------------------------------------------------------------------------------

FIRST_NAMES = """
Anna Maria Lena Leonie Lea Laura Julia Sarah Hannah Lisa Katharina Sophie Johanna Emma Mia Marie
Clara Lina Amelie Charlotte Paula Greta Ida Frieda Mathilda Helene Luise Carla Nele Jana Franziska
Sabine Petra Monika Ursula Claudia Andrea Birgit Susanne Stefanie Nicole Christina Kerstin Anja
Katrin Silke Heike Martina Gabriele Renate Ingrid Karin Elke Jutta Ute Doris Brigitte Tanja Melanie
Simone Daniela Sandra Bettina Barbara Cornelia Dagmar Jessica Vanessa Jasmin Miriam Nadine Verena
Annika Svenja Wiebke Merle Insa Frauke Dörte Anke Gesa Hildegard Käthe Lotte Anna-Lena Marie-Luise
Lukas Jonas Leon Finn Paul Felix Maximilian Elias Noah Ben Luis Tim Jan Niklas Moritz Philipp Tobias
Florian Sebastian Alexander Daniel David Simon Fabian Julian Matthias Michael Thomas Andreas Stefan
Markus Christian Frank Peter Klaus Jürgen Uwe Dieter Wolfgang Bernd Ralf Holger Dirk Jens Sven
Torsten Carsten Heiko Olaf Kai Lars Nils Malte Hauke Henning Björn Günter Horst Helmut Manfred Werner
Rainer Gerhard Joachim Hans Karl Friedrich Ludwig Konrad Anton Emil Theo Oskar Henri Mats Jannik
Till Lennart Marvin Dominik Benedikt Johannes Georg Martin Oliver Patrick Sascha René Marco Timo
Dennis Kevin Steffen Volker Jörg Hendrik Wilhelm Ulrich Reinhard Erik Karl-Heinz Hans-Peter
James John Robert William Richard Joseph Charles Christopher Matthew Anthony Mark Donald Steven
Andrew Joshua Kenneth Brian George Edward Ronald Timothy Jason Jeffrey Ryan Jacob Gary Nicholas
Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory Raymond Jack Jerry Tyler
Aaron Henry Adam Douglas Nathan Zachary Kyle Walter Harold Jeremy Ethan Carl Keith Roger Gerald
Terry Sean Arthur Austin Lawrence Jesse Bryan Jordan Albert Dylan Bruce Gabriel Alan Logan Wayne
Ralph Roy Eugene Vincent Russell Louis Philip Bradley Harry Oscar Liam Mason Lucas Owen Mary
Patricia Jennifer Linda Elizabeth Susan Karen Nancy Betty Margaret Ashley Kimberly Emily Donna
Michelle Dorothy Carol Amanda Melissa Deborah Stephanie Rebecca Sharon Cynthia Kathleen Amy Shirley
Angela Helen Brenda Pamela Samantha Katherine Christine Rachel Catherine Carolyn Janet Ruth Heather
Diane Virginia Julie Joyce Victoria Olivia Kelly Lauren Joan Evelyn Judith Megan Cheryl Hannah
Martha Jacqueline Frances Gloria Teresa Kathryn Sara Janice Jean Alice Madison Abigail Judy Grace
Denise Amber Marilyn Beverly Danielle Theresa Sophia Diana Brittany Natalie Isabella Rose Alexis
Kayla Chloe Lucy Ella Amelia Harriet Eleanor Florence Imogen Phoebe
""".split()  # noqa: SIM905 - a block of words reads better than a list literal

COMMON_LAST_NAMES = """
Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer
Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt
Werner Schmitz Krause Meier Lehmann Schmid Schulze Maier Köhler Herrmann König Walter Mayer Huber
Kaiser Fuchs Peters Lang Scholz Möller Weiß Jung Hahn Schubert Vogel Friedrich Keller Günther Frank
Berger Winkler Roth Beck Lorenz Baumann Franke Albrecht Schuster Simon Ludwig Böhm Winter Kraus
Martin Schumacher Krämer Vogt Stein Jäger Otto Sommer Groß Seidel Heinrich Brandt Haas Schreiber
Graf Schulte Dietrich Ziegler Kuhn Kühn Pohl Engel Horn Busch Bergmann Thomas Voigt Sauer Arnold
Wolff Pfeiffer Dörr Brückner Böttcher Gärtner Jürgens Kröger Lübke Ostermann Hübner Wendt Kessler
Smith Johnson Williams Brown Jones Garcia Miller Davis Wilson Anderson Taylor Moore Jackson Thompson
White Harris Clark Lewis Robinson Walker Young Allen Wright Scott Hill Green Adams Baker Nelson
Carter Mitchell Roberts Turner Phillips Campbell Parker Evans Edwards Collins Stewart Morris Murphy
Cook Rogers Morgan Cooper Peterson Reed Bailey Bell Kelly Howard Ward Cox Richardson Wood Watson
Brooks Bennett Gray Hughes Price Sanders Myers Long Ross Foster Powell Jenkins Perry Russell
Sullivan Fisher Hamilton Graham Wallace Cole West Jordan Owens Reynolds Ellis Harrison Gibson
Marshall Hunt Palmer Robertson Black Holmes Stone Knight Ford Mills Warren Fox Rice Hunter Webb
Shaw Hart Spencer Chapman Lawrence Dixon Pearce Connor O'Brien McDonald
""".split()  # noqa: SIM905 - a block of words reads better than a list literal

STEMS = """
Acker Adler Alten Bach Baum Berg Birken Blumen Brand Breit Brunnen Buchen Burg Dorn Eich Eichen
Eisen Engel Falken Feld Fels Finken Frei Fried Gold Grün Hagen Hahnen Heide Hell Hirsch Hoch Hof
Holz Kirch Klein Kloster Königs Kreuz Lichten Linden Löwen Mühl Neu Ober Rosen Roth Sand Schön
Schwarz See Silber Sonnen Stein Sturm Tannen Unter Wald Wasser Weiden Weiß Wiesen Winter Wolfs
""".split()  # noqa: SIM905 - a block of words reads better than a list literal
SUFFIXES = """
bach bauer berg berger bichler brink bruch dorf egger er feld felder hagen hammer hauser heim
hofer holz horst huber kamp kemper lechner mann maier meyer mayr reiter ried schmid stätter stein
thal wald wieser
""".split()  # noqa: SIM905 - a block of words reads better than a list literal

COMPANY_WORDS = """
Nordlicht Solaris Acme Alpen Rhein Elbe Hanse Isar Main Spree Weser Taunus Eifel Harz Nordsee
Ostsee Atlas Orion Vega Polaris Zenit Kompass Brücke Anker Falke Kranich Eiche Linde Quelle
Horizont Vertex Summit Pioneer Beacon Harbor Granite Cedar Maple Silverline Bluewater Redwood
""".split()  # noqa: SIM905 - a block of words reads better than a list literal
INDUSTRIES = """
Logistik Energie Software Bau Consulting Medical Systems Solutions Technik Handel Immobilien
Maschinenbau Elektro Automotive Foods Pharma Textil Druck Verpackung Finanz Versicherung Reisen
Analytics Robotics Networks Labs Digital Media Sicherheit Umwelt
""".split()  # noqa: SIM905 - a block of words reads better than a list literal
LEGAL_FORMS = ("GmbH", "GmbH", "GmbH", "AG", "KG", "GmbH & Co. KG", "SE", "e.K.", "Ltd", "Inc.")
PRODUCTS = ("rollout", "fleet tracking", "security audit", "portal", "reseller", "Wartungsvertrag",
            "Lizenzen 2027", "POS upgrade", "Rahmenvertrag", "cloud migration", "support renewal",
            "pilot", "Schulung", "data platform", "Erweiterung", "SSO integration")
FREEMAIL = ("gmail.com", "web.de", "gmx.de", "outlook.com", "t-online.de", "yahoo.com")

NOTE_TEMPLATES = (
    ("call", "Called, wants pricing for {n} seats"),
    ("meeting", "Demo on site, {role} joined, concerned about {topic}"),
    ("email", "Sent the {doc}"),
    ("note", "Budget approved for Q{q}, decision in {month}"),
    ("note", "Asked for a {p}% discount, will check with {role}"),
    ("meeting", "Met at {fair}, interested in {product}"),
    ("call", "Angerufen, möchte ein Angebot für {n} Lizenzen"),
    ("meeting", "Termin vor Ort, {role} war dabei, Bedenken wegen {topic}"),
    ("email", "{doc} geschickt, Rückmeldung bis {month}"),
    ("note", "Budget für Q{q} freigegeben, Entscheidung im {month}"),
    ("note", "Wechselt zum {month} die Abteilung, Nachfolger noch offen"),
    ("call", "Voicemail left, try again after {month}"),
)
NOTE_WORDS = {
    "role": ("IT lead", "CFO", "purchasing", "the CEO", "Einkauf", "Geschäftsführung", "IT-Leiter"),
    "topic": ("SSO", "data protection", "pricing", "Datenschutz", "the contract term", "Schnittstellen"),
    "doc": ("case study", "proposal", "price list", "Angebot", "Referenzliste", "contract draft"),
    "month": ("January", "March", "June", "September", "Januar", "März", "Juli", "Oktober"),
    "fair": ("Hannover Messe", "CeBIT", "DMEA", "Web Summit", "the trade fair"),
    "product": ("the fleet module", "POS", "the portal", "reporting", "die Cloud-Version"),
}

# A task text around a full name, its bare date phrase (for plain dateparser), and the due time
# crmbot means by it, local to Europe/Berlin, with NOW on Wednesday 25 Nov 2026, 11:30.
TASK_FORMS = (
    ("/task call {name} tomorrow 9am", "tomorrow 9am", "2026-11-26 09:00"),
    ("/task send proposal to {name} friday 14:00", "friday 14:00", "2026-11-27 14:00"),
    ("/task follow up with {name} next monday 11am", "next monday 11am", "2026-11-30 11:00"),
    ("/aufgabe {name} anrufen übermorgen um 10", "übermorgen um 10", "2026-11-27 10:00"),
    ("/aufgabe Angebot an {name} schicken nächsten Dienstag 14 Uhr", "nächsten Dienstag 14 Uhr",
     "2026-12-01 14:00"),
    ("/task renew contract with {name} in 3 days", "in 3 days", "2026-11-28 09:00"),
    ("/aufgabe {name} zurückrufen morgen 9 Uhr", "morgen 9 Uhr", "2026-11-26 09:00"),
    ("/task meet {name} Dec 3 10am", "Dec 3 10am", "2026-12-03 10:00"),
)


def last_names(rng: random.Random, count: int) -> list[str]:
    """Common German and English surnames first, then compounds like "Lindenberger" up to `count`."""
    compounds = [stem + suffix for stem in STEMS for suffix in SUFFIXES
                 if not (stem.endswith(suffix[0]) and stem[-2:-1] == suffix[0])]
    rng.shuffle(compounds)
    names = list(dict.fromkeys(COMMON_LAST_NAMES + compounds))
    return names[:count]


def zipf_weights(count: int, offset: float) -> list[float]:
    """Cumulative weights where the first items are the most common, as with real names."""
    total, cumulative = 0.0, []
    for rank in range(count):
        total += 1.0 / (rank + offset)
        cumulative.append(total)
    return cumulative


def ascii_word(name: str) -> str:
    return fold(name).replace(" ", "")


# --- bulk loading -----------------------------------------------------------------------

@dataclass
class Loaded:
    workspace_id: int
    member_id: int
    seconds: dict[str, float]


def past(rng: random.Random, days: int) -> datetime:
    return NOW - timedelta(seconds=rng.randrange(days * 86_400))


def batches(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def bulk_insert(connection: Connection, model: type, rows: Iterator[dict[str, Any]]) -> None:
    for batch in batches(rows):
        connection.execute(insert(model), batch)


def company_rows(rng: random.Random, workspace_id: int, count: int, surnames: list[str]) -> Iterator[dict[str, Any]]:
    seen: set[str] = set()
    while len(seen) < count:
        form = rng.choice(LEGAL_FORMS)
        shape = rng.random()
        if shape < 0.4:
            name = f"{rng.choice(COMPANY_WORDS)} {rng.choice(INDUSTRIES)} {form}"
        elif shape < 0.8:
            name = f"{rng.choice(surnames)} {rng.choice(INDUSTRIES)} {form}"
        else:
            name = f"{rng.choice(surnames)} & {rng.choice(('Söhne', 'Partner', 'Co.', 'Töchter'))} {form}"
        key = fold(name)
        if key in seen:
            continue
        seen.add(key)
        created = past(rng, 1500)
        yield {"workspace_id": workspace_id, "name": name, "name_key": key, "created_at": created,
               "updated_at": created}


def phone(rng: random.Random) -> str:
    """An E.164 number: mostly German mobiles, some Austrian, Swiss, British and US numbers."""
    country = rng.choices(("49", "43", "41", "44", "1"), weights=(80, 6, 5, 5, 4))[0]
    if country == "49":
        return f"+49{rng.choice(('151', '160', '170', '171', '176', '89', '30', '40'))}{rng.randrange(10**7, 10**8)}"
    if country == "1":
        return f"+1{rng.randrange(201, 990)}555{rng.randrange(1000, 10000)}"
    return f"+{country}{rng.randrange(10**9, 10**10)}"


def contact_rows(rng: random.Random, workspace_id: int, member_id: int, count: int,
                 companies: list[tuple[int, str]], surnames: list[str]) -> Iterator[dict[str, Any]]:
    """Contacts with realistic name variety (bench/name_variety.py): 1M of them hold 900k+ distinct names."""
    maker = NameMaker(rng, FIRST_NAMES, surnames, max(2000, count // 12))
    for _ in range(count):
        name = maker.full()
        first, last = name.split()[0], name.split()[-1]
        company = rng.choice(companies) if rng.random() < 0.85 else None
        domain = (ascii_word(company[1].split()[0]) + rng.choice((".de", ".com", "-gmbh.de"))) if company \
            else rng.choice(FREEMAIL)
        created = past(rng, 1100)
        yield {"workspace_id": workspace_id, "name": name, "name_key": fold(name),
               "company_id": company[0] if company else None,
               "email": f"{ascii_word(first)}.{ascii_word(last)}@{domain}" if rng.random() < 0.9 else None,
               "phone": phone(rng) if rng.random() < 0.8 else None,
               "source": "import", "owner_id": member_id, "created_at": created, "updated_at": created}


def note_text(rng: random.Random) -> tuple[str, str]:
    kind, template = rng.choice(NOTE_TEMPLATES)
    words = {key: rng.choice(values) for key, values in NOTE_WORDS.items()}
    return kind, template.format(n=rng.randrange(3, 400), q=rng.randrange(1, 5), p=rng.randrange(3, 25), **words)


def note_rows(rng: random.Random, workspace_id: int, member_id: int, count: int,
              contact_ids: list[int]) -> Iterator[dict[str, Any]]:
    """Notes on contacts, skewed: a few key accounts gather hundreds, most contacts a handful."""
    for _ in range(count):
        kind, body = note_text(rng)
        yield {"workspace_id": workspace_id, "contact_id": contact_ids[int(len(contact_ids) * rng.random() ** 2)],
               "kind": kind, "text": body, "author_id": member_id, "created_at": past(rng, 730)}


def deal_rows(rng: random.Random, workspace_id: int, member_id: int, count: int,
              contacts: list[tuple[int, int | None]], companies: list[tuple[int, str]],
              stages: list[tuple[int, int]]) -> Iterator[dict[str, Any]]:
    company_names = dict(companies)
    for _ in range(count):
        contact_id, company_id = rng.choice(contacts) if rng.random() < 0.6 else (None, rng.choice(companies)[0])
        head = company_names[company_id].split()[0] if company_id else "Direct"
        title = f"{head} {rng.choice(PRODUCTS)}"
        stage_id, probability = rng.choices(stages, weights=(30, 20, 20, 10, 12, 8))[0]
        created = past(rng, 700)
        yield {"workspace_id": workspace_id, "title": title, "title_key": fold(title),
               "company_id": company_id, "contact_id": contact_id,
               "value_cents": rng.randrange(500, 250_000) * 100, "currency": "EUR", "stage_id": stage_id,
               "probability": probability, "owner_id": member_id, "created_at": created, "updated_at": created}


def load(db: Database, crm: Crm, *, contacts: int, notes: int, deals: int) -> Loaded:
    """Create the workspace through the engine, then bulk-load everything else with plain inserts."""
    reply = say(crm, "/help")
    assert not reply.text.startswith("Sorry"), reply.text
    rng = random.Random(SEED)
    seconds: dict[str, float] = {}
    with db.transaction(now=NOW) as session:
        workspace = queries.get_workspace(session=session, key=WORKSPACE)
        assert workspace is not None and workspace.id is not None
        member = queries.get_member(session=session, workspace_id=workspace.id, external_id=USER)
        assert member is not None and member.id is not None
        ws, member_id = workspace.id, member.id
        stages = [(s.id, s.probability) for s in queries.stages(session=session, workspace_id=ws)]
    surnames = last_names(rng, 2000)
    with db.engine.begin() as connection:
        started = time.perf_counter()
        bulk_insert(connection, Company, company_rows(rng, ws, max(1, contacts // 10), surnames))
        company_list = [(row[0], row[1]) for row in connection.execute(
            text("SELECT id, name FROM company WHERE workspace_id = :ws ORDER BY id"), {"ws": ws})]
        seconds["companies"] = time.perf_counter() - started
        started = time.perf_counter()
        bulk_insert(connection, Contact, contact_rows(rng, ws, member_id, contacts, company_list, surnames))
        contact_list = [(row[0], row[1]) for row in connection.execute(
            text("SELECT id, company_id FROM contact WHERE workspace_id = :ws ORDER BY id"), {"ws": ws})]
        seconds["contacts"] = time.perf_counter() - started
        started = time.perf_counter()
        bulk_insert(connection, Interaction, note_rows(rng, ws, member_id, notes, [c[0] for c in contact_list]))
        seconds["notes (with FTS5 trigram)"] = time.perf_counter() - started
        started = time.perf_counter()
        bulk_insert(connection, Deal, deal_rows(rng, ws, member_id, deals, contact_list, company_list, stages))
        seconds["deals"] = time.perf_counter() - started
        connection.execute(text("UPDATE workspace SET revision = revision + 1 WHERE id = :ws"), {"ws": ws})
    started = time.perf_counter()
    with db.transaction(now=NOW) as session:
        names = list(queries.names(session=session, workspace_id=ws))
        name_tokens.rebuild(session=session, workspace_id=ws, names=names)
    seconds["name words"] = time.perf_counter() - started
    started = time.perf_counter()
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("ANALYZE" if db.is_sqlite else "VACUUM ANALYZE")  # as autovacuum would
    seconds["ANALYZE"] = time.perf_counter() - started
    return Loaded(ws, member_id, seconds)


# --- timing -----------------------------------------------------------------------------

def say(crm: Crm, message: str) -> Reply:
    return crm.handle(Incoming(text=message, workspace_key=WORKSPACE, user_id=USER, user_name="Rep One",
                               workspace_name="Bench", language="en", timezone=ZONE, now=NOW))


def percentile(samples: Sequence[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


@dataclass
class Timing:
    label: str
    samples: list[float]  # milliseconds
    note: str = ""

    @property
    def p50(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        return percentile(self.samples, 0.95)

    def cells(self, digits: int) -> tuple[str, ...]:
        return (self.label, str(len(self.samples)), f"{self.p50:.{digits}f}", f"{self.p95:.{digits}f}",
                f"{max(self.samples):.{digits}f}")


def timed(label: str, inputs: Sequence[Any], run: Callable[[Any], Any],
          check: Callable[[Any, Any], bool] | None = None, note: str = "") -> Timing:
    """Time `run` on each input after a few warm-up calls; `check` counts the right results for the note."""
    for item in inputs[:WARMUP]:
        run(item)
    samples, passed = [], 0
    for item in inputs[WARMUP:]:
        started = time.perf_counter_ns()
        result = run(item)
        samples.append((time.perf_counter_ns() - started) / 1e6)
        if check is not None:
            passed += check(item, result)
    if check is not None:
        note = note.format(passed=passed, runs=len(samples), share=100 * passed / len(samples))
    return Timing(label, samples, note)


def expect(reply: Reply, prefix: str, *parts: str) -> Reply:
    """Stop the benchmark when a reply is not the kind it is meant to measure."""
    if not reply.text.startswith(prefix) or not all(p in reply.text for p in parts):
        sys.exit(f"unexpected reply, wanted {prefix!r} with {parts}:\n{reply.text}")
    return reply


def typo(rng: random.Random, word: str) -> str:
    """Swap, drop, double or replace one letter (never the first): "Schulz" -> "Schluz"."""
    for _ in range(20):
        at = rng.randrange(1, len(word) - 1) if len(word) > 2 else 1
        kind = rng.choice(("swap", "drop", "double", "vowel"))
        if kind == "swap":
            changed = word[:at] + word[at + 1:at + 2] + word[at] + word[at + 2:]
        elif kind == "drop":
            changed = word[:at] + word[at + 1:]
        elif kind == "double":
            changed = word[:at] + word[at] + word[at:]
        else:
            changed = word[:at] + rng.choice("aeiou") + word[at + 1:]
        if fold(changed) != fold(word) and len(changed) >= 3:
            return changed
    return word + "e"


def local_text(moment: datetime) -> str:
    return f"{moment.astimezone(ZoneInfo(ZONE)):%Y-%m-%d %H:%M}"


def due_text(local: str) -> str:
    """How a task reply shows a due time given as local "YYYY-MM-DD HH:MM"."""
    moment = datetime.strptime(local, "%Y-%m-%d %H:%M").replace(tzinfo=ZoneInfo(ZONE))
    return format_when(moment, ZONE, "en", now=NOW)


def unique_names(db: Database, workspace_id: int) -> list[str]:
    """Full names no other contact, company or deal shares, so no command has to ask which one."""
    with db.engine.connect() as connection:
        taken = {row[0] for row in connection.execute(text(
            "SELECT name_key FROM company WHERE workspace_id = :ws UNION SELECT title_key FROM deal "
            "WHERE workspace_id = :ws"), {"ws": workspace_id})}
        rows = connection.execute(text(
            "SELECT MIN(name), name_key FROM contact WHERE workspace_id = :ws GROUP BY name_key "
            "HAVING COUNT(*) = 1 ORDER BY name_key"), {"ws": workspace_id})
        return [name for name, key in rows if key not in taken and "'" not in name]


def command_timings(crm: Crm, names: list[str], runs: int) -> list[Timing]:
    rng = random.Random(SEED + 1)
    count = runs + WARMUP
    picks = rng.sample(names, min(len(names), 7 * count))
    pick = [picks[i % len(picks)] for i in range(7 * count)]
    find_full = [(n, f"{n.split()[0]} {typo(rng, n.split()[-1])}") for n in pick[:count]]
    find_last = [(n, typo(rng, n.split()[-1]).lower()) for n in pick[count:2 * count]]
    notes = [f"/note {n}: {note_text(rng)[1]}" for n in pick[2 * count:3 * count]]
    tasks = [(n, *TASK_FORMS[i % len(TASK_FORMS)]) for i, n in enumerate(pick[3 * count:4 * count])]
    shows = pick[4 * count:5 * count]
    exact = [(n, n) for n in pick[5 * count:6 * count]]
    captures = [(n, f"met {n} at the trade fair, interested in {rng.choice(NOTE_WORDS['product'])}")
                for n in pick[6 * count:7 * count]]

    def found(item: tuple[str, str], reply: Reply) -> bool:
        if not reply.text.startswith("Nothing found for"):
            expect(reply, "Results for")
        target = item[0] if " " in item[1] else item[0].split()[-1]
        return any(line.startswith("👤") and target in line for line in reply.text.splitlines())

    return [
        timed("/find <first name> <last name with typo>", find_full, lambda item: say(crm, f"/find {item[1]}"), found,
              "target in top 8: {share:.0f}%"),
        timed("/find <full name>", exact, lambda item: say(crm, f"/find {item[1]}"), found, "target shown: {share:.0f}%"),
        timed("/find <last name with typo>", find_last, lambda item: say(crm, f"/find {item[1]}"), found,
              "a contact of that name shown: {share:.0f}%"),
        timed("/note <full name>: text", notes, lambda line: expect(say(crm, line), "📝 Note saved on")),
        timed("/task … <full name> <date> (8 en/de forms)", tasks,
              lambda item: expect(say(crm, item[1].format(name=item[0])), "⏰ Task #", f"👤 {item[0]}"),
              lambda item, reply: due_text(item[3]) in reply.text, "due time right: {passed}/{runs}"),
        timed("/show <full name>", shows, lambda name: expect(say(crm, f"/show {name}"), f"👤 {name}")),
        timed("free text: met <full name> at ...", captures, lambda item: expect(say(crm, item[1]), ""),
              lambda item, reply: item[0] in reply.text, "the contact named: {passed}/{runs}"),
        timed("/tasks", [None] * count, lambda _: expect(say(crm, "/tasks"), "")),
        timed("/pipeline", [None] * count, lambda _: expect(say(crm, "/pipeline"), "📊")),
    ]


def component_timings(crm: Crm, workspace_id: int, db: Database, names: list[str],
                      runs: int, old: NameIndex) -> list[tuple[Timing, Timing]]:
    rng = random.Random(SEED + 2)
    count = runs + WARMUP
    forms = [TASK_FORMS[i % len(TASK_FORMS)] for i in range(count)]
    texts = [(form.format(name=rng.choice(names)).split(" ", 1)[1], due) for form, _, due in forms]
    phrases = [(phrase, due) for _, phrase, due in forms]
    local_now = NOW.astimezone(ZoneInfo(ZONE)).replace(tzinfo=None)
    settings = {"PREFER_DATES_FROM": "future", "RELATIVE_BASE": local_now}
    fast = timed("find_when (fast path) on task texts", texts, lambda item: find_when(item[0], now=NOW, tz=ZONE),
                 lambda item, found: found is not None and local_text(found.when) == item[1],
                 "due time right: {passed}/{runs}")
    slow = timed("dateparser.parse on bare phrases", phrases,
                 lambda item: dateparser.parse(item[0], languages=["en", "de"], settings=settings),
                 lambda item, parsed: parsed is not None and f"{parsed:%Y-%m-%d %H:%M}" == item[1],
                 "due time right: {passed}/{runs}")

    searches = [(fold(n), f"{n.split()[0]} {typo(rng, n.split()[-1])}")
                for n in rng.sample(names, min(len(names), count))]
    with db.reading(now=NOW) as session:
        workspace = queries.get_workspace(session=session, key=WORKSPACE)
        assert workspace is not None
        lookup = crm.names.get(session, workspace)
        on_disk = timed("name search on disk (NameLookup.search)", searches,
                        lambda item: lookup.search(item[1], limit=10),
                        lambda item, hits: any(h.entry.key == item[0] for h in hits), "target in top 10: {share:.0f}%")
    in_memory = timed("old in-memory NameIndex.search", searches, lambda item: old.search(item[1], limit=10),
                      lambda item, hits: any(h.entry.key == item[0] for h in hits), "target in top 10: {share:.0f}%")
    return [(fast, slow), (on_disk, in_memory)]


# --- output -----------------------------------------------------------------------------

def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Aligned plain-text columns: the first and last left-aligned, the numbers between right-aligned."""
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    last = len(widths) - 1

    def line(cells: Sequence[str]) -> str:
        return "  ".join(cell.ljust(width) if i in (0, last) else cell.rjust(width)
                         for i, (cell, width) in enumerate(zip(cells, widths, strict=True))).rstrip()

    return "\n".join([line(header), "  ".join("-" * w for w in widths), *map(line, rows)])


def machine_line(args: argparse.Namespace) -> str:
    database = "PostgreSQL" if (args.database or "").startswith("postgresql") else f"SQLite {sqlite3.sqlite_version}"
    return (f"crmbot bench · Python {platform.python_version()} · {database} · "
            f"{os.cpu_count()} CPUs ({platform.machine()}) · {args.contacts:,} contacts, {args.notes:,} notes, "
            f"{args.deals:,} deals, {args.runs} runs")


def rss_mb() -> tuple[float, float]:
    """The process's resident memory now and at its peak, in MB."""
    status = Path("/proc/self/status").read_text()
    now = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
    return now / 1024, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def loaded_workspace(db: Database) -> Loaded | None:
    """The benchmark workspace of a database loaded before (--database), if it holds contacts."""
    with db.reading(now=NOW) as session:
        workspace = queries.get_workspace(session=session, key=WORKSPACE)
        member = workspace and queries.get_member(session=session, workspace_id=workspace.id or 0, external_id=USER)
        if workspace is None or member is None or not queries.count_contacts(session=session,
                                                                             workspace_id=workspace.id or 0):
            return None
        return Loaded(workspace.id or 0, member.id or 0, {})


def old_index_anchor(db: Database, workspace_id: int) -> tuple[NameIndex, float, float]:
    """The previous design, every name in memory: built here as the anchor; its build time and memory."""
    before = rss_mb()[0]
    started = time.perf_counter()
    index = NameIndex()
    with db.reading(now=NOW) as session:
        index.load(queries.names(session=session, workspace_id=workspace_id))
    return index, time.perf_counter() - started, rss_mb()[0] - before


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--notes", type=int, default=200_000)
    parser.add_argument("--deals", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--database", help="a database URL to load once and reuse (sqlite:///FILE, postgresql://...)")
    parser.add_argument("--no-anchor", action="store_true", help="skip building the old in-memory index")
    args = parser.parse_args(argv)
    print(machine_line(args), flush=True)
    print(f"load average {Path('/proc/loadavg').read_text().strip()}", flush=True)
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="crmbot-bench-") as folder:
        url = args.database or f"sqlite:///{Path(folder) / 'bench.db'}"
        db = Database(url)
        db.migrate()
        loaded = loaded_workspace(db)
        if loaded is None:
            loaded = load(db, Crm(db, clock=lambda: NOW), contacts=args.contacts, notes=args.notes, deals=args.deals)
            load_line = ", ".join(f"{name} {s:.1f} s" for name, s in loaded.seconds.items())
            print(f"\nLoad: {sum(loaded.seconds.values()):.1f} s ({load_line})")
        else:
            print(f"\nReusing the workspace loaded before in {url} (--contacts, --notes, --deals are ignored)")
        crm = Crm(db, clock=lambda: NOW)  # a fresh engine: nothing cached yet
        started = time.perf_counter()
        expect(say(crm, "/find warmup"), "")
        vocabulary = crm.names.by_workspace[loaded.workspace_id]
        print(f"Start-up: the first /find answered in {(time.perf_counter() - started) * 1000:.0f} ms "
              f"(vocabulary of {len(vocabulary):,} distinct name words)", flush=True)

        names = unique_names(db, loaded.workspace_id)
        with db.engine.connect() as connection:
            distinct = connection.execute(text("SELECT COUNT(DISTINCT name_key) FROM contact WHERE workspace_id = :ws"),
                                          {"ws": loaded.workspace_id}).scalar_one()
        print(f"Distinct full names: {distinct:,}; unique ones to pick from: {len(names):,}\n", flush=True)
        commands = command_timings(crm, names, args.runs)
        print(table(("command", "runs", "p50 ms", "p95 ms", "max ms", "check"),
                    [(*t.cells(2), t.note) for t in commands]))
        slow = [t.label for t in commands if t.p95 > TARGET_P95_MS]
        print(f"\np95 target {TARGET_P95_MS:.0f} ms: " + ("all met" if not slow else "missed by " + "; ".join(slow)),
              flush=True)
        now_mb, peak_mb = rss_mb()
        print(f"Memory (RSS) after the commands: {now_mb:.0f} MB, peak {peak_mb:.0f} MB", flush=True)
        if args.no_anchor:
            db.dispose()
            return

        old, build_s, old_mb = old_index_anchor(db, loaded.workspace_id)
        print(f"Anchor, the old in-memory NameIndex: built in {build_s:.1f} s, {old_mb:.0f} MB more RSS "
              f"({len(old):,} names)", flush=True)
        pairs = component_timings(crm, loaded.workspace_id, db, names, args.runs, old)
        rows = []
        for ours, theirs in pairs:
            ratio = f"{theirs.p50 / ours.p50:.1f}x" if ours.p50 else "-"
            rows.append((*ours.cells(3), "", ours.note))
            rows.append((*theirs.cells(3), ratio, theirs.note))
        print()
        print(table(("component", "runs", "p50 ms", "p95 ms", "max ms", "ratio p50", "check"), rows))
        print(f"load average {Path('/proc/loadavg').read_text().strip()}")
        db.dispose()
    print(f"\nTotal {time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
