"""Texts of field visits (a shared location, "at Acme", /near and the digest's visits), in English and German;
handlers/texts/catalogue/__init__.py adds them to its tables."""

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "location_hint": "📍 Location kept for 30 minutes: write \"at Acme\" (or \"at Acme, Anna\") to log a visit, "
                         "or /near for what is close by.",
        "visit_logged": "🚗 Visit at {company} logged",
        "visit_placed": "📍 {company} is now on the map at this location.",
        "visit_already": "You already logged a visit at {company} from this location.",
        "near_needs_location": "Share your location first (📎 → Location), then send /near again.",
        "near_none": "Nothing within {km} km of your location.",
        "near_header": "📍 Within {km} km, nearest first:",
        "near_line": "{icon} {name} · {km} km · open tasks: {tasks} · {visit}",
        "near_last_visit": "last visit {when}",
        "near_never_visited": "not visited yet",
        "field_radius": "radius",
        "digest_visits": "🚗 Visits yesterday: {count} ({names})",
    },
    "de": {
        "location_hint": "📍 Standort für 30 Minuten gemerkt: schreib \"bei Acme\" (oder \"bei Acme, Anna\"), um einen "
                         "Besuch zu erfassen, oder /naehe für das, was in der Nähe ist.",
        "visit_logged": "🚗 Besuch bei {company} erfasst",
        "visit_placed": "📍 {company} steht jetzt an diesem Ort auf der Karte.",
        "visit_already": "Du hast von diesem Standort aus schon einen Besuch bei {company} erfasst.",
        "near_needs_location": "Teile zuerst deinen Standort (📎 → Standort) und sende dann /naehe noch einmal.",
        "near_none": "Nichts im Umkreis von {km} km um deinen Standort.",
        "near_header": "📍 Im Umkreis von {km} km, das Nächste zuerst:",
        "near_line": "{icon} {name} · {km} km · offene Aufgaben: {tasks} · {visit}",
        "near_last_visit": "letzter Besuch {when}",
        "near_never_visited": "noch nicht besucht",
        "field_radius": "Umkreis",
        "digest_visits": "🚗 Besuche gestern: {count} ({names})",
    },
}

USAGE: dict[str, dict[str, str]] = {
    "near": {"en": "/near [km] - companies and contacts near your shared location (default 10 km), with open tasks "
                   "and the last visit; share a location, then \"at Acme\" logs a visit",
             "de": "/naehe [km] - Firmen und Kontakte nahe deinem geteilten Standort (Standard 10 km), mit offenen "
                   "Aufgaben und letztem Besuch; Standort teilen, dann erfasst \"bei Acme\" einen Besuch"},
}
