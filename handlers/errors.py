"""Named domain errors. The engine turns each into a friendly reply in the member's language."""

from collections.abc import Sequence
from typing import Protocol


class Candidate(Protocol):
    """A record the user may pick (the name index's Entry is one)."""

    @property
    def kind(self) -> str: ...

    @property
    def id(self) -> int: ...

    @property
    def name(self) -> str: ...


class CrmError(Exception):
    """A problem the user can fix; `key` names the message in handlers.texts.catalogue."""

    key = "error"

    def __init__(self, **params: object) -> None:
        super().__init__(self.key, params)
        self.params = params


class Usage(CrmError):
    key = "usage"


class Printable(Protocol):
    """A command object (handlers.language.commands): it prints itself as the text that parses to it."""

    def to_text(self) -> str:
        """The command line that parses back to this command."""
        ...


class NotFound(CrmError):
    """Nothing matches a name; `create` is a command the user may want instead."""

    key = "not_found"

    def __init__(self, query: str, *, create: Printable | None = None) -> None:
        super().__init__(query=query)
        self.create = create


class RecordGone(CrmError):
    key = "record_gone"


class Ambiguous(CrmError):
    """Several records fit `query`; the engine asks which, then re-runs the command with it."""

    key = "ambiguous"

    def __init__(self, query: str, candidates: Sequence[Candidate]) -> None:
        super().__init__(query=query)
        self.query = query
        self.candidates = candidates


class UnparsableDate(CrmError):
    key = "bad_date"


class TooFarAhead(CrmError):
    """A date or duration beyond the horizon (`years` ahead): a typo, and soon more than a date can hold."""

    key = "too_far"


class ControlCharacters(CrmError):
    """The message holds a control character (a NUL byte, an escape) that no text field can keep."""

    key = "control_characters"


class InvalidValue(CrmError):
    key = "invalid_value"


class ValueTooLarge(CrmError):
    key = "deal_too_large"


class NothingToUndo(CrmError):
    key = "nothing_to_undo"


class AlreadyUndone(CrmError):
    key = "undo_already"


class UndoBlocked(CrmError):
    key = "undo_blocked"


class Expired(CrmError):
    key = "expired"


class NotUnderstood(CrmError):
    key = "not_understood"
