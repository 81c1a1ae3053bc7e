"""The team digest's line about field visits: how many were logged yesterday, and where."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session

from handlers.texts.catalogue import t
from handlers.texts.fmt import short
from storage import visits as store
from storage.models import Company, Contact
from storage.queries import get_row

NAMES_SHOWN = 8


def visit_lines(session: Session, workspace_id: int, lang: str, tz: str, now: datetime) -> list[str]:
    """ "🚗 Visits yesterday: 2 (Acme, Palace)" for the member's yesterday; nothing when there were none."""
    today = datetime.combine(now.astimezone(ZoneInfo(tz)).date(), time(0), tzinfo=ZoneInfo(tz))
    visits = store.visits_between(session=session, workspace_id=workspace_id, start=today - timedelta(days=1),
                                  end=today)
    if not visits:
        return []
    names: list[str] = []
    for visit in visits:
        place = visit.company_id and get_row(session=session, model=Company, workspace_id=workspace_id,
                                             row_id=visit.company_id)
        person = visit.contact_id and get_row(session=session, model=Contact, workspace_id=workspace_id,
                                              row_id=visit.contact_id)
        name = " / ".join(row.name for row in (place, person) if row)
        if name and name not in names:
            names.append(short(name, 40))
    shown = ", ".join(names[:NAMES_SHOWN]) + (", …" if len(names) > NAMES_SHOWN else "")
    return [t(lang, "digest_visits", count=len(visits), names=shown or "–")]
