"""Texts of the rule permissions (score rules, lead assignment rules), in English and German;
handlers/texts/catalogue/__init__.py adds them to its tables."""

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "score_rules_not_allowed": "Only owners and managers change the lead score rules. You can see them with "
                                   "/score; ask your manager for a change. Nothing was changed.",
        "lead_rules_not_allowed": "Only owners and managers change how new leads are assigned. You can see the "
                                  "rules with /rules; ask your manager for a change. Nothing was changed.",
    },
    "de": {
        "score_rules_not_allowed": "Nur Inhaber und Leitung ändern die Regeln für die Lead-Punkte. Ansehen kannst "
                                   "du sie mit /punkte; frag deine Leitung nach einer Änderung. Nichts wurde "
                                   "geändert.",
        "lead_rules_not_allowed": "Nur Inhaber und Leitung ändern, wie neue Leads verteilt werden. Die Regeln "
                                  "siehst du mit /regeln; frag deine Leitung nach einer Änderung. Nichts wurde "
                                  "geändert.",
    },
}

USAGE: dict[str, dict[str, str]] = {}
