"""A command waiting for the member's next message (one of its fields holds the hole that message fills) or for a pick."""

from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

HOLE = "{text}"  # the field (or the word of a tuple field) the next message fills; storage finds waiting commands by it

C = TypeVar("C", bound="DataclassInstance")


def fill(command: C, text: str) -> C:
    """The waiting command with its hole filled by `text`, field by field (dataclasses.replace)."""
    changes = {f.name: _filled(getattr(command, f.name), text) for f in fields(command)
               if _holds(getattr(command, f.name))}
    return replace(command, **changes)


def holds_hole(command: "DataclassInstance") -> bool:
    """Whether a command waits for text: one of its fields is (or contains, in a tuple) the hole."""
    return any(_holds(getattr(command, f.name)) for f in fields(command))


def _holds(value: Any) -> bool:
    if isinstance(value, str):
        return value == HOLE
    return isinstance(value, tuple) and any(_holds(item) for item in value)


def _filled(value: Any, text: str) -> Any:
    if isinstance(value, tuple):
        return tuple(_filled(item, text) for item in value)
    return text if value == HOLE else value


_BRACE = "\x01"  # stands for "{" in a stored command: no HOLE is found where none was meant; no user can type it
_GAP = "\x02"  # where a "which one?" answer goes in a stored command; no user can type it either
_OLD_GAP = "{pick}"


def kept(command: str) -> str:
    """A command line stored to run later as it is: a brace in its words is never taken for a HOLE."""
    return command.replace("{", _BRACE)


def _restored(stored: str) -> str:
    return stored.replace(_BRACE, "{")


@dataclass(frozen=True)
class ChoiceGap:
    """A command waiting for a "which one?": its words before and after the ambiguous name; the pick goes between."""

    before: str
    after: str

    def filled(self, choice: str) -> str:
        """The command line with the chosen record ("#12", "#contact:12") where the name was."""
        return f"{self.before}{choice}{self.after}"

    def to_text(self) -> str:
        """How the gap is stored (see `stored_command`)."""
        return kept(self.before) + _GAP + kept(self.after)


def gap_around(text: str, query: str) -> ChoiceGap | None:
    """The command line with a gap where the ambiguous name was (the rest stays as typed); None when it is not in it."""
    position = text.find(query)
    if position < 0:
        position = text.casefold().find(query.casefold())
    if position < 0:
        return None
    return ChoiceGap(text[:position], text[position + len(query):])


def stored_command(stored: str) -> ChoiceGap | str:
    """A stored command read back: a gap still waiting for its choice, or the command line to run."""
    before, gap, after = stored.partition(_GAP)
    if not gap:  # a row stored before the gap had its own mark: "{pick}" (such rows live a day at most)
        before, gap, after = stored.partition(_OLD_GAP)
    return ChoiceGap(_restored(before), _restored(after)) if gap else _restored(stored)
