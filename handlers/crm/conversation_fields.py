"""Custom fields set in free text ("anna branche handel"): the sentence becomes the /edit a slash command is."""

from handlers.context import Context
from handlers.language import commands as c
from handlers.language.field_sentences import read_field_sentence


def field_edit(ctx: Context, text: str) -> c.EditContact | None:
    """The /edit a sentence naming a custom field of the workspace and a known record means, or None."""
    names = ctx.field_names()
    if not names:
        return None
    found = read_field_sentence(text, names, ctx.index)
    if found is None:
        return None
    return c.EditContact(found.record, ((found.field, found.value),))
