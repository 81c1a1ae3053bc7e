"""A business card's text (OCR output, or an e-mail signature) read into contact fields. Pure: no I/O."""

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from rapidfuzz import fuzz

from handlers.language.field_formats import phone_region
from handlers.language.names import fold

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.IGNORECASE)
_WEBSITE = re.compile(r"\b(?:https?://)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:de|com|at|ch|uk|io|net|org|eu|fr|"
                      r"it|nl|biz|info|co)(?:/\S*)?\b", re.IGNORECASE)
_POSTCODE = re.compile(r"^(?:(?:D|A|CH)-)?\d{4,5}\s+\w|[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b|,\s*[A-Z]{2}\s+\d{5}\b")
_STREET = re.compile(r"(?:stra(?:ß|ss)e|str\.|weg|platz|allee|gasse|ring|damm|ufer|street|road|avenue|lane|"
                     r"square|drive|boulevard|\bst\.?\b|\brd\.?\b|\bave\.?\b|deansgate|speicherstadt)",
                     re.IGNORECASE)
_LEGAL_FORMS = re.compile(r"\b(?:gmbh|ag|kg|ohg|ug|se|e\.\s?k\.|e\.\s?v\.|mbh|ltd|limited|inc|llc|llp|plc|corp|"
                          r"corporation|company|co|group|gruppe|holding|studio|systems|solutions|consulting|"
                          r"partner|partners|traders|services|technologies|logistik|bau|design|software)\b\.?",
                          re.IGNORECASE)
_TITLE_WORDS = re.compile(r"(?:manager|managerin|director|direktor|head|officer|chief|consultant|berater|"
                          r"beraterin|engineer|ingenieur|sales|vertrieb|leiter|leiterin|geschäftsführer|"
                          r"geschäftsführerin|inhaber|inhaberin|owner|founder|gründer|president|präsident|"
                          r"vice|vp|ceo|cto|cfo|coo|assistant|assistent|assistentin|specialist|referent|"
                          r"referentin|developer|entwickler|partner|associate|analyst|representative|"
                          r"einkauf|marketing|purchasing|account|prokurist|vorstand|senior|junior)",
                          re.IGNORECASE)
_LABEL = re.compile(r"^(?:tel(?:efon)?|phone|fon|mobil(?:e)?|handy|mob|fax|t|m|f|p|e-?mail|mail|e|web|w|www)"
                    r"\s*[.:]?\s+", re.IGNORECASE)
_NAME_WORD = re.compile(r"^(?:[A-ZÄÖÜ][a-zäöüßéèáàíóúñç'-]+\.?|[A-Z]\.|von|van|de|der|den|zu|di|da|le|la|Dr\.|"
                        r"Prof\.)$")
MIN_NAME_WORDS, MAX_NAME_WORDS = 2, 4


@dataclass
class CardFields:
    """What a card says; any field may be empty."""

    name: str = ""
    title: str = ""
    company: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)  # E.164
    website: str = ""
    address: str = ""

    def is_card(self) -> bool:
        """A name and a way to reach them: anything less is no card we dare to offer."""
        return bool(self.name) and bool(self.emails or self.phones)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> "CardFields":
        known: dict[str, Any] = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


def read_card(text: str, *, region: str = "DE") -> CardFields:
    """Sort the lines of a card into fields; phones without + are read in the card's address country, else `region`."""
    card = _read_card(text, region)
    local = phone_region([address_country(card.address)], region)
    return card if local == region else _read_card(text, local)


def address_country(address: str) -> str:
    """The last part of an address as a card writes it ("1 Main St, Springfield, USA" gives "USA")."""
    return address.rpartition(",")[2].strip()


def _read_card(text: str, region: str) -> CardFields:
    """First what has a shape (e-mail, phone, web, address), then words."""
    lines = [clean_line(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    card = CardFields()
    rest: list[str] = []
    for index, line in enumerate(lines):
        emails = _EMAIL.findall(line)
        phones = phones_in(line, region)
        if emails or phones:
            card.emails += [e.lower().rstrip(".") for e in emails if e.lower() not in card.emails]
            card.phones += [p for p in phones if p not in card.phones]
            continue
        if _POSTCODE.search(line):
            before = lines[index - 1] if index and _STREET.search(lines[index - 1]) else ""
            if before in rest:
                rest.remove(before)
            if card.address and card.address == before:
                card.address = f"{before}, {line}"
            else:
                card.address = card.address or ", ".join(part for part in (before, line) if part)
            continue
        website = _WEBSITE.search(line)
        if website and len(website.group(0)) >= len(line) - 5 and "@" not in line:
            card.website = card.website or website.group(0)
            continue
        if _STREET.search(line) and re.search(r"\d", line):
            card.address = card.address or line
            continue
        rest.append(line)
    card.company = best_company(rest, card)
    rest = [line for line in rest if line != card.company]
    card.name = best_name(rest, card)
    rest = [line for line in rest if line != card.name]
    card.title = next((line for line in rest if _TITLE_WORDS.search(line)), "")
    return card


def clean_line(line: str) -> str:
    """One OCR line without stray symbols at its ends and with single spaces."""
    line = re.sub(r"[|¦_~«»©®•·*]+", " ", line)
    line = re.sub(r"\s*@\s*", "@", line) if "@" in line else line
    line = " ".join(line.split()).strip(" ,;:-—–")
    return line if sum(ch.isalnum() for ch in line) >= 2 else ""


def phones_in(line: str, region: str) -> list[str]:
    """Valid phone numbers on a line, in E.164, after its label ("Tel.", "M", "Fax")."""
    if _EMAIL.search(line):
        return []
    if re.match(r"^fax\b", line, re.IGNORECASE):
        return []
    import phonenumbers  # loads with the first card read, not at start

    found = []
    for match in phonenumbers.PhoneNumberMatcher(_LABEL.sub("", line), region):
        if phonenumbers.is_valid_number(match.number):
            found.append(phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164))
    return found


def domain_word(card: CardFields) -> str:
    """The distinctive part of the e-mail's or website's domain: "mueller-soehne" of j.m@mueller-soehne.de."""
    host = card.emails[0].split("@", 1)[1] if card.emails else card.website.split("//")[-1].removeprefix("www.")
    return host.split(".")[0].replace("-", " ") if host else ""


def ascii_fold(text: str) -> str:
    """Folded, with umlauts written out as in e-mail addresses (ü -> ue)."""
    return fold(text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
                .replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue"))


def best_company(lines: list[str], card: CardFields) -> str:
    """The line with a legal form, else the one most like the mail domain."""
    domain = domain_word(card)
    scored = []
    for line in lines:
        if _TITLE_WORDS.search(line) and not _LEGAL_FORMS.search(line):
            continue
        score: float = (60 if _LEGAL_FORMS.search(line) else 0)
        if domain:
            score += fuzz.partial_ratio(ascii_fold(domain), ascii_fold(line)) // 2
        scored.append((score, line))
    best = max(scored, default=(0, ""))
    return best[1] if best[0] >= 45 else ""


def looks_like_name(line: str) -> bool:
    words = line.split()
    return (MIN_NAME_WORDS <= len(words) <= MAX_NAME_WORDS and all(_NAME_WORD.match(w) for w in words)
            and not _LEGAL_FORMS.search(line) and not _TITLE_WORDS.search(line))


def best_name(lines: list[str], card: CardFields) -> str:
    """The name-shaped line most like the e-mail's local part (else the first name-shaped line)."""
    candidates = [line for line in lines if looks_like_name(line)]
    if not candidates:
        return ""
    local = card.emails[0].split("@", 1)[0].replace(".", " ").replace("_", " ") if card.emails else ""
    if not local:
        return candidates[0]
    return max(candidates, key=lambda line: fuzz.partial_ratio(ascii_fold(local), ascii_fold(line)))


def note_lines(card: CardFields) -> list[str]:
    """What a contact cannot hold yet, for the note: title, website, address, further e-mails and phones."""
    lines = []
    for key, value in (("title", card.title), ("website", card.website), ("address", card.address)):
        if value:
            lines.append(f"{key}: {value}")
    lines += [f"email: {e}" for e in card.emails[1:]] + [f"phone: {p}" for p in card.phones[1:]]
    return lines
