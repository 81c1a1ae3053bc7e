"""Turn a name the user typed into one record, or raise Ambiguous / NotFound for the engine to ask."""

import re
from typing import overload

from handlers.context import Context
from handlers.errors import Ambiguous, NotFound, RecordGone
from handlers.language import commands as c
from handlers.language.names import Entry, fold
from handlers.language.parser import MAX_ID
from storage.models import Company, Contact, Deal
from storage.queries import get_row

MODELS: dict[str, type[Contact] | type[Company] | type[Deal]] = {"contact": Contact, "company": Company, "deal": Deal}
_ID_REF = re.compile(r"^#(?:(?P<kind>contact|company|deal):)?(?P<id>[0-9]+)$")
SURE_SCORE = 85.0
TIE_MARGIN = 5.0
MAX_CHOICES = 8


@overload
def resolve(ctx: Context, query: str) -> Contact: ...
@overload
def resolve(ctx: Context, query: str, kinds: tuple[str, ...]) -> Contact | Company | Deal: ...
def resolve(ctx: Context, query: str, kinds: tuple[str, ...] = ("contact",)) -> Contact | Company | Deal:
    """The one record of the given kinds that `query` names.

    "#12" names record 12 of the first kind, "#deal:12" names deal 12 (buttons use these).
    """
    entry = resolve_entry(ctx, query, kinds)
    row = get_row(session=ctx.session, model=MODELS[entry.kind], workspace_id=ctx.workspace_id,
                  row_id=entry.id)
    if row is None:
        raise RecordGone()
    return row


def resolve_entry(ctx: Context, query: str, kinds: tuple[str, ...]) -> Entry:
    query = ctx.chosen.get(fold(query), query).strip()  # a "which one?" answered for free text
    reference = _ID_REF.match(query)
    if reference:
        kind = reference["kind"] or kinds[0]
        if kind not in kinds or int(reference["id"]) > MAX_ID:
            raise RecordGone()
        return Entry(kind, int(reference["id"]), query, "")
    exact = [e for kind in kinds for e in ctx.index.exact(query, kind=kind)]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise Ambiguous(query, exact[:MAX_CHOICES])
    hits = ctx.index.search(query, kinds=kinds, limit=MAX_CHOICES)
    if not hits:
        raise NotFound(query, create=c.AddContact(query) if "contact" in kinds else None)
    close = [h for h in hits if h.score >= hits[0].score - TIE_MARGIN]
    if len(close) == 1 and close[0].score >= SURE_SCORE:
        return close[0].entry
    raise Ambiguous(query, [h.entry for h in close])


def ref(kind: str, row_id: int | None) -> str:
    """The reference a button uses for a record: "#12" for a contact, "#deal:12" for a deal."""
    return f"#{row_id}" if kind == "contact" else f"#{kind}:{row_id}"


def contact_label(ctx: Context, contact: Contact) -> str:
    """"Anna Schulz (Acme GmbH)", to tell two Annas apart."""
    if contact.company_id is None:
        return contact.name
    company = ctx.get(Company, contact.company_id)
    return f"{contact.name} ({company.name})" if company else contact.name


_WORD = re.compile(r"[^\W\d_][\w'-]*")


def phrases(text: str, size: int) -> list[str]:
    """Runs of `size` words exactly as they stand in the text (so a pick can replace them)."""
    spans = [m.span() for m in _WORD.finditer(text)]
    return [text[spans[i][0]:spans[i + size - 1][1]] for i in range(len(spans) - size + 1)]


def mentioned_contact(ctx: Context, text: str) -> Contact | None:
    """The existing contact a sentence names by full name, or by a first or last name alone where unique.

    Several contacts sharing the name raise Ambiguous; no mention gives None.
    """
    for size in (3, 2, 1):
        for phrase in phrases(text, size):
            if len(phrase) < 3:
                continue
            matches = ctx.index.exact(phrase, kind="contact")
            if len(matches) == 1:
                return resolve(ctx, f"#{matches[0].id}")
            if matches:
                raise Ambiguous(phrase, matches[:MAX_CHOICES])
    return None
