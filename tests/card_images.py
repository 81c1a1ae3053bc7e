"""Business cards drawn with Pillow for the OCR tests and the benchmark: known fields, several fonts and layouts."""

import io
import random
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation"))
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSerif.ttf", "DejaVuSansCondensed.ttf", "LiberationSans-Regular.ttf",
              "LiberationSerif-Regular.ttf", "LiberationSansNarrow-Regular.ttf")
BOLD = {"DejaVuSans.ttf": "DejaVuSans-Bold.ttf", "DejaVuSerif.ttf": "DejaVuSerif-Bold.ttf",
        "DejaVuSansCondensed.ttf": "DejaVuSansCondensed-Bold.ttf",
        "LiberationSans-Regular.ttf": "LiberationSans-Bold.ttf",
        "LiberationSerif-Regular.ttf": "LiberationSerif-Bold.ttf",
        "LiberationSansNarrow-Regular.ttf": "LiberationSansNarrow-Bold.ttf"}


@dataclass(frozen=True)
class Card:
    """What a card says, as the reader should find it."""

    name: str
    title: str
    company: str
    email: str
    phone: str  # as printed
    phone_e164: str
    website: str
    street: str
    city: str
    language: str = "en"
    extra: tuple[str, ...] = field(default=())


PEOPLE = [
    ("Anna Schulz", "Head of Sales", "Acme GmbH", "anna.schulz@acme.de", "+49 170 1234567", "+491701234567",
     "www.acme.de", "Hauptstraße 12", "10115 Berlin", "de"),
    ("Jörg Müller", "Geschäftsführer", "Müller & Söhne KG", "j.mueller@mueller-soehne.de", "+49 89 12345678",
     "+498912345678", "www.mueller-soehne.de", "Leopoldstraße 5", "80802 München", "de"),
    ("Sarah Connor", "Chief Technology Officer", "Cyberdyne Systems Ltd", "sarah@cyberdyne.co.uk",
     "+44 20 7946 0958", "+442079460958", "cyberdyne.co.uk", "221 Baker Street", "London NW1 6XE", "en"),
    ("Lena Braun", "Vertriebsleiterin", "Solaris AG", "lena.braun@solaris-ag.de", "+49 151 23456789",
     "+4915123456789", "www.solaris-ag.de", "Königsallee 20", "40212 Düsseldorf", "de"),
    ("Michael Weber", "Account Manager", "Globex Corporation", "m.weber@globex.com", "+1 415 555 0132",
     "+14155550132", "www.globex.com", "500 Market Street", "San Francisco, CA 94105", "en"),
    ("Katrin Fischer", "Einkaufsleiterin", "Fischer Logistik GmbH", "katrin.fischer@fischer-logistik.de",
     "+49 40 98765432", "+494098765432", "www.fischer-logistik.de", "Speicherstadt 7", "20457 Hamburg", "de"),
    ("David Miller", "Senior Consultant", "Initech Inc", "david.miller@initech.io", "+1 212 555 0199",
     "+12125550199", "initech.io", "12 Wall Street", "New York, NY 10005", "en"),
    ("Sophie Wagner", "Marketing Director", "Wagner Design Studio", "sophie@wagner-design.at", "+43 1 5867890",
     "+4315867890", "www.wagner-design.at", "Mariahilfer Straße 88", "1070 Wien", "en"),
    ("Thomas Becker", "Projektleiter", "Becker Bau GmbH", "t.becker@beckerbau.de", "+49 711 4567890",
     "+497114567890", "www.beckerbau.de", "Schillerplatz 3", "70173 Stuttgart", "de"),
    ("Emily Clarke", "Purchasing Manager", "Northwind Traders Ltd", "emily.clarke@northwind.co.uk",
     "+44 161 496 0123", "+441614960123", "www.northwind.co.uk", "8 Deansgate", "Manchester M3 2BW", "en"),
]


def cards() -> list[Card]:
    return [Card(*person) for person in PEOPLE]


def font(name: str, size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    filename = BOLD[name] if bold else name
    for folder in FONT_DIRS:
        if (folder / filename).exists():
            return ImageFont.truetype(str(folder / filename), size)
    raise FileNotFoundError(filename)


def fonts_available() -> bool:
    return all(any((d / f).exists() for d in FONT_DIRS) for f in FONT_FILES)


def phone_line(card: Card, layout: int) -> str:
    prefix = ("Tel. " if card.language == "de" else "Phone ") if layout % 2 else ("T " if layout % 3 else "")
    return prefix + card.phone


def lines_of(card: Card, layout: int) -> list[tuple[str, bool]]:
    """The card's lines in one of three orders; (text, bold)."""
    contact = [(phone_line(card, layout), False), (card.email, False), (card.website, False)]
    address = [(card.street, False), (card.city, False)]
    person = [(card.name, True), (card.title, False)]
    if layout == 0:
        return person + [("", False), (card.company, True)] + address + contact
    if layout == 1:
        return [(card.company, True), ("", False)] + person + [("", False)] + contact + address
    return person + [(card.company, False), ("", False)] + contact + [(card.street + ", " + card.city, False)]


def render(card: Card, *, font_name: str = FONT_FILES[0], layout: int = 0, angle: float = 0.0,
           blur: float = 0.0, scale: float = 1.0) -> bytes:
    """A card photo as JPEG bytes: 85 x 55 mm at about 12 px/mm, on a grey table."""
    width, height = int(1020 * scale), int(660 * scale)
    image = Image.new("RGB", (width, height), (250, 250, 246))
    draw = ImageDraw.Draw(image)
    y = int(50 * scale)
    for text, bold in lines_of(card, layout):
        size = int((40 if bold else 30) * scale)
        if text:
            draw.text((int(60 * scale), y), text, fill=(20, 20, 30), font=font(font_name, size, bold=bold))
        y += int(size * 1.35)
    table = Image.new("RGB", (width + 160, height + 160), (120, 120, 125))
    table.paste(image, (80, 80))
    if angle:
        table = table.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(120, 120, 125))
    if blur:
        table = table.filter(ImageFilter.GaussianBlur(blur))
    out = io.BytesIO()
    table.save(out, "JPEG", quality=90)
    return out.getvalue()


def variants(seed: int = 7) -> list[tuple[Card, dict[str, object]]]:
    """Every card in several fonts, layouts and slight rotations (deterministic)."""
    rng = random.Random(seed)
    found = []
    for index, card in enumerate(cards()):
        for copy in range(3):
            found.append((card, {"font_name": FONT_FILES[(index + copy * 2) % len(FONT_FILES)],
                                 "layout": (index + copy) % 3, "angle": rng.uniform(-3, 3)}))
    return found


def text_image(text: str, *, size: int = 40) -> bytes:
    """A picture of plain text, e.g. a shopping list: not a card."""
    image = Image.new("RGB", (900, 500), (255, 255, 255))
    ImageDraw.Draw(image).multiline_text((40, 40), text, fill=(0, 0, 0), font=font(FONT_FILES[0], size))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def photo_without_text(seed: int = 3) -> bytes:
    """Coloured shapes and noise: a holiday photo, no text at all."""
    rng = random.Random(seed)
    image = Image.new("RGB", (800, 600), (90, 140, 200))
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.randrange(800), rng.randrange(600)
        draw.ellipse((x, y, x + rng.randrange(20, 160), y + rng.randrange(20, 160)),
                     fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def foreign_card() -> bytes:
    """A card in Greek script, which the deu+eng models cannot read."""
    image = Image.new("RGB", (1020, 660), (250, 250, 246))
    draw = ImageDraw.Draw(image)
    lines = ["Γιώργος Παπαδόπουλος", "Διευθυντής Πωλήσεων", "Ελληνική Εταιρεία ΑΕ", "Οδός Ερμού 15", "Αθήνα"]
    for row, text in enumerate(lines):
        draw.text((60, 60 + row * 60), text, fill=(20, 20, 30), font=font(FONT_FILES[0], 36))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()
