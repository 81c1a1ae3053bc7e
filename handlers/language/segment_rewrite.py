"""Rewrite a saved segment's query when a tag is renamed or merged, pure: `tag:vip,hot` -> `tag:gold,hot`.

Only the values of tag parts change (any tag alias, negated or not, `#` kept); every other part stays as typed.
"""

import re

from handlers.language.names import fold
from handlers.language.segment_query import FIELD_OF

_TAG_NAMES = "|".join(sorted((re.escape(a) for a, spec in FIELD_OF.items() if spec.name == "tag"), key=len,
                             reverse=True))
_TAG_PART = re.compile(rf'(?<![^\s])(?P<head>-?(?:{_TAG_NAMES}):)(?P<values>[^\s"]+)(?=\s|$)', re.IGNORECASE)


def rename_tag(query: str, old_key: str, new_name: str) -> str:
    """The query with the tag whose folded name is `old_key` called `new_name` (a value named twice kept once)."""

    def values(match: re.Match[str]) -> str:
        kept: list[str] = []
        for value in match["values"].split(","):
            hashed = value.startswith("#")
            if value and fold(value.lstrip("#")) == old_key:
                value = ("#" if hashed else "") + new_name
            if fold(value.lstrip("#")) not in {fold(v.lstrip("#")) for v in kept}:
                kept.append(value)
        return match["head"] + ",".join(kept)

    return _TAG_PART.sub(values, query)
