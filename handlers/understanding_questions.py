"""Questions in free text: whether a sentence asks, and the read command that answers it.

A question reads; it never writes. The answers are the manager commands (/report, /forecast, /funnel,
/stuck, /deals, /tasks); this module only routes to them.
"""

import re

from handlers import vocabulary as v
from handlers.understanding_names import Names

QUESTION_ROUTES = {  # what a question is answered by; retarget here when the report commands land
    "tasks_today": "/tasks today", "tasks_tomorrow": "/tasks tomorrow", "tasks_week": "/tasks week",
    "tasks_overdue": "/tasks overdue", "tasks": "/tasks", "deals": "/deals", "deals_closing": "/deals",
    "won": "/pipeline", "stuck": "/pipeline", "team_overdue": "/digest team", "pipeline": "/pipeline",
    "who": "/show {name}",
}


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
    if 1 <= len(words) <= 3 and len(bare) >= 3 and _whole_name(bare, names):
        return True  # a name alone shows its card
    return False


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


