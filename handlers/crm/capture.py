"""Free text capture: "met Anna Schulz from Acme, wants a demo next tuesday 10am" becomes a contact,
a note and a follow-up task, each guess confirmed with buttons to correct it."""

import re

from handlers.context import Context
from handlers.crm.contacts import MAX_NOTE, create_contact
from handlers.crm.resolve import contact_label, mentioned_contact, resolve
from handlers.errors import InvalidValue, NotUnderstood
from handlers.language import commands as c
from handlers.language.dates import DateMatch, find_when
from handlers.language.fields import check_name
from handlers.texts.fmt import short, when
from handlers.texts.reply import Button, Reply
from storage.models import Contact, Interaction, Task

_REF = re.compile(r"#(\d+)")
_CAPITALIZED = r"[A-ZÄÖÜ][\w'-]+"
_NEW_NAME = re.compile(rf"\b{_CAPITALIZED}(?:\s+(?:van|von|de|der|den|zu)?\s*{_CAPITALIZED}){{1,2}}")
_COMPANY = re.compile(r"\b(?:from|at|of|with|von|bei|vom|der|die)\s+"
                      r"([A-ZÄÖÜ0-9][\w&.'-]*(?:\s+(?:GmbH|AG|KG|SE|UG|Inc\.?|Ltd\.?|LLC|Corp\.?|Co\.?))?)")
LEADING_WORDS = {"met", "meet", "meeting", "called", "call", "spoke", "saw", "visited", "emailed", "traf",
                 "treffen", "anrufen", "besuch", "besucht", "mr", "mrs", "ms", "dr", "herr", "herrn", "frau",
                 "prof", "with", "mit", "lunch", "dinner", "demo", "today", "heute", "morgen", "tomorrow"}


def capture(ctx: Context, cmd: c.Capture) -> Reply:
    text = " ".join(cmd.text.split())
    if len(text) > MAX_NOTE:
        raise InvalidValue(field="note", value=text[:30] + "…", reason=f"longer than {MAX_NOTE} characters")
    found = find_when(text, now=ctx.now, tz=ctx.tz)
    rest = found.rest if found else text
    contact, is_new = capture_contact(ctx, rest)
    if contact is None and found is None:
        raise NotUnderstood()
    lines = []
    if contact is not None:
        ctx.add(Interaction(workspace_id=ctx.workspace.id, contact_id=contact.id, kind="note", text=text,  # type: ignore[arg-type]
                            author_id=ctx.member.id, created_at=ctx.now))
        lines.append(ctx.t("captured_contact_new" if is_new else "captured_contact", name=contact_label(ctx, contact)))
        lines.append(ctx.t("captured_note"))
    task = add_follow_up(ctx, found, rest, contact) if found else None
    buttons = [[Button(ctx.t("button_undo_all"), command="/undo")]]
    if task is not None:
        lines.append(ctx.t("captured_task", title=task.title, when=when(task.due_at, ctx.tz, ctx.lang, now=ctx.now)))
        buttons[0].append(Button(ctx.t("button_other_date"), command=f"/due {task.id}"))
    if contact is not None:
        buttons[0].append(Button(ctx.t("button_show", name=short(contact.name, 20)), command=f"/show #{contact.id}"))
    return Reply("\n".join(lines), buttons=buttons, changed=True)


def capture_contact(ctx: Context, text: str) -> tuple[Contact | None, bool]:
    """The contact a sentence is about: referenced, existing by name, or new from a capitalized name."""
    reference = _REF.search(text)
    if reference:
        return resolve(ctx, reference[0]), False  # type: ignore[return-value]
    name = new_name(text)
    if name:
        hits = ctx.index.search(name, kinds=("contact",), limit=2)
        if hits and hits[0].score >= 90 and (len(hits) == 1 or hits[1].score < hits[0].score - 5):
            return resolve(ctx, f"#{hits[0].entry.id}"), False  # type: ignore[return-value]
    else:
        existing = mentioned_contact(ctx, text)
        if existing is not None:
            return existing, False
        return None, False
    company = _COMPANY.search(text)
    fields = {"company": company[1]} if company and company[1] not in name else {}
    return create_contact(ctx, check_name(name), fields, source="chat"), True


def new_name(text: str) -> str | None:
    """The first run of two or three capitalized words, without a leading verb or title."""
    for match in _NEW_NAME.finditer(text):
        words = match[0].split()
        while words and words[0].casefold().strip(".") in LEADING_WORDS:
            words = words[1:]
        if len(words) >= 2:
            return " ".join(words)
    return None


def add_follow_up(ctx: Context, found: DateMatch, rest: str, contact: Contact | None) -> Task:
    """The task is the clause that held the date ("wants a demo"); the note keeps the whole sentence."""
    clauses = [part.strip() for part in re.split(r"[,;]", rest) if part.strip()]
    title = clauses[-1] if clauses else ""
    if contact is not None and (not title or title.casefold() == contact.name.casefold()):
        title = ctx.t("follow_up", name=contact.name)
    task = Task(workspace_id=ctx.workspace.id, title=short(title or found.phrase, 500), due_at=found.when,  # type: ignore[arg-type]
                contact_id=contact.id if contact else None, assignee_id=ctx.member.id,
                created_by=ctx.member.id, created_at=ctx.now)
    ctx.add(task)
    return task
