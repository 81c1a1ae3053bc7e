"""Read one vCard (2.1, 3.0, 4.0) as the writing programs really write it.

vobject splits each line into name, parameters and value; the rest is done here, because vobject cuts
text at unescaped commas, ignores CHARSET and drops a whole card for one broken byte. Values arrive
decoded with "surrogateescape", so each field's original bytes can be decoded with its own CHARSET:
a byte that fits no charset costs that field only (named in `RawRecord.broken`).
"""

import quopri
import re
from collections.abc import Callable

from handlers.exchange.raw_records import RawRecord, iso_birthday
from handlers.exchange.vcard_write import COMPANY_FIELD, COMPANY_PROPERTIES

_SPLIT_LINES = re.compile(r"\r\n|\r|\n")
_QP_LINE = re.compile(r"^[^:]*quoted-printable", re.IGNORECASE)
_ESCAPE = re.compile(r"\\([\\,;nN])")
_COMPONENT = re.compile(r"(?<!\\);")
_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
SKIPPED = {"PHOTO", "LOGO", "SOUND", "KEY"}
ENCODING_WORDS = {"QUOTED-PRINTABLE", "QP", "BASE64", "B", "8BIT", "7BIT"}
LABELS = {"cell": "mobile", "mobile": "mobile", "iphone": "mobile", "handy": "mobile", "work": "work",
          "business": "work", "home": "home", "private": "home", "fax": "fax", "other": "other",
          "main": "work", "workfax": "fax", "homefax": "fax"}
SOCIAL = {"X-TWITTER": "twitter", "X-LINKEDIN": "linkedin", "X-SKYPE": "skype", "X-SKYPE-USERNAME": "skype",
          "X-FACEBOOK": "facebook", "X-XING": "xing", "X-INSTAGRAM": "instagram", "X-MASTODON": "mastodon"}
CUSTOM = "X-CRMBOT-FIELD"


def unfold(text: str) -> list[str]:
    """Join folded lines: a leading space or tab continues a line; so does a quoted-printable "=" at its end."""
    lines: list[str] = []
    soft = False  # the last line was quoted-printable and ended with "="
    for line in _SPLIT_LINES.split(text):
        if soft:
            lines[-1] = lines[-1][:-1] + line
        elif lines and line[:1] in (" ", "\t"):
            lines[-1] += line[1:]
        elif line.strip():
            lines.append(line.rstrip(" \t") if line.strip().upper().startswith(("BEGIN", "END")) else line)
        soft = bool(lines) and lines[-1].endswith("=") and bool(_QP_LINE.match(lines[-1]))
    return lines


def params_of(params: list[list[str]]) -> tuple[set[str], str, str, dict[str, str]]:
    """(types, encoding, charset, other parameters) from vobject's parameter lists, 2.1 bare words included."""
    types: set[str] = set()
    encoding = charset = ""
    other: dict[str, str] = {}
    for param in params:
        key, values = (param[0].upper(), param[1:]) if len(param) > 1 else ("", param)
        words = [word.strip() for value in values for word in str(value).split(",") if word.strip()]
        if key == "ENCODING" or (not key and words and words[0].upper() in ENCODING_WORDS):
            encoding = words[0].upper() if words else ""
        elif key == "CHARSET":
            charset = words[0] if words else ""
        elif key in ("TYPE", ""):
            types |= {word.casefold() for word in words}
        elif key == "PREF":
            types.add("pref")
        else:
            other[key] = ",".join(words)
    return types, encoding, charset, other


def decode_value(raw: str, encoding: str, charset: str, utf8_file: bool) -> str | None:
    """The field's text from its original bytes; None when no charset fits (a broken byte)."""
    data = raw.encode("utf-8", "surrogateescape")
    if encoding in ("QUOTED-PRINTABLE", "QP"):
        data = quopri.decodestring(data)
    tries = [charset] if charset else ["utf-8"] if utf8_file else ["utf-8", "cp1252"]
    for name in tries:
        try:
            text = data.decode(name)
        except LookupError:  # a charset name Python doesn't know: read it as if none were given
            tries += ["utf-8"] if utf8_file else ["utf-8", "cp1252"]
            continue
        except UnicodeDecodeError:
            if name == charset:  # the bytes don't fit the charset the writer named: a broken byte
                return None
            continue
        return None if _CONTROL.search(text.replace("\r\n", "\n").replace("\t", " ")) else text
    return None


def unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: "\n" if m[1] in "nN" else m[1], text).replace("\r\n", "\n")


def components(text: str) -> list[str]:
    """The parts of a structured value (N, ADR, ORG), split at unescaped semicolons."""
    return [unescape(part).strip() for part in _COMPONENT.split(text)]


def label_of(types: set[str]) -> str:
    """work, home, mobile, fax or other, from a line's TYPE words."""
    found = [LABELS[t] for t in types if t in LABELS]
    for label in ("fax", "mobile", "work", "home"):
        if label in found:
            return label
    return "other"


def read_card(number: int, text: str, *, utf8_file: bool) -> RawRecord:
    """One card's fields; a line that cannot be read or decoded is named in `broken`, the rest is kept."""
    from vobject.base import ParseError, parseLine  # vobject loads when the first card is read

    record = RawRecord(number)
    grouped: list[tuple[str, str, str]] = []  # (group, kind, value) waiting for an Apple X-ABLabel
    apple_labels: dict[str, str] = {}
    for line in unfold(text):
        try:
            name, params, raw, group = parseLine(line)
        except ParseError:
            record.broken.append(line.split(":", 1)[0][:20])
            continue
        name = name.upper()
        if name in SKIPPED or name in ("BEGIN", "END", "VERSION", "PROFILE"):
            continue
        types, encoding, charset, other = params_of(params)
        if encoding in ("BASE64", "B"):
            continue
        value = decode_value(raw, encoding, charset, utf8_file)
        if value is None:
            record.broken.append(name.lower())
            continue
        if name == "X-ABLABEL" and group:
            label = _APPLE_LABEL.sub(r"\1", unescape(value)).casefold()
            apple_labels[group.casefold()] = LABELS.get(label, label)
            continue
        kind = take(record, name, value, types, other)
        if kind and group:
            grouped.append((group.casefold(), kind, record.emails[-1] if kind == "email" else record.phones[-1]))
    for group, _kind, value in grouped:
        if group in apple_labels and apple_labels[group] != "other":
            record.labels[value] = apple_labels[group][:20]
    order_by_preference(record)
    return record


def take(record: RawRecord, name: str, value: str, types: set[str], other: dict[str, str]) -> str | None:
    """File one property into the record; returns "email" or "phone" for those (their label may follow)."""
    reader = READERS.get(name)
    if reader is None and (name in SOCIAL or name in ("X-SOCIALPROFILE", "SOCIALPROFILE")):
        reader = _social
    elif reader is None and name in (CUSTOM, COMPANY_FIELD) and other.get("NAME"):
        reader = _custom
    return reader(record, name, value, types, other) if reader else None


def _full_name(record: RawRecord, name: str, value: str, types: set[str], other: dict[str, str]) -> None:
    record.names["full"] = unescape(value).strip()


def _name_parts(record: RawRecord, name: str, value: str, types: set[str], other: dict[str, str]) -> None:
    parts = components(value) + [""] * 5
    for key, part in zip(("last", "first", "middle", "prefix", "suffix"), parts, strict=False):
        if part:
            record.names[key] = part


def _reachable(record: RawRecord, name: str, value: str, types: set[str], other: dict[str, str]) -> str | None:
    """An e-mail address or a phone number, with its label and preference."""
    item = unescape(value).strip()
    if name == "TEL" and item.casefold().startswith("tel:"):
        item = item[4:]
    if not item:
        return None
    target = record.emails if name == "EMAIL" else record.phones
    target.append(item)
    label = label_of(types)
    if label != "other":
        record.labels[item] = label
    if "pref" in types:
        record.preferred.add(item)
    return "email" if name == "EMAIL" else "phone"


def _organisation(record: RawRecord, name: str, value: str, types: set[str], other: dict[str, str]) -> None:
    parts = [part for part in components(value) if part]
    record.company = record.company or (parts[0] if parts else "")
    record.department = record.department or " / ".join(parts[1:])


def _title(record: RawRecord, name: str, value: str, types: set[str], other: dict[str, str]) -> None:
    record.title = record.title or unescape(value).strip()


def _note(record: RawRecord, name: str, value: str, types: set[str], other: dict[str, str]) -> None:
    record.note = "\n".join(part for part in (record.note, unescape(value).strip()) if part)


def _birthday(record: RawRecord, name: str, value: str, types: set[str], other: dict[str, str]) -> None:
    record.birthday = record.birthday or iso_birthday(unescape(value))


def _website(record: RawRecord, name: str, value: str, types: set[str], other: dict[str, str]) -> None:
    record.website = record.website or unescape(value).strip()


def _address(record: RawRecord, name: str, value: str, types: set[str], other: dict[str, str]) -> None:
    parts = components(value) + [""] * 7
    street = ", ".join(part for part in (parts[2], parts[1], parts[0]) if part)
    address = {"label": label_of(types), "street": street, "city": parts[3], "region": parts[4],
               "postcode": parts[5], "country": parts[6]}
    if any(address[key] for key in ("street", "city", "postcode", "country")):
        record.addresses.append(address)


def _geo(record: RawRecord, name: str, value: str, types: set[str], other: dict[str, str]) -> None:
    record.geo = geo_of(value)


def _social(record: RawRecord, name: str, value: str, types: set[str], other: dict[str, str]) -> None:
    network = SOCIAL.get(name) or next(iter(sorted(types - {"pref"})), "") or other.get("X-SERVICE-TYPE", "web")
    record.socials[network.casefold()[:20]] = unescape(value).strip()


def _custom(record: RawRecord, name: str, value: str, types: set[str], other: dict[str, str]) -> None:
    """A custom value; the company's as "Company <field>", the CSV column that carries it."""
    record.custom[("Company " if name == COMPANY_FIELD else "") + other["NAME"]] = unescape(value).strip()


def _company_detail(record: RawRecord, name: str, value: str, types: set[str], other: dict[str, str]) -> None:
    record.company_details[COMPANY_DETAIL_OF[name]] = unescape(value).strip()


Reader = Callable[[RawRecord, str, str, set[str], dict[str, str]], str | None]  # record, name, value, types, other
READERS: dict[str, Reader] = {"FN": _full_name, "N": _name_parts, "EMAIL": _reachable, "TEL": _reachable,
                              "ORG": _organisation, "TITLE": _title, "ROLE": _title, "NOTE": _note, "BDAY": _birthday,
                              "URL": _website, "ADR": _address, "GEO": _geo,
                              **dict.fromkeys(COMPANY_PROPERTIES.values(), _company_detail)}
COMPANY_DETAIL_OF = {prop: detail for detail, prop in COMPANY_PROPERTIES.items()}


def geo_of(value: str) -> tuple[float, float] | None:
    """Latitude and longitude from "52.5;13.4" (3.0) or "geo:52.5,13.4" (4.0)."""
    parts = re.split(r"[;,]", value.strip().removeprefix("geo:"))
    try:
        latitude, longitude = float(parts[0]), float(parts[1])
    except (ValueError, IndexError):
        return None
    return (latitude, longitude) if abs(latitude) <= 90 and abs(longitude) <= 180 else None


def order_by_preference(record: RawRecord) -> None:
    """The preferred e-mail first; phones: preferred, mobile, work, the rest, fax last."""
    record.emails.sort(key=lambda item: item not in record.preferred)
    rank = {"mobile": 1, "work": 2, "fax": 9}
    record.phones.sort(key=lambda item: 0 if item in record.preferred else rank.get(record.labels.get(item, ""), 3))
