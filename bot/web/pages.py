"""The pages: sign-in, the pipeline board, cards, due tasks, reports, search, and the one door for writes."""

import base64
from functools import partial
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from bot.web import auth
from handlers.engine import Crm
from handlers.errors import CrmError
from handlers.language import commands as c
from handlers.language.parser import MAX_ID
from handlers.registry import run
from handlers.texts.catalogue import section, t
from handlers.texts.reply import Incoming, Reply
from handlers.web.access import Holder, first_use, signed_in
from handlers.web.views import board, due_tasks

router = APIRouter(include_in_schema=False)
KINDS = {"contact": "#{id}", "company": "#company:{id}", "deal": "#deal:{id}"}


class SignInNeeded(Exception):
    """No valid session: the page answers with the sign-in page (401)."""


class TelegramSignIn(BaseModel):
    init_data: str = Field(max_length=4096)


class Action(BaseModel):
    command: str = Field(min_length=1, max_length=8000)


def crm_of(request: Request) -> Crm:
    crm: Crm = request.app.state.crm
    return crm


def viewer(request: Request) -> Holder:
    """Who is signed in, from the session cookie."""
    holder = auth.session_holder(request.app.state.config.secret, request.cookies.get(auth.COOKIE),
                                 crm_of(request).now())
    if holder is None:
        raise SignInNeeded()
    return holder


def incoming(holder: Holder, text: str = "") -> Incoming:
    return Incoming(text=text, workspace_key=holder.workspace_key, user_id=holder.user_id, language=holder.language)


def render(request: Request, template: str, holder: Holder | None, status: int = 200, **values: Any) -> HTMLResponse:
    language = holder.language if holder else "en"
    cookie = request.cookies.get(auth.COOKIE, "")
    csrf = auth.csrf_token(request.app.state.config.secret, cookie) if holder else ""
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, template, {"t": section(language, "web_page"), "lang": language, "csrf": csrf, **values},
        status_code=status)
    return response


def signed_in_response(request: Request, holder: Holder, response: Response) -> Response:
    """Set the session cookie: HttpOnly, SameSite=Lax, Secure under https."""
    config = request.app.state.config
    response.set_cookie(auth.COOKIE, auth.session_cookie(config.secret, holder, crm_of(request).now()),
                        max_age=int(auth.SESSION_LIFETIME.total_seconds()), httponly=True, samesite="lax",
                        secure=config.secure)
    return response


@router.get("/signin", response_class=HTMLResponse)
def sign_in_page(request: Request) -> HTMLResponse:
    return render(request, "signin.html", None, status=401)


@router.get("/login")
def login(request: Request, t: str = Query("", max_length=100)) -> Response:
    """A one-time link from /web: sign in and go to the board; a used or stale one gets 401."""
    crm = crm_of(request)
    holder = signed_in(crm.db, "login", t, crm.now())
    if holder is None:
        return render(request, "signin.html", None, status=401, stale=True)
    return signed_in_response(request, holder, RedirectResponse("/", status_code=303))


@router.post("/auth/telegram")
def telegram_sign_in(request: Request, body: TelegramSignIn) -> Response:
    """A Mini App's initData, checked against the bot token, fresh and used once, signs its user in."""
    crm = crm_of(request)
    now = crm.now()
    found = auth.telegram_user(body.init_data, request.app.state.config.bot_token, now)
    if found is None or not first_use(crm.db, f"webapp:{found[1]}", now):
        return JSONResponse({"title": "Unauthorized", "status": 401, "detail": "initData is not valid."},
                            status_code=401, media_type="application/problem+json")
    user, _hash = found
    holder = Holder(f"telegram:{user['id']}", str(user["id"]), str(user.get("language_code") or "en")[:5])
    name = " ".join(str(user.get(k) or "") for k in ("first_name", "last_name")).strip()
    crm.run(Incoming(text="", workspace_key=holder.workspace_key, user_id=holder.user_id, user_name=name,
                     language=holder.language), lambda ctx: Reply(""))  # a first visit joins, as a first message does
    return signed_in_response(request, holder, Response(status_code=204))


@router.post("/logout")
def logout(request: Request, holder: Holder = Depends(viewer)) -> Response:
    response = RedirectResponse("/signin", status_code=303)
    response.delete_cookie(auth.COOKIE)
    return response


@router.get("/", response_class=HTMLResponse)
def board_page(request: Request, holder: Holder = Depends(viewer)) -> HTMLResponse:
    columns = crm_of(request).view(incoming(holder), board)
    return render(request, "board.html", holder, columns=columns, page="board")


@router.get("/card/{kind}/{row_id}", response_class=HTMLResponse)
def card_page(request: Request, kind: str, row_id: int, holder: Holder = Depends(viewer)) -> HTMLResponse:
    if kind not in KINDS or not 0 < row_id <= MAX_ID:
        return render(request, "message.html", holder, status=404, message=t(holder.language, "web_page.not_found"))
    try:
        reply = crm_of(request).view(incoming(holder), lambda ctx: run(ctx, c.Show(KINDS[kind].format(id=row_id))))
    except CrmError:
        return render(request, "message.html", holder, status=404, message=t(holder.language, "web_page.not_found"))
    return render(request, "card.html", holder, reply=reply, lines=reply.text.splitlines(), page="card",
                  buttons=web_buttons(reply))


@router.get("/tasks", response_class=HTMLResponse)
def tasks_page(request: Request, holder: Holder = Depends(viewer)) -> HTMLResponse:
    return render(request, "tasks.html", holder, tasks=crm_of(request).view(incoming(holder), due_tasks), page="tasks")


@router.get("/reports", response_class=HTMLResponse)
def reports_page(request: Request, holder: Holder = Depends(viewer)) -> HTMLResponse:
    crm = crm_of(request)
    shown = [report_view(crm.view(incoming(holder), partial(run, command=text)))
             for text in ("/report", "/forecast")]
    return render(request, "reports.html", holder, reports=shown, page="reports")


def report_view(reply: Reply) -> dict[str, Any]:
    """A report's lines and its chart as a data URL."""
    image = None
    if reply.file is not None and reply.file.image:
        image = f"data:{reply.file.mime_type};base64,{base64.b64encode(reply.file.content).decode()}"
    return {"lines": reply.text.splitlines(), "image": image}


@router.get("/suggest")
def suggest(request: Request, q: str = Query("", max_length=200), holder: Holder = Depends(viewer)) -> JSONResponse:
    """Search as you type: contacts, companies and deals whose names match."""
    found = crm_of(request).suggest(holder.workspace_key, q, kinds=("contact", "company", "deal"), limit=8)
    return JSONResponse([{"label": label, "href": card_href(reference)} for reference, label in found])


@router.post("/act")
def act(request: Request, action: Action, holder: Holder = Depends(viewer)) -> JSONResponse:
    """Run a command as if the member typed it in chat (a drag is /stage, a tick is /done): audit and undo apply."""
    if not auth.csrf_ok(request.app.state.config.secret, request.cookies.get(auth.COOKIE),
                        request.headers.get("x-csrf-token")):
        return JSONResponse({"title": "Forbidden", "status": 403, "detail": "The CSRF token is missing or wrong."},
                            status_code=403, media_type="application/problem+json")
    reply = crm_of(request).handle(incoming(holder, action.command))
    return JSONResponse({"text": reply.text, "changed": reply.changed, "buttons": web_buttons(reply)})


def card_href(reference: str) -> str:
    """"#12" → /card/contact/12, "#deal:3" → /card/deal/3."""
    kind, _, row_id = reference.lstrip("#").rpartition(":")
    return f"/card/{kind or 'contact'}/{row_id}"


def web_buttons(reply: Reply) -> list[dict[str, str]]:
    """A reply's buttons for a page: /show becomes a link, other commands stay commands, URLs stay links."""
    found = []
    for button in (b for row in reply.buttons for b in row):
        if button.url:
            found.append({"label": button.label, "href": button.url})
        elif button.command and button.command.startswith("/show #"):
            found.append({"label": button.label, "href": card_href(button.command.split()[1])})
        elif button.command:
            found.append({"label": button.label, "command": button.command})
    return found
