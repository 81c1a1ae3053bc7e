"""Fuzzy names: folding, ranking, first names alone, and the index kept in sync."""

import pytest

from handlers.language.names import NameIndex, fold

PEOPLE = ["Anna Schulz", "Anna Müller", "Bernd Schultze", "Jörg Mueller", "Zoë O'Brien", "Carla Díaz"]


def index_of(names: list[str]) -> NameIndex:
    index = NameIndex()
    for number, name in enumerate(names, 1):
        index.put("contact", number, name)
    return index


@pytest.mark.parametrize("a, b", [("Müller", "Mueller"), ("Müller", "Muller"), ("Straße", "Strasse"),
                                  ("ZOË", "zoe"), ("Díaz", "diaz"), ("O'Brien", "o brien"),
                                  ("  Anna   Schulz ", "anna schulz")])
def test_fold_makes_spellings_equal(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize("a, b", [("Anna", "Anne"), ("Schulz", "Schulze"), ("Berg", "Burg")])
def test_fold_keeps_different_names_apart(a: str, b: str) -> None:
    assert fold(a) != fold(b)


@pytest.mark.parametrize("query, best", [
    ("schultz", "Bernd Schultze"),  # a prefix of Schultze beats the one-letter typo of Schulz
    ("schulz", "Anna Schulz"),
    ("ana schulz", "Anna Schulz"),
    ("mueller", "Anna Müller"),
    ("joerg muller", "Jörg Mueller"),
    ("obrien", "Zoë O'Brien"),
    ("carla diaz", "Carla Díaz"),
    ("diaz", "Carla Díaz"),
])
def test_best_match(query: str, best: str) -> None:
    hits = index_of(PEOPLE).search(query)
    assert hits and hits[0].entry.name == best


def test_typos_rank_and_strangers_do_not_match() -> None:
    index = index_of(PEOPLE)
    assert [h.entry.name for h in index.search("schulz")][:2] == ["Anna Schulz", "Bernd Schultze"]
    assert index.search("xyzzy") == []
    assert index.search("") == []
    assert index.search("🚀") == []


def test_first_name_alone_exact_only_when_unique() -> None:
    index = index_of(PEOPLE)
    assert [e.name for e in index.exact("anna", kind="contact")] == ["Anna Schulz", "Anna Müller"]
    assert [e.name for e in index.exact("bernd", kind="contact")] == ["Bernd Schultze"]
    assert index.exact("anna schulz", kind="company") == []


def test_index_follows_renames_and_deletes() -> None:
    index = index_of(PEOPLE)
    index.put("contact", 1, "Anna Schmidt")
    assert index.search("schulz")[0].entry.name == "Bernd Schultze"
    index.remove("contact", 3)
    assert [h.entry.name for h in index.search("schultze")] == []
    assert "schultze" not in index._words


def test_bulk_load_matches_one_by_one() -> None:
    loaded = NameIndex()
    loaded.load(("contact", n, name, fold(name)) for n, name in enumerate(PEOPLE, 1))
    one_by_one = index_of(PEOPLE)
    for query in ("schultz", "anna", "mueller", "o brien"):
        assert loaded.search(query) == one_by_one.search(query)
    assert loaded._words == one_by_one._words
