"""Texts only the Slack channel shows (modals, App Home, the team feed), in English and German.

The engine's replies come from handlers/i18n.py; these are the words around them.
"""

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "sorry": "Sorry, something went wrong on my side. Please check with /crm find before you try again.",
        "feed_bound": "📣 Changes to contacts, deals and tasks will be posted in this channel.",
        "feed_announce": "📣 <@{user}> made this the team's CRM channel: changes to contacts, deals and tasks "
                         "show up here.",
        "feed_unbound": "The CRM channel is switched off.",
        "feed_failed": "I can't post in this channel. Invite me first (/invite @crmbot), then try again.",
        "title_contact": "New contact", "title_deal": "New deal", "title_task": "New task",
        "title_save": "Save to CRM", "submit": "Save", "cancel": "Cancel",
        "label_name": "Name", "label_company": "Company", "label_email": "E-mail", "label_phone": "Phone",
        "label_title": "Title", "label_value": "Value", "label_currency": "Currency", "label_stage": "Stage",
        "label_close": "Expected close",
        "label_contact": "Contact", "label_date": "Due date", "label_time": "Time", "label_note": "Note",
        "search_contact": "Type a name…",
        "save_from": "Message from <@{user}>",
        "save_hint": "Not in the CRM yet? Add the contact first: /crm new contact",
        "error_name": "Please enter a name with letters (at most 200 characters).",
        "error_email": "That is not a valid e-mail address ({reason}).",
        "error_phone": "That is not a valid phone number.",
        "error_comma": "Please leave out commas here.",
        "error_title_word": "\"{word}\" would be read as an amount, currency, stage or date: "
                            "please rephrase the title.",
        "error_reference": "\"{word}\" would be read as a contact: pick the contact below instead.",
        "error_value": "Enter a positive amount.",
        "error_date_past": "That is in the past.",
        "error_time_without_date": "Pick a date for this time.",
        "error_contact": "Pick a contact.",
        "error_note": "The note is empty.",
        "error_too_long": "That is too long (at most {limit} characters).",
        "home_tasks": "⏰ Open tasks",
        "home_pipeline": "📊 Team pipeline",
        "button_new_contact": "👤 New contact", "button_new_deal": "💼 New deal", "button_new_task": "⏰ New task",
    },
    "de": {
        "sorry": "Entschuldigung, bei mir ist etwas schiefgegangen. Bitte prüfe mit /crm suche, bevor du es "
                 "noch einmal versuchst.",
        "feed_bound": "📣 Änderungen an Kontakten, Deals und Aufgaben erscheinen ab jetzt in diesem Kanal.",
        "feed_announce": "📣 <@{user}> hat diesen Kanal zum CRM-Kanal des Teams gemacht: Änderungen an Kontakten, "
                         "Deals und Aufgaben erscheinen hier.",
        "feed_unbound": "Der CRM-Kanal ist ausgeschaltet.",
        "feed_failed": "Ich kann in diesem Kanal nicht schreiben. Lade mich zuerst ein (/invite @crmbot) und "
                       "versuch es dann noch einmal.",
        "title_contact": "Neuer Kontakt", "title_deal": "Neuer Deal", "title_task": "Neue Aufgabe",
        "title_save": "Im CRM speichern", "submit": "Speichern", "cancel": "Abbrechen",
        "label_name": "Name", "label_company": "Firma", "label_email": "E-Mail", "label_phone": "Telefon",
        "label_title": "Titel", "label_value": "Betrag", "label_currency": "Währung", "label_stage": "Phase",
        "label_close": "Voraussichtlicher Abschluss",
        "label_contact": "Kontakt", "label_date": "Fällig am", "label_time": "Uhrzeit", "label_note": "Notiz",
        "search_contact": "Namen eingeben…",
        "save_from": "Nachricht von <@{user}>",
        "save_hint": "Noch nicht im CRM? Lege den Kontakt zuerst an: /crm neu kontakt",
        "error_name": "Bitte gib einen Namen mit Buchstaben ein (höchstens 200 Zeichen).",
        "error_email": "Das ist keine gültige E-Mail-Adresse ({reason}).",
        "error_phone": "Das ist keine gültige Telefonnummer.",
        "error_comma": "Bitte hier keine Kommas verwenden.",
        "error_title_word": "\"{word}\" würde als Betrag, Währung, Phase oder Datum gelesen: "
                            "bitte formuliere den Titel um.",
        "error_reference": "\"{word}\" würde als Kontakt gelesen: wähle den Kontakt lieber unten aus.",
        "error_value": "Gib einen positiven Betrag ein.",
        "error_date_past": "Das liegt in der Vergangenheit.",
        "error_time_without_date": "Wähle für diese Uhrzeit auch ein Datum.",
        "error_contact": "Wähle einen Kontakt.",
        "error_note": "Die Notiz ist leer.",
        "error_too_long": "Das ist zu lang (höchstens {limit} Zeichen).",
        "home_tasks": "⏰ Offene Aufgaben",
        "home_pipeline": "📊 Pipeline des Teams",
        "button_new_contact": "👤 Neuer Kontakt", "button_new_deal": "💼 Neuer Deal",
        "button_new_task": "⏰ Neue Aufgabe",
    },
}


def t(language: str, key: str, **params: object) -> str:
    """The text in the language, falling back to English."""
    template = TEXTS.get(language, TEXTS["en"]).get(key) or TEXTS["en"][key]
    return template.format(**params)
