"""The hub as a small OAuth 2 authorisation server for machine clients.

Only the ``client_credentials`` grant (RFC 6749 §4.4) is offered, with
``client_secret_basic`` and ``client_secret_post`` client authentication; the
access tokens are RFC 9068 JWTs carrying the same ``role``/``scope_id`` claims as
every other hub token. authlib's ``AuthorizationServer`` is synchronous, so the
endpoint looks the client up asynchronously first and then runs authlib in a
worker thread with that client in hand.

Hardening (docs/auth.md): an unknown client is checked against a stand-in hash, so it
costs what a wrong secret costs; failed authentications are counted per client id and
per address (429 with ``Retry-After`` beyond the limit); a header that is not Basic
base64 of UTF-8 is ``invalid_client``; plain HTTP is allowed by configuration only
(``PATENT_HUB_OAUTH_PLAIN_HTTP``), judged on the connection as uvicorn saw it (its
trusted proxies' ``X-Forwarded-Proto``/``-For``), never on the ``Host`` header; Neo4j
down is 503 ``temporarily_unavailable``.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar
from urllib.parse import parse_qsl, unquote

from authlib.oauth2.rfc6749 import (
    AuthorizationServer,
    ClientCredentialsGrant,
    OAuth2Request,
)
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload
from authlib.oauth2.rfc9068 import JWTBearerTokenGenerator
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from graph.db import UNAVAILABLE, AsyncGraph
from graph.errors import InvalidInput
from hub.auth.claims import ROLE_CLAIM, SCOPE_CLAIM
from hub.auth.clients import OAuthClient, find_client, unknown_client
from hub.auth.keys import ALGORITHM, signing_key
from hub.auth.ratelimit import FailureLimiter
from hub.auth.settings import AuthSettings

__all__ = ["Guards", "token_endpoint"]


@dataclass
class Guards:
    """Failed client authentications of one app: per client id (10 in 60 s,
    ``PATENT_HUB_OAUTH_CLIENT_MAX_FAILURES``/``_FAILURE_WINDOW``) and per address (50 in
    60 s, ``PATENT_HUB_OAUTH_ADDRESS_MAX_FAILURES``/``_FAILURE_WINDOW``)."""

    clients: FailureLimiter = field(
        default_factory=lambda: FailureLimiter.from_env("PATENT_HUB_OAUTH_CLIENT", 10, 60.0)
    )
    addresses: FailureLimiter = field(
        default_factory=lambda: FailureLimiter.from_env("PATENT_HUB_OAUTH_ADDRESS", 50, 60.0)
    )


class HubGrant(ClientCredentialsGrant):
    TOKEN_ENDPOINT_AUTH_METHODS: ClassVar[list[str]] = [
        "client_secret_basic",
        "client_secret_post",
    ]


class HubTokenGenerator(JWTBearerTokenGenerator):
    def __init__(self, settings: AuthSettings) -> None:
        super().__init__(
            issuer=settings.issuer,
            alg=ALGORITHM,
            expires_generator=lambda client, grant_type: settings.client_token_ttl,
        )
        self.settings = settings

    def get_jwks(self) -> Any:
        return signing_key(self.settings.key_dir)

    def get_audiences(self, client: OAuthClient, user: Any, scope: Any) -> str:
        return self.settings.audience

    def get_extra_claims(
        self, client: OAuthClient, grant_type: str, user: Any, scope: Any
    ) -> dict[str, Any]:
        claims: dict[str, Any] = {ROLE_CLAIM: client.role}
        if client.scope is not None:
            claims[SCOPE_CLAIM] = client.scope
        return claims


class FormRequest(OAuth2Request):
    """An already-read form POST, in the shape authlib's grants expect."""

    def __init__(self, method: str, uri: str, headers: Mapping[str, str], form: dict[str, str]):
        super().__init__(method=method, uri=uri, headers=headers)
        self._form = form
        self.payload = BasicOAuth2Payload(form)

    @property
    def args(self) -> dict[str, str]:
        return {}

    @property
    def form(self) -> dict[str, str]:
        return self._form


class HubAuthorizationServer(AuthorizationServer):
    """authlib's server bound to one request's prefetched client."""

    def __init__(self, settings: AuthSettings, client: OAuthClient | None) -> None:
        super().__init__()
        self._client = client
        self.register_grant(HubGrant)
        self.register_token_generator("default", HubTokenGenerator(settings))

    def query_client(self, client_id: str) -> OAuthClient | None:
        if self._client is not None and self._client.client_id == client_id:
            return self._client
        return unknown_client(client_id)

    def save_token(self, token: dict[str, Any], request: OAuth2Request) -> None:
        """Self-contained JWTs: nothing to store."""

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        pass

    def create_oauth2_request(self, request: OAuth2Request) -> OAuth2Request:
        return request

    def handle_response(self, status: int, body: Any, headers: Any) -> Response:
        return JSONResponse(body, status_code=status, headers=dict(headers))


class BadBasicHeader(InvalidInput, ValueError):
    """An ``Authorization: Basic`` header that is not base64 of UTF-8 ``id:secret``."""


def _client_id(headers: Mapping[str, str], form: dict[str, str]) -> str | None:
    auth = headers.get("authorization", "")
    if auth[:6].lower() == "basic ":
        try:
            decoded = base64.b64decode(auth[6:].strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            raise BadBasicHeader(auth) from None
        if ":" not in decoded:
            raise BadBasicHeader(auth)
        return unquote(decoded.partition(":")[0]) or None
    return form.get("client_id") or None


def plain_http_allowed(request: Request) -> bool:
    """Whether this request may get a token without TLS. ``request.url.scheme`` and
    ``request.client`` are what uvicorn made of the connection: TLS, or the
    ``X-Forwarded-Proto``/``-For`` of a proxy listed in ``PATENT_HUB_FORWARDED_ALLOW_IPS``
    (from anyone else uvicorn ignores them). ``PATENT_HUB_OAUTH_PLAIN_HTTP``: ``loopback``
    (default) allows plain HTTP from a loopback peer, ``never`` not at all."""
    if request.url.scheme == "https":
        return True
    if os.environ.get("PATENT_HUB_OAUTH_PLAIN_HTTP", "loopback").strip().lower() != "loopback":
        return False
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _error(status: int, error: str, description: str, **headers: str) -> JSONResponse:
    return JSONResponse(
        {"error": error, "error_description": description},
        status_code=status,
        headers={"Cache-Control": "no-store", **headers},
    )


async def token_endpoint(
    request: Request, graph: AsyncGraph, settings: AuthSettings, guards: Guards
) -> Response:
    """``POST /oauth/token``."""
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith("application/x-www-form-urlencoded"):
        return _error(
            400,
            "invalid_request",
            "send the token request as application/x-www-form-urlencoded",
        )
    if not plain_http_allowed(request):
        return _error(400, "insecure_transport", "use https")
    # parse_qsl, not request.form(): no python-multipart needed for a urlencoded body
    try:
        pairs = parse_qsl((await request.body()).decode("utf-8"), keep_blank_values=True)
    except UnicodeDecodeError:
        pairs = []
    form = dict(pairs)
    headers = request.headers  # case-insensitive, as authlib reads "Authorization"
    try:
        client_id = _client_id(headers, form)
    except BadBasicHeader:
        return _error(
            401,
            "invalid_client",
            "the Basic credentials are not base64 of UTF-8 client_id:client_secret",
            **{"WWW-Authenticate": 'Basic realm="patent-hub"'},
        )
    address = request.client.host if request.client else "-"
    wait = max(
        guards.addresses.retry_after(address),
        guards.clients.retry_after(client_id) if client_id else 0,
    )
    if wait:
        return _error(
            429,
            "slow_down",
            f"too many failed client authentications: try again in {wait} s",
            **{"Retry-After": str(wait)},
        )
    try:
        client = await find_client(graph, client_id) if client_id else None
    except UNAVAILABLE:
        return _error(
            503,
            "temporarily_unavailable",
            "the graph database is unavailable, try again shortly",
            **{"Retry-After": "5"},
        )
    server = HubAuthorizationServer(settings, client)
    # the transport was judged above, on configuration; authlib's own check reads Host
    uri = str(request.url.replace(scheme="https"))
    oauth_request = FormRequest(request.method, uri, headers, form)
    response: Response = await run_in_threadpool(server.create_token_response, oauth_request)
    if response.status_code == 401 or b'"invalid_client"' in bytes(response.body):
        guards.addresses.failed(address)
        if client_id:
            guards.clients.failed(client_id)
    elif response.status_code == 200 and client_id:
        guards.clients.succeeded(client_id)
    return response
