"""Texts of the capture from business cards and e-mail, in English and German; handlers/texts/catalogue adds them."""

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "card_preview": "📇 I read this business card:",
        "card_confirm": "Save it as a contact?",
        "card_unreadable": "I couldn't read a card in this photo. The photo is kept: write a contact's name "
                           "to file it there.",
        "card_no_ocr": "I can't read business cards here: the text recognition (Tesseract) is not installed. "
                       "The photo is kept: write a contact's name to file it there.",
        "card_which_field": "Which field should I fix?",
        "card_ask_field": "What is the right {field}? Write it.",
        "card_cancelled": "Cancelled: no contact saved. The photo is kept: write a contact's name to file it "
                          "there.",
        "card_duplicate": "This card looks like a contact you already have: {existing}.",
        "card_note": "From a business card:",
        "card_saved": "👤 Contact saved from the card: {name}. The photo is on the contact.",
        "card_added_to": "📇 The card's details went to {name}; what differs is a note. The photo is on the "
                         "contact.",
        "card_nothing": "(nothing)",
        "card_field_name": "name", "card_field_title": "title", "card_field_company": "company",
        "card_field_email": "e-mail", "card_field_phone": "phone", "card_field_website": "website",
        "card_field_address": "address",
        "button_save": "💾 Save", "button_fix": "✏️ Fix a field", "button_add_to": "➕ Add to {name}",
        "mail_address_set": "✉️ Mails you forward or BCC to the team mailbox from {address} are filed here.",
        "mail_address_off": "✉️ Mails are no longer filed for you.",
        "mail_address_show": "✉️ Your mail address for the team mailbox: {address}.",
        "mail_address_none": "✉️ No mail address set. Write /myemail anna@acme.example, then forward or BCC "
                             "e-mails to the team mailbox.",
        "mail_address_taken": "{address} is already another member's mail address in this workspace.",
        "mail_filed": "✉️ E-mail filed: \"{subject}\"",
        "mail_filed_on": "Logged on: {names}",
        "mail_files": "📎 {count} attachment(s) kept on the contacts.",
        "mail_nobody": "None of its people is a contact yet.",
        "mail_new_people": "New people — add them as contacts?",
        "button_add_person": "➕ {name}",
        "button_unfile": "↩️ Not for {name}",
        "mail_no_subject": "(no subject)",
    },
    "de": {
        "card_preview": "📇 Das steht auf der Visitenkarte:",
        "card_confirm": "Als Kontakt speichern?",
        "card_unreadable": "Auf diesem Foto konnte ich keine Visitenkarte lesen. Das Foto bleibt gespeichert: "
                           "schreib einen Kontaktnamen, um es dort abzulegen.",
        "card_no_ocr": "Visitenkarten kann ich hier nicht lesen: die Texterkennung (Tesseract) ist nicht "
                       "installiert. Das Foto bleibt gespeichert: schreib einen Kontaktnamen, um es dort abzulegen.",
        "card_which_field": "Welches Feld soll ich korrigieren?",
        "card_ask_field": "Wie lautet {field} richtig? Schreib es.",
        "card_cancelled": "Abgebrochen: kein Kontakt gespeichert. Das Foto bleibt gespeichert: schreib einen "
                          "Kontaktnamen, um es dort abzulegen.",
        "card_duplicate": "Diese Karte sieht aus wie ein vorhandener Kontakt: {existing}.",
        "card_note": "Von der Visitenkarte:",
        "card_saved": "👤 Kontakt von der Karte gespeichert: {name}. Das Foto liegt beim Kontakt.",
        "card_added_to": "📇 Die Angaben der Karte sind bei {name}; was abweicht, steht in einer Notiz. Das Foto "
                         "liegt beim Kontakt.",
        "card_nothing": "(nichts)",
        "card_field_name": "Name", "card_field_title": "Position", "card_field_company": "Firma",
        "card_field_email": "E-Mail", "card_field_phone": "Telefon", "card_field_website": "Website",
        "card_field_address": "Adresse",
        "button_save": "💾 Speichern", "button_fix": "✏️ Feld korrigieren", "button_add_to": "➕ Zu {name}",
        "mail_address_set": "✉️ Mails, die du von {address} an das Team-Postfach weiterleitest oder in BCC "
                            "setzt, werden hier abgelegt.",
        "mail_address_off": "✉️ Für dich werden keine Mails mehr abgelegt.",
        "mail_address_show": "✉️ Deine Mail-Adresse für das Team-Postfach: {address}.",
        "mail_address_none": "✉️ Keine Mail-Adresse gesetzt. Schreib /meinemail anna@acme.example und leite "
                             "dann E-Mails an das Team-Postfach weiter oder setz es in BCC.",
        "mail_address_taken": "{address} ist in diesem Workspace schon die Mail-Adresse eines anderen Mitglieds.",
        "mail_filed": "✉️ E-Mail abgelegt: \"{subject}\"",
        "mail_filed_on": "Eingetragen bei: {names}",
        "mail_files": "📎 {count} Anhang/Anhänge bei den Kontakten gespeichert.",
        "mail_nobody": "Noch niemand davon ist ein Kontakt.",
        "mail_new_people": "Neue Personen — als Kontakte anlegen?",
        "button_add_person": "➕ {name}",
        "button_unfile": "↩️ Nicht für {name}",
        "mail_no_subject": "(kein Betreff)",
    },
}

USAGE: dict[str, dict[str, str]] = {
    "scan": {"en": "/scan 3 save|cancel|fix - the business card read from a photo (send a photo without caption)",
             "de": "/visitenkarte 3 speichern|abbrechen|korrigieren - die Visitenkarte von einem Foto (Foto ohne "
                   "Bildunterschrift senden)"},
    "myemail": {"en": "/myemail anna@acme.example|off - your address, so mails you forward to the team mailbox "
                      "are filed",
                "de": "/meinemail anna@acme.example|aus - deine Adresse, damit weitergeleitete Mails abgelegt "
                      "werden"},
}
