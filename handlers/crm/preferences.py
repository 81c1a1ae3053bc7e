"""Onboarding and the member's own settings: language and time zone."""

from datetime import time
from functools import cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, available_timezones

from handlers.context import MANAGER_ROLES, Context
from handlers.errors import InvalidValue
from handlers.language import commands as c
from handlers.language.holidays_of import valid_region

if TYPE_CHECKING:
    from timezonefinder import TimezoneFinder
from handlers.texts.catalogue import LANGUAGES
from handlers.texts.reply import Button, Reply

DIGEST_TIMES = (time(7), time(8), time(9))
SUGGESTED_ZONES = {"en": ("Europe/London", "America/New_York", "Europe/Berlin"),
                   "de": ("Europe/Berlin", "Europe/Vienna", "Europe/Zurich")}


def start(ctx: Context, _cmd: c.Start) -> Reply:
    buttons = [[Button(zone, command=c.SetTimezone(zone)) for zone in SUGGESTED_ZONES[ctx.lang]],
               [Button(f"☀️ {at:%H:%M}", command=c.Digest("time", at=at)) for at in DIGEST_TIMES]
               + [Button(ctx.t("button_no_digest"), command=c.Digest("off"))],
               [Button("English", command=c.SetLanguage("en")), Button("Deutsch", command=c.SetLanguage("de"))]]
    return Reply(ctx.t("welcome", name=ctx.member.name or "", tz=ctx.tz, digest=ctx.member.digest_time),
                 buttons=buttons)


def set_language(ctx: Context, cmd: c.SetLanguage) -> Reply:
    language = {"english": "en", "englisch": "en", "deutsch": "de", "german": "de"}.get(cmd.language, cmd.language)
    if language not in LANGUAGES:
        raise InvalidValue(field="language", value=cmd.language[:20], reason="en, de")
    ctx.member.language = language
    ctx.session.add(ctx.member)
    return Reply(ctx.t("language_set"))


def set_timezone(ctx: Context, cmd: c.SetTimezone) -> Reply:
    if cmd.position is not None:
        zone = zone_at(*cmd.position)
        if zone is None:
            raise InvalidValue(field="timezone", value=cmd.zone[:40], reason="Europe/Berlin, America/New_York, …")
        ctx.member.timezone = zone
        ctx.session.add(ctx.member)
        return Reply(ctx.t("timezone_from_location", tz=zone))
    zone = find_zone(cmd.zone)
    if zone is None:
        raise InvalidValue(field="timezone", value=cmd.zone[:40], reason="Europe/Berlin, America/New_York, …")
    ctx.member.timezone = zone
    ctx.session.add(ctx.member)
    return Reply(ctx.t("timezone_set", tz=zone))


def set_region(ctx: Context, cmd: c.SetRegion) -> Reply:
    """Show or set the workspace's holiday region: "DE", "DE-BY", "US-CA"."""
    current = "-".join(filter(None, (ctx.workspace.default_region, ctx.workspace.subdivision)))
    if not cmd.country:
        return Reply(ctx.t("region_shown", region=current))
    if ctx.member.role not in MANAGER_ROLES:
        return Reply(ctx.t("region_not_allowed"))
    if not valid_region(cmd.country, cmd.subdivision or None):
        raise InvalidValue(field="region", value=cmd.region[:20], reason="DE, DE-BY, AT-9, US-CA, …")
    ctx.workspace.default_region, ctx.workspace.subdivision = cmd.country, cmd.subdivision or None
    ctx.session.add(ctx.workspace)
    return Reply(ctx.t("region_set", region=cmd.region))


@cache
def _finder() -> "TimezoneFinder":
    from timezonefinder import TimezoneFinder  # numpy and its data: loaded on the first shared location

    return TimezoneFinder()


def zone_at(latitude: float, longitude: float) -> str | None:
    """The IANA zone at a place (a shared location), via timezonefinder."""
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    return _finder().timezone_at(lat=latitude, lng=longitude)


def find_zone(text: str) -> str | None:
    """"Europe/Berlin", "berlin" or "new york" give the IANA zone; None when unknown."""
    wanted = text.strip().replace(" ", "_").casefold()
    zones = available_timezones()
    for zone in zones:
        if zone.casefold() == wanted:
            return zone
    cities = sorted(z for z in zones if z.casefold().endswith("/" + wanted))
    if cities:
        return cities[0]
    if wanted in ("utc", "gmt"):
        ZoneInfo("UTC")
        return "UTC"
    return None
