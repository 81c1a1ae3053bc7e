"""Tags, segments, bulk actions, leads, lead scores and campaigns, on one team's data built through the chat."""

from datetime import timedelta

import pytest

from handlers.engine import Crm
from handlers.language.segment_query import QueryError, parse_query
from storage.models import CampaignMember, Contact, Tagging, Task
from tests.conftest import NOW, Chat


@pytest.fixture
def team(crm: Crm) -> tuple[Chat, Chat]:
    """boss and ben. 60 days ago: Anna (vip, Acme) and Bob (vip); today: Cara (Globex), a deal for Anna."""
    boss = Chat(crm, user="boss", now=NOW - timedelta(days=60))
    ben = Chat(crm, user="ben", now=NOW - timedelta(days=60))
    boss.say("/add Anna Schulz, Acme GmbH, anna@acme.de, +49 170 1234567")
    ben.say("/add Bob Baker, bob@globex.com")
    boss.say("/tag anna vip")
    boss.say("/tag bob #vip #hot")
    boss.say("/note anna: wants pricing")
    boss.now = ben.now = NOW
    boss.say("/add Cara Cole, Globex")
    boss.say("/deal Acme rollout 12k #1 proposal")
    boss.say("/task call cara tomorrow 9am")
    return boss, ben


def names(reply_text: str) -> list[str]:
    return [line.split(" · ")[0].removeprefix("👤 ") for line in reply_text.split("\n")[1:] if line.startswith("👤")]


@pytest.mark.parametrize(("query", "expected"), [
    ("tag:vip", ["Anna Schulz", "Bob Baker"]),
    ("tag:hot,nothing", ["Bob Baker"]),
    ("-tag:vip", ["Cara Cole"]),
    ("company:acme", ["Anna Schulz"]),
    ("firma:glob", ["Cara Cole"]),
    ("owner:ben", ["Bob Baker"]),
    ("owner:me tag:vip", ["Anna Schulz"]),
    ("stage:proposal", ["Anna Schulz"]),
    ("phase:angebot", ["Anna Schulz"]),
    ("source:manual", ["Anna Schulz", "Bob Baker", "Cara Cole"]),
    ("status:new", ["Anna Schulz", "Bob Baker", "Cara Cole"]),
    ("status:qualified", []),
    ("score:>30", ["Anna Schulz"]),
    ("score:10..20", ["Bob Baker"]),
    ("last:>30d", ["Anna Schulz", "Bob Baker", "Cara Cole"]),
    ("letzter:<9w", ["Anna Schulz"]),
    ("last:never", ["Bob Baker", "Cara Cole"]),
    ("created:<7d", ["Cara Cole"]),
    ("erstellt:<2026-11-01", ["Anna Schulz", "Bob Baker"]),
    ("created:>25.11.2026", ["Cara Cole"]),
    ("deal:open", ["Anna Schulz"]),
    ("geschäft:keins tag:vip", ["Bob Baker"]),
    ("task:none", ["Anna Schulz", "Bob Baker"]),
    ("aufgabe:offen", ["Cara Cole"]),
])
def test_every_filter(team: tuple[Chat, Chat], query: str, expected: list[str]) -> None:
    boss, _ = team
    reply = boss.say(f"/segment {query}")
    assert f": {len(expected)} contact(s)" in reply.text.split("\n")[0]
    assert sorted(names(reply.text)) == expected


@pytest.mark.parametrize("query", ["tag:vip", "company:acme", "stage:proposal", "source:manual", "status:new",
                                   "deal:open", "task:none", "tag:vip -tag:hot score:>30", "last:never"])
def test_a_segment_keeps_to_its_workspace(team: tuple[Chat, Chat], query: str) -> None:
    """Another team with the same records: neither team's segment counts or lists the other's."""
    boss, _ = team
    alone = boss.say(f"/segment {query}").text
    stranger = Chat(boss.crm, workspace="console:other", user="olga", now=NOW - timedelta(days=60))
    for text in ("/add Otto Ohm, Acme GmbH, otto@acme.de", "/tag otto vip", "/tag otto #hot", "/note otto: hi"):
        stranger.say(text)
    stranger.now = NOW
    for text in ("/add Olaf Ode, Globex", "/deal Acme rollout 9k proposal", "/task call olaf tomorrow 9am"):
        stranger.say(text)
    assert boss.say(f"/segment {query}").text == alone
    assert not {"Otto Ohm", "Olaf Ode"} & set(names(alone))
    for line in stranger.say(f"/segment {query}").text.split("\n")[1:]:
        assert not any(name in line for name in ("Anna Schulz", "Bob Baker", "Cara Cole"))


def test_saved_segments_are_listed_with_counts_and_undone(team: tuple[Chat, Chat]) -> None:
    boss, _ = team
    assert "1 contact(s) now" in boss.say('/segment add "munich vips" tag:vip last:>30d -deal:open').text
    assert boss.say("/segments").text.split("\n")[1] == "munich vips: 1 · tag:vip last:>30d -deal:open"
    assert names(boss.say("/segment munich vips").text) == ["Bob Baker"]
    boss.say("/undo")
    assert "No segments yet" in boss.say("/segments").text


@pytest.mark.parametrize(("query", "says"), [
    ("citty:münchen", ["citty:münchen", "Did you mean city?"]),
    ("tga:vip", ["tga:vip", "Did you mean tag?"]),
    ("score:lots", ["score:lots", "no number"]),
    ("last:soon", ["last:soon", "no age"]),
    ("status:qualifed", ["status:qualifed", "did you mean qualified?"]),
    ("stage:nowhere", ["stage:nowhere", "no stage"]),
    ("owner:zed", ["owner:zed", "no team member"]),
    ("münchen", ["münchen", "field:value"]),
    ('company:"acme', ["quote is not closed"]),
    ("plz:*", ["plz:*", "value is missing"]),
    ("field.branche:it", ["no field \"branche\""]),
])
def test_bad_queries_name_the_part_and_save_nothing(team: tuple[Chat, Chat], query: str, says: list[str]) -> None:
    boss, _ = team
    reply = boss.say(f'/segment add "bad" {query}' if ":" in query else f"/segment {query}")
    for text in says:
        assert text in reply.text
    assert "No segments yet" in boss.say("/segments").text


def test_german_query_words_and_replies(team: tuple[Chat, Chat]) -> None:
    boss, _ = team
    boss.say("/sprache de")
    assert "Meintest du stadt" not in boss.say("/segment stadtt:x").text
    assert "Meintest du" in boss.last.text  # type: ignore[union-attr]
    assert "1 Kontakt(e)" in boss.say("/segment neu \"heiß\" schlagwort:hot").text


def test_the_parser_is_pure_and_typed() -> None:
    conditions = parse_query('tag:vip,hot -company:"acme gmbh" score:>=50 last:>4w created:1.2.2026')
    assert [(c.field, c.op, c.value, c.negated) for c in conditions][:4] == [
        ("tag", "=", ("vip", "hot"), False), ("company", "=", ("acme gmbh",), True), ("score", ">", 49, False),
        ("last", ">", 28, False)]
    with pytest.raises(QueryError) as error:
        parse_query("tag:vip scor:>5")
    assert (error.value.part, error.value.suggestion) == ("scor:>5", "score")


@pytest.mark.parametrize("action", ["tag fair", "untag vip", "owner @ben", "status qualified",
                                    "task call about the fair over 2 days"])
def test_bulk_actions_preview_then_change_and_undo_as_one(team: tuple[Chat, Chat], action: str) -> None:
    boss, _ = team
    boss.say('/segment add "vips" tag:vip')
    before = ([(c.owner_id, c.lead_status) for c in boss.rows(Contact)], boss.count(Tagging), boss.count(Task))
    preview = boss.say(f"/bulk vips {action}")
    assert "2 contact(s)" in preview.text and "Anna Schulz, Bob Baker" in preview.text
    assert ([(c.owner_id, c.lead_status) for c in boss.rows(Contact)], boss.count(Tagging), boss.count(Task)) == before
    done = boss.press("Do it")
    assert "Done" in done.text
    after = ([(c.owner_id, c.lead_status) for c in boss.rows(Contact)], boss.count(Tagging), boss.count(Task))
    assert after != before
    assert "Undone" in boss.press("Undo").text
    assert ([(c.owner_id, c.lead_status) for c in boss.rows(Contact)], boss.count(Tagging), boss.count(Task)) == before


def test_bulk_tasks_are_spread_over_working_days(team: tuple[Chat, Chat]) -> None:
    boss, _ = team
    boss.say("/bulk ! tag:vip,hot task follow up after the fair over 2 days")
    due = sorted(t.due_at for t in boss.rows(Task) if t.title == "follow up after the fair")  # type: ignore[type-var]
    assert [d.strftime("%a %H:%M") for d in due] == ["Thu 08:00", "Fri 08:00"]  # 9:00 in Berlin


def test_bulk_over_an_empty_or_huge_segment_changes_nothing(team: tuple[Chat, Chat],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    boss, _ = team
    assert "has no members" in boss.say("/bulk ! tag:nobody tag x").text
    monkeypatch.setattr("handlers.outreach.segments.MAX_BULK", 2)
    assert "more than 2 members" in boss.say("/bulk ! source:manual status contacted").text
    assert {c.lead_status for c in boss.rows(Contact)} == {"new"}


def test_export_of_a_segment(team: tuple[Chat, Chat]) -> None:
    boss, _ = team
    reply = boss.say("/bulk tag:vip export")
    assert reply.file is not None and reply.file.content.decode("utf-8-sig").count("\n") == 3


def test_tags_rename_and_merge_keep_every_record_tagged(team: tuple[Chat, Chat]) -> None:
    boss, _ = team
    boss.say("/tags rename vip key-account")
    assert names(boss.say("/segment tag:key-account").text) == ["Anna Schulz", "Bob Baker"]
    assert "1 record(s) moved" in boss.say("/tags merge hot key-account").text
    assert boss.say("/tags").text.split("\n")[1:] == ["#key-account · 2"]
    boss.say("/undo")
    assert boss.say("/tags").text.split("\n")[1:] == ["#key-account · 2", "#hot · 1"]


def test_hashtags_in_free_text_tag_the_contact(team: tuple[Chat, Chat]) -> None:
    boss, _ = team
    reply = boss.say("met Lena Braun from Solaris #fair, wants a demo next tuesday 10am")
    assert "#fair" in reply.text
    assert names(boss.say("/segment tag:fair").text) == ["Lena Braun"]


def test_leads_best_first_convert_and_explained_score(team: tuple[Chat, Chat]) -> None:
    boss, _ = team
    assert boss.say("/leads").text.split("\n")[1].startswith("Anna Schulz · ⭐ 35")
    assert "not qualified yet" in boss.say("/convert bob").text
    boss.say("/lead bob qualified")
    reply = boss.press("Convert")
    assert "converted into a deal" in reply.text and "Qualified" in reply.text
    card = boss.say("/show #2").text
    assert "⭐ Lead: converted · score 30 (e-mail +10, open deal +20)" in card and "#vip #hot" not in card
    boss.say("/score rule deal 50")
    assert "score 60" in boss.say("/show #2").text
    boss.say("/undo")
    assert "score 30" in boss.say("/show #2").text
    assert "Anna Schulz: score 35 (e-mail +10, phone +5, open deal +20)" in boss.say("/score anna").text


def test_new_leads_from_captures_go_round_robin(team: tuple[Chat, Chat]) -> None:
    boss, ben = team
    boss.say("/rules round robin @ben @boss")
    boss.say("met Lena Braun from Solaris, wants a demo next tuesday 10am")
    boss.say("met Max Moll from Initech, call back friday 10am")
    owners = {c.name: c.owner_id for c in boss.rows(Contact)}
    ben_id, boss_id = owners["Bob Baker"], owners["Anna Schulz"]
    assert (owners["Lena Braun"], owners["Max Moll"]) == (ben_id, boss_id)
    assert "not available yet" in boss.say("/rules region BY @ben").text


def test_a_campaign_report(team: tuple[Chat, Chat]) -> None:
    boss, _ = team
    boss.say('/segment add "vips" tag:vip')
    assert "2 new member(s)" in boss.say('/campaign new "Messe München 2027" from vips').text
    boss.say("/campaign messe touch anna call")
    boss.press("interested")
    boss.say("/kampagne messe kontakt bob besuch")
    boss.say("/campaign messe response bob not interested")
    boss.say("/campaign messe cost 5000")
    boss.later(days=2)
    boss.say("/stage acme won")
    report = boss.say("/campaign messe").text.split("\n")
    assert report[1:] == [
        "Members: 2 · touched 2 (2 touches: 1 calls, 0 e-mails, 1 visits)",
        "Responses: 1 interested, 1 not interested, 0 no answer · response rate 100% (2 of 2)",
        "🎉 Deals won: 1 · 12,000 EUR",
        "💶 Cost 5,000 EUR · 5,000 EUR per lead (1 interested)",
    ]
    assert names(boss.say('/segment tag:"Messe München 2027"').text) == ["Anna Schulz", "Bob Baker"]
    assert {m.response for m in boss.rows(CampaignMember)} == {"interested", "not_interested"}
