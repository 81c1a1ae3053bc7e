"""The web companion's ASGI app (FastAPI): pages, the JSON API, the calendar feed; and `serve` to run it."""

import logging
import secrets
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path

import uvicorn
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from bot.clock import monotonic
from bot.config import Settings
from bot.web import api, pages
from bot.web.feed import router as feed_router
from bot.web.limits import RateLimiter
from handlers.engine import Crm

logger = logging.getLogger(__name__)
HERE = Path(__file__).parent
PROBLEM = "application/problem+json"


@dataclass(frozen=True)
class WebConfig:
    secret: str
    bot_token: str = ""  # checks Telegram Mini App initData
    secure: bool = False  # cookies only over https
    rate: float = 20.0  # API requests a second per token, on average
    burst: int = 60

    @classmethod
    def from_settings(cls, settings: Settings) -> "WebConfig":
        secret = settings.web_secret.get_secret_value() if settings.web_secret else secrets.token_hex(32)
        token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else ""
        return cls(secret=secret, bot_token=token, secure=settings.web_public_url.startswith("https://"))


def problem(status: int, title: str, detail: str, **extra: object) -> JSONResponse:
    """An error as RFC 9457 problem details."""
    return JSONResponse({"type": "about:blank", "title": title, "status": status, "detail": detail, **extra},
                        status_code=status, media_type=PROBLEM)


def create_app(crm: Crm, config: WebConfig) -> FastAPI:
    app = FastAPI(title="crmbot API", version="1", docs_url="/api/v1/docs", redoc_url=None,
                  openapi_url="/api/v1/openapi.json",
                  description="Contacts, companies, deals, tasks and notes of one workspace. "
                              "Authenticate with `Authorization: Bearer <token>` (create one with `/web token` in chat).")
    app.state.crm = crm
    app.state.config = config
    app.state.limiter = RateLimiter(config.rate, config.burst, monotonic)
    app.state.templates = Jinja2Templates(directory=HERE / "templates")
    app.include_router(pages.router)
    app.include_router(api.router)
    app.include_router(feed_router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(pages.SignInNeeded)
    async def sign_in_needed(request: Request, _error: Exception) -> Response:
        if request.method == "GET" and "text/html" in request.headers.get("accept", ""):
            return pages.render(request, "signin.html", None, status=401)
        return problem(401, "Unauthorized", "Sign in first.")

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, error: RequestValidationError) -> Response:
        errors = [{"field": ".".join(str(p) for p in e["loc"][1:]) or str(e["loc"][0]), "message": e["msg"]}
                  for e in error.errors()]
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        return problem(422, "Invalid input", detail, errors=errors)

    @app.exception_handler(HTTPException)
    async def http_error(_request: Request, error: HTTPException) -> Response:
        response = problem(error.status_code, _title(error.status_code), str(error.detail))
        for name, value in (error.headers or {}).items():
            response.headers[name] = value
        return response

    return app


def _title(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def serve(crm: Crm, settings: Settings) -> None:
    """Serve the web app on WEB_HOST:WEB_PORT until interrupted."""
    app = create_app(crm, WebConfig.from_settings(settings))
    logger.info("web app on http://%s:%s (public: %s)", settings.web_host, settings.web_port,
                settings.web_public_url or "-")
    uvicorn.run(app, host=settings.web_host, port=settings.web_port, log_level="warning", proxy_headers=True)
