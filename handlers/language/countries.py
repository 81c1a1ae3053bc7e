"""Country names (English, German, ISO codes) to ISO 3166 alpha-2 codes and back, through pycountry."""

import gettext
from functools import cache

from handlers.language.names import fold

ALIASES = {"uk": "GB", "england": "GB", "great britain": "GB", "grossbritannien": "GB", "usa": "US",
           "united states": "US", "vereinigte staaten": "US", "holland": "NL", "russia": "RU", "south korea": "KR",
           "korea": "KR", "turkei": "TR", "turkey": "TR", "czech republic": "CZ", "tschechien": "CZ"}


@cache
def _by_name() -> dict[str, str]:
    """Folded English and German names, official names and codes -> alpha-2."""
    import pycountry  # loads when a country is first named

    german = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"], fallback=True)
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "official_name", ""), getattr(country, "common_name", ""),
                     country.alpha_2, country.alpha_3):
            if name:
                names.setdefault(fold(name), country.alpha_2)
                names.setdefault(fold(german.gettext(name)), country.alpha_2)
    names.update(ALIASES)
    return names


def country_code(value: str) -> str | None:
    """The ISO code of a country named in English or German, or given by its code; None when unknown."""
    key = fold(value).strip(" .")
    return _by_name().get(key) if key else None


def country_name(code: str) -> str:
    """The English short name of an ISO code ("DE" -> "Germany"); an unknown code as it is."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code.upper())
    return getattr(country, "common_name", None) or country.name if country else code
