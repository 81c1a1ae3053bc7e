"""The city and country filters resolved against the workspace: the stored spellings that mean what was asked.

A city matches case- and accent-insensitively and by its other names (münchen, muenchen, München, Munich); a
country by its name in English or German or its ISO code, whether the address holds the code or a name.
"""

from functools import lru_cache

from handlers.context import Context
from handlers.language.countries import country_code
from handlers.language.names import fold
from handlers.language.places import city_keys
from storage import segment_places as store

FIELDS = store.FIELDS
folded = lru_cache(maxsize=65_536)(fold)  # a workspace's few thousand spellings, folded once per process


def resolved(ctx: Context, field: str, asked: tuple[str, ...]) -> tuple[str, ...]:
    """The stored cities or countries matching any of the asked ones (none: nobody matches); postcodes as asked."""
    if field == "postcode":
        return asked
    wanted = _cities(asked) if field == "city" else _countries(asked)
    key = folded if field == "city" else _country_key
    stored = store.stored_values(session=ctx.session, workspace_id=ctx.workspace_id, field=field)
    return tuple(value for value in stored if key(value) in wanted)


def _cities(asked: tuple[str, ...]) -> set[str]:
    return {key for name in asked for key in city_keys(name)}


@lru_cache(maxsize=4096)
def _country_key(value: str) -> str:
    """An address's country as its ISO code when it names one, else folded as written."""
    return country_code(value) or fold(value)


def _countries(asked: tuple[str, ...]) -> set[str]:
    return {_country_key(name) for name in asked}
