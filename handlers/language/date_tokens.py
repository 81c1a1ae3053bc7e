"""The date fast path's tokens: one regex per kind of token, its builder, and time-zone suffixes."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta, timezone, tzinfo
from functools import cache
from zoneinfo import ZoneInfo

from handlers.language.date_builders import (
    read_ago,
    read_day_month_name,
    read_dotted,
    read_half_hour,
    read_holiday,
    read_iso,
    read_last_day,
    read_month_day,
    read_month_end,
    read_month_name_day,
    read_next_week,
    read_now,
    read_nth_weekday,
    read_offset,
    read_period,
    read_relative,
    read_slashed,
    read_today_period,
    read_week_end,
    read_weekday,
)
from handlers.language.date_parts import Built, alt
from handlers.language.holidays_of import WORDS as HOLIDAY_WORDS
from handlers.language.time_builders import (
    read_ampm,
    read_colon,
    read_dot_time,
    read_english_quarter,
    read_german_quarter,
    read_hour_before_period,
    read_keyword_hour,
    read_midnight,
    read_uhr,
)
from handlers.language.vocabulary import dates as v

_Y = r"(?:19|20)\d\d"
_M = alt(v.MONTHS)
_WD = alt(v.WEEKDAYS)
_WD_LONG = alt(w for w in v.WEEKDAYS if w not in v.SHORT_GERMAN)
_ORD = alt(v.ORDINALS)
_ORD_EN = alt(w for w in v.ORDINALS if w.isascii() and not w.endswith(("e", "er", "en", "em", "es")))
_HOUR = alt(v.HOURS)
_MIN = alt(v.MINUTES)
_COUNT = rf"\d{{1,3}}\s*|(?:{alt(v.NUMBERS)})\s+"
_UNIT = alt(v.UNITS | v.MONTH_UNITS)
_END = r"(?![\w:/]|[.,]\d)"  # a number ends here
_DAYNUM = rf"\d\d?(?:st|nd|rd|th|ten|ter|tem|te|\.)?|{_ORD}"
_YEAR_AFTER = (rf"{_Y}|['’]\d\d|\d\d(?!\d|\s*(?:[:.h]\d|uhr|o['’]clock|[ap]\.?m)(?!\w)|:\d)")
_NEXT = r"next|the\s+next|coming|this|n(?:ä|ae|a)chste[nrms]?|kommende[nrms]?|diese[nrms]?"
_MONTH_REF = rf"(?:(?:the|dem|des)\s+)?(?:(?P<{{g}}>{_NEXT})\s+)?(?:month|monats?)"
_APPROX = (r"(?:(?:at|um|@|gegen|around|about|ab|circa|ca\.|ungefähr|ungefaehr|etwa"
           r"|approximately|approx\.?|so\s+gegen|so\s+um)\s*)?")
_AM = rf"(?:(?<=\d)am|(?<=\s)am(?!\s+(?:{alt(v.GERMAN_AFTER_AM)})(?![\w.])))"
_BEFORE_PERIOD = (r"in\s+the\s+(?:morning|afternoon|evening)|at\s+night|tonight|this\s+(?:morning"
                  r"|afternoon|evening)|(?:today|tomorrow|tmrw|heute|morgen)\s+(?:morning|afternoon"
                  r"|evening|night|früh|abend|nachmittag|vormittag|mittag)|morgens|abends|nachts"
                  r"|nachmittags|vormittags|am\s+(?:abend|nachmittag|morgen|vormittag)")
_HOL_LEAD = r"(?:right\s+|kurz\s+|just\s+)?(?:after|before|nach|vor)"
_HOL_DET = rf"the|dem|den|an|zu|this|{_NEXT}"

KINDS: tuple[tuple[str, str, Callable[[re.Match[str]], Built]], ...] = (
    ("iso", rf"(?P<iso_y>{_Y})-(?P<iso_m>\d\d?)-(?P<iso_d>\d\d?)(?![\w-]|[.,/:]\d)", read_iso),
    ("hol", rf"(?:(?P<hol_rel>{_HOL_LEAD})\s+)?(?:(?:{_HOL_DET})\s+)?(?P<hol_w>{alt(HOLIDAY_WORDS)})"
            rf"(?:\s+(?P<hol_y>{_Y}))?(?!\w)", read_holiday),
    ("nth", rf"(?:(?:the|am|den|der|dem)\s+)?(?P<nth_n>{alt(v.NTH)})\s+(?P<nth_w>{_WD_LONG})\s+"
            rf"(?:of|in|im|des)\s+(?:(?P<nth_m>{_M})(?!\w)|{_MONTH_REF.format(g='nth_x')})(?!\w)",
     read_nth_weekday),
    ("dmn", rf"(?:(?:the|den|dem|der|die)\s+)?(?P<dmn_d>{_DAYNUM})\s*(?:(?:of|im)\s+)?"
            rf"(?P<dmn_m>{_M})\.?(?:,?\s+(?P<dmn_y>{_YEAR_AFTER}))?(?!\w)", read_day_month_name),
    ("mnd", rf"(?P<mnd_m>{_M})\.?\s+(?:the\s+)?(?P<mnd_d>\d\d?(?:st|nd|rd|th)?|{_ORD_EN})"
            rf"(?:,?\s+(?P<mnd_y>{_Y}|['’]\d\d))?{_END}", read_month_name_day),
    ("dot", rf"(?<![\d.])(?P<dot_d>\d\d?)\.\s?(?P<dot_m>\d\d?)\."
            rf"(?:(?P<dot_y>{_Y}|\d\d)(?!\d))?(?!\w|[.,]\d)", read_dotted),
    ("sl", rf"(?<![\d./])(?P<sl_m>\d\d?)/(?P<sl_d>\d\d?)(?:/(?P<sl_y>{_Y}|\d\d)(?!\d))?"
           rf"(?![\w/]|[.,]\d)", read_slashed),
    ("ap", rf"{_APPROX}(?P<ap_h>\d\d?)(?::(?P<ap_m>\d\d))?\s*"
           rf"(?P<ap_x>p(?:m|\.m\.)|a\.m\.|{_AM})(?!\w)", read_ampm),
    ("a1", r"(?:at|@)\s*(?P<a1_h>\d\d?)(?::(?P<a1_m>\d\d))?(?P<a1_x>[ap])(?!\w)", read_ampm),
    ("qh", rf"{_APPROX}(?P<qh_q>half|(?:a\s+)?quarter|(?:\d\d?|{_MIN})(?:\s+min(?:ute)?s?)?)\s+"
           rf"(?P<qh_r>past|after|to|till|before|of)\s+(?P<qh_h>\d\d?|{_HOUR}|noon|midnight)"
           rf"(?:\s*(?P<qh_x>[ap](?:m|\.m\.)))?(?![\w:])", read_english_quarter),
    ("hb", rf"{_APPROX}(?P<hb_q>halb|viertel\s+nach|viertel\s+vor|dreiviertel|drei\s+viertel"
           rf"|(?:\d\d?|{_MIN})\s+(?:minuten\s+)?(?:nach|vor)(?:\s+halb)?)\s+"
           rf"(?P<hb_h>\d\d?|{_HOUR}|mitternacht)(?:\s*uhr)?(?![\w:]|[.,]\d)", read_german_quarter),
    ("hm", rf"{_APPROX}(?<![\d:.])(?P<hm_h>\d\d?)(?::|h(?=\d\d))(?P<hm_m>\d\d)"
           r"(?:\s*(?:uhr|h)(?!\w))?(?![\w:]|[.,]\d)", read_colon),
    ("hd", r"(?:(?P<hd_k>at|um|gegen|ab|circa|ca\.|etwa)\s*)?(?<![\d.])(?P<hd_h>\d\d?)\."
           r"(?P<hd_m>\d\d)(?P<hd_u>\s*uhr)?(?!\w|[.,]\d)", read_dot_time),
    ("uhr", rf"{_APPROX}(?P<uhr_h>\d\d?|{_HOUR})\s*(?P<uhr_w>uhr|o['’]?clock)"
            r"(?:\s+(?P<uhr_m>[0-5]\d)(?![\d:.]|\s*(?:minuten|min|leute|personen)))?(?!\w)", read_uhr),
    ("mn", r"(?:(?:at|um|around|gegen|by|bis)\s+)?(?:midnight|mitternacht)(?!\w)", read_midnight),
    ("bh", rf"(?P<bh_h>\d\d?|{_HOUR})(?::(?P<bh_m>\d\d))?(?=\s+(?:{_BEFORE_PERIOD})(?!\w))",
     read_hour_before_period),
    ("kwh", rf"(?:at|um|@|gegen|around|circa|ca\.)\s*(?P<kwh_h>\d\d?){_END}", read_keyword_hour),
    ("tp", rf"(?P<tp_w>{alt(v.TODAY_PERIODS)})(?!\w)", read_today_period),
    ("per", rf"(?:(?:at|um|gegen|around)\s+)?(?P<per_w>{alt(v.PERIODS)})(?!\w)", read_period),
    ("rel", rf"(?P<rel_w>{alt(v.RELATIVE_DAYS)})(?!\w)", read_relative),
    ("nw", r"(?:(?P<nw_2>(?:the\s+)?week\s+after\s+next|(?:in\s+der\s+)?(?:ü|ue)bern(?:ä|ae)chste"
           r"n?\s+woche)|(?:next|this\s+coming|coming)\s+week|(?:in\s+der\s+)?"
           r"(?:n(?:ä|ae|a)chste|kommende)n?\s+woche)(?!\w)", read_next_week),
    ("wke", r"(?:(?:the\s+)?end\s+of|ende)\s+(?:the\s+|der\s+|dieser\s+|this\s+)?"
            r"(?P<wke_n>next\s+|n(?:ä|ae)chster\s+|kommender\s+)?(?:week|woche)(?!\w)", read_week_end),
    ("ldm", rf"(?:the\s+)?(?:last\s+day\s+of|end\s+of|letzte[nr]?\s+tag\s+(?:im|des|vom|von|in)"
            rf"|ende)\s+(?:the\s+)?(?:(?P<ldm_m>{_M})(?!\w)|{_MONTH_REF.format(g='ldm_x')})(?!\w)",
     read_last_day),
    ("eom", r"(?:zum\s+)?monatsende(?!\w)", read_month_end),
    ("wd", rf"(?:(?P<wd_mod>{alt([*v.MODIFIERS, *v.AFTER_NEXT, *v.LAST])})\s+)?(?P<wd_w>{_WD})"
           r"(?P<wd_dot>\.(?!\d))?(?P<wd_an>\s+after\s+next)?(?!\w)", read_weekday),
    ("md", rf"(?:(?P<md_a>the|den|dem)\s+)?(?P<md_d>\d\d?(?:st|nd|rd|th|ten|ter|tem|te|\.)"
           rf"|{_ORD})(?:\s+(?:of\s+)?(?P<md_r>(?:the\s+)?(?:next|this|coming)\s+month|(?:des\s+)?"
           r"(?:n(?:ä|ae)chsten|kommenden|diesen|dieses)\s+monats|im\s+(?:n(?:ä|ae)chsten|kommenden)"
           r"\s+monat))?(?!\w)", read_month_day),
    ("half", r"in\s+(?:half\s+an\s+hour|a\s+half\s+hour|einer\s+halben\s+stunde)(?!\w)",
     read_half_hour),
    ("off", rf"in\s+(?P<off_n>{_COUNT})(?P<off_u>{_UNIT})(?:['’]s?\s+time)?(?!\w)", read_offset),
    ("fn", rf"(?P<fn_n>{_COUNT})(?P<fn_u>{_UNIT})\s+from\s+now(?!\w)", read_offset),
    ("ago", rf"(?:(?P<ago_n>{_COUNT})(?P<ago_u>{_UNIT})\s+ago|vor\s+(?P<ago_n2>{_COUNT})"
            rf"(?P<ago_u2>{alt(v.UNITS)}))(?!\w)", read_ago),
    ("now", r"(?P<now_w>right\s+now|right\s+away|immediately|asap|now|jetzt|sofort)(?!\w)", read_now),
)


@cache
def token() -> re.Pattern[str]:
    """The pattern of every date and time word, compiled when first read (about 45 ms; not before a first reply)."""
    return re.compile(r"(?<![\w'’])(?:" + "|".join(f"(?P<{kind}>{pattern})" for kind, pattern, _ in KINDS) + ")",
                      re.IGNORECASE)


BUILDERS = {kind: build for kind, _, build in KINDS}
_ZONE_NAMES = [*v.ZONES, *(z.lower() for z in v.ZONES if len(z) >= 3 and z not in ("IST", "MST"))]
ZONE_SUFFIX = re.compile(rf"\s*\(?\s*(?P<z>{alt(_ZONE_NAMES)})(?:\s*(?P<sign>[+-])(?P<oh>\d\d?)"
                         r"(?::?(?P<om>\d\d))?)?\s*\)?(?![\w+-])")


def zone_of(m: re.Match[str]) -> tzinfo:
    """The zone a suffix names: 3pm EST, 14 Uhr MEZ, 10am PT, 9:00 UTC+2."""
    zone = v.ZONES[m["z"].upper()]
    if m["sign"]:
        sign = 1 if m["sign"] == "+" else -1
        return timezone(sign * timedelta(hours=int(m["oh"]), minutes=int(m["om"] or 0)))
    return ZoneInfo(zone) if isinstance(zone, str) else zone
