"""Check imported records and match them against the workspace's contacts.

A row needs a name; an invalid e-mail, phone or company is dropped from the row (which is kept),
further e-mails and phones become note lines ("also: e-mail x"), and rows of the file that share an
e-mail or phone are combined. Matching against existing contacts goes by e-mail, then phone, then the
exact folded name (unless the e-mails differ).
"""

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from sqlmodel import Session

from handlers.crm.contacts import MAX_NOTE
from handlers.errors import InvalidValue
from handlers.exchange.formats import ParsedFile, RawRecord
from handlers.language.fields import check_name, normalize_email, normalize_phone
from handlers.language.names import fold
from handlers.texts import i18n
from storage import bulk

READ_ALL_ABOVE = 2_000  # rows; a larger file is matched against all contacts, read once, not looked up in chunks


@dataclass
class Row:
    number: int
    name: str
    email: str | None = None
    phone: str | None = None
    company: str | None = None
    note: str = ""


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
        data["rows"] = [[r.number, r.name, r.email, r.phone, r.company, r.note] for r in self.rows]
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
    names = record.names
    name = names.get("full") or " ".join(names[k] for k in ("first", "middle", "last") if names.get(k))
    if not name.strip():
        rejected["no_name"].append(number)
        return None
    try:
        name = check_name(name)
    except InvalidValue:
        rejected["bad_name"].append(number)
        return None
    emails = _valid(record.emails, normalize_email, "bad_email", number, warnings)
    phones = _valid(record.phones, lambda value: normalize_phone(value, region), "bad_phone", number, warnings)
    company = None
    if record.company:
        try:
            company = check_name(record.company)
        except InvalidValue:
            warnings["bad_company"].append(number)
    also = [i18n.t(language, "also_email", value=e) for e in emails[1:]]
    also += [i18n.t(language, "also_phone", value=p) for p in phones[1:]]
    note = "\n".join(part for part in [record.note.strip(), *also] if part)[:MAX_NOTE]
    return Row(number, name, emails[0] if emails else None, phones[0] if phones else None, company, note)


def _valid(values: list[str], normalize, reason: str, number: int,  # type: ignore[no-untyped-def]
           warnings: dict[str, list[int]]) -> list[str]:
    good: list[str] = []
    for value in values:
        try:
            checked = normalize(value)
        except InvalidValue:
            if number not in warnings[reason]:
                warnings[reason].append(number)
            continue
        if checked not in good:
            good.append(checked)
    return good


def combine(row: Row, other: Row, language: str) -> None:
    """Fold a later row of the file into an earlier one with the same e-mail or phone."""
    also = []
    for attribute in ("email", "phone", "company"):
        mine, theirs = getattr(row, attribute), getattr(other, attribute)
        if theirs and not mine:
            setattr(row, attribute, theirs)
        elif theirs and fold(theirs) != fold(mine):
            also.append(i18n.t(language, f"also_{attribute}", value=theirs))
    if fold(other.name) != fold(row.name):
        also.append(i18n.t(language, "also_name", value=other.name))
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
