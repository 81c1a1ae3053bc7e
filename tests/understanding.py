"""The measuring stick for free-text understanding: one corpus entry runs through the real engine and
is judged from what changed in the database and from the reply, however understanding is built."""

import json
import re
import shutil
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import phonenumbers
from sqlalchemy import text
from sqlmodel import SQLModel

from handlers.engine import Crm
from handlers.texts.reply import Reply
from storage.db import Database
from tests.conftest import NOW, Chat, PostgresCopy, fresh_database_url

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "utterances.jsonl"
SETUPS = DATA / "utterance_setups.json"
LANGS = ("en", "de")
CATEGORIES = ("capture", "notes", "tasks", "deals", "fields", "complete", "followup", "questions",
              "slashless", "greeting", "misfile")
EXPECT_KEYS = {"reads_only", "nothing_written", "must_ask", "ask_ok", "ask_mentions", "reply_mentions",
               "reply_excludes", "contacts_created", "companies_created", "not_on", "note", "task",
               "deal_created", "deal_stage", "lost_reason_mentions", "field", "task_done", "task_moved", "undone"}
ENTRY_KEYS = {"id", "lang", "category", "setup", "before", "message", "expect", "now", "tz", "comment"}
# Bookkeeping, not the user's data: a "which one?" question may leave a pending choice.
IGNORED_TABLES = {"auditentry", "processedupdate", "pendingchoice", "pendingimport",
                  "pipelinetotal", "name_token", "name_word"}  # and what is derived: pipeline sums, name words
IGNORED_COLUMNS = {"updated_at", "revision", "delivery_failures", "delivery_paused", "last_digest_at",
                   "last_task_id", "last_record", "score", "last_interaction_at",
                   "open_deals", "open_tasks"}
# conversation context, lead score, newest interaction time, open deals and tasks: derived bookkeeping
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
PARTS_OF_DAY = {"morning": ("06:00", "11:00"), "afternoon": ("12:00", "18:00"), "eod": ("16:00", "23:59"),
                "evening": ("17:00", "23:59")}
_SHIFT = re.compile(r"^\[(?P<sign>[-+])(?P<n>\d+)(?P<unit>[dh])\]\s*")

Rows = dict[str, dict[Any, dict[str, Any]]]  # table -> primary key -> column -> value


class SetupFailed(Exception):
    """A setup command did not write: the corpus entry is broken, not the engine."""


@dataclass(frozen=True)
class Verdict:
    """The judgement of one entry; `ok` and `reason` are the answer, the rest feeds the benchmark."""

    ok: bool
    reason: str
    wrote: bool = False
    wrong_write: bool = False
    question_wrote: bool = False
    seconds: float = 0.0


@dataclass
class World:
    """What the evaluator saw: the tables before the follow-up context, before and after the message."""

    start: Rows
    before: Rows
    after: Rows
    reply: Reply
    now: datetime
    tz: ZoneInfo
    changes: list[str] = field(default_factory=list)


def load_corpus(path: Path = CORPUS) -> list[dict[str, Any]]:
    """Every entry of the corpus, in file order."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_setups(path: Path = SETUPS) -> dict[str, list[str]]:
    """The named standard setups."""
    return json.loads(path.read_text(encoding="utf-8"))


def expand_setup(steps: list[str], setups: dict[str, list[str]]) -> list[str]:
    """Replace each "@name" by the commands of that standard setup, recursively."""
    commands: list[str] = []
    for step in steps:
        if step.startswith("@"):
            commands += expand_setup(setups[step[1:]], setups)
        else:
            commands.append(step)
    return commands


def fold(text: str) -> str:
    """Case, accents and umlaut spellings folded, so "Jörg Mueller" and "jörg müller" compare equal."""
    text = unicodedata.normalize("NFKD", text.casefold().replace("ß", "ss"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"(?<=[aou])e", "", text)
    return " ".join(text.split())


def mentions(haystack: str, needle: str) -> bool:
    """Whether the text holds the needle, or one of its "a|b" alternatives, folded."""
    return any(fold(option) in fold(haystack) for option in needle.split("|"))


def has_word(haystack: str, word: str) -> bool:
    """Whether the folded text holds the folded word as a whole word."""
    return re.search(rf"\b{re.escape(fold(word))}\b", fold(haystack)) is not None


def same_phone(actual: str | None, expected: str) -> bool:
    """Two ways of writing one phone number (0171 …, +49 171 …) compare equal."""
    if not actual:
        return False
    try:
        parsed = [phonenumbers.parse(number, "DE") for number in (actual, expected)]
    except phonenumbers.NumberParseException:
        return re.sub(r"\D", "", actual) == re.sub(r"\D", "", expected)
    return parsed[0].country_code == parsed[1].country_code and parsed[0].national_number == parsed[1].national_number


def utc(value: datetime | None) -> datetime | None:
    """A stored time as an aware UTC datetime (databases may hand back naive UTC)."""
    if value is None:
        return None
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def clock_of(text: str) -> tuple[int, int]:
    hours, minutes = text.split(":")
    return int(hours), int(minutes)


def day_of(word: str, today: date) -> tuple[date, date]:
    """The days (first, last) a day word names, relative to today in the member's zone."""
    word = " ".join(word.split())
    if word == "today":
        return today, today
    if word == "tomorrow":
        return today + timedelta(days=1), today + timedelta(days=1)
    if word == "day after tomorrow":
        return today + timedelta(days=2), today + timedelta(days=2)
    if word in ("next week", "this week"):
        monday = today - timedelta(days=today.weekday()) + timedelta(days=7 if word == "next week" else 0)
        return (monday if word == "next week" else today), monday + timedelta(days=6)
    if word.removeprefix("next ") in WEEKDAYS:
        ahead = (WEEKDAYS[word.removeprefix("next ")] - today.weekday() - 1) % 7 + 1  # 1..7 days ahead
        return today + timedelta(days=ahead), today + timedelta(days=ahead)
    shift = re.fullmatch(r"\+(\d+)([dw])", word)
    if shift:
        days = int(shift[1]) * (7 if shift[2] == "w" else 1)
        return today + timedelta(days=days), today + timedelta(days=days)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", word):
        return date.fromisoformat(word), date.fromisoformat(word)
    raise ValueError(f"unknown day {word!r}")


def due_windows(expr: str, now: datetime, tz: ZoneInfo) -> list[tuple[datetime, datetime]]:
    """The accepted [start, end) windows, in UTC, for a due expression such as "friday 14:00" or "+2h".

    Grammar: alternatives "a|b"; each is "+N h|min" (to the minute) or a day ("today", "tomorrow",
    "day after tomorrow", a weekday (the next one after today), "next <weekday>" (the same),
    "+Nd", "+Nw", "next week", "this week", "YYYY-MM-DD") with an optional time: "HH:MM" (to the
    minute), ">=HH:MM", "<=HH:MM", "HH:MM-HH:MM", "morning", "afternoon", "evening", "eod".
    """
    windows = []
    for option in (part.strip() for part in expr.split("|")):
        relative = re.fullmatch(r"\+(\d+)\s*(h|min)", option)
        if relative:
            moment = now + timedelta(**{"hours" if relative[2] == "h" else "minutes": int(relative[1])})
            windows.append((moment - timedelta(minutes=1), moment + timedelta(minutes=1)))
            continue
        match = re.fullmatch(r"(?P<day>.+?)(?:\s+(?P<time>[<>]=\d{1,2}:\d\d|\d{1,2}:\d\d(?:-\d{1,2}:\d\d)?|"
                             r"morning|afternoon|evening|eod))?", option)
        if match is None:
            raise ValueError(f"unknown due {option!r}")
        first, last = day_of(match["day"], now.astimezone(tz).date())
        start_clock, end_clock = (0, 0), None  # end None: the end of the last day
        spec = match["time"] or ""
        if spec in PARTS_OF_DAY:
            start_clock, end_clock = (clock_of(part) for part in PARTS_OF_DAY[spec])
        elif spec.startswith(">="):
            start_clock = clock_of(spec[2:])
        elif spec.startswith("<="):
            end_clock = clock_of(spec[2:])
        elif "-" in spec:
            start_clock, end_clock = (clock_of(part) for part in spec.split("-"))
        elif spec:
            start_clock = clock_of(spec)
            end_clock = (start_clock[0], start_clock[1] + 1) if start_clock[1] < 59 else (start_clock[0] + 1, 0)
        start = datetime(first.year, first.month, first.day, *start_clock, tzinfo=tz)
        if end_clock is None or end_clock == (24, 0):
            end = datetime(last.year, last.month, last.day, tzinfo=tz) + timedelta(days=1)
        else:
            end = datetime(last.year, last.month, last.day, *end_clock, tzinfo=tz)
            end += timedelta(minutes=1) if spec.startswith("<=") or spec in PARTS_OF_DAY or "-" in spec else timedelta()
        windows.append((start.astimezone(timezone.utc), end.astimezone(timezone.utc)))
    return windows


def due_matches(actual: datetime | None, expr: str, now: datetime, tz: ZoneInfo) -> bool:
    """Whether a task's due time falls in one of the windows of the expression."""
    moment = utc(actual)
    return moment is not None and any(start <= moment < end for start, end in due_windows(expr, now, tz))


def snapshot(db: Database) -> Rows:
    """Every row of every table that holds the user's data, keyed by primary key."""
    rows: Rows = {}
    with db.engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            if table.name in IGNORED_TABLES:
                continue
            keys = [column.name for column in table.primary_key.columns]
            rows[table.name] = {}
            names = ", ".join(f'"{column.name}"' for column in table.columns)
            query = text(f'SELECT {names} FROM "{table.name}"').columns(*table.columns)  # no per-engine compile
            for row in connection.execute(query).mappings():
                values = {name: value for name, value in row.items() if name not in IGNORED_COLUMNS}
                rows[table.name][tuple(values[k] for k in keys)] = values
    return rows


def created(world: World, table: str) -> list[dict[str, Any]]:
    return [row for key, row in world.after[table].items() if key not in world.before[table]]


def updated(world: World, table: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [(world.before[table][key], row) for key, row in world.after[table].items()
            if key in world.before[table] and world.before[table][key] != row]


def deleted(world: World, table: str) -> list[dict[str, Any]]:
    return [row for key, row in world.before[table].items() if key not in world.after[table]]


def describe_writes(world: World) -> list[str]:
    """A short line per created, changed or deleted row."""
    lines = []
    for table in world.after:
        lines += [f"+{table} {label(world, table, row)}" for row in created(world, table)]
        lines += [f"~{table} {label(world, table, new)} ({', '.join(k for k in new if new[k] != old.get(k))})"
                  for old, new in updated(world, table)]
        lines += [f"-{table} {label(world, table, row)}" for row in deleted(world, table)]
    return lines


def label(world: World, table: str, row: dict[str, Any]) -> str:
    """A row as a reader would name it."""
    text = row.get("name") or row.get("title") or row.get("text") or row.get("key") or row.get("id")
    owner = f" on {contact_name(world, row['contact_id'])}" if row.get("contact_id") and table != "contact" else ""
    return f"{str(text)[:40]!r}{owner}"


def contact_name(world: World, contact_id: Any) -> str:
    row = world.after["contact"].get((contact_id,)) or world.before["contact"].get((contact_id,))
    return row["name"] if row else "?"


def company_name(world: World, company_id: Any) -> str:
    row = world.after["company"].get((company_id,))
    return row["name"] if row else ""


def stage_key(world: World, stage_id: Any) -> str:
    return world.after["pipelinestage"][(stage_id,)]["key"]


def contact_ids(world: World, name: str) -> set[Any]:
    """Ids of the contacts (existing or new) with this name, folded."""
    return {row["id"] for row in world.after["contact"].values() if fold(row["name"]) == fold(name)}


def reply_text(reply: Reply) -> str:
    """The reply's text and its button labels, as the user reads them."""
    return "\n".join([reply.text] + [button.label for row in reply.buttons for button in row])


def check_contacts(world: World, expect: dict[str, Any]) -> str | None:
    """The contacts created are exactly the expected ones, with their details."""
    new = created(world, "contact")
    wanted = expect.get("contacts_created", [])
    if len(new) != len(wanted):
        names = [row["name"] for row in new]
        tag = "contact not created" if len(new) < len(wanted) else "unexpected contact"
        return f"{tag}: created {names}, expected {[w['name'] for w in wanted]}"
    for want in wanted:
        rows = [row for row in new if fold(row["name"]) == fold(want["name"])]
        if not rows:
            return f"wrong contact name: created {[row['name'] for row in new]}, expected {want['name']!r}"
        row = rows[0]
        if "company" in want and not fold(company_name(world, row["company_id"])).startswith(fold(want["company"])):
            return f"wrong company: {row['name']} at {company_name(world, row['company_id'])!r}, expected {want['company']!r}"
        if "email" in want and (row["email"] or "").casefold() != want["email"].casefold():
            return f"wrong email: {row['name']} has {row['email']!r}, expected {want['email']!r}"
        if "phone" in want and not same_phone(row["phone"], want["phone"]):
            return f"wrong phone: {row['name']} has {row['phone']!r}, expected {want['phone']!r}"
    if "companies_created" in expect and len(created(world, "company")) != expect["companies_created"]:
        return f"unexpected company: created {[row['name'] for row in created(world, 'company')]}"
    return None


def check_not_on(world: World, expect: dict[str, Any]) -> str | None:
    """Nothing is filed on or changed on the contacts named in not_on."""
    for name in expect.get("not_on", []):
        ids = contact_ids(world, name)
        for table in ("interaction", "task", "deal"):
            if any(row.get("contact_id") in ids for row in created(world, table)):
                return f"misfiled on {name}: a new {table}"
        if any(new["id"] in ids for _old, new in updated(world, "contact")):
            return f"misfiled on {name}: the contact was changed"
    return None


def check_note(world: World, expect: dict[str, Any]) -> str | None:
    """The interactions created are the expected one (or none), on the right contact, of the right kind."""
    new = created(world, "interaction")
    want = expect.get("note")
    if want == "any":
        return None
    if want is None:
        extra = [row for row in new if not lost_reason_note(world, row, expect)]
        return f"unexpected note: {[row['text'][:40] for row in extra]}" if extra else None
    if len(new) != 1:
        return "note missing: no interaction created" if not new else f"more than one note: {len(new)}"
    row = new[0]
    if "on" in want and row["contact_id"] not in contact_ids(world, want["on"]):
        return f"note on wrong contact: on {contact_name(world, row['contact_id'])}, expected {want['on']}"
    if "kind" in want and row["kind"] not in want["kind"].split("|"):
        return f"wrong note kind: {row['kind']}, expected {want['kind']}"
    missing = [m for m in want.get("mentions", []) if not mentions(row["text"], m)]
    return f"note text lacks {missing}: {row['text'][:60]!r}" if missing else None


def lost_reason_note(world: World, row: dict[str, Any], expect: dict[str, Any]) -> bool:
    """A note that keeps the lost reason is expected when the entry names one."""
    return bool(expect.get("lost_reason_mentions")) and all(mentions(row["text"], m) for m in expect["lost_reason_mentions"])


def check_task(world: World, expect: dict[str, Any]) -> str | None:
    """The tasks created are the expected one (or none; or a replacement for a moved task)."""
    new = created(world, "task")
    want = expect.get("task")
    if want is None:
        allowed = 1 if expect.get("task_moved") else 0
        return f"unexpected task: {[row['title'] for row in new]}" if len(new) > allowed else None
    if len(new) != 1:
        return "task missing: no task created" if not new else f"more than one task: {[row['title'] for row in new]}"
    row = new[0]
    if "on" in want and row["contact_id"] not in contact_ids(world, want["on"]):
        return f"task on wrong contact: on {contact_name(world, row['contact_id'])}, expected {want['on']}"
    if "due" in want and not due_matches(row["due_at"], want["due"], world.now, world.tz):
        return f"wrong due: {local(row['due_at'], world.tz)}, expected {want['due']!r}"
    missing = [m for m in want.get("title_mentions", []) if not mentions(row["title"], m)]
    if missing:
        return f"task title lacks {missing}: {row['title']!r}"
    extra = [w for w in want.get("title_excludes", []) if has_word(row["title"], w)]
    return f"task title holds {extra}: {row['title']!r}" if extra else None


def local(value: datetime | None, tz: ZoneInfo) -> str:
    moment = utc(value)
    return moment.astimezone(tz).strftime("%a %d %b %H:%M") if moment else "no date"


def find_task(world: World, fragment: str, rows: Rows) -> dict[str, Any] | None:
    hits = [row for row in rows["task"].values() if mentions(row["title"], fragment)]
    return hits[0] if hits else None


def check_tasks_changed(world: World, expect: dict[str, Any]) -> str | None:
    """Only the expected task is marked done or moved."""
    done = [new for old, new in updated(world, "task") if old["done_at"] is None and new["done_at"] is not None]
    moved = [new for old, new in updated(world, "task") if old["due_at"] != new["due_at"]]
    wanted_done = expect.get("task_done")
    move = expect.get("task_moved")
    if wanted_done:
        target = find_task(world, wanted_done, world.before)
        if target is None:
            raise SetupFailed(f"no task {wanted_done!r} before the message")
        if not any(row["id"] == target["id"] for row in done):
            return f"task not done: {target['title']!r}"
    if move:
        failure = check_moved(world, move, done, moved)
        if failure:
            return failure
        done = [row for row in done if not mentions(row["title"], move["task"])]
    wrong = [row["title"] for row in done if not (wanted_done and mentions(row["title"], wanted_done))]
    if wrong:
        return f"wrong task done: {wrong}"
    wrong = [row["title"] for row in moved if not (move and mentions(row["title"], move["task"]))]
    return f"wrong task moved: {wrong}" if wrong else None


def check_moved(world: World, move: dict[str, Any], done: list[dict[str, Any]], moved: list[dict[str, Any]]) -> str | None:
    """The task got the new date, or was closed and replaced by one new task on the same contact."""
    target = find_task(world, move["task"], world.before)
    if target is None:
        raise SetupFailed(f"no task {move['task']!r} before the message")
    after = world.after["task"][(target["id"],)]
    if after["done_at"] is None:
        if not due_matches(after["due_at"], move["due"], world.now, world.tz):
            return f"wrong due: {target['title']!r} is due {local(after['due_at'], world.tz)}, expected {move['due']!r}"
        return None
    replacements = [row for row in created(world, "task") if row["contact_id"] == target["contact_id"]]
    if len(replacements) != 1:
        return f"task not moved: {target['title']!r} closed without one replacement"
    if not due_matches(replacements[0]["due_at"], move["due"], world.now, world.tz):
        return f"wrong due: replacement due {local(replacements[0]['due_at'], world.tz)}, expected {move['due']!r}"
    return None


def check_deals(world: World, expect: dict[str, Any]) -> str | None:
    """Deals created and stage moves are exactly the expected ones."""
    new = created(world, "deal")
    want = expect.get("deal_created")
    if want is None and new:
        return f"unexpected deal: {[row['title'] for row in new]}"
    if want is not None:
        if len(new) != 1:
            return "deal not created" if not new else f"more than one deal: {len(new)}"
        row = new[0]
        if "company" in want and not fold(company_name(world, row["company_id"])).startswith(fold(want["company"])):
            return f"deal on wrong company: {company_name(world, row['company_id'])!r}, expected {want['company']!r}"
        if "value" in want and row["value_cents"] != round(want["value"] * 100):
            return f"wrong deal value: {row['value_cents'] / 100:g}, expected {want['value']}"
        if "currency" in want and row["currency"] != want["currency"]:
            return f"wrong currency: {row['currency']}, expected {want['currency']}"
        if "stage" in want and stage_key(world, row["stage_id"]) != want["stage"]:
            return f"wrong stage: {stage_key(world, row['stage_id'])}, expected {want['stage']}"
    moves = [(old, new_row) for old, new_row in updated(world, "deal") if old["stage_id"] != new_row["stage_id"]]
    stage = expect.get("deal_stage")
    if stage is None:
        return f"unexpected stage move: {[new_row['title'] for _o, new_row in moves]}" if moves else None
    hits = [new_row for _old, new_row in moves if mentions(new_row["title"], stage["deal"])]
    if not hits:
        others = [f"{new_row['title']} -> {stage_key(world, new_row['stage_id'])}" for _o, new_row in moves]
        return f"deal not moved: {stage['deal']!r} (moves: {others})"
    if stage_key(world, hits[0]["stage_id"]) != stage["stage"]:
        return f"wrong stage: {stage_key(world, hits[0]['stage_id'])}, expected {stage['stage']}"
    if len(moves) > 1:
        return f"more than one deal moved: {[new_row['title'] for _o, new_row in moves]}"
    return None


def check_lost_reason(world: World, expect: dict[str, Any]) -> str | None:
    """Some text written by the message keeps the lost reason."""
    wanted = expect.get("lost_reason_mentions")
    if not wanted:
        return None
    texts = [str(value) for table in world.after for row in created(world, table) for value in row.values()
             if isinstance(value, str)]
    texts += [str(value) for table in world.after for old, new in updated(world, table)
              for key, value in new.items() if isinstance(value, str) and value != old.get(key)]
    missing = [m for m in wanted if not any(mentions(text, m) for text in texts)]
    return f"lost reason not kept: {missing}" if missing else None


def check_field(world: World, expect: dict[str, Any]) -> str | None:
    """The contact's field holds the new value, and no other contact changed."""
    want = expect.get("field")
    changed = [new for old, new in updated(world, "contact")]
    if want is None:
        return f"unexpected contact change: {[row['name'] for row in changed]}" if changed else None
    if "custom" in want:
        return check_custom(world, want)
    ids = contact_ids(world, want["on"])
    if not ids:
        return f"no contact {want['on']!r}"
    row = world.after["contact"][(min(ids),)]
    if "phone" in want and not same_phone(row["phone"], want["phone"]):
        return f"phone not set: {row['name']} has {row['phone']!r}, expected {want['phone']!r}"
    if "email" in want and (row["email"] or "").casefold() != want["email"].casefold():
        return f"email not set: {row['name']} has {row['email']!r}, expected {want['email']!r}"
    if "company" in want and not fold(company_name(world, row["company_id"])).startswith(fold(want["company"])):
        return f"company not set: {row['name']} at {company_name(world, row['company_id'])!r}, expected {want['company']!r}"
    others = [new["name"] for new in changed if new["id"] not in ids]
    return f"other contact changed: {others}" if others else None


def check_custom(world: World, want: dict[str, Any]) -> str | None:
    """The custom values set on the named contact or company ({"Branche": "Handel"}), and nothing else changed."""
    fields = {row["id"]: row for row in world.after["customfield"].values()}
    records = {("contact", row["id"]) for row in world.after["contact"].values() if fold(row["name"]) == fold(want["on"])}
    records |= {("company", row["id"]) for row in world.after["company"].values() if fold(row["name"]) == fold(want["on"])}
    got = {fields[row["field_id"]]["name"]: row["value"] for row in world.after["customvalue"].values()
           if (row["entity"], row["entity_id"]) in records}
    wrong = {name: got.get(name) for name, value in want["custom"].items() if got.get(name) != value}
    if wrong:
        return f"custom values not set on {want['on']!r}: {wrong}, expected {want['custom']}"
    others = [line for line in world.changes if "customvalue" not in line]
    return f"other changes: {others[:2]}" if others else None


def check_undone(world: World) -> str | None:
    """The data is back to what it was before the last change."""
    if world.after == world.start:
        return None
    if world.after == world.before:
        return "not undone: nothing changed"
    return "undo went wrong: the data differs from before the last change"


def check_reply(world: World, expect: dict[str, Any]) -> str | None:
    text = reply_text(world.reply)
    missing = [m for m in expect.get("reply_mentions", []) if not mentions(text, m)]
    if missing:
        return f"reply lacks {missing}: {short_reply(world.reply)}"
    extra = [m for m in expect.get("reply_excludes", []) if mentions(text, m)]
    return f"reply holds {extra}: {short_reply(world.reply)}" if extra else None


def short_reply(reply: Reply) -> str:
    return repr(" / ".join(reply_text(reply).splitlines())[:80])


def asked(world: World) -> bool:
    """The bot asked a question with buttons and wrote nothing."""
    return bool(world.reply.buttons) and not world.changes


def check_ask(world: World, expect: dict[str, Any]) -> str | None:
    missing = [m for m in expect.get("ask_mentions", []) if not mentions(reply_text(world.reply), m)]
    return f"asked without naming {missing}: {short_reply(world.reply)}" if missing else None


def judge(entry: dict[str, Any], world: World) -> Verdict:
    """Judge what the message did against the entry's expectation."""
    expect = entry["expect"]
    wrote = bool(world.changes)
    summary = "; ".join(world.changes[:3])
    if entry["category"] == "questions" or expect.get("reads_only"):
        if wrote:
            return Verdict(False, f"question wrote: {summary}", wrote=True, question_wrote=True)
        return Verdict(*ok_or(check_reply(world, expect)))
    if expect.get("nothing_written"):
        if wrote:
            return Verdict(False, f"wrote on a greeting: {summary}", wrote=True, wrong_write=True)
        return Verdict(*ok_or(check_reply(world, expect)))
    if expect.get("must_ask"):
        if wrote:
            return Verdict(False, f"wrong write (should ask): {summary}", wrote=True, wrong_write=True)
        if not world.reply.buttons:
            return Verdict(False, f"did not ask: {short_reply(world.reply)}")
        return Verdict(*ok_or(check_ask(world, expect)))
    if expect.get("ask_ok") and asked(world):
        return Verdict(*ok_or(check_ask(world, expect)))
    misfiled = check_not_on(world, expect)
    if misfiled:
        return Verdict(False, misfiled, wrote=True, wrong_write=True)
    if expect.get("undone"):
        return Verdict(*ok_or(check_undone(world)), wrote=wrote)
    if not wrote:
        return Verdict(False, f"nothing written: {short_reply(world.reply)}")
    for check in (check_contacts, check_note, check_task, check_tasks_changed, check_deals, check_lost_reason,
                  check_field, check_reply):
        failure = check(world, expect)
        if failure:
            return Verdict(False, failure, wrote=True)
    deletions = [line for line in world.changes if line.startswith("-")]
    if deletions:
        return Verdict(False, f"unexpected delete: {deletions[0]}", wrote=True)
    return Verdict(True, "", wrote=True)


def ok_or(failure: str | None) -> tuple[bool, str]:
    return (failure is None, failure or "")


def shifted(now: datetime, step: str) -> tuple[datetime, str]:
    """A setup step "[-3d] /task …" runs that long before the entry's clock."""
    match = _SHIFT.match(step)
    if match is None:
        return now, step
    amount = timedelta(**{"days" if match["unit"] == "d" else "hours": int(match["n"])})
    return (now - amount if match["sign"] == "-" else now + amount), step[match.end():]


def entry_clock(entry: dict[str, Any]) -> tuple[datetime, ZoneInfo]:
    now = datetime.fromisoformat(entry["now"]) if entry.get("now") else NOW
    return now.astimezone(timezone.utc), ZoneInfo(entry.get("tz") or "Europe/Berlin")


def run_setup(chat: Chat, steps: list[str]) -> None:
    """Send the setup commands; each one must write, or the entry is broken."""
    base = chat.now
    for step in steps:
        chat.now, command = shifted(base, step)
        reply = chat.say(command)
        if not reply.changed:
            raise SetupFailed(f"setup {command!r} wrote nothing: {short_reply(reply)}")
    chat.now = base


class Databases:
    """Fresh databases for entries; a setup runs once and later entries copy its file (SQLite) or its rows (PostgreSQL)."""

    def __init__(self, template: Path | None, folder: Path) -> None:
        self.template = template  # None on PostgreSQL (CRMBOT_TEST_DATABASE_URL)
        self.folder = folder
        self.built: dict[str, Path] = {}
        self.copies: dict[str, PostgresCopy] = {}
        self.opened = 0

    def prepared(self, key: str, build: Callable[[Database], None]) -> Database:
        """A database holding what `build` writes, built once per key where files can be copied."""
        self.opened += 1
        if self.template is None:  # PostgreSQL: the first entry of a key builds, later ones get its rows back
            if key in self.copies:
                return Database(self.copies[key].restore())
            database = Database(fresh_database_url(None, self.folder / "unused.db"))
            build(database)
            self.copies[key] = PostgresCopy(database.url)
            return database
        if key not in self.built:
            path = self.folder / f"setup-{len(self.built)}.db"
            database = Database(fresh_database_url(self.template, path))
            build(database)
            database.dispose()
            self.built[key] = path
        target = self.folder / f"entry-{self.opened}.db"
        shutil.copy(self.built[key], target)
        return Database(f"sqlite:///{target}")


def entry_chat(entry: dict[str, Any], database: Database) -> Chat:
    """The member who talks in this entry, in its language and zone, on its clock."""
    now, tz = entry_clock(entry)
    return Chat(Crm(database, clock=lambda: now), workspace="console:corpus", language=entry["lang"],
                timezone_name=tz.key, now=now)


def evaluate(entry: dict[str, Any], databases: Databases, setups: dict[str, list[str]]) -> Verdict:
    """Run one entry on a fresh database through the real engine and judge the outcome."""
    now, tz = entry_clock(entry)
    steps = expand_setup(entry.get("setup", []), setups)

    def build(database: Database) -> None:
        chat = entry_chat(entry, database)
        chat.say("/help")  # the workspace and the member exist before anything is measured
        run_setup(chat, steps)

    key = json.dumps([steps, entry["lang"], tz.key, now.isoformat()])
    database = databases.prepared(key, build)
    try:
        chat = entry_chat(entry, database)
        start = snapshot(database)
        for message in entry.get("before", []):
            chat.say(message)
        before = snapshot(database)
        started = time.perf_counter()
        reply = chat.say(entry["message"])
        seconds = time.perf_counter() - started
        world = World(start=start, before=before, after=snapshot(database), reply=reply, now=now, tz=tz)
    finally:
        database.dispose()
    world.changes = describe_writes(world)
    verdict = judge(entry, world)
    return Verdict(verdict.ok, verdict.reason, verdict.wrote, verdict.wrong_write, verdict.question_wrote, seconds)


def evaluate_all(entries: list[dict[str, Any]], databases: Databases) -> Iterator[tuple[dict[str, Any], Verdict]]:
    """Evaluate each entry on its own fresh database."""
    setups = load_setups()
    for entry in entries:
        yield entry, evaluate(entry, databases, setups)


def measure(entries: list[dict[str, Any]], databases: Databases) -> list[tuple[dict[str, Any], Verdict]]:
    """Every entry with its verdict."""
    return list(evaluate_all(entries, databases))


def accuracy(results: list[tuple[dict[str, Any], Verdict]]) -> float:
    """The share of entries judged right."""
    return sum(verdict.ok for _entry, verdict in results) / len(results) if results else 0.0


def schema_errors(entries: list[dict[str, Any]], setups: dict[str, list[str]]) -> list[str]:
    """What is wrong with the corpus's shape: unknown keys, categories, setups or due expressions."""
    errors = []
    for entry in entries:
        name = entry.get("id", "?")
        errors += [f"{name}: unknown key {key}" for key in set(entry) - ENTRY_KEYS]
        errors += [f"{name}: missing {key}" for key in ("id", "lang", "category", "message", "expect") if key not in entry]
        if entry.get("lang") not in LANGS:
            errors.append(f"{name}: lang {entry.get('lang')!r}")
        if entry.get("category") not in CATEGORIES:
            errors.append(f"{name}: category {entry.get('category')!r}")
        errors += [f"{name}: unknown setup {step}" for step in entry.get("setup", [])
                   if step.startswith("@") and step[1:] not in setups]
        expect = entry.get("expect", {})
        errors += [f"{name}: unknown expectation {key}" for key in set(expect) - EXPECT_KEYS]
        if not expect:
            errors.append(f"{name}: empty expectation")
        now, tz = entry_clock(entry) if "now" not in entry or entry["now"] else (NOW, ZoneInfo("Europe/Berlin"))
        for due in [expect.get("task", {}).get("due") if isinstance(expect.get("task"), dict) else None,
                    (expect.get("task_moved") or {}).get("due")]:
            if due:
                try:
                    due_windows(due, now, tz)
                except ValueError as error:
                    errors.append(f"{name}: {error}")
    return errors
