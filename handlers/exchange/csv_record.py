"""One CSV row as a raw record: each cell filed by its column's target (e-mail, phone, address part, name, ...)."""

import re
from dataclasses import dataclass, field

from handlers.exchange.csv_columns import LABELS, Column
from handlers.exchange.raw_records import RawRecord, iso_birthday
from handlers.exchange.vcard_read import geo_of
from handlers.language.names import fold

MULTI_VALUE = " ::: "  # Google Contacts puts several e-mails or phones in one cell this way
FORMULA_GUARD = re.compile(r"^'(?=[=+\-@])")  # our CSV export guards cells against spreadsheet formulas
PHONE_RANKS = {"mobile": 0, "work": 1}  # the first phone of a row becomes the contact's: mobile, business, the rest
EMAIL_SPLIT = re.compile(r"\s*(?::::|[,;\s])\s*")  # several e-mails in one cell
PHONE_SPLIT = re.compile(r"\s*(?::::|[,;])\s*")
ADDRESS_PARTS = ("street", "postcode", "city", "region", "country")


@dataclass
class _Parts:
    """What a row gathers across cells before it becomes the record's fields."""

    notes: list[str] = field(default_factory=list)
    phones: list[tuple[int, str]] = field(default_factory=list)
    addresses: dict[str, dict[str, str]] = field(default_factory=dict)
    birth: dict[str, str] = field(default_factory=dict)
    geo: dict[str, str] = field(default_factory=dict)


def record_of(number: int, cells: list[str], columns: list[Column]) -> RawRecord:
    """One row's fields; a cell with broken bytes is left out and named in `broken`."""
    record = RawRecord(number)
    parts = _Parts()
    row_labels = {column.group: fold_label(cell) for cell, column in zip(cells, columns, strict=False) if column.is_label}
    for cell, column in zip(cells, columns, strict=False):
        value = FORMULA_GUARD.sub("", cell.strip())
        target = column.target
        if not value or target is None:
            continue
        if has_broken_bytes(value):
            record.broken.append(target)
            continue
        _file(record, parts, column, value, row_labels.get(column.group) or column.label)
    record.phones = [phone for _rank, phone in sorted(parts.phones, key=lambda item: item[0])]
    record.note = "\n".join(parts.notes)
    record.addresses = [address for address in parts.addresses.values() if len(address) > 1]
    record.birthday = birthday_of(parts.birth)
    if len(parts.geo) == 2:
        record.geo = geo_of(f"{parts.geo['latitude']};{parts.geo['longitude']}")
    return record


def _file(record: RawRecord, parts: _Parts, column: Column, value: str, label: str) -> None:
    """File one cell's value by its column's target."""
    target = column.target or ""
    if target == "email":
        for item in (v for v in EMAIL_SPLIT.split(value) if v):
            record.emails.append(item)
            _label(record, item, label)
    elif target == "phone":
        for item in (v for v in PHONE_SPLIT.split(value) if v):
            parts.phones.append((PHONE_RANKS.get(label, 2), item))
            _label(record, item, label)
    elif target == "company":
        record.company = record.company or value.split(MULTI_VALUE)[0].strip()
    elif target == "note":
        parts.notes.append(value)
    elif target in ADDRESS_PARTS:
        address = parts.addresses.setdefault(column.group, {"label": label or "work"})
        address[target] = ", ".join(part for part in (address.get(target, ""), value) if part)
    elif target in ("latitude", "longitude"):
        parts.geo[target] = value
    elif target.startswith("birth"):
        parts.birth[target] = value
    elif target.startswith(("social_", "company_")):
        kind, _, key = target.partition("_")
        (record.socials if kind == "social" else record.company_details).setdefault(key, value)
    elif target in ("title", "department", "website"):
        setattr(record, target, getattr(record, target) or value.split(MULTI_VALUE)[0].strip())
    else:
        record.names.setdefault(target, value)


def has_broken_bytes(text: str) -> bool:
    """Whether the text holds bytes that were not valid in its encoding (surrogate escapes)."""
    return any("\udc80" <= ch <= "\udcff" for ch in text)


def fold_label(cell: str) -> str:
    """A label cell ("* Work", "Mobile", "Privat") as work, home, mobile or other."""
    words = set(fold(cell).split())
    return next((name for name, kinds in LABELS if words & kinds), "other" if words else "")


def _label(record: RawRecord, item: str, label: str) -> None:
    if label and label != "other":
        record.labels.setdefault(item, label)


def birthday_of(parts: dict[str, str]) -> str:
    """An ISO birthday from one column, or from Thunderbird's year, month and day columns."""
    if "birthday" in parts:
        return iso_birthday(parts["birthday"])
    if "birth_month" in parts and "birth_day" in parts:
        year = parts.get("birth_year", "").zfill(4) if parts.get("birth_year") else "-"
        return iso_birthday(f"{year}-{parts['birth_month'].zfill(2)}-{parts['birth_day'].zfill(2)}")
    return ""
