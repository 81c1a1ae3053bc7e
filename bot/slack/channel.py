"""The Slack channel: a Bolt app over Socket Mode, or over HTTP at /slack/events with signed requests.

    app = build_app(settings, crm)       # listeners registered, Web API client on SLACK_API_URL
    stop = start_slack(settings, crm)    # Socket Mode with SLACK_APP_TOKEN, else HTTP on SLACK_HOST:SLACK_PORT,
                                         # in the background beside another channel

Every listener acknowledges on the request's own thread and leaves the work to Bolt's lazy-listener
thread pool (process_before_response=True with `ack=`/`lazy=`), so Slack's answer never waits for a
free worker. (With process_before_response=False Bolt runs `ack()` on that same pool and polls for it
in 10 ms steps: the slowest acks took over a second under load in bench/bench_slack.py.)
"""

import logging
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor

from pydantic import SecretStr
from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from bot.config import Settings
from bot.slack.bridge import SlackBridge
from bot.slack.http import SlackHttpServer
from bot.slack.listeners import register
from handlers.engine import Crm

logger = logging.getLogger(__name__)

WORKERS = 16  # listener threads; the database serialises writers anyway
RATE_LIMIT_RETRIES = 3  # a 429 from Slack is retried after its Retry-After, this often


class SlackConfigError(ValueError):
    """A setting the Slack channel needs is missing."""


def revealed(value: SecretStr | None) -> str | None:
    """The secret's text; None when it is unset or empty."""
    if value is None:
        return None
    return value.get_secret_value() or None


def web_client(settings: Settings) -> WebClient:
    """A Web API client for the bot token on SLACK_API_URL (also for SlackNotifier)."""
    token = revealed(settings.slack_bot_token)
    if token is None:
        raise SlackConfigError("SLACK_BOT_TOKEN is not set")
    client = WebClient(token=token, base_url=settings.slack_api_url.rstrip("/") + "/")
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES))  # honours Retry-After
    return client


def build_app(settings: Settings, crm: Crm, *, executor: Executor | None = None) -> App:
    """The Bolt app with every listener; it checks the bot token with auth.test once, here."""
    client = web_client(settings)
    secret = revealed(settings.slack_signing_secret)
    socket_mode = revealed(settings.slack_app_token) is not None
    if secret is None and not socket_mode:
        raise SlackConfigError("SLACK_SIGNING_SECRET is needed to verify Slack's HTTP requests")
    app = App(client=client, signing_secret=secret or "", name="crmbot", process_before_response=True,
              request_verification_enabled=not socket_mode,
              listener_executor=executor or ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="slack"))
    register(app, SlackBridge(crm, client))
    return app


def start_slack(settings: Settings, crm: Crm) -> Callable[[], None]:
    """Serve Slack in the background (beside another channel); returns the function that stops it."""
    app = build_app(settings, crm)
    app_token = revealed(settings.slack_app_token)
    if app_token is not None:
        handler = SocketModeHandler(app, app_token)
        handler.connect()
        logger.info("Slack: Socket Mode")
        return handler.close
    secret = revealed(settings.slack_signing_secret) or ""  # build_app refuses HTTP without one
    server = SlackHttpServer(app, signing_secret=secret, host=settings.slack_host, port=settings.slack_port)
    server.start()
    return server.stop
