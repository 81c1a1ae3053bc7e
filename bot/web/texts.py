"""The web pages' own words, in English and German (what the engine says comes from handlers.i18n)."""

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "board": "Board", "tasks": "Tasks", "reports": "Reports", "search": "Search contacts, companies, deals…",
        "next": "Next", "no_task": "no task", "done": "Done", "snooze": "+1 h", "no_tasks": "Nothing due today.",
        "overdue": "overdue", "sign_in": "Sign in", "drag_hint": "Drag a card by ⠿ onto a stage.",
        "sign_in_help": "Open the app from the bot's menu button in Telegram, or send /web in chat for a "
                        "one-time sign-in link.", "link_stale": "This sign-in link is used up or has expired. "
                        "Send /web in chat for a new one.", "not_found": "Not found.", "forecast": "Forecast",
        "back": "Back", "deals": "deals",
    },
    "de": {
        "board": "Pipeline", "tasks": "Aufgaben", "reports": "Auswertung", "search": "Kontakte, Firmen, Deals suchen…",
        "next": "Nächste", "no_task": "keine Aufgabe", "done": "Erledigt", "snooze": "+1 Std.",
        "no_tasks": "Heute ist nichts fällig.", "overdue": "überfällig", "sign_in": "Anmelden",
        "drag_hint": "Karte an ⠿ auf eine Phase ziehen.",
        "sign_in_help": "Öffne die App über den Menüknopf des Bots in Telegram, oder schick /web im Chat für "
                        "einen einmaligen Anmeldelink.", "link_stale": "Dieser Anmeldelink ist verbraucht oder "
                        "abgelaufen. Schick /web im Chat für einen neuen.", "not_found": "Nicht gefunden.",
        "forecast": "Prognose", "back": "Zurück", "deals": "Deals",
    },
}


def texts(language: str) -> dict[str, str]:
    return TEXTS.get(language, TEXTS["en"])
