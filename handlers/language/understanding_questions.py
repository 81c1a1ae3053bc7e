"""Questions in free text: whether a sentence asks, and the read command that answers it.

A question reads; it never writes. The answers are the manager commands (/report, /forecast, /funnel,
/stuck, /deals, /tasks) and the cards (/show); this module only routes to them.
"""

import re
from collections import Counter

from handlers.language import vocabulary as v
from handlers.language.countries import country_code
from handlers.language.periods import take_period
from handlers.language.understanding_names import Names, mention

QUESTION_ROUTES = {  # what a question is answered by; {period} is the period the question names
    "tasks_today": "/tasks {mine}today", "tasks_tomorrow": "/tasks {mine}tomorrow", "tasks_week": "/tasks {mine}week",
    "tasks_overdue": "/tasks {mine}overdue", "tasks": "/tasks {mine}", "team_overdue": "/tasks overdue",
    "deals": "/deals {mine}", "deals_closing": "/deals {mine}closing month", "deals_stage": "/deals {mine}{stage}",
    "deals_won": "/deals won", "deals_lost": "/deals lost",
    "won": "/report won {period}", "lost": "/report lost {period}", "win_rate": "/report {period}",
    "summary": "/report {period}", "reps": "/report reps {period}", "activity": "/report activity {period}",
    "sources": "/report sources {period}", "contacts": "/report contacts {period}",
    "forecast": "/forecast {period}{by_rep}", "funnel": "/funnel {period}", "stuck": "/stuck",
    "pipeline": "/pipeline", "who": "/show {name}", "company": "/show #company:{id}",
    "place": "/segment {field}:{place}", "in_stage": "/segment stage:{stage}",
}
PEOPLE_WORDS = {"who", "whom", "contacts", "customers", "clients", "leads", "people", "everyone", "everybody",
                "anyone", "wer", "wen", "kontakte", "kunden", "leute", "alle", "jemand", "jemanden"}
ASKING = {"show", "list", "which", "any", "zeig", "zeige", "welche", "liste"}  # "show me everyone in …"
ARTICLES = {"the", "der", "die", "das", "dem", "den"}
NOT_PLACES = (v.DEAL_QUESTION | v.TASK_QUESTION | v.LIST_WORDS | v.MINE_WORDS | set(v.DAY_SCOPES) | set(v.STAGE_WORDS)
              | {"sales", "marketing", "vertrieb", "einkauf", "support", "team", "office", "büro", "buero"})
PLACE_LEADS = ("in", "from", "aus", "im", "based in", "located in", "near")  # "at" is a company's (WORKS_AT)
_PLACE = re.compile(rf"\s(?:{'|'.join(re.escape(lead) for lead in PLACE_LEADS)})\s+(?P<place>[^\W\d_][\w .'’-]*?)\s*$")
_WORDS = re.compile(r"[\w'’-]+")


def is_question(low: str, names: Names) -> bool:
    """A question reads; it never writes. "anna?", "who is anna", "was steht heute an", "my deals", "funnel",
    "contacts in munich"."""
    bare = low.strip(" ?!.")
    words = bare.split()
    if asks_place(bare, names) or bare.startswith(v.WORKS_AT):  # "people at acme": asked, not a note
        return True
    if low.rstrip().endswith("?") or bare.startswith(v.QUESTION_STARTS):
        return True
    if not words:
        return False
    if words[0] in v.READ_STARTS or words[0] in v.FORECAST_WORDS | v.FUNNEL_WORDS | v.WIN_RATE_WORDS:
        return True
    if len(words) > 1 and words[1] in v.LIST_WORDS and len(words) <= 5:
        return True  # "open tasks", "lost deals this year", "meine aufgaben"
    if len(words) <= 5 and {words[0], words[-1]} & v.FIELD_QUESTION and not re.search(r"@|\d{4}", bare):
        return True  # "anna's phone number": asked, not given
    if words[0] in v.MINE_WORDS and len(words) <= 4:
        return True
    if " ".join(words[:2]) in {"win rate", "deals closing", "deals won", "deals lost"}:
        return True
    return 1 <= len(words) <= 3 and len(bare) >= 3 and _whole_name(bare, names)  # a name alone shows its card


def asks_place(low: str, names: Names) -> str:
    """ "who do we have in munich", "contacts in germany", "kunden aus hamburg": the segment of that city or country,
    and "who is in negotiation": of the contacts with a deal in that open stage; "" when the sentence asks no such
    thing. It must start with the people asked for, or with "show" or "which" and them ("add contact Max Weber in
    Berlin" writes). The place is its last one to three words; a period, the words of other questions or a record's
    name there ("contacts in december", "who is in the pipeline", "who is at acme") is not a place."""
    low = low.strip(" ?!.")
    found = _PLACE.search(low)
    if found is None:
        return ""
    before = low[:found.start()].split()
    if not before or not (before[0] in PEOPLE_WORDS or (before[0] in ASKING and set(before[1:4]) & PEOPLE_WORDS)):
        return ""
    place = found["place"].strip(" .'’")
    words = place.split()
    stage = v.STAGE_WORDS.get(words[-1]) if words else None
    if stage not in (None, "won", "lost") and (len(words) == 1 or (len(words) == 2 and words[0] in ARTICLES)):
        return QUESTION_ROUTES["in_stage"].format(stage=stage)  # "who is in negotiation": people with such a deal
    if not 1 <= len(words) <= 3 or set(words) & NOT_PLACES or take_period(words)[0] is not None:
        return ""
    if _whole_name(place, names):
        return ""
    field = "country" if country_code(place) else "city"
    return QUESTION_ROUTES["place"].format(field=field, place=f'"{place}"' if len(words) > 1 else place)


def _whole_name(text: str, names: Names) -> bool:
    return any(names.exact(text, kind=kind) for kind in ("contact", "company", "deal"))


def _period(words: list[str]) -> str:
    """The words that name a period ("this month", "q1", "letzten monat"), as typed; "" for none."""
    spec, rest = take_period(words)
    if spec is None:
        return ""
    left = Counter(w.casefold() for w in rest)
    taken = []
    for word in words:
        if left[word.casefold()]:
            left[word.casefold()] -= 1
        else:
            taken.append(word)
    return " ".join(taken)


def _has(low: str, words: set[str], vocabulary: set[str] | tuple[str, ...]) -> bool:
    """Whether a word of the vocabulary is among the words, or a phrase of it in the text."""
    return any((" " in item and re.search(rf"(?<!\w){re.escape(item)}(?!\w)", low)) or item in words
               for item in vocabulary)


def route_question(text: str, names: Names) -> str:
    """The read command a question is answered by, from QUESTION_ROUTES; "" when none fits."""
    low = " ".join(text.casefold().replace("’", "'").split()).strip(" ?!.")
    tokens = [t.strip("'") for t in _WORDS.findall(low)]
    words = set(tokens)
    place = asks_place(low, names)
    if place:
        return place
    record = _record(low, text, names)
    if record:
        return record
    period = _period([t for t in tokens if t not in v.MINE_WORDS])
    topic = _topic(low, words, names, text) or ("summary" if period else "")
    if not topic:
        found = mention(text, names)
        return QUESTION_ROUTES["who"].format(name=found.text) if found is not None and found.known else ""
    mine = "mine " if words & v.MINE_WORDS else ""
    stage = next((v.STAGE_WORDS[t] for t in tokens if t in v.STAGE_WORDS), "")
    by_rep = " by rep" if _has(low, words, v.REP_QUESTION) or {"per", "pro", "je"} & words else ""
    name = ""
    if topic == "who":
        found = mention(text, names)
        name = found.text if found else low
    command = QUESTION_ROUTES[topic].format(period=period, mine=mine, stage=stage, by_rep=by_rep, name=name, id="")
    return " ".join(command.split())


def _record(low: str, text: str, names: Names) -> str:
    """A question about one record: "who is anna", "show me globex", "who works at globex", "ben's email?"."""
    for lead in v.WORKS_AT:
        if low.startswith(lead):
            said = low[len(lead):].strip()
            companies = names.exact(said, kind="company")
            if len(companies) == 1:
                return QUESTION_ROUTES["company"].format(id=companies[0].id)
            return QUESTION_ROUTES["who"].format(name=said)
    for lead in v.WHO_IS:
        if low.startswith(lead):
            said = re.sub(r"^(?:me|mir|uns|us)\s+", "", low[len(lead):].strip())
            if _topic(said, set(_WORDS.findall(said)), names, said) not in ("", "who"):
                return ""  # "show me the funnel": a report, not a record
            return QUESTION_ROUTES["who"].format(name=said) if said else ""
    words = set(_WORDS.findall(low))
    if _has(low, words, v.FIELD_QUESTION) or (words & v.TASK_QUESTION and words & {"for", "für", "fuer", "von", "of",
                                                                                     "with", "mit", "bei"}):
        found = mention(text, names)
        if found is not None and found.known:
            return QUESTION_ROUTES["who"].format(name=found.text)
    return ""


def _topic(low: str, words: set[str], names: Names, text: str) -> str:
    """The QUESTION_ROUTES key a question's words name: the manager's figures first, then deals, tasks, people."""
    return _figures_topic(low, words) or _list_topic(low, words, names)


def _figures_topic(low: str, words: set[str]) -> str:
    """A question about the numbers: overdue across the team, forecast, funnel, rates, stuck, sources, reps."""
    overdue = bool(words & v.OVERDUE_WORDS)
    if overdue and not words & v.MINE_WORDS and _has(low, words, v.TEAM_WORDS):
        return "team_overdue"
    if words & v.FORECAST_WORDS:
        return "forecast"
    if words & v.FUNNEL_WORDS and not words & v.WIN_RATE_WORDS:
        return "funnel"
    if words & v.WIN_RATE_WORDS or (words & v.RATE_WORDS and words & (v.WON_QUESTION | {"win", "gewinn"})):
        return "win_rate"
    if words & v.STUCK_WORDS or _has(low, words, v.NO_ACTIVITY):
        return "stuck"
    counting = _has(low, words, v.COUNT_WORDS)
    if _has(low, words, v.SOURCE_QUESTION) and (words & v.CONTACT_COUNT or "deals" in words or "sources" in words
                                                 or "quellen" in words):
        return "sources"
    if counting and words & v.ACTIVITY_QUESTION:
        return "activity"
    if words & {"activity", "aktivität", "aktivitaet"} and not words & v.DEAL_QUESTION:
        return "activity"
    if counting and words & v.CONTACT_COUNT and not words & v.DEAL_QUESTION:
        return "contacts"
    if _has(low, words, v.REP_QUESTION) and (words & (v.WON_QUESTION | {"sold", "verkauft", "umsatz", "revenue"})
                                             or words & {"per", "pro", "je", "by", "nach"}):
        return "reps"
    return ""


def _list_topic(low: str, words: set[str], names: Names) -> str:
    """A question that lists: deals, won or lost, the pipeline, a summary, tasks by day, or a person."""
    if words & v.DEAL_QUESTION - {"pipeline", "forecast", "umsatz", "revenue"}:
        return _deal_topic(words)
    if words & v.WON_QUESTION or words & {"umsatz", "revenue", "sold", "verkauft"}:
        return "won"
    if words & v.LOST_QUESTION:
        return "lost"
    if "pipeline" in words:
        return "pipeline"
    if _has(low, words, v.SUMMARY_QUESTION):
        return "summary"
    scope = next((v.DAY_SCOPES[w] for w in re.findall(r"[\wäöüß]+", low) if w in v.DAY_SCOPES), None)
    if scope or words & v.TASK_QUESTION:
        return f"tasks_{scope}" if scope else "tasks"
    if len(words) <= 3 and _whole_name(low, names):
        return "who"
    return ""


def _deal_topic(words: set[str]) -> str:
    """ "my deals", "deals closing this month", "deals in negotiation", "which deals did we win"."""
    if words & v.CLOSING_WORDS:
        return "deals_closing"
    if words & v.WON_QUESTION:
        return "won"
    if words & v.LOST_QUESTION:
        return "lost"
    if words & set(v.STAGE_WORDS):
        return "deals_stage"
    return "deals"
