"""A command waiting for the member's next message: one of its fields holds the hole that message fills."""

from dataclasses import fields, replace
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
