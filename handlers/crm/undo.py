"""/undo: revert a change, row by row, from the audit log: typed, the member's newest; from a button, its own."""

from sqlalchemy.exc import IntegrityError

from handlers.context import Context
from handlers.errors import AlreadyUndone, NothingToUndo, UndoBlocked
from handlers.language import commands as c
from handlers.texts.reply import Button, Reply
from storage.audit import TABLES, batch_entries, last_batch, later_changes, restore
from storage.models import AuditEntry


def undo_button(ctx: Context, label: str = "button_undo") -> Button:
    """A button that undoes what this command changed, and nothing else (38 bytes: within Telegram's 64)."""
    return Button(ctx.t(label), command=c.Undo(ctx.batch))


def undo(ctx: Context, cmd: c.Undo) -> Reply:
    entries = _to_undo(ctx, cmd.batch)
    if later_changes(session=ctx.session, workspace_id=ctx.workspace_id, entries=entries):
        raise UndoBlocked()
    try:
        for entry in reversed(entries):
            revert(ctx, entry.entity, entry.entity_id, entry.action, entry.before)
            entry.undone = True
            ctx.session.add(entry)
        ctx.session.flush()
    except IntegrityError as error:
        raise UndoBlocked() from error
    return Reply(ctx.t("undone", count=len(entries)), changed=True)


def _to_undo(ctx: Context, batch: str | None) -> list[AuditEntry]:
    """The entries to revert: the member's newest change, or the one command a button names."""
    ws, member = ctx.workspace_id, ctx.member_id
    if batch is None:
        entries = last_batch(session=ctx.session, workspace_id=ws, member_id=member)
    else:
        entries = [e for e in batch_entries(session=ctx.session, workspace_id=ws, batch=batch)
                   if e.member_id == member]
        if entries and all(entry.undone for entry in entries):
            raise AlreadyUndone()
        entries = [entry for entry in entries if not entry.undone]
    if not entries:
        raise NothingToUndo()
    return entries


def revert(ctx: Context, entity: str, entity_id: int, action: str, before: str | None) -> None:
    """Undo one audited change: delete what was created, restore what was changed or deleted."""
    model = TABLES[entity]
    current = ctx.get(model, entity_id)
    if action == "create":
        if current is not None:
            ctx.session.delete(current)
            ctx.session.flush()
            ctx.track_name(current, deleted=True)
            ctx.touch(current)
        return
    assert before is not None
    old = restore(entity, before)
    if getattr(old, "workspace_id", None) != ctx.workspace.id:
        raise UndoBlocked()
    if current is None:
        ctx.session.add(old)
        current = old
    else:
        ctx.touch(current)  # the contact a moved deal or task goes back from
        for name in model.model_fields:
            setattr(current, name, getattr(old, name))
    ctx.session.flush()
    ctx.track_name(current)
    ctx.touch(current)
