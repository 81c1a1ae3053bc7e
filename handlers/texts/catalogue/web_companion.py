"""Texts of /web (sign-in link, API tokens, calendar feed, webhooks), in English and German."""

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "web_link": "🌐 Your sign-in link (valid {minutes} minutes, works once):\n{link}",
        "button_open_web": "🌐 Open the web app",
        "web_off": "The web app is not set up here (WEB_PUBLIC_URL is missing).",
        "web_not_allowed": "Only owners and managers manage API tokens and webhooks. Nothing was changed.",
        "web_token_created": "🔑 New API token (shown only now, keep it safe):\n{token}\nDocs: {api}",
        "web_no_tokens": "No API tokens. Create one with /web token ERP.",
        "web_tokens_header": "🔑 API tokens:",
        "button_revoke": "Revoke #{id}",
        "web_token_revoked": "API token #{id} revoked: it no longer works.",
        "web_calendar": "📅 Your calendar feed (subscribe to it in your phone's calendar; keep it private):\n{link}\n"
                        "/web calendar again makes a new link, /web calendar off stops it.",
        "web_calendar_off": "📅 Your calendar feed links no longer work.",
        "web_hook_added": "🪝 Webhook #{id} sends changes to {url}.\nSigning secret (shown only now): {secret}",
        "web_no_hooks": "No webhooks. Add one with /web hook https://erp.example.com/crm.",
        "web_hooks_header": "🪝 Webhooks:",
        "web_dead_header": "Given up after repeated failures ({count}):",
        "web_hook_removed": "Webhook #{id} removed.",
        "api_in_use": "Other records still point at this one; remove or move them first.",
    },
    "de": {
        "web_link": "🌐 Dein Anmeldelink ({minutes} Minuten gültig, nur einmal nutzbar):\n{link}",
        "button_open_web": "🌐 Web-App öffnen",
        "web_off": "Die Web-App ist hier nicht eingerichtet (WEB_PUBLIC_URL fehlt).",
        "web_not_allowed": "Nur Inhaber und Leitung verwalten API-Schlüssel und Webhooks. Nichts wurde geändert.",
        "web_token_created": "🔑 Neuer API-Schlüssel (nur jetzt sichtbar, gut aufbewahren):\n{token}\nDoku: {api}",
        "web_no_tokens": "Keine API-Schlüssel. Einen anlegen: /web token ERP.",
        "web_tokens_header": "🔑 API-Schlüssel:",
        "button_revoke": "#{id} sperren",
        "web_token_revoked": "API-Schlüssel #{id} gesperrt: er funktioniert nicht mehr.",
        "web_calendar": "📅 Dein Kalender-Abo (im Kalender des Telefons abonnieren; nicht weitergeben):\n{link}\n"
                        "/web kalender erneut gibt einen neuen Link, /web kalender aus beendet ihn.",
        "web_calendar_off": "📅 Deine Kalender-Links funktionieren nicht mehr.",
        "web_hook_added": "🪝 Webhook #{id} sendet Änderungen an {url}.\nSignaturschlüssel (nur jetzt sichtbar): {secret}",
        "web_no_hooks": "Keine Webhooks. Einen anlegen: /web hook https://erp.example.com/crm.",
        "web_hooks_header": "🪝 Webhooks:",
        "web_dead_header": "Nach wiederholten Fehlern aufgegeben ({count}):",
        "web_hook_removed": "Webhook #{id} entfernt.",
        "api_in_use": "Andere Einträge verweisen noch hierauf; erst diese entfernen oder verschieben.",
    },
}

USAGE: dict[str, dict[str, str]] = {
    "web": {"en": "/web - a sign-in link for the web app; /web token ERP, /web tokens, /web revoke 3 (API); "
                  "/web calendar [off]; /web hook URL, /web hooks, /web unhook 2",
            "de": "/web - ein Anmeldelink für die Web-App; /web token ERP, /web tokens, /web revoke 3 (API); "
                  "/web kalender [aus]; /web hook URL, /web hooks, /web unhook 2"},
}
