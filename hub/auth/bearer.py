"""Who is calling: the ``Authorization: Bearer`` header of a request, verified."""

from __future__ import annotations

from starlette.requests import HTTPConnection

from hub.auth.principal import ANONYMOUS, Principal
from hub.auth.tokens import InvalidToken, TokenVerifier


async def authenticate(request: HTTPConnection, verifier: TokenVerifier) -> Principal:
    """No header: the anonymous principal. A header that does not hold a valid
    bearer token: ``InvalidToken`` (never silently anonymous, so a client with a
    broken token learns about it)."""
    header = request.headers.get("authorization")
    if header is None:
        return ANONYMOUS
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise InvalidToken("expected an 'Authorization: Bearer <token>' header")
    return await verifier.verify(token.strip())
