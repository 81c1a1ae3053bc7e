"""The words of report periods, English and German: units, this/last/next, month names."""

UNITS = {"month": "month", "monat": "month", "monats": "month", "quarter": "quarter", "quartal": "quarter",
         "quartals": "quarter", "year": "year", "jahr": "year", "jahres": "year", "week": "week",
         "woche": "week"}
OFFSETS = {"this": 0, "current": 0, "diesen": 0, "diesem": 0, "dieses": 0, "diese": 0, "aktuellen": 0,
           "aktuelles": 0, "last": -1, "previous": -1, "prev": -1, "letzten": -1, "letztes": -1, "letzte": -1,
           "letzter": -1, "vorigen": -1, "voriges": -1, "vergangenen": -1, "vergangenes": -1, "next": 1,
           "nächsten": 1, "nächstes": 1, "naechsten": 1, "naechstes": 1, "kommenden": 1, "kommendes": 1}
MONTHS = {name: n for n, names in enumerate(
    (("january", "januar", "jan", "jänner"), ("february", "februar", "feb"), ("march", "märz", "maerz", "mar", "mär"),
     ("april", "apr"), ("may", "mai"), ("june", "juni", "jun"), ("july", "juli", "jul"), ("august", "aug"),
     ("september", "sep", "sept"), ("october", "oktober", "oct", "okt"), ("november", "nov"),
     ("december", "dezember", "dec", "dez")), 1) for name in names}
OFFSET_WORDS = {-1: "last", 0: "this", 1: "next"}
MONTH_WORDS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")  # as `take_period` reads them
