"""Find likely duplicate pairs: same e-mail or phone, or close names at the same or a similar company.

Names are compared only within blocks that share a folded name word, so the work grows with the size
of the blocks, not with the square of the workspace. Pure functions: rows in, ranked pairs out.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import combinations

from rapidfuzz import fuzz, process

from storage.bulk import ContactRow
from storage.duplicate_keys import SharedGroup

NAME_SCORE = 90.0  # token_sort_ratio of two folded names, 0..100
COMPANY_SCORE = 90.0
MAX_GROUP = 25  # more contacts than this on one e-mail or phone is a shared address, not a duplicate
MAX_BLOCK = 3000  # a name word shared by more distinct names than this is too common to compare within
MAX_NAME_GROUP = 200  # a name more records than this share is a placeholder ("Test", "Info"), not a person
REASON_SCORES = {"email": 100.0, "phone": 98.0, "address": 90.0}
# How much a close name loses when the companies do not confirm it.
SIMILAR_COMPANY, ONE_COMPANY, NO_COMPANY = 3.0, 8.0, 10.0
LEGAL_FORMS = {"gmbh", "mbh", "ag", "kg", "kgaa", "se", "ug", "ohg", "gbr", "ev", "eg", "co", "und", "haftungsbeschrankt",
               "inc", "incorporated", "ltd", "limited", "llc", "llp", "plc", "corp", "corporation", "company", "sa",
               "sarl", "sas", "srl", "spa", "bv", "nv", "ab", "as", "oy", "the"}


@dataclass(frozen=True)
class Pair:
    kind: str  # contact, company
    keep_id: int  # the record that stays when merged
    other_id: int
    score: float  # for ranking: 100 for the same e-mail, plus 1 for each further reason
    reasons: tuple[str, ...]  # email, phone, name


@dataclass
class _Found:
    score: float = 0.0
    reasons: set[str] = field(default_factory=set)


def company_key(name_key: str) -> str:
    """"acme gmbh & co kg" and "ACME" both give "acme"."""
    words = [w for w in name_key.split() if w not in LEGAL_FORMS]
    return " ".join(words) or name_key


def contact_pairs(rows: Iterable[ContactRow], company_names: dict[int, str],
                  known: set[tuple[int, int]], shared: Iterable[SharedGroup] = ()) -> list[Pair]:
    """Likely duplicate contacts, best first; `known` holds (low, high) pairs marked as different, `shared` the
    groups of contacts that share a further phone, e-mail or an address (storage.duplicate_keys)."""
    people = {row[0]: row for row in rows}
    companies = {company_id: company_key(key) for company_id, key in company_names.items()}
    found: dict[tuple[int, int], _Found] = defaultdict(_Found)

    def note(a: int, b: int, score: float, reason: str) -> None:
        pair = found[(min(a, b), max(a, b))]
        pair.score = max(pair.score, score)
        pair.reasons.add(reason)

    for position, reason in ((3, "email"), (4, "phone")):
        groups: dict[str, list[int]] = defaultdict(list)
        for row in people.values():
            if row[position]:
                groups[str(row[position])].append(row[0])
        for ids in groups.values():
            if len(ids) <= MAX_GROUP:
                for a, b in combinations(ids, 2):
                    note(a, b, REASON_SCORES[reason], reason)
    for reason, ids in shared:
        for a, b in combinations([row_id for row_id in ids if row_id in people], 2):
            note(a, b, REASON_SCORES[reason], reason)
    for a, b, score in _close_names({row[0]: row[1] for row in people.values()}):
        penalty = _company_penalty(people[a][2], people[b][2], companies)
        if penalty is not None and not (penalty and _conflict(people[a], people[b])):
            note(a, b, score - penalty, "name")
    pairs = []
    for (a, b), hit in found.items():
        if (a, b) in known:
            continue
        keep, other = sorted((a, b), key=lambda row_id: (-_filled(people[row_id]), row_id))
        bonus = len(hit.reasons) - 1  # each further reason makes the pair a little surer
        pairs.append(Pair("contact", keep, other, hit.score + bonus, tuple(sorted(hit.reasons))))
    return sorted(pairs, key=lambda p: (-p.score, p.keep_id, p.other_id))


def company_pairs(company_names: dict[int, str], known: set[tuple[int, int]]) -> list[Pair]:
    """Companies whose names match once legal forms are left out ("Acme GmbH" and "ACME")."""
    keys = {company_id: company_key(key) for company_id, key in company_names.items()}
    pairs = [Pair("company", a, b, score, ("name",)) for a, b, score in _close_names(keys, scorer=fuzz.ratio,
                                                                                       cutoff=COMPANY_SCORE)
             if (a, b) not in known]
    return sorted(pairs, key=lambda p: (-p.score, p.keep_id, p.other_id))


def _close_names(keys: dict[int, str], *, scorer: Callable[..., float] = fuzz.token_sort_ratio,
                 cutoff: float = NAME_SCORE) -> list[tuple[int, int, float]]:
    """(low id, high id, score) for records whose names are equal, or share a word and score >= `cutoff`.

    Each distinct name is scored once; records sharing a name then pair up without scoring.
    """
    groups: dict[str, list[int]] = defaultdict(list)
    for row_id, key in keys.items():
        groups[key].append(row_id)
    distinct = sorted(key for key, ids in groups.items() if len(ids) <= MAX_NAME_GROUP)
    blocks: dict[str, list[int]] = defaultdict(list)
    for position, key in enumerate(distinct):
        for word in set(key.split()):
            if len(word) >= 2:
                blocks[word].append(position)
    close: dict[tuple[int, int], float] = {}
    for positions in blocks.values():
        if not 2 <= len(positions) <= MAX_BLOCK:
            continue
        names = [distinct[p] for p in positions]
        for i in range(len(positions) - 1):
            for _name, score, j in process.extract(names[i], names[i + 1:], scorer=scorer, score_cutoff=cutoff,
                                                   limit=None):
                close[(positions[i], positions[i + 1 + j])] = score
    pairs = [(a, b, 100.0) for key in distinct for a, b in combinations(sorted(groups[key]), 2)]
    for (i, j), score in close.items():
        pairs += [(min(a, b), max(a, b), score) for a in groups[distinct[i]] for b in groups[distinct[j]]]
    return pairs


def _company_penalty(a: int | None, b: int | None, companies: dict[int, str]) -> float | None:
    """0 for the same company, a little for a similar one or a missing one, None for two different ones."""
    if a is None and b is None:
        return NO_COMPANY
    if a is None or b is None:
        return ONE_COMPANY
    if a == b or companies.get(a) == companies.get(b):
        return 0.0
    if fuzz.ratio(companies.get(a, ""), companies.get(b, "")) >= COMPANY_SCORE:
        return SIMILAR_COMPANY
    return None


def _conflict(a: ContactRow, b: ContactRow) -> bool:
    """Both have an e-mail, or both a phone, and they differ: two people, unless their company says otherwise."""
    return any(a[i] and b[i] and a[i] != b[i] for i in (3, 4))


def _filled(row: ContactRow) -> int:
    return sum(value is not None for value in row[2:])
