"""Sign-in for the web: Telegram WebApp initData, signed session cookies, and CSRF tokens."""

import base64
import hashlib
import hmac
import json
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlencode

from handlers.web.access import Holder

INIT_DATA_MAX_AGE = timedelta(hours=1)
SESSION_LIFETIME = timedelta(days=7)
COOKIE = "crm_session"


def telegram_user(init_data: str, bot_token: str, now: datetime) -> tuple[dict[str, object], str] | None:
    """The user of a Mini App's initData and its hash, if Telegram signed it with this bot's token lately."""
    if not init_data or len(init_data) > 4096 or not bot_token:
        return None
    fields = dict(parse_qsl(init_data, keep_blank_values=True))
    received = fields.pop("hash", "")
    check = "\n".join(f"{key}={value}" for key, value in sorted(fields.items()))
    secret = hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()
    expected = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    if not received or not hmac.compare_digest(expected, received):
        return None
    try:
        signed_at = datetime.fromtimestamp(int(fields.get("auth_date", "")), tz=now.tzinfo)
        user = json.loads(fields.get("user", ""))
    except (ValueError, OverflowError):
        return None
    if not isinstance(user, dict) or not isinstance(user.get("id"), int):
        return None
    if not timedelta(minutes=-5) <= now - signed_at <= INIT_DATA_MAX_AGE:
        return None
    return user, received


def sign_init_data(fields: dict[str, str], bot_token: str) -> str:
    """initData as Telegram signs it (for tests and local development)."""
    check = "\n".join(f"{key}={value}" for key, value in sorted(fields.items()))
    secret = hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()
    signature = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    return urlencode({**fields, "hash": signature})


def _mac(secret: str, payload: str) -> str:
    return hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()


def session_cookie(secret: str, holder: Holder, now: datetime) -> str:
    """A signed cookie value naming who is signed in and since when."""
    data = json.dumps({"w": holder.workspace_key, "u": holder.user_id, "l": holder.language,
                       "t": int(now.timestamp())}, separators=(",", ":"))
    payload = base64.urlsafe_b64encode(data.encode()).decode()
    return f"{payload}.{_mac(secret, payload)}"


def session_holder(secret: str, cookie: str | None, now: datetime) -> Holder | None:
    """Who a session cookie signs in, if it is ours and not older than SESSION_LIFETIME."""
    if not cookie or len(cookie) > 2000 or "." not in cookie:
        return None
    payload, mac = cookie.rsplit(".", 1)
    if not hmac.compare_digest(_mac(secret, payload), mac):
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(payload.encode()))
        issued = datetime.fromtimestamp(int(data["t"]), tz=now.tzinfo)
        holder = Holder(str(data["w"]), str(data["u"]), str(data["l"]))
    except (ValueError, KeyError, TypeError):
        return None
    return holder if now - issued <= SESSION_LIFETIME else None


def csrf_token(secret: str, cookie: str) -> str:
    """The token a page sends back with every write; tied to the session, so another site can't forge it."""
    return _mac(secret, "csrf:" + cookie)[:40]


def csrf_ok(secret: str, cookie: str | None, token: str | None) -> bool:
    if not cookie or not token:
        return False
    return hmac.compare_digest(csrf_token(secret, cookie), token)
