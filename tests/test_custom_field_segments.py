"""Number and date custom fields in segments: `umsatz:>1000`, `erstkontakt:<2026-01-01`, `umsatz:100..500`."""

from tests.conftest import Chat


def people(chat: Chat) -> Chat:
    chat.say("/start")
    chat.say("/field add Umsatz number")
    chat.say("/field add Erstkontakt date")
    chat.say("/field add Branche text")
    chat.say("/add Anna Schulz")
    chat.say("/add Ben Braun")
    chat.say("/add Cora Celik")
    chat.say("/edit anna: Umsatz=1.500,5, Erstkontakt=12.03.2025, Branche=Handel")
    chat.say("/edit ben: Umsatz=200, Erstkontakt=2026-02-01, Branche=200")
    return chat


def found(chat: Chat, query: str) -> set[str]:
    text = chat.say(f"/segment {query}").text
    return {name for name in ("Anna Schulz", "Ben Braun", "Cora Celik") if name in text}


def test_number_fields_compare(chat: Chat) -> None:
    people(chat)
    assert found(chat, "umsatz:>1000") == {"Anna Schulz"}
    assert found(chat, "field.umsatz:<1000") == {"Ben Braun"}
    assert found(chat, "umsatz:100..2000") == {"Anna Schulz", "Ben Braun"}
    assert found(chat, "umsatz:>=1500.5") == {"Anna Schulz"}
    assert found(chat, "-umsatz:>1000") == {"Ben Braun", "Cora Celik"}


def test_date_fields_compare(chat: Chat) -> None:
    people(chat)
    assert found(chat, "erstkontakt:<2026-01-01") == {"Anna Schulz"}
    assert found(chat, "erstkontakt:>1.1.2026") == {"Ben Braun"}
    assert found(chat, "erstkontakt:2025-01-01..2026-12-31") == {"Anna Schulz", "Ben Braun"}


def test_comparing_a_text_field_or_a_wrong_kind_is_a_friendly_no(chat: Chat) -> None:
    people(chat)
    text = chat.say("/segment branche:>100").text
    assert "Branche" in text and "Ben Braun" not in text
    assert "Anna Schulz" not in chat.say("/segment umsatz:>2026-01-01").text
    chat.say("/lang de")
    assert "Branche" in chat.say("/segment branche:>100").text
    assert found(chat, "branche:handel") == {"Anna Schulz"}  # text still matches by its start
