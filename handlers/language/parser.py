"""Turn text into a command: "/task call Anna tomorrow 9am" becomes AddTask("call Anna tomorrow 9am").

Command words are accepted in English and German; the alias table is the one place that lists them.
"""

import re
from collections.abc import Callable

from handlers.language import commands as c
from handlers.errors import Usage

ALIASES: dict[str, tuple[str, ...]] = {
    "start": ("start",),
    "help": ("help", "hilfe", "h", "?"),
    "add": ("add", "neu", "kontakt", "contact"),
    "company": ("company", "firma"),
    "edit": ("edit", "ändern", "aendern", "bearbeiten"),
    "note": ("note", "notiz"),
    "call": ("call", "anruf"),
    "meeting": ("meeting", "treffen"),
    "email": ("email", "mail"),
    "show": ("show", "zeige", "zeigen", "card", "karte"),
    "contacts": ("contacts", "kontakte"),
    "delete": ("delete", "löschen", "loeschen"),
    "task": ("task", "todo", "aufgabe"),
    "tasks": ("tasks", "aufgaben"),
    "done": ("done", "erledigt"),
    "snooze": ("snooze", "später", "spaeter"),
    "due": ("due", "reschedule", "termin"),
    "deal": ("deal", "geschäft", "geschaeft"),
    "deals": ("deals",),
    "stage": ("stage", "phase"),
    "pipeline": ("pipeline",),
    "find": ("find", "search", "suche", "finde", "f"),
    "undo": ("undo", "rückgängig", "rueckgaengig", "zurück", "zurueck"),
    "lang": ("lang", "language", "sprache"),
    "tz": ("tz", "timezone", "zeitzone"),
    "pick": ("pick",),
    "attach": ("attach", "anhängen", "anhaengen"),
    "files": ("files", "dateien"),
    "digest": ("digest", "bericht"),
    "assign": ("assign", "zuweisen"),
    "team": ("team",),
    "role": ("role", "rolle"),
    "duplicates": ("duplicates", "dupes", "dubletten", "duplikate"),
    "merge": ("merge", "zusammenführen", "zusammenfuehren"),
    "distinct": ("distinct", "verschieden"),
    "compare": ("compare", "vergleichen", "vergleiche"),
    "import": ("import", "importieren"),
    "export": ("export", "exportieren"),
    "privacy": ("privacy", "gdpr", "datenschutz", "dsgvo"),
    "history": ("history", "verlauf", "audit"),
}
COMMAND_OF = {alias: name for name, aliases in ALIASES.items() for alias in aliases}
_COMMAND = re.compile(r"^/(?P<word>[^\s@:]+)(?:@\S+)?[:\s]*(?P<args>.*)$", re.DOTALL)
_TASK_SCOPES = {"today": "today", "heute": "today", "overdue": "overdue", "überfällig": "overdue",
                "ueberfaellig": "overdue", "upcoming": "upcoming", "demnächst": "upcoming",
                "demnaechst": "upcoming", "all": "all", "alle": "all", "": "all"}
_MINE = {"mine", "my", "meine", "mein"}
CONFIRM_WORDS = {"yes", "ja", "confirm", "!"}
IMPORT_MODES = {"": "skip", "skip": "skip", "überspringen": "skip", "ueberspringen": "skip", "merge": "merge",
                "zusammenführen": "merge", "zusammenfuehren": "merge", "ergänzen": "merge", "ergaenzen": "merge",
                "cancel": "cancel", "abbrechen": "cancel"}
EXPORT_WHAT = {"contacts": "contacts", "contact": "contacts", "kontakte": "contacts", "deals": "deals",
               "deal": "deals", "geschäfte": "deals", "geschaefte": "deals", "tasks": "tasks", "task": "tasks",
               "aufgaben": "tasks"}
EXPORT_FORMATS = {"csv": "csv", "vcf": "vcf", "vcard": "vcf", "vcards": "vcf", "ics": "ics", "ical": "ics",
                  "icalendar": "ics", "calendar": "ics", "kalender": "ics"}
EXPORTS = {"contacts": ("csv", "vcf"), "deals": ("csv",), "tasks": ("ics",)}  # the first is the default
PRIVACY_ACTIONS = {"export": "export", "auskunft": "export", "erase": "erase", "forget": "erase",
                   "löschen": "erase", "loeschen": "erase", "vergessen": "erase"}


def command_word(text: str) -> str | None:
    """The canonical command name of a slash command, or None for free text."""
    match = _COMMAND.match(text)
    return COMMAND_OF.get(match["word"].casefold()) if match else None


def parse(text: str) -> c.Command:
    """Parse one message; text that is not a slash command is free-text capture."""
    match = _COMMAND.match(text)
    if match is None:
        return c.Capture(text)
    name = COMMAND_OF.get(match["word"].casefold())
    if name is None:
        raise Usage(command=match["word"], unknown=True)
    args = match["args"].strip()
    return PARSERS[name](args, name)


def _split_name(args: str, name: str) -> tuple[str, str]:
    """Split "anna: called her" into ("anna", "called her"); the colon is optional for one-word names."""
    if ":" in args:
        query, rest = args.split(":", 1)
    else:
        query, _, rest = args.partition(" ")
    if not query.strip() or not rest.strip():
        raise Usage(command=name)
    return query.strip(), rest.strip()


def _required(args: str, name: str) -> str:
    if not args:
        raise Usage(command=name)
    return args


def _task_id(args: str, name: str) -> tuple[int, str]:
    word, _, rest = args.partition(" ")
    word = word.lstrip("#")
    if not word.isdigit():
        raise Usage(command=name)
    return int(word), rest.strip()


def _add(args: str, name: str) -> c.AddContact:
    force = args.startswith("! ")
    parts = tuple(p.strip() for p in _required(args.removeprefix("! "), name).split(","))
    if not parts[0]:
        raise Usage(command=name)
    return c.AddContact(parts[0], tuple(p for p in parts[1:] if p), force=force)


def _edit(args: str, name: str) -> c.EditContact:
    query, rest = _split_name(args, name)
    changes = []
    for part in re.split(r"[,;]\s*", rest):
        field, sep, value = part.partition("=")
        if not sep:
            field, _, value = part.strip().partition(" ")
        if not field.strip() or not value.strip():
            raise Usage(command=name)
        changes.append((field.strip().casefold(), value.strip()))
    return c.EditContact(query, tuple(changes))


def _delete(args: str, name: str) -> c.DeleteContact:
    query = _required(args, name)
    head, _, last = query.rpartition(" ")
    if head and last.casefold() in CONFIRM_WORDS:
        return c.DeleteContact(head.strip(), confirmed=True)
    return c.DeleteContact(query)


def _tasks(args: str, name: str) -> c.ListTasks:
    words = args.casefold().split()
    mine = any(word in _MINE for word in words)
    scope = _TASK_SCOPES.get(" ".join(word for word in words if word not in _MINE))
    if scope is None:
        raise Usage(command=name)
    return c.ListTasks(scope, mine=mine)


def _stage(args: str, name: str) -> c.MoveDeal:
    query, _, stage = _required(args, name).rpartition(" ")
    if not query.strip() or not stage:
        raise Usage(command=name)
    return c.MoveDeal(query.strip(), stage)


def _pick(args: str, name: str) -> c.Pick:
    pending, _, choice = args.partition(" ")
    if not pending.isdigit():
        raise Usage(command=name)
    return c.Pick(int(pending), choice.strip())


def _attach(args: str, name: str) -> c.Attach:
    number, _, query = args.partition(" ")
    if not number.isdigit() or not query.strip():
        raise Usage(command=name)
    return c.Attach(int(number), query.strip())


def _pair(args: str, name: str) -> tuple[str, str]:
    """Two records: "#12 #15", or two names separated by a comma ("anna schulz, anna schultz")."""
    if "," in args:
        first, second = args.split(",", 1)
    else:
        words = args.split()
        if len(words) != 2:
            raise Usage(command=name)
        first, second = words
    if not first.strip() or not second.strip():
        raise Usage(command=name)
    return first.strip(), second.strip()


def _import(args: str, name: str) -> c.ConfirmImport:
    number, _, mode = args.partition(" ")
    number = number.lstrip("#")
    if not number.isdigit() or mode.strip().casefold() not in IMPORT_MODES:
        raise Usage(command=name)
    return c.ConfirmImport(int(number), IMPORT_MODES[mode.strip().casefold()])


def _export(args: str, name: str) -> c.Export:
    words = args.casefold().split()
    what = EXPORT_WHAT.get(words[0]) if words else None
    if what is None or len(words) > 2:
        raise Usage(command=name)
    fmt = EXPORT_FORMATS.get(words[1]) if len(words) == 2 else EXPORTS[what][0]
    if fmt not in EXPORTS[what]:
        raise Usage(command=name)
    return c.Export(what, fmt)


def _privacy(args: str, name: str) -> c.Privacy:
    word, _, query = args.partition(" ")
    action = PRIVACY_ACTIONS.get(word.casefold())
    if action is None or not query.strip():
        raise Usage(command=name)
    head, _, last = query.strip().rpartition(" ")
    if action == "erase" and head and last.casefold() in CONFIRM_WORDS:
        return c.Privacy(action, head.strip(), confirmed=True)
    return c.Privacy(action, query.strip())


def _assignee(args: str, name: str) -> tuple[int, str]:
    task_id, member = _task_id(args, name)
    if not member:
        raise Usage(command=name)
    return task_id, member.lstrip("@")


def _role(args: str, name: str) -> c.SetRole:
    query, _, role = _required(args, name).rpartition(" ")
    if not query.strip():
        raise Usage(command=name)
    return c.SetRole(query.strip().lstrip("@"), role.casefold())


PARSERS: dict[str, Callable[[str, str], c.Command]] = {
    "start": lambda args, name: c.Start(),
    "help": lambda args, name: c.Help(args.lstrip("/").casefold()),
    "add": _add,
    "company": lambda args, name: c.AddCompany(_required(args, name)),
    "edit": _edit,
    "note": lambda args, name: c.LogInteraction("note", *_split_name(args, name)),
    "call": lambda args, name: c.LogInteraction("call", *_split_name(args, name)),
    "meeting": lambda args, name: c.LogInteraction("meeting", *_split_name(args, name)),
    "email": lambda args, name: c.LogInteraction("email", *_split_name(args, name)),
    "show": lambda args, name: c.Show(_required(args, name)),
    "contacts": lambda args, name: c.ListContacts(),
    "delete": _delete,
    "task": lambda args, name: c.AddTask(_required(args, name)),
    "tasks": _tasks,
    "done": lambda args, name: c.CompleteTask(_task_id(args, name)[0]),
    "snooze": lambda args, name: c.SnoozeTask(*_task_id(args, name)),
    "due": lambda args, name: c.RescheduleTask(*_task_id(args, name)),
    "deal": lambda args, name: c.AddDeal(tuple(_required(args, name).split())),
    "deals": lambda args, name: c.ListDeals(),
    "stage": _stage,
    "pipeline": lambda args, name: c.ShowPipeline(),
    "find": lambda args, name: c.Find(_required(args, name)),
    "undo": lambda args, name: c.Undo(),
    "lang": lambda args, name: c.SetLanguage(_required(args, name).casefold()),
    "tz": lambda args, name: c.SetTimezone(_required(args, name)),
    "pick": _pick,
    "attach": _attach,
    "files": lambda args, name: c.ListFiles(_required(args, name)),
    "digest": lambda args, name: c.Digest(args),
    "assign": lambda args, name: c.AssignTask(*_assignee(args, name)),
    "team": lambda args, name: c.ShowTeam(),
    "role": _role,
    "duplicates": lambda args, name: c.FindDuplicates(),
    "merge": lambda args, name: c.Merge(*_pair(args, name)),
    "distinct": lambda args, name: c.MarkDistinct(*_pair(args, name)),
    "compare": lambda args, name: c.Compare(*_pair(args, name)),
    "import": _import,
    "export": _export,
    "privacy": _privacy,
    "history": lambda args, name: c.History(_required(args, name)),
}
