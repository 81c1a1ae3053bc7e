"""The words free text is read by, English and German, in one table: greetings, question words,
verbs that name an interaction, lead words that are never part of a name, stage and field words."""

GREETINGS = {"hi", "hello", "hey", "hallo", "moin", "servus", "hi there", "good morning", "guten morgen",
             "guten tag", "morning", "thanks", "thank you", "thx", "ty", "danke", "danke schön", "danke schoen",
             "vielen dank", "merci", "cheers", "ok", "okay", "ok thanks", "ok danke", "super", "great", "cool",
             "👍", "🙏", "bye", "tschüss", "tschuess", "ciao"}
UNDO = {"undo", "undo that", "undo it", "oops undo", "rückgängig", "rueckgaengig", "mach das rückgängig",
        "mach rückgängig", "zurück", "revert"}
DONE = {"done", "erledigt", "completed", "complete", "finished", "fertig", "gemacht", "✅", "done ✅", "is done",
        "ist erledigt", "hab ich erledigt", "all done", "alles erledigt"}
# a sentence starting with one of these runs as that slash command
SLASHLESS = {"add", "neu", "contact", "kontakt", "deal", "task", "todo", "aufgabe", "note", "notiz", "tasks",
             "aufgaben", "deals", "pipeline", "help", "hilfe", "find", "search", "suche", "show", "zeige",
             "contacts", "kontakte", "digest", "bericht", "team"}
NOTE_FILLERS = {"for", "on", "about", "to", "zu", "für", "fuer", "an", "über", "ueber", "bei"}

QUESTION_STARTS = ("what", "whats", "what's", "who", "whos", "who's", "which", "how", "when", "where", "do i",
                   "show me", "list", "any ", "was ", "wer ", "welche", "welcher", "wie ", "wann", "wo ", "hab ich",
                   "habe ich", "zeig mir", "gibt es")
DAY_SCOPES = {"today": "today", "heute": "today", "tonight": "today", "tomorrow": "tomorrow", "tmrw": "tomorrow",
              "tmr": "tomorrow", "morgen": "tomorrow", "week": "week", "woche": "week", "overdue": "overdue",
              "überfällig": "overdue", "ueberfaellig": "overdue", "late": "overdue"}
TASK_QUESTION = {"due", "have", "tasks", "task", "todo", "todos", "aufgaben", "aufgabe", "an", "ansteht", "agenda",
                 "plan", "schedule", "termine", "overdue", "überfällig", "ueberfaellig", "open", "offen"}
WHO_IS = ("who is ", "who's ", "whos ", "wer ist ", "show ", "zeig ", "zeige ", "tell me about ", "info on ")
DEAL_QUESTION = {"deals", "deal", "pipeline", "geschäfte", "geschaefte", "forecast", "umsatz", "revenue"}
WON_QUESTION = {"win", "won", "gewonnen", "closed", "abgeschlossen"}
STUCK_QUESTION = {"stuck", "stale", "hängen", "haengen", "festgefahren", "liegen"}
TEAM_QUESTION = {"who has", "wer hat", "team"}

# interaction verbs: a past event gets logged with its kind; the first match wins
INTERACTION_LEADS: tuple[tuple[str, str], ...] = (
    ("log call with", "call"), ("log call", "call"), ("called", "call"), ("phoned", "call"), ("rang", "call"),
    ("call with", "call"), ("spoke to", "call"), ("spoke with", "call"), ("talked to", "call"),
    ("anruf bei", "call"), ("anruf von", "call"), ("anruf mit", "call"), ("telefoniert", "call"),
    ("angerufen", "call"), ("telefonat mit", "call"), ("nicht erreicht", "call"),
    ("emailed", "email"), ("e-mailed", "email"), ("mailed", "email"), ("sent an email", "email"),
    ("mail an", "email"), ("e-mail an", "email"), ("email an", "email"), ("mail geschickt", "email"),
    ("visited", "visit"), ("besucht", "visit"), ("besuch bei", "visit"), ("vor ort bei", "visit"),
    ("met", "meeting"), ("meeting with", "meeting"), ("getroffen", "meeting"), ("lunch with", "meeting"),
    ("coffee with", "meeting"), ("dinner with", "meeting"), ("kaffee mit", "meeting"),
    ("gespräch mit", "meeting"), ("gespraech mit", "meeting"), ("essen mit", "meeting"),
)
# words that start a task, not a logged event ("call anna tomorrow", "Rückruf Frau Schulz")
TASK_LEADS = {"call", "call back", "ring", "anrufen", "rückruf", "rueckruf", "follow up", "f/u", "fu", "nachfassen",
              "send", "schicken", "senden", "remind", "erinnere", "erinnern", "todo", "mtg", "termin", "meet",
              "treffen", "prepare", "vorbereiten", "email", "mail"}

# words that are never part of a person's name (lead words, titles, function words, common verbs)
NOT_NAMES = {
    "met", "meet", "meeting", "mtg", "called", "call", "calls", "back", "log", "logged", "spoke", "spoken", "talked",
    "saw", "visited", "emailed", "mailed", "email", "mail", "e-mail", "sent", "send", "with", "w", "and", "or",
    "the", "a", "an", "to", "for", "from", "at", "of", "on", "in", "by", "about", "re", "again", "new", "lead",
    "contact", "note", "task", "todo", "deal", "lunch", "dinner", "coffee", "demo", "quote", "proposal", "wants",
    "want", "needs", "need", "asked", "asks", "said", "says", "is", "are", "was", "will", "would", "has", "have",
    "had", "no", "not", "answer", "remind", "me", "my", "his", "her", "their", "him", "she", "he", "they", "it",
    "follow", "up", "f/u", "fu", "reminder", "today", "tomorrow", "tmrw", "eod", "next", "this", "done", "number",
    "phone", "mobile", "now", "moved", "won", "lost", "mr", "mrs", "ms", "dr", "prof", "trade", "fair", "also",
    "traf", "treffen", "getroffen", "anrufen", "angerufen", "anruf", "rückruf", "rueckruf", "besuch", "besucht",
    "herr", "herrn", "frau", "mit", "von", "vom", "bei", "zu", "zum", "zur", "für", "fuer", "am", "um",
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "und", "oder", "wegen", "wg", "über", "ueber",
    "notiz", "kontakt", "neuer", "neue", "neu", "kaffee", "gespräch", "gespraech", "telefonat", "telefoniert",
    "messe", "möchte", "moechte", "braucht", "hat", "ist", "war", "nicht", "erreicht", "nummer", "handy",
    "telefon", "adresse", "e-mail-adresse", "mail-adresse", "angebot", "termin", "nachfassen", "schicken",
    "geschickt", "senden", "erledigt", "heute", "morgen", "früh", "frueh", "nächste", "naechste", "nächsten",
    "woche", "aufgabe", "bitte", "doch", "lieber", "ich", "mich", "mir", "wir", "er", "sie", "ihm", "ihr", "ihre",
    "seine", "sein", "es", "jetzt", "noch", "nochmal", "wieder", "vorbereiten", "erinnere", "tel", "mobil",
    "hi", "hallo", "danke", "thanks",
}

# deal stages said in a sentence; "angebot"/"proposal" also mean a quote, so they need a move verb
STAGE_WORDS = {"won": "won", "gewonnen": "won", "lost": "lost", "verloren": "lost", "negotiation": "negotiation",
               "verhandlung": "negotiation", "qualified": "qualified", "qualifiziert": "qualified",
               "proposal": "proposal", "angebot": "proposal", "lead": "lead"}
STAGE_NEEDS_VERB = {"proposal", "lead", "qualified"}
MOVE_VERBS = {"moved", "move", "moving", "push", "pushed", "set", "verschieben", "verschoben", "verschieb",
              "schieben", "geschoben", "setzen", "gesetzt", "ist", "is", "now", "jetzt", "to", "in", "into", "nach",
              "auf"}

FIELD_WORDS = {"number": "phone", "nummer": "phone", "phone": "phone", "telefon": "phone", "tel": "phone",
               "handy": "phone", "mobile": "phone", "mobil": "phone", "cell": "phone", "telefonnummer": "phone",
               "handynummer": "phone", "mobilnummer": "phone", "email": "email", "e-mail": "email", "mail": "email",
               "e-mail-adresse": "email", "mailadresse": "email", "mail-adresse": "email", "emailadresse": "email"}
COMPANY_MOVES = ("moved to", "is now at", "now at", "works at", "joined", "switched to", "ist jetzt bei",
                 "arbeitet jetzt bei", "jetzt bei", "wechselt zu", "gewechselt zu", "ist zu")
PRONOUNS = {"her", "his", "him", "she", "he", "their", "ihre", "ihr", "seine", "sein", "er", "sie", "ihm",
            "deren", "dessen"}
FOLLOW_UP_STARTS = ("actually", "make it", "push it", "move it", "change it", "instead", "no wait", "rather",
                    "remind me again", "again in", "nope", "doch", "lieber", "verschieb das", "verschieb es",
                    "verschiebe das", "verschiebe es", "schieb das", "erinnere mich", "nochmal", "stattdessen",
                    "besser", "nein,", "no,", "postpone it", "delay it", "reschedule it", "snooze")
COMPANY_PREPOSITIONS = {"from", "at", "of", "von", "bei", "vom", "@"}
ARTICLES = {"the", "der", "die", "dem", "den", "das"}
COMPANY_SUFFIXES = {"gmbh", "ag", "kg", "se", "ug", "inc", "inc.", "ltd", "ltd.", "llc", "corp", "corp.", "co",
                    "co.", "&", "group", "gruppe"}

# shorthands the date reader does not know yet, said before it reads the text (the note keeps the original)
DATE_SHORTHANDS = ((r"\b(?:by |bis )?(?:eod|end of day|close of business|cob)\b", "today 17:00"),
                   (r"\b(?:bis )?feierabend\b", "heute 17 Uhr"),
                   (r"\b(?:(?<=nächsten )|(?<=naechsten )|(?<=am )|(?<=bis ))?mo\.?(?=\s+\d|\s+um\b|$)", "montag"),
                   (r"\bdi\.?(?=\s+\d|\s+um\b|$)", "dienstag"), (r"\bmi\.?(?=\s+\d|\s+um\b|$)", "mittwoch"),
                   (r"\bdo\.?(?=\s+\d|\s+um\b)", "donnerstag"), (r"\bfr\.?(?=\s+\d|\s+um\b|$)", "freitag"),
                   (r"\bsa\.?(?=\s+\d|\s+um\b)", "samstag"))
# "Anruf von Thomas Weber": after these words, "von"/"from" names a person, not a company
FROM_PERSON = {"anruf", "call", "email", "e-mail", "mail", "nachricht", "message", "rückruf", "rueckruf", "besuch"}
