"""The words of command arguments, English and German: task scopes, import and export words, card,
segment, bulk, campaign and rule actions, report topics and filters."""

TASK_SCOPES = {"today": "today", "heute": "today", "overdue": "overdue", "überfällig": "overdue",
               "ueberfaellig": "overdue", "tomorrow": "tomorrow", "morgen": "tomorrow",
               "week": "week", "this week": "week", "woche": "week", "diese woche": "week",
               "upcoming": "upcoming", "demnächst": "upcoming", "demnaechst": "upcoming",
               "later": "later", "später": "later", "spaeter": "later", "undated": "undated", "ohne": "undated",
               "all": "all", "alle": "all", "": "all"}
MINE = {"mine", "my", "meine", "mein"}
CONFIRM_WORDS = {"yes", "ja", "confirm", "!"}
IMPORT_MODES = {"": "skip", "skip": "skip", "überspringen": "skip", "ueberspringen": "skip", "merge": "merge",
                "zusammenführen": "merge", "zusammenfuehren": "merge", "ergänzen": "merge", "ergaenzen": "merge",
                "cancel": "cancel", "abbrechen": "cancel"}
EXPORT_WHAT = {"contacts": "contacts", "contact": "contacts", "kontakte": "contacts", "deals": "deals",
               "deal": "deals", "geschäfte": "deals", "geschaefte": "deals", "tasks": "tasks", "task": "tasks",
               "aufgaben": "tasks"}
EXPORT_FORMATS = {"csv": "csv", "vcf": "vcf", "vcf4": "vcf4", "vcard4": "vcf4", "vcard": "vcf", "vcards": "vcf", "ics": "ics", "ical": "ics",
                  "icalendar": "ics", "calendar": "ics", "kalender": "ics"}
PRIVACY_ACTIONS = {"export": "export", "auskunft": "export", "erase": "erase", "forget": "erase",
                   "löschen": "erase", "loeschen": "erase", "vergessen": "erase"}
CARD_ACTIONS = {"save": "save", "speichern": "save", "!": "force", "force": "force", "into": "into",
                "zu": "into", "fix": "fix", "korrigieren": "fix", "set": "set", "setzen": "set", "cancel": "cancel",
                "abbrechen": "cancel", "": "show", "show": "show", "zeige": "show"}
CARD_FIELDS = ("name", "title", "company", "email", "phone", "website", "address")

TAG_ACTIONS = {"rename": "rename", "umbenennen": "rename", "merge": "merge", "zusammenführen": "merge",
               "zusammenfuehren": "merge", "join": "merge"}
SEGMENT_ACTIONS = {"add": "add", "new": "add", "save": "add", "neu": "add", "speichern": "add",
                   "delete": "delete", "remove": "delete", "löschen": "delete", "loeschen": "delete"}
BULK_ACTIONS = {"tag": "tag", "markieren": "tag", "untag": "untag", "entmarkieren": "untag", "owner": "owner",
                "assign": "owner", "besitzer": "owner", "betreuer": "owner", "zuweisen": "owner", "status": "status",
                "task": "task", "aufgabe": "task", "followup": "task", "export": "export", "exportieren": "export"}
CAMPAIGN_ACTIONS = {"new": "new", "neu": "new", "add": "add", "hinzufügen": "add", "hinzufuegen": "add",
                    "touch": "touch", "kontakt": "touch", "response": "response", "antwort": "response",
                    "cost": "cost", "kosten": "cost", "end": "end", "ende": "end", "beenden": "end",
                    "report": "report", "bericht": "report"}
TOUCH_KINDS = {"call": "call", "anruf": "call", "email": "email", "e-mail": "email", "mail": "email",
               "visit": "visit", "besuch": "visit"}
RESPONSES = {"interested": "interested", "interessiert": "interested", "not interested": "not_interested",
             "nicht interessiert": "not_interested", "kein interesse": "not_interested", "no answer": "no_answer",
             "keine antwort": "no_answer", "no response": "no_answer"}
RULE_ACTIONS = {"round": "round_robin", "roundrobin": "round_robin", "round-robin": "round_robin",
                "reihum": "round_robin", "tag": "tag", "region": "region", "off": "off", "aus": "off"}

TOPICS = {"": "summary", "summary": "summary", "übersicht": "summary", "uebersicht": "summary",
          "won": "won", "gewonnen": "won", "wins": "won", "lost": "lost", "verloren": "lost",
          "reps": "reps", "rep": "reps", "team": "reps", "vertrieb": "reps", "mitarbeiter": "reps",
          "sources": "sources", "source": "sources", "quellen": "sources", "quelle": "sources",
          "activity": "activity", "activities": "activity", "aktivität": "activity", "aktivitäten": "activity",
          "aktivitaet": "activity", "aktivitaeten": "activity", "contacts": "contacts", "kontakte": "contacts",
          "kundenstatistik": "contacts", "customers": "contacts", "kunden": "contacts"}
BY = {"by", "per", "nach", "pro", "je"}
REP_WORDS = {"rep", "reps", "owner", "vertrieb", "mitarbeiter", "team"}
SOURCE_WORDS = {"source", "sources", "quelle", "quellen"}
PAGE_WORDS = {"page", "seite", "p"}
DEAL_STATUS = {"won": "won", "gewonnen": "won", "lost": "lost", "verloren": "lost", "stale": "stale",
               "stuck": "stale", "hängend": "stale", "haengend": "stale", "inaktiv": "stale", "open": "open",
               "offen": "open", "offene": "open", "undated": "undated", "ohne": "undated", "closing": "closing",
               "abschluss": "closing"}
CLOSING_FILLER = {"this", "month", "diesen", "monat", "im", "in", "datum", "date", "close", "no", "kein",
                  "without"}
