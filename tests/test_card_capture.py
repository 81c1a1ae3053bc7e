"""Business card photos: drawn with Pillow, read by Tesseract, previewed; saved only when the member says so."""

import pytest

from handlers.exchange.card_capture import card_preview, scan_card, wants_card
from handlers.exchange.ocr import available
from handlers.language.card_reader import read_card
from handlers.texts.reply import FileRef, Incoming, Reply
from storage.models import Attachment, CardScan, Contact, Interaction
from tests.card_images import cards, fonts_available, foreign_card, photo_without_text, render, text_image, variants
from tests.conftest import Chat

needs_tesseract = pytest.mark.skipif(not available() or not fonts_available(),
                                     reason="tesseract-ocr with deu and eng, or the DejaVu/Liberation fonts, "
                                            "are not installed (.ci/run installs them)")
PHOTO = FileRef("PHOTO-1", "photo", "", "telegram")


def send_photo(chat: Chat, content: bytes, file: FileRef = PHOTO) -> Reply:
    chat.last = scan_card(chat.crm, Incoming(text="", workspace_key=chat.workspace, user_id=chat.user,
                                             user_name=chat.user, language=chat.language, now=chat.now),
                          file, content)
    return chat.last


def test_card_text_becomes_fields_in_german_and_english() -> None:
    german = read_card("Müller & Söhne KG\n\nJörg Müller\nGeschäftsführer\n\nTel. +49 89 12345678\n"
                       "j.mueller @mueller-soehne.de\nwww.mueller-soehne.de\nLeopoldstraße 5\n80802 München\n")
    assert (german.name, german.title, german.company) == ("Jörg Müller", "Geschäftsführer", "Müller & Söhne KG")
    assert german.emails == ["j.mueller@mueller-soehne.de"] and german.phones == ["+498912345678"]
    assert german.website == "www.mueller-soehne.de" and german.address == "Leopoldstraße 5, 80802 München"
    english = read_card("Sarah Connor\nChief Technology Officer\nCyberdyne Systems Ltd\n\nPhone +44 20 7946 0958\n"
                        "sarah@cyberdyne.co.uk\ncyberdyne.co.uk\n221 Baker Street, London NW1 6XE", region="GB")
    assert (english.name, english.company, english.phones) == ("Sarah Connor", "Cyberdyne Systems Ltd",
                                                               ["+442079460958"])
    assert english.is_card()


def test_text_that_is_no_card_has_no_contact() -> None:
    assert not read_card("Milk\nEggs\nBread 2x\nCall mum at 5").is_card()
    assert not read_card("").is_card()
    assert not read_card("Anna Schulz\nHead of Sales\nAcme GmbH").is_card()  # no way to reach her: no card


def test_only_a_photo_without_caption_is_read_as_a_card() -> None:
    assert wants_card(PHOTO, "") and wants_card(PHOTO, "Visitenkarte") and wants_card(PHOTO, "card")
    assert not wants_card(PHOTO, "anna: business card") and not wants_card(PHOTO, "Anna")
    assert not wants_card(FileRef("DOC", "document", "card.pdf", "telegram"), "")


@needs_tesseract
def test_card_photo_is_previewed_then_saved_with_the_photo_on_the_contact(chat: Chat) -> None:
    card = cards()[0]
    preview = send_photo(chat, render(card, font_name="LiberationSans-Regular.ttf", layout=1, angle=1.5))
    assert preview.text.startswith("📇 I read this business card:")
    assert "👤 Anna Schulz" in preview.text and "✉️ anna.schulz@acme.de" in preview.text
    assert "📞 +491701234567" in preview.text and "💼 Head of Sales" in preview.text
    assert chat.count(Contact) == 0 and chat.count(Attachment) == 1  # kept, nothing else yet
    saved = chat.press("Save")
    assert saved.text.startswith("👤 Contact saved from the card: Anna Schulz (Acme GmbH)")
    [contact] = chat.rows(Contact)
    assert (contact.email, contact.phone, contact.source) == ("anna.schulz@acme.de", "+491701234567", "card")
    [note] = chat.rows(Interaction)
    assert "title: Head of Sales" in note.text and "address: Hauptstraße 12, 10115 Berlin" in note.text
    assert "website: www.acme.de" in note.text
    assert chat.rows(Attachment)[0].contact_id == contact.id
    assert chat.count(CardScan) == 0
    assert "PHOTO-1" in [f.file_id for f in chat.say("/files anna").files]


@needs_tesseract
def test_german_member_fixes_a_field_before_saving(chat: Chat) -> None:
    chat.language = "de"
    chat.say("/sprache de")
    preview = send_photo(chat, render(cards()[1], font_name="DejaVuSerif.ttf", angle=-1))
    assert preview.text.startswith("📇 Das steht auf der Visitenkarte:")
    assert "Welches Feld" in chat.press("Feld korrigieren").text
    assert chat.press("Telefon").text == "Wie lautet Telefon richtig? Schreib es."
    fixed = chat.say("+49 89 7654321")
    assert "📞 +49897654321" in fixed.text
    refused = chat.say("/visitenkarte 1 set email not-an-address")
    assert refused.text.startswith('Die E-Mail "not-an-address" wurde nicht gespeichert') and chat.count(Contact) == 0
    chat.press("Speichern", fixed)
    [contact] = chat.rows(Contact)
    assert contact.phone == "+49897654321" and contact.name == "Jörg Müller"


@needs_tesseract
def test_a_known_person_gets_the_duplicate_check_as_for_add(chat: Chat) -> None:
    chat.say("/add Anna Schulz, anna.schulz@acme.de")
    send_photo(chat, render(cards()[0]))
    warning = chat.press("Save")
    assert warning.text.startswith("This card looks like a contact you already have: Anna Schulz")
    assert chat.count(Contact) == 1
    added = chat.press("Add to Anna Schulz")
    assert added.text.startswith("📇 The card's details went to Anna Schulz")
    [contact] = chat.rows(Contact)
    assert contact.phone == "+491701234567" and chat.rows(Attachment)[0].contact_id == contact.id


@needs_tesseract
def test_cancel_saves_nothing_and_keeps_the_photo_to_file(chat: Chat) -> None:
    chat.say("/add Lena Braun")
    send_photo(chat, render(cards()[0]))
    cancelled = chat.press("Cancel")
    assert cancelled.text.startswith("Cancelled: no contact saved. The photo is kept")
    assert chat.count(Contact) == 1 and chat.count(CardScan) == 0
    assert chat.say("lena").text.startswith("📎 File saved on Lena Braun")


@needs_tesseract
@pytest.mark.parametrize("content", [photo_without_text(), text_image("Milk\nEggs\nBread 2x\nCall mum"),
                                     foreign_card(), render(cards()[2], blur=4.0), b"not an image at all"],
                         ids=["holiday photo", "shopping list", "greek card", "blurred card", "no image"])
def test_no_card_gets_an_honest_answer_and_no_contact(chat: Chat, content: bytes) -> None:
    reply = send_photo(chat, content)
    assert reply.text.startswith("I couldn't read a card in this photo. The photo is kept")
    assert chat.count(Contact) == 0 and chat.count(CardScan) == 0 and chat.count(Attachment) == 1


def test_without_tesseract_the_reply_says_so_and_keeps_the_photo(chat: Chat, monkeypatch: pytest.MonkeyPatch,
                                                                 tmp_path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract binary on it
    reply = send_photo(chat, text_image("Anna Schulz\nanna@acme.de"))
    assert reply.text.startswith("I can't read business cards here: the text recognition (Tesseract) is not")
    assert chat.count(Attachment) == 1 and chat.count(Contact) == 0


@needs_tesseract
def test_an_expired_or_foreign_card_preview_does_nothing(chat: Chat) -> None:
    assert chat.say("/scan 99 save").text.startswith("That button has expired")
    send_photo(chat, text_image("Anna Schulz\nanna@acme.de\n+49 170 1234567"))
    other = Chat(chat.crm, user="rep2")
    assert other.say("/scan 1 save").text.startswith("That button has expired")
    assert chat.count(Contact) == 0


@needs_tesseract
def test_name_email_and_phone_right_on_nine_of_ten_clean_cards() -> None:
    from handlers.exchange.ocr import read_text

    cases = variants()[::3]  # one of each person (the benchmark reads all 30)
    right = 0
    for card, options in cases:
        found = read_card(read_text(render(card, **options)))  # type: ignore[arg-type]
        right += found.name == card.name and card.email in found.emails and card.phone_e164 in found.phones
    assert right >= 0.9 * len(cases)


US_CARD = ("John Smith\nSales Director\nGlobex Corporation\nPhone (212) 555-0134\njohn@globex.com\n"
           "350 Fifth Avenue, New York, NY 10118, USA")


def test_a_card_with_a_us_address_reads_its_phones_as_us_and_so_does_a_fix(chat: Chat) -> None:
    assert read_card(US_CARD).phones == ["+12125550134"]  # the default region is DE; the address says US
    assert read_card(US_CARD.replace(", USA", "")).phones == []  # no country: not a German number
    fields = read_card(US_CARD)
    chat.crm.run(Incoming(text="", workspace_key=chat.workspace, user_id=chat.user, language="en"),
                 lambda ctx: card_preview(ctx, PHOTO, fields))
    fixed = chat.say("/scan 1 set phone (212) 555-0199")
    assert "📞 +12125550199" in fixed.text
    chat.press("Save", fixed)
    assert chat.rows(Contact)[0].phone == "+12125550199"
