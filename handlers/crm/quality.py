"""/quality: incomplete and malformed contacts grouped with counts, one group a page at a time, with fix buttons.

The report only reads. A fix button waits for the member's next text to complete an /edit, which checks it.
"""

import re
from dataclasses import dataclass
from math import ceil

from handlers.context import Context
from handlers.crm.contacts import ask_for_text
from handlers.crm.duplicates import REASON_KEYS, all_pairs, pair_buttons, pair_label
from handlers.crm.resolve import contact_label
from handlers.errors import InvalidValue, NotFound
from handlers.language.commands import EditContact, Show
from handlers.language.countries import country_name
from handlers.language.field_formats import phone_is_malformed, postcode_problem
from handlers.language.fields import normalize_email
from handlers.language.quality_commands import GROUPS, QualityFix, QualityReport
from handlers.language.waiting import HOLE
from handlers.texts.fmt import short
from handlers.texts.reply import Button, Reply
from storage import quality
from storage.models import Contact

PAGE = 10
_PLAIN_EMAIL = re.compile(r"^[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$")  # as every door stores it


@dataclass(frozen=True)
class Problem:
    contact_id: int
    detail: str = ""  # the value at fault, shown beside the contact
    fixable: bool = True  # an /edit of the contact's first e-mail, phone or company can fix it


def email_is_malformed(value: str) -> bool:
    """True when a stored e-mail is no address; the plain ones skip the library."""
    if _PLAIN_EMAIL.match(value):
        return False
    try:
        normalize_email(value)
    except InvalidValue:
        return True
    return False


def problems(ctx: Context, only: str | None = None) -> dict[str, list[Problem]]:
    """Each group's problems (or `only` one group's), oldest contact first; duplicates are counted apart, as pairs."""
    session, ws = ctx.session, ctx.workspace_id
    found: dict[str, list[Problem]] = {}
    if only in (None, "reach"):
        found["reach"] = [Problem(i) for i in quality.unreachable(session=session, workspace_id=ws)]
    if only in (None, "company"):
        found["company"] = [Problem(i) for i in quality.without_company(session=session, workspace_id=ws)]
    if only in (None, "phone"):
        found["phone"] = [Problem(i, value, first) for i, value, first
                          in quality.phones(session=session, workspace_id=ws) if phone_is_malformed(value)]
    if only in (None, "email"):
        found["email"] = [Problem(i, value, first) for i, value, first
                          in quality.emails(session=session, workspace_id=ws) if email_is_malformed(value)]
    if only in (None, "postcode", "country", "unknown"):
        found.update(address_problems(ctx))
    return found


def address_problems(ctx: Context) -> dict[str, list[Problem]]:
    """Addresses without country, with a country no ISO code was found for, or a postcode that doesn't fit it."""
    found: dict[str, list[Problem]] = {"postcode": [], "country": [], "unknown": []}
    for contact_id, street, postcode, city, country in quality.addresses(session=ctx.session,
                                                                         workspace_id=ctx.workspace_id):
        place = ", ".join(part for part in (street, " ".join(p for p in (postcode, city) if p)) if part)
        if not country:
            found["country"].append(Problem(contact_id, place, False))
        elif len(country) != 2:
            found["unknown"].append(Problem(contact_id, country, False))
        elif postcode and postcode_problem(postcode, country):
            found["postcode"].append(Problem(contact_id, f"{postcode} ({country_name(country)})", False))
    return found


def report(ctx: Context, cmd: QualityReport) -> Reply:
    """The overview, or one group's page."""
    if cmd.group == "duplicates":
        return duplicates_page(ctx, cmd.page)
    if cmd.group is not None:
        return group_page(ctx, cmd.group, problems(ctx, cmd.group)[cmd.group], cmd.page)
    found = problems(ctx)
    pairs = all_pairs(ctx)
    contacts = quality.contact_count(session=ctx.session, workspace_id=ctx.workspace_id)
    counts = {group: len(found[group]) for group in GROUPS if group != "duplicates"} | {"duplicates": len(pairs)}
    if not any(counts.values()):
        return Reply(ctx.t("quality_clean", contacts=contacts))
    records = {p.contact_id for group in found.values() for p in group}
    records |= {row_id for pair in pairs if pair.kind == "contact" for row_id in (pair.keep_id, pair.other_id)}
    lines = [ctx.t("quality_header", problems=sum(counts.values()), records=len(records), contacts=contacts)]
    buttons = []
    for group, count in counts.items():
        if count:
            lines.append(ctx.t("quality_group_line", group=ctx.t(f"quality_{group}"), count=count))
            buttons.append([Button(f"{ctx.t(f'quality_{group}')} ({count})", command=QualityReport(group))])
    return Reply("\n".join(lines), buttons=buttons)


def page_header(ctx: Context, group: str, count: int, page: int) -> tuple[str | None, int, int]:
    """The page's first line (None past the end), its first index and the number of pages."""
    pages = max(1, ceil(count / PAGE))
    name = ctx.t(f"quality_{group}")
    if page > pages or not count:
        return None, 0, pages
    if pages == 1:
        return ctx.t("quality_group_header", group=name, count=count), 0, pages
    return ctx.t("quality_group_page", group=name, count=count, page=page, pages=pages), (page - 1) * PAGE, pages


def page_buttons(ctx: Context, group: str, page: int, pages: int) -> list[Button]:
    nav = []
    if page > 1:
        nav.append(Button(ctx.t("quality_button_previous"), command=QualityReport(group, page - 1)))
    if page < pages:
        nav.append(Button(ctx.t("quality_button_next"), command=QualityReport(group, page + 1)))
    return nav


def group_page(ctx: Context, group: str, found: list[Problem], page: int) -> Reply:
    header, start, pages = page_header(ctx, group, len(found), page)
    if header is None:
        return Reply(ctx.t("quality_group_empty", group=ctx.t(f"quality_{group}")))
    lines, buttons = [header], []
    for number, problem in enumerate(found[start:start + PAGE], start + 1):
        contact = ctx.get(Contact, problem.contact_id)
        if contact is None:
            continue
        label = contact_label(ctx, contact)
        lines.append(f"{number}. 👤 {label}" + (f" · {problem.detail}" if problem.detail else ""))
        row = [Button(ctx.t("button_show", name=short(contact.name, 30)), command=Show(f"#{contact.id}"))]
        if problem.fixable:
            row.append(Button(ctx.t("quality_button_fix", number=number),
                              command=QualityFix(problem.contact_id, group).to_text()))
        buttons.append(row)
    nav = page_buttons(ctx, group, page, pages)
    return Reply("\n".join(lines), buttons=buttons + ([nav] if nav else []))


def duplicates_page(ctx: Context, page: int) -> Reply:
    pairs = all_pairs(ctx)
    header, start, pages = page_header(ctx, "duplicates", len(pairs), page)
    if header is None:
        return Reply(ctx.t("quality_group_empty", group=ctx.t("quality_duplicates")))
    lines, buttons = [header], []
    for number, pair in enumerate(pairs[start:start + PAGE], start + 1):
        reasons = ", ".join(ctx.t(REASON_KEYS[reason]) for reason in pair.reasons)
        lines.append(f"{number}. {pair_label(ctx, pair)} · {reasons}")
        buttons.append(pair_buttons(ctx, pair.kind, pair.keep_id, pair.other_id, number))
    nav = page_buttons(ctx, "duplicates", page, pages)
    return Reply("\n".join(lines), buttons=buttons + ([nav] if nav else []))


def fix(ctx: Context, cmd: QualityFix) -> Reply:
    """Wait for the member's next text: the new value, for an /edit that checks it."""
    contact = ctx.get(Contact, cmd.contact_id)
    if contact is None:
        raise NotFound(f"#{cmd.contact_id}")
    field = "email" if cmd.field == "reach" else cmd.field
    edit = EditContact(f"#{contact.id}", ((field, HOLE),))
    value = {"phone": contact.phone, "email": contact.email}.get(cmd.field) or ""
    return ask_for_text(ctx, edit, f"quality_ask_{cmd.field}", name=contact.name, value=value,
                        ref=f"#{contact.id}")
