"""/undo: revert the member's newest change, row by row, from the audit log."""

from sqlalchemy.exc import IntegrityError

from handlers.context import Context
from handlers.errors import NothingToUndo, UndoBlocked
from handlers.language import commands as c
from handlers.texts.reply import Reply
from storage.audit import TABLES, last_batch, restore


def undo(ctx: Context, _cmd: c.Undo) -> Reply:
    entries = last_batch(session=ctx.session, workspace_id=ctx.workspace.id, member_id=ctx.member.id)  # type: ignore[arg-type]
    if not entries:
        raise NothingToUndo()
    try:
        for entry in reversed(entries):
            revert(ctx, entry.entity, entry.entity_id, entry.action, entry.before)
            entry.undone = True
            ctx.session.add(entry)
        ctx.session.flush()
    except IntegrityError as error:
        raise UndoBlocked() from error
    return Reply(ctx.t("undone", count=len(entries)), changed=True)


def revert(ctx: Context, entity: str, entity_id: int, action: str, before: str | None) -> None:
    """Undo one audited change: delete what was created, restore what was changed or deleted."""
    model = TABLES[entity]
    current = ctx.session.get(model, entity_id)
    if action == "create":
        if current is not None:
            ctx.session.delete(current)
            ctx.session.flush()
            ctx.track_name(current, deleted=True)
        return
    assert before is not None
    old = restore(entity, before)
    if current is None:
        ctx.session.add(old)
        current = old
    else:
        for name in model.model_fields:
            setattr(current, name, getattr(old, name))
    ctx.session.flush()
    ctx.track_name(current)
