"""A "which one?" on free text: the pending sentence with the choices made so far, and reading them back."""

import re

from handlers.context import Context
from handlers.crm.resolve import contact_label
from handlers.language import commands as c
from handlers.language.names import fold
from handlers.language.understanding import Reading
from handlers.language.waiting import ChoiceGap, kept
from handlers.texts.fmt import short
from handlers.texts.reply import Button, Reply
from storage import queries
from storage.ids import id_of
from storage.models import Contact


def new_or_existing(ctx: Context, reading: Reading, name: str, duplicates: list[Contact]) -> Reply:
    """Ask before filing: a new contact, or one of the close existing ones; the sentence is kept whole."""
    assert reading.person is not None
    gap = sentence_gap(choices(ctx) + reading.text, reading.person.text)
    new = queries.add_pending(session=ctx.session, workspace_id=ctx.workspace_id, member_id=ctx.member_id,
                              command=kept(gap.filled("new")))
    buttons = [[Button(ctx.t("button_new_contact", name=short(name, 30)), command=c.Pick(id_of(new)))]]
    for existing in duplicates[:3]:
        pending = queries.add_pending(session=ctx.session, workspace_id=ctx.workspace_id,
                                      member_id=ctx.member_id, command=kept(gap.filled(f"#{existing.id}")))
        buttons.append([Button(contact_label(ctx, existing), command=c.Pick(id_of(pending)))])
    names = ", ".join(contact_label(ctx, d) for d in duplicates[:3])
    return Reply(ctx.t("new_or_existing", name=name, existing=names), buttons=buttons)


def choices(ctx: Context) -> str:
    """The choices made so far, as "{as:name=#12}" prefixes for a pending command."""
    return "".join("{as:" + key + "=" + value + "}" for key, value in ctx.chosen.items())


_CHOSEN = re.compile(r"^\{as:([^=}]*)=([^}]*)\}")


def take_choices(ctx: Context, text: str) -> str:
    """Strip the "{as:name=#12}" prefixes a "which one?" answer left, into ctx.chosen; the sentence stays as typed."""
    while (match := _CHOSEN.match(text)) is not None:
        ctx.chosen[fold(match[1])] = match[2]
        text = text[match.end():]
    return text


def sentence_gap(text: str, name: str) -> ChoiceGap:
    """A sentence waiting for a "which one?" about a name: the sentence whole, the choice in a prefix before it."""
    return ChoiceGap("{as:" + name + "=", "}" + text)
