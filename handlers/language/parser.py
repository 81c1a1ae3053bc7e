"""Turn a command's arguments into its dataclass: "call Anna tomorrow 9am" becomes AddTask("call Anna tomorrow 9am").

Which word calls which parser is the registry's (handlers/registry.py); here is only the reading.
"""

import re

from handlers.errors import CrmError, Expired, RecordGone, Usage
from handlers.language import commands as c
from handlers.language import report_parser
from handlers.language.vocabulary.commands import (
    CARD_ACTIONS,
    CARD_FIELDS,
    CONFIRM_WORDS,
    EXPORT_FORMATS,
    EXPORT_WHAT,
    IMPORT_MODES,
    MINE,
    PRIVACY_ACTIONS,
    TASK_SCOPES,
)

MAX_ID = 2**31 - 1  # the id columns' range: a larger id names no record
CHOICE = re.compile(r"^(?:(?:contact|company|deal):)?\d+$")  # a picked record: 12, contact:12
_COMMAND = re.compile(r"^/(?P<word>[^\s@:]+)(?:@\S+)?[:\s]*(?P<args>.*)$", re.DOTALL)
_BATCH = re.compile(r"^[0-9a-f]{32}$")
EXPORTS = {"contacts": ("csv", "vcf", "vcf4"), "deals": ("csv",), "tasks": ("ics",)}  # the first is the default


def split_command(text: str) -> tuple[str, str] | None:
    """("/task@bot call anna" -> ("task", "call anna")); None for free text."""
    match = _COMMAND.match(text)
    return (match["word"].casefold(), match["args"].strip()) if match else None


def split_name(args: str, name: str) -> tuple[str, str]:
    """Split "anna: called her" into ("anna", "called her"); the colon is optional for one-word names."""
    if ":" in args:
        query, rest = args.split(":", 1)
    else:
        query, _, rest = args.partition(" ")
    if not query.strip() or not rest.strip():
        raise Usage(command=name)
    return query.strip(), rest.strip()


def split_note(args: str, name: str) -> tuple[str, str]:
    """Like split_name, but "#12:" with nothing after the colon is a note still to be written (a button's)."""
    query, colon, rest = args.partition(":")
    if colon and query.strip() and not rest.strip():
        return query.strip(), ""
    return split_name(args, name)


def required(args: str, name: str) -> str:
    if not args:
        raise Usage(command=name)
    return args


def record_id(word: str, name: str, *, missing: type[CrmError] = RecordGone) -> int:
    """The id a word gives ("12", "#12"): Usage when it is none, `missing` when no record can have it."""
    word = word.lstrip("#")
    if not (word.isascii() and word.isdigit()):
        raise Usage(command=name)
    if int(word) > MAX_ID:
        raise missing()
    return int(word)


def task_number(args: str, name: str) -> tuple[int, str]:
    word, _, rest = args.partition(" ")
    return record_id(word, name), rest.strip()


_ABOUT = re.compile(r"^about=(#\d+|-)\s+(.*)$", re.DOTALL)


_TRAILING_REF = re.compile(r"\s*#(\d+)\s*$")


def read_task(args: str, name: str) -> c.AddTask:
    """A task's text; "about=#12 " before it names the contact already chosen ("about=-": none)."""
    about = _ABOUT.match(required(args, name))
    if about:
        return c.AddTask(required(about[2].strip(), name), about=about[1])
    trailing = _TRAILING_REF.search(args)  # "call her #12": a card's button appended the contact
    return c.AddTask(args[: trailing.start()].strip(), about=f"#{trailing[1]}") if trailing else c.AddTask(args)


def read_add(args: str, name: str) -> c.AddContact:
    force = args.startswith("! ")
    parts = tuple(p.strip() for p in required(args.removeprefix("! "), name).split(","))
    if not parts[0]:
        raise Usage(command=name)
    return c.AddContact(parts[0], tuple(p for p in parts[1:] if p), force=force)


_RECORD_REF = re.compile(r"^(#(?:contact|company|deal):\d+)\s*:?\s*(.*)$", re.DOTALL)


def _edit_parts(rest: str) -> list[str]:
    """The `field=value` parts; with "=" about, a part without one continues the value before ("1.500,5")."""
    parts: list[str] = []
    for separator, part in re.findall(r"(^|[,;])\s*([^,;]*)", rest):
        if separator == "," and parts and "=" in parts[-1] and "=" not in part:
            parts[-1] += "," + part
        else:
            parts.append(part)
    return parts


def read_edit(args: str, name: str) -> c.EditContact:
    reference = _RECORD_REF.match(args)
    query, rest = (reference[1], reference[2].strip()) if reference else split_name(args, name)
    if not rest:
        raise Usage(command=name)
    changes = []
    for part in _edit_parts(rest):
        field, sep, value = part.partition("=")
        if not sep:
            field, _, value = part.strip().partition(" ")
        if not field.strip() or not value.strip():
            raise Usage(command=name)
        changes.append((field.strip().casefold(), value.strip()))
    return c.EditContact(query, tuple(changes))


def read_delete(args: str, name: str) -> c.DeleteContact:
    query = required(args, name)
    head, _, last = query.rpartition(" ")
    if head and last.casefold() in CONFIRM_WORDS:
        return c.DeleteContact(head.strip(), confirmed=True)
    return c.DeleteContact(query)


def read_contacts(args: str, name: str) -> c.ListContacts:
    page, words = report_parser.take_page(args.split())
    if words:
        raise Usage(command=name)
    return c.ListContacts(page)


def read_tasks(args: str, name: str) -> c.ListTasks:
    page, words = report_parser.take_page(args.split())
    members = [word[1:] for word in words if word.startswith("@") and len(word) > 1]
    words = [word.casefold() for word in words if not word.startswith("@")]
    mine = any(word in MINE for word in words)
    scope = TASK_SCOPES.get(" ".join(word for word in words if word not in MINE))
    if scope is None or len(members) > 1 or (members and mine):
        raise Usage(command=name)
    return c.ListTasks(scope, mine=mine, page=page, member=members[0] if members else "")


_LOST = re.compile(r"^(?P<query>.+?)\s+(?P<stage>lost|verloren)\s*[:,-]?\s+(?P<reason>\S.*)$", re.IGNORECASE | re.DOTALL)


def read_stage(args: str, name: str) -> c.MoveDeal:
    lost = _LOST.match(required(args, name))
    if lost:  # "/stage acme lost: too expensive" keeps the reason
        return c.MoveDeal(lost["query"].strip(), lost["stage"], lost["reason"].strip())
    query, _, stage = args.rpartition(" ")
    if not query.strip() or not stage:
        raise Usage(command=name)
    return c.MoveDeal(query.strip(), stage)


def read_pick(args: str, name: str) -> c.Pick:
    pending, _, choice = args.partition(" ")
    return c.Pick(record_id(pending, name, missing=Expired), choice.strip())




def read_card(args: str, name: str) -> c.CardAction:
    """"3 save", "3 !", "3 into #12", "3 fix", "3 set email anna@acme.de", "3 cancel"."""
    number, _, rest = args.partition(" ")
    word, _, rest = rest.strip().partition(" ")
    action = CARD_ACTIONS.get(word.casefold())
    if action is None:
        raise Usage(command=name)
    scan_id = record_id(number, name, missing=Expired)
    if action == "into":
        return c.CardAction(scan_id, action, value=str(record_id(rest.strip(), name)))
    if action == "set":
        field, _, value = rest.strip().partition(" ")
        if field not in CARD_FIELDS:
            raise Usage(command=name)
        return c.CardAction(scan_id, action, field, value.strip())
    return c.CardAction(scan_id, action)


def read_attach(args: str, name: str) -> c.Attach:
    number, _, query = args.partition(" ")
    if not query.strip():
        raise Usage(command=name)
    return c.Attach(record_id(number, name), query.strip())


def pair(args: str, name: str) -> tuple[str, str]:
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


def read_merge(args: str, name: str) -> c.Merge | c.MergeDetails:
    """Two records ("#12 #15", "anna, anna s"), or a contact and a new one's details ("#12: anna s, acme")."""
    into = re.match(r"^(#[0-9]+)\s*:(.*)$", args, re.DOTALL)
    if into is None:
        return c.Merge(*pair(args, name))
    parts = tuple(part.strip() for part in into[2].split(","))
    if not parts[0]:
        raise Usage(command=name)
    return c.MergeDetails(into[1], parts[0], tuple(part for part in parts[1:] if part))


def read_import(args: str, name: str) -> c.ConfirmImport:
    number, _, mode = args.partition(" ")
    if mode.strip().casefold() not in IMPORT_MODES:
        raise Usage(command=name)
    return c.ConfirmImport(record_id(number, name, missing=Expired), IMPORT_MODES[mode.strip().casefold()])


def read_export(args: str, name: str) -> c.Export:
    words = args.casefold().split()
    what = EXPORT_WHAT.get(words[0]) if words else None
    if what is None or len(words) > 2:
        raise Usage(command=name)
    fmt = EXPORT_FORMATS.get(words[1]) if len(words) == 2 else EXPORTS[what][0]
    if fmt not in EXPORTS[what]:
        raise Usage(command=name)
    return c.Export(what, fmt)


def read_privacy(args: str, name: str) -> c.Privacy:
    word, _, query = args.partition(" ")
    action = PRIVACY_ACTIONS.get(word.casefold())
    if action is None or not query.strip():
        raise Usage(command=name)
    head, _, last = query.strip().rpartition(" ")
    if action == "erase" and head and last.casefold() in CONFIRM_WORDS:
        return c.Privacy(action, head.strip(), confirmed=True)
    return c.Privacy(action, query.strip())


def read_undo(args: str, name: str) -> c.Undo:
    """"/undo" alone, or "/undo <batch>" from an undo button; anything else is a mistyped button."""
    batch = args.strip()
    if batch and not _BATCH.match(batch):
        raise Usage(command=name)
    return c.Undo(batch or None)


def assignee(args: str, name: str) -> tuple[int, str]:
    number, member = task_number(args, name)
    if not member:
        raise Usage(command=name)
    return number, member.lstrip("@")


def read_role(args: str, name: str) -> c.SetRole:
    query, _, role = required(args, name).rpartition(" ")
    if not query.strip():
        raise Usage(command=name)
    return c.SetRole(query.strip().lstrip("@"), role.casefold())


def read_web(args: str, name: str) -> c.Web:
    """"/web" alone for a sign-in link, or an action and its argument ("/web hook https://...")."""
    action, _, argument = args.strip().partition(" ")
    return c.Web(action.casefold(), argument.strip())
