"""The REST API: contacts, companies, deals, tasks and notes of the token's workspace, as JSON.

Every change runs through the engine in the token holder's context, so the chat's rules, audit log
and undo apply. Errors are problem details (RFC 9457).
"""

from collections.abc import Callable
from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from bot.web.limits import RateLimiter
from handlers.context import Context
from handlers.engine import Crm
from handlers.errors import CrmError, RecordGone
from handlers.texts import catalogue
from handlers.texts.reply import Reply
from handlers.web import api as web_api
from handlers.web.access import Bearer, TokenRefused, WebNotAllowed

router = APIRouter(prefix="/api/v1", tags=["crm"])
STAGES = Literal["lead", "qualified", "proposal", "negotiation", "won", "lost"]
MAX_ID = 2**31 - 1
OptionalId = Field(None, gt=0, le=MAX_ID)
RowId = Path(gt=0, le=MAX_ID)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class ContactIn(Strict):
    name: str = Field(min_length=1, max_length=200)
    company: str | None = Field(None, max_length=200)
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=40)


class ContactPatch(Strict):
    name: str | None = Field(None, min_length=1, max_length=200)
    company: str | None = Field(None, max_length=200)
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=40)


class CompanyIn(Strict):
    name: str = Field(min_length=1, max_length=200)


class DealIn(Strict):
    title: str = Field(min_length=1, max_length=300)
    value_cents: int = Field(0, ge=0)
    currency: str = Field("EUR", pattern=r"^[A-Z]{3}$")
    stage: STAGES = "lead"
    contact_id: int | None = OptionalId
    company_id: int | None = OptionalId
    close_date: str | None = Field(None, max_length=40, description="a date as chat reads it: 2026-12-15, 15.12.")


class DealPatch(Strict):
    title: str | None = Field(None, min_length=1, max_length=300)
    value: str | None = Field(None, max_length=40, description="e.g. 50000, 50k USD")
    stage: STAGES | None = None
    close_date: str | None = Field(None, max_length=40)
    probability: int | None = Field(None, ge=0, le=100)
    lost_reason: str | None = Field(None, max_length=1000)


class TaskIn(Strict):
    title: str = Field(min_length=1, max_length=500)
    due_at: AwareDatetime | None = None
    contact_id: int | None = OptionalId
    deal_id: int | None = OptionalId


class TaskPatch(Strict):
    title: str | None = Field(None, min_length=1, max_length=500)
    due_at: AwareDatetime | None = None
    done: bool | None = None


class NoteIn(Strict):
    contact_id: int = Field(gt=0, le=MAX_ID)
    text: str = Field(min_length=1, max_length=4000)
    kind: Literal["note", "call", "meeting", "email"] = "note"


class NotePatch(Strict):
    text: str = Field(min_length=1, max_length=4000)


class Page(BaseModel):
    """One page of rows: `next` is the cursor for `after=` (None on the last page); `total` only with `count=true`."""

    items: list[dict[str, Any]]
    next: int | None
    total: int | None
    page: int
    per_page: int


class Paging(BaseModel):
    """How a list is paged: a cursor (`after`, cheap at any depth) or a page number; counting is on request."""

    page: int
    per_page: int
    after: int | None
    count: bool


UNAUTHORIZED = "A valid API token is needed: Authorization: Bearer <token>."


async def api_bearer(request: Request) -> Bearer:
    """The request's bearer token, checked later in the transaction that serves it; 401 without one,
    429 past the rate limit. (No I/O: async, so FastAPI runs it on the event loop, not on a worker thread.)"""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPException(401, UNAUTHORIZED, headers={"WWW-Authenticate": "Bearer"})
    limiter: RateLimiter = request.app.state.limiter
    wait = limiter.wait(token.strip())
    if wait > 0:
        raise HTTPException(429, "Too many requests for this token; slow down.",
                            headers={"Retry-After": str(max(1, round(wait)))})
    return Bearer("api", token.strip())


def explained(bearer: Bearer, action: Callable[[], Any]) -> Any:
    """Run an engine call; a refused token is 401, domain errors 404 or 422 problems in the member's language."""
    try:
        return action()
    except TokenRefused:
        raise HTTPException(401, UNAUTHORIZED, headers={"WWW-Authenticate": "Bearer"}) from None
    except RecordGone:
        raise HTTPException(404, "No such record in this workspace.") from None
    except WebNotAllowed as error:
        raise HTTPException(403, catalogue.explain(bearer.language, error)) from None
    except web_api.InUse as error:
        raise HTTPException(409, catalogue.explain(bearer.language, error)) from None
    except CrmError as error:
        raise HTTPException(422, catalogue.explain(bearer.language, error)) from None


def read(request: Request, bearer: Bearer, work: Callable[[Context], Any]) -> Any:
    """The token's check and the read in one read session."""
    crm: Crm = request.app.state.crm
    return explained(bearer, lambda: crm.view_as(bearer, work))


def write(request: Request, bearer: Bearer, work: Callable[[Context], Any]) -> Any:
    """The token's check and a change in one transaction in the holder's context, as a chat command runs."""
    crm: Crm = request.app.state.crm
    result: list[Any] = []

    def run(ctx: Context) -> Reply:
        result.append(work(ctx))
        return Reply("", changed=True)

    explained(bearer, lambda: crm.run_as(bearer, run))
    return result[0]


def answer(content: Any, status: int = 200, headers: dict[str, str] | None = None) -> JSONResponse:
    """JSON sent as it is: the rows are JSON-ready (model_dump(mode="json")), so FastAPI's encoding and
    validation of the answer (a second pass over every field, on another thread for a list) are skipped."""
    return JSONResponse(content, status_code=status, headers=headers)


def paged(request: Request, bearer: Bearer, kind: str, filters: dict[str, Any], paging: Paging,
          q: str | None = None) -> JSONResponse:
    """A page in the shape of `Page` (which documents it)."""
    offset = 0 if paging.after is not None else (paging.page - 1) * paging.per_page
    items, following, total = read(request, bearer, lambda ctx: web_api.listing(
        ctx, kind, {k: v for k, v in filters.items() if v is not None}, offset, paging.per_page, q,
        paging.after, paging.count))
    return answer({"items": items, "next": following, "total": total, "page": paging.page,
                   "per_page": paging.per_page})


async def paging(page: int = Query(1, ge=1, le=100_000), per_page: int = Query(50, ge=1, le=200),
                 after: int | None = Query(None, gt=0, le=MAX_ID, description="the `next` cursor of the previous page"),
                 count: bool = Query(False, description="also count every matching row (slower on large lists)")) -> Paging:
    return Paging(page=page, per_page=per_page, after=after, count=count)


Search = Query(None, min_length=1, max_length=200)
FilterId = Query(None, gt=0, le=MAX_ID)
Paged = Depends(paging)


@router.get("/contacts", response_model=Page)
def list_contacts(request: Request, paging: Paging = Paged, q: str | None = Search,
                  company_id: int | None = FilterId, bearer: Bearer = Depends(api_bearer)) -> JSONResponse:
    return paged(request, bearer, "contacts", {"company_id": company_id}, paging, q)


@router.get("/companies", response_model=Page)
def list_companies(request: Request, paging: Paging = Paged, q: str | None = Search,
                   bearer: Bearer = Depends(api_bearer)) -> JSONResponse:
    return paged(request, bearer, "companies", {}, paging, q)


@router.get("/deals", response_model=Page)
def list_deals(request: Request, paging: Paging = Paged, q: str | None = Search,
               contact_id: int | None = FilterId, company_id: int | None = FilterId,
               bearer: Bearer = Depends(api_bearer)) -> JSONResponse:
    return paged(request, bearer, "deals", {"contact_id": contact_id, "company_id": company_id}, paging, q)


@router.get("/tasks", response_model=Page)
def list_tasks(request: Request, paging: Paging = Paged, q: str | None = Search,
               contact_id: int | None = FilterId, deal_id: int | None = FilterId,
               bearer: Bearer = Depends(api_bearer)) -> JSONResponse:
    return paged(request, bearer, "tasks", {"contact_id": contact_id, "deal_id": deal_id}, paging, q)


@router.get("/notes", response_model=Page)
def list_notes(request: Request, paging: Paging = Paged, q: str | None = Search,
               contact_id: int | None = FilterId, bearer: Bearer = Depends(api_bearer)) -> JSONResponse:
    return paged(request, bearer, "notes", {"contact_id": contact_id}, paging, q)


def _routes(kind: str, create_model: type[BaseModel], patch_model: type[BaseModel],
            create: Callable[[Context, dict[str, Any]], dict[str, Any]],
            update: Callable[[Context, int, dict[str, Any]], dict[str, Any]]) -> None:
    """GET one, POST, PATCH and DELETE for a kind."""
    def get_one(request: Request, row_id: int = RowId, bearer: Bearer = Depends(api_bearer)) -> JSONResponse:
        return answer(read(request, bearer, lambda ctx: web_api.one(ctx, kind, row_id)))

    def post(request: Request, body: BaseModel, bearer: Bearer = Depends(api_bearer)) -> JSONResponse:
        row: dict[str, Any] = write(request, bearer, lambda ctx: create(ctx, body.model_dump()))
        return answer(row, 201, {"Location": f"/api/v1/{kind}/{row['id']}"})

    def patch(request: Request, body: BaseModel, row_id: int = RowId,
              bearer: Bearer = Depends(api_bearer)) -> JSONResponse:
        return answer(write(request, bearer, lambda ctx: update(ctx, row_id, body.model_dump(exclude_unset=True))))

    def remove(request: Request, row_id: int = RowId, bearer: Bearer = Depends(api_bearer)) -> Response:
        write(request, bearer, lambda ctx: web_api.delete(ctx, kind, row_id))
        return Response(status_code=204)

    # FastAPI validates the bodies against the annotations: the kind's own models
    post.__annotations__["body"], patch.__annotations__["body"] = create_model, patch_model
    path = f"/{kind}/{{row_id}}"
    router.add_api_route(path, get_one, methods=["GET"], summary=f"One of the {kind}")
    router.add_api_route(f"/{kind}", post, methods=["POST"], status_code=201, summary=f"Create one of the {kind}")
    router.add_api_route(path, patch, methods=["PATCH"], summary=f"Change one of the {kind}")
    router.add_api_route(path, remove, methods=["DELETE"], status_code=204, summary=f"Delete one of the {kind}")


_routes("contacts", ContactIn, ContactPatch, web_api.create_contact, web_api.update_contact)
_routes("companies", CompanyIn, CompanyIn, web_api.create_company, web_api.update_company)
_routes("deals", DealIn, DealPatch, web_api.create_deal, web_api.update_deal)
_routes("tasks", TaskIn, TaskPatch, web_api.create_task, web_api.update_task)
_routes("notes", NoteIn, NotePatch, web_api.create_note, web_api.update_note)
