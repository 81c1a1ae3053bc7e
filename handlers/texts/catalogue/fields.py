"""Texts of custom fields (/field) and of /edit on every contact and company field, in English and German;
handlers/texts/catalogue/__init__.py adds them to its tables."""

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "fields_not_allowed": "Only owners and managers add or remove fields. Nothing was changed.",
        "field_exists": "There is already a field \"{name}\" on {entity}. Nothing was changed.",
        "field_built_in": "\"{name}\" is a built-in field of {entity}: set it with /edit. Nothing was changed.",
        "field_unknown": "There is no field \"{name}\". /field list shows the team's fields; /help edit the others. "
                         "Nothing was changed.",
        "field_added": "🏷 New field \"{name}\" on {entity} ({kind}). Set it with /edit <name>: {name}=…",
        "field_removed": "🗑 Field \"{name}\" removed, with its {count} values.",
        "fields_none": "No fields of your own yet. Add one: /field add Branche choice: Handel, Industrie",
        "fields_header": "🏷 Your fields:",
        "field_entity_contact": "contacts", "field_entity_company": "companies",
        "field_kind_text": "text", "field_kind_number": "number", "field_kind_date": "date",
        "field_kind_choice": "choice",
        "field_field_kind": "field kind", "field_field_name": "field name", "field_field_choices": "choices",
        "field_custom": "value", "field_label": "label", "field_website": "website", "field_birthday": "birthday",
        "field_rec_title": "job title", "field_rec_department": "department", "field_rec_industry": "industry",
        "field_rec_size": "size", "field_rec_street": "street", "field_rec_postcode": "postcode", "field_rec_city": "city",
        "field_rec_region": "region", "field_rec_country": "country",
        "why_field_kind": "a field is text, number, date or choice (a name of several words ends with its kind)",
        "why_field_name": "a name starts with a letter and has no = , ; : #, at most 60 characters",
        "why_field_choices": "a choice field needs its choices, e.g. choice: Handel, Industrie, Dienstleistung",
        "why_custom_number": "{name} takes a number, e.g. 1500 or 12.5",
        "why_custom_choice": "{name} is one of {choices}; did you mean {closest}?",
        "why_custom_date": "{name} takes a date, e.g. 12.03.2026 or next friday",
        "why_label": "a label is work, home, mobile, fax or other",
        "why_website": "that is no web address, e.g. acme.de or https://acme.de/team",
        "why_birthday": "that is no date, e.g. 12.04.1985 or 12.04. without the year",
        "ask_field_value": "{field} of {name}? Write it ({hint}); - clears it.",
        "target_custom": "custom field", "target_company_website": "company website",
        "target_company_industry": "company industry", "target_company_size": "company size",
        "target_company_phone": "company phone", "target_company_custom": "company's custom field",
    },
    "de": {
        "fields_not_allowed": "Nur Inhaber und Leitung legen Felder an oder entfernen sie. Nichts wurde geändert.",
        "field_exists": "Es gibt schon ein Feld \"{name}\" bei {entity}. Nichts wurde geändert.",
        "field_built_in": "\"{name}\" ist ein eingebautes Feld bei {entity}: setze es mit /ändern. "
                          "Nichts wurde geändert.",
        "field_unknown": "Es gibt kein Feld \"{name}\". /feld liste zeigt die Felder des Teams, /hilfe ändern die "
                         "übrigen. Nichts wurde geändert.",
        "field_added": "🏷 Neues Feld \"{name}\" bei {entity} ({kind}). Setzen mit /ändern <Name>: {name}=…",
        "field_removed": "🗑 Feld \"{name}\" entfernt, mit seinen {count} Werten.",
        "fields_none": "Noch keine eigenen Felder. Lege eins an: /feld neu Branche auswahl: Handel, Industrie",
        "fields_header": "🏷 Eure Felder:",
        "field_entity_contact": "Kontakten", "field_entity_company": "Firmen",
        "field_kind_text": "Text", "field_kind_number": "Zahl", "field_kind_date": "Datum",
        "field_kind_choice": "Auswahl",
        "field_field_kind": "Die Art", "field_field_name": "Der Feldname", "field_field_choices": "Die Auswahl",
        "field_custom": "Der Wert", "field_label": "Die Bezeichnung", "field_website": "Die Webseite",
        "field_birthday": "Der Geburtstag", "field_rec_title": "Die Berufsbezeichnung", "field_rec_department": "Die Abteilung",
        "field_rec_industry": "Die Branche", "field_rec_size": "Die Größe", "field_rec_street": "Die Straße",
        "field_rec_postcode": "Die PLZ", "field_rec_city": "Der Ort", "field_rec_region": "Die Region", "field_rec_country": "Das Land",
        "why_field_kind": "ein Feld ist text, zahl, datum oder auswahl (ein Name aus mehreren Wörtern endet mit "
                          "seiner Art)",
        "why_field_name": "ein Name beginnt mit einem Buchstaben, ohne = , ; : #, höchstens 60 Zeichen",
        "why_field_choices": "ein Auswahlfeld braucht seine Werte, z. B. auswahl: Handel, Industrie, Dienstleistung",
        "why_custom_number": "{name} nimmt eine Zahl, z. B. 1500 oder 12,5",
        "why_custom_choice": "{name} ist eins von {choices}; meintest du {closest}?",
        "why_custom_date": "{name} nimmt ein Datum, z. B. 12.03.2026 oder nächsten Freitag",
        "why_label": "eine Bezeichnung ist arbeit, privat, mobil, fax oder andere",
        "why_website": "das ist keine Webadresse, z. B. acme.de oder https://acme.de/team",
        "why_birthday": "das ist kein Datum, z. B. 12.04.1985 oder 12.04. ohne Jahr",
        "ask_field_value": "{field} von {name}? Schreib den Wert ({hint}); - leert das Feld.",
        "target_custom": "eigenes Feld", "target_company_website": "Webseite der Firma",
        "target_company_industry": "Branche der Firma", "target_company_size": "Größe der Firma",
        "target_company_phone": "Telefon der Firma", "target_company_custom": "eigenes Feld der Firma",
    },
}

USAGE: dict[str, dict[str, str]] = {
    "field": {"en": "/field add [company] Name [text|number|date|choice: a, b] - a field of your own; /field list; "
                    "/field remove [company] Name (owners and managers)",
              "de": "/feld neu [firma] Name [text|zahl|datum|auswahl: a, b] - ein eigenes Feld; /feld liste; "
                    "/feld entfernen [firma] Name (Inhaber und Leitung)"},
}
