"""Who is calling: the ``Authorization: Bearer`` header of a request, verified."""

from __future__ import annotations

from starlette.requests import HTTPConnection

from hub.auth.accounts import check_account
from hub.auth.principal import ANONYMOUS, Principal
from hub.auth.tokens import InvalidToken, TokenVerifier, principal_of_claims


async def authenticate(request: HTTPConnection, verifier: TokenVerifier) -> Principal:
    """No header: the anonymous principal. A header that does not hold a valid
    bearer token, or the token of a disabled account: ``InvalidToken`` (never silently
    anonymous, so a client with a broken token learns about it)."""
    header = request.headers.get("authorization")
    if header is None:
        return ANONYMOUS
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise InvalidToken("expected an 'Authorization: Bearer <token>' header")
    claims = await verifier.claims(token.strip())
    principal = principal_of_claims(claims)
    graph = getattr(request.app.state, "graph", None)
    if graph is not None:
        await check_account(graph, claims)  # a disabled account's tokens stop working
    return principal
