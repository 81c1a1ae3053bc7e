"""/duplicates, /merge, /distinct and /compare: find likely duplicates and fold them together.

A merge moves every note, task, deal and file to the kept record, fills its empty fields from the
other one, keeps conflicting values as a note line ("also: e-mail x"), and deletes the other record;
all through ctx.update / ctx.delete, so it is audited and /undo reverts it.
"""

from collections.abc import Callable

from handlers.context import Context
from handlers.crm.cards import company_card, contact_card
from handlers.crm.contact_details import add_email, add_phone, move_details, move_labels
from handlers.crm.contacts import company_named, split_details
from handlers.crm.duplicate_pairs import MAX_GROUP, Pair, company_pairs, contact_pairs
from handlers.crm.resolve import contact_label, ref, resolve
from handlers.crm.undo import undo_button
from handlers.errors import Usage
from handlers.language import commands as c
from handlers.language.names import fold
from handlers.texts.fmt import short
from handlers.texts.reply import Button, Reply
from storage import bulk, duplicate_keys, queries
from storage.ids import id_of
from storage.models import Company, Contact, Interaction

SHOWN_PAIRS = 8
ALL = 1_000_000  # "no limit" for the per-contact queries that take one
REASON_KEYS = {"email": "reason_email", "phone": "reason_phone", "name": "reason_name", "address": "reason_address"}


def all_pairs(ctx: Context) -> list[Pair]:
    """Contact pairs first, then company pairs, each surest first."""
    ws = ctx.workspace_id
    company_names = bulk.company_keys(session=ctx.session, workspace_id=ws)
    shared = duplicate_keys.shared_groups(session=ctx.session, workspace_id=ws, max_group=MAX_GROUP)
    pairs = contact_pairs(bulk.contact_rows(session=ctx.session, workspace_id=ws), company_names,
                          bulk.not_duplicates(session=ctx.session, workspace_id=ws, kind="contact"), shared)
    return pairs + company_pairs(company_names, bulk.not_duplicates(session=ctx.session, workspace_id=ws, kind="company"))


def find_duplicates(ctx: Context, _cmd: c.FindDuplicates) -> Reply:
    """Contact pairs first, then company pairs, each surest first."""
    pairs = all_pairs(ctx)
    if not pairs:
        return Reply(ctx.t("no_duplicates"))
    lines = [ctx.t("duplicates_header", count=len(pairs))]
    buttons = []
    for number, pair in enumerate(pairs[:SHOWN_PAIRS], 1):
        reasons = ", ".join(ctx.t(REASON_KEYS[r]) for r in pair.reasons)
        lines.append(f"{number}. {pair_label(ctx, pair)} · {reasons}")
        buttons.append(pair_buttons(ctx, pair.kind, pair.keep_id, pair.other_id, number))
    if len(pairs) > SHOWN_PAIRS:
        lines.append(ctx.t("duplicates_more", count=len(pairs) - SHOWN_PAIRS))
    return Reply("\n".join(lines), buttons=buttons)


def pair_label(ctx: Context, pair: Pair) -> str:
    if pair.kind == "company":
        names = [ctx.session.get(Company, row_id) for row_id in (pair.keep_id, pair.other_id)]
        return "🏢 " + " ↔ ".join(short(company.name, 40) for company in names if company)
    people = [ctx.session.get(Contact, row_id) for row_id in (pair.keep_id, pair.other_id)]
    return "👤 " + " ↔ ".join(short(contact_label(ctx, person), 50) for person in people if person)


def pair_buttons(ctx: Context, kind: str, keep_id: int, other_id: int, number: int | None = None) -> list[Button]:
    keep, other = ref(kind, keep_id), ref(kind, other_id)
    tag = f" {number}" if number is not None else ""
    return [Button(ctx.t("button_merge_pair") + tag, command=c.Merge(keep, other)),
            Button(ctx.t("button_distinct") + tag, command=c.MarkDistinct(keep, other)),
            Button(ctx.t("button_compare") + tag, command=c.Compare(keep, other))]


def resolve_pair(ctx: Context, first: str, second: str, command: str) -> tuple[Contact, Contact] | tuple[Company, Company]:
    """Two different records of the same kind, contacts or companies."""
    a = resolve(ctx, first, kinds=("contact", "company"))
    b = resolve(ctx, second, kinds=("contact", "company"))
    if isinstance(a, Contact) and isinstance(b, Contact) and a.id != b.id:
        return a, b
    if isinstance(a, Company) and isinstance(b, Company) and a.id != b.id:
        return a, b
    raise Usage(command=command)


def merge(ctx: Context, cmd: c.Merge) -> Reply:
    kept, other = resolve_pair(ctx, cmd.keep, cmd.other, "merge")
    if isinstance(kept, Company) and isinstance(other, Company):
        return merge_companies(ctx, kept, other)
    assert isinstance(kept, Contact) and isinstance(other, Contact)
    ws, other_name = ctx.workspace_id, other.name
    notes = queries.interactions_of(session=ctx.session, workspace_id=ws, contact_id=id_of(other), limit=ALL)
    tasks = queries.tasks_of(session=ctx.session, workspace_id=ws, contact_id=id_of(other))
    deals = queries.deals_of(session=ctx.session, workspace_id=ws, contact_id=other.id)
    files = queries.attachments_of(session=ctx.session, workspace_id=ws, contact_id=id_of(other), limit=ALL)
    for row in [*notes, *tasks, *deals, *files]:
        ctx.update(row, contact_id=kept.id)
    company = ctx.session.get(Company, other.company_id) if other.company_id else None
    absorb(ctx, kept, name=other.name, email=other.email, phone=other.phone,
           company=company.name if company else None, owner_id=other.owner_id)
    move_details(ctx, other, kept)
    move_labels(ctx, "contact", id_of(other), id_of(kept))
    bulk.forget_not_duplicates(session=ctx.session, workspace_id=ws, kind="contact", record_id=id_of(other))
    ctx.delete(other)
    text = ctx.t("merged", other=other_name, kept=contact_label(ctx, kept), notes=len(notes), tasks=len(tasks),
                 deals=len(deals), files=len(files))
    return Reply(text, buttons=[[Button(ctx.t("button_show", name=short(kept.name, 30)), command=c.Show(f"#{kept.id}")),
                                 undo_button(ctx)]], changed=True)


def merge_details(ctx: Context, cmd: c.MergeDetails) -> Reply:
    """Fold a new contact's details into an existing one, as a merge does: nothing kept is overwritten."""
    kept = resolve(ctx, cmd.keep)
    assert isinstance(kept, Contact)
    fields, _invalid = split_details(ctx, cmd.details)  # the duplicate warning checked them already
    also = absorb(ctx, kept, name=cmd.name, email=fields.get("email"), phone=fields.get("phone"),
                  company=fields.get("company"))
    text = ctx.t("merged_details", kept=contact_label(ctx, kept)) + (" " + ctx.t("merged_also") if also else "")
    return Reply(text, buttons=[[Button(ctx.t("button_show", name=short(kept.name, 30)), command=c.Show(f"#{kept.id}")),
                                 undo_button(ctx)]], changed=True)


def absorb(ctx: Context, contact: Contact, *, name: str | None = None, email: str | None = None,
           phone: str | None = None, company: str | None = None, owner_id: int | None = None) -> list[str]:
    """Fill the contact's empty fields from another record; a differing e-mail or phone is kept as a further one,
    a differing name or company becomes a note, returned as lines (with the kept e-mails and phones)."""
    current = ctx.session.get(Company, contact.company_id) if contact.company_id else None
    changes, also, extras = plan_absorb(ctx, contact, name=name, email=email, phone=phone, company=company,
                                        owner_id=owner_id, company_key=current.name_key if current else None,
                                        company_id=lambda company_name: id_of(company_named(ctx, company_name)))
    ctx.update(contact, **changes)  # also when nothing changed: the merge then shows in the contact's log
    for field, value in extras:
        (add_email if field == "email" else add_phone)(ctx, contact, value)
    if also:
        ctx.add(Interaction(workspace_id=ctx.workspace_id, contact_id=contact.id, kind="note",
                            text="\n".join(also), author_id=ctx.member_id, created_at=ctx.now))
    return also + [value for _field, value in extras]


def plan_absorb(ctx: Context, contact: Contact, *, name: str | None, email: str | None, phone: str | None,
                company: str | None, owner_id: int | None, company_key: str | None,
                company_id: Callable[[str], int]) -> tuple[dict[str, object], list[str], list[tuple[str, str]]]:
    """The field changes, the "also: ..." note lines and the further (e-mail or phone, value) that absorbing
    those values into the contact means.

    `company_key` is the folded name of the contact's company; `company_id` gives (or makes) the id of
    a company by name, for a contact that has none yet.
    """
    changes: dict[str, object] = {}
    also: list[str] = []
    extras: list[tuple[str, str]] = []
    for field, value in (("email", email), ("phone", phone)):
        if value and not getattr(contact, field):
            changes[field] = value
        elif value and getattr(contact, field) != value:
            extras.append((field, value))
    if company and contact.company_id is None:
        changes["company_id"] = company_id(company)
    elif company and company_key != fold(company):
        also.append(ctx.t("also_company", value=company))
    if name and fold(name) != contact.name_key:
        also.append(ctx.t("also_name", value=name))
    if owner_id and contact.owner_id is None:
        changes["owner_id"] = owner_id
    return changes, also, extras


def merge_companies(ctx: Context, kept: Company, other: Company) -> Reply:
    ws = ctx.workspace_id
    people = queries.contacts_of_company(session=ctx.session, workspace_id=ws, company_id=id_of(other))
    deals = queries.deals_of(session=ctx.session, workspace_id=ws, company_id=other.id)
    for person in people:
        ctx.update(person, company_id=kept.id)
    for deal in deals:
        ctx.update(deal, company_id=kept.id)
    ctx.update(kept)
    move_labels(ctx, "company", id_of(other), id_of(kept))
    other_name = other.name
    bulk.forget_not_duplicates(session=ctx.session, workspace_id=ws, kind="company", record_id=id_of(other))
    ctx.delete(other)
    return Reply(ctx.t("merged_companies", other=other_name, kept=kept.name, people=len(people), deals=len(deals)),
                 buttons=[[Button(ctx.t("button_show", name=short(kept.name, 30)), command=c.Show(f"#company:{kept.id}")),
                           undo_button(ctx)]], changed=True)


def mark_distinct(ctx: Context, cmd: c.MarkDistinct) -> Reply:
    a, b = resolve_pair(ctx, cmd.first, cmd.second, "distinct")
    kind = "company" if isinstance(a, Company) else "contact"
    bulk.mark_not_duplicate(session=ctx.session, workspace_id=ctx.workspace_id, kind=kind,
                            first=id_of(a), second=id_of(b), member_id=ctx.member_id)
    return Reply(ctx.t("marked_distinct", first=a.name, second=b.name))


def compare(ctx: Context, cmd: c.Compare) -> Reply:
    a, b = resolve_pair(ctx, cmd.first, cmd.second, "compare")
    if isinstance(a, Company) and isinstance(b, Company):
        cards, kind = [company_card(ctx, a), company_card(ctx, b)], "company"
    elif isinstance(a, Contact) and isinstance(b, Contact):
        cards, kind = [contact_card(ctx, a), contact_card(ctx, b)], "contact"
    else:
        raise Usage(command="compare")
    return Reply("\n\n".join(card.text for card in cards),
                 buttons=[pair_buttons(ctx, kind, id_of(a), id_of(b))[:2]])
