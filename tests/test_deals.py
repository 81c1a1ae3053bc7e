"""Deals through the pipeline."""

from sqlmodel import Session, select

from storage.models import Deal, DealStageChange
from tests.conftest import Chat


def test_deal_with_value_currency_and_stage(chat: Chat) -> None:
    chat.say("/company Acme")
    reply = chat.say("/deal Acme rollout 12k EUR proposal")
    assert reply.text == "💼 Deal Acme rollout: 12,000 EUR · Proposal (50%)"
    [deal] = chat.rows(Deal)
    assert (deal.value_cents, deal.currency, deal.probability, deal.company_id) == (1_200_000, "EUR", 50, 1)


def test_amount_forms(chat: Chat) -> None:
    chat.say("/deal Globex 1.500,50€ lead")
    chat.say("/deal Initech $2.5k qualified")
    chat.say("/deal Umbrella 30000 CHF")
    assert [(d.value_cents, d.currency) for d in chat.rows(Deal)] == [(150_050, "EUR"), (250_000, "USD"),
                                                                   (3_000_000, "CHF")]


def test_move_stage_records_history_and_pipeline_sums(chat: Chat) -> None:
    chat.say("/deal Acme rollout 12k proposal")
    chat.say("/deal Globex pilot 8k lead")
    assert chat.say("/stage acme won").text == "🎉 Acme rollout won: 12,000 EUR!"
    assert "already in" in chat.say("/stage acme won").text
    pipeline = chat.say("/pipeline").text
    assert "Lead: 1 · 8,000 EUR (weighted 800 EUR)" in pipeline
    assert "Won: 1 · 12,000 EUR (weighted 12,000 EUR)" in pipeline
    assert "Open total: 8,000 EUR · weighted forecast 800 EUR" in pipeline
    with Session(chat.crm.db.engine) as session:
        assert len(list(session.exec(select(DealStageChange)))) == 3


def test_german_stage_names_and_typos(chat: Chat) -> None:
    chat.language = "de"
    chat.say("/deal Acme Rollout 12k Angebot")
    assert chat.say("/phase acme verhandlung").text == "💼 Acme Rollout ist jetzt in Verhandlung (75 %)."
    assert "gewonnen: 12.000 EUR" in chat.say("/phase acme gewonen").text
    assert "Phase" in chat.say("/phase acme blubb").text


def test_stage_button_on_card(chat: Chat) -> None:
    created = chat.say("/deal Acme rollout 12k proposal")
    chat.press("Negotiation", created)
    assert chat.rows(Deal)[0].probability == 75


def test_deal_from_contact_button(chat: Chat) -> None:
    added = chat.say("/add Anna Schulz, Acme GmbH")
    ask = chat.press("Deal", added)
    assert "Which deal?" in ask.text
    chat.say("rollout 20k negotiation")
    [deal] = chat.rows(Deal)
    assert (deal.title, deal.contact_id, deal.company_id, deal.value_cents) == ("rollout", 1, 1, 2_000_000)


def test_close_date_in_the_deal_line(chat: Chat) -> None:
    chat.say("/deal Acme rollout 12k proposal close 15.12.")
    [deal] = chat.rows(Deal)
    assert deal.title == "Acme rollout"
    assert deal.close_date is not None and deal.close_date.isoformat() == "2026-12-15T08:00:00+00:00"
    assert "Expected to close: Tue 15 Dec 09:00" in chat.say("/show acme rollout").text


def test_stray_currency_symbols_are_friendly(chat: Chat) -> None:
    assert chat.say("/deal Acme rollout €$").text == "💼 Deal Acme rollout €$: 0 EUR · Lead (10%)"
    assert chat.say("/deal Globex pilot $ 5k").text == "💼 Deal Globex pilot: 5,000 USD · Lead (10%)"


def test_a_new_deal_reads_the_stages_once(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme")
    reply, seen = chat.say_counted("/deal Acme rollout 12k EUR proposal")
    assert "Proposal" in reply.text
    assert sum(1 for statement in seen if "FROM pipelinestage" in statement) == 1
