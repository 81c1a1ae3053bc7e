"""Names in a free-text sentence: the person it mentions, the company it names, e-mail and phone.

Pure: text in, words out; names are looked up through the Names protocol (NameIndex fits it).
"""

import re
from dataclasses import dataclass
from typing import Protocol

from handlers import vocabulary as v
from handlers.names import Entry, Hit

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
    """The company a sentence names after from / von / at / bei / @, or in brackets ("" when none),
    and the text without it."""
    bracket = re.search(r"\(([^)]{2,60})\)", text)
    if bracket:
        return bracket[1].strip(), text[:bracket.start()] + " , " + text[bracket.end():]
    tokens = EMAIL.sub(" ", text).split()
    for i, token in enumerate(tokens):
        if token.casefold() not in v.COMPANY_PREPOSITIONS:
            continue
        if i > 0 and tokens[i - 1].casefold().strip(",:") in v.FROM_PERSON:
            continue
        lenient = token.casefold() in {"from", "von", "@", "bei"}
        words = []
        j = i + 1
        while j < len(tokens) and tokens[j].casefold() in v.ARTICLES and not words:
            j += 1
        while j < len(tokens) and len(words) < 4:
            word = tokens[j].strip(",;:.!?")
            known = bool(names.exact(word, kind="company")) if word else False
            if word and (word[0].isupper() or word[0].isdigit() or known or word.casefold() in v.COMPANY_SUFFIXES
                         or (lenient and not words)) and (word[0].isupper() or word.casefold() not in v.NOT_NAMES - v.COMPANY_SUFFIXES):
                words.append(word)
            else:
                break
            if tokens[j][-1] in ",;:.!?":
                break
            j += 1
        if words:
            name = " ".join(words)
            name = name if any(ch.isupper() for ch in name) else name.title()
            return name, " ".join(tokens[:i] + [","] + tokens[j:])
    return "", text


def _name_word(word: str) -> str:
    """ "anna's" and "Annas" read as "anna"/"Anna" (the owner of what follows)."""
    return re.sub(r"['’]s$", "", word)


def mention(text: str, names: Names) -> Mention | None:
    """The first run of words that names a person: a known name word, or two capitalized words."""
    runs: list[list[str]] = [[]]
    for token in _TOKEN.findall(EMAIL.sub(" , ", text)):
        word = _name_word(token)
        low = word.casefold()
        if not word[0].isalpha() or low in v.NOT_NAMES or len(word) < 2:
            runs.append([])
            continue
        runs[-1].append(word)
    for run in runs:
        found = _person_in(run, names)
        if found is not None:
            return found
    return None


def _known(word: str, names: Names) -> bool:
    if names.exact(word, kind="contact"):
        return True
    if word.endswith("s") and len(word) > 3 and names.exact(word[:-1], kind="contact"):
        return True
    return False


def _person_in(run: list[str], names: Names) -> Mention | None:
    if not run:
        return None
    known = [_known(word, names) for word in run]
    capital = [word[0].isupper() for word in run]
    if any(known):
        first = known.index(True)
        start = first - 1 if first > 0 and (capital[first - 1] or not capital[first]) else first
        words = run[max(start, 0):first + 1]
        after = first + 1
        while after < len(run) and len(words) < 3 and (known[after] or capital[after] == capital[first]):
            words.append(run[after])
            after += 1
        if len(words) == 1 and words[0].endswith("s") and not names.exact(words[0], kind="contact"):
            words = [words[0][:-1]]
        return Mention(" ".join(words), all(w[0].isupper() for w in words), True)
    if sum(capital) >= 2:
        first = capital.index(True)
        words = []
        for word, cap in zip(run[first:], capital[first:]):
            if not cap or len(words) == 3:
                break
            words.append(word)
        if len(words) >= 2:
            return Mention(" ".join(words), True, False)
    return None
