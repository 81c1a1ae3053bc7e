"""Read contact files: CSV exports of the common CRMs and address books, and vCards (.vcf).

Bytes in, raw records out; nothing here touches the database. CSV columns are mapped from their
headers (Google Contacts, Outlook in English and German, HubSpot, Pipedrive, plain name/e-mail/phone),
or from the values when the file has no header line.
"""

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from handlers.errors import CrmError
from handlers.exchange.csv_columns import Column, classify
from handlers.exchange.csv_record import FORMULA_GUARD, has_broken_bytes, record_of
from handlers.exchange.raw_records import RawRecord
from handlers.exchange.vcard_read import read_card
from handlers.language.fields import looks_like_email, looks_like_phone
from handlers.language.names import fold

__all__ = ["BadFile", "ParsedFile", "RawRecord", "parse_file"]

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 1_000
BINARY_MAGIC = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b")
DELIMITERS = ",;\t|"
COMPANY_WORDS = {"company", "firma", "organization", "organisation", "unternehmen"}
COMPANY_NAME_WORDS = {"", "name", "1", "1 name", "1 - name"}
_VCARD_START = re.compile(rb"^\s*begin:vcard", re.IGNORECASE | re.MULTILINE)


class BadFile(CrmError):
    """A file that cannot be imported; the reason names its message ("import_<reason>" in handlers.texts.catalogue)."""

    def __init__(self, reason: str, **params: object) -> None:
        self.key = f"import_{reason}"
        super().__init__(**params)


@dataclass
class ParsedFile:
    kind: str  # csv, vcard
    records: list[RawRecord]
    mapping: list[tuple[str, str]] = field(default_factory=list)  # (column, target) for CSV
    ignored: list[str] = field(default_factory=list)
    delimiter: str = ""
    encoding: str = ""


def parse_file(filename: str, content: bytes) -> ParsedFile:
    """Read a CSV or vCard file; raise BadFile with a reason the member can act on."""
    if len(content) > MAX_BYTES:
        raise BadFile("too_big", filename=filename, limit=MAX_BYTES // (1024 * 1024))
    is_vcard = filename.casefold().endswith((".vcf", ".vcard")) or bool(_VCARD_START.search(content[:4096]))
    text, encoding = decode(filename, content, vcard=is_vcard)
    is_vcard = is_vcard or text.lstrip()[:11].upper() == "BEGIN:VCARD"  # UTF-16 without a BOM
    parsed = read_vcards(filename, text) if is_vcard else read_csv(filename, text)
    parsed.encoding = encoding
    return parsed


def decode(filename: str, content: bytes, *, vcard: bool = False) -> tuple[str, str]:
    """UTF-8 (with or without BOM), UTF-16 (with a BOM or without, as Apple writes it), else Windows-1252 as
    Excel writes it in Germany. A UTF-8 file with a few broken bytes stays UTF-8: the broken bytes are kept
    as surrogates ("surrogateescape"), so the readers can leave out just the fields that hold them."""
    utf16 = utf16_without_bom(content)
    if content.startswith(codecs.BOM_UTF8):
        text, encoding = content[3:].decode("utf-8", errors="surrogateescape"), "utf-8-sig"
    elif content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = content.decode("utf-16", errors="replace"), "utf-16"
    elif utf16:
        text, encoding = content.decode(utf16, errors="replace"), utf16
    elif content.startswith(BINARY_MAGIC) or b"\x00" in content[:65536]:
        raise BadFile("binary", filename=filename)
    else:
        text = content.decode("utf-8", errors="surrogateescape")
        if vcard or not has_broken_bytes(text) or mostly_utf8(text):
            encoding = "utf-8"
        else:
            text, encoding = content.decode("cp1252", errors="surrogateescape"), "cp1252"
    if not text.strip():
        raise BadFile("empty", filename=filename)
    sample = text[:65536]
    control = sum(1 for ch in sample if ch < " " and ch not in "\t\r\n")
    if "\x00" in sample or control > len(sample) // 100:
        raise BadFile("binary", filename=filename)
    return text, encoding


def utf16_without_bom(content: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when every other byte of the start is a zero (ASCII text in UTF-16)."""
    sample = content[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > len(odd) * 0.6 and even.count(0) < len(even) * 0.05:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.6 and odd.count(0) < len(odd) * 0.05:
        return "utf-16-be"
    return None


def mostly_utf8(text: str) -> bool:
    """More valid UTF-8 letters beyond ASCII than broken bytes: a UTF-8 file with a few broken bytes."""
    broken = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    return sum(1 for ch in text if ch > "\x7f" and not "\ud800" <= ch <= "\udfff") > broken


def read_csv(filename: str, text: str) -> ParsedFile:
    first_line, _, rest = text.partition("\n")
    excel_hint = re.match(r"^sep=(.)\s*$", first_line)  # Excel's "sep=;" line
    if excel_hint:
        text, first_line = rest, rest.partition("\n")[0]
    delimiter = excel_hint[1] if excel_hint else sniff(text, first_line)
    if first_line.count(delimiter) >= MAX_COLUMNS:
        raise BadFile("too_many_columns", filename=filename, count=first_line.count(delimiter) + 1, limit=MAX_COLUMNS)
    rows = list(_rows(filename, text, delimiter))
    if not rows:
        raise BadFile("empty", filename=filename)
    header = [cell.encode("utf-8", "surrogateescape").decode("utf-8", "replace") for cell in rows[0][1]]
    columns = columns_of(header)
    targets = [column.target for column in columns]
    if not any(t in ("full", "first", "last") for t in targets) and _looks_like_data(header):
        columns, data = [Column(t) for t in infer_targets(rows)], rows  # no header: columns read from the values
        mapping, ignored = [], []
    else:
        data = rows[1:]
        mapping = [(cell.strip(), t) for cell, t in zip(header, targets, strict=False) if t]
        ignored = [cell.strip() for cell, column in zip(header, columns, strict=False)
                   if not column.target and not column.is_label and cell.strip()]
        if not any(t in ("full", "first", "last", "email") for t in targets):
            raise BadFile("no_name_column", filename=filename, headers=", ".join(c.strip() for c in header[:8])[:200])
    if not data:
        raise BadFile("empty", filename=filename)
    records = [record_of(number, cells, columns) for number, cells in data]
    if mapping:
        keep_other_columns(records, data, header, columns)
    return ParsedFile("csv", records, mapping, ignored, delimiter)


def keep_other_columns(records: list[RawRecord], data: list[tuple[int, list[str]]], header: list[str],
                       columns: list[Column]) -> None:
    """The cells of columns no target took, by header: the import keeps those named like a custom field."""
    others = [(i, cell.strip()) for i, (cell, column) in enumerate(zip(header, columns, strict=False))
              if not column.target and not column.is_label and cell.strip()]
    for record, (_number, cells) in zip(records, data, strict=False):
        for i, name in others:
            value = FORMULA_GUARD.sub("", cells[i].strip()) if i < len(cells) else ""
            if value and not has_broken_bytes(value):
                record.custom.setdefault(name, value)


def columns_of(header: list[str]) -> list[Column]:
    """Each column's meaning; a plain "Title" is the name prefix beside a "Job Title" column, else the job title,
    and a lone "Geburtstag" beside a birth month is the day (Thunderbird in German); a further "Company <word>"
    column is left for the company's custom fields ("Company Umsatz")."""
    columns = [classify(cell) for cell in header]
    targets = {column.target for column in columns}
    fixed: list[Column] = []
    for cell, column in zip(header, columns, strict=False):
        key = cell.strip().casefold()
        if key in ("title", "titel") and "title" not in targets:
            column = Column("title", group=column.group)
        elif column.target == "birthday" and "birth_month" in targets:
            column = Column("birth_day", group=column.group)
        elif column.target == "company" and any(c.target == "company" for c in fixed) and company_key(cell):
            column = Column(None, group=column.group)
        fixed.append(column)
    return fixed


def company_key(header: str) -> str:
    """The company field a column names ("Company Umsatz", "Firma Umsatz" -> "umsatz"), or ""."""
    first, _, rest = fold(header).partition(" ")
    return rest.strip() if first in COMPANY_WORDS and rest.strip() not in COMPANY_NAME_WORDS else ""


def sniff(text: str, header: str) -> str:
    """The delimiter: the one the header line uses most; csv.Sniffer settles a tie."""
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts.values())
    tied = [d for d, n in counts.items() if n == best]
    if best and len(tied) == 1:
        return tied[0]
    sample = text[:65536].rpartition("\n")[0] or text[:65536]
    try:
        return csv.Sniffer().sniff(sample, delimiters="".join(tied) if best else DELIMITERS).delimiter
    except csv.Error:
        return tied[0] if best else ","


def _rows(filename: str, text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) for each non-empty row; quoted fields may hold newlines and delimiters."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    count = 0
    try:
        for number, cells in enumerate(reader, 1):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > MAX_COLUMNS:
                raise BadFile("too_many_columns", filename=filename, count=len(cells), limit=MAX_COLUMNS)
            count += 1
            if count > MAX_ROWS + 1:
                raise BadFile("too_many_rows", filename=filename, limit=MAX_ROWS)
            yield number, cells
    except csv.Error as error:
        raise BadFile("unreadable", filename=filename, problem=str(error)[:100]) from error


def column_target(header: str) -> str | None:
    """What a column holds, from its header: full, first, ..., email, phone, company, note, street, ..., or None."""
    return classify(header).target


def _looks_like_data(cells: list[str]) -> bool:
    return any(looks_like_email(cell) or looks_like_phone(cell) for cell in cells)


def infer_targets(rows: list[tuple[int, list[str]]]) -> list[str | None]:
    """For a file without a header: e-mail and phone columns by their values; the first text column is
    the name, the second the company."""
    width = max(len(cells) for _, cells in rows[:50])
    targets: list[str | None] = []
    for column in range(width):
        values = [cells[column].strip() for _, cells in rows[:50] if column < len(cells) and cells[column].strip()]
        if values and sum(map(looks_like_email, values)) * 2 >= len(values):
            targets.append("email")
        elif values and sum(map(looks_like_phone, values)) * 2 >= len(values):
            targets.append("phone")
        elif values and "full" not in targets:
            targets.append("full")
        elif values and "company" not in targets:
            targets.append("company")
        else:
            targets.append(None)
    return targets


# PHOTO, LOGO, SOUND and KEY lines (with their folded continuation lines) are not imported: leaving them out
# before parsing saves time and keeps a broken photo from making the whole card unreadable.
_BINARY_LINE = re.compile(r"^(?:PHOTO|LOGO|SOUND|KEY)[;:].*(?:\r?\n[ \t].*)*\r?\n?", re.IGNORECASE | re.MULTILINE)
_CARD = re.compile(r"^BEGIN:VCARD\s*$.*?^END:VCARD\s*$", re.IGNORECASE | re.MULTILINE | re.DOTALL)


def read_vcards(filename: str, text: str) -> ParsedFile:
    """Every card of the file; a field that cannot be read costs that field, not the card."""
    cards = _CARD.findall(text)
    if not cards:
        raise BadFile("no_cards", filename=filename)
    if len(cards) > MAX_ROWS:
        raise BadFile("too_many_rows", filename=filename, limit=MAX_ROWS)
    utf8_file = mostly_utf8(text)
    return ParsedFile("vcard", [read_card(number, _BINARY_LINE.sub("", card), utf8_file=utf8_file)
                                for number, card in enumerate(cards, 1)])


