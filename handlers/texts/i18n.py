"""Every user-facing text, in English and German: the old name of handlers.texts.catalogue, kept for imports."""

from handlers.errors import CrmError
from handlers.texts.catalogue import FREE_TEXT, LANGUAGES, MESSAGES, USAGE, USAGE_OF, explain, language_of, reason, t

__all__ = ["CrmError", "FREE_TEXT", "LANGUAGES", "MESSAGES", "USAGE", "USAGE_OF", "explain", "language_of", "reason",
           "t"]
