"""The calendar feed: a member's tasks and meetings at a secret, revocable iCalendar URL."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from bot.web.pages import crm_of
from handlers.web.access import Bearer, TokenRefused
from handlers.web.views import calendar_feed

router = APIRouter(include_in_schema=False)


@router.get("/calendar/{token}.ics")
def feed(request: Request, token: str) -> Response:
    """The feed behind a token from /web calendar; an unknown or revoked token gets 404."""
    try:
        body = crm_of(request).view_as(Bearer("calendar", token), calendar_feed)
    except TokenRefused:
        return Response("Not found", status_code=404, media_type="text/plain")
    return Response(body, media_type="text/calendar; charset=utf-8", headers={"Cache-Control": "private, max-age=300"})
