"""One clock: the core takes time from the clock the engine and scheduler were built with, never the wall clock."""

import ast
from datetime import datetime, timezone
from pathlib import Path

import pytest
from sqlmodel import Session

from storage.db import Database
from storage.models import Company
from tests.conftest import Chat

ROOT = Path(__file__).parent.parent
WALL_CLOCK = {  # module or class name -> attributes that read the wall clock
    "datetime": {"now", "utcnow", "today"},
    "date": {"today"},
    "time": {"time", "time_ns", "localtime", "gmtime", "ctime", "asctime", "strftime"},
    "func": {"now", "current_timestamp", "localtimestamp", "current_date", "current_time"},
}
FROM_IMPORTS = {("time", name) for name in WALL_CLOCK["time"]}


def wall_clock_reads(path: Path) -> list[str]:
    """Every place in a file that reads the wall clock, as "file:line what"."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in WALL_CLOCK.get(_base_name(node.value), ()):
            found.append(f"{where}:{node.lineno} {_base_name(node.value)}.{node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            for alias in node.names:
                if (node.module, alias.name) in FROM_IMPORTS:
                    found.append(f"{where}:{node.lineno} from {node.module} import {alias.name}")
    return found


def _base_name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):  # datetime.datetime.now, sqlalchemy.func.now
        return node.attr
    return ""


@pytest.mark.parametrize("package", ["handlers", "storage"])
def test_the_core_never_reads_the_wall_clock(package: str) -> None:
    files = sorted((ROOT / package).rglob("*.py"))
    assert files
    assert [hit for f in files for hit in wall_clock_reads(f)] == []


def test_the_check_finds_each_way_of_reading_the_wall_clock(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("import datetime as dt\nfrom time import time\nfrom datetime import date, datetime\n"
                     "a = datetime.now()\nb = dt.datetime.utcnow()\nc = date.today()\nd = time()\n"
                     "f = dict(default_factory=datetime.now)\n", encoding="utf-8")
    hits = sorted(h.split(" ", 1)[1] for h in wall_clock_reads(probe))
    assert hits == ["date.today", "datetime.now", "datetime.now", "datetime.utcnow", "from time import time"]


def test_rows_are_stamped_with_the_engines_clock(chat: Chat) -> None:
    chat.now = datetime(2031, 2, 3, 4, 5, tzinfo=timezone.utc)
    chat.say("/add Anna Schulz, Acme GmbH")
    company = chat.rows(Company)[0]
    assert company.created_at.replace(tzinfo=timezone.utc) == chat.now


def test_a_write_without_the_clock_is_refused(db: Database) -> None:
    with Session(db.engine) as session, pytest.raises(RuntimeError, match="clock"):
        session.add(Company(workspace_id=1, name="Acme", name_key="acme"))
        session.flush()
