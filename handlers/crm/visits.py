"""Field visits: a shared location, "at Acme" after it files a visit, /near lists what is close by."""

import math
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

from handlers.context import Context
from handlers.crm.resolve import resolve, resolve_entry
from handlers.crm.undo import undo_button
from handlers.errors import RecordGone
from handlers.language.visit_commands import Near, Place, read_place
from handlers.texts.fmt import when
from handlers.texts.reply import Reply
from storage import visits as store
from storage.models import Company, Contact, Interaction

VISIT_WINDOW = timedelta(minutes=30)  # "at Acme" this long after sharing a location files a visit
NEAR_WINDOW = timedelta(hours=2)  # /near uses a location shared this long ago
EARTH_KM = 6371.0088
KM_PER_DEGREE = 111.32
NEAR_LIMIT = 15


def located(ctx: Context, position: tuple[float, float], run: Callable[[], Reply]) -> Reply:
    """Keep the member's shared location, run what came with it (the time zone), and say what it is good for."""
    latitude, longitude = position
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return run()
    ctx.member.located_latitude, ctx.member.located_longitude, ctx.member.located_at = latitude, longitude, ctx.now
    ctx.session.add(ctx.member)
    reply = run()
    return replace(reply, text=f"{reply.text}\n{ctx.t('location_hint')}".strip())


def fresh_location(ctx: Context, window: timedelta) -> tuple[float, float] | None:
    member = ctx.member
    if member.located_at is None or member.located_latitude is None or member.located_longitude is None:
        return None
    if ctx.now - _aware(member.located_at, ctx.now) > window:
        return None
    return member.located_latitude, member.located_longitude


def after_location(ctx: Context, text: str) -> Reply | None:
    """ "at Acme" / "bei Acme, Anna" shortly after a shared location: a visit; None for anything else."""
    place = read_place(text)
    if place is None:
        return None
    position = fresh_location(ctx, VISIT_WINDOW)
    if position is None:
        return None
    return record_visit(ctx, place, position, text)


def record_visit(ctx: Context, place: Place, position: tuple[float, float], text: str) -> Reply:
    """An interaction of kind visit on the company (and the contact named); the first visit places the company."""
    entry = resolve_entry(ctx, place.company, ("company",))
    company = ctx.get(Company, entry.id)
    if company is None:
        raise RecordGone()
    contact = resolve(ctx, place.contact) if place.contact else None
    assert contact is None or isinstance(contact, Contact)
    since = _aware(ctx.member.located_at or ctx.now, ctx.now)
    if store.visit_since(session=ctx.session, workspace_id=company.workspace_id, member_id=ctx.member.id or 0,
                         company_id=company.id or 0, since=since):
        return Reply(ctx.t("visit_already", company=company.name))
    ctx.add(Interaction(workspace_id=company.workspace_id, kind="visit", text=text.strip()[:4000],
                        company_id=company.id, contact_id=contact.id if contact else None,
                        author_id=ctx.member.id, created_at=ctx.now))
    lines = [ctx.t("visit_logged", company=company.name) + (f" · 👤 {contact.name}" if contact else "")]
    if company.latitude is None or company.longitude is None:
        ctx.update(company, latitude=position[0], longitude=position[1])
        lines.append(ctx.t("visit_placed", company=company.name))
    return Reply("\n".join(lines), buttons=[[undo_button(ctx)]], changed=True)


def near(ctx: Context, cmd: Near) -> Reply:
    """Companies and contacts within the radius of the last shared location, nearest first."""
    position = fresh_location(ctx, NEAR_WINDOW)
    if position is None:
        return Reply(ctx.t("near_needs_location"))
    box = bounding_box(position, cmd.km)
    workspace_id = ctx.workspace.id or 0
    found: list[tuple[float, str, Company | Contact]] = []
    for kind, rows in (("company", store.companies_in(session=ctx.session, workspace_id=workspace_id, box=box)),
                       ("contact", store.contacts_in(session=ctx.session, workspace_id=workspace_id, box=box))):
        for row in rows:
            distance = haversine_km(position, (row.latitude or 0.0, row.longitude or 0.0))
            if distance <= cmd.km:
                found.append((distance, kind, row))
    if not found:
        return Reply(ctx.t("near_none", km=cmd.km))
    found.sort(key=lambda item: (item[0], item[2].name))
    shown = found[:NEAR_LIMIT]
    return Reply("\n".join([ctx.t("near_header", km=cmd.km)] + near_lines(ctx, shown)))


def near_lines(ctx: Context, shown: list[tuple[float, str, Company | Contact]]) -> list[str]:
    """One line per record: distance, open tasks, last visit."""
    workspace_id = ctx.workspace.id or 0
    company_ids = [row.id for _, kind, row in shown if kind == "company" and row.id is not None]
    contact_ids = [row.id for _, kind, row in shown if kind == "contact" and row.id is not None]
    people = store.company_contacts(session=ctx.session, workspace_id=workspace_id, company_ids=company_ids)
    tasks = store.open_task_counts(session=ctx.session, workspace_id=workspace_id,
                                   contact_ids=contact_ids + [c for ids in people.values() for c in ids])
    visited = {("company", k): v for k, v in store.last_visits(
        session=ctx.session, workspace_id=workspace_id, column="company_id", ids=company_ids).items()}
    visited |= {("contact", k): v for k, v in store.last_visits(
        session=ctx.session, workspace_id=workspace_id, column="contact_id", ids=contact_ids).items()}
    lines = []
    for distance, kind, row in shown:
        row_id = row.id or 0
        count = sum(tasks.get(c, 0) for c in people.get(row_id, [])) if kind == "company" else tasks.get(row_id, 0)
        last = visited.get((kind, row_id))
        seen = ctx.t("near_last_visit", when=when(_aware(last, ctx.now), ctx.tz, ctx.lang, now=ctx.now)) if last \
            else ctx.t("near_never_visited")
        icon = "🏢" if kind == "company" else "👤"
        lines.append(ctx.t("near_line", icon=icon, name=row.name, km=f"{distance:.1f}", tasks=count, visit=seen))
    return lines


def bounding_box(position: tuple[float, float], km: float) -> store.Box:
    """The box around a point that holds every point within `km` (a prefilter for the exact distance).

    A box over the 180th meridian has its west edge east of its east edge (west > east), as GeoJSON's do.
    """
    latitude, longitude = position
    dlat = km / KM_PER_DEGREE
    dlon = km / (KM_PER_DEGREE * max(math.cos(math.radians(latitude)), 0.01))
    south, north = max(latitude - dlat, -90.0), min(latitude + dlat, 90.0)
    if dlon >= 180 or north == 90.0 or south == -90.0:  # round the globe, or over a pole: every longitude
        return south, north, -180.0, 180.0
    return south, north, _wrapped(longitude - dlon), _wrapped(longitude + dlon)


def _wrapped(longitude: float) -> float:
    """A longitude put back into -180..180."""
    return (longitude + 180.0) % 360.0 - 180.0 if not -180.0 <= longitude <= 180.0 else longitude


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The great-circle distance between two points in km."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(h))


def _aware(moment: datetime, now: datetime) -> datetime:
    """SQLite gives datetimes back without a zone: read them as the clock's (UTC)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=now.tzinfo)
