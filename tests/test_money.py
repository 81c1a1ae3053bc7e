"""Money has 64 bits: big deals are stored, summed and forecast exactly; a deal above the bound is refused."""

from storage.models import Deal
from tests.conftest import Chat

TEN_BILLION_CENTS = 10**12


def test_a_300k_deal_does_not_break_the_pipeline(chat: Chat) -> None:
    chat.say("/deal Acme rollout 300k EUR negotiation")
    chat.say("/deal Mega 30M EUR lead")
    assert [d.value_cents for d in chat.rows(Deal)] == [30_000_000, 3_000_000_000]
    text = chat.say("/pipeline").text
    assert "Lead: 1 · 30,000,000 EUR (weighted 3,000,000 EUR)" in text
    assert "Negotiation: 1 · 300,000 EUR (weighted 225,000 EUR)" in text
    assert "Open total: 30,300,000 EUR · weighted forecast 3,225,000 EUR" in text
    assert "Open total: 30,300,000 EUR" in chat.say("/digest team").text


def test_deals_of_ten_billion_are_stored_summed_and_forecast_exactly(chat: Chat) -> None:
    chat.say("/deal Mega 10000M EUR lead close 30.11.")
    chat.say("/deal Giga 9.999.999.999,99 EUR proposal close 15.12.")
    chat.say("/deal Tera 10000M EUR negotiation")
    assert [d.value_cents for d in chat.rows(Deal)] == [TEN_BILLION_CENTS, TEN_BILLION_CENTS - 1, TEN_BILLION_CENTS]
    pipeline = chat.say("/pipeline").text
    assert "Proposal: 1 · 9,999,999,999.99 EUR (weighted 4,999,999,999.99 EUR)" in pipeline
    assert "Open total: 29,999,999,999.99 EUR · weighted forecast 13,499,999,999.99 EUR" in pipeline
    digest = chat.say("/digest team").text
    assert "Open total: 29,999,999,999.99 EUR · weighted forecast 13,499,999,999.99 EUR" in digest
    assert "Forecast this month: 1,000,000,000 EUR (won 0 EUR + weighted 1,000,000,000 EUR)" in digest
    assert "Forecast this quarter: 5,999,999,999.99 EUR (won 0 EUR + weighted 5,999,999,999.99 EUR)" in digest
    chat.say("/stage mega won")
    digest = chat.say("/digest team").text
    assert "Forecast this month: 10,000,000,000 EUR (won 10,000,000,000 EUR + weighted 0 EUR)" in digest


def test_a_deal_above_ten_billion_is_refused_kindly(chat: Chat) -> None:
    reply = chat.say("/deal Over 10001M EUR lead")
    assert reply.text == "A deal can be worth at most 10,000,000,000 EUR. Nothing was saved."
    chat.language = "de"
    reply = chat.say("/deal Zuviel 99999999999999999999 EUR")
    assert reply.text == "Ein Deal kann höchstens 10.000.000.000 EUR wert sein. Nichts wurde gespeichert."
    assert chat.rows(Deal) == []
