"""/web: a one-time sign-in link, API tokens, the calendar feed and webhooks; and who holds a token."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from sqlmodel import Session

from handlers.context import Context
from handlers.errors import CrmError, InvalidValue, RecordGone, Usage
from handlers.language import commands as c
from handlers.texts.fmt import short
from handlers.texts.reply import Button, Reply
from storage import queries, webhooks
from storage import web as store
from storage.db import Database
from storage.ids import id_of
from storage.models import AccessToken, Member, Webhook, Workspace

LOGIN_LIFETIME = timedelta(minutes=10)
MANAGERS = ("owner", "manager")
MAX_HOOKS = 10


class WebNotAllowed(CrmError):
    key = "web_not_allowed"


class WebOff(CrmError):
    key = "web_off"


@dataclass(frozen=True)
class Holder:
    """Who a token signs in: the workspace's key and the member's id on its channel."""

    workspace_key: str
    user_id: str
    language: str


def digest(token: str) -> str:
    """The SHA-256 a token is stored as."""
    return hashlib.sha256(token.encode()).hexdigest()


def issue(ctx: Context, kind: str, label: str = "") -> str:
    """A new random token of this kind for the member; only its hash is stored."""
    token = secrets.token_urlsafe(24)
    store.add_token(session=ctx.session, workspace_id=ctx.workspace_id, member_id=ctx.member_id,
                    kind=kind, token_hash=digest(token), label=label[:100])
    return token


def holder_of(session: Session, kind: str, token: str, now: datetime) -> Holder | None:
    """Who the token signs in, or None (unknown, revoked, or a used or stale sign-in link, which it uses up)."""
    found = owner_of(session, kind, token)
    if found is None:
        return None
    row, workspace, member = found
    if kind == "login":
        if row.used_at is not None or now - row.created_at > LOGIN_LIFETIME:
            return None
        row.used_at = now
        session.add(row)
    return Holder(workspace.key, member.external_id, member.language)


def owner_of(session: Session, kind: str, token: str) -> tuple[AccessToken, Workspace, Member] | None:
    """The live token, its workspace and member: looked up by hash in the caller's session, never cached,
    so a revoked token is refused by the next request."""
    if not token or len(token) > 100:
        return None
    return store.live_token(session=session, kind=kind, token_hash=digest(token))


def signed_in(db: Database, kind: str, token: str, now: datetime) -> Holder | None:
    """Who a token signs in, in its own transaction (a sign-in link is used up by it)."""
    with db.transaction(now=now) as session:
        return holder_of(session, kind, token, now)


class TokenRefused(Exception):
    """An unknown or revoked token: the edge answers 401 (or 404 for a feed)."""


@dataclass
class Bearer:
    """A token an edge was shown, checked inside the unit of work that serves it (`Crm.view_as`, `Crm.run_as`).

    Once admitted, `language` is its holder's, for the edge's own error texts.
    """

    kind: str
    token: str
    language: str = "en"

    def __call__(self, session: Session) -> tuple[Workspace, Member]:
        found = owner_of(session, self.kind, self.token)
        if found is None:
            raise TokenRefused()
        _row, workspace, member = found
        self.language = member.language
        return workspace, member


def first_use(db: Database, key: str, now: datetime) -> bool:
    """Record a one-time proof (a Mini App's initData hash); False when it was seen before."""
    with db.transaction(now=now) as session:
        return queries.claim_update(session=session, key=key)


def web(ctx: Context, cmd: c.Web) -> Reply:
    """/web, /web token [label], /web tokens, /web revoke 3, /web calendar [off], /web hook URL, /web hooks, /web unhook 2."""
    if not ctx.web_url:
        raise WebOff()
    action = ACTIONS.get(cmd.action)
    if action is None:
        raise Usage(command="web")
    return action(ctx, cmd.argument)


def sign_in(ctx: Context, _argument: str) -> Reply:
    link = f"{ctx.web_url}/login?t={issue(ctx, 'login')}"
    return Reply(ctx.t("web_link", link=link, minutes=int(LOGIN_LIFETIME.total_seconds() // 60)),
                 buttons=[[Button(ctx.t("button_open_web"), url=link, web_app=True)]])


def managers_only(ctx: Context) -> None:
    if ctx.member.role not in MANAGERS:
        raise WebNotAllowed()


def new_api_token(ctx: Context, label: str) -> Reply:
    managers_only(ctx)
    token = issue(ctx, "api", label.strip() or "api")
    return Reply(ctx.t("web_token_created", token=token, api=f"{ctx.web_url}/api/v1/docs"))


def list_api_tokens(ctx: Context, _argument: str) -> Reply:
    managers_only(ctx)
    tokens = store.live_tokens(session=ctx.session, workspace_id=ctx.workspace_id, kind="api")
    if not tokens:
        return Reply(ctx.t("web_no_tokens"))
    lines = [ctx.t("web_tokens_header")] + [f"#{t.id} {short(t.label, 40)}" for t in tokens]
    return Reply("\n".join(lines), buttons=[[Button(ctx.t("button_revoke", id=t.id), command=c.Web("revoke", str(t.id)))]
                                            for t in tokens[:5]])


def revoke_api_token(ctx: Context, argument: str) -> Reply:
    managers_only(ctx)
    token = ctx.get(AccessToken, int(argument)) if argument.strip().isdigit() and len(argument) < 10 else None
    if token is None or token.kind != "api" or token.revoked_at is not None:
        raise RecordGone()
    token.revoked_at = ctx.now
    ctx.session.add(token)
    return Reply(ctx.t("web_token_revoked", id=token.id))


def calendar(ctx: Context, argument: str) -> Reply:
    """A new secret feed URL for the member's tasks (the old ones stop working); "off" only revokes."""
    for token in store.live_tokens(session=ctx.session, workspace_id=ctx.workspace_id, kind="calendar",
                                   member_id=ctx.member_id):
        token.revoked_at = ctx.now
        ctx.session.add(token)
    if argument.strip().casefold() in ("off", "aus", "revoke"):
        return Reply(ctx.t("web_calendar_off"))
    link = f"{ctx.web_url}/calendar/{issue(ctx, 'calendar')}.ics"
    return Reply(ctx.t("web_calendar", link=link))


def add_hook(ctx: Context, argument: str) -> Reply:
    managers_only(ctx)
    url = argument.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or len(url) > 500:
        raise InvalidValue(field="URL", value=short(url, 40), reason="http(s)://host/path")
    if len(store.webhooks(session=ctx.session, workspace_id=ctx.workspace_id)) >= MAX_HOOKS:
        raise InvalidValue(field="URL", value=short(url, 40), reason=f"at most {MAX_HOOKS} webhooks")
    secret = secrets.token_hex(16)
    hook = Webhook(workspace_id=ctx.workspace_id, url=url, secret=secret, member_id=ctx.member_id)
    ctx.session.add(hook)
    ctx.session.flush()
    webhooks.forget_hooks(ctx.session)
    return Reply(ctx.t("web_hook_added", id=hook.id, url=url, secret=secret))


def list_hooks(ctx: Context, _argument: str) -> Reply:
    managers_only(ctx)
    hooks = store.webhooks(session=ctx.session, workspace_id=ctx.workspace_id)
    if not hooks:
        return Reply(ctx.t("web_no_hooks"))
    lines = [ctx.t("web_hooks_header")] + [f"#{h.id} {short(h.url, 80)}" for h in hooks]
    dead = store.dead_deliveries(session=ctx.session, workspace_id=ctx.workspace_id)
    if dead:
        lines.append(ctx.t("web_dead_header", count=len(dead)))
        lines += [f"✖ #{d.webhook_id} {d.event} · {short(d.last_error or '', 60)}" for d in dead]
    return Reply("\n".join(lines))


def remove_hook(ctx: Context, argument: str) -> Reply:
    managers_only(ctx)
    hook = ctx.get(Webhook, int(argument)) if argument.strip().isdigit() and len(argument) < 10 else None
    if hook is None:
        raise RecordGone()
    for delivery in store.deliveries_of(session=ctx.session, webhook_id=id_of(hook)):
        ctx.session.delete(delivery)
    ctx.session.delete(hook)
    webhooks.forget_hooks(ctx.session)
    return Reply(ctx.t("web_hook_removed", id=hook.id))


ACTIONS = {
    "": sign_in, "link": sign_in,
    "token": new_api_token, "tokens": list_api_tokens, "revoke": revoke_api_token,
    "calendar": calendar, "kalender": calendar,
    "hook": add_hook, "hooks": list_hooks, "unhook": remove_hook,
}
