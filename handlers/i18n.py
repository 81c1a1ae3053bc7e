"""Every user-facing text, in English and German."""

from handlers.errors import CrmError

LANGUAGES = ("en", "de")

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "welcome": "Hi {name}! I'm crmbot, your CRM in chat. Your time zone is {tz}: pick another below or "
                   "send /tz <city>. Try: /add Anna Schulz, Acme GmbH, anna@acme.de - or just write "
                   "\"met Anna Schulz from Acme, wants a demo next tuesday 10am\". /help lists everything.",
        "sorry": "Sorry, something went wrong on my side. Nothing was changed; please try again.",
        "empty": "I got an empty message. Write /help to see what I can do.",
        "too_long": "That message is too long for me (more than {limit} characters). Nothing was saved.",
        "usage": "Not quite. {usage}",
        "unknown_command": "I don't know the command /{command}. /help lists the commands.",
        "not_found": "I found nothing matching \"{query}\".",
        "record_gone": "That record no longer exists (it was deleted or merged). Nothing was changed.",
        "ambiguous": "Which one do you mean by \"{query}\"?",
        "bad_date": "I couldn't read \"{text}\" as a date. Try e.g. \"tomorrow 9am\", \"friday 14:00\" or \"3.12. 10:00\".",
        "invalid_value": "The {field} \"{value}\" was not saved: {reason}.",
        "nothing_to_undo": "There is nothing of yours to undo.",
        "undo_blocked": "I can't undo that: later changes depend on it. Nothing was changed.",
        "expired": "That button has expired or was already used. Nothing was changed.",
        "not_understood": "I didn't catch a contact or a date in that. Try \"met Anna Schulz from Acme, "
                          "call back friday 10am\", or /help.",
        "field_email": "e-mail", "field_phone": "phone number", "field_name": "name", "field_company": "company",
        "field_note": "note", "field_task": "task", "field_value": "value", "field_stage": "stage (one of)",
        "field_language": "language (one of)", "field_timezone": "time zone (e.g.)",
        "contact_added": "👤 Added {name}.",
        "contact_updated": "👤 Updated {name}.",
        "contact_deleted": "🗑 Deleted {name} with their notes and tasks.",
        "confirm_delete": "Delete {name} with all their notes and tasks? Deals are kept.",
        "duplicate_warning": "\"{name}\" looks like a contact you already have: {existing}.",
        "company_added": "🏢 Added {name}.",
        "company_exists": "🏢 {name} already exists.",
        "company_people": "{count} contact(s)",
        "contacts_header": "Contacts ({shown} of {total}, recently active first):",
        "no_contacts": "No contacts yet. Add one: /add Anna Schulz, Acme GmbH",
        "interaction_logged": "{kind} saved on {name}.",
        "kind_note": "📝 Note", "kind_call": "📞 Call", "kind_meeting": "🤝 Meeting", "kind_email": "✉️ E-mail",
        "ask_note": "What should I note on {name}? Just write it.",
        "ask_task": "What's the task, and when? e.g. \"call back friday 10am\"",
        "ask_deal": "Which deal? e.g. \"rollout 12k proposal\"",
        "ask_date": "When should \"{title}\" be due? Write a date, e.g. \"monday 9am\".",
        "history": "History:",
        "no_history": "No history yet.",
        "close_date": "Expected to close: {date}",
        "task_added": "⏰ Task #{id}: {title} · {when}",
        "task_added_no_date": "⏰ Task #{id}: {title} · no due date recognized. When is it due?",
        "task_done": "✅ Done: #{id} {title}",
        "task_already_done": "#{id} {title} is already done.",
        "task_moved": "⏰ #{id} {title} is now due {when}.",
        "tasks_overdue": "🔴 Overdue:", "tasks_today": "📅 Today:", "tasks_upcoming": "🗓 Next 7 days:",
        "tasks_undated": "📌 No date:",
        "no_tasks": "No open tasks. 🎉",
        "follow_up": "Follow up with {name}",
        "captured_contact_new": "👤 New contact: {name}",
        "captured_contact": "👤 Contact: {name}",
        "captured_note": "📝 Note saved",
        "captured_task": "⏰ Task: {title} · {when}",
        "deal_added": "💼 Deal {title}: {value} · {stage} ({probability}%)",
        "deal_moved": "💼 {title} moved to {stage} ({probability}%).",
        "deal_won": "🎉 {title} won: {value}!",
        "deal_already_in_stage": "💼 {title} is already in {stage}.",
        "deals_header": "Open deals, largest first:",
        "no_deals": "No deals yet. Create one: /deal Acme rollout 12k EUR proposal",
        "pipeline_header": "📊 Pipeline",
        "pipeline_line": "{stage}: {count} · {value} (weighted {weighted})",
        "pipeline_total": "Open total: {value} · weighted forecast {weighted}",
        "stage_lead": "Lead", "stage_qualified": "Qualified", "stage_proposal": "Proposal",
        "stage_negotiation": "Negotiation", "stage_won": "Won", "stage_lost": "Lost",
        "find_header": "Results for \"{query}\":",
        "find_nothing": "Nothing found for \"{query}\".",
        "undone": "↩️ Undone ({count} change(s)).",
        "language_set": "Language set to English.",
        "timezone_set": "Time zone set to {tz}.",
        "help_header": "Commands (/help <command> for details; German names work too):",
        "help_unknown": "No help for \"{topic}\". /help lists the commands.",
        "button_note": "📝 Note", "button_task": "⏰ Task", "button_deal": "💼 Deal", "button_call": "📞 Call",
        "button_email": "✉️ E-mail", "button_show": "👤 {name}", "button_merge": "Merge into it",
        "button_create_anyway": "Create anyway", "button_undo": "↩️ Undo", "button_undo_all": "↩️ Undo all",
        "button_done": "✅ Done", "button_done_id": "✅ #{id}", "button_snooze_hour": "⏰ +1 h",
        "button_tomorrow": "Tomorrow", "button_today": "Today", "button_next_week": "Next week",
        "button_other_date": "📅 Other date", "button_delete": "🗑 Delete", "button_keep": "Keep",
        "button_add_contact": "➕ Add contact \"{name}\"",
        "button_files": "📎 Files",
        "attach_which": "Which contact is this file for? Write a name.",
        "attached": "📎 File saved on {name}.",
        "no_files": "No files on {name} yet. Send a photo or document with the name as caption.",
        "files_header": "Files on {name}:",
        "ask_which_contact": "Which contact should this go to? Write a name.",
        "timezone_from_location": "Time zone set to {tz} from your location.",
    },
    "de": {
        "welcome": "Hallo {name}! Ich bin crmbot, dein CRM im Chat. Deine Zeitzone ist {tz}: wähle unten eine "
                   "andere oder sende /zeitzone <Stadt>. Probier: /neu Anna Schulz, Acme GmbH, anna@acme.de - oder "
                   "schreib einfach \"Anna Schulz von Acme anrufen morgen um 9\". /hilfe zeigt alles.",
        "sorry": "Entschuldige, bei mir ist etwas schiefgegangen. Nichts wurde geändert; bitte versuch es noch einmal.",
        "empty": "Die Nachricht war leer. Schreib /hilfe, um zu sehen, was ich kann.",
        "too_long": "Die Nachricht ist zu lang für mich (mehr als {limit} Zeichen). Nichts wurde gespeichert.",
        "usage": "Nicht ganz. {usage}",
        "unknown_command": "Den Befehl /{command} kenne ich nicht. /hilfe zeigt die Befehle.",
        "not_found": "Ich habe nichts zu \"{query}\" gefunden.",
        "record_gone": "Diesen Eintrag gibt es nicht mehr (gelöscht oder zusammengeführt). Nichts wurde geändert.",
        "ambiguous": "Wen oder was meinst du mit \"{query}\"?",
        "bad_date": "\"{text}\" konnte ich nicht als Datum lesen. Versuch z. B. \"morgen um 9\", \"Freitag 14 Uhr\" "
                    "oder \"3.12. 10:00\".",
        "invalid_value": "{field} \"{value}\" wurde nicht gespeichert: {reason}.",
        "nothing_to_undo": "Es gibt nichts von dir rückgängig zu machen.",
        "undo_blocked": "Das kann ich nicht rückgängig machen: spätere Änderungen bauen darauf auf. Nichts wurde "
                        "geändert.",
        "expired": "Dieser Knopf ist abgelaufen oder wurde schon benutzt. Nichts wurde geändert.",
        "not_understood": "Darin habe ich weder einen Kontakt noch ein Datum erkannt. Versuch \"Anna Schulz von "
                          "Acme anrufen morgen um 9\" oder /hilfe.",
        "field_email": "Die E-Mail", "field_phone": "Die Telefonnummer", "field_name": "Der Name",
        "field_company": "Die Firma", "field_note": "Die Notiz", "field_task": "Die Aufgabe",
        "field_value": "Der Betrag", "field_stage": "Die Phase (eine von)", "field_language": "Die Sprache (eine von)",
        "field_timezone": "Die Zeitzone (z. B.)",
        "contact_added": "👤 {name} angelegt.",
        "contact_updated": "👤 {name} aktualisiert.",
        "contact_deleted": "🗑 {name} mit Notizen und Aufgaben gelöscht.",
        "confirm_delete": "{name} mit allen Notizen und Aufgaben löschen? Deals bleiben erhalten.",
        "duplicate_warning": "\"{name}\" sieht aus wie ein vorhandener Kontakt: {existing}.",
        "company_added": "🏢 {name} angelegt.",
        "company_exists": "🏢 {name} gibt es schon.",
        "company_people": "{count} Kontakt(e)",
        "contacts_header": "Kontakte ({shown} von {total}, zuletzt aktive zuerst):",
        "no_contacts": "Noch keine Kontakte. Leg einen an: /neu Anna Schulz, Acme GmbH",
        "interaction_logged": "{kind} bei {name} gespeichert.",
        "kind_note": "📝 Notiz", "kind_call": "📞 Anruf", "kind_meeting": "🤝 Treffen", "kind_email": "✉️ E-Mail",
        "ask_note": "Was soll ich bei {name} notieren? Schreib es einfach.",
        "ask_task": "Was ist zu tun, und wann? z. B. \"zurückrufen Freitag 10 Uhr\"",
        "ask_deal": "Welcher Deal? z. B. \"Rollout 12k Angebot\"",
        "ask_date": "Wann ist \"{title}\" fällig? Schreib ein Datum, z. B. \"Montag 9 Uhr\".",
        "history": "Verlauf:",
        "no_history": "Noch kein Verlauf.",
        "close_date": "Voraussichtlicher Abschluss: {date}",
        "task_added": "⏰ Aufgabe #{id}: {title} · {when}",
        "task_added_no_date": "⏰ Aufgabe #{id}: {title} · kein Termin erkannt. Wann ist sie fällig?",
        "task_done": "✅ Erledigt: #{id} {title}",
        "task_already_done": "#{id} {title} ist schon erledigt.",
        "task_moved": "⏰ #{id} {title} ist jetzt fällig: {when}.",
        "tasks_overdue": "🔴 Überfällig:", "tasks_today": "📅 Heute:", "tasks_upcoming": "🗓 Nächste 7 Tage:",
        "tasks_undated": "📌 Ohne Termin:",
        "no_tasks": "Keine offenen Aufgaben. 🎉",
        "follow_up": "Nachfassen bei {name}",
        "captured_contact_new": "👤 Neuer Kontakt: {name}",
        "captured_contact": "👤 Kontakt: {name}",
        "captured_note": "📝 Notiz gespeichert",
        "captured_task": "⏰ Aufgabe: {title} · {when}",
        "deal_added": "💼 Deal {title}: {value} · {stage} ({probability} %)",
        "deal_moved": "💼 {title} ist jetzt in {stage} ({probability} %).",
        "deal_won": "🎉 {title} gewonnen: {value}!",
        "deal_already_in_stage": "💼 {title} ist schon in {stage}.",
        "deals_header": "Offene Deals, größte zuerst:",
        "no_deals": "Noch keine Deals. Leg einen an: /deal Acme Rollout 12k EUR Angebot",
        "pipeline_header": "📊 Pipeline",
        "pipeline_line": "{stage}: {count} · {value} (gewichtet {weighted})",
        "pipeline_total": "Offen gesamt: {value} · gewichtete Prognose {weighted}",
        "stage_lead": "Lead", "stage_qualified": "Qualifiziert", "stage_proposal": "Angebot",
        "stage_negotiation": "Verhandlung", "stage_won": "Gewonnen", "stage_lost": "Verloren",
        "find_header": "Treffer für \"{query}\":",
        "find_nothing": "Nichts gefunden für \"{query}\".",
        "undone": "↩️ Rückgängig gemacht ({count} Änderung(en)).",
        "language_set": "Sprache ist jetzt Deutsch.",
        "timezone_set": "Zeitzone ist jetzt {tz}.",
        "help_header": "Befehle (/hilfe <Befehl> für Details; englische Namen gehen auch):",
        "help_unknown": "Keine Hilfe zu \"{topic}\". /hilfe zeigt die Befehle.",
        "button_note": "📝 Notiz", "button_task": "⏰ Aufgabe", "button_deal": "💼 Deal", "button_call": "📞 Anrufen",
        "button_email": "✉️ E-Mail", "button_show": "👤 {name}", "button_merge": "Dort ergänzen",
        "button_create_anyway": "Trotzdem anlegen", "button_undo": "↩️ Rückgängig",
        "button_undo_all": "↩️ Alles rückgängig", "button_done": "✅ Erledigt", "button_done_id": "✅ #{id}",
        "button_snooze_hour": "⏰ +1 Std.", "button_tomorrow": "Morgen", "button_today": "Heute",
        "button_next_week": "Nächste Woche", "button_other_date": "📅 Anderer Termin", "button_delete": "🗑 Löschen",
        "button_keep": "Behalten", "button_add_contact": "➕ Kontakt \"{name}\" anlegen",
        "button_files": "📎 Dateien",
        "attach_which": "Zu welchem Kontakt gehört die Datei? Schreib einen Namen.",
        "attached": "📎 Datei bei {name} gespeichert.",
        "no_files": "Noch keine Dateien bei {name}. Schick ein Foto oder Dokument mit dem Namen als Bildunterschrift.",
        "files_header": "Dateien bei {name}:",
        "ask_which_contact": "Zu welchem Kontakt gehört das? Schreib einen Namen.",
        "timezone_from_location": "Zeitzone aus deinem Standort: {tz}.",
    },
}

USAGE: dict[str, dict[str, str]] = {
    "add": {"en": "/add Name, company, e-mail, phone - add a contact",
            "de": "/neu Name, Firma, E-Mail, Telefon - Kontakt anlegen"},
    "company": {"en": "/company Name - add a company", "de": "/firma Name - Firma anlegen"},
    "edit": {"en": "/edit anna: email=anna@acme.de, phone=+49 170 1234567, company=Acme, name=Anna Schulz",
             "de": "/ändern anna: email=anna@acme.de, telefon=+49 170 1234567, firma=Acme, name=Anna Schulz"},
    "note": {"en": "/note anna: called, wants pricing - a note (also /call, /meeting, /email)",
             "de": "/notiz anna: angerufen, will Preise - Notiz (auch /anruf, /treffen, /mail)"},
    "show": {"en": "/show anna - card with the whole history (contacts, companies, deals)",
             "de": "/zeige anna - Karte mit dem ganzen Verlauf (Kontakte, Firmen, Deals)"},
    "contacts": {"en": "/contacts - list contacts", "de": "/kontakte - Kontakte auflisten"},
    "delete": {"en": "/delete anna - delete a contact (asks first)",
               "de": "/löschen anna - Kontakt löschen (fragt vorher)"},
    "task": {"en": "/task call Anna tomorrow 9am - a follow-up task with a date",
             "de": "/aufgabe Angebot an Acme schicken nächsten Dienstag 14 Uhr - Aufgabe mit Termin"},
    "tasks": {"en": "/tasks [today|overdue|upcoming] - open tasks",
              "de": "/aufgaben [heute|überfällig|demnächst] - offene Aufgaben"},
    "done": {"en": "/done 12 - mark task #12 done", "de": "/erledigt 12 - Aufgabe #12 erledigt"},
    "snooze": {"en": "/snooze 12 [1h|2 days|tomorrow] - push task #12 back (default 1 h)",
               "de": "/später 12 [1h|2 Tage|morgen] - Aufgabe #12 verschieben (Standard 1 Std.)"},
    "due": {"en": "/due 12 friday 10am - give task #12 a new date",
            "de": "/termin 12 Freitag 10 Uhr - neuer Termin für Aufgabe #12"},
    "deal": {"en": "/deal Acme rollout 12k EUR proposal - a deal with value, currency and stage",
             "de": "/deal Acme Rollout 12k EUR Angebot - Deal mit Betrag, Währung und Phase"},
    "deals": {"en": "/deals - open deals", "de": "/deals - offene Deals"},
    "stage": {"en": "/stage acme won - move a deal (lead, qualified, proposal, negotiation, won, lost)",
              "de": "/phase acme gewonnen - Deal verschieben (lead, qualifiziert, angebot, verhandlung, "
                    "gewonnen, verloren)"},
    "pipeline": {"en": "/pipeline - deals by stage with weighted forecast",
                 "de": "/pipeline - Deals nach Phase mit gewichteter Prognose"},
    "find": {"en": "/find schultz - search everything, typos welcome",
             "de": "/suche schultz - alles durchsuchen, Tippfehler erlaubt"},
    "undo": {"en": "/undo - undo your last change", "de": "/rückgängig - letzte Änderung zurücknehmen"},
    "files": {"en": "/files anna - photos and documents on a contact (send one with the name as caption)",
              "de": "/dateien anna - Fotos und Dokumente eines Kontakts (mit dem Namen als Bildunterschrift senden)"},
    "attach": {"en": "/attach 7 anna - put file 7 on a contact", "de": "/anhängen 7 anna - Datei 7 einem Kontakt zuordnen"},
    "lang": {"en": "/lang de|en - language", "de": "/sprache de|en - Sprache"},
    "tz": {"en": "/tz Europe/Berlin (or a city) - your time zone",
           "de": "/zeitzone Europe/Berlin (oder eine Stadt) - deine Zeitzone"},
    "help": {"en": "/help [command] - this list, or one command", "de": "/hilfe [Befehl] - diese Liste oder ein Befehl"},
}
USAGE_OF = {"call": "note", "meeting": "note", "email": "note"}
FREE_TEXT = {"en": "Or just write: met Anna Schulz from Acme, wants a demo next tuesday 10am",
             "de": "Oder schreib einfach: Anna Schulz von Acme anrufen morgen um 9"}


def language_of(hint: str | None) -> str:
    """"de-AT" gives "de"; anything unknown gives English."""
    code = (hint or "").split("-")[0].split("_")[0].casefold()
    return code if code in LANGUAGES else "en"


def t(language: str, key: str, **params: object) -> str:
    table = MESSAGES.get(language, MESSAGES["en"])
    template = table.get(key) or MESSAGES["en"][key]
    return template.format(**params)


def explain(language: str, error: CrmError) -> str:
    """The friendly sentence for a domain error."""
    params = dict(error.params)
    if error.key == "usage":
        command = str(params.get("command", ""))
        if command == "pick":
            return t(language, "expired")
        command = USAGE_OF.get(command, command)
        if params.get("unknown") or command not in USAGE:
            return t(language, "unknown_command", command=command[:30])
        return t(language, "usage", usage=USAGE[command][language])
    if error.key == "invalid_value":
        params["field"] = t(language, f"field_{params['field']}")
        params["reason"] = str(params["reason"]).rstrip(".")
    return t(language, error.key, **params)
