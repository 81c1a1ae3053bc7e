"""Renaming or merging a tag keeps contacts, companies and deals tagged and rewrites the saved segments naming it."""

import pytest

from handlers.engine import Crm
from handlers.language.segment_rewrite import rename_tag
from storage.models import Segment, Tag, Tagging
from tests.conftest import Chat


@pytest.fixture
def chat(crm: Crm) -> Chat:
    """vip on Anna, Acme and its deal; hot on Anna and Bob; three saved segments."""
    chat = Chat(crm, user="boss")
    for line in ("/add Anna Schulz, Acme GmbH", "/add Bob Baker", "/deal Acme rollout 12k #1",
                 "/tag anna vip", "/tag acme gmbh vip", "/tag acme rollout vip", "/tag anna hot", "/tag bob hot",
                 '/segment add "vips" tag:vip', '/segment add "warm" -tag:VIP,hot last:>30d',
                 '/segment add "others" company:acme'):
        chat.say(line)
    return chat


def carriers(chat: Chat) -> dict[str, set[tuple[str, int]]]:
    names = {tag.id: tag.name for tag in chat.rows(Tag)}
    found: dict[str, set[tuple[str, int]]] = {}
    for link in chat.rows(Tagging):
        found.setdefault(names[link.tag_id], set()).add((link.entity, link.entity_id))
    return found


def queries(chat: Chat) -> dict[str, str]:
    return {segment.name: segment.query for segment in chat.rows(Segment)}


def test_rename_rewrites_the_segments_and_undo_restores_both(chat: Chat) -> None:
    before, saved = carriers(chat), queries(chat)
    chat.say("/tags rename vip key-account")
    assert carriers(chat)["key-account"] == before["vip"]
    assert queries(chat) == {"vips": "tag:key-account", "warm": "-tag:key-account,hot last:>30d",
                             "others": "company:acme"}
    assert "Anna Schulz" in chat.say("/segment vips").text
    chat.say("/undo")
    assert carriers(chat) == before and queries(chat) == saved


def test_merge_rewrites_the_segments_keeps_every_record_and_undo_restores_both(chat: Chat) -> None:
    before, saved = carriers(chat), queries(chat)
    assert "record(s) moved" in chat.say("/tags merge vip into hot").text
    after = carriers(chat)
    assert set(after) == {"hot"} and after["hot"] == before["vip"] | before["hot"]
    assert {entity for entity, _ in after["hot"]} == {"contact", "company", "deal"}
    assert queries(chat) == {"vips": "tag:hot", "warm": "-tag:hot last:>30d", "others": "company:acme"}
    chat.say("/undo")
    assert carriers(chat) == before and queries(chat) == saved


def test_german_words_rename_too(chat: Chat) -> None:
    chat.say("/schlagworte umbenennen vip wichtig")
    assert queries(chat)["vips"] == "tag:wichtig"


@pytest.mark.parametrize(("query", "expected"), [
    ("tag:vip", "tag:gold"),
    ("Tag:#VIP city:münchen", "Tag:#gold city:münchen"),
    ("schlagwort:vip,hot -tags:vip", "schlagwort:gold,hot -tags:gold"),
    ("tag:hot,vip", "tag:hot,gold"),
    ("tag:gold,vip", "tag:gold"),  # merged into a tag the part names already
    ('company:"vip gmbh" tag:vipp', 'company:"vip gmbh" tag:vipp'),
    ("not tag:vip", "not tag:gold"),
])
def test_the_rewrite_touches_only_tag_values(query: str, expected: str) -> None:
    assert rename_tag(query, "vip", "gold") == expected
