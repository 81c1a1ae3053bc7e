"""The workspace's members, and finding one by name or platform id (typos allowed)."""

from rapidfuzz import fuzz, process
from sqlmodel import col, select

from handlers.context import Context
from handlers.errors import NotFound
from handlers.language.names import fold
from storage.models import Member


def members(ctx: Context) -> list[Member]:
    """The workspace's members, in the order they joined."""
    return list(ctx.session.exec(select(Member).where(Member.workspace_id == ctx.workspace.id).order_by(col(Member.id))))


def find_member(ctx: Context, query: str) -> Member:
    """A member by name or platform id, typos allowed."""
    team = members(ctx)
    by_key = {m.id: fold(m.name or m.external_id) for m in team}
    exact = [m for m in team if m.external_id == query or by_key[m.id] == fold(query)]
    if exact:
        return exact[0]
    best = process.extractOne(fold(query), by_key, scorer=fuzz.WRatio, score_cutoff=80)
    if best is None:
        raise NotFound(query)
    return next(m for m in team if m.id == best[2])
