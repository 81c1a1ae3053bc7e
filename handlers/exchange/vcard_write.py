"""Write a contact as a vCard 3.0 (RFC 2426) or 4.0 (RFC 6350), every stored field, so it reads back the same.

Lines are escaped and folded at 75 octets by hand: vobject writes only 3.0, and N must come from the
stored structured name, not from splitting the display name.
"""

import json
from dataclasses import dataclass, field

from handlers.language.countries import country_name
from storage.models import Address, Company, Contact, ContactEmail, ContactPhone

SUFFIXES = {"jr", "sr", "jun", "sen", "ii", "iii", "iv", "phd", "md", "mba", "esq"}
FIRM_WORDS = {"ag", "gmbh", "kg", "ohg", "gbr", "ug", "se", "ltd", "inc", "llc", "corp", "co", "plc", "sa", "bv"}
TEL_TYPES = {"mobile": "cell", "work": "work", "home": "home", "fax": "fax"}


@dataclass
class CardData:
    contact: Contact
    company: str | None = None
    emails: list[ContactEmail] = field(default_factory=list)
    phones: list[ContactPhone] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    custom: list[tuple[str, str]] = field(default_factory=list)  # (custom field name, value)
    company_row: Company | None = None  # the company's details
    company_custom: list[tuple[str, str]] = field(default_factory=list)  # the company's (field name, value)


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\r\n", "\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character."""
    out: list[str] = []
    current = ""
    for ch in line:
        if len((current + ch).encode("utf-8")) > (75 if not out else 74):
            out.append(current)
            current = ""
        current += ch
    out.append(current)
    return "\r\n ".join(out) + "\r\n"


def typed(version: str, kinds: list[str], preferred: bool) -> str:
    """";TYPE=work,pref" (3.0) or ";TYPE=work;PREF=1" (4.0)."""
    if version == "3.0":
        words = kinds + (["pref"] if preferred else [])
        return f";TYPE={','.join(words)}" if words else ""
    return (f";TYPE={','.join(kinds)}" if kinds else "") + (";PREF=1" if preferred else "")


def guess_name(name: str) -> list[str | None]:
    """N for a name typed in chat: "Last, First"; a suffix (Sr., III) kept apart; a firm's name whole."""
    if "," in name:
        family, _, given = name.partition(",")
        return [family.strip(), given.strip(), "", "", ""]
    words = name.split()
    suffix: list[str] = []
    while len(words) > 2 and words[-1].casefold().strip(".") in SUFFIXES:
        suffix.insert(0, words.pop())
    if len(words) < 2 or any(word.casefold().strip(".") in FIRM_WORDS for word in words):
        return [name, "", "", "", ""]
    return [words[-1], " ".join(words[:-1]), "", "", " ".join(suffix)]


COMPANY_PROPERTIES = {"website": "X-CRMBOT-COMPANY-WEBSITE", "industry": "X-CRMBOT-COMPANY-INDUSTRY",
                      "size": "X-CRMBOT-COMPANY-SIZE", "phone": "X-CRMBOT-COMPANY-PHONE"}
COMPANY_FIELD = "X-CRMBOT-COMPANY-FIELD"


def company_lines(data: CardData) -> list[str]:
    """The company's details and custom values (ORG carries only its name): X-CRMBOT-COMPANY-* lines."""
    if data.company_row is None:
        return []
    lines = [f"{prop}:{escape(given)}" for detail, prop in COMPANY_PROPERTIES.items()
             if (given := getattr(data.company_row, detail))]
    return lines + [f"{COMPANY_FIELD};NAME={name}:{escape(value)}" for name, value in data.company_custom]


def vcard_text(data: CardData, version: str = "3.0") -> str:
    """One card; the primary e-mail and phone are marked preferred, so they stay the primary ones."""
    contact = data.contact
    lines = ["BEGIN:VCARD", f"VERSION:{version}", f"FN:{escape(contact.name)}"]
    name = [contact.family_name, contact.given_name, contact.middle_name, contact.name_prefix, contact.name_suffix]
    if not any(name):
        name = guess_name(contact.name)
    lines.append("N:" + ";".join(escape(part or "") for part in name))
    emails = [(contact.email, contact.email_label, True)] if contact.email else []
    emails += [(e.email, e.label, False) for e in data.emails]
    for value, label, preferred in emails:
        kinds = ([] if version == "4.0" else ["internet"]) + ([label] if label in ("work", "home") else [])
        lines.append(f"EMAIL{typed(version, kinds, preferred)}:{escape(value)}")
    phones = [(contact.phone, contact.phone_label, True)] if contact.phone else []
    phones += [(p.phone, p.label, False) for p in data.phones]
    for value, label, preferred in phones:
        kinds = [TEL_TYPES[label]] if label in TEL_TYPES else []
        if version == "4.0":
            lines.append(f"TEL;VALUE=uri{typed(version, kinds, preferred)}:tel:{value}")
        else:
            lines.append(f"TEL{typed(version, kinds, preferred)}:{value}")
    for address in data.addresses:
        kinds = [address.label] if address.label in ("work", "home") else []
        country = country_name(address.country) if len(address.country) == 2 else address.country
        parts = ["", "", address.street, address.city, address.region, address.postcode, country]
        lines.append(f"ADR{typed(version, kinds, False)}:" + ";".join(escape(part) for part in parts))
    if data.company or contact.department:
        parts = [data.company or "", *([contact.department] if contact.department else [])]
        lines.append("ORG:" + ";".join(escape(part) for part in parts))
    for prop, given in (("TITLE", contact.title), ("URL", contact.website), ("BDAY", contact.birthday)):
        if given:
            lines.append(f"{prop}:{escape(given) if prop != 'BDAY' else given}")
    if contact.latitude is not None and contact.longitude is not None:
        lines.append(f"GEO:geo:{contact.latitude},{contact.longitude}" if version == "4.0"
                     else f"GEO:{contact.latitude};{contact.longitude}")
    for network, handle in sorted(json.loads(contact.socials or "{}").items()):
        lines.append(f"X-SOCIALPROFILE;TYPE={network}:{escape(handle)}")
    lines += [f"X-CRMBOT-FIELD;NAME={name}:{escape(value)}" for name, value in data.custom]
    lines += company_lines(data)
    if data.notes:
        lines.append("NOTE:" + escape("\n".join(data.notes)))
    lines.append(f"UID:crmbot-contact-{contact.workspace_id}-{contact.id}")
    lines.append("END:VCARD")
    return "".join(fold(line) for line in lines)
