"""The web pages' own words, in English and German."""

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "web_page.board": "Board",
        "web_page.tasks": "Tasks",
        "web_page.reports": "Reports",
        "web_page.search": "Search contacts, companies, deals…",
        "web_page.next": "Next",
        "web_page.no_task": "no task",
        "web_page.done": "Done",
        "web_page.snooze": "+1 h",
        "web_page.no_tasks": "Nothing due today.",
        "web_page.overdue": "overdue",
        "web_page.sign_in": "Sign in",
        "web_page.drag_hint": "Drag a card by ⠿ onto a stage.",
        "web_page.sign_in_help": "Open the app from the bot's menu button in Telegram, or send /web in chat for a "
                                 "one-time sign-in link.",
        "web_page.link_stale": "This sign-in link is used up or has expired. "
                               "Send /web in chat for a new one.",
        "web_page.not_found": "Not found.",
        "web_page.forecast": "Forecast",
        "web_page.back": "Back",
        "web_page.deals": "deals",
    },
    "de": {
        "web_page.board": "Pipeline",
        "web_page.tasks": "Aufgaben",
        "web_page.reports": "Auswertung",
        "web_page.search": "Kontakte, Firmen, Deals suchen…",
        "web_page.next": "Nächste",
        "web_page.no_task": "keine Aufgabe",
        "web_page.done": "Erledigt",
        "web_page.snooze": "+1 Std.",
        "web_page.no_tasks": "Heute ist nichts fällig.",
        "web_page.overdue": "überfällig",
        "web_page.sign_in": "Anmelden",
        "web_page.drag_hint": "Karte an ⠿ auf eine Phase ziehen.",
        "web_page.sign_in_help": "Öffne die App über den Menüknopf des Bots in Telegram, oder schick /web im Chat für "
                                 "einen einmaligen Anmeldelink.",
        "web_page.link_stale": "Dieser Anmeldelink ist verbraucht oder "
                               "abgelaufen. Schick /web im Chat für einen neuen.",
        "web_page.not_found": "Nicht gefunden.",
        "web_page.forecast": "Prognose",
        "web_page.back": "Zurück",
        "web_page.deals": "Deals",
    },
}
