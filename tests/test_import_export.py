"""Import (CSV and vCard, preview then all or nothing) and export (CSV, vCard, iCalendar), on a real database."""

import csv
import io
import json
from pathlib import Path

import icalendar
import pytest
import vobject  # type: ignore[import-untyped]
from sqlmodel import Session, select

from handlers.exchange import formats as import_formats
from handlers.exchange import importing
from handlers.exchange.exporting import safe_cell
from handlers.exchange.formats import column_target
from handlers.exchange.importing import ImportFailed
from handlers.texts.reply import Incoming, Reply
from storage.models import AuditEntry, Company, Contact, Interaction, PendingImport
from tests.conftest import Chat

OUTLOOK_DE = (
    "Anrede;Vorname;Weitere Vornamen;Nachname;Firma;Position;Telefon geschäftlich;Mobiltelefon;Fax geschäftlich;"
    "E-Mail-Adresse;E-Mail: Angezeigter Name;Notizen\r\n"
    'Herr;Jörg;;Müller;Bäckerei Müller KG;Inhaber;089 1234567;0171 2345678;089 1234568;joerg@mueller.de;;'
    '"Mag Brezeln;\r\nruft oft an"\r\n'
    "Frau;Anna;;Schulz;Acme GmbH;;;;;ANNA@acme.de;;\r\n"
    "Herr;Tom;;Becker;Nordlicht AG;;+49 40 3344556;;;;;\r\n"
    ";;;;Firma ohne Namen;;;;;;;\r\n"
    "Frau;Eva;Maria;Klein;;;12;;;eva@@kaputt;;\r\n"
)
GOOGLE = (
    "First Name,Middle Name,Last Name,Nickname,Organization Name,Organization Title,Notes,Labels,"
    "E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value\n"
    "Lena,,Braun,,Solaris Energie,CEO,,* myContacts,* Work,lena@solaris.de ::: lena.braun@gmail.com,"
    "Mobile,+49 151 23456789\n"
    "Ben,,Hoffmann,,Hoffmann IT,,,* myContacts,,ben@hoffmann-it.de,,\n"
)
VCARDS = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=B6rg;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=B6rg M=C3=BCller\r\nTEL;WORK:089 1234567\r\n"
    "TEL;CELL:0171 2345678\r\nEMAIL;INTERNET:joerg@mueller.de\r\nORG:Bäckerei Müller KG;Vertrieb\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Schulz;Anna;;;\r\nFN:Anna Schulz\r\nEMAIL;TYPE=INTERNET,WORK:anna@acme.de\r\n"
    "NOTE:Met at the fair\\, booth 12\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nTEL:+49 40 3344556\r\nEND:VCARD\r\n"
)


def send_file(chat: Chat, filename: str, content: bytes) -> Reply:
    """What a channel does with a document: download it, then hand the bytes to the import preview."""
    chat.last = chat.crm.upload_import(Incoming(text="", workspace_key=chat.workspace, user_id=chat.user,
                                                 now=chat.now), filename, content)
    return chat.last




def nothing_written(chat: Chat) -> bool:
    models = (Contact, Company, Interaction, AuditEntry, PendingImport)
    return [chat.count(model) for model in models] == [0] * len(models)


# --- reading files ------------------------------------------------------------------------------


@pytest.mark.parametrize(("header", "target"), [
    ("First Name", "first"), ("Given Name", "first"), ("Vorname", "first"), ("Person - First name", "first"),
    ("Last Name", "last"), ("Family Name", "last"), ("Nachname", "last"), ("Middle Name", "middle"),
    ("Name", "full"), ("Person - Name", "full"), ("Display Name", "full"),
    ("E-mail 1 - Value", "email"), ("E-mail Address", "email"), ("E-Mail-Adresse", "email"), ("Email", "email"),
    ("E-Mail 2: Adresse", "email"), ("Person - Email - Work", "email"), ("Person - E-Mail - Arbeit", "email"),
    ("Phone 1 - Value", "phone"), ("Business Phone", "phone"), ("Mobile Phone", "phone"), ("Telefon", "phone"),
    ("Mobiltelefon", "phone"), ("Telefon geschäftlich", "phone"), ("Phone Number", "phone"), ("Handy", "phone"),
    ("Person - Phone - Mobile", "phone"),
    ("Organization Name", "company"), ("Organization 1 - Name", "company"), ("Company", "company"),
    ("Company Name", "company"), ("Firma", "company"), ("Person - Organization", "company"),
    ("Notes", "note"), ("Notizen", "note"),
    ("E-mail 1 - Label", None), ("Phone 1 - Type", None), ("Business Fax", None), ("Fax geschäftlich", None),
    ("E-Mail: Angezeigter Name", None), ("Record ID", None), ("Contact owner", None),
    ("Organization Title", "title"), ("Organization 1 - Department", "department"), ("Job Title", "title"),
    ("Position", "title"), ("Abteilung", "department"), ("Birthday", "birthday"), ("Geburtstag", "birthday"),
    ("Anrede", "prefix"), ("Name Prefix", "prefix"), ("Salutation", "prefix"), ("Suffix", "suffix"),
    ("Web Page", "website"), ("Webseite", "website"), ("Website 1 - Value", "website"),
    ("Business Street", "street"), ("Straße geschäftlich", "street"), ("Address 1 - Street", "street"),
    ("Home ZipCode", "postcode"), ("Postleitzahl privat", "postcode"), ("Mailing Zip/Postal Code", "postcode"),
    ("Business City", "city"), ("Ort geschäftlich", "city"), ("Business State", "region"),
    ("State/Region", "region"), ("Country/Region", "country"), ("Land/Region geschäftlich", "country"),
    ("Mailing Country", "country"), ("Primary Email", "email"), ("Secondary Email", "email"),
    ("Twitter", "social_twitter"), ("Skype ID", "social_skype"),
])
def test_columns_of_common_exports_are_recognized(header: str, target: str | None) -> None:
    assert column_target(header) == target


def test_german_outlook_export_preview_writes_nothing(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme GmbH, anna@acme.de")
    chat.say("/add Tom Becker, +49 40 3344556")
    audit_before = chat.count(AuditEntry)
    preview = send_file(chat, "Kontakte.csv", OUTLOOK_DE.encode("cp1252"))
    lines = preview.text.splitlines()
    assert lines[0] == "📥 Kontakte.csv: CSV, 5 record(s) read."
    assert lines[1] == ("Columns: Anrede → name prefix, Vorname → first name, Weitere Vornamen → middle name, "
                        "Nachname → last name, Firma → company, Position → job title, Telefon geschäftlich → phone, "
                        "Mobiltelefon → phone, E-Mail-Adresse → e-mail, Notizen → note")
    assert lines[2] == "Not imported (2): Fax geschäftlich, E-Mail: Angezeigter Name"
    assert "➕ New contacts: 2" in lines
    assert "👥 Already in the CRM: 2 (by e-mail 1, phone 1, name 0): merge them in, or skip them?" in lines
    assert "⛔ Rejected: 1 - no name: 1 (rows 5)" in lines
    assert "⚠️ Kept without the invalid value: invalid e-mail: 1 (rows 6); invalid phone: 1 (rows 6)" in lines
    assert "• Jörg Müller · Bäckerei Müller KG · joerg@mueller.de · +491712345678" in lines
    assert [b.label for row in preview.buttons for b in row] == [
        "📥 Import 2, merge 2", "📥 Import 2, skip duplicates", "Cancel"]
    assert chat.count(Contact) == 2 and chat.count(AuditEntry) == audit_before
    assert chat.count(PendingImport) == 1


def test_confirm_skip_writes_new_contacts_with_source_notes_and_companies(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme GmbH, anna@acme.de")
    send_file(chat, "Kontakte.csv", OUTLOOK_DE.encode("cp1252"))
    done = chat.press("skip duplicates")
    assert done.text == "📥 Kontakte.csv: 3 new contact(s), 0 merged into existing ones, 1 skipped."
    assert done.changed
    people = {p.name: p for p in chat.rows(Contact)}
    joerg, eva = people["Jörg Müller"], people["Eva Maria Klein"]
    assert (joerg.email, joerg.phone, joerg.source) == ("joerg@mueller.de", "+491712345678", "import:Kontakte.csv")
    assert (eva.email, eva.phone) == (None, None)
    card = chat.say("/show jörg").text
    assert "📥 Source: import of Kontakte.csv · 25 Nov 2026" in card
    assert "Mag Brezeln; ruft oft an" in card  # the quoted newline survived
    assert "📞 +49 171 2345678 (mobile)\n📞 +49 89 1234567 (work)" in card  # the second phone is a real one
    assert "💼 Inhaber" in card
    assert (joerg.name_prefix, joerg.given_name, joerg.family_name) == ("Herr", "Jörg", "Müller")
    assert chat.count(PendingImport) == 0
    assert "Bäckerei Müller KG" in chat.say("/show bäckerei").text
    assert "Jörg Müller" in chat.say("/find mueller").text  # the name index knows the new contacts


def test_confirm_merge_fills_existing_contacts(chat: Chat) -> None:
    chat.say("/add Anna Schulz, anna@acme.de")
    chat.say("/add Tom Becker, +49 40 3344556, tom@nordlicht.de")
    send_file(chat, "Kontakte.csv", OUTLOOK_DE.encode("cp1252"))
    done = chat.press("merge 2")
    assert done.text == "📥 Kontakte.csv: 2 new contact(s), 2 merged into existing ones, 0 skipped."
    people = {p.name: p for p in chat.rows(Contact)}
    assert len(people) == 4
    assert "Acme GmbH" in chat.say("/show anna").text  # an empty company was filled in
    assert "Nordlicht AG" in chat.say("/show tom").text
    assert people["Anna Schulz"].source == "manual"


def test_undo_takes_the_whole_import_back(chat: Chat) -> None:
    send_file(chat, "Kontakte.csv", OUTLOOK_DE.encode("cp1252"))
    chat.press("Import 4")
    assert chat.count(Contact) == 4 and chat.count(Interaction) == 1
    chat.say("/undo")
    assert (chat.count(Contact), chat.count(Company), chat.count(Interaction)) == (0, 0, 0)
    assert 'nothing matching "jörg"' in chat.say("/show jörg").text


def test_google_export_utf8_bom_with_multiple_values_in_a_cell(chat: Chat) -> None:
    send_file(chat, "contacts.csv", b"\xef\xbb\xbf" + GOOGLE.encode("utf-8"))
    assert "First Name → first name" in chat.last.text  # type: ignore[union-attr]
    chat.press("Import 2")
    lena = chat.rows(Contact)[0]
    assert (lena.name, lena.email, lena.phone) == ("Lena Braun", "lena@solaris.de", "+4915123456789")
    assert "✉️ lena.braun@gmail.com" in chat.say("/show lena").text
    assert "💼 CEO" in chat.last.text  # type: ignore[union-attr]


def test_plain_file_without_header_line(chat: Chat) -> None:
    text = "Anna Schulz,anna@acme.de,+49 170 1234567,Acme GmbH\nBob Stone,bob@globex.com,,Globex\n"
    preview = send_file(chat, "list.csv", text.encode())
    assert "No header line: columns recognized from their values." in preview.text
    chat.press("Import 2")
    assert [(p.name, p.email) for p in chat.rows(Contact)] == [("Anna Schulz", "anna@acme.de"),
                                                           ("Bob Stone", "bob@globex.com")]


def test_rows_sharing_an_email_are_combined(chat: Chat) -> None:
    text = "Name;E-Mail;Telefon\nAnna Schulz;anna@acme.de;\nA. Schulz;ANNA@acme.de;+49 170 1234567\n"
    preview = send_file(chat, "a.csv", text.encode())
    assert "🔗 Combined with an earlier row of the same e-mail or phone: 1" in preview.text
    chat.press("Import 1")
    [anna] = chat.rows(Contact)
    assert (anna.name, anna.phone) == ("Anna Schulz", "+491701234567")


def test_vcards_many_per_file(chat: Chat) -> None:
    preview = send_file(chat, "export.vcf", VCARDS.encode("utf-8"))
    assert preview.text.splitlines()[0] == "📥 export.vcf: vCard, 3 record(s) read."
    assert "⛔ Rejected: 1 - no name: 1 (cards 3)" in preview.text
    chat.press("Import 2")
    joerg, anna = chat.rows(Contact)
    assert (joerg.name, joerg.email, joerg.phone) == ("Jörg Müller", "joerg@mueller.de", "+491712345678")
    assert "Bäckerei Müller KG" in chat.say("/show jörg").text
    assert "Met at the fair, booth 12" in chat.say("/show anna").text


def test_vcard_with_a_broken_photo_imports_and_a_card_missing_its_end_still_counts(chat: Chat) -> None:
    cards = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Schulz\r\nPHOTO;ENCODING=b;TYPE=JPEG:!!not base64\r\n"
             " more\r\nEMAIL:anna@acme.de\r\nEND:VCARD\r\n"
             "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob\r\nBEGIN:VCARD\r\nEND:VCARD\r\n")
    preview = send_file(chat, "phone.vcf", cards.encode())
    assert "Rejected" not in preview.text
    chat.press("Import 2")
    assert [(p.name, p.email) for p in chat.rows(Contact)] == [("Anna Schulz", "anna@acme.de"), ("Bob", None)]


def test_import_of_ten_thousand_rows(chat: Chat) -> None:
    lines = ["Name,Email,Phone,Company"] + [f"Person{i:05d} Test,p{i}@example.de,+49170{i:07d},Firm {i % 50}"
                                            for i in range(10_000)]
    preview = send_file(chat, "big.csv", "\n".join(lines).encode())
    assert "➕ New contacts: 10000" in preview.text
    chat.press("Import 10000")
    assert (chat.count(Contact), chat.count(Company)) == (10_000, 50)
    assert chat.count(AuditEntry) == 10_050


def test_a_failing_import_writes_nothing(chat: Chat, monkeypatch: pytest.MonkeyPatch) -> None:
    preview = send_file(chat, "Kontakte.csv", OUTLOOK_DE.encode("cp1252"))

    def broken(*_args: object, **_kwargs: object) -> list[int]:
        raise RuntimeError("disk full")

    monkeypatch.setattr(importing, "merge_all", broken)  # fails after the contacts were inserted
    assert chat.press("Import 4", preview).text.startswith("Sorry")
    assert (chat.count(Contact), chat.count(Company), chat.count(AuditEntry)) == (0, 0, 0)
    monkeypatch.undo()
    assert chat.press("Import 4", preview).text.startswith("📥 Kontakte.csv: 4 new")  # the import was still waiting


def test_cancel_expiry_and_other_members(chat: Chat) -> None:
    preview = send_file(chat, "Kontakte.csv", OUTLOOK_DE.encode("cp1252"))
    other = Chat(chat.crm, user="rep2")
    assert "expired" in other.say(preview.buttons[0][0].command or "").text
    chat.later(days=2)
    assert "expired" in chat.press("Import 4", preview).text
    chat.later(days=-2)
    preview = send_file(chat, "Kontakte.csv", OUTLOOK_DE.encode("cp1252"))
    assert chat.press("Cancel", preview).text == "Import of Kontakte.csv cancelled. Nothing was saved."
    assert "expired" in chat.press("Import 4", preview).text
    assert (chat.count(Contact), chat.count(PendingImport)) == (0, 0)


@pytest.mark.parametrize(("filename", "content", "message"), [
    ("empty.csv", b"", "empty.csv is empty."),
    ("bom.csv", b"\xef\xbb\xbf\r\n\r\n", "bom.csv is empty."),
    ("header-only.csv", b"Name;E-Mail\r\n", "header-only.csv is empty."),
    ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.csv is not a CSV or vCard file."),
    ("contacts.xlsx", b"PK\x03\x04\x14\x00\x06\x00", "contacts.xlsx is not a CSV or vCard file."),
    ("wide.csv", b"Name" + b",x" * 1_000_000 + b"\nAnna,1\n", "wide.csv has 1000001 columns; I read at most 1000."),
    ("noname.vcf", b"BEGIN:VCARD\r\nVERSION:3.0\r\nTEL:+49 170 1234567\r\nEND:VCARD\r\n",
     "No contact in noname.vcf can be imported: no name: 1 (cards 1)."),
    ("notes.vcf", b"just some text", "notes.vcf holds no vCard"),
    ("prices.csv", b"Product;Price\nWidget;12\n", "I found no name column in prices.csv."),
    ("huge-field.csv", b'Name,Notes\nAnna,"' + b"x" * 200_000 + b'"\n', "I couldn't read huge-field.csv as CSV"),
])
def test_broken_files_give_a_clear_error_and_write_nothing(chat: Chat, filename: str, content: bytes,
                                                           message: str) -> None:
    reply = send_file(chat, filename, content)
    assert message in reply.text and reply.text.endswith("Nothing was saved.")
    assert not reply.buttons
    assert nothing_written(chat)


def test_size_and_row_limits(chat: Chat, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(import_formats, "MAX_ROWS", 3)
    text = "Name\n" + "\n".join(f"Person {i}" for i in range(4))
    assert "big.csv has more than 3 rows" in send_file(chat, "big.csv", text.encode()).text
    monkeypatch.setattr(import_formats, "MAX_BYTES", 10)
    assert "is too large to import (more than 0 MB)" in send_file(chat, "big.csv", text.encode()).text
    assert nothing_written(chat)


def test_german_member_gets_german_preview(chat: Chat) -> None:
    chat.language = "de"
    chat.say("/hilfe")
    preview = send_file(chat, "Kontakte.csv", OUTLOOK_DE.encode("cp1252"))
    assert "Spalten: Anrede → Anrede, Vorname → Vorname" in preview.text
    assert "⛔ Abgelehnt: 1 - kein Name: 1 (Zeilen 5)" in preview.text
    done = chat.press("4 Kontakt(e) importieren")
    assert done.text.startswith("📥 Kontakte.csv: 4 neue(r) Kontakt(e)")
    assert "📞 +49 89 1234567 (geschäftlich)" in chat.say("/zeige jörg").text


def test_import_file_for_the_command_line(chat: Chat, tmp_path: Path) -> None:
    path = tmp_path / "Kontakte.csv"
    path.write_bytes(OUTLOOK_DE.encode("cp1252"))
    dry = chat.crm.import_file(path, chat.workspace, chat.user, dry_run=True)
    assert "➕ New contacts: 4" in dry and chat.count(Contact) == 0
    result = chat.crm.import_file(path, chat.workspace, chat.user)
    assert result.endswith("📥 Kontakte.csv: 4 new contact(s), 0 merged into existing ones, 0 skipped.")
    assert "Anna Schulz" in chat.say("/show anna").text  # the running engine's name index sees the import
    again = chat.crm.import_file(path, chat.workspace, chat.user, duplicates="merge")
    assert again.endswith("0 new contact(s), 4 merged into existing ones, 0 skipped.")
    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"")
    with pytest.raises(ImportFailed, match="broken.csv is empty"):
        chat.crm.import_file(broken, chat.workspace, chat.user)
    assert chat.count(Contact) == 4


# --- export -------------------------------------------------------------------------------------


def fill(chat: Chat) -> None:
    chat.say("/add Anna Schulz, Acme GmbH, anna@acme.de, +49 170 1234567")
    chat.say("/add Jörg Müller, Bäckerei Müller KG, +49 89 12345678")
    chat.say("/add =HYPERLINK(evil), bob@globex.com")
    chat.say("/task call Anna tomorrow 9am")
    chat.say("/task send the contract to jörg")
    chat.say("/deal Acme rollout 12.5k EUR proposal #1")


def test_export_contacts_csv(chat: Chat) -> None:
    fill(chat)
    reply = chat.say("/export contacts csv")
    assert reply.text == "📤 3 contact(s): contacts-2026-11-25.csv"
    assert reply.file is not None and reply.file.mime_type == "text/csv"
    assert reply.file.content.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(reply.file.content.decode("utf-8-sig"))))
    assert {key: value for key, value in table[0].items() if value} == {
        "Name": "Anna Schulz", "Company": "Acme GmbH", "E-mail 1 - Type": "other", "E-mail 1 - Value": "anna@acme.de",
        "Phone 1 - Type": "other", "Phone 1 - Value": "+491701234567", "Source": "manual",
        "Created": "2026-11-25T10:30:00Z"}
    assert table[1]["Name"] == "Jörg Müller"
    assert table[2]["Name"] == "'=HYPERLINK(evil)"  # a spreadsheet shows it, it does not run it
    assert (safe_cell("+491701234567"), safe_cell("-12"), safe_cell("+cmd|x")) == ("+491701234567", "-12", "'+cmd|x")


def test_export_contacts_vcard_and_deals_csv(chat: Chat) -> None:
    fill(chat)
    reply = chat.say("/exportieren kontakte vcf")
    assert reply.file is not None and reply.file.filename == "contacts-2026-11-25.vcf"
    cards = list(vobject.readComponents(reply.file.content.decode("utf-8")))
    assert [(c.fn.value, c.n.value.family, c.n.value.given) for c in cards[:2]] == [
        ("Anna Schulz", "Schulz", "Anna"), ("Jörg Müller", "Müller", "Jörg")]
    assert (cards[0].email.value, cards[0].tel.value, cards[0].org.value) == (
        "anna@acme.de", "+491701234567", ["Acme GmbH"])
    deals = chat.say("/export deals")
    assert deals.file is not None
    [row] = list(csv.DictReader(io.StringIO(deals.file.content.decode("utf-8-sig"))))
    assert (row["Deal"], row["Title"], row["Stage"], row["Value"], row["Currency"], row["Contact"],
            row["Company"]) == ("#1", "Acme rollout", "proposal", "12500.00", "EUR", "Anna Schulz", "Acme GmbH")


def test_export_open_tasks_as_icalendar(chat: Chat) -> None:
    fill(chat)
    chat.say("/task done task tomorrow 10am")
    chat.say("/done 3")
    reply = chat.say("/export tasks ics")
    assert reply.text == "📤 2 open task(s): tasks-2026-11-25.ics"
    calendar = icalendar.Calendar.from_ical(reply.file.content)  # type: ignore[union-attr]
    [event] = calendar.walk("VEVENT")
    assert str(event["summary"]) == "call Anna"
    assert event.decoded("dtstart").isoformat() == "2026-11-26T08:00:00+00:00"  # 9:00 in Berlin
    assert "Anna Schulz" in str(event["description"])
    [todo] = calendar.walk("VTODO")
    assert str(todo["summary"]) == "send the contract to jörg"


def test_export_asks_for_a_known_format(chat: Chat) -> None:
    assert "/export contacts csv|vcf" in chat.say("/export deals vcf").text
    assert "/export contacts csv|vcf" in chat.say("/export everything").text


def test_export_then_import_into_an_empty_workspace_gives_the_same_contacts(chat: Chat) -> None:
    fill(chat)
    chat.say("/add Lena Braun")
    fresh = Chat(chat.crm, workspace="console:fresh", user="rep9")
    for fmt in ("csv", "vcf"):
        exported = chat.say(f"/export contacts {fmt}").file
        assert exported is not None
        fresh.workspace = f"console:fresh-{fmt}"
        send_file(fresh, exported.filename, exported.content)
        fresh.press("Import 4")
        again = fresh.say(f"/export contacts {fmt}").file
        assert again is not None
        if fmt == "csv":
            strip = [row[:4] for row in csv.reader(io.StringIO(exported.content.decode("utf-8-sig")))]
            assert [row[:4] for row in csv.reader(io.StringIO(again.content.decode("utf-8-sig")))] == strip
        else:
            def people(data: bytes) -> list[tuple[str, ...]]:
                return [(c.fn.value, getattr(c, "email", None) and c.email.value,
                         getattr(c, "tel", None) and c.tel.value, getattr(c, "org", None) and c.org.value[0])
                        for c in vobject.readComponents(data.decode())]
            assert people(again.content) == people(exported.content)


def test_export_file_for_the_command_line(chat: Chat) -> None:
    fill(chat)
    name, content = chat.crm.export_file(chat.workspace, "deals", "csv")
    assert name == "deals-2026-11-25.csv" and b"Acme rollout" in content
    with pytest.raises(ValueError, match="no workspace"):
        chat.crm.export_file("console:nobody", "contacts", "csv")
    with pytest.raises(ValueError, match="can't export tasks as csv"):
        chat.crm.export_file(chat.workspace, "tasks", "csv")


def test_pending_payload_is_compact_json(chat: Chat) -> None:
    send_file(chat, "Kontakte.csv", OUTLOOK_DE.encode("cp1252"))
    with Session(chat.crm.db.engine) as session:
        [pending] = session.exec(select(PendingImport)).all()
    data = json.loads(pending.payload)
    assert data["rows"][0][:4] == [2, "Jörg Müller", "joerg@mueller.de", "+491712345678"]
    assert data["rejected"] == {"no_name": [5]}
