"""The words of amounts and stages, English and German: stage names, currency words, multipliers."""

STAGE_ALIASES = {"lead": "lead", "qualified": "qualified", "qualifiziert": "qualified",
                 "proposal": "proposal", "angebot": "proposal", "offer": "proposal",
                 "negotiation": "negotiation", "verhandlung": "negotiation",
                 "won": "won", "gewonnen": "won", "lost": "lost", "verloren": "lost"}
CURRENCIES = {"€": "EUR", "eur": "EUR", "euro": "EUR", "$": "USD", "usd": "USD", "£": "GBP", "gbp": "GBP",
              "chf": "CHF"}
MULTIPLIERS = {"": 1, "k": 1_000, "tsd": 1_000, "m": 1_000_000, "mio": 1_000_000}
