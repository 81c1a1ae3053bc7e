"""Columns folded from others for the segment filters, kept on every write: ORM inserts and updates (listeners here)
and bulk inserts (storage.bulk.insert_audited adds them to its rows). Contact.source_key is the source in lower case;
CustomValue.number is the value read as a number (None where it is none); Address.city_key and country_key come from the handlers' folds (storage knows no place names), which they register
with keep_place_keys before any address is written.
"""

import math
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import event, inspect

from storage.models.contacts import Address, Contact, CustomValue

Fold = Callable[[str], str]
_FOLDS: dict[str, Fold] = {}


def keep_place_keys(city_key: Fold, country_key: Fold) -> None:
    """Fold every address's city and country with these from now on."""
    _FOLDS.update(city=city_key, country=country_key)


def number_of(value: str) -> float | None:
    """A stored value as a finite number ("1500.5"), or None."""
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def derived(model: type[Any], row: Mapping[str, Any]) -> dict[str, Any]:
    """The folded columns of a contact's, address's or custom value's values (none for other tables)."""
    if model is CustomValue:
        return {"number": number_of(str(row.get("value") or ""))}
    if model is Contact:
        return {"source_key": str(row.get("source") or "").lower()}
    if model is Address and _FOLDS:
        return {f"{part}_key": _FOLDS[part](str(row.get(part) or "")) for part in ("city", "country")}
    return {}


_FROM: dict[type[Any], tuple[str, ...]] = {Contact: ("source",), Address: ("city", "country"), CustomValue: ("value",)}  # the columns the folded ones are made from


@event.listens_for(Contact, "before_insert")
@event.listens_for(Address, "before_insert")
@event.listens_for(CustomValue, "before_insert")
def _keep_new(_mapper: Any, _connection: Any, row: Contact | Address | CustomValue) -> None:
    _set(row)


@event.listens_for(Contact, "before_update")
@event.listens_for(Address, "before_update")
@event.listens_for(CustomValue, "before_update")
def _keep_changed(_mapper: Any, _connection: Any, row: Contact | Address | CustomValue) -> None:
    state = inspect(row)
    if any(state.attrs[name].history.has_changes() for name in _FROM[type(row)]):
        _set(row)


def _set(row: Contact | Address | CustomValue) -> None:
    values = {name: getattr(row, name) for name in _FROM[type(row)]}
    for name, value in derived(type(row), values).items():
        setattr(row, name, value)
