"""The labelled date corpus (tests/data/dates.tsv): every phrase read as labelled, in its zone."""

import csv
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from handlers.language.dates import DateMatch, find_when, read_when

CORPUS = Path(__file__).parent / "data" / "dates.tsv"
ROWS = list(csv.DictReader(CORPUS.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))


def outcome(row: dict[str, str]) -> tuple[str, str | None]:
    """What the parser makes of a row: a local "YYYY-MM-DD HH:MM", "ask" or "refuse", and the rest."""
    zone = ZoneInfo(row["zone"])
    now = datetime.fromisoformat(row["now"]).replace(tzinfo=zone)
    sentence = bool(row["rest"])
    read = find_when if sentence else read_when
    match: DateMatch | None = read(row["phrase"], now=now, tz=row["zone"])
    rest = match.rest if sentence and match else None
    if match is None:
        return "refuse", rest
    if match.ask == "conflict" or (match.ask == "past" and row["expected"] == "ask"):
        return "ask", rest
    local = match.when.astimezone(zone)
    if match.ask == "past" and local.replace(tzinfo=None) >= now.replace(tzinfo=None):
        return "wrongly past", rest
    return f"{local:%Y-%m-%d %H:%M}", rest


def test_the_corpus_is_large_and_covers_both_languages() -> None:
    assert len(ROWS) >= 600
    assert {r["lang"] for r in ROWS} == {"en", "de"}
    assert len({r["zone"] for r in ROWS}) >= 4


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['kind']}|{r['phrase']}|{r['now']}" for r in ROWS])
def test_corpus_phrase(row: dict[str, str]) -> None:
    expected_rest = None if row["rest"] in ("", "-") else row["rest"]
    got, rest = outcome(row)
    assert got == row["expected"]
    if expected_rest is not None:
        assert rest == expected_rest
