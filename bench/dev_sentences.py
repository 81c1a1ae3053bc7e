"""Quick dev harness: run /work/shared/utterances/examples.tsv through the real engine and judge each outcome.

Until the labelled corpus (feat/corpus) lands, each example's prose outcome is encoded below as a
small spec. Run: .venv/bin/python bench/dev_sentences.py [-v] [--now 2026-11-30T09:15] [ids...]
"""

import argparse
import csv
import shutil
import sys
import tempfile
from collections import defaultdict
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlmodel import Session, select  # noqa: E402

from handlers.engine import Crm  # noqa: E402
from handlers.language.names import fold  # noqa: E402
from handlers.texts.reply import Incoming, Reply  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.models import Company, Contact, Deal, Interaction, PipelineStage, Task  # noqa: E402

EXAMPLES = Path("/work/shared/utterances/examples.tsv")
BERLIN = ZoneInfo("Europe/Berlin")
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

# spec keys: contacts (new, exact: "Name@Company" / "+email" / "+phone"), notes (exact unless notes_ok),
# tasks (new, exact: (contact, due)), done / open / moved (task title prefix), deals, stage, fields, reply, no
S: dict[str, dict] = {
    "dev-en-capture-01": dict(contacts=["Lena Braun@Solaris"], notes=[("Lena Braun", None, "")],
                              tasks=[("Lena Braun", "tue 10:00|tue+7 10:00")]),
    "dev-en-capture-02": dict(tasks=[("Tom Kowalski", "fri 14:00")], notes_ok=True),
    "dev-en-capture-03": dict(contacts=["Tom Kowalski@Globex"], notes=[("Tom Kowalski", None, "")],
                              tasks=[("Tom Kowalski", "fri 14:00")]),
    "dev-en-capture-04": dict(notes=[("Anna Schulz", None, "20")], tasks=[("Anna Schulz", "d+0 16:00-23:59")]),
    "dev-en-capture-05": dict(contacts=["Sarah Connor@Cyberdyne"], notes=[("Sarah Connor", None, "Q1")],
                              tasks=[("Sarah Connor", "fri")]),
    "dev-en-capture-06": dict(contacts=["Maria Lopez@Umbrella+maria.lopez@umbrella.com"],
                              notes=[("Maria Lopez", None, "pricing")]),
    "dev-en-capture-07": dict(contacts=["Ken Adams@Hooli+14155550100"], notes=[("Ken Adams", None, "")],
                              tasks=[("Ken Adams", "d+14")]),
    "dev-en-capture-08": dict(contacts=["Claire Dubois@Vinci"], tasks=[("Claire Dubois", "d+1 12:30")], notes_ok=True),
    "dev-en-capture-09": dict(notes=[("Ben Hoffmann", None, "laptops")], tasks=[("Ben Hoffmann", "thu")]),
    "dev-de-capture-01": dict(contacts=["Jörg Müller@Globex"], notes=[("Jörg Müller", None, "")],
                              tasks=[("Jörg Müller", "fri")], companies=0),
    "dev-de-capture-02": dict(contacts=["Lena Braun@Solaris"], tasks=[("Lena Braun", "d+1 09:00")], notes_ok=True),
    "dev-de-capture-03": dict(tasks=[("Tom Kowalski", "fri 14:00")], notes_ok=True),
    "dev-de-capture-04": dict(contacts=["Sabine Wolf@Stadtsparkasse"], notes=[("Sabine Wolf", None, "")],
                              tasks=[("Sabine Wolf", "nextweek")]),
    "dev-de-capture-05": dict(contacts=["Klaus Becker@Becker Bau+klaus@becker-bau.de"], tasks=[("Klaus Becker", "wed")],
                              notes_ok=True),
    "dev-de-capture-06": dict(contacts=["Petra Schmitt@Schmitt & Co"], tasks=[("Petra Schmitt", "tue 10:00")],
                              notes_ok=True),
    "dev-de-capture-07": dict(contacts=["Julia Koch@Koch Logistik"], notes=[("Julia Koch", None, "")],
                              tasks=[("Julia Koch", "d+1 11:00")]),
    "dev-de-capture-08": dict(notes=[("Anna Schulz", None, "20")], tasks=[("Anna Schulz", "fri")]),
    "dev-de-capture-09": dict(contacts=["Thomas Weber@Weber Metall+1609876543"], notes=[("Thomas Weber", None, "")],
                              tasks=[("Thomas Weber", "d+2")]),
    "dev-en-notes-01": dict(notes=[("Ben Hoffmann", "call", "no answer")]),
    "dev-en-notes-02": dict(notes=[("Anna Schulz", "call", "40")]),
    "dev-en-notes-03": dict(notes=[("Tom Kowalski", "email", "price list")]),
    "dev-en-notes-04": dict(notes=[("Maria Müller", "note", "mornings")]),
    "dev-de-notes-01": dict(notes=[("Jörg Müller", "call", "nicht erreicht")]),
    "dev-de-notes-02": dict(notes=[("Jörg Müller", "note", "Rabatt")]),
    "dev-de-notes-03": dict(notes=[("Anna Schulz", "call", "40")]),
    "dev-de-notes-04": dict(notes=[("Tom Kowalski", "email", "Preisliste")]),
    "dev-en-tasks-01": dict(tasks=[("Anna Schulz", "d+1 10:00")]),
    "dev-en-tasks-02": dict(tasks=[("Sarah Connor", "mon")], notes_ok=True),
    "dev-en-tasks-03": dict(tasks=[("Anna Schulz", "thu")]),
    "dev-en-tasks-04": dict(tasks=[("Tom Becker", "mon 09:30")]),
    "dev-en-tasks-05": dict(tasks=[("Ben Hoffmann", "d+14")]),
    "dev-en-tasks-06": dict(tasks=[("Jörg Müller", "d+2 14:00")]),
    "dev-de-tasks-01": dict(tasks=[("Anna Schulz", "d+1 06:00-11:00")]),
    "dev-de-tasks-02": dict(tasks=[("Jörg Müller", "thu 14:00")]),
    "dev-de-tasks-03": dict(tasks=[("Jörg Müller", "mon 10:00")]),
    "dev-de-tasks-04": dict(tasks=[("Anna Schulz", "d+1 10:00")]),
    "dev-de-tasks-05": dict(tasks=[("Tom Kowalski", "fri")]),
    "dev-de-tasks-06": dict(tasks=[("Ben Hoffmann", "d+3")]),
    "dev-en-deals-01": dict(deals=[("Globex", 4_500_000, None)], companies=0),
    "dev-en-deals-02": dict(stage=[("Acme rollout", "negotiation")]),
    "dev-en-deals-03": dict(stage=[("Nordlicht fleet tracking", "won")]),
    "dev-en-deals-04": dict(stage=[("Acme rollout", "lost")], notes_ok=True),
    "dev-de-deals-01": dict(deals=[("Globex", 4_500_000, "negotiation")], companies=0),
    "dev-de-deals-02": dict(stage=[("Globex Rollout", "proposal")]),
    "dev-de-deals-03": dict(stage=[("Nordlicht Flottenprojekt", "won")]),
    "dev-de-deals-04": dict(stage=[("Acme Rollout", "lost")], notes_ok=True),
    "dev-en-fields-01": dict(fields=[("Lena Braun", "phone", "1715551234")]),
    "dev-en-fields-02": dict(fields=[("Anna Schulz", "email", "anna.schulz@acme.de")]),
    "dev-de-fields-01": dict(fields=[("Jörg Müller", "phone", "1512345678")]),
    "dev-de-fields-02": dict(fields=[("Anna Schulz", "email", "anna.schulz@acme.de")]),
    "dev-en-complete-01": dict(done=["send quote"], open=["call Tom"]),
    "dev-en-complete-02": dict(done=["call Anna"]),
    "dev-de-complete-01": dict(done=["Angebot an Jörg"], open=["Anna anrufen"]),
    "dev-de-complete-02": dict(done=["Anna anrufen"]),
    "dev-en-followup-01": dict(moved=[("call Anna", "thu")]),
    "dev-en-followup-02": dict(moved=[("send proposal", "+2h")]),
    "dev-en-followup-03": dict(moved=[("call Anna", "d+1 11:00")]),
    "dev-en-followup-04": dict(fields=[("Lena Braun", "email", "lena.braun@solaris.de")]),
    "dev-de-followup-01": dict(moved=[("Anna anrufen", "d+2")]),
    "dev-de-followup-02": dict(moved=[("Angebot an Jörg", "fri 10:00")]),
    "dev-de-followup-03": dict(moved=[("Tom Becker anrufen", "+2h")]),
    "dev-de-followup-04": dict(fields=[("Lena Braun", "phone", "1715551234")]),
    "dev-en-questions-01": dict(reply=["Acme workshop"], no=["Nordlicht"]),
    "dev-en-questions-02": dict(reply=["call Anna"], no=["Nordlicht"]),
    "dev-en-questions-03": dict(reply=["Anna Schulz", "Acme|anna@acme.de|1234567"]),
    "dev-en-questions-04": dict(reply=["Acme rollout", "Globex expansion"]),
    "dev-en-questions-05": dict(reply=["30,000|30.000|30k"]),
    "dev-de-questions-01": dict(reply=["Acme-Workshop"], no=["Nordlicht"]),
    "dev-de-questions-02": dict(reply=["Anna Schulz", "Acme|anna@acme.de|1234567"]),
    "dev-de-questions-03": dict(reply=["Acme Rollout", "Globex Ausbau"]),
    "dev-de-questions-04": dict(reply=["Nordlicht|30.000|30,000|30k"]),
    "dev-de-questions-05": dict(reply=["Anna anrufen"], no=["Nordlicht"]),
    "dev-en-slashless-01": dict(contacts=["Bernd Meyer@Globex"], companies=0),
    "dev-en-slashless-02": dict(tasks=[("Anna Schulz", "d+1 09:00")]),
    "dev-de-slashless-01": dict(contacts=["Bernd Meyer@Globex"], companies=0),
    "dev-de-slashless-02": dict(tasks=[("Anna Schulz", "d+1 09:00")]),
    "dev-en-misfile-01": dict(contacts=["Jörg Müller"], tasks=[("Jörg Müller", "d+1")], ask_name="Jörg"),
    "dev-en-misfile-02": dict(),
    "dev-de-misfile-01": dict(contacts=["Jörg Schmidt@Initech"], tasks=[("Jörg Schmidt", "d+1 10:00")],
                              ask_name="Schmidt"),
    "dev-de-misfile-02": dict(),
}


def snapshot(db: Database) -> dict[str, dict[int, dict]]:
    with Session(db.engine) as session:
        return {model.__name__: {row.id: row.model_dump() for row in session.exec(select(model))}
                for model in (Contact, Company, Interaction, Task, Deal)}


def local_day(now: datetime, spec: str) -> list[date]:
    """The local days a day spec allows: d+N, mon..sun (next one after today, +7 for the one after), nextweek."""
    today = now.astimezone(BERLIN).date()
    if spec.startswith("d+"):
        return [today + timedelta(days=int(spec[2:]))]
    if spec == "nextweek":
        monday = today + timedelta(days=7 - today.weekday())
        return [monday + timedelta(days=i) for i in range(7)]
    name, _, extra = spec.partition("+")
    ahead = (DAYS.index(name) - today.weekday()) % 7 or 7
    return [today + timedelta(days=ahead + int(extra or 0))]


def due_ok(due: datetime | None, spec: str, now: datetime) -> bool:
    if due is None:
        return False
    due = due.replace(tzinfo=timezone.utc) if due.tzinfo is None else due
    if spec == "+2h":
        return abs(due - (now + timedelta(hours=2))) <= timedelta(minutes=5)
    local = due.astimezone(BERLIN)
    for option in spec.split("|"):
        day, _, clock = option.partition(" ")
        if local.date() not in local_day(now, day):
            continue
        if not clock:
            return True
        low, _, high = clock.partition("-")
        if time.fromisoformat(low) <= local.time() <= time.fromisoformat(high or low):
            return True
    return False


def judge(spec: dict, before: dict, after: dict, reply: Reply, now: datetime, ask_ok: bool) -> list[str]:
    """Problems with the outcome; empty when right."""
    new = {kind: [row for row_id, row in rows.items() if row_id not in before[kind]] for kind, rows in after.items()}
    changed = {kind: [(before[kind][row_id], row) for row_id, row in rows.items()
                      if row_id in before[kind] and before[kind][row_id] != row] for kind, rows in after.items()}
    contact_name = {row_id: row["name"] for row_id, row in after["Contact"].items()}
    company_name = {row_id: row["name"] for row_id, row in after["Company"].items()}
    wrote = any(new.values()) or any(changed[k] for k in ("Contact", "Task", "Deal"))
    asked = not wrote and any(b.command and b.command.startswith("/pick") for row in reply.buttons for b in row)
    if asked and ask_ok and (not spec.get("ask_name") or spec["ask_name"] in reply.text
                             or any(spec["ask_name"] in b.label for row in reply.buttons for b in row)):
        return []
    problems = []
    got = sorted(f"{c['name']}@{company_name.get(c['company_id'], '')}" for c in new["Contact"])
    want = sorted(c.split("+")[0] if "@" in c.split("+")[0] else c.split("+")[0] + "@?" for c in spec.get("contacts", []))
    if len(got) != len(want) or any(not fold(g).startswith(fold(w.replace("@?", "")))
                                    for g, w in zip(got, want, strict=False)):
        problems.append(f"contacts {got} want {want}")
    for c_spec, c_row in zip(sorted(spec.get("contacts", [])), sorted(new["Contact"], key=lambda c: c["name"]), strict=False):
        for extra in c_spec.split("+")[1:]:
            if extra not in (c_row["email"] or "") and extra not in (c_row["phone"] or "").replace(" ", ""):
                problems.append(f"contact field {extra} missing: {c_row['email']} {c_row['phone']}")
    if "companies" in spec and len(new["Company"]) != spec["companies"]:
        problems.append(f"new companies {[c['name'] for c in new['Company']]}")
    notes = [(contact_name.get(n["contact_id"]), n["kind"], n["text"]) for n in new["Interaction"]]
    for who, kind, words in spec.get("notes", []):
        if not any(n[0] == who and (kind is None or n[1] == kind) and words.casefold() in n[2].casefold() for n in notes):
            problems.append(f"no note {who}/{kind}/{words!r}; notes {notes}")
    allowed = {who for who, *_ in spec.get("notes", [])} | ({w for w, _ in spec.get("tasks", [])}
                                                              if spec.get("notes_ok") else set())
    if spec.get("notes_ok") and not spec.get("tasks"):
        allowed |= {w for w in contact_name.values()} | {None}
    extra_notes = [n for n in notes if n[0] not in allowed] if (spec.get("notes_ok") or spec.get("notes")) \
        else notes
    if len(notes) > len(spec.get("notes", [])) and not spec.get("notes_ok"):
        extra_notes = notes if not spec.get("notes") else [n for n in notes[len(spec["notes"]):]]
    if extra_notes:
        problems.append(f"extra notes {extra_notes}")
    tasks = [(contact_name.get(t["contact_id"]), t["due_at"], t["title"]) for t in new["Task"]]
    if len(tasks) != len(spec.get("tasks", [])):
        problems.append(f"tasks {tasks} want {spec.get('tasks', [])}")
    for who, due in spec.get("tasks", []):
        if not any(fold(t[0] or "") == fold(who) and due_ok(t[1], due, now) for t in tasks):
            problems.append(f"no task {who}/{due}; tasks {tasks}")
    tasks_now = list(after["Task"].values())
    for title in spec.get("done", []):
        if not any(t["title"].startswith(title) and t["done_at"] for t in tasks_now):
            problems.append(f"task {title!r} not done")
    for title in spec.get("open", []):
        if not any(t["title"].startswith(title) and not t["done_at"] for t in tasks_now):
            problems.append(f"task {title!r} not open")
    for title, due in spec.get("moved", []):
        open_ones = [t for t in tasks_now if t["title"].startswith(title) and not t["done_at"]]
        if len(open_ones) != 1 or not due_ok(open_ones[0]["due_at"], due, now):
            problems.append(f"task {title!r} not moved to {due}: {[(t['due_at'], t['done_at']) for t in open_ones]}")
    if not spec.get("moved") and not spec.get("done") and not spec.get("tasks") and changed["Task"]:
        problems.append("tasks changed")
    stages = {s.id: s.key for s in _stages}
    for company, value, stage in spec.get("deals", []):
        if not any(d["value_cents"] == value and company_name.get(d["company_id"]) == company
                   and (stage is None or stages[d["stage_id"]] == stage) for d in new["Deal"]):
            problems.append(f"no deal {company} {value} {stage}: {new['Deal']}")
    if len(new["Deal"]) != len(spec.get("deals", [])):
        problems.append(f"deals created {[d['title'] for d in new['Deal']]}")
    for title, stage in spec.get("stage", []):
        if not any(d["title"] == title and stages[d["stage_id"]] == stage for d in after["Deal"].values()):
            problems.append(f"deal {title} not {stage}")
    if not spec.get("stage") and changed["Deal"]:
        problems.append("deals changed")
    for who, field, value in spec.get("fields", []):
        rows = [c for c in after["Contact"].values() if c["name"] == who]
        if not rows or value not in (rows[0][field] or "").replace(" ", ""):
            problems.append(f"{who}.{field} = {rows[0][field] if rows else None}")
    if not spec.get("fields") and changed["Contact"] and any(
            {k for k in a if a[k] != b[k]} - {"updated_at"} for b, a in changed["Contact"]):
        problems.append("contacts changed")
    for words in spec.get("reply", []):
        if not any(word.casefold() in reply.text.casefold() for word in words.split("|")):
            problems.append(f"reply lacks {words!r}")
    for word in spec.get("no", []):
        if word.casefold() in reply.text.casefold():
            problems.append(f"reply has {word!r}")
    return problems


_stages: list[PipelineStage] = []


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("ids", nargs="*")
    parser.add_argument("-v", action="store_true")
    parser.add_argument("--now", default="2026-11-25T11:30")
    args = parser.parse_args()
    now = datetime.fromisoformat(args.now).replace(tzinfo=BERLIN).astimezone(timezone.utc)
    rows = list(csv.DictReader(EXAMPLES.open(encoding="utf-8"), delimiter="\t"))
    tmp = Path(tempfile.mkdtemp())
    template = tmp / "template.db"
    template_db = Database(f"sqlite:///{template}")
    template_db.migrate()
    template_db.dispose()
    score: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    try:
        for row in rows:
            if args.ids and not any(i in row["id"] for i in args.ids):
                continue
            path = tmp / "crm.db"
            shutil.copy(template, path)
            db = Database(f"sqlite:///{path}")
            crm = Crm(db, clock=lambda: now)

            def say(text: str, row: dict = row, crm: Crm = crm) -> Reply:
                return crm.handle(Incoming(text=text, workspace_key="console:dev", user_id="rep", user_name="rep",
                                           language=row["lang"], timezone="Europe/Berlin", now=now))
            for command in row["setup"].split(" | "):
                if command.strip():
                    say(command.strip())
            before = snapshot(db)
            with Session(db.engine) as session:
                _stages[:] = list(session.exec(select(PipelineStage)))
            reply = say(row["messages"])
            problems = judge(S[row["id"]], before, snapshot(db), reply, now, row["ask_ok"] == "yes")
            key = (row["category"], row["lang"])
            score[key][1] += 1
            score[key][0] += not problems
            if problems or args.v:
                print(f"{'OK ' if not problems else 'BAD'} {row['id']}: {row['messages']}")
                print("    reply: " + reply.text.replace("\n", " / ")[:300])
                for problem in problems:
                    print("    - " + problem[:300])
            db.dispose()
    finally:
        shutil.rmtree(tmp)
    total = [sum(v[0] for v in score.values()), sum(v[1] for v in score.values())]
    for (category, lang), (right, count) in sorted(score.items()):
        print(f"{category:10} {lang}: {right}/{count}")
    print(f"total: {total[0]}/{total[1]} = {100 * total[0] / max(total[1], 1):.0f}%")


if __name__ == "__main__":
    main()
