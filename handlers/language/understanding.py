"""Read a free-text sentence into a Reading: what kind of message it is and what it names.

Pure: text, language and clock in, a Reading out. Names are looked up through a small protocol
(the in-memory NameIndex fits it); nothing here touches storage. handlers/conversation.py runs it.
"""

import dataclasses
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from handlers.language import vocabulary as v
from handlers.language.dates import DateMatch, find_when
from handlers.language.names import Entry, Hit, fold

_TOKEN = re.compile(r"[^\W\d_][\w'’-]*|@|&|\(|\)|[,;:]")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w.])\+?\d[\d ()/-]{5,}\d(?![\w.])")
_AMOUNT = re.compile(r"^[€$£]?\d[\d.,]*(?:k|tsd|m|mio)?[€$£]?$|^€$", re.IGNORECASE)
_CLAUSE = re.compile(r"\s*[,;]\s*|:\s+|\s+-\s+|\s*[.!?]+(?:\s+|$)")
QUESTION_ROUTES = {  # what a question is answered by; retarget here when the report commands land
    "tasks_today": "/tasks today", "tasks_tomorrow": "/tasks tomorrow", "tasks_week": "/tasks week",
    "tasks_overdue": "/tasks overdue", "tasks": "/tasks", "deals": "/deals", "deals_closing": "/deals",
    "won": "/pipeline", "stuck": "/pipeline", "team_overdue": "/digest team", "pipeline": "/pipeline",
    "who": "/show {name}",
}


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


@dataclass(frozen=True)
class Reading:
    intent: str  # greeting, command, question, followup, field, complete, stage, deal, capture
    command: str = ""  # command, question: the slash command to run
    person: Mention | None = None
    company: str = ""
    kind: str = ""  # call, meeting, email, visit: a logged interaction
    stage: str = ""
    subject: str = ""  # the deal or company of a stage move
    field: str = ""
    value: str = ""
    when: DateMatch | None = None
    clauses: tuple[str, ...] = ()
    details: dict[str, str] = dataclasses.field(default_factory=dict)  # email, phone of a new contact
    task: str = ""  # the clause that holds the date, date shorthands spelled out
    text: str = ""


def read(text: str, *, names: Names, now: datetime, tz: str, region: dict[str, str | None] | None = None) -> Reading:
    """Classify one free-text message and pull out what it names."""
    text = " ".join(text.split())
    low = text.casefold()
    bare = low.strip(" !.?,;:")
    first = bare.split(" ", 1)[0].rstrip(":") if bare else ""
    if bare in v.GREETINGS or not bare:
        return Reading("greeting", text=text)
    if bare in v.UNDO:
        return Reading("command", command="/undo", text=text)
    if first in v.SLASHLESS:
        return Reading("command", command=slashless(text), text=text)
    if bare in v.DONE:
        return Reading("complete", text=text)
    if is_question(low, names):
        return Reading("question", command=route_question(text, names), text=text)
    when = find_when(shorthand(text), now=now, tz=tz, **(region or {}))
    rest = when.rest if when else text
    follow_up = _follow_up(low, rest, when, text)
    if follow_up is not None:
        return follow_up
    clauses = tuple(part for part in _CLAUSE.split(text) if part.strip())
    field_update = _field_update(text, low, names)
    if field_update is not None:
        return field_update
    if any(fold(clause) in {fold(word) for word in v.DONE} for clause in clauses[1:]) or \
            re.search(r"\b(?:done|erledigt)\W*$", low):
        return Reading("complete", person=mention(text, names), clauses=clauses, text=text)
    stage = _stage_move(text, names)
    if stage is not None:
        return stage
    if re.search(r"\bdeal\b", low) and any(_AMOUNT.match(word) for word in text.split()):
        return Reading("command", command="/deal " + re.sub(r"\s*\bdeal\b\s*", " ", text, flags=re.I).strip(),
                       text=text)
    company, unnamed = company_of(rest, names)
    spelled = shorthand(text)
    task = next((c for c in _CLAUSE.split(spelled) if when and when.phrase in c), spelled) if when else ""
    return Reading("capture", task=task, person=mention(unnamed, names), company=company, kind=interaction_kind(low),
                   when=when, clauses=tuple(c for c in _CLAUSE.split(spelled) if c.strip()), details=details_of(text), text=text)


def shorthand(text: str) -> str:
    """Spell out date shorthands ("by eod", "fr 14 uhr") for the date reader."""
    for pattern, spelled in v.DATE_SHORTHANDS:
        text = re.sub(pattern, spelled, text, flags=re.IGNORECASE)
    return text


def slashless(text: str) -> str:
    """ "add Bernd Meyer, Globex" reads as "/add Bernd Meyer, Globex"; "note for maria: x" as "/note maria: x"."""
    word, _, args = text.partition(" ")
    word = word.rstrip(":").casefold()
    if word in {"note", "notiz"}:
        head, sep, body = args.partition(":")
        words = head.split()
        while words and words[0].casefold() in v.NOTE_FILLERS:
            words = words[1:]
        args = " ".join(words) + sep + body
    return f"/{word} {args}".strip()


def is_question(low: str, names: Names) -> bool:
    """A question reads; it never writes. "anna?", "who is anna", "was steht heute an", "my deals"."""
    bare = low.strip(" ?!.")
    if low.rstrip().endswith("?"):
        return True
    if bare.startswith(v.QUESTION_STARTS):
        return True
    words = bare.split()
    if words and words[0] in {"my", "meine", "mein"} and len(words) <= 3:
        return True
    return 1 <= len(words) <= 3 and len(bare) >= 3 and _whole_name(bare, names)  # a name alone shows its card


def _whole_name(text: str, names: Names) -> bool:
    return any(names.exact(text, kind=kind) for kind in ("contact", "company", "deal"))


def route_question(text: str, names: Names) -> str:
    """The read command a question is answered by, from QUESTION_ROUTES; "" when none fits."""
    low = text.casefold().strip(" ?!.")
    words = set(re.findall(r"[\w'-]+", low))
    for lead in v.WHO_IS:
        if low.startswith(lead):
            return QUESTION_ROUTES["who"].format(name=low[len(lead):].strip())
    if low.startswith(("who has", "wer hat")) and words & {"overdue", "überfällig", "ueberfaellig", "late"}:
        return QUESTION_ROUTES["team_overdue"]
    if words & v.WON_QUESTION:
        return QUESTION_ROUTES["won"]
    if words & v.DEAL_QUESTION:
        if words & v.STUCK_QUESTION:
            return QUESTION_ROUTES["stuck"]
        return QUESTION_ROUTES["deals_closing" if words & {"closing", "close", "schließen", "abschluss"} else "deals"]
    scope = next((v.DAY_SCOPES[w] for w in re.findall(r"[\wäöüß]+", low) if w in v.DAY_SCOPES), None)
    if scope or words & v.TASK_QUESTION:
        return QUESTION_ROUTES[f"tasks_{scope}" if scope else "tasks"]
    if len(words) <= 3 and _whole_name(low, names):
        return QUESTION_ROUTES["who"].format(name=low)
    return ""


def _follow_up(low: str, rest: str, when: DateMatch | None, text: str) -> Reading | None:
    """ "actually make it thursday", "push it to 11am", "her email is ...": about the last thing touched."""
    pronoun_field = re.match(r"^(?:and\s+|und\s+)?(\w+)\s+(?:new\s+|neue\s+)?([\w-]+)\s+(?:is|ist|lautet)\b", low)
    if pronoun_field and pronoun_field[1] in v.PRONOUNS and pronoun_field[2] in v.FIELD_WORDS:
        value = _value(text, v.FIELD_WORDS[pronoun_field[2]])
        if value:
            return Reading("field", field=v.FIELD_WORDS[pronoun_field[2]], value=value, text=text)
    if when is None:
        return None
    leftover = [w for w in re.findall(r"[\wäöüß/'-]+", rest.casefold())
                if w not in {"it", "to", "make", "push", "move", "auf", "das", "es", "doch", "lieber", "verschieb",
                             "verschiebe", "schieb", "actually", "instead", "rather", "again", "remind", "me",
                             "erinnere", "mich", "nochmal", "no", "nein", "let's", "lets", "do", "stattdessen",
                             "besser", "bitte", "please", "ok", "then", "dann", "on", "for", "am", "um", "at"}]
    if low.startswith(v.FOLLOW_UP_STARTS) or not leftover:
        return Reading("followup", when=when, text=text)
    return None


def _value(text: str, field_name: str) -> str:
    found = (_EMAIL if field_name == "email" else _PHONE).search(text)
    return found[0].strip() if found else ""


def _field_update(text: str, low: str, names: Names) -> Reading | None:
    """ "lena braun new number 0171 5551234", "anna's email is now ...", "anna moved to Globex"."""
    words = set(re.findall(r"[\w-]+", low))
    for word in words & set(v.FIELD_WORDS):
        value = _value(text, v.FIELD_WORDS[word])
        if value:
            head = text[:text.casefold().find(word)]
            return Reading("field", person=mention(head, names), field=v.FIELD_WORDS[word], value=value, text=text)
    for phrase in v.COMPANY_MOVES:
        at = low.find(f" {phrase} ")
        if at > 0:
            person = mention(text[:at], names)
            company = text[at + len(phrase) + 2:].strip(" .!")
            if person is not None and person.known and company and len(company.split()) <= 4:
                return Reading("field", person=person, field="company", value=company, text=text)
    return None


def _stage_move(text: str, names: Names) -> Reading | None:
    """ "moved acme to negotiation", "nordlicht won!!", "globex in angebot verschieben"."""
    tokens = re.findall(r"[\wäöüß-]+", text.casefold())
    stage = next((v.STAGE_WORDS[t] for t in tokens if t in v.STAGE_WORDS), None)
    if stage is None:
        return None
    if stage in v.STAGE_NEEDS_VERB and not set(tokens) & (v.MOVE_VERBS - {"in", "to", "is", "ist", "auf", "nach"}):
        return None
    for size in (3, 2, 1):
        for start in range(len(tokens) - size + 1):
            phrase = " ".join(tokens[start:start + size])
            if phrase in v.STAGE_WORDS or phrase in v.NOT_NAMES or len(phrase) < 3:
                continue
            if names.exact(phrase, kind="deal") or names.exact(phrase, kind="company"):
                clauses = [c for c in _CLAUSE.split(text) if c.strip()]
                return Reading("stage", subject=phrase, stage=stage, clauses=tuple(clauses), text=text)
    return None


def interaction_kind(low: str) -> str:
    """The kind a past interaction names ("called anna" is a call); "" for none."""
    for lead, kind in v.INTERACTION_LEADS:
        if re.search(rf"(?<!\w){re.escape(lead)}(?!\w)", low):
            return kind
    return ""


def details_of(text: str) -> dict[str, str]:
    details = {}
    email = _EMAIL.search(text)
    if email:
        details["email"] = email[0]
    phone = _PHONE.search(_EMAIL.sub(" ", text))
    if phone and sum(ch.isdigit() for ch in phone[0]) >= 7:
        details["phone"] = phone[0].strip()
    return details


def company_of(text: str, names: Names) -> tuple[str, str]:
    """The company a sentence names after from / von / at / bei / @, or in brackets ("" when none),
    and the text without it."""
    bracket = re.search(r"\(([^)]{2,60})\)", text)
    if bracket:
        return bracket[1].strip(), text[:bracket.start()] + " , " + text[bracket.end():]
    tokens = _EMAIL.sub(" ", text).split()
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
    for token in _TOKEN.findall(_EMAIL.sub(" , ", text)):
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
    return bool(word.endswith("s") and len(word) > 3 and names.exact(word[:-1], kind="contact"))


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
        for word, cap in zip(run[first:], capital[first:], strict=False):
            if not cap or len(words) == 3:
                break
            words.append(word)
        if len(words) >= 2:
            return Mention(" ".join(words), True, False)
    return None
