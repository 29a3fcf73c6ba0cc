"""``/login``, ``/logout`` and ``/session``: people signing in to the console.

``POST /login`` (form ``username``, ``password``, optional ``next``) checks the
password, sets the session cookie and answers 303 to ``next`` (a path on this site,
else ``/``). A failure answers 303 to ``/login?error=<code>`` with a Chinese message
on the page; a client that asks for JSON (``Accept: application/json``) gets
``{"error", "message"}`` with 401 (wrong credentials), 403 (disabled, cross-site),
423 (account locked) or 429 (address throttled) instead, and ``{"next"}`` on success.
Every login and failure is in the audit trail.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from graph.cypher import load
from graph.db import AsyncGraph
from graph.errors import NotPermitted
from graph.vocab import Role, label
from hub.auth import audit
from hub.auth.bearer import VIA_STATE, authenticate
from hub.auth.csrf import cross_site
from hub.auth.login_page import message, render
from hub.auth.session import clear_session_cookie, session_token, set_session_cookie
from hub.auth.settings import AuthSettings, SessionSettings
from hub.auth.throttle import AddressThrottle
from hub.auth.tokens import InvalidToken, TokenVerifier
from hub.auth.users import (
    AccountError,
    UserAccount,
    find_user,
    normalise_username,
    password_matches,
)

__all__ = ["Logins", "Refusal", "client_address", "request_id", "safe_next"]

MAX_FORM = 8 * 1024


@dataclass
class Refusal(NotPermitted):
    code: str
    status: int
    reason: str  # for the audit trail and the log, in English
    retry_after: int = 0


def safe_next(value: str | None) -> str:
    """A path on this site to go to after the login; anything else is ``/``."""
    if not value or not value.startswith("/") or value.startswith(("//", "/\\")):
        return "/"
    if any(c in value for c in "\r\n\\") or value.startswith("/login"):
        return "/"
    return value


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def wants_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def request_id(request: Request) -> str:
    return str(request.scope.get("state", {}).get("request_id", "-"))


class Logins:
    """The login endpoints of one hub process, with its address throttle."""

    def __init__(
        self, auth: AuthSettings, session: SessionSettings, verifier: TokenVerifier
    ) -> None:
        self.auth = auth
        self.session = session
        self.verifier = verifier
        self.throttle = AddressThrottle(session.address_failures, session.address_window)
        self.sso_label: str | None = None  # set when single sign-on is configured

    # ------------------------------------------------------------------ pages

    def minutes(self, code: str) -> int:
        seconds = self.session.address_window if code == "throttled" else self.session.lock_seconds
        return (seconds + 59) // 60

    async def page(self, request: Request) -> Response:
        code = request.query_params.get("error") or ""
        text = message(code, self.minutes(code)) if code else None
        next_path = safe_next(request.query_params.get("next"))
        body = render(text, quote(next_path, safe="/?=&"), self.sso_label)
        return HTMLResponse(body, headers={"Cache-Control": "no-store"})

    def refused(self, request: Request, refusal: Refusal, next_path: str) -> Response:
        if wants_json(request):
            headers = {"Retry-After": str(refusal.retry_after)} if refusal.retry_after else {}
            text = message(refusal.code, self.minutes(refusal.code)) or refusal.reason
            return JSONResponse(
                {"error": refusal.code, "message": text},
                status_code=refusal.status,
                headers=headers,
            )
        target = f"/login?error={refusal.code}"
        if next_path != "/":
            target += f"&next={quote(next_path, safe='/')}"
        return RedirectResponse(target, status_code=303)

    def signed_in(self, request: Request, user: UserAccount, next_path: str, amr: str) -> Response:
        token = session_token(user, self.auth, self.session, amr=amr)
        response: Response
        if wants_json(request):
            response = JSONResponse({"next": next_path}, headers={"Cache-Control": "no-store"})
        else:
            response = RedirectResponse(next_path, status_code=303)
        set_session_cookie(response, token, self.session)
        return response

    # ------------------------------------------------------------------ login

    async def login(self, request: Request) -> Response:
        graph: AsyncGraph = request.app.state.graph
        form = await _form(request)
        next_path = safe_next(form.get("next") or request.query_params.get("next"))
        username = (form.get("username") or "").strip()
        address = client_address(request)
        try:
            user = await self._check(request, graph, form, username, address)
        except Refusal as refusal:
            await audit.refused(
                graph,
                username.lower()[:64] or "-",
                request_id=request_id(request),
                address=address,
                reason=refusal.reason,
            )
            return self.refused(request, refusal, next_path)
        self.throttle.succeeded(address)
        await graph.write(load("accounts/login_succeeded"), {"username": user.username})
        await audit.signed_in(
            graph, user, request_id=request_id(request), address=address, method="password"
        )
        return self.signed_in(request, user, next_path, amr="pwd")

    async def _check(
        self,
        request: Request,
        graph: AsyncGraph,
        form: dict[str, str],
        username: str,
        address: str,
    ) -> UserAccount:
        if cross_site(request):
            raise Refusal("cross_site", 403, "cross-site login form")
        wait = self.throttle.retry_after(address)
        if wait:
            raise Refusal("throttled", 429, "too many failures from this address", wait)
        password = form.get("password") or ""
        if not username or not password:
            raise Refusal("bad_request", 400, "username or password missing")
        try:
            user = await find_user(graph, normalise_username(username))
        except AccountError:
            user = None
        now = int(time.time())
        if user is not None and user.locked_until and user.locked_until > now:
            raise Refusal("locked", 423, "account locked", user.locked_until - now)
        stored = user.password_hash if user is not None else None
        if not await run_in_threadpool(password_matches, password, stored):
            self.throttle.failed(address)
            if user is not None:
                rows = await graph.write(
                    load("accounts/login_failed"),
                    {
                        "username": user.username,
                        "maxFailures": self.session.max_failures,
                        "now": now,
                        "lockUntil": now + self.session.lock_seconds,
                    },
                )
                if rows and rows[0]["failures"] >= self.session.max_failures:
                    raise Refusal("locked", 423, "wrong password; account now locked")
            raise Refusal("invalid", 401, "wrong username or password")
        assert user is not None
        if user.disabled:
            raise Refusal("disabled", 403, "account disabled")
        return user

    # ------------------------------------------------------------------ logout

    async def logout(self, request: Request) -> Response:
        graph: AsyncGraph = request.app.state.graph
        with contextlib.suppress(InvalidToken):  # an ended session is logged out already
            await authenticate(request, self.verifier)
        account = request.scope.get("state", {}).get("session_account")
        if account is not None:
            await audit.record(
                graph,
                audit.LOGOUT,
                username=account["username"],
                role=account["role"],
                scope=account.get("scope"),
                request_id=request_id(request),
                address=client_address(request),
            )
        request.scope.setdefault("state", {}).pop("session_renewal", None)
        response: Response
        if wants_json(request):
            response = JSONResponse({"next": "/login"})
        else:
            response = RedirectResponse("/login", status_code=303)
        clear_session_cookie(response, self.session)
        return response

    # ------------------------------------------------------------------ session

    async def current(self, request: Request) -> Response:
        """``GET /session``: who is logged in, or 401."""
        try:
            principal = await authenticate(request, self.verifier)
        except InvalidToken as exc:
            return _unauthenticated(str(exc))
        state = request.scope.get("state", {})
        account: dict[str, Any] | None = state.get("session_account")
        if state.get(VIA_STATE) != "cookie" or account is None:
            return _unauthenticated("not logged in")
        return JSONResponse(
            {
                "username": account["username"],
                "name": account.get("name") or account["username"],
                "role": principal.role.value,
                "roleLabel": label(Role(principal.role.value)),
                "scope": principal.scope,
                "unit": principal.unit,
            },
            headers={"Cache-Control": "no-store"},
        )


def _unauthenticated(reason: str) -> Response:
    return JSONResponse(
        {
            "error": "unauthenticated",
            "message": "未登录或登录已过期，请重新登录。",
            "reason": reason,
        },
        status_code=401,
        headers={"Cache-Control": "no-store"},
    )


async def _form(request: Request) -> dict[str, str]:
    """An urlencoded form of at most 8 KiB (no python-multipart needed)."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "application/x-www-form-urlencoded":
        return {}
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM:
            return {}
    try:
        return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    except UnicodeDecodeError:
        return {}
