"""The console's cookie session: the hub's own JWT in ``patent_hub_session``.

The cookie is HttpOnly and SameSite=Strict (Secure by configuration, see
``SessionSettings``). Its token lives ``PATENT_HUB_SESSION_TTL`` seconds (30 min) and
is renewed while the person is active: a request made in the second half of its
life gets a fresh token in a ``Set-Cookie`` of its response, up to
``PATENT_HUB_SESSION_MAX_AGE`` (12 h) after the login (``auth_time``), when the
person logs in again.
"""

from __future__ import annotations

import time
from http.cookies import SimpleCookie
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.vocab import Role
from hub.auth.claims import UNIT_CLAIM
from hub.auth.settings import SESSION_COOKIE, AuthSettings, SessionSettings
from hub.auth.tokens import sign, token_claims
from hub.auth.users import UserAccount

__all__ = [
    "RENEWAL_STATE",
    "SessionRenewalMiddleware",
    "clear_session_cookie",
    "renewal",
    "session_token",
    "set_session_cookie",
]

RENEWAL_STATE = "session_renewal"  # scope["state"] key: a renewed token to set ("" clears)


def session_token(
    user: UserAccount,
    auth: AuthSettings,
    session: SessionSettings,
    auth_time: int | None = None,
    amr: str = "pwd",
) -> str:
    """A signed session token for ``user``; ``auth_time`` carries over on renewal."""
    now = int(time.time())
    started = auth_time or now
    ttl = max(1, min(session.ttl, started + session.max_age - now))
    claims = token_claims(user.role, user.scope, ttl, user.subject, auth)
    claims.update({"auth_time": started, "preferred_username": user.username, "amr": [amr]})
    claims["name"] = user.name
    if user.unit:
        claims[UNIT_CLAIM] = user.unit
    return sign(claims, auth)


def renewal(
    claims: dict[str, Any], state_row: dict[str, Any], auth: AuthSettings, session: SessionSettings
) -> str | None:
    """A fresh token when ``claims`` are past half their life and the session may
    go on, else None."""
    now = int(time.time())
    exp, iat = claims.get("exp"), claims.get("iat")
    started = claims.get("auth_time")
    if not isinstance(exp, int) or not isinstance(iat, int) or not isinstance(started, int):
        return None
    if exp - now > (exp - iat) / 2 or now >= started + session.max_age:
        return None
    user = UserAccount(
        username=state_row["username"],
        name=state_row.get("name") or state_row["username"],
        role=Role(state_row["role"]),
        scope=state_row.get("scope"),
        unit=state_row.get("unit"),
        source="",
    )
    amr = claims.get("amr")
    method = amr[0] if isinstance(amr, list) and amr and isinstance(amr[0], str) else "pwd"
    return session_token(user, auth, session, auth_time=started, amr=method)


def cookie_header(value: str, session: SessionSettings, max_age: int | None = None) -> str:
    """The ``Set-Cookie`` value: a browser-session cookie (gone when the browser
    closes); an empty ``value`` with ``max_age=0`` clears it."""
    cookie: SimpleCookie = SimpleCookie()
    cookie[SESSION_COOKIE] = value
    morsel = cookie[SESSION_COOKIE]
    morsel["path"] = "/"
    morsel["httponly"] = True
    morsel["samesite"] = "Strict"
    if session.secure_cookie:
        morsel["secure"] = True
    if max_age is not None:
        morsel["max-age"] = str(max_age)
    return morsel.OutputString()


def set_session_cookie(response: Response, token: str, session: SessionSettings) -> None:
    response.headers.append("set-cookie", cookie_header(token, session))


def clear_session_cookie(response: Response, session: SessionSettings) -> None:
    response.headers.append("set-cookie", cookie_header("", session, max_age=0))


class SessionRenewalMiddleware:
    """Adds the renewed session cookie that authentication left in the request's
    state to whatever response the route gives (GraphQL, /session, /export)."""

    def __init__(self, app: ASGIApp, session: SessionSettings) -> None:
        self.app = app
        self.session = session

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                token = scope.get("state", {}).get(RENEWAL_STATE)
                if token is not None:
                    headers = MutableHeaders(scope=message)
                    max_age = None if token else 0
                    headers.append("set-cookie", cookie_header(token, self.session, max_age))
            await send(message)

        await self.app(scope, receive, send_with_cookie)
