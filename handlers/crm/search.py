"""/find: one fuzzy search over contacts, companies, deals and notes."""

from handlers.context import Context
from handlers.crm.custom_fields import custom_hits
from handlers.crm.resolve import ref
from handlers.language import commands as c
from handlers.texts.fmt import short
from handlers.texts.reply import Button, Reply
from storage import queries
from storage.models import Contact

ICONS = {"contact": "👤", "company": "🏢", "deal": "💼"}
MAX_QUERY = 200


def find(ctx: Context, cmd: c.Find) -> Reply:
    query = cmd.query[:MAX_QUERY]
    hits = ctx.index.search(query, limit=8)
    notes = queries.search_notes(session=ctx.session, workspace_id=ctx.workspace_id, query=query)
    seen = {(h.entry.kind, h.entry.id) for h in hits}
    hits += [hit for hit in custom_hits(ctx, query) if (hit.entry.kind, hit.entry.id) not in seen]
    if not hits and not notes:
        return Reply(ctx.t("find_nothing", query=short(query, 40)),
                     buttons=[[Button(ctx.t("button_add_contact", name=short(query, 30)), command=c.AddContact(query))]]
                     if len(query) <= 40 else [])
    lines = [ctx.t("find_header", query=short(query, 40))]
    lines += [f"{ICONS[h.entry.kind]} {h.entry.name}" for h in hits]
    for note in notes:
        contact = ctx.get(Contact, note.contact_id) if note.contact_id else None
        lines.append(f"📝 {short(note.text, 70)}" + (f" · {contact.name}" if contact else ""))
    buttons = [[Button(f"{ICONS[h.entry.kind]} {short(h.entry.name, 30)}",
                       command=c.Show(f"{ref(h.entry.kind, h.entry.id)}"))] for h in hits[:5]]
    return Reply("\n".join(lines), buttons=buttons)
