"""Who a sentence means: the contact a mention names, a new person, or a question when several fit.

A name is never filed on a namesake who only shares a first name or a surname; "Frau"/"Herr" and the
company said narrow namesakes; handlers/conversation.py asks when a known person is named at another company.
"""

from rapidfuzz import fuzz

from handlers.context import Context
from handlers.crm.resolve import MAX_CHOICES, resolve
from handlers.errors import Ambiguous
from handlers.language.names import Entry, fold
from handlers.language.understanding import Mention
from handlers.language.understanding_names import gender_of
from storage import queries
from storage.ids import id_of
from storage.models import Company, Contact

PERSON_WORD_SCORE = 80.0


def person(ctx: Context, said: Mention | None, company: str) -> Contact | str | None:
    """The contact a mention names, or the name of a new person; asks (Ambiguous) when several fit.

    An explicit name that a known contact only shares a first or last name with is a new person.
    """
    if said is None:
        return None
    chosen = ctx.chosen.get(fold(said.text))
    if chosen == "new":
        return new_name(said.text)
    if chosen:
        return resolve(ctx, chosen)
    words = fold(said.text).split()
    if len(words) == 1:
        matches = ctx.index.exact(said.text, kind="contact")
        if not matches and said.text.endswith("s"):
            matches = ctx.index.exact(said.text[:-1], kind="contact")
        matches = _at_company(ctx, _of_title(matches, said.title), company)
        if len(matches) == 1:
            return resolve(ctx, f"#{matches[0].id}")
        if matches:
            raise Ambiguous(said.text, matches[:MAX_CHOICES])
        return None
    exact = _at_company(ctx, ctx.index.exact(said.text, kind="contact"), company)
    close = exact or [hit.entry for hit in ctx.index.search(said.text, kinds=("contact",), limit=5)
                      if _every_word_close(words, hit.entry.key.split())]
    close = _at_company(ctx, close, company)
    if close and not exact and said.capitalized:
        return new_name(said.text)  # spelled with care, yet differently: the duplicate check asks
    if len(close) == 1:
        return resolve(ctx, f"#{close[0].id}")
    if close:
        raise Ambiguous(said.text, close[:MAX_CHOICES])
    return new_name(said.text)


def only_contact_at(ctx: Context, said: str) -> Contact | None:
    """ "besuch bei hoffmann it": a known company named alone means its one contact; several ask."""
    if not said:
        return None
    companies = ctx.index.exact(known_company(ctx, said), kind="company")
    if len(companies) != 1:
        return None
    people = queries.contacts_of_company(session=ctx.session, workspace_id=ctx.workspace_id,
                                         company_id=companies[0].id)
    if len(people) > 1:
        raise Ambiguous(said, [Entry("contact", id_of(p), p.name, p.name_key) for p in people[:MAX_CHOICES]])
    return people[0] if people else None


def _of_title(entries: list[Entry], title: str) -> list[Entry]:
    """ "Frau Müller": of several namesakes, those whose first name fits the title, when that leaves any."""
    if len(entries) < 2 or not title:
        return entries
    kept = [e for e in entries if gender_of(e.name.split()[0]) == title]
    return kept or entries


def company_of_contact(ctx: Context, contact: Contact) -> Company | None:
    return ctx.get(Company, contact.company_id) if contact.company_id else None


def same_company(said: str, company: Company | None) -> bool:
    """Whether the company a sentence names is the contact's ("Nordlicht" is Nordlicht Logistik AG)."""
    if company is None or not said:
        return True
    key, firm = fold(said), company.name_key
    return firm.startswith(key) or key.startswith(firm.split()[0]) if key and firm else True


def known_company(ctx: Context, said: str) -> str:
    """The existing company a said name means ("Nordlicht" for Nordlicht Logistik AG), else the name as said."""
    key = fold(said)
    found = [e for e in ctx.index.exact(said, kind="company") if e.key.startswith(key)]
    if not found:
        found = [h.entry for h in ctx.index.search(said, kinds=("company",), limit=3)
                 if h.entry.key.startswith(key + " ")]
    return found[0].name if len(found) == 1 else said


def new_name(text: str) -> str:
    return " ".join(w if w[0].isupper() else w[:1].upper() + w[1:] for w in text.split())


def _every_word_close(words: list[str], record: list[str]) -> bool:
    return all(any(w == r or fuzz.ratio(w, r) >= PERSON_WORD_SCORE for r in record) for w in words)


def _at_company(ctx: Context, entries: list[Entry], company: str) -> list[Entry]:
    """Narrow candidates to those at the company named, when that leaves any."""
    if len(entries) < 2 or not company:
        return entries
    key = fold(company)
    kept = []
    for entry in entries:
        contact = ctx.session.get(Contact, entry.id)
        firm = ctx.session.get(Company, contact.company_id) if contact and contact.company_id else None
        if firm is not None and (firm.name_key.startswith(key) or key.startswith(firm.name_key.split()[0])):
            kept.append(entry)
    return kept or entries
