"""Place names for the segment filters, pure: a city's folded spellings (münchen, muenchen, Munich) and prefixes."""

from functools import lru_cache

from handlers.language.countries import country_code
from handlers.language.names import fold

# English, German and local names of one city; fold() already makes münchen, muenchen and München one key
CITY_NAMES: tuple[tuple[str, ...], ...] = (
    ("München", "Munich", "Monaco di Baviera"), ("Köln", "Cologne"), ("Nürnberg", "Nuremberg"),
    ("Hannover", "Hanover"), ("Braunschweig", "Brunswick"), ("Wien", "Vienna"), ("Zürich", "Zurich"),
    ("Genf", "Geneva", "Genève"), ("Prag", "Prague", "Praha"), ("Warschau", "Warsaw", "Warszawa"),
    ("Mailand", "Milan", "Milano"), ("Rom", "Rome", "Roma"), ("Venedig", "Venice", "Venezia"),
    ("Florenz", "Florence", "Firenze"), ("Neapel", "Naples", "Napoli"), ("Turin", "Torino"),
    ("Lissabon", "Lisbon", "Lisboa"), ("Kopenhagen", "Copenhagen", "København"), ("Brüssel", "Brussels",
    "Bruxelles", "Brussel"), ("Antwerpen", "Antwerp"), ("Den Haag", "The Hague"), ("Moskau", "Moscow"),
    ("Athen", "Athens"), ("Straßburg", "Strasbourg"), ("Luxemburg", "Luxembourg"), ("Danzig", "Gdańsk"),
    ("Breslau", "Wrocław"), ("Krakau", "Kraków", "Cracow"), ("Pressburg", "Bratislava"), ("Belgrad", "Belgrade"),
    ("Bukarest", "Bucharest"), ("Kiew", "Kyiv", "Kiev"),
    ("Sankt Gallen", "St. Gallen", "St Gallen"), ("Sankt Pölten", "St. Pölten"),
)
_SAME_CITY = {fold(name): frozenset(fold(n) for n in names) for names in CITY_NAMES for name in names}


def city_keys(name: str) -> frozenset[str]:
    """Every folded spelling that names the same city ("munich" -> {"munchen", "munich", ...})."""
    key = fold(name)
    return _SAME_CITY.get(key, frozenset({key}))


def city_key(name: str) -> str:
    """The one key a city is stored and asked by: the smallest of its folded names, the same for each of them
    (München, Muenchen, Munich all give "monaco di baviera"); an unknown city is its folded self."""
    return min(city_keys(name))


def postcode_prefix(value: str) -> str:
    """A postcode prefix as typed ("80*", "80", "SW1A") without the star and spaces, upper case."""
    return "".join(value.split()).rstrip("*").upper()


@lru_cache(maxsize=4096)
def country_key(value: str) -> str:
    """An address's country as its ISO code when it names one, else folded as written."""
    return country_code(value) or fold(value)
