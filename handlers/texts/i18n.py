"""Every user-facing text, in English and German: the old name of handlers.texts.catalogue, kept for imports."""

from handlers.errors import CrmError
from handlers.texts import capture_texts, report_texts, segment_texts, web_texts

# isort: split
from handlers.texts.catalogue import FREE_TEXT, LANGUAGES, MESSAGES, USAGE, USAGE_OF, explain, language_of, reason, t

__all__ = ["CrmError", "FREE_TEXT", "LANGUAGES", "MESSAGES", "USAGE", "USAGE_OF", "explain", "language_of", "reason",
           "t"]
MOVED_TO = {  # where the tables of this module went, for whoever merges a branch that edited them
    "MESSAGES": "handlers/texts/catalogue/<topic>.py (general, contacts, tasks_deals, settings, notify, ...)",
    "USAGE": "handlers/texts/catalogue/usage.py",
    "a new *_texts module": "handlers.texts.catalogue.TOPICS (the loop below still adds one hooked in here)",
}
for _texts_module in (report_texts, segment_texts, web_texts, capture_texts):
    USAGE.update(_texts_module.USAGE)
    for _language, _texts in _texts_module.MESSAGES.items():
        MESSAGES[_language].update(_texts)
