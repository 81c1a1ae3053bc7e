"""Custom fields and company details in files: a CSV column named like a field fills it; company columns fill the
company where it has nothing yet; exports write both back (CSV columns, vCard X-CRMBOT-FIELD)."""

from collections.abc import Iterable
from typing import Any

from sqlmodel import Session

from handlers.context import Context
from handlers.crm.contact_details import addresses
from handlers.crm.custom_fields import checked_value
from handlers.errors import InvalidValue
from handlers.exchange.formats import company_key
from handlers.exchange.rows import Checked, Row
from handlers.language.field_formats import phone_region
from handlers.language.fields import normalize_phone
from handlers.language.names import fold
from storage import custom_fields as store
from storage.ids import id_of
from storage.models import Company, CustomField, CustomValue

COMPANY_DETAILS = ("website", "industry", "size", "phone")
COMPANY_FALLBACK = {"branche": "industry"}  # a column no field of the team's took: the company's industry
COMPANY_LIMITS = {"website": 300, "industry": 100, "size": 40}


def claim_columns(ctx: Context, checked: Checked) -> None:
    """Columns named like a contact field of the team's ("Branche") or a company field ("Company Umsatz") are no
    longer ignored: the preview maps them."""
    names = {f.name_key for f in contact_fields(ctx).values()}
    firm_names = set(company_fields(ctx))
    claimed = [column for column in checked.ignored if fold(column) in names]
    firm_claimed = [column for column in checked.ignored if company_key(column) in firm_names]
    fallback = [column for column in checked.ignored if fold(column) in COMPANY_FALLBACK and fold(column) not in names]
    checked.mapping += [(column, "custom") for column in claimed]
    checked.mapping += [(column, "company_custom") for column in firm_claimed]
    claimed += firm_claimed
    checked.mapping += [(column, "company_" + COMPANY_FALLBACK[fold(column)]) for column in fallback]
    checked.ignored = [column for column in checked.ignored if column not in claimed and column not in fallback]


def contact_fields(ctx: Context) -> dict[str, CustomField]:
    return {f.name_key: f for f in store.fields_of(session=ctx.session, workspace_id=_ws(ctx), entity="contact")}


def company_fields(ctx: Context) -> dict[str, CustomField]:
    return {f.name_key: f for f in store.fields_of(session=ctx.session, workspace_id=_ws(ctx), entity="company")}


def _ws(ctx: Context) -> int:
    assert ctx.workspace.id is not None
    return ctx.workspace.id


def write_fields(ctx: Context, pairs: list[tuple[int, Row]], companies: dict[str, int],
                 insert_all: Any) -> None:
    """The rows' custom values (a bad one is left out) and their companies' details (only where empty)."""
    fields = contact_fields(ctx)
    values: list[dict[str, Any]] = []
    details: dict[int, tuple[dict[str, str], list[str]]] = {}  # company id -> (its columns, the row's countries)
    for contact_id, row in pairs:
        have = {v.field_id for v in store.values_of(session=ctx.session, workspace_id=_ws(ctx), entity="contact",
                                                    entity_id=contact_id)} if row.custom else set()
        for header, raw in row.custom.items():
            key = fold(header)
            field_id = fields[key].id if key in fields else None
            if field_id is not None and field_id not in have:
                value = _checked(ctx, fields[key], raw)
                if value is not None:
                    values.append({"workspace_id": _ws(ctx), "field_id": field_id, "entity": "contact",
                                   "entity_id": contact_id, "value": value, "value_key": fold(value)})
                    have.add(field_id)
            elif key in COMPANY_FALLBACK and key not in fields:
                row.company_details.setdefault(COMPANY_FALLBACK[key], raw)
        if row.company and row.company_details and fold(row.company) in companies:
            details.setdefault(companies[fold(row.company)], (dict(row.company_details),
                                                              [a.get("country", "") for a in row.addresses]))
    insert_all(ctx, CustomValue, values)
    write_company_values(ctx, pairs, companies, insert_all)
    for company_id, (found, countries) in details.items():
        company = ctx.get(Company, company_id)
        if company is not None:
            fill_company(ctx, company, found, countries)


def write_company_values(ctx: Context, pairs: list[tuple[int, Row]], companies: dict[str, int],
                         insert_all: Any) -> None:
    """The companies' custom values from "Company <field>" columns, where the company has none yet."""
    fields = company_fields(ctx)
    wanted = [(companies[fold(row.company)], fields[company_key(header)], raw) for _id, row in pairs
              if row.company and fold(row.company) in companies
              for header, raw in row.custom.items() if company_key(header) in fields]
    values: list[dict[str, Any]] = []
    have: set[tuple[int, int]] = set()
    for company_id, found, raw in wanted:
        value = _checked(ctx, found, raw)
        field_id = found.id
        if value is None or field_id is None or (company_id, field_id) in have or store.value_of(
                session=ctx.session, workspace_id=_ws(ctx), field_id=field_id, entity_id=company_id) is not None:
            continue
        have.add((company_id, field_id))
        values.append({"workspace_id": _ws(ctx), "field_id": field_id, "entity": "company",
                       "entity_id": company_id, "value": value, "value_key": fold(value)})
    insert_all(ctx, CustomValue, values)


def _checked(ctx: Context, found: CustomField, raw: str) -> str | None:
    try:
        return checked_value(ctx, found, raw)
    except InvalidValue:
        return None


def fill_company(ctx: Context, company: Company, found: dict[str, str], countries: list[str]) -> None:
    """Set the company's website, industry, size and phone from a file where it has none (a bad phone is left out).

    A phone without + is read in the company's address country, else the row's (its contact's), else the workspace's.
    """
    changes: dict[str, object] = {}
    stored = [address.country for address in addresses(ctx, "company", id_of(company))]
    region = phone_region([*stored, *countries], ctx.workspace.default_region)
    for detail in COMPANY_DETAILS:
        value = " ".join(found.get(detail, "").split())
        if not value or getattr(company, detail):
            continue
        if detail == "phone":
            try:
                value = normalize_phone(value, region)
            except InvalidValue:
                continue
        changes[detail] = value[:COMPANY_LIMITS.get(detail, 32)]
    if changes:
        ctx.update(company, **changes)


# --- export -------------------------------------------------------------------------------------


def custom_columns(session: Session, workspace_id: int, contact_ids: Iterable[int],
                   entity: str = "contact") -> tuple[list[str], dict[int, list[tuple[str, str]]]]:
    """The contact (or company) fields' names (the CSV headers) and each record's (name, value) pairs in field
    order."""
    fields = store.fields_of(session=session, workspace_id=workspace_id, entity=entity)
    values = store.all_values(session=session, workspace_id=workspace_id, entity=entity)
    wanted = set(contact_ids)
    pairs = {contact_id: [(f.name, values[contact_id][f.id]) for f in fields if f.id in values[contact_id]]
             for contact_id in wanted if contact_id in values}
    return [f.name for f in fields], pairs


COMPANY_HEADERS = ["Company Website", "Industry", "Company Size", "Company Phone"]


def company_cells(company: Company | None) -> list[object]:
    """The contact's company's details, under COMPANY_HEADERS."""
    if company is None:
        return ["", "", "", ""]
    return [company.website, company.industry, company.size, company.phone]
