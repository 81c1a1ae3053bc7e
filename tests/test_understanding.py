"""The understanding corpus: its shape, the evaluator's own correctness, and today's accuracy as a floor."""

from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from storage.models import Contact, Deal, Task
from tests import understanding as u
from tests.conftest import NOW

# Measured before any understanding layer: 40 of 339 (11.8 %); after feat/nlu 454 of 454. Raise it as understanding
# lands; the target is 0.95. The two write counts may only go down.
REQUIRED_ACCURACY = 0.98
ALLOWED_QUESTION_WRITES = 0  # a question never writes
ALLOWED_WRONG_WRITES = 0  # writes where the bot should have asked, misfiles on a look-alike, greetings that wrote
BERLIN = ZoneInfo("Europe/Berlin")

Results = list[tuple[dict[str, Any], u.Verdict]]


@pytest.fixture(scope="module")
def databases(migrated_template: Path | None, tmp_path_factory: pytest.TempPathFactory) -> u.Databases:
    return u.Databases(migrated_template, tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def results(databases: u.Databases) -> Results:
    return u.measure(u.load_corpus(), databases)


def judged(databases: u.Databases, message: str, expect: dict[str, Any], *, category: str = "tasks",
           setup: list[str] | None = None, before: list[str] | None = None) -> u.Verdict:
    entry = {"id": "probe", "lang": "en", "category": category, "setup": setup or ["@contacts"],
             "before": before or [], "message": message, "expect": expect}
    return u.evaluate(entry, databases, u.load_setups())


def test_corpus_shape() -> None:
    entries = u.load_corpus()
    assert len(entries) >= 300
    assert u.schema_errors(entries, u.load_setups()) == []
    ids = Counter(entry["id"] for entry in entries)
    assert [name for name, count in ids.items() if count > 1] == []
    langs = Counter(entry["lang"] for entry in entries)
    assert min(langs["en"], langs["de"]) >= 0.4 * len(entries)
    cells = Counter((entry["category"], entry["lang"]) for entry in entries)
    assert [(c, lang) for c in u.CATEGORIES for lang in u.LANGS if cells[(c, lang)] < 10] == []


def test_every_named_setup_writes(databases: u.Databases) -> None:
    setups = u.load_setups()
    for name in setups:
        entry = {"lang": "en", "setup": [f"@{name}"]}
        database = databases.prepared(f"check {name}", lambda db, entry=entry, name=name: u.run_setup(
            u.entry_chat(entry, db), u.expand_setup([f"@{name}"], setups)))
        chat = u.entry_chat(entry, database)
        counts = (chat.count(Contact), chat.count(Deal), chat.count(Task))
        database.dispose()
        assert counts == {"contacts": (6, 0, 0), "team": (6, 5, 5), "team_de": (6, 5, 5), "sarah": (7, 0, 0),
                          "lena": (7, 0, 0), "few": (3, 0, 0)}[name], name


@pytest.mark.parametrize(("expr", "due", "fits"), [
    ("tomorrow 10:00", datetime(2026, 11, 26, 9, 0), True),
    ("tomorrow 10:00", datetime(2026, 11, 26, 9, 1), False),
    ("friday", datetime(2026, 11, 27, 22, 59), True),
    ("friday", datetime(2026, 11, 27, 23, 0), False),  # Saturday 00:00 in Berlin
    ("wednesday", datetime(2026, 12, 2, 8, 0), True),  # said on a Wednesday: the next one
    ("wednesday", datetime(2026, 11, 25, 15, 0), False),
    ("+2h", datetime(2026, 11, 25, 12, 30), True),
    ("+2h", datetime(2026, 11, 25, 12, 35), False),
    ("today eod", datetime(2026, 11, 25, 15, 0), True),
    ("today eod", datetime(2026, 11, 25, 14, 0), False),
    ("next week", datetime(2026, 12, 6, 12, 0), True),
    ("next week", datetime(2026, 11, 29, 12, 0), False),
    ("+14d", datetime(2026, 12, 9, 8, 0), True),
    ("tomorrow 10:00|+8d 10:00", datetime(2026, 12, 3, 9, 0), True),
])
def test_due_expressions(expr: str, due: datetime, fits: bool) -> None:
    assert u.due_matches(due.replace(tzinfo=timezone.utc), expr, NOW, BERLIN) is fits


TASK_ON_ANNA = {"task": {"on": "Anna Schulz", "due": "tomorrow 10:00", "title_mentions": ["call"]}}
ASK_TOM = {"must_ask": True, "ask_mentions": ["Tom Becker", "Tom Kowalski"]}


@pytest.mark.parametrize(("message", "expect", "extra", "reason"), [
    ("/task call anna tomorrow 10am", TASK_ON_ANNA, {}, ""),
    ("/task call tom becker tomorrow 10am", TASK_ON_ANNA, {}, "task on wrong contact"),
    ("/task call anna friday 10am", TASK_ON_ANNA, {}, "wrong due"),
    ("/note anna: call her", TASK_ON_ANNA, {}, "unexpected note"),
    ("/deals", {"reads_only": True, "reply_mentions": ["Acme rollout"]}, {"category": "questions", "setup": ["@team"]}, ""),
    ("/contacts", {"reads_only": True, "reply_mentions": ["Acme rollout"]}, {"category": "questions"}, "reply lacks"),
    ("/note anna: who is she", {"reads_only": True}, {"category": "questions"}, "question wrote"),
    ("/task call tom tomorrow", ASK_TOM, {"category": "misfile"}, ""),
    ("/task call tom becker tomorrow", ASK_TOM, {"category": "misfile"}, "wrong write"),
    ("/task call anna tomorrow", {"task": {"on": "Anna Schulz"}, "not_on": ["Anna Schulz"]}, {}, "misfiled on Anna Schulz"),
    ("/stage acme negotiation", {"deal_stage": {"deal": "Acme rollout", "stage": "negotiation"}}, {"setup": ["@team"]}, ""),
    ("/stage globex won", {"deal_stage": {"deal": "Acme rollout", "stage": "negotiation"}}, {"setup": ["@team"]}, "deal not moved"),
    ("/undo", {"undone": True}, {"before": ["/task call Anna tomorrow 9am"]}, ""),
    ("/tasks", {"undone": True}, {"before": ["/task call Anna tomorrow 9am"]}, "not undone"),
    ("/edit anna: email=anna.schulz@acme.de", {"field": {"on": "Anna Schulz", "email": "anna.schulz@acme.de"}}, {}, ""),
    ("/edit ben: email=anna.schulz@acme.de", {"field": {"on": "Anna Schulz", "email": "anna.schulz@acme.de"}}, {}, "email not set"),
    ("/add Lena Braun, Solaris", {"contacts_created": [{"name": "Lena Braun", "company": "Solaris"}]}, {}, ""),
    ("/add Lena Braun, Initech", {"contacts_created": [{"name": "Lena Braun", "company": "Solaris"}]}, {}, "wrong company"),
    ("/call anna: wants pricing", {"note": {"on": "Anna Schulz", "kind": "call", "mentions": ["pricing"]}}, {}, ""),
    ("/note anna: wants pricing", {"note": {"on": "Anna Schulz", "kind": "call", "mentions": ["pricing"]}}, {}, "wrong note kind"),
    ("/done 1", {"task_done": "call Anna"}, {"before": ["/task call Anna tomorrow 9am"]}, ""),
    ("/done 2", {"task_done": "call Anna"}, {"before": ["/task call Anna tomorrow 9am", "/task call Ben friday"]}, "task not done"),
    ("/due 1 thursday 3pm", {"task_moved": {"task": "call Anna", "due": "thursday 15:00"}}, {"before": ["/task call Anna friday 9am"]}, ""),
    ("/due 1 friday 3pm", {"task_moved": {"task": "call Anna", "due": "thursday 15:00"}}, {"before": ["/task call Anna friday 9am"]}, "wrong due"),
    ("/deal Globex pilot 45k negotiation", {"deal_created": {"company": "Globex", "value": 45000, "stage": "negotiation"}}, {}, ""),
    ("/deal Globex pilot 40k negotiation", {"deal_created": {"company": "Globex", "value": 45000, "stage": "negotiation"}}, {}, "wrong deal value"),
    ("/help", {"nothing_written": True}, {"category": "greeting"}, ""),
    ("/add Hallo Welt", {"nothing_written": True}, {"category": "greeting"}, "wrote on a greeting"),
])
def test_evaluator_judges_slash_commands(databases: u.Databases, message: str, expect: dict[str, Any],
                                         extra: dict[str, Any], reason: str) -> None:
    """Commands whose outcome today's engine produces: the evaluator passes the right ones and names the fault."""
    verdict = judged(databases, message, expect, **extra)
    assert verdict.ok is (not reason) and verdict.reason.startswith(reason), verdict.reason


def test_corpus_accuracy_does_not_regress(results: Results) -> None:
    measured = u.accuracy(results)
    failures = "\n".join(f"{entry['id']}: {verdict.reason}" for entry, verdict in results if not verdict.ok)
    assert measured >= REQUIRED_ACCURACY, f"accuracy {measured:.3f} < {REQUIRED_ACCURACY}\n{failures}"


def test_questions_that_write_do_not_grow(results: Results) -> None:
    wrote = [entry["id"] for entry, verdict in results if verdict.question_wrote]
    assert len(wrote) <= ALLOWED_QUESTION_WRITES, wrote


def test_wrong_writes_do_not_grow(results: Results) -> None:
    wrong = [entry["id"] for entry, verdict in results if verdict.wrong_write]
    assert len(wrong) <= ALLOWED_WRONG_WRITES, wrong
