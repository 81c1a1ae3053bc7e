"""What the engine makes of a message around running it: control characters, a time zone."""

import re
from dataclasses import replace
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from handlers.context import Context
from handlers.crm.resolve import MODELS, contact_label
from handlers.texts.reply import Incoming
from storage.models import Contact

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")  # tab and line breaks are text


def candidate_label(ctx: Context, kind: str, row_id: int, name: str) -> str:
    row = ctx.get(MODELS[kind], row_id)
    return contact_label(ctx, row) if isinstance(row, Contact) else name


def without_controls(msg: Incoming) -> Incoming:
    """The message with control characters dropped from who sent it and from where (its text is refused)."""
    def clean(value: str) -> str:
        return CONTROL.sub("", value)

    attachment = msg.attachment and replace(msg.attachment, file_id=clean(msg.attachment.file_id),
                                            filename=clean(msg.attachment.filename))
    return replace(msg, workspace_key=clean(msg.workspace_key), user_id=clean(msg.user_id),
                   user_name=clean(msg.user_name), workspace_name=clean(msg.workspace_name), attachment=attachment)


def valid_zone(name: str | None) -> str | None:
    if not name:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return name
