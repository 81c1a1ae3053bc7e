"""Columns folded from others for the segment filters, kept on every write: ORM inserts and updates (listeners here)
and bulk inserts (storage.bulk.insert_audited adds them to its rows). Contact.source_key is the source in lower case;
Address.city_key and country_key come from the handlers' folds (storage knows no place names), which they register
with keep_place_keys before any address is written.
"""

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import event, inspect

from storage.models.contacts import Address, Contact

Fold = Callable[[str], str]
_FOLDS: dict[str, Fold] = {}


def keep_place_keys(city_key: Fold, country_key: Fold) -> None:
    """Fold every address's city and country with these from now on."""
    _FOLDS.update(city=city_key, country=country_key)


def derived(model: type[Any], row: Mapping[str, Any]) -> dict[str, str]:
    """The folded columns of a contact's or address's values (none for other tables)."""
    if model is Contact:
        return {"source_key": str(row.get("source") or "").lower()}
    if model is Address and _FOLDS:
        return {f"{part}_key": _FOLDS[part](str(row.get(part) or "")) for part in ("city", "country")}
    return {}


_FROM = {Contact: ("source",), Address: ("city", "country")}  # the columns the folded ones are made from


@event.listens_for(Contact, "before_insert")
@event.listens_for(Address, "before_insert")
def _keep_new(_mapper: Any, _connection: Any, row: Contact | Address) -> None:
    _set(row)


@event.listens_for(Contact, "before_update")
@event.listens_for(Address, "before_update")
def _keep_changed(_mapper: Any, _connection: Any, row: Contact | Address) -> None:
    state = inspect(row)
    if any(state.attrs[name].history.has_changes() for name in _FROM[type(row)]):
        _set(row)


def _set(row: Contact | Address) -> None:
    values = {name: getattr(row, name) for name in _FROM[type(row)]}
    for name, value in derived(type(row), values).items():
        setattr(row, name, value)
