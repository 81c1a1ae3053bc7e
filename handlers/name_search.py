"""Fuzzy names at any size: the words on disk (storage.name_tokens), only the vocabulary in memory.

A query's words are matched against the workspace's distinct name words (exact, prefix, or fuzzy, as
NameIndex does, but fuzzy only among the words with the query word's first letter: a tenth of the work); the records holding those words come from an index range, shortest names first and a
bounded number per word, and rapidfuzz ranks them on the whole name. With several query words, the
records holding a close word for every one of them are fetched first, so "Thomas Mülr" finds Thomas
Müller among thousands of Thomases. Up to a few dozen holders per word, the candidates are exactly the
in-memory index's, so small workspaces rank as before.
"""

import bisect
import threading
from collections.abc import Sequence

from sqlmodel import Session

from handlers.language.names import MATCH_CUTOFF, Entry, Hit, close_words, fold, rank
from storage import name_tokens

PER_WORD = 40  # holders fetched for each close word
WORD_BUDGET = 600  # holders fetched for all close words of one query word
BOTH_LIMIT = 300  # records holding a close word for every query word
EXACT_LIMIT = 200  # records an exact look-up returns (the first, by id, are offered as choices)


class Vocabulary:
    """A workspace's distinct name words and how many records hold each, as of a revision."""

    def __init__(self, revision: int, counts: list[tuple[str, int]]) -> None:
        self.revision = revision
        self.counts = dict(counts)
        self.by_initial: dict[str, list[str]] = {}  # sorted words by first letter: fuzzy matching reads one
        for word in sorted(self.counts):
            self.by_initial.setdefault(word[0], []).append(word)
        self._lock = threading.Lock()
        self.field_names: tuple[int, list[str]] | None = None  # the workspace's custom-field names, read at a revision

    def __len__(self) -> int:
        return len(self.counts)

    def __contains__(self, word: str) -> bool:
        return word in self.counts

    def close(self, word: str) -> list[str]:
        with self._lock:
            return close_words(word, self.by_initial.get(word[0], []))

    def holders(self, word: str) -> int:
        return self.counts.get(word, 0)

    def starting(self, start: str) -> list[str]:
        """The words that begin with `start`, read from the sorted words of its first letter."""
        with self._lock:
            words = self.by_initial.get(start[0], [])
            position = bisect.bisect_left(words, start)
            found = []
            while position < len(words) and words[position].startswith(start):
                found.append(words[position])
                position += 1
            return found

    def holding(self, part: str) -> list[str]:
        """The words that hold `part` anywhere."""
        with self._lock:
            return [word for word in self.counts if part in word]

    def update(self, counts: dict[str, int]) -> None:
        """Take the new holder counts of the words a commit touched (0: the word is gone)."""
        with self._lock:
            for word, n in counts.items():
                known = word in self.counts
                words = self.by_initial.setdefault(word[0], [])
                if n and not known:
                    bisect.insort(words, word)
                elif not n and known:
                    del words[bisect.bisect_left(words, word)]
                if n:
                    self.counts[word] = n
                else:
                    self.counts.pop(word, None)


class NameLookup:
    """The Names look-ups (search, exact) of one workspace, read through one session."""

    def __init__(self, session: Session, workspace_id: int, vocabulary: Vocabulary) -> None:
        self.session, self.workspace_id, self.vocabulary = session, workspace_id, vocabulary
        self._exact: dict[tuple[str, str], list[Entry]] = {}

    def search(self, query: str, *, kinds: tuple[str, ...] = ("contact", "company", "deal"),
               limit: int = 10) -> list[Hit]:
        """Rank the records whose names are close to `query`, best first."""
        key = fold(query)
        if not key:
            return []
        groups = [self.vocabulary.close(word) for word in key.split()]
        found: dict[tuple[str, int], Entry] = {}
        if len(groups) > 1 and all(groups):
            groups_by_size = sorted(groups, key=lambda group: sum(map(self.vocabulary.holders, group)))
            for row in name_tokens.holding_all(session=self.session, workspace_id=self.workspace_id,
                                               groups=groups_by_size, kinds=kinds, limit=BOTH_LIMIT):
                found[(row[0], row[1])] = Entry(row[0], row[1], row[2], row[3])
        tokens = [share for group in groups for share in self._shares(group)]
        for row in name_tokens.holders(session=self.session, workspace_id=self.workspace_id, tokens=tokens,
                                       kinds=kinds):
            found[(row[0], row[1])] = Entry(row[0], row[1], row[2], row[3])
        hits = [h for h in rank(key, list(found.values())) if h.score >= MATCH_CUTOFF]
        hits.sort(key=lambda h: (-h.score, len(h.entry.key), h.entry.id))
        return hits[:limit]

    def _shares(self, group: Sequence[str]) -> list[tuple[str, int]]:
        """How many holders to fetch for each close word, best words first, within the word's budget."""
        shares, left = [], WORD_BUDGET
        for word in dict.fromkeys(group):
            n = min(PER_WORD, self.vocabulary.holders(word), left)
            if n <= 0:
                continue
            shares.append((word, n))
            left -= n
        return shares

    def exact(self, query: str, *, kind: str) -> list[Entry]:
        """Records whose whole folded name equals the query's, or whose name holds it as a word.

        At most EXACT_LIMIT, by id.
        """
        key = fold(query)
        if (key, kind) not in self._exact:
            self._exact[(key, kind)] = self._look_up(key, kind)
        return self._exact[(key, kind)]

    def _look_up(self, key: str, kind: str) -> list[Entry]:
        words = key.split()
        if not words or any(word not in self.vocabulary for word in words):
            return []
        token = min(words, key=self.vocabulary.holders)
        rows = name_tokens.with_key(session=self.session, workspace_id=self.workspace_id, token=token, key=key,
                                    kind=kind, limit=EXACT_LIMIT)
        return sorted((Entry(kind, row_id, name, folded) for kind, row_id, name, folded in rows), key=lambda e: e.id)

    def containing(self, key: str, *, kind: str, most: int) -> list[int] | None:
        """Ids of the kind's records whose folded name holds the folded `key`, in order; None past `most` holders.

        A substring, as SQL's LIKE '%key%' reads the stored key: the key's last word starts a word of the
        name (lies inside one, for a one-word key), so only the holders of such words are read.
        """
        last = key.rpartition(" ")[2]
        if not last:
            return None
        words = self.vocabulary.starting(last) if " " in key else self.vocabulary.holding(last)
        shares = [(word, self.vocabulary.holders(word)) for word in words]
        if sum(n for _word, n in shares) > most:
            return None
        rows = name_tokens.holders(session=self.session, workspace_id=self.workspace_id, tokens=shares, kinds=(kind,))
        return sorted({row_id for _kind, row_id, _name, folded in rows if key in folded})
