"""What a CSV column holds, from its header, for the exports of the common address books and CRMs.

Google, Outlook (English and German), Apple, Thunderbird (English and German), HubSpot, Pipedrive,
Salesforce and Zoho: names, e-mails and phones with their labels, company, job title, department,
birthday, website, social profiles and postal addresses. A column's `group` ties it to the others of
one item ("Address 1 - Street" and "Address 1 - Type"; "Business Street" and "Business City").
"""

from dataclasses import dataclass

from handlers.language.names import fold

NAME_HEADERS = {
    "full": {"name", "full name", "fullname", "display name", "contact name", "person name", "kontakt", "kontaktname",
             "vollstandiger name", "anzeigename", "fn"},
    "first": {"first name", "firstname", "given name", "vorname", "first", "forename"},
    "middle": {"middle name", "additional name", "weitere vornamen", "zweiter vorname", "second name"},
    "last": {"last name", "lastname", "family name", "surname", "nachname", "familienname", "last"},
    "prefix": {"anrede", "salutation", "name prefix", "prefix", "titel", "title"},  # "title": see read_csv
    "suffix": {"suffix", "name suffix", "namenszusatz"},
}
NOTE_HEADERS = {"notes", "note", "notiz", "notizen", "bemerkung", "bemerkungen", "kommentar", "kommentare", "comment",
                "comments", "description", "beschreibung"}
JOB_TITLES = {"job title", "jobtitle", "position", "arbeitstitel", "berufsbezeichnung", "funktion", "job title name",
              "organization title", "organization 1 title", "organisation title", "beruf"}
BIRTHDAYS = {"birthday", "geburtstag", "birthdate", "date of birth", "geburtsdatum", "birth date", "day of birth"}
BIRTH_PARTS = {"birth year": "birth_year", "geburtsjahr": "birth_year", "birth month": "birth_month",
               "geburtsmonat": "birth_month", "birth day": "birth_day"}
LABEL_WORDS = {"type", "typ", "label", "art"}
SKIP_WORDS = {"yomi", "phonetic", "display", "angezeigter", "id", "ids", "owner", "ext", "durchwahl", "photo", "foto",
              "labels", "group", "gruppe", "gruppenmitgliedschaft", "assistant", "assistent", "manager", "fax", "pager",
              "formatted", "bio", "po", "postfach", "extended", "nickname", "spitzname", "screen"}
PHONE_WORDS = {"phone", "telephone", "tel", "telefon", "telefonnummer", "mobile", "mobil", "mobiltelefon", "handy",
               "cell", "cellphone", "rufnummer", "phones", "nr"}
COMPANY_WORDS = {"company", "organization", "organisation", "organizations", "firma", "firmenname", "unternehmen",
                 "org", "account", "arbeitgeber", "employer"}
WEB_WORDS = {"website", "homepage", "webseite", "url", "web", "internetseite"}
SOCIAL_WORDS = {"twitter", "linkedin", "skype", "xing", "facebook", "instagram", "mastodon"}
ADDRESS_PARTS = [  # checked in this order: "Country/Region" is a country, "State/Region" a region
    ("postcode", {"zip", "zipcode", "postcode", "plz", "postleitzahl", "postal code", "postalcode"}),
    ("country", {"country", "land", "staat"}),
    ("region", {"state", "region", "province", "bundesland", "kanton", "provinz"}),
    ("city", {"city", "ort", "stadt", "town", "locality", "wohnort"}),
    ("street", {"street", "strasse", "address", "adresse", "str", "anschrift"}),
]
LABELS = [("mobile", {"mobile", "mobil", "mobiltelefon", "handy", "cell", "cellphone"}),
          ("home", {"home", "privat", "private", "personal", "personlich"}),
          ("work", {"business", "work", "geschaftlich", "dienstlich", "arbeit", "office", "mailing", "buro",
                    "primary", "primare"}),
          ("other", {"other", "weitere", "andere", "sonstige", "secondary", "sekundare"}), ("fax", {"fax"})]
PREFIXES = ("person ", "contact ", "kontakt ")
COMPANY_DETAILS = {  # the company's own columns (HubSpot, Pipedrive, Salesforce, Zoho, Outlook): company_<detail>
    "industry": "industry", "company industry": "industry", "organization industry": "industry",
    "account industry": "industry", "industrie": "industry",
    "company website": "website", "company domain name": "website", "company domain": "website",
    "organization website": "website", "account website": "website", "firmenwebseite": "website",
    "website der firma": "website", "company url": "website",
    "number of employees": "size", "employees": "size", "company size": "size", "mitarbeiter": "size",
    "anzahl mitarbeiter": "size", "mitarbeiterzahl": "size", "organization size": "size",
    "account number of employees": "size", "no of employees": "size", "unternehmensgrosse": "size",
    "company phone": "phone", "company main phone": "phone", "company phone number": "phone",
    "organization phone": "phone", "account phone": "phone", "firmentelefon": "phone", "telefon firma": "phone",
}


@dataclass(frozen=True)
class Column:
    target: str | None  # full, first, ..., email, phone, company, note, title, department, birthday, website,
    #                     social_<network>, street, postcode, city, region, country, birth_year/_month/_day
    label: str = ""  # work, home, mobile, other, from the header's words
    group: str = ""  # the header without its value words: ties the parts of one item together
    is_label: bool = False  # the column holds the labels of its group's values ("E-mail 1 - Type")


def header_key(header: str) -> str:
    key = fold(header)
    for prefix in PREFIXES:
        if key.startswith(prefix) and key != prefix.strip():
            key = key.removeprefix(prefix)
    return key


def classify(header: str) -> Column:
    """What the column holds, with its label and group."""
    key = header_key(header)
    words = key.split()
    found = set(words)
    label = next((name for name, kinds in LABELS if found & kinds), "")
    group = " ".join(w for w in words if w not in {"value", "valu", "wert", "address", "adresse"} | LABEL_WORDS)
    if found & LABEL_WORDS and not found & SKIP_WORDS:
        if found & {"address", "adresse"}:
            group = " ".join(["address", *[w for w in words if w.isdigit()]])
        return Column(None, group=group, is_label=True)
    if key in COMPANY_DETAILS or fold(header) in COMPANY_DETAILS:
        return Column("company_" + COMPANY_DETAILS.get(key, COMPANY_DETAILS.get(fold(header), "")))
    target = _target(key, found)
    if target in {name for name, _ in ADDRESS_PARTS}:
        group = _address_group(words, target, label)
    return Column(target, label, group)


def _target(key: str, words: set[str]) -> str | None:
    """The field a header fills: by its whole name first, then by its words; None for a column to skip."""
    named = _by_header(key, words)
    if named is not None:
        return named
    if not words or words & SKIP_WORDS:
        return None
    return _by_words(words)


def _by_header(key: str, words: set[str]) -> str | None:
    """The field a header names as a whole ("given name", "notes", "birthday", "latitude", a social network)."""
    for target, names in NAME_HEADERS.items():
        if key in names:
            return target
    if key in NOTE_HEADERS:
        return "note"
    if key in JOB_TITLES or key.endswith(" title") and "organization" in words:
        return "title"
    if key in BIRTHDAYS:
        return "birthday"
    if key in BIRTH_PARTS:
        return BIRTH_PARTS[key]
    if key in ("latitude", "longitude", "breitengrad", "langengrad"):
        return "latitude" if key in ("latitude", "breitengrad") else "longitude"
    if words & SOCIAL_WORDS:
        return "social_" + sorted(words & SOCIAL_WORDS)[0]
    return None


def _by_words(words: set[str]) -> str | None:
    """The field a header's words point at: e-mail, department, website, phone, company, an address part."""
    if "mail" in words or any(w.startswith("email") for w in words):
        return "email"
    if words & {"department", "abteilung"}:
        return "department"
    if words & WEB_WORDS:
        return "website"
    if words & PHONE_WORDS or any(w.startswith(("telefon", "phone", "mobil")) for w in words):
        return "phone"
    if words & COMPANY_WORDS and not words & {"address", "adresse", "street", "city", "country"}:
        return "company"
    for target, names in ADDRESS_PARTS:
        if words & names or (target == "postcode" and {"postal", "code"} <= words):
            return target
    return None


def _address_group(words: list[str], target: str, label: str) -> str:
    """Which address of the row: "Address 1 - Street" and "Address 1 - City" share one; so do "Home Street"
    and "Home City"; "Home Address 2" is the second street line of the home address."""
    second_line = target == "street" and not set(words) & {"street", "strasse", "str"}
    index = "" if second_line else next((words[i + 1] for i, word in enumerate(words[:-1])
                                         if word in ("address", "adresse") and words[i + 1].isdigit()), "")
    return " ".join(f"address {label} {index}".split())
