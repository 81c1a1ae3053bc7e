"""Custom fields (/field), /edit for every stored field, company details: set, shown, found, filtered, undone."""

from storage.models import Address, Company, Contact, ContactEmail, ContactPhone, CustomField, CustomValue
from tests.conftest import Chat


def owner(chat: Chat) -> Chat:
    chat.say("/start")
    return chat


def test_field_add_list_remove_in_both_languages(chat: Chat) -> None:
    owner(chat)
    added = chat.say("/field add Branche choice: Handel, Industrie, Dienstleistung")
    assert "Branche" in added.text and "Handel, Industrie, Dienstleistung" in added.text
    chat.say("/field add company Umsatz number")
    listed = chat.say("/field list").text
    assert "Branche" in listed and "Umsatz" in listed
    [branche, size] = chat.rows(CustomField)
    assert (branche.applies_to, branche.kind, size.applies_to, size.kind) == ("contact", "choice", "company", "number")
    chat.say("/lang de")
    assert "Umsatz" in chat.say("/feld liste").text
    chat.say("/feld entfernen firma Umsatz")
    assert [f.name for f in chat.rows(CustomField)] == ["Branche"]
    chat.say("/rückgängig")
    assert [f.name for f in chat.rows(CustomField)] == ["Branche", "Umsatz"]


def test_bad_field_definitions_change_nothing(chat: Chat) -> None:
    owner(chat)
    assert "kind" in chat.say("/field add Budget money").text
    assert "choice" in chat.say("/field add Branche choice:").text
    chat.say("/field add Branche text")
    assert "already" in chat.say("/field add branche number").text
    assert "built-in" in chat.say("/field add email text").text
    chat.say("/lang de")
    assert "Art" in chat.say("/feld neu Budget geld").text
    assert len(chat.rows(CustomField)) == 1


def test_only_owners_and_managers_define_fields(chat: Chat) -> None:
    owner(chat)
    rep = Chat(chat.crm, user="rep2")
    rep.say("/start")
    assert "owners and managers" in rep.say("/field add Branche text").text
    assert chat.rows(CustomField) == []


def test_edit_sets_checked_custom_values_and_undo(chat: Chat) -> None:
    owner(chat)
    chat.say("/field add Branche choice: Handel, Industrie, Dienstleistung")
    chat.say("/field add Umsatz number")
    chat.say("/field add Erstkontakt date")
    chat.say("/add Anna Schulz, Acme")
    reply = chat.say("/edit anna: Branche=handel, Umsatz=1.500,5, Erstkontakt=12.03.2026")
    assert "Anna Schulz" in reply.text
    values = {v.value for v in chat.rows(CustomValue)}
    assert values == {"Handel", "1500.5", "2026-03-12"}
    card = chat.say("/show anna").text
    assert "Branche: Handel" in card and "Erstkontakt: 12 Mar 2026" in card
    wrong = chat.say("/edit anna: Branche=Industri")
    assert "Industrie" in wrong.text  # the closest choice
    assert "number" in chat.say("/edit anna: Umsatz=viel").text
    assert {v.value for v in chat.rows(CustomValue)} == {"Handel", "1500.5", "2026-03-12"}
    chat.say("/edit anna: Branche=Industrie")
    chat.say("/undo")
    assert {v.value for v in chat.rows(CustomValue)} == {"Handel", "1500.5", "2026-03-12"}
    chat.say("/edit anna: Branche=-")
    assert {v.value for v in chat.rows(CustomValue)} == {"1500.5", "2026-03-12"}


def test_custom_values_are_found_and_filtered(chat: Chat) -> None:
    owner(chat)
    chat.say("/field add Branche choice: Handel, Industrie")
    chat.say("/add Anna Schulz")
    chat.say("/add Ben Braun")
    chat.say("/edit anna: Branche=Handel")
    chat.say("/edit ben: Branche=Industrie")
    found = chat.say("/find handel").text
    assert "Anna Schulz" in found and "Ben Braun" not in found
    segment = chat.say("/segment field.branche:handel").text
    assert "Anna Schulz" in segment and "Ben Braun" not in segment
    assert "Ben Braun" in chat.say("/segment branche:industrie").text
    assert "Ben Braun" in chat.say("/segment field:branche=industrie").text
    negated = chat.say("/segment -branche:industrie").text
    assert "Anna Schulz" in negated and "Ben Braun" not in negated
    assert 'no field "farbe"' in chat.say("/segment field.farbe:blau").text


def test_edit_every_stored_contact_field(chat: Chat) -> None:
    owner(chat)
    chat.say("/add Anna Schulz, anna@acme.de, +49 170 1234567")
    chat.say("/edit anna: job=Head of Sales, department=Vertrieb, birthday=12.04.1985, website=acme.de, "
             "linkedin=in/anna")
    chat.say("/edit anna: street=Hauptstr. 1; postcode=80331; city=München; country=Germany")
    chat.say("/edit anna: email home=anna@home.de; phone mobile=+49 171 7654321")
    [anna] = chat.rows(Contact)
    assert (anna.title, anna.department, anna.birthday, anna.website) == ("Head of Sales", "Vertrieb", "1985-04-12",
                                                                          "acme.de")
    assert '"linkedin": "in/anna"' in (anna.socials or "")
    [address] = chat.rows(Address)
    assert (address.street, address.postcode, address.city, address.country) == ("Hauptstr. 1", "80331", "München", "DE")
    assert [(e.email, e.label) for e in chat.rows(ContactEmail)] == [("anna@home.de", "home")]
    assert [(p.phone, p.label) for p in chat.rows(ContactPhone)] == [("+491717654321", "mobile")]
    chat.say("/lang de")
    chat.say("/ändern anna: Abteilung=Einkauf; Geburtstag=--05-01; Ort=Berlin; PLZ=10115; Titel=CEO")
    [anna] = chat.rows(Contact)
    assert (anna.department, anna.birthday, anna.title) == ("Einkauf", "--05-01", "CEO")
    assert (chat.rows(Address)[0].city, chat.rows(Address)[0].postcode) == ("Berlin", "10115")
    chat.say("/rückgängig")
    assert chat.rows(Contact)[0].department == "Vertrieb" and chat.rows(Address)[0].city == "München"


def test_bad_contact_values_change_nothing(chat: Chat) -> None:
    owner(chat)
    chat.say("/add Anna Schulz")
    before = chat.rows(Contact)[0].model_dump()
    assert "birthday" in chat.say("/edit anna: department=Einkauf, birthday=31.02.1985").text
    assert "website" in chat.say("/edit anna: website=not a site").text
    assert "label" in chat.say("/edit anna: email garage=anna@home.de").text
    chat.say("/lang de")
    assert "Geburtstag" in chat.say("/ändern anna: Geburtstag=irgendwann").text
    after = chat.rows(Contact)[0].model_dump()
    assert {k: v for k, v in after.items() if k != "updated_at"} == {k: v for k, v in before.items() if k != "updated_at"}


def test_company_details_by_edit_shown_on_the_card(chat: Chat) -> None:
    owner(chat)
    assert "built-in" in chat.say("/field add company Größe number").text
    chat.say("/field add company Umsatz number")
    chat.say("/company Acme GmbH")
    chat.say("/edit acme: website=acme.de, industry=Maschinenbau, size=50-99, phone=089 123456, city=München")
    [acme] = chat.rows(Company)
    assert (acme.website, acme.industry, acme.size, acme.phone) == ("acme.de", "Maschinenbau", "50-99", "+4989123456")
    assert chat.rows(Address)[0].city == "München"
    chat.say("/edit acme: Umsatz=120")
    card = chat.say("/show acme").text
    assert "Maschinenbau" in card and "acme.de" in card and "München" in card and "Umsatz: 120" in card
    chat.say("/undo")
    assert "Umsatz" not in chat.say("/show acme").text


def test_a_company_size_as_a_range_scores_its_people(chat: Chat) -> None:
    """Company.size holds what was given ("50-99"): the lead score reads its first number, not the text."""
    chat.say("/add Anna Schulz, Acme GmbH")
    assert "Acme" in chat.say("/edit acme: size=50-99").text
    assert "company of 50+ people" in chat.say("/score anna").text
    chat.say("/edit acme: size=10-49")
    assert "company of 50+ people" not in chat.say("/score anna").text


def test_the_card_has_a_button_per_field_that_asks_for_the_value(chat: Chat) -> None:
    chat.say("/field add Branche choice: Handel, Industrie")
    chat.say("/add Anna Schulz")
    card = chat.say("/show anna")
    asked = chat.press("Branche", card)
    assert "Branche" in asked.text and "Handel, Industrie" in asked.text
    assert chat.rows(CustomValue) == []
    chat.say("industrie")
    assert [v.value for v in chat.rows(CustomValue)] == ["Industrie"]
    chat.say("/lang de")
    assert "Branche: Industrie" in chat.say("/zeige anna").text
