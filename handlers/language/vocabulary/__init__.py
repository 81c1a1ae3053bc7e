"""The words free text is read by, English and German, in one table: greetings, question words,
verbs that name an interaction, lead words that are never part of a name, stage and field words.

The package is the one home of the EN/DE words: dates, commands, periods and amounts are its modules."""

GREETINGS = {"hi", "hello", "hey", "hallo", "moin", "servus", "hi there", "good morning", "guten morgen",
             "guten tag", "morning", "thanks", "thank you", "thx", "ty", "danke", "danke schön", "danke schoen",
             "vielen dank", "merci", "cheers", "ok", "okay", "ok thanks", "ok danke", "super", "great", "cool",
             "👍", "🙏", "bye", "tschüss", "tschuess", "ciao"}
UNDO = {"undo", "undo that", "undo it", "oops undo", "rückgängig", "rueckgaengig", "mach das rückgängig",
        "mach rückgängig", "zurück", "revert", "rückgängig machen", "rueckgaengig machen", "undo please",
        "please undo", "undo pls", "bitte rückgängig", "rückgängig bitte", "take that back", "nimm das zurück"}
INTERJECTIONS = ("oops", "ups", "hoppla", "sorry", "argh", "mist", "shit", "damn", "ugh", "whoops", "uh", "äh")
DONE = {"done", "erledigt", "completed", "complete", "finished", "fertig", "gemacht", "✅", "done ✅", "is done",
        "ist erledigt", "hab ich erledigt", "all done", "alles erledigt"}
DONE_ALONE = {"did it", "done it", "hab ich gemacht", "habe ich gemacht", "hab ich erledigt", "ist gemacht",
              "ist erledigt", "gemacht", "erledigt!", "done!", "done and done", "that's done", "thats done",
              "all set", "check", "abgehakt", "fertig!"}
DONE_TAIL = {"done", "erledigt", "fertig", "✅", "✔", "☑", "✓", "abgehakt", "abhaken", "gemacht", "raus", "completed",
             "finished"}
DONE_HEAD = {"done", "erledigt", "finished", "completed", "fertig"}
DONE_PHRASES = ("tick it off", "tick off", "ticked off", "cross it off", "check it off", "hake ab", "hak ab",
                "hake es ab", "ist raus", "is out", "went out", "ist erledigt", "is done", "done w", "done with")
# a sentence starting with one of these runs as that slash command
SLASHLESS = {"add", "neu", "contact", "kontakt", "deal", "task", "todo", "aufgabe", "note", "notiz", "tasks",
             "aufgaben", "deals", "pipeline", "help", "hilfe", "find", "search", "suche", "show", "zeige",
             "contacts", "kontakte", "digest", "bericht", "team"}
NOTE_FILLERS = {"for", "on", "about", "to", "zu", "für", "fuer", "an", "über", "ueber", "bei"}

QUESTION_STARTS = ("what", "whats", "what's", "who", "whos", "who's", "which", "how", "when", "where", "do i",
                   "show me", "list", "any ", "was ", "wer ", "welche", "welcher", "wie ", "wann", "wo ", "hab ich",
                   "habe ich", "zeig mir", "gibt es", "woher", "wieviel", "wie viel", "warum", "why")
DAY_SCOPES = {"today": "today", "heute": "today", "tonight": "today", "tomorrow": "tomorrow", "tmrw": "tomorrow",
              "tmr": "tomorrow", "morgen": "tomorrow", "week": "week", "woche": "week", "overdue": "overdue",
              "überfällig": "overdue", "ueberfaellig": "overdue", "late": "overdue"}
TASK_QUESTION = {"due", "have", "tasks", "task", "todo", "todos", "aufgaben", "aufgabe", "an", "ansteht", "agenda",
                 "plan", "schedule", "termine", "overdue", "überfällig", "ueberfaellig", "open", "offen"}
WHO_IS = ("who is ", "who's ", "whos ", "wer ist ", "show ", "zeig ", "zeige ", "tell me about ", "info on ",
          "infos zu ", "info zu ", "details zu ", "details on ", "what do you know about ", "was weißt du über ",
          "was weisst du über ", "was wissen wir über ", "what do we know about ", "anything on ")
LIST_WORDS = {"deals", "tasks", "aufgaben", "geschäfte", "geschaefte", "todos", "contacts", "kontakte"}
DEAL_QUESTION = {"deals", "deal", "pipeline", "geschäfte", "geschaefte", "forecast", "umsatz", "revenue"}
WON_QUESTION = {"win", "won", "gewonnen", "closed", "abgeschlossen"}
STUCK_QUESTION = {"stuck", "stale", "hängen", "haengen", "festgefahren", "liegen"}
TEAM_QUESTION = {"who has", "wer hat", "team"}

# interaction words. PAST_KINDS: a past event, logged with its kind even when the sentence also sets a task.
# EVENT_KINDS: an event noun ("lunch with", "call w/"); logged only when no date stands in its clause
# ("lunch with Klaus tmrw 1pm" is a plan: a task). Whole words or phrases, the first match wins.
PAST_KINDS: tuple[tuple[str, str], ...] = (
    ("emailed", "email"), ("e-mailed", "email"), ("mailed", "email"), ("sent an email", "email"),
    ("sent an e-mail", "email"), ("an email", "email"), ("an e-mail", "email"), ("eine mail", "email"),
    ("eine e-mail", "email"), ("sent a mail", "email"), ("wrote to", "email"), ("per mail", "email"),
    ("per e-mail", "email"), ("per email", "email"), ("via email", "email"), ("by email", "email"),
    ("mail geschickt", "email"), ("gemailt", "email"), ("geschrieben", "email"), ("replied", "email"),
    ("visited", "visit"), ("besucht", "visit"), ("vor ort", "visit"), ("gewesen", "visit"), ("dropped by", "visit"),
    ("stopped by", "visit"),
    ("called", "call"), ("calling", "call"), ("phoned", "call"), ("rang", "call"), ("spoke to", "call"),
    ("spoke with", "call"), ("spoke w", "call"), ("talked to", "call"), ("talked with", "call"), ("calld", "call"),
    ("caled", "call"), ("telefoniert", "call"), ("angerufen", "call"), ("zurückgerufen", "call"),
    ("zurueckgerufen", "call"), ("nicht erreicht", "call"), ("not reached", "call"), ("voicemail", "call"),
    ("mailbox", "call"), ("left a message", "call"),
    ("met", "meeting"), ("getroffen", "meeting"), ("traf", "meeting"), ("saw", "meeting"), ("ran into", "meeting"),
    ("gesehen", "meeting"), ("war gut", "meeting"), ("went well", "meeting"),
)
EVENT_KINDS: tuple[tuple[str, str], ...] = (
    ("log call", "call"), ("call with", "call"), ("call w", "call"), ("quick call", "call"), ("phone call", "call"),
    ("anruf bei", "call"), ("anruf von", "call"), ("anruf mit", "call"), ("telefonat mit", "call"),
    ("telefonat", "call"),
    ("mail an", "email"), ("e-mail an", "email"), ("email an", "email"), ("email to", "email"),
    ("besuch bei", "visit"), ("visit at", "visit"), ("site visit", "visit"),
    ("meeting with", "meeting"), ("meeting w", "meeting"), ("mtg with", "meeting"), ("mtg w", "meeting"),
    ("lunch with", "meeting"), ("lunch w", "meeting"), ("coffee with", "meeting"), ("coffee w", "meeting"),
    ("dinner with", "meeting"), ("dinner w", "meeting"), ("zoom with", "meeting"), ("zoom w", "meeting"),
    ("video call", "meeting"), ("videocall", "meeting"), ("teams call", "meeting"), ("demo with", "meeting"),
    ("kaffee mit", "meeting"), ("gespräch mit", "meeting"), ("gespraech mit", "meeting"), ("essen mit", "meeting"),
    ("mittagessen mit", "meeting"), ("abendessen mit", "meeting"), ("treffen mit", "meeting"),
    ("termin mit", "meeting"), ("meeting mit", "meeting"), ("videocall mit", "meeting"),
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
    "hi", "hallo", "danke", "thanks", "frm", "w/",
} | {  # verbs in their forms, English and German: never part of a name
    "calling", "calld", "caled", "calll", "ring", "ringing", "phoned", "phoning", "rang", "ping", "pinged", "text",
    "texted", "chase", "chased", "nudge", "visit", "visiting", "see", "seen", "went", "go", "goes", "going",
    "tried", "try", "trying", "works", "working", "worked", "joined", "likes", "liked", "loves", "told", "agreed",
    "signed", "declined", "confirmed", "prepped", "renewed", "replied", "wrote", "check", "checked", "quick",
    "zoom", "videocall", "video", "mittagessen", "abendessen", "essen", "anzurufen", "anrufen", "rufe", "ruft",
    "rief", "zurückrufen", "zurueckrufen", "zurückgerufen", "zurueckgerufen", "besuchen", "besuche", "mailen",
    "gemailt", "schreiben", "geschrieben", "nachhaken", "nachgehakt", "nachgefasst", "gewesen", "waren", "im",
    "ins", "vor", "ort", "gut", "mag", "sagt", "meint", "zugesagt", "abgesagt", "unterschrieben", "verlängert",
    "vorbereitet", "per", "re", "wg", "ok", "well", "voicemail", "mailbox", "erreicht", "gesprochen",
    "telefonieren", "treffe", "trifft", "getroffen", "gesehen", "wants", "bis", "ab", "seit", "till", "until",
}

# deal stages said in a sentence; "angebot"/"proposal" also mean a quote, so they need a move verb
STAGE_WORDS = {"won": "won", "gewonnen": "won", "lost": "lost", "verloren": "lost", "negotiation": "negotiation",
               "verhandlung": "negotiation", "qualified": "qualified", "qualifiziert": "qualified",
               "proposal": "proposal", "angebot": "proposal", "lead": "lead", "signed": "won",
               "unterschrieben": "won", "unterzeichnet": "won", "closed-won": "won", "dead": "lost",
               "abgesagt": "lost", "gestorben": "lost", "tot": "lost", "declined": "lost", "cancelled": "lost",
               "canceled": "lost", "storniert": "lost", "verhandlungen": "negotiation", "negotiating": "negotiation",
               "qualifizieren": "qualified"}
MOVE_MARKS = {"to", "into", "→", "auf", "ins", "in", "nach", "zu", "zur", "zum"}  # the stage after these is meant
REASON_FILLERS = {"wg", "wegen", "because", "weil", "due", "to", "of", "da", "since", "reason", "grund", "-", "–"}
STAGE_NEEDS_VERB = {"proposal", "lead", "qualified"}
MOVE_VERBS = {"→", "back", "zurück", "zurueck", "ins", "into", "moved", "move", "moving", "push", "pushed", "set", "verschieben", "verschoben", "verschieb",
              "schieben", "geschoben", "setzen", "gesetzt", "ist", "is", "now", "jetzt", "to", "in", "nach",
              "auf"}

FIELD_WORDS = {"number": "phone", "nummer": "phone", "phone": "phone", "telefon": "phone", "tel": "phone",
               "handy": "phone", "mobile": "phone", "mobil": "phone", "cell": "phone", "telefonnummer": "phone",
               "handynummer": "phone", "mobilnummer": "phone", "email": "email", "e-mail": "email", "mail": "email",
               "e-mail-adresse": "email", "mailadresse": "email", "mail-adresse": "email", "emailadresse": "email"}
COMPANY_MOVES = ("moved to", "is now at", "now at", "works at", "works for", "is at", "is with", "joined",
                 "switched to", "went to", "left for", "ist jetzt bei", "arbeitet jetzt bei", "arbeitet bei",
                 "jetzt bei", "ist bei", "wechselt zu", "gewechselt zu", "ist zu", "ging zu")
COMPANY_MOVE_TAIL = {"now", "jetzt", "gewechselt", "gegangen", "since", "seit", "actually", "eigentlich"}
# "till monday", "ab montag": the date says how long a state lasts, no task is due
DEADLINE_WORDS = {"by", "bis", "due", "fällig", "faellig", "spätestens", "spaetestens", "latest", "before"}
STATE_DATE_LEADS = {"till", "until", "til", "since", "ab", "seit", "from"}
PRONOUNS = {"her", "his", "him", "she", "he", "their", "ihre", "ihr", "seine", "sein", "er", "sie", "ihm",
            "deren", "dessen"}
FOLLOW_UP_STARTS = ("actually", "make it", "push it", "move it", "change it", "instead", "no wait", "rather",
                    "remind me again", "again in", "nope", "doch", "lieber", "verschieb das", "verschieb es",
                    "verschiebe das", "verschiebe es", "schieb das", "erinnere mich", "nochmal", "stattdessen",
                    "besser", "nein,", "no,", "postpone it", "delay it", "reschedule it", "snooze")
# words a follow-up may hold besides its date ("can we do monday instead", "tmrw 8 pls", "nee, freitag 10")
FOLLOW_UP_FILLERS = {"it", "that", "this", "to", "make", "push", "move", "auf", "das", "es", "doch", "lieber",
                     "verschieb", "verschiebe", "schieb", "schieben", "verschieben", "actually", "instead", "rather",
                     "again", "remind", "me", "erinnere", "erinner", "erinnre", "mich", "nochmal", "no", "nope",
                     "nein", "nee", "ne", "nö", "let's", "lets", "do", "stattdessen", "besser", "bitte", "please", "pls",
                     "plz", "ok", "okay", "then", "dann", "on", "for", "am", "um", "at", "can", "could", "we", "you",
                     "us", "wir", "können", "koennen", "mach", "machen", "daraus", "eher", "change",
                     "reschedule", "postpone", "delay", "snooze", "shift", "the", "die", "der", "den", "bump", "wait"}
FOLLOW_UP_MARKS = {"instead", "stattdessen", "lieber", "actually", "rather", "eher", "doch", "make", "mach", "move",
                   "push", "verschieb", "verschiebe", "schieb", "schieben", "verschieben"}
COMPANY_PREPOSITIONS = {"from", "frm", "at", "of", "von", "bei", "vom", "@"}
LENIENT_PREPOSITIONS = {"from", "frm", "von", "@", "bei", "at", "of"}  # a lowercase company may follow
PLACES = {"home", "office", "work", "airport", "expo", "fair", "conference", "booth", "bakery", "hotel", "station",
          "lunch", "dinner", "breakfast", "event", "party", "hause", "büro", "buero", "messe", "flughafen",
          "bahnhof", "kongress", "konferenz", "stand", "lager", "werk", "baustelle"}
# titles before a surname; the gender narrows namesakes ("Frau Müller" is Maria, not Jörg)
TITLES = {"frau": "f", "mrs": "f", "ms": "f", "miss": "f", "herr": "m", "herrn": "m", "mr": "m"}
# words after which a lowercase first name and surname are a person ("met jon snow", "mit katrin vogel")
PERSON_LEADS = {"with", "w", "mit", "met", "meet", "meeting", "visited", "called", "call", "saw", "traf", "lead",
                "dr", "prof", "to", "emailed", "mailed", "phoned", "rang", "contact", "kontakt", "neuer", "neue",
                "new", "und", "and", "zoom", "teams", "videocall", "lunch", "dinner", "coffee", "kaffee", "treffen",
                "besuch", "anruf", "telefonat", "gespräch", "gespraech"}
ARTICLES = {"the", "der", "die", "dem", "den", "das"}
COMPANY_SUFFIXES = {"gmbh", "ag", "kg", "se", "ug", "inc", "inc.", "ltd", "ltd.", "llc", "corp", "corp.", "co",
                    "co.", "&", "group", "gruppe", "consulting", "partner", "partners", "solutions", "services",
                    "systems", "logistik", "logistics", "medien", "media", "software", "labs", "holding", "bau",
                    "technik", "technologies", "tech", "industries", "studio", "agentur", "agency", "beratung"}

# shorthands the date reader does not know yet, said before it reads the text (the note keeps the original)
DATE_SHORTHANDS = ((r"\b(?:tomorow|tommorow|tommorrow|tomorrw|tomrow|tmorrow|2moro|tmw)\b", "tomorrow"),
                   (r"\b(?:morgn|mrogen|morgne|moregn)\b", "morgen"), (r"\b(?:übermorgn)\b", "übermorgen"),
                   (r"\b(?:wensday|wedensday|wednsday)\b", "wednesday"), (r"\b(?:thursdy|thrusday)\b", "thursday"),
                   (r"\b(?:fridy|firday)\b", "friday"), (r"\b(?:mondy|monady)\b", "monday"),
                   (r"\b(?:tuesdy|teusday)\b", "tuesday"),
                   (r"\b(?:by |bis )?(?:eod|end of day|close of business|cob)\b", "today 17:00"),
                   (r"\b(?:bis )?feierabend\b", "heute 17 Uhr"),
                   (r"\b(?:(?<=nächsten )|(?<=naechsten )|(?<=am )|(?<=bis ))?mo\.?(?=\s+\d|\s+um\b|$)", "montag"),
                   (r"\bdi\.?(?=\s+\d|\s+um\b|$)", "dienstag"), (r"\bmi\.?(?=\s+\d|\s+um\b|$)", "mittwoch"),
                   (r"\bdo\.?(?=\s+\d|\s+um\b)|(?<=bis )do\.?(?=\W*$|,)", "donnerstag"), (r"\bfr\.?(?=\s+\d|\s+um\b|$)", "freitag"),
                   (r"\bsa\.?(?=\s+\d|\s+um\b)", "samstag"))
# "Anruf von Thomas Weber": after these words, "von"/"from" names a person, not a company
FROM_PERSON = {"anruf", "call", "email", "e-mail", "mail", "nachricht", "message", "rückruf", "rueckruf", "besuch"}

# manager questions: each topic's words route a question to its report command (handlers/understanding_questions.py)
FORECAST_WORDS = {"forecast", "forecasts", "prognose", "prognosen", "vorhersage", "hochrechnung", "expect", "erwarten"}
FUNNEL_WORDS = {"funnel", "trichter", "conversion", "conversions", "konversion", "stages"}
WIN_RATE_WORDS = {"winrate", "win-rate", "gewinnquote", "abschlussquote", "erfolgsquote", "hit-rate", "hitrate"}
RATE_WORDS = {"rate", "quote", "ratio", "quota"}
LOST_QUESTION = {"lose", "lost", "verloren", "verlieren", "losses", "verluste"}
STUCK_WORDS = {"stuck", "stale", "hängen", "haengen", "hängt", "haengt", "hängend", "haengend", "festgefahren",
               "inactive", "inaktiv", "idle", "untouched", "stagnating", "stocken", "stockt"}
NO_ACTIVITY = ("no activity", "without activity", "ohne aktivität", "ohne aktivitaet", "keine aktivität",
               "not touched", "nicht angefasst", "liegen geblieben")
REP_QUESTION = {"rep", "reps", "salesperson", "seller", "sellers", "mitarbeiter", "vertriebler", "verkäufer",
                "verkaeufer", "who sold", "wer hat am meisten", "top", "best", "bester", "beste", "leaderboard",
                "ranking", "rangliste", "am meisten", "the most", "most"}
ACTIVITY_QUESTION = {"activity", "activities", "aktivität", "aktivitäten", "aktivitaet", "aktivitaeten", "calls",
                     "anrufe", "meetings", "termine", "treffen", "emails", "mails"}
COUNT_WORDS = {"how many", "wie viele", "wieviele", "number of", "anzahl", "count"}
SOURCE_QUESTION = {"sources", "source", "quellen", "quelle", "come from", "kommen", "herkunft", "woher"}
CONTACT_COUNT = {"contacts", "kontakte", "customers", "kunden", "leads"}
SUMMARY_QUESTION = {"report", "reports", "summary", "auswertung", "übersicht", "uebersicht", "statistik", "stats",
                    "how are we doing", "wie läuft", "wie laeuft", "wie stehen wir", "kpis", "kpi", "numbers",
                    "zahlen"}
CLOSING_WORDS = {"closing", "close", "closes", "schließen", "schliessen", "schließt", "schliesst", "abschluss",
                 "abschließen", "abschliessen"}
MINE_WORDS = {"my", "mine", "meine", "mein", "meiner", "meinen"}
TEAM_WORDS = {"who has", "wer hat", "team", "anyone", "jemand", "somebody", "wer", "who"}
OVERDUE_WORDS = {"overdue", "überfällig", "überfällige", "überfälligen", "ueberfaellig", "ueberfaellige", "late",
                 "verspätet", "liegengeblieben"}
FIELD_QUESTION = {"email", "e-mail", "mail", "number", "phone", "nummer", "telefonnummer", "telefon", "handy",
                  "handynummer", "mobile", "adresse", "address", "contact details", "kontaktdaten"}
WORKS_AT = ("who works at", "who works for", "who is at", "who's at", "wer arbeitet bei", "wer arbeitet für",
            "wer ist bei", "contacts at", "kontakte bei", "people at", "leute bei")
READ_STARTS = {"show", "zeige", "zeig", "tasks", "aufgaben", "deals", "pipeline", "forecast", "prognose", "funnel", "trichter", "report",
               "auswertung", "stuck", "hängend", "overdue", "überfällige", "ueberfaellige", "winrate", "umsatz",
               "revenue"}
OPEN_WORDS = {"open", "offene", "offen", "offenen", "pending", "anstehende"}
# "call anna: left a voicemail" logs that kind ("kind name: text" runs as /call, /email, /meeting)
KIND_COMMANDS = {"call": "call", "anruf": "call", "phone": "call", "telefonat": "call", "email": "email",
                 "e-mail": "email", "mail": "email", "meeting": "meeting", "treffen": "meeting", "mtg": "meeting",
                 "termin": "meeting", "besuch": "meeting", "visit": "meeting"}
