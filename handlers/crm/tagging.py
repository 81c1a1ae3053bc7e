"""Tags on contacts, companies and deals: /tag, /untag, #vip in free text, /tags (list, rename, merge)."""

import re

from handlers.context import Context
from handlers.crm.resolve import resolve
from handlers.crm.tag_segments import rename_in_segments
from handlers.crm.undo import undo_button
from handlers.errors import InvalidValue, NotFound
from handlers.language import commands as c
from handlers.language.names import fold
from handlers.texts.reply import Reply
from storage import bulk
from storage import segments as store
from storage.audit import snapshot
from storage.ids import id_of
from storage.models import Company, Contact, Deal, Tag, Tagging

MAX_TAG = 40
HASHTAG = re.compile(r"(?<![\w&#/])#([^\W\d_][\w-]{0,39})")
ENTITY = {Contact: "contact", Company: "company", Deal: "deal"}


def hashtags(text: str) -> list[str]:
    """The #tags written in a text ("#12" is a record, not a tag)."""
    return list(dict.fromkeys(HASHTAG.findall(text)))


def tag_named(ctx: Context, name: str, *, create: bool = True) -> Tag | None:
    """The workspace's tag of this name (folded), created when missing and `create`."""
    name = name.strip().lstrip("#")
    key = fold(name)
    if not key or len(name) > MAX_TAG:
        raise InvalidValue(field="tag", value=name[:30], reason_key="why_tag", reason="", limit=MAX_TAG)
    tag = store.tag_by_key(session=ctx.session, workspace_id=ctx.workspace_id, key=key)
    if tag is None and create:
        tag = Tag(workspace_id=ctx.workspace_id, name=name, key=key, created_at=ctx.now)
        ctx.add(tag)
    return tag


def put_tags(ctx: Context, entity: str, entity_id: int, names: list[str]) -> list[str]:
    """Tag one record; returns the tags it did not carry before."""
    added = []
    for name in names:
        tag = tag_named(ctx, name)
        assert tag is not None
        if store.tagging(session=ctx.session, workspace_id=ctx.workspace_id, tag_id=id_of(tag),
                         entity=entity, entity_id=entity_id) is None:
            ctx.add(Tagging(workspace_id=ctx.workspace_id, tag_id=id_of(tag), entity=entity, entity_id=entity_id,
                            created_at=ctx.now))
            added.append(tag.name)
    return added


def tag_record(ctx: Context, cmd: c.TagRecord) -> Reply:
    record = resolve(ctx, cmd.query, kinds=("contact", "company", "deal"))
    entity, label = ENTITY[type(record)], getattr(record, "name", None) or getattr(record, "title", "")
    if not cmd.remove:
        added = put_tags(ctx, entity, id_of(record), list(cmd.tags))
        if not added:
            return Reply(ctx.t("tags_already", name=label, tags=_hashed(cmd.tags)))
        return Reply(ctx.t("tagged", name=label, tags=_hashed(added)), buttons=[[undo_button(ctx)]], changed=True)
    removed = []
    for name in cmd.tags:
        tag = tag_named(ctx, name, create=False)
        link = tag and store.tagging(session=ctx.session, workspace_id=ctx.workspace_id, tag_id=id_of(tag),
                                     entity=entity, entity_id=id_of(record))
        if link and tag:  # a link is found only with its tag
            ctx.delete(link)
            removed.append(tag.name)
    if not removed:
        return Reply(ctx.t("tags_not_there", name=label, tags=_hashed(cmd.tags)))
    return Reply(ctx.t("untagged", name=label, tags=_hashed(removed)), buttons=[[undo_button(ctx)]], changed=True)


def _hashed(names: tuple[str, ...] | list[str]) -> str:
    return " ".join(f"#{name.lstrip('#')}" for name in names)


def tags(ctx: Context, cmd: c.Tags) -> Reply:
    if cmd.action == "list":
        rows = store.tags_with_counts(session=ctx.session, workspace_id=ctx.workspace_id)
        if not rows:
            return Reply(ctx.t("tags_none"))
        return Reply("\n".join([ctx.t("tags_header", count=len(rows))]
                               + [f"#{tag.name} · {used}" for tag, used in rows]))
    old = tag_named(ctx, cmd.old, create=False)
    if old is None:
        raise NotFound(cmd.old)
    new = tag_named(ctx, cmd.new, create=False)
    if cmd.action == "rename" and (new is None or new.id == old.id):
        name = cmd.new.strip().lstrip("#")
        tag_named(ctx, name, create=False)  # checks the name
        rename_in_segments(ctx, old.key, name)
        ctx.update(old, name=name, key=fold(name))
        return Reply(ctx.t("tag_renamed", old=cmd.old, new=name), buttons=[[undo_button(ctx)]], changed=True)
    if new is None:
        raise NotFound(cmd.new)
    rename_in_segments(ctx, old.key, new.name)
    moved = merge_tags(ctx, old, new)
    return Reply(ctx.t("tags_merged", old=old.name, new=new.name, count=moved), buttons=[[undo_button(ctx)]],
                 changed=True)


def merge_tags(ctx: Context, old: Tag, new: Tag) -> int:
    """Move every record of `old` to `new` (records carrying both keep one), then drop `old`; one batch."""
    ws = ctx.workspace_id
    have = {(t.entity, t.entity_id) for t in store.taggings_of(session=ctx.session, workspace_id=ws, tag_id=id_of(new))}
    moved: list[Tagging] = []
    dropped: list[Tagging] = []
    for link in store.taggings_of(session=ctx.session, workspace_id=ws, tag_id=id_of(old)):
        (dropped if (link.entity, link.entity_id) in have else moved).append(link)
    before = [(link, snapshot(link)) for link in moved]
    for link in moved:
        link.tag_id = id_of(new)
        ctx.session.add(link)
        ctx.touch(link)
    ctx.session.flush()
    bulk.audit_many(session=ctx.session, workspace_id=ws, member_id=ctx.member.id, batch=ctx.batch,
                    action="update", changes=before)
    for link in dropped:
        ctx.delete(link)
    ctx.delete(old)
    return len(moved) + len(dropped)
