"""Read a free-text sentence into a Reading: what kind of message it is and what it names.

Pure: text, language and clock in, a Reading out. Names are looked up through a small protocol
(the in-memory NameIndex fits it); nothing here touches storage. handlers/conversation.py runs it.
Names are read in handlers/understanding_names.py, questions in handlers/understanding_questions.py.
"""

import dataclasses
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from handlers.language import vocabulary as v
from handlers.language.dates import DateMatch, find_when
from handlers.language.names import fold
from handlers.language.understanding_names import EMAIL, PHONE, Mention, Names, company_of, details_of, mention
from handlers.language.understanding_questions import QUESTION_ROUTES, asks_place, is_question, route_question

_AMOUNT = re.compile(r"^[€$£]?\d[\d.,]*(?:k|tsd|m|mio)?[€$£]?$|^€$", re.IGNORECASE)
_CLAUSE = re.compile(r"\s*[,;]\s*|:\s+|\s+-\s+|\s*[.!?]+(?:\s+|$)")


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
    if bare in v.UNDO or re.sub(rf"^(?:{'|'.join(v.INTERJECTIONS)})\W+", "", bare) in v.UNDO:
        return Reading("command", command="/undo", text=text)
    logged = re.match(r"^([\w-]+)\s+([^:]{2,40}):\s*(\S.*)$", text)
    if logged and logged[1].casefold() in v.KIND_COMMANDS and len(logged[2].split()) <= 3 \
            and logged[2].split()[0].casefold() not in v.NOT_NAMES - v.TITLES.keys() \
            and not (EMAIL.fullmatch(logged[3].strip()) or PHONE.fullmatch(logged[3].strip())):
        return Reading("command", command=f"/{v.KIND_COMMANDS[logged[1].casefold()]} {text[logged.end(1):].strip()}",
                       text=text)
    if first in {"task", "aufgabe", "todo"} and bare.split()[-1] in v.DONE_TAIL:
        return Reading("complete", person=mention(text, names), text=text)  # "aufgabe anna anrufen abhaken"
    if (first in v.SLASHLESS and first not in v.READ_STARTS and not asks_place(low, names)
            and not low.startswith(v.WORKS_AT)):  # "contacts in munich", "contacts at acme": questions
        return Reading("command", command=slashless(text), text=text)
    if bare in v.DONE or bare in v.DONE_ALONE:
        return Reading("complete", text=text)
    if is_question(low, names) or first in v.SLASHLESS:
        routed = route_question(text, names) or (slashless(text) if first in v.SLASHLESS else "")
        return Reading("question", command=routed, text=text)
    when = _task_when(shorthand(text), now=now, tz=tz, region=region or {}) or _bare_hour(text, now, tz, region)
    rest = when.rest if when else text
    follow_up = _follow_up(low, rest, when, text) if not _names_someone(rest, names) else None
    if follow_up is not None:
        return follow_up
    clauses = tuple(part for part in _CLAUSE.split(text) if part.strip())
    field_update = _field_update(text, low, names)
    if field_update is not None:
        return field_update
    if _completes(low, clauses):
        return Reading("complete", person=mention(text, names), clauses=clauses, text=text)
    stage = _stage_move(text, names)
    if stage is not None:
        return stage
    if re.search(r"\bdeal\b", low) and any(_AMOUNT.match(word) for word in text.split()):
        spoken = re.sub(r"\s*\bdeal\b\s*", " ", text, flags=re.I).strip()
        spoken = re.sub(r"^(?:new|neuer|neues|neue|add|another|noch ein)\s+", "", spoken, flags=re.I)
        return Reading("command", command="/deal " + spoken,
                       text=text)
    company, unnamed = company_of(rest, names)
    spelled = shorthand(text)
    task = next((c for c in _CLAUSE.split(spelled) if when.phrase in c), spelled) if when else ""
    return Reading("capture", task=task, person=mention(unnamed, names), company=company, kind=interaction_kind(low, when),
                   when=when, clauses=tuple(c for c in _CLAUSE.split(spelled) if c.strip()), details=details_of(text), text=text)


def _bare_hour(text: str, now: datetime, tz: str, region: dict[str, str | None] | None) -> DateMatch | None:
    """ "make the demo 11 instead": in a follow-up, a bare number is an hour."""
    low = text.casefold()
    hour = re.search(r"(?<![\d.:,])([1-9]|1\d|2[0-3])(?![\d.:,])", text)
    if hour is None or not set(re.findall(r"[\wäöüß'-]+", low)) & v.FOLLOW_UP_MARKS:
        return None
    return find_when(f"{text[:hour.start()]}{hour[1]}:00{text[hour.end():]}", now=now, tz=tz, **(region or {}))


def _completes(low: str, clauses: tuple[str, ...]) -> bool:
    """Whether a sentence reports a task done: "…, done", "… ✅", "tick it off", "done w the acme workshop"."""
    done = {fold(word) for word in v.DONE}
    if any(fold(clause) in done for clause in clauses[1:]):
        return True
    words = low.replace("✔️", " ✔ ").replace("☑️", " ☑ ").split()
    if words and (words[-1].strip("!.") in v.DONE_TAIL or words[0].strip(":,!.") in v.DONE_HEAD):
        return True
    return any(re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", low) for phrase in v.DONE_PHRASES) or \
        bool(re.search(r"\bmark(?:ed)?\b.+\b(?:done|complete|completed)\b", low))


def _task_when(spelled: str, *, now: datetime, tz: str, region: dict[str, str | None]) -> DateMatch | None:
    """The date of the task a sentence sets: the one in a clause with a task word ("visited kim today, call
    him monday" is due monday); none when the date only says how long a state lasts ("on holiday till monday")."""
    when = find_when(spelled, now=now, tz=tz, **region)
    if when is None:
        return None
    low = spelled.casefold()
    for clause in _CLAUSE.split(spelled):
        if when.phrase in clause or not _has_task_word(clause.casefold()):
            continue
        later = find_when(clause, now=now, tz=tz, **region)
        if later is not None:
            return dataclasses.replace(later, rest=spelled.replace(later.phrase, " ", 1))
    phrase = when.phrase.casefold().split()
    before = low[:low.find(when.phrase.casefold())].split()[-1:] + phrase[:1]
    if set(before) & v.STATE_DATE_LEADS and not _has_task_word(low):
        return None  # "on holiday till monday", "ab montag im urlaub"
    clause = next((c.casefold() for c in _CLAUSE.split(spelled) if when.phrase in c), low)
    if when.when <= now + timedelta(hours=12) and _past_kind(clause) and not _has_task_word(clause):
        return None  # "visited nordlicht today": when it happened, not a task
    return when


def _past_kind(low: str) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(lead)}(?!\w)", low) for lead, _kind in v.PAST_KINDS)


def _has_task_word(low: str) -> bool:
    """Whether a clause sets a task: a task verb, or a deadline ("angebot bis do", "quote by friday")."""
    return any(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", low) for word in v.TASK_LEADS | v.DEADLINE_WORDS)


def _names_someone(rest: str, names: Names) -> bool:
    """Whether the words besides the date name a known person ("erinnere mich, tom becker ... anzurufen")."""
    found = mention(rest, names)
    return found is not None and found.known


def shorthand(text: str) -> str:
    """Spell out date shorthands ("by eod", "fr 14 uhr") for the date reader."""
    for pattern, spelled in v.DATE_SHORTHANDS:
        text = re.sub(pattern, spelled, text, flags=re.IGNORECASE)
    return text


def slashless(text: str) -> str:
    """ "add Bernd Meyer, Globex" reads as "/add Bernd Meyer, Globex"; "note for maria: x" as "/note maria: x"."""
    word, _, args = text.partition(" ")
    word = word.rstrip(":?!.").casefold()
    args = args.rstrip("?!. ")
    if word in {"note", "notiz"}:
        head, sep, body = args.partition(":")
        words = head.split()
        while words and words[0].casefold() in v.NOTE_FILLERS:
            words = words[1:]
        args = " ".join(words) + sep + body
    if word in {"show", "zeige", "zeig"}:
        args = re.sub(r"^(?:me|mir|uns|us)\s+", "", args, flags=re.IGNORECASE)
    return f"/{word} {args}".strip()


def _follow_up(low: str, rest: str, when: DateMatch | None, text: str) -> Reading | None:
    """ "actually make it thursday", "push it to 11am", "her email is ...": about the last thing touched."""
    pronoun_field = re.match(r"^(?:and\s+|und\s+)?(\w+)\s+(?:new\s+|neue\s+)?([\w-]+)\s+(?:is|ist|lautet)\b", low)
    if pronoun_field and pronoun_field[1] in v.PRONOUNS and pronoun_field[2] in v.FIELD_WORDS:
        value = _value(text, v.FIELD_WORDS[pronoun_field[2]])
        if value:
            return Reading("field", field=v.FIELD_WORDS[pronoun_field[2]], value=value, text=text)
    if when is None:
        return None
    leftover = [w for w in re.findall(r"[\wäöüß/'-]+", rest.casefold()) if w not in v.FOLLOW_UP_FILLERS]
    marked = low.startswith(v.FOLLOW_UP_STARTS) or bool(set(re.findall(r"[\wäöüß'-]+", low)) & v.FOLLOW_UP_MARKS)
    if not leftover or (marked and len(leftover) <= 1):
        return Reading("followup", when=when, text=text)  # "make the demo 11 instead": the one word names the task
    return None


def _value(text: str, field_name: str) -> str:
    found = (EMAIL if field_name == "email" else PHONE).search(text)
    return found[0].strip() if found else ""


def _field_update(text: str, low: str, names: Names) -> Reading | None:
    """ "lena braun new number 0171 5551234", "anna's email is now ...", "anna moved to Globex"."""
    listed = set(re.findall(r"[\w-]+", low))
    for word in listed & set(v.FIELD_WORDS):
        value = _value(text, v.FIELD_WORDS[word])
        if value:
            at = text.casefold().find(word)
            said = mention(text[:at], names) or mention(text[at + len(word):text.find(value)], names)
            return Reading("field", person=said, field=v.FIELD_WORDS[word], value=value, text=text)
    text = re.sub(r"\s+(?:actually|eigentlich|inzwischen|mittlerweile|really)\b", "", text, flags=re.IGNORECASE)
    text = re.sub(r"(?<=\w)['’]s\s+(?=at\b|with\b|now\b)", " is ", text)
    low = text.casefold()
    for phrase in v.COMPANY_MOVES:
        at = low.find(f" {phrase} ")
        if at > 0:
            person = mention(text[:at], names)
            words = text[at + len(phrase) + 2:].strip(" .!").split()
            while words and words[-1].casefold() in v.COMPANY_MOVE_TAIL:
                words = words[:-1]
            company = " ".join(words)
            pronoun = set(re.findall(r"[\w'’]+", low[:at])) <= v.PRONOUNS | {"she's", "he's"}
            if (pronoun or (person is not None and person.known)) and company and len(company.split()) <= 4:
                return Reading("field", person=None if pronoun else person, field="company", value=company,
                               text=text)
    return None


def _stage_move(text: str, names: Names) -> Reading | None:
    """ "moved acme to negotiation", "nordlicht won!!", "globex in angebot verschieben", "x -> proposal"."""
    low = text.casefold().replace("->", " → ").replace("=>", " → ")
    tokens = re.findall(r"[\wäöüß-]+|→", low)
    staged = [i for i, t in enumerate(tokens) if t in v.STAGE_WORDS]
    if not staged:
        return None
    marks = [i for i, t in enumerate(tokens) if t in v.MOVE_MARKS]
    at = next((i for i in staged if marks and i > marks[-1]), staged[0])
    stage = v.STAGE_WORDS[tokens[at]]
    if stage in v.STAGE_NEEDS_VERB and not set(tokens) & (v.MOVE_VERBS - {"in", "to", "is", "ist", "auf", "nach"}):
        return None
    for size in (3, 2, 1):
        for start in range(len(tokens) - size + 1):
            phrase = " ".join(tokens[start:start + size])
            if phrase in v.STAGE_WORDS or phrase in v.NOT_NAMES or len(phrase) < 3:
                continue
            if names.exact(phrase, kind="deal") or names.exact(phrase, kind="company"):
                clauses = [c for c in _CLAUSE.split(text) if c.strip()]
                return Reading("stage", subject=phrase, stage=stage, clauses=tuple(clauses), text=text,
                               value=_reason(text, tokens[at]) if stage == "lost" else "")
    return None


def _reason(text: str, stage_word: str) -> str:
    """Why a deal was lost: what the sentence says after its stage word ("verloren wg. preis" gives "preis")."""
    found = re.search(rf"(?<!\w){re.escape(stage_word)}(?!\w)", text, flags=re.IGNORECASE)
    words = text[found.end():].strip(" ,;:.!-–").split() if found else []
    while words and words[0].casefold().strip(".,:") in v.REASON_FILLERS:
        words = words[1:]
    return " ".join(words).strip(" .!")


def interaction_kind(low: str, when: DateMatch | None = None) -> str:
    """The kind a logged interaction names ("called anna" is a call); "" for none or for a plan
    ("lunch with anna tmrw 1pm" is a task: the event noun and its date share a clause)."""
    for lead, kind in v.PAST_KINDS:
        if re.search(rf"(?<!\w){re.escape(lead)}(?!\w)", low):
            return kind
    for lead, kind in v.EVENT_KINDS:
        found = re.search(rf"(?<!\w){re.escape(lead)}(?!\w)", low)
        if found:
            start = max((m.end() for m in _CLAUSE.finditer(low, 0, found.start())), default=0)
            clause = next((c for c in _CLAUSE.split(low[start:]) if c.strip()), "")
            planned = when is not None and when.phrase.casefold() in shorthand(clause).casefold()
            return "" if planned else kind
    return ""




__all__ = ["QUESTION_ROUTES", "Mention", "Names", "Reading", "read", "shorthand", "is_question", "route_question"]
