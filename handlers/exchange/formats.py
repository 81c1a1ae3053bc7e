"""Read contact files: CSV exports of the common CRMs and address books, and vCards (.vcf).

Bytes in, raw records out; nothing here touches the database. CSV columns are mapped from their
headers (Google Contacts, Outlook in English and German, HubSpot, Pipedrive, plain name/e-mail/phone),
or from the values when the file has no header line.
"""

import codecs
import csv
import io
import re
from dataclasses import dataclass, field

import vobject  # type: ignore[import-untyped]

from handlers.errors import CrmError
from handlers.language.fields import looks_like_email, looks_like_phone
from handlers.language.names import fold

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 1_000
BINARY_MAGIC = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b")
DELIMITERS = ",;\t|"
MULTI_VALUE = " ::: "  # Google Contacts puts several e-mails or phones in one cell this way
FORMULA_GUARD = re.compile(r"^'(?=[=+\-@])")  # our CSV export guards cells against spreadsheet formulas
NAME_HEADERS = {
    "full": {"name", "full name", "fullname", "display name", "contact name", "person name", "kontakt", "kontaktname",
             "vollstandiger name", "anzeigename", "fn"},
    "first": {"first name", "firstname", "given name", "vorname", "first", "forename"},
    "middle": {"middle name", "additional name", "weitere vornamen", "zweiter vorname", "second name"},
    "last": {"last name", "lastname", "family name", "surname", "nachname", "familienname", "last"},
}
NOTE_HEADERS = {"notes", "note", "notiz", "notizen", "bemerkung", "bemerkungen", "kommentar", "kommentare", "comment",
                "comments", "description", "beschreibung"}
SKIP_WORDS = {"type", "typ", "label", "fax", "pager", "yomi", "phonetic", "display", "angezeigter", "title", "titel",
              "position", "department", "abteilung", "location", "job", "anrede", "prefix", "suffix", "id", "ids",
              "owner", "ext", "durchwahl", "street", "strasse", "city", "ort", "country", "land", "website", "url",
              "homepage", "birthday", "geburtstag", "photo", "foto", "labels", "group", "gruppe", "gruppenmitgliedschaft",
              "assistant", "assistent", "manager"}
PHONE_WORDS = {"phone", "telephone", "tel", "telefon", "telefonnummer", "mobile", "mobil", "mobiltelefon", "handy",
               "cell", "cellphone", "rufnummer", "phones"}
COMPANY_WORDS = {"company", "organization", "organisation", "organizations", "firma", "firmenname", "unternehmen",
                 "org", "account", "arbeitgeber", "employer"}
PREFIXES = ("person ", "contact ", "kontakt ")
PHONE_RANKS = ({"mobile", "mobil", "mobiltelefon", "handy", "cell"},  # the first phone of a row becomes the contact's
               {"business", "work", "geschaftlich", "arbeit", "primary", "phone", "telefon"})


class BadFile(CrmError):
    """A file that cannot be imported; the reason names its message ("import_<reason>" in handlers.texts.i18n)."""

    def __init__(self, reason: str, **params: object) -> None:
        self.key = f"import_{reason}"
        super().__init__(**params)


@dataclass
class RawRecord:
    number: int  # the spreadsheet row (the header is row 1) or the card's position
    names: dict[str, str] = field(default_factory=dict)  # full, first, middle, last
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    company: str = ""
    note: str = ""
    unreadable: bool = False


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
    text, encoding = decode(filename, content)
    is_vcard = filename.casefold().endswith((".vcf", ".vcard")) or text.lstrip()[:11].upper() == "BEGIN:VCARD"
    parsed = read_vcards(filename, text) if is_vcard else read_csv(filename, text)
    parsed.encoding = encoding
    return parsed


def decode(filename: str, content: bytes) -> tuple[str, str]:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 as Excel writes it in Germany."""
    if content.startswith(codecs.BOM_UTF8):
        text, encoding = content[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    elif content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = content.decode("utf-16", errors="replace"), "utf-16"
    elif content.startswith(BINARY_MAGIC) or b"\x00" in content[:65536]:
        raise BadFile("binary", filename=filename)
    else:
        try:
            text, encoding = content.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = content.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                text, encoding = content.decode("latin-1"), "latin-1"
    if not text.strip():
        raise BadFile("empty", filename=filename)
    sample = text[:65536]
    control = sum(1 for ch in sample if ch < " " and ch not in "\t\r\n")
    if "\x00" in sample or control > len(sample) // 100:
        raise BadFile("binary", filename=filename)
    return text, encoding


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
    header = rows[0][1]
    targets = [column_target(cell) for cell in header]
    if not any(t in ("full", "first", "last") for t in targets) and _looks_like_data(header):
        targets, data = infer_targets(rows), rows  # no header line: the columns are read from the values
        mapping, ignored = [], []
    else:
        data = rows[1:]
        mapping = [(cell.strip(), t) for cell, t in zip(header, targets, strict=False) if t]
        ignored = [cell.strip() for cell, t in zip(header, targets, strict=False) if not t and cell.strip()]
        if not any(t in ("full", "first", "last") for t in targets):
            raise BadFile("no_name_column", filename=filename, headers=", ".join(c.strip() for c in header[:8])[:200])
    if not data:
        raise BadFile("empty", filename=filename)
    ranks = [phone_rank(cell) for cell in header]
    records = [_record(number, cells, targets, ranks) for number, cells in data]
    return ParsedFile("csv", records, mapping, ignored, delimiter)


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


def _rows(filename: str, text: str, delimiter: str):  # type: ignore[no-untyped-def]
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
    """What a column holds, from its header: full, first, middle, last, email, phone, company, note, or None."""
    key = fold(header)
    for prefix in PREFIXES:
        if key.startswith(prefix) and key != prefix.strip():
            key = key.removeprefix(prefix)
    for target, names in NAME_HEADERS.items():
        if key in names:
            return target
    if key in NOTE_HEADERS:
        return "note"
    words = set(key.split())
    if not words or words & SKIP_WORDS:
        return None
    if "mail" in words or any(w.startswith("email") for w in words):
        return "email"
    if words & PHONE_WORDS or any(w.startswith(("telefon", "phone", "mobil")) for w in words):
        return "phone"
    if words & COMPANY_WORDS:
        return "company"
    return None


def phone_rank(header: str) -> int:
    """Mobile numbers first, then business ones, then the rest (home, car, ...)."""
    words = set(fold(header).split())
    return next((rank for rank, kinds in enumerate(PHONE_RANKS) if words & kinds), len(PHONE_RANKS))


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


def _record(number: int, cells: list[str], targets: list[str | None], ranks: list[int]) -> RawRecord:
    record = RawRecord(number)
    notes = []
    phones: list[tuple[int, str]] = []
    for cell, target, rank in zip(cells, targets, ranks, strict=False):
        value = FORMULA_GUARD.sub("", cell.strip())
        if not value or target is None:
            continue
        if target == "email":
            record.emails += [v.strip() for v in value.split(MULTI_VALUE) if v.strip()]
        elif target == "phone":
            phones += [(rank, v.strip()) for v in value.split(MULTI_VALUE) if v.strip()]
        elif target == "company":
            record.company = record.company or value.split(MULTI_VALUE)[0].strip()
        elif target == "note":
            notes.append(value)
        else:
            record.names.setdefault(target, value)
    record.phones = [phone for _rank, phone in sorted(phones, key=lambda item: item[0])]
    record.note = "\n".join(notes)
    return record


# PHOTO, LOGO, SOUND and KEY lines (with their folded continuation lines) are not imported: leaving them out
# before parsing saves time and keeps a broken photo from making the whole card unreadable.
_BINARY_LINE = re.compile(r"^(?:PHOTO|LOGO|SOUND|KEY)[;:].*(?:\r?\n[ \t].*)*\r?\n?", re.IGNORECASE | re.MULTILINE)
_CARD = re.compile(r"^BEGIN:VCARD\s*$.*?^END:VCARD\s*$", re.IGNORECASE | re.MULTILINE | re.DOTALL)


def read_vcards(filename: str, text: str) -> ParsedFile:
    """Every card of the file; a card vobject cannot read is kept as an unreadable record."""
    cards = _CARD.findall(text)
    if not cards:
        raise BadFile("no_cards", filename=filename)
    if len(cards) > MAX_ROWS:
        raise BadFile("too_many_rows", filename=filename, limit=MAX_ROWS)
    return ParsedFile("vcard", [read_card(number, card) for number, card in enumerate(cards, 1)])


def read_card(number: int, text: str) -> RawRecord:
    try:
        card = vobject.readOne(_BINARY_LINE.sub("", text), ignoreUnreadable=True, allowQP=True)
    except (vobject.base.VObjectError, ValueError, TypeError, AttributeError, IndexError, UnicodeError):
        return RawRecord(number, unreadable=True)
    contents = card.contents
    record = RawRecord(number)
    full = _text(contents.get("fn"))
    if full:
        record.names["full"] = full
    if contents.get("n"):
        name = contents["n"][0].value
        for target, attribute in (("first", "given"), ("middle", "additional"), ("last", "family")):
            value = getattr(name, attribute, "") if not isinstance(name, str) else ""
            value = " ".join(value) if isinstance(value, list) else str(value or "")
            if value.strip():
                record.names[target] = value.strip()
    record.emails = [str(line.value).strip() for line in contents.get("email", []) if str(line.value).strip()]
    phones = [(_tel_rank(line), str(line.value).strip()) for line in contents.get("tel", []) if str(line.value).strip()]
    record.phones = [phone for _rank, phone in sorted(phones, key=lambda item: item[0])]
    if contents.get("org"):
        org = contents["org"][0].value
        record.company = (org[0] if isinstance(org, list) and org else str(org or "")).strip()
    record.note = _text(contents.get("note"))
    return record


def _tel_rank(line) -> int:  # type: ignore[no-untyped-def]
    """TYPE=CELL first, then WORK, then the rest; "fax" lines last."""
    kinds = {str(kind).casefold() for kind in [*line.params.get("TYPE", []), *getattr(line, "singletonparams", [])]}
    kinds = {part for kind in kinds for part in kind.split(",")}
    if "fax" in kinds:
        return 9
    return 0 if kinds & {"cell", "mobile"} else 1 if kinds & {"work", "pref"} else 2


def _text(lines: list | None) -> str:  # type: ignore[type-arg]
    if not lines:
        return ""
    value = lines[0].value
    return (" ".join(value) if isinstance(value, list) else str(value or "")).strip()
