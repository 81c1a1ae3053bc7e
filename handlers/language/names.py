"""Fuzzy names: folding, and an in-memory index that narrows candidates before rapidfuzz ranks them.

A naive rapidfuzz scan over 100,000 full names costs tens of milliseconds. The index instead keeps
the vocabulary of distinct name words (far fewer than names), finds the words close to each query
word (exact, prefix, or fuzzy over the vocabulary), and ranks only the records holding those words.
"""

import bisect
import re
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

_UMLAUT_SPELLINGS = re.compile(r"(?<=[aou])e")
_NON_WORD = re.compile(r"[^a-z0-9]+")
WORD_CUTOFF = 75
MATCH_CUTOFF = 70


def fold(text: str) -> str:
    """Fold case, accents and German umlaut spellings: Müller, Mueller and Muller give 'muller'."""
    text = text.casefold().replace("ß", "ss")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _UMLAUT_SPELLINGS.sub("", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


@dataclass(frozen=True)
class Entry:
    kind: str  # contact, company, deal
    id: int
    name: str
    key: str


@dataclass(frozen=True)
class Hit:
    entry: Entry
    score: float


class NameIndex:
    """Names of one workspace's contacts, companies and deals, kept in sync with writes."""

    def __init__(self, revision: int = 0) -> None:
        self.revision = revision
        self._entries: dict[tuple[str, int], Entry] = {}
        self._by_word: dict[str, set[tuple[str, int]]] = defaultdict(set)
        self._words: list[str] = []  # sorted vocabulary, for prefix look-ups
        self._lock = threading.RLock()
        self.field_names: tuple[int, list[str]] | None = None  # the workspace's custom-field names, read at a revision

    def __len__(self) -> int:
        return len(self._entries)

    def load(self, rows: Iterable[tuple[str, int, str, str]]) -> None:
        """Fill an empty index from (kind, id, name, folded key) rows, as stored, in one pass."""
        with self._lock:
            for kind, id_, name, key in rows:
                entry = Entry(kind, id_, name, key or fold(name))
                self._entries[(kind, id_)] = entry
                for word in set(entry.key.split()):
                    self._by_word[word].add((kind, id_))
            self._words = sorted(self._by_word)

    def put(self, kind: str, id_: int, name: str) -> None:
        """Add or replace one record's name."""
        with self._lock:
            self.remove(kind, id_)
            entry = Entry(kind, id_, name, fold(name))
            self._entries[(kind, id_)] = entry
            for word in set(entry.key.split()):
                holders = self._by_word[word]
                if not holders:
                    bisect.insort(self._words, word)
                holders.add((kind, id_))

    def remove(self, kind: str, id_: int) -> None:
        with self._lock:
            entry = self._entries.pop((kind, id_), None)
            if entry is None:
                return
            for word in set(entry.key.split()):
                holders = self._by_word[word]
                holders.discard((kind, id_))
                if not holders:
                    del self._by_word[word]
                    del self._words[bisect.bisect_left(self._words, word)]

    def search(self, query: str, *, kinds: tuple[str, ...] = ("contact", "company", "deal"),
               limit: int = 10) -> list[Hit]:
        """Rank the records whose names are close to `query`, best first."""
        key = fold(query)
        if not key:
            return []
        with self._lock:
            candidates = self._candidates(key.split())
            entries = [self._entries[c] for c in candidates if c[0] in kinds]
        hits = [h for h in rank(key, entries) if h.score >= MATCH_CUTOFF]
        hits.sort(key=lambda h: (-h.score, len(h.entry.key), h.entry.id))
        return hits[:limit]

    def exact(self, query: str, *, kind: str) -> list[Entry]:
        """Records whose whole folded name equals the query's, or whose name holds it as a word."""
        key = fold(query)
        with self._lock:
            if " " not in key:
                return sorted((self._entries[c] for c in self._by_word.get(key, ()) if c[0] == kind),
                              key=lambda e: e.id)
            first = key.split()[0]
            return sorted((self._entries[c] for c in self._by_word.get(first, ())
                           if c[0] == kind and self._entries[c].key == key), key=lambda e: e.id)

    def _candidates(self, words: list[str]) -> set[tuple[str, int]]:
        found: set[tuple[str, int]] = set()
        for word in words:
            for match in self._close_words(word):
                found |= self._by_word[match]
        return found

    def _close_words(self, word: str) -> set[str]:
        return set(close_words(word, self._words))


def close_words(word: str, words: list[str]) -> list[str]:
    """The words of a sorted vocabulary close to `word`: fuzzy (best first), then those it starts (3+ letters)."""
    close = [w for w, _score, _i in process.extract(
        word, words, scorer=fuzz.ratio, score_cutoff=WORD_CUTOFF, limit=25)]
    if len(word) >= 3:
        start = bisect.bisect_left(words, word)
        for candidate in words[start:start + 25]:
            if not candidate.startswith(word):
                break
            close.append(candidate)
    return list(dict.fromkeys(close))


def rank(query: str, entries: list[Entry]) -> list[Hit]:
    """Score how well a folded query names each record (0..100).

    The best of the whole-name ratio and the mean of each query word's best match among the
    record's words (a prefix counts high); word pairs repeat across records, so they are cached.
    """
    if not entries:
        return []
    whole = process.cdist([query], [e.key for e in entries], scorer=fuzz.ratio, workers=1)[0]
    words = query.split()
    cache: dict[tuple[str, str], float] = {}
    hits = []
    for entry, ratio in zip(entries, whole, strict=False):
        if entry.key == query:
            hits.append(Hit(entry, 100.0))
            continue
        record_words = entry.key.split()
        total = 0.0
        for word in words:
            best = 0.0
            for other in record_words:
                pair = (word, other)
                if pair not in cache:
                    cache[pair] = _word_score(word, other)
                best = max(best, cache[pair])
            total += best
        hits.append(Hit(entry, max(float(ratio), 0.98 * total / len(words))))
    return hits


def _word_score(word: str, other: str) -> float:
    if word == other:
        return 100.0
    if len(word) >= 3 and other.startswith(word):
        return 90.0 + 10.0 * len(word) / len(other)
    return fuzz.ratio(word, other)
