"""Who is calling: the ``Authorization: Bearer`` header, or the console's session
cookie, verified, and the account behind it still enabled."""

from __future__ import annotations

from typing import Any

from starlette.requests import HTTPConnection

from hub.auth.account_state import AccountState, AccountStates
from hub.auth.principal import ANONYMOUS, Principal
from hub.auth.session import RENEWAL_STATE, renewal
from hub.auth.settings import SESSION_COOKIE, SessionSettings
from hub.auth.tokens import InvalidToken, TokenVerifier

__all__ = ["VIA_STATE", "authenticate"]

VIA_STATE = "auth_via"  # scope["state"] key: "bearer", "cookie" or absent (anonymous)


def _state(request: HTTPConnection) -> dict[str, Any]:
    state: dict[str, Any] = request.scope.setdefault("state", {})
    return state


async def _account(
    request: HTTPConnection, verifier: TokenVerifier, claims: dict[str, Any]
) -> AccountState | None:
    states: AccountStates | None = getattr(request.app.state, "account_states", None)
    if states is None or claims.get("iss") != verifier.settings.issuer:
        return None
    return await states.check(request.app.state.graph, claims)


async def authenticate(request: HTTPConnection, verifier: TokenVerifier) -> Principal:
    """No header and no session cookie: the anonymous principal. A header that does
    not hold a valid bearer token, or a session cookie that no longer holds:
    ``InvalidToken`` (never silently anonymous, so a client with a broken token
    learns about it). A bearer header wins over the cookie."""
    header = request.headers.get("authorization")
    if header is None:
        token = request.cookies.get(SESSION_COOKIE)
        if not token:
            return ANONYMOUS
        return await _session(request, verifier, token)
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise InvalidToken("expected an 'Authorization: Bearer <token>' header")
    principal, claims = await verifier.verify_claims(token.strip())
    await _account(request, verifier, claims)
    _state(request)[VIA_STATE] = "bearer"
    return principal


async def _session(request: HTTPConnection, verifier: TokenVerifier, token: str) -> Principal:
    state = _state(request)
    try:
        principal, claims = await verifier.verify_claims(token)
        account = await _account(request, verifier, claims)
        if account is None or account.row is None or "username" not in account.row:
            raise InvalidToken("the session cookie does not hold a person's session")
    except InvalidToken as exc:
        state[RENEWAL_STATE] = ""  # clear the cookie that no longer holds
        raise InvalidToken(f"session ended, log in again ({exc})") from None
    state[VIA_STATE] = "cookie"
    session: SessionSettings = request.app.state.session
    renewed = renewal(claims, account.row, verifier.settings, session)
    if renewed:
        state[RENEWAL_STATE] = renewed
    state["session_account"] = account.row
    return principal
