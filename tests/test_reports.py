"""Manager questions on one team's data set, built through the chat on a fixed clock: two reps, two
currencies, won, lost and stale deals, stage history. Every figure is checked to the cent."""

from datetime import timedelta

import pytest

from handlers.engine import Crm
from storage.models import Deal, Task
from tests.conftest import NOW, Chat


@pytest.fixture
def team(crm: Crm) -> tuple[Chat, Chat]:
    """boss (owner) and ben (rep). On Mon 2 Nov five deals; on 12 Nov one won, one lost; on 22 Nov one won."""
    boss = Chat(crm, user="boss", now=NOW - timedelta(days=23))
    ben = Chat(crm, user="ben", now=NOW - timedelta(days=23))
    boss.say("/deal Acme rollout 12k proposal")
    ben.say("/deal Globex platform 120k USD negotiation")
    ben.say("/deal Initech 8.5k qualified")
    boss.say("/deal Umbrella 5.000,50€ lead")
    boss.say("/deal Hooli 33.333,33€ negotiation close 15.12.")
    for chat in (boss, ben):
        chat.later(days=10)
    boss.say("/stage acme won")
    ben.say("/stage initech lost: too expensive")
    ben.later(days=10)
    ben.say("/stage globex won")
    return boss, ben


def test_this_months_report(team: tuple[Chat, Chat]) -> None:
    boss, _ = team
    boss.now = NOW
    assert boss.say("/report").text.split("\n")[:7] == [
        "📊 Report November 2026",
        "🎉 Won: 2 · 120,000 USD + 12,000 EUR",
        "❌ Lost: 1 · 8,500 EUR",
        "Win rate: 67% (2 of 3 closed)",
        "Average won deal: 120,000 USD + 12,000 EUR",
        "🆕 New deals: 5 · 120,000 USD + 58,833.83 EUR",
        "Sales cycle: 15.0 days on average from created to won (2 deal(s))",
    ]
    assert "Won: 0" in boss.say("/report last month").text
    assert "Won: 2" in boss.say("/report 2026-11-01..2026-11-30").text
    assert "Won: 2" in boss.say("/report won 2026-11-01..2026-11-30").text  # a topic before a range of days


def test_converted_totals_say_which_rates(team: tuple[Chat, Chat]) -> None:
    boss, ben = team
    boss.now = ben.now = NOW
    assert "Only owners and managers" in ben.say("/rates EUR USD=0.92").text
    assert boss.say("/rates EUR USD=0,92").text.startswith("💱 Rates saved, base EUR: 1 USD = 0.92 EUR")
    text = boss.say("/report").text
    assert "🎉 Won: 2 · 120,000 USD + 12,000 EUR (≈ 122,400 EUR)" in text
    assert "(at your rates: 1 USD = 0.92 EUR)" in text
    chart = boss.say("/pipeline").file
    assert chart is not None and chart.image and chart.content.startswith(b"\x89PNG")
    assert "converted to EUR" in chart.caption


def test_by_rep_lost_reasons_and_german(team: tuple[Chat, Chat]) -> None:
    boss, _ = team
    boss.now = NOW
    reps = boss.say("/report by rep")
    assert reps.text.split("\n")[1:] == [
        "ben: won 1 · 120,000 USD · lost 1 · win rate 50% · new 2",
        "boss: won 1 · 12,000 EUR · lost 0 · win rate 100% · new 3"]
    assert reps.file is not None and reps.file.image
    assert "#3 Initech · 8,500 EUR · 12 Nov 2026 · too expensive" in boss.say("/report lost").text
    boss.say("/sprache de")
    assert "🎉 Gewonnen: 2 · 120.000 USD + 12.000 EUR" in boss.say("/auswertung dieses quartal").text


def test_forecast_weighted_commit_best_case_and_undated(team: tuple[Chat, Chat]) -> None:
    boss, _ = team
    boss.now = NOW
    reply = boss.say("/forecast")
    lines = reply.text.split("\n")
    assert lines[:5] == ["🔮 Forecast 1 Nov 2026 – 31 Jan 2027",
                         "November 2026:",
                         "  0 open · weighted 0 · commit 0 · best case 0 · won 120,000 USD + 12,000 EUR",
                         "December 2026:",
                         "  1 open · weighted 25,000 EUR · commit 33,333.33 EUR · best case 33,333.33 EUR · won 0"]
    assert "⚠️ Open deals without a close date (1), not in the forecast:" in lines
    assert "  #4 Umbrella · 5,000.50 EUR" in lines
    boss.press("Umbrella", reply)
    boss.say("20.1.2027")
    assert [d.close_date is not None for d in boss.rows(Deal)][3]
    assert "  1 open · weighted 500.05 EUR · commit 0 · best case 5,000.50 EUR · won 0" in boss.say("/forecast").text
    assert "Q1 2027" in boss.say("/prognose q1").text


def test_funnel_and_stuck(team: tuple[Chat, Chat]) -> None:
    boss, _ = team
    boss.now = NOW
    assert boss.say("/funnel").text.split("\n")[1:] == [
        "Lead: 5 · 80% onward",
        "Qualified: 4 · 75% onward · ⌀ 10.0 days (1 stays)",
        "Proposal: 3 · 100% onward · ⌀ 10.0 days (1 stays)",
        "Negotiation: 3 · 67% onward · ⌀ 20.0 days (1 stays)",
        "Won: 2",
        "Lost: 1"]
    stuck = boss.say("/stuck")
    assert stuck.text.split("\n") == ["🧊 Stuck deals (2):",
                                      "#5 Hooli · 33,333.33 EUR · Negotiation · no activity for 14+ days",
                                      "#4 Umbrella · 5,000.50 EUR · Lead · no activity for 14+ days"]
    assert [b.command for b in stuck.buttons[0]] == ["/show #deal:5"]
    assert "No stuck deals" in boss.say("/stuck 30").text


def test_deal_filters_and_edits(team: tuple[Chat, Chat]) -> None:
    boss, ben = team
    boss.now = ben.now = NOW
    assert boss.say("/deals won").text.split("\n")[1:] == ["#2 Globex platform · 120,000 USD · Won",
                                                          "#1 Acme rollout · 12,000 EUR · Won"]
    assert "#3 Initech · 8,500 EUR · Lost · too expensive" in boss.say("/deals lost").text
    assert boss.say("/deals stale").text.startswith("Open deals without activity (2)")
    assert "Hooli" in boss.say("/deals closing month").text or "No deals" in boss.say("/deals closing month").text
    assert boss.say("/deals @ben").text.startswith("No deals match")  # ben's are all closed
    assert "#5 Hooli" in boss.say("/deals negotiation").text
    edited = boss.say("/edit #deal:4 close=15.12., value=7k USD, owner=ben, probability=40")
    assert edited.text == "💼 Umbrella: 7,000 USD · Lead · 40% · 📅 15 Dec 2026 · 👤 ben"
    assert "#4 Umbrella" in ben.say("/deals mine").text
    assert "bad value" not in boss.say("/edit #deal:4 probability=140").text
    assert boss.rows(Deal)[3].probability == 40
    assert boss.say("/edit hooli: stage=proposal").text.startswith("💼 Hooli: 33,333.33 EUR · Proposal · 50%")
    pipeline = boss.say("/pipeline").text
    assert "Proposal: 1 · 33,333.33 EUR (weighted 16,666.66 EUR)\n  #5 Hooli · 33,333.33 EUR" in pipeline


def test_lost_without_reason_offers_the_question(chat: Chat) -> None:
    chat.say("/deal Acme rollout 12k proposal")
    lost = chat.say("/stage acme lost")
    chat.press("Why lost?", lost)
    chat.say("went with a competitor")
    assert chat.rows(Deal)[0].lost_reason == "went with a competitor"


def test_long_lists_say_how_many_more(chat: Chat) -> None:
    chat.later(days=-3)
    for n in range(16):
        chat.say(f"/task call customer {n} tomorrow 9am")
    chat.later(days=3)
    first = chat.say("/tasks overdue")
    assert "… and 6 more." in first.text and first.text.count("\n#") == 10
    second = chat.press("Next page", first)
    assert second.text.count("#") == 6 and "more" not in second.text
    assert chat.count(Task) == 16


@pytest.mark.parametrize("text", ["/report sometime", "/forecast by banana", "/stuck forever", "/deals shiny",
                                  "/rates EUR USD=abc", "/edit #deal:1 close=never ever"])
def test_bad_arguments_get_a_friendly_reply(team: tuple[Chat, Chat], text: str) -> None:
    boss, _ = team
    before = [d.model_dump() for d in boss.rows(Deal)]
    reply = boss.say(text)
    assert reply.text and "wrong on my side" not in reply.text
    assert [d.model_dump() for d in boss.rows(Deal)] == before
