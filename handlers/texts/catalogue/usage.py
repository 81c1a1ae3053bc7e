"""The usage line of every command, as /help shows it, in English and German."""

USAGE: dict[str, dict[str, str]] = {
    "add": {"en": "/add Name, company, e-mail, phone - add a contact",
            "de": "/neu Name, Firma, E-Mail, Telefon - Kontakt anlegen"},
    "company": {"en": "/company Name - add a company", "de": "/firma Name - Firma anlegen"},
    "edit": {"en": "/edit anna: email=anna@acme.de, phone=+49 170 1234567, company=Acme, name=Anna Schulz, job=…, "
                   "department=…, birthday=12.04.1985, website=…, linkedin=…, street=…, postcode=…, city=…, "
                   "country=…, email home=…, phone mobile=…, Branche=… (your own fields); a company: /edit acme: "
                   "website=…, industry=…, size=…, phone=…; a deal: "
                   "/edit #deal:3 close=15.12., value=50k USD, stage=negotiation, owner=ben, probability=60, "
                   "title=…, contact=anna, company=acme, reason=…",
             "de": "/ändern anna: email=anna@acme.de, telefon=+49 170 1234567, firma=Acme, name=Anna Schulz, "
                   "titel=…, abteilung=…, geburtstag=12.04.1985, webseite=…, linkedin=…, straße=…, plz=…, ort=…, "
                   "land=…, email privat=…, telefon mobil=…, Branche=… (eure Felder); eine Firma: /ändern acme: "
                   "webseite=…, branche=…, größe=…, telefon=…; ein "
                   "Deal: /ändern #deal:3 abschluss=15.12., wert=50k USD, phase=verhandlung, zuständig=ben, "
                   "wahrscheinlichkeit=60, titel=…, kontakt=anna, firma=acme, grund=…"},
    "note": {"en": "/note anna: called, wants pricing - a note (also /call, /meeting, /email)",
             "de": "/notiz anna: angerufen, will Preise - Notiz (auch /anruf, /treffen, /mail)"},
    "show": {"en": "/show anna - card with the whole history (contacts, companies, deals)",
             "de": "/zeige anna - Karte mit dem ganzen Verlauf (Kontakte, Firmen, Deals)"},
    "contacts": {"en": "/contacts [page 2] - list contacts", "de": "/kontakte [seite 2] - Kontakte auflisten"},
    "delete": {"en": "/delete anna - delete a contact (asks first)",
               "de": "/löschen anna - Kontakt löschen (fragt vorher)"},
    "task": {"en": "/task call Anna tomorrow 9am - a follow-up task with a date",
             "de": "/aufgabe Angebot an Acme schicken nächsten Dienstag 14 Uhr - Aufgabe mit Termin"},
    "tasks": {"en": "/tasks [today|tomorrow|week|overdue|upcoming|undated] [mine|@ben] [page 2] - open tasks",
              "de": "/aufgaben [heute|morgen|woche|überfällig|demnächst|ohne] [meine|@ben] [seite 2] - offene Aufgaben"},
    "done": {"en": "/done 12 - mark task #12 done", "de": "/erledigt 12 - Aufgabe #12 erledigt"},
    "snooze": {"en": "/snooze 12 [1h|2 days|tomorrow] - push task #12 back (default 1 h)",
               "de": "/später 12 [1h|2 Tage|morgen] - Aufgabe #12 verschieben (Standard 1 Std.)"},
    "due": {"en": "/due 12 friday 10am - give task #12 a new date",
            "de": "/termin 12 Freitag 10 Uhr - neuer Termin für Aufgabe #12"},
    "deal": {"en": "/deal Acme rollout 12k EUR proposal close 15.12. - a deal with value, currency, stage and "
                   "close date",
             "de": "/deal Acme Rollout 12k EUR Angebot bis 15.12. - Deal mit Betrag, Währung, Phase und "
                   "Abschlussdatum"},
    "deals": {"en": "/deals [won|lost|stale|mine|<stage>|closing month|undated|@owner] [page 2] - deals, largest first",
              "de": "/deals [gewonnen|verloren|hängend|meine|<Phase>|abschluss monat|ohne datum|@Name] [seite 2] - "
                    "Deals, größte zuerst"},
    "stage": {"en": "/stage acme won - move a deal (lead, qualified, proposal, negotiation, won, lost; "
                    "/stage acme lost: too expensive keeps the reason)",
              "de": "/phase acme gewonnen - Deal verschieben (lead, qualifiziert, angebot, verhandlung, "
                    "gewonnen, verloren; /phase acme verloren: zu teuer behält den Grund)"},
    "pipeline": {"en": "/pipeline - deals by stage with weighted forecast",
                 "de": "/pipeline - Deals nach Phase mit gewichteter Prognose"},
    "find": {"en": "/find schultz - search everything, typos welcome",
             "de": "/suche schultz - alles durchsuchen, Tippfehler erlaubt"},
    "undo": {"en": "/undo - undo your last change", "de": "/rückgängig - letzte Änderung zurücknehmen"},
    "files": {"en": "/files anna - photos and documents on a contact (send one with the name as caption)",
              "de": "/dateien anna - Fotos und Dokumente eines Kontakts (mit dem Namen als Bildunterschrift senden)"},
    "attach": {"en": "/attach 7 anna - put file 7 on a contact", "de": "/anhängen 7 anna - Datei 7 einem Kontakt zuordnen"},
    "digest": {"en": "/digest [team|on|off|07:30|days 1-5] - your daily digest now, or when it comes",
               "de": "/bericht [team|an|aus|07:30|tage 1-5] - dein Tagesbericht jetzt, oder wann er kommt"},
    "duplicates": {"en": "/duplicates - likely duplicate contacts and companies, with buttons to merge them",
                   "de": "/dubletten - wahrscheinliche doppelte Kontakte und Firmen, mit Knöpfen zum Zusammenführen"},
    "merge": {"en": "/merge #12 #15 - merge contact 15 into 12 (notes, tasks, deals, files and fields move over; "
                    "undoable)",
              "de": "/zusammenführen #12 #15 - Kontakt 15 in 12 zusammenführen (Notizen, Aufgaben, Deals, Dateien "
                    "und Felder wandern mit; rückgängig machbar)"},
    "distinct": {"en": "/distinct #12 #15 - two different people: /duplicates stops pairing them",
                 "de": "/verschieden #12 #15 - zwei verschiedene Personen: /dubletten schlägt sie nicht mehr vor"},
    "compare": {"en": "/compare #12 #15 - two cards side by side", "de": "/vergleichen #12 #15 - zwei Karten nebeneinander"},
    "import": {"en": "send a CSV or vCard (.vcf) file to import contacts; you see a preview first, then "
                     "/import <number> merge|skip|cancel",
               "de": "schick eine CSV- oder vCard-Datei (.vcf), um Kontakte zu importieren; erst kommt eine Vorschau, "
                     "dann /importieren <Nummer> ergänzen|überspringen|abbrechen"},
    "export": {"en": "/export contacts csv|vcf, /export deals csv, /export tasks ics - as a file",
               "de": "/exportieren kontakte csv|vcf, /exportieren deals csv, /exportieren aufgaben ics - als Datei"},
    "privacy": {"en": "/privacy export anna - everything stored about a person (JSON); /privacy erase anna - "
                      "erase the person for good (asks first; not undoable)",
                "de": "/datenschutz auskunft anna - alles über eine Person (JSON); /datenschutz löschen anna - "
                      "die Person endgültig löschen (fragt vorher; nicht rückgängig zu machen)"},
    "history": {"en": "/history anna or /history #deal:3 - who changed what, and when",
                "de": "/verlauf anna oder /verlauf #deal:3 - wer wann was geändert hat"},
    "assign": {"en": "/assign 12 ben - give task #12 to a team member (they get its reminder)",
               "de": "/zuweisen 12 ben - Aufgabe #12 einem Teammitglied geben (es bekommt die Erinnerung)"},
    "team": {"en": "/team - the members and their roles", "de": "/team - die Mitglieder und ihre Rollen"},
    "role": {"en": "/role ben manager - owner, manager or rep (owners and managers only)",
             "de": "/rolle ben leitung - Inhaber, Leitung oder Vertrieb (nur Inhaber und Leitung)"},
    "lang": {"en": "/lang de|en - language", "de": "/sprache de|en - Sprache"},
    "tz": {"en": "/tz Europe/Berlin (or a city) - your time zone",
           "de": "/zeitzone Europe/Berlin (oder eine Stadt) - deine Zeitzone"},
    "region": {"en": "/region DE-BY - the country and region whose holidays dates use (\"Easter Monday\")",
               "de": "/region DE-BY - Land und Region für Feiertage in Daten (\"Ostermontag\")"},
    "help": {"en": "/help [command] - this list, or one command", "de": "/hilfe [Befehl] - diese Liste oder ein Befehl"},
}
