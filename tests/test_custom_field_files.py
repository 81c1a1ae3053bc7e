"""Custom fields and company details through import and export: CSV columns by field name, vCard X-CRMBOT-FIELD."""

import pytest

from storage.models import Company, Contact, CustomValue
from tests.conftest import Chat
from tests.test_import_export import send_file

HUBSPOT = ("First Name,Last Name,Email,Company Name,Industry,Company Domain Name,Number of Employees,"
           "Company Phone,Branche,Umsatz,Lieblingsfarbe\n"
           "Anna,Schulz,anna@acme.de,Acme GmbH,Maschinenbau,acme.de,50-99,089 123456,handel,\"1.500\",blau\n"
           "Ben,Braun,ben@braun.de,Braun KG,,,,,Industrie,12,\n")


def fields(chat: Chat) -> None:
    chat.say("/field add Branche choice: Handel, Industrie")
    chat.say("/field add Umsatz number")


def test_csv_columns_named_like_fields_and_company_columns_import(chat: Chat) -> None:
    fields(chat)
    preview = send_file(chat, "hubspot.csv", HUBSPOT.encode())
    assert "Branche → custom field" in preview.text and "Lieblingsfarbe" in preview.text
    chat.press("Import")
    values = {(v.entity_id, v.value) for v in chat.rows(CustomValue)}
    anna, ben = chat.rows(Contact)
    assert values == {(anna.id, "Handel"), (anna.id, "1500"), (ben.id, "Industrie"), (ben.id, "12")}
    acme = next(c for c in chat.rows(Company) if c.name == "Acme GmbH")
    assert (acme.industry, acme.website, acme.size, acme.phone) == ("Maschinenbau", "acme.de", "50-99", "+4989123456")
    chat.say("/undo")
    assert chat.rows(CustomValue) == [] and chat.rows(Contact) == []


def test_a_bad_custom_value_costs_the_value_not_the_row(chat: Chat) -> None:
    fields(chat)
    send_file(chat, "x.csv", b"Name,Branche,Umsatz\nAnna Schulz,Landwirtschaft,viel\n")
    chat.press("Import")
    assert len(chat.rows(Contact)) == 1 and chat.rows(CustomValue) == []


@pytest.mark.parametrize("fmt", ["csv", "vcf", "vcf4"])
def test_custom_values_round_trip(chat: Chat, fmt: str) -> None:
    fields(chat)
    chat.say("/add Anna Schulz, Acme GmbH, anna@acme.de")
    chat.say("/edit anna: Branche=Handel; Umsatz=1.500,5")
    chat.say("/edit acme: website=acme.de, industry=Maschinenbau")
    exported = chat.say(f"/export contacts {fmt}").file
    assert exported is not None
    text = exported.content.decode("utf-8-sig")
    assert ("X-CRMBOT-FIELD;NAME=Branche:Handel" in text) if fmt != "csv" else ("Branche" in text.splitlines()[0])
    other = Chat(chat.crm, workspace="console:other", user="rep9")
    fields(other)
    send_file(other, exported.filename, exported.content)
    other.press("Import")
    mine = {v.value for v in other.rows(CustomValue) if v.workspace_id != chat.rows(CustomValue)[0].workspace_id}
    assert mine == {"Handel", "1500.5"}
    if fmt == "csv":
        theirs = [c for c in other.rows(Company) if c.workspace_id != chat.rows(Company)[0].workspace_id]
        assert [(c.website, c.industry) for c in theirs] == [("acme.de", "Maschinenbau")]


@pytest.mark.parametrize("fmt", ["csv", "vcf", "vcf4"])
def test_company_fields_and_details_round_trip(chat: Chat, fmt: str) -> None:
    chat.say("/field add company Umsatz number")
    chat.say("/add Anna Schulz, Acme GmbH, anna@acme.de")
    chat.say("/edit acme: Umsatz=2.000, website=acme.de, industry=Maschinenbau, size=50-99, phone=089 123456")
    exported = chat.say(f"/export contacts {fmt}").file
    assert exported is not None
    text = exported.content.decode("utf-8-sig")
    assert ("Company Umsatz" in text.splitlines()[0]) if fmt == "csv" else ("X-CRMBOT-COMPANY-FIELD" in text)
    other = Chat(chat.crm, workspace="console:other", user="rep9")
    other.say("/field add company Umsatz number")
    send_file(other, exported.filename, exported.content)
    other.press("Import")
    mine = chat.rows(Company)[0].workspace_id
    [theirs] = [c for c in other.rows(Company) if c.workspace_id != mine]
    assert (theirs.website, theirs.industry, theirs.size, theirs.phone) == ("acme.de", "Maschinenbau", "50-99",
                                                                          "+4989123456")
    values = [v for v in other.rows(CustomValue) if v.workspace_id != mine]
    assert [(v.entity, v.entity_id, v.value) for v in values] == [("company", theirs.id, "2000")]
