"""Check imported records and match them against the workspace's contacts.

A row needs a name (a row without one is named by its e-mail); an invalid e-mail, phone
or company, or a field with broken bytes, is dropped from the row (which is kept); further e-mails and
phones are kept with their labels, and rows of the file that share an e-mail or phone are combined. Matching against existing contacts goes by e-mail, then phone, then the
exact folded name (unless the e-mails differ).
"""

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlmodel import Session

from handlers.crm.contacts import MAX_NOTE
from handlers.errors import InvalidValue
from handlers.exchange.formats import ParsedFile, RawRecord
from handlers.exchange.vcard_write import guess_name
from handlers.language.countries import country_code
from handlers.language.field_formats import check_postcode, phone_region
from handlers.language.fields import check_name, normalize_email, normalize_phone
from handlers.language.names import fold
from handlers.texts import catalogue
from storage import bulk, details

LIMITS = {"given_name": 100, "middle_name": 100, "family_name": 100, "name_prefix": 50, "name_suffix": 50,
          "title": 200, "department": 200, "birthday": 10, "website": 300}
ADDRESS_LIMITS = {"street": 300, "postcode": 20, "city": 100, "region": 100}
READ_ALL_ABOVE = 2_000  # rows; a larger file is matched against all contacts, read once, not looked up in chunks


@dataclass
class Row:
    number: int
    name: str
    email: str | None = None
    phone: str | None = None
    company: str | None = None
    note: str = ""
    fields: dict[str, Any] = field(default_factory=dict)  # further Contact columns: given_name, title, ...
    emails: list[list[str]] = field(default_factory=list)  # further [e-mail, label]
    phones: list[list[str]] = field(default_factory=list)  # further [phone, label]
    addresses: list[dict[str, str]] = field(default_factory=list)
    custom: dict[str, str] = field(default_factory=dict)  # column or custom field name -> value as written
    company_details: dict[str, str] = field(default_factory=dict)  # website, industry, size, phone


@dataclass
class Checked:
    """A file after checking: what the preview shows and the confirmation writes."""

    filename: str
    kind: str  # csv, vcard
    read: int  # records in the file
    rows: list[Row]
    mapping: list[tuple[str, str]] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    delimiter: str = ""
    encoding: str = ""
    rejected: dict[str, list[int]] = field(default_factory=dict)  # reason -> row numbers
    warnings: dict[str, list[int]] = field(default_factory=dict)  # a value dropped, the row kept
    combined: int = 0  # rows folded into an earlier row with the same e-mail or phone

    def to_json(self) -> str:
        data = asdict(self)
        data["rows"] = [[r.number, r.name, r.email, r.phone, r.company, r.note]
                        + ([r.fields, r.emails, r.phones, r.addresses] if r.fields or r.emails or r.phones
                           or r.addresses or r.custom or r.company_details else [])
                        + ([r.custom, r.company_details] if r.custom or r.company_details else []) for r in self.rows]
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, payload: str) -> "Checked":
        data = json.loads(payload)
        data["rows"] = [Row(*row) for row in data["rows"]]
        data["mapping"] = [tuple(pair) for pair in data["mapping"]]
        return cls(**data)


@dataclass(frozen=True)
class Match:
    contact_id: int
    reason: str  # email, phone, name


def check_records(parsed: ParsedFile, *, filename: str, region: str, language: str) -> Checked:
    rejected: dict[str, list[int]] = defaultdict(list)
    warnings: dict[str, list[int]] = defaultdict(list)
    rows: list[Row] = []
    seen: dict[str, Row] = {}  # e-mail or phone -> the first row that had it
    combined = 0
    for record in parsed.records:
        row = check_record(record, region, language, rejected, warnings)
        if row is None:
            continue
        earlier = (row.email and seen.get(row.email)) or (row.phone and seen.get(row.phone))
        if earlier:
            combine(earlier, row, language)
            combined += 1
        else:
            rows.append(row)
            earlier = row
        for value in (earlier.email, earlier.phone):
            if value:
                seen.setdefault(value, earlier)
    return Checked(filename, parsed.kind, len(parsed.records), rows, parsed.mapping, parsed.ignored,
                   parsed.delimiter, parsed.encoding, dict(rejected), dict(warnings), combined)


def check_record(record: RawRecord, region: str, language: str, rejected: dict[str, list[int]],
                 warnings: dict[str, list[int]]) -> Row | None:
    number = record.number
    if record.unreadable:
        rejected["unreadable"].append(number)
        return None
    if record.broken:
        warnings["broken"].append(number)
    emails = _valid(record.emails, normalize_email, "bad_email", number, warnings)
    addresses = [address_of(parts) for parts in record.addresses]
    if not all([keep_postcode(address, region) for address in addresses]):
        warnings["bad_postcode"].append(number)
    region = phone_region([address["country"] for address in addresses], region)  # numbers without + read there
    phones = _valid(record.phones, lambda value: normalize_phone(value, region), "bad_phone", number, warnings)
    company = None
    if record.company:
        try:
            company = check_name(record.company)
        except InvalidValue:
            warnings["bad_company"].append(number)
    names = record.names
    name = names.get("full") or " ".join(names[k] for k in ("first", "middle", "last") if names.get(k))
    name = name.strip() or (emails[0][0] if emails else "")  # an address book shows such a row by its e-mail
    if not name:
        rejected["no_name"].append(number)
        return None
    try:
        name = check_name(name)
    except InvalidValue:
        rejected["bad_name"].append(number)
        return None
    labels = {normalized: record.labels.get(raw, "other") for normalized, raw in emails + phones}
    row = Row(number, name, emails[0][0] if emails else None, phones[0][0] if phones else None, company,
              record.note.strip()[:MAX_NOTE], contact_fields(record, region),
              [[e, labels[e]] for e, _raw in emails[1:]], [[p, labels[p]] for p, _raw in phones[1:]],
              addresses, dict(record.custom),
              {key: " ".join(value.split())[:100] for key, value in record.company_details.items()} if company else {})
    for kind, values in (("email", emails), ("phone", phones)):
        if values and labels[values[0][0]] != "other":
            row.fields[f"{kind}_label"] = labels[values[0][0]]
    return row


def contact_fields(record: RawRecord, region: str) -> dict[str, Any]:
    """The Contact columns beyond name, e-mail and phone, cut to their lengths; empty ones left out."""
    names = dict(record.names)
    parts = [names.get(key, "") for key in ("last", "first", "middle", "prefix", "suffix")]
    if any(parts) and parts == guess_name(names.get("full") or " ".join(filter(None, parts[1:2] + parts[:1]))):
        names = {}  # the split an export guesses anyway: nothing worth keeping apart from the name
    values = {"given_name": names.get("first", ""), "middle_name": names.get("middle", ""),
              "family_name": names.get("last", ""), "name_prefix": names.get("prefix", ""),
              "name_suffix": names.get("suffix", ""), "title": record.title, "department": record.department,
              "birthday": record.birthday, "website": record.website,
              "socials": json.dumps(record.socials, ensure_ascii=False, sort_keys=True) if record.socials else ""}
    fields: dict[str, Any] = {key: " ".join(value.split())[:LIMITS[key]] for key, value in values.items()
                              if value and value.strip() and key != "socials"}
    if values["socials"]:
        fields["socials"] = values["socials"]
    if record.geo:
        fields["latitude"], fields["longitude"] = record.geo
    return fields


def address_of(parts: dict[str, str]) -> dict[str, str]:
    """An address with its country as ISO code when the name is known, each part cut to its column."""
    country = " ".join(parts.get("country", "").split())
    address = {key: " ".join(parts.get(key, "").split())[:limit] for key, limit in ADDRESS_LIMITS.items()}
    address["country"] = country_code(country) or country[:60]
    address["label"] = (parts.get("label") or "work")[:20]
    return address


def keep_postcode(address: dict[str, str], region: str) -> bool:
    """Check the postcode against the address's country (else the workspace's); False when it was dropped."""
    try:
        address["postcode"] = check_postcode(address["postcode"], address["country"] or region)
    except InvalidValue:
        address["postcode"] = ""
        return False
    return True


def _valid(values: list[str], normalize: Callable[[str], str], reason: str, number: int,
           warnings: dict[str, list[int]]) -> list[tuple[str, str]]:
    """(normalized, as written) of each valid value, without repeats."""
    good: list[tuple[str, str]] = []
    for value in values:
        try:
            checked = normalize(value)
        except InvalidValue:
            if number not in warnings[reason]:
                warnings[reason].append(number)
            continue
        if checked not in [g for g, _ in good]:
            good.append((checked, value))
    return good


def combine(row: Row, other: Row, language: str) -> None:
    """Fold a later row of the file into an earlier one with the same e-mail or phone."""
    also = []
    for attribute in ("email", "phone", "company"):
        mine, theirs = getattr(row, attribute), getattr(other, attribute)
        if theirs and not mine:
            setattr(row, attribute, theirs)
        elif attribute == "company":
            if theirs and fold(theirs) != fold(mine):
                also.append(catalogue.t(language, "also_company", value=theirs))
        elif theirs and theirs != mine:
            getattr(row, attribute + "s").append([theirs, other.fields.get(f"{attribute}_label", "other")])
    for attribute in ("emails", "phones"):
        known = {getattr(row, attribute[:-1])} | {value for value, _label in getattr(row, attribute)}
        for value, label in getattr(other, attribute):
            if value not in known:
                getattr(row, attribute).append([value, label])
                known.add(value)
    row.addresses += [address for address in other.addresses if address not in row.addresses]
    for mine, theirs in ((row.custom, other.custom), (row.company_details, other.company_details)):
        for key, value in theirs.items():
            mine.setdefault(key, value)
    for key, value in other.fields.items():
        row.fields.setdefault(key, value)
    if fold(other.name) != fold(row.name):
        also.append(catalogue.t(language, "also_name", value=other.name))
    row.note = "\n".join(part for part in [row.note, other.note, *also] if part)[:MAX_NOTE]


def match_existing(*, session: Session, workspace_id: int, rows: list[Row]) -> list[Match | None]:
    """For each row, the existing contact it duplicates, if any."""
    if len(rows) > READ_ALL_ABOVE:
        existing = bulk.contact_rows(session=session, workspace_id=workspace_id)
    else:
        existing = bulk.contacts_matching(session=session, workspace_id=workspace_id,
                                          emails=[r.email for r in rows if r.email],
                                          phones=[r.phone for r in rows if r.phone],
                                          name_keys=[fold(r.name) for r in rows])
    by_email: dict[str, int] = {}
    by_phone: dict[str, int] = {}
    by_name: dict[str, list[tuple[int, str | None]]] = defaultdict(list)
    for contact_id, name_key, _company, email, phone in existing:
        if email:
            by_email.setdefault(email, contact_id)
        if phone:
            by_phone.setdefault(phone, contact_id)
        by_name[name_key].append((contact_id, email))
    further = details.contacts_with(session=session, workspace_id=workspace_id, emails=[r.email for r in rows if r.email],
                                    phones=[r.phone for r in rows if r.phone])
    for value, contact_id in further.items():  # an existing contact's further e-mails and phones match too
        (by_email if "@" in value else by_phone).setdefault(value, contact_id)
    matches: list[Match | None] = []
    for row in rows:
        if row.email and row.email in by_email:
            matches.append(Match(by_email[row.email], "email"))
        elif row.phone and row.phone in by_phone:
            matches.append(Match(by_phone[row.phone], "phone"))
        else:
            same = [cid for cid, email in by_name.get(fold(row.name), []) if not (email and row.email)
                    or email == row.email]
            matches.append(Match(same[0], "name") if same else None)
    return matches
