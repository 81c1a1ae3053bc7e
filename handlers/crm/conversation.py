"""Free text, understood: a Reading becomes the same commands slash commands produce, run through
their handlers (so rules, audit and undo are the same), or a question with buttons when unsure."""

import logging
import re
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from handlers.context import Context
from handlers.crm.choices import new_or_existing
from handlers.crm.choices import take_choices as take_choices  # the registry reads a pick's choices
from handlers.crm.contacts import MAX_NOTE, check_field, create_contact, likely_duplicates
from handlers.crm.conversation_fields import field_edit
from handlers.crm.conversation_people import (
    company_of_contact,
    known_company,
    new_name,
    only_contact_at,
    person,
    same_company,
)
from handlers.crm.deals import find_deal
from handlers.crm.resolve import contact_label
from handlers.crm.tagging import HASHTAG, hashtags, put_tags
from handlers.crm.tasks import date_question
from handlers.crm.undo import undo_button
from handlers.errors import InvalidValue, NotUnderstood
from handlers.language import commands as c
from handlers.language import vocabulary as v
from handlers.language.fields import check_name
from handlers.language.names import fold
from handlers.language.understanding import Reading, read, shorthand
from handlers.texts.fmt import short, when
from handlers.texts.reply import Button, Reply
from storage import queries
from storage.ids import id_of
from storage.models import Contact, Interaction, Task

logger = logging.getLogger(__name__)
Run = Callable[[c.Command | str], Reply]  # a command, or a command line to parse first
PERSON_WORD_SCORE = 80.0
_TIME_ONLY = re.compile(r"^(?:at|um|to|auf|gegen)?\s*\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|uhr|h)?$", re.IGNORECASE)


def converse(ctx: Context, text: str, run: Run) -> Reply:
    """Understand one free-text message and act on it; #tags in it go on the contact it is filed on."""
    tags = hashtags(text)
    if tags:
        reply = converse(ctx, " ".join(HASHTAG.sub(" ", text).split()), run)
        return tag_filed(ctx, reply, tags)
    edit = field_edit(ctx, text)
    if edit is not None:
        return run(edit)
    reading = read(text, names=ctx.index, now=ctx.now, tz=ctx.tz, region=ctx.region)
    logger.debug("read %r as %s", text, reading.intent)
    found = reading.when
    if found is not None and found.ask and reading.intent in ("capture", "followup"):
        spelled = shorthand(reading.text)  # the phrase was found in the spelled-out text
        question = date_question(ctx, found, lambda day: c.Capture(spelled.replace(found.phrase, day, 1)))
        if question is not None:
            return question
    if reading.intent == "greeting":
        return Reply(ctx.t("greeting"))
    if reading.intent == "command":
        return run(reading.command)
    if reading.intent == "question":
        return answer(ctx, reading, run)
    if reading.intent == "followup":
        return follow_up(ctx, reading, run)
    if reading.intent == "field":
        return update_field(ctx, reading, run)
    if reading.intent == "complete":
        return complete(ctx, reading, run)
    if reading.intent == "stage":
        return move_stage(ctx, reading, run)
    return capture(ctx, reading, run)


def tag_filed(ctx: Context, reply: Reply, tags: list[str]) -> Reply:
    """Tag the contact the message was filed on (when it wrote one), and say so."""
    kind, _, row_id = (ctx.member.last_record or "").partition(":")
    if not reply.changed or kind != "contact":
        return reply
    added = put_tags(ctx, "contact", int(row_id), tags)
    if added:
        reply.text += "\n" + ctx.t("card_tags", tags=" ".join(f"#{name}" for name in added))
    return reply


def answer(ctx: Context, reading: Reading, run: Run) -> Reply:
    """Route a question to its read command; nothing may be written meanwhile."""
    if not reading.command:
        return Reply(ctx.t("question_unknown"))
    ctx.read_only = True
    try:
        return run(reading.command)
    finally:
        ctx.read_only = False


def last_task(ctx: Context) -> Task | None:
    task_id = ctx.member.last_task_id
    task = queries.get_row(session=ctx.session, model=Task, workspace_id=ctx.workspace_id,
                           row_id=task_id) if task_id else None
    return task


def last_contact(ctx: Context) -> Contact | None:
    kind, _, row_id = (ctx.member.last_record or "").partition(":")
    if kind != "contact" or not row_id.isdigit():
        return None
    return queries.get_row(session=ctx.session, model=Contact, workspace_id=ctx.workspace_id,
                           row_id=int(row_id))


def follow_up(ctx: Context, reading: Reading, run: Run) -> Reply:
    """ "actually make it thursday": move the member's last task; a bare time keeps its day, a day its time."""
    task = last_task(ctx)
    if task is None or reading.when is None:
        return Reply(ctx.t("no_last_task"))
    due = reading.when.when
    if task.due_at is not None:
        zone = ZoneInfo(ctx.tz)
        old = _aware(task.due_at).astimezone(zone)
        new = due.astimezone(zone)
        if _TIME_ONLY.match(reading.when.phrase.strip()):
            due = old.replace(hour=new.hour, minute=new.minute)
        elif not reading.when.has_time and new.date() != old.date():
            due = datetime.combine(new.date(), old.time(), zone)
    return run(c.RescheduleTask(id_of(task), due.astimezone(ZoneInfo(ctx.tz)).strftime("%Y-%m-%d %H:%M")))


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo("UTC"))


def update_field(ctx: Context, reading: Reading, run: Run) -> Reply:
    """ "lena braun new number ...", "her email is ...": an /edit of the named or the last contact."""
    contact = person(ctx, reading.person, "") if reading.person else last_contact(ctx)
    if not isinstance(contact, Contact):
        return Reply(ctx.t("no_last_contact"))
    value = known_company(ctx, reading.value) if reading.field == "company" else reading.value
    return run(c.EditContact(f"#{contact.id}", ((reading.field, value),)))


def complete(ctx: Context, reading: Reading, run: Run) -> Reply:
    """ "done", "sent anna the quote, done", "acme workshop prepped ✔": the task meant is marked done."""
    contact = person(ctx, reading.person, "") if reading.person else None
    said = {w for w in fold(reading.text).split() if w not in v.NOT_NAMES and len(w) >= 3}
    if isinstance(contact, Contact):
        tasks = [t for t in queries.tasks_of(session=ctx.session, workspace_id=ctx.workspace_id,
                                             contact_id=id_of(contact)) if t.done_at is None]
        said -= set(fold(contact.name).split())
    else:
        tasks = [t for t in _open_tasks(ctx) if _overlap(said, t)]
        if not tasks:
            task = last_task(ctx)
            if task is None or task.done_at is not None:
                return Reply(ctx.t("no_last_task"))
            return run(c.CompleteTask(id_of(task)))
    ranked = sorted(tasks, key=lambda t: -_overlap(said, t))
    if len(tasks) == 1 or (len(tasks) > 1 and _overlap(said, ranked[0]) > _overlap(said, ranked[1])):
        return run(c.CompleteTask(id_of(ranked[0])))
    if not tasks:
        return Reply(ctx.t("no_last_task"))
    name = contact.name if isinstance(contact, Contact) else short(reading.text, 30)
    return Reply(ctx.t("which_task", name=name),
                 buttons=[[Button(short(t.title, 40), command=c.CompleteTask(id_of(t)))] for t in ranked[:5]])


def _open_tasks(ctx: Context) -> list[Task]:
    """The workspace's open tasks, dated and undated."""
    ws = ctx.workspace_id
    return queries.open_tasks(session=ctx.session, workspace_id=ws, limit=200) + \
        queries.open_tasks(session=ctx.session, workspace_id=ws, undated=True, limit=50)


def _overlap(said: set[str], task: Task) -> int:
    """How many words the sentence shares with the task's title, whole or by their first four letters."""
    words = {w for w in fold(task.title).split() if len(w) >= 3}
    stems = {w[:4] for w in words if len(w) >= 4}
    return len(said & words) + len({w[:4] for w in said if len(w) >= 4} & stems)


def move_stage(ctx: Context, reading: Reading, run: Run) -> Reply:
    """ "acme deal lost, went with competitor": the stage moves; the reason is kept as a note on the deal."""
    reply = run(c.MoveDeal(reading.subject, reading.stage, reading.value))  # a lost reason is kept on the deal too
    reason = [clause for clause in reading.clauses[1:] if len(clause.split()) >= 2] or reading.value
    if reply.changed and reason:
        deal = find_deal(ctx, reading.subject)
        ctx.add(Interaction(workspace_id=ctx.workspace_id, contact_id=deal.contact_id, deal_id=deal.id,
                            kind="note", text=reading.text, author_id=ctx.member_id, created_at=ctx.now))
        reply.text += "\n" + ctx.t("captured_note")
    return reply


def capture(ctx: Context, reading: Reading, run: Run) -> Reply:
    """A contact (found or new), a logged interaction when there is more than a task, and a task for a date."""
    if len(reading.text) > MAX_NOTE:
        raise InvalidValue(field="note", value=reading.text[:30] + "…", reason=f"longer than {MAX_NOTE} characters")
    who = person(ctx, reading.person, reading.company) if reading.person else only_contact_at(ctx, reading.company)
    if who is None and reading.when is None:
        raise NotUnderstood()
    if isinstance(who, Contact) and reading.person is not None and not ctx.chosen.get(fold(reading.person.text)) \
            and not same_company(reading.company, company_of_contact(ctx, who)):
        return new_or_existing(ctx, reading, new_name(reading.person.text), [who])  # "anna from initech"
    task_clause = _task_clause(reading)
    wants_note = who is not None and (reading.when is None or bool(reading.kind) or _more_than_task(reading))
    if isinstance(who, Contact) and not reading.when:
        return run(c.LogInteraction(reading.kind or "note", f"#{who.id}", reading.text))
    if not wants_note and not isinstance(who, str):
        about = f"#{who.id}" if isinstance(who, Contact) else "-"
        return run(c.AddTask(task_clause, about=about))
    lines: list[str] = []
    if isinstance(who, str):
        fields = _fields(ctx, reading)
        assert reading.person is not None  # a new name is a mention's
        duplicates = [] if ctx.chosen.get(fold(reading.person.text)) == "new" else \
            likely_duplicates(ctx, who, fields)
        if duplicates:
            return new_or_existing(ctx, reading, who, duplicates)
        contact = create_contact(ctx, check_name(who), fields, source="chat")
        lines.append(ctx.t("captured_contact_new", name=contact_label(ctx, contact)))
    else:
        assert who is not None  # with no one named, it was a task alone (returned above)
        contact = who
        lines.append(ctx.t("captured_contact", name=contact_label(ctx, contact)))
    if wants_note:
        ctx.add(Interaction(workspace_id=ctx.workspace_id, contact_id=contact.id, kind=reading.kind or "note",
                            text=reading.text, author_id=ctx.member_id, created_at=ctx.now))
        lines.append(ctx.t("captured_interaction", kind=ctx.t(f"kind_{reading.kind}")) if reading.kind else ctx.t("captured_note"))
    buttons = [[undo_button(ctx, "button_undo_all")]]
    if reading.when is not None:
        run(c.AddTask(task_clause, about=f"#{contact.id}"))
        task = last_task(ctx)
        assert task is not None
        lines.append(ctx.t("captured_task", title=task.title, when=when(task.due_at, ctx.tz, ctx.lang, now=ctx.now)))
        buttons[0].append(Button(ctx.t("button_other_date"), command=c.RescheduleTask(id_of(task))))
    buttons[0].append(Button(ctx.t("button_show", name=short(contact.name, 20)), command=c.Show(f"#{contact.id}")))
    return Reply("\n".join(lines), buttons=buttons, changed=True)


def _fields(ctx: Context, reading: Reading) -> dict[str, str]:
    fields = {}
    if reading.company:
        fields["company"] = known_company(ctx, reading.company)
    elif len(reading.clauses) > 1 and reading.person is not None:
        fields.update(_company_clause(reading))
    for name, value in reading.details.items():
        try:
            fields[name] = check_field(ctx, name, value)
        except InvalidValue:
            continue
    return fields


def _company_clause(reading: Reading) -> dict[str, str]:
    """ "Maria Lopez, Umbrella Corp, maria@...": the capitalized clause right after the name is the company
    (lowercase when it ends like one: "martin graf, graf consulting")."""
    for i, clause in enumerate(reading.clauses[:-1]):
        if reading.person is not None and reading.person.text in clause:
            following = reading.clauses[i + 1].strip()
            words = following.split()
            lowercase = not reading.person.capitalized and any(fold(w) in v.COMPANY_SUFFIXES for w in words)
            if 1 <= len(words) <= 4 and "@" not in following and \
                    (all(w[0].isupper() or w == "&" for w in words) or lowercase):
                return {"company": following if not lowercase else following.title()}
    return {}


def _task_clause(reading: Reading) -> str:
    """The clause that holds the date, with its date ("send quote by eod"); the whole text when unsplit."""
    return reading.task or reading.text


def _more_than_task(reading: Reading) -> bool:
    """Whether the sentence says more than its task: another clause with words of its own."""
    task = fold(_task_clause(reading))
    others = [clause for clause in reading.clauses if fold(clause) != task and fold(clause) not in task]
    person = set(fold(reading.person.text).split()) if reading.person else set()
    company = set(fold(reading.company).split())
    for clause in others:
        words = [w for w in fold(clause).split() if w not in person and w not in company and not w.isdigit()
                 and w not in v.NOT_NAMES and "@" not in w]
        if words:
            return True
    return False
