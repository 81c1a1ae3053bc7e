"""What only the Telegram channel says (the engine's replies are in the other topics), in English and German."""

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "telegram.not_allowed": "Sorry, this is a private CRM. Ask its owner to let you in (your Telegram id is {id}).",
        "telegram.sorry": "Sorry, something went wrong on my side. Please check (e.g. with /tasks) before you try again.",
    },
    "de": {
        "telegram.not_allowed": "Entschuldige, das ist ein privates CRM. Bitte den Betreiber, dich freizuschalten "
                                "(deine Telegram-ID ist {id}).",
        "telegram.sorry": "Entschuldige, bei mir ist etwas schiefgegangen. Bitte prüf (z. B. mit /aufgaben), ob es "
                          "gespeichert ist, bevor du es noch einmal versuchst.",
    },
}
