"""Saved segments follow their tags: a renamed or merged tag is renamed in every query that names it (audited)."""

from handlers.context import Context
from handlers.language.segment_rewrite import rename_tag
from storage import segments as store


def rename_in_segments(ctx: Context, old_key: str, new_name: str) -> int:
    """Rewrite the workspace's segment queries naming the tag `old_key`; returns how many changed."""
    changed = 0
    for segment in store.segments(session=ctx.session, workspace_id=ctx.workspace_id):
        query = rename_tag(segment.query, old_key, new_name)
        if query != segment.query:
            ctx.update(segment, query=query)
            changed += 1
    return changed
