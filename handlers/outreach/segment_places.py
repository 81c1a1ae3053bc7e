"""The city and country filters as the keys every address keeps (storage keeps them on write with these folds).

A city matches case- and accent-insensitively and by its other names (münchen, muenchen, München, Munich); a
country by its name in English or German or its ISO code, whether the address holds the code or a name.
"""

from functools import lru_cache

from handlers.language.places import city_key, country_key
from storage import segment_places as store
from storage.models import keep_place_keys

FIELDS = store.FIELDS


keep_place_keys(lru_cache(maxsize=65_536)(city_key), country_key)


def resolved(field: str, asked: tuple[str, ...]) -> tuple[str, ...]:
    """The keys of the asked cities or countries, as the addresses keep them (nothing is read); postcodes as asked."""
    if field == "postcode":
        return asked
    key = city_key if field == "city" else country_key
    return tuple(sorted({key(name) for name in asked}))
