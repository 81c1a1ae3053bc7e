"""Names in a free-text sentence: the person it mentions, the company it names, e-mail and phone.

Pure: text in, words out; names are looked up through the Names protocol (NameIndex fits it).
"""

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from rapidfuzz import fuzz

from handlers.language import vocabulary as v
from handlers.language.names import Entry, Hit, fold

if TYPE_CHECKING:
    import gender_guesser.detector as gender

CLOSE_WORD = 80.0
CLOSE_HOLDERS = 2000  # contacts sharing a first word that are compared, at most
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|@|&|\(|\)|[,;:]")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w.])\+?\d[\d ()/-]{5,}\d(?![\w.])")


class Names(Protocol):
    """The name look-ups understanding needs (handlers.names.NameIndex has them)."""

    def exact(self, query: str, *, kind: str) -> list[Entry]: ...

    def search(self, query: str, *, kinds: tuple[str, ...] = ..., limit: int = ...) -> list[Hit]: ...


@dataclass(frozen=True)
class Mention:
    """A run of words that names a person, as typed ("jörg mueller", "Frau Schulz" gives "Schulz")."""

    text: str
    capitalized: bool
    known: bool
    title: str = ""  # "f" after Frau / Mrs / Ms, "m" after Herr / Mr: narrows namesakes


def details_of(text: str) -> dict[str, str]:
    details = {}
    email = EMAIL.search(text)
    if email:
        details["email"] = email[0]
    phone = PHONE.search(EMAIL.sub(" ", text))
    if phone and sum(ch.isdigit() for ch in phone[0]) >= 7:
        details["phone"] = phone[0].strip()
    return details


def company_of(text: str, names: Names) -> tuple[str, str]:
    """The company a sentence names after from / frm / von / at / bei / @, or in brackets ("" when none),
    and the text without it. "bei anna" and "bei Herrn Hoffmann" name a person, not a company."""
    bracket = re.search(r"\(([^)]{2,60})\)", text)
    if bracket:
        return _company_name(bracket[1].strip()), text[:bracket.start()] + " , " + text[bracket.end():]
    tokens = EMAIL.sub(" ", text).split()
    for i, token in enumerate(tokens):
        preposition = token.casefold()
        if preposition not in v.COMPANY_PREPOSITIONS:
            continue
        if preposition in {"from", "von", "vom"} and i > 0 and tokens[i - 1].casefold().strip(",:") in v.FROM_PERSON:
            continue
        words, j = _company_words(tokens, i + 1, names, lenient=preposition in v.LENIENT_PREPOSITIONS)
        if words:
            return _company_name(" ".join(words)), " ".join(tokens[:i] + [","] + tokens[j:])
    return "", text


def _company_words(tokens: list[str], j: int, names: Names, *, lenient: bool) -> tuple[list[str], int]:
    """The words of a company name from tokens[j] on, and where they end."""
    article = False
    while j < len(tokens) and tokens[j].casefold() in v.ARTICLES:
        j, article = j + 1, True
    first = tokens[j].strip(",;:.!?").casefold() if j < len(tokens) else ""
    if first in v.TITLES or (names.exact(first, kind="contact") and not names.exact(first, kind="company")):
        return [], j  # a person: "bei anna", "bei Herrn Hoffmann"
    words: list[str] = []
    while j < len(tokens) and len(words) < 4:
        word = tokens[j].strip(",;:.!?")
        low = word.casefold()
        known = bool(word) and bool(names.exact(word, kind="company"))
        plain = bool(word) and word.isalpha() and low not in v.NOT_NAMES and low not in v.PLACES
        if not word or not (word[0].isupper() or known or low in v.COMPANY_SUFFIXES or word == "&"
                            or (lenient and not article and plain)):
            break
        if low in v.NOT_NAMES - v.COMPANY_SUFFIXES and not word[0].isupper():
            break
        words.append(word)
        j += 1
        if tokens[j - 1][-1] in ",;:.!?":
            break
    return words, j


def _company_name(name: str) -> str:
    return name if any(ch.isupper() for ch in name) else name.title()


def _name_word(word: str) -> str:
    """ "anna's" and "Annas" read as "anna"/"Anna" (the owner of what follows)."""
    return re.sub(r"['’]s$", "", word)


def mention(text: str, names: Names) -> Mention | None:
    """The first run of words that names a person: a known name word, two capitalized words, or a known
    first name and a surname after a lead word ("met jon snow", "mit katrin vogel", "Frau Schulz")."""
    runs: list[tuple[str, list[str]]] = [("", [])]
    for token in _TOKEN.findall(EMAIL.sub(" , ", text)):
        word = _name_word(token)
        low = word.casefold()
        if not word[0].isalpha() or low in v.NOT_NAMES or len(word) < 2:
            lead = runs[-1][0] if low == ":" and not runs[-1][1] else low  # "neuer kontakt: peter lustig"
            runs.append((lead, []))
            continue
        runs[-1][1].append(word)
    for lead, run in runs:
        found = _person_in(run, names, lead)
        if found is not None:
            return found
    return None


def _known(word: str, names: Names) -> bool:
    if names.exact(word, kind="contact"):
        return True
    return bool(word.endswith("s") and len(word) > 3 and names.exact(word[:-1], kind="contact"))


def _person_in(run: list[str], names: Names, lead: str) -> Mention | None:
    if not run:
        return None
    title = v.TITLES.get(lead, "")
    known = [_known(word, names) for word in run]
    capital = [word[0].isupper() for word in run]
    if any(known):
        first = known.index(True)
        start = first
        if first > 0 and ((capital[first - 1] and capital[first])
                          or names.exact(f"{run[first - 1]} {run[first]}", kind="contact")
                          or (not capital[first - 1] and not capital[first] and first_name(run[first - 1]))):
            start = first - 1  # "Klaus Müller", "anna schulz"
        words = run[start:first + 1]
        for word, cap in zip(run[first + 1:], capital[first + 1:], strict=False):
            phrase = " ".join(words + [word])
            surname = not cap and not capital[first] and len(words) == 1 and _first_name_of_contact(words[0], names)
            if len(words) == 3 or not (names.exact(phrase, kind="contact") or (cap and capital[first])
                                       or _close_to_contact(phrase, names) or (surname and len(word) >= 3)):
                break
            words.append(word)
        if len(words) == 1 and words[0].endswith("s") and not names.exact(words[0], kind="contact"):
            words = [words[0][:-1]]
        return Mention(" ".join(words), all(w[0].isupper() for w in words), True, title)
    if sum(capital) >= 2:
        first = capital.index(True)
        words = []
        for word, cap in zip(run[first:], capital[first:], strict=False):
            if not cap or len(words) == 3:
                break
            words.append(word)
        if len(words) >= 2:
            return Mention(" ".join(words), True, False, title)
    if len(run) >= 2 and (lead in v.PERSON_LEADS or title) and first_name(run[0]) and run[1].isalpha():
        return Mention(f"{run[0]} {run[1]}", False, False, title)  # "met jon snow"
    return None


def _first_name_of_contact(word: str, names: Names) -> bool:
    """Whether a known contact has this word as first name ("anna" of Anna Schulz): a surname may follow."""
    key = fold(word)
    return any(entry.key.split()[0] == key and len(entry.key.split()) > 1
               for entry in names.exact(word, kind="contact"))


def _close_to_contact(phrase: str, names: Names) -> bool:
    """Whether a contact holding the phrase's first word has the other words close to its own
    ("anna schultz" for Anna Schulz); looks only at the holders of that word, not the whole index."""
    first, *others = fold(phrase).split()
    for entry in names.exact(first, kind="contact")[:CLOSE_HOLDERS]:
        record = entry.key.split()
        if all(any(w == r or fuzz.ratio(w, r) >= CLOSE_WORD for r in record) for w in others):
            return True
    return False


@functools.cache
def _genders() -> "gender.Detector":
    import gender_guesser.detector as gender  # its name list loads when a sentence first needs it

    return gender.Detector(case_sensitive=False)


def first_name(word: str) -> bool:
    """Whether a word is a known first name in some country ("jon", "katrin"; not "team")."""
    found: str = _genders().get_gender(word)  # gender_guesser has no type hints
    return found != "unknown"


def gender_of(first: str) -> str:
    """ "f", "m" or "" for a first name: what "Frau" / "Herr" narrow to."""
    found = _genders().get_gender(first)
    return {"female": "f", "mostly_female": "f", "male": "m", "mostly_male": "m"}.get(found, "")
