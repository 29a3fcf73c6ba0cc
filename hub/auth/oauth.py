"""The hub as a small OAuth 2 authorisation server for machine clients.

Only the ``client_credentials`` grant (RFC 6749 §4.4) is offered, with
``client_secret_basic`` and ``client_secret_post`` client authentication; the
access tokens are RFC 9068 JWTs carrying the same ``role``/``scope_id`` claims as
every other hub token. authlib's ``AuthorizationServer`` is synchronous, so the
endpoint looks the client up asynchronously first and then runs authlib in a
worker thread with that client in hand.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import Any, ClassVar
from urllib.parse import parse_qsl, unquote

from authlib.oauth2.rfc6749 import (
    AuthorizationServer,
    ClientCredentialsGrant,
    OAuth2Request,
)
from authlib.oauth2.rfc6749.errors import InsecureTransportError
from authlib.oauth2.rfc6749.requests import BasicOAuth2Payload
from authlib.oauth2.rfc9068 import JWTBearerTokenGenerator
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from graph.db import AsyncGraph
from hub.auth.claims import ROLE_CLAIM, SCOPE_CLAIM
from hub.auth.clients import OAuthClient, find_client
from hub.auth.keys import ALGORITHM, signing_key
from hub.auth.settings import AuthSettings


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
        return None

    def save_token(self, token: dict[str, Any], request: OAuth2Request) -> None:
        """Self-contained JWTs: nothing to store."""

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        pass

    def create_oauth2_request(self, request: OAuth2Request) -> OAuth2Request:
        return request

    def handle_response(self, status: int, body: Any, headers: Any) -> Response:
        return JSONResponse(body, status_code=status, headers=dict(headers))


def _client_id(headers: Mapping[str, str], form: dict[str, str]) -> str | None:
    auth = headers.get("authorization", "")
    if auth[:6].lower() == "basic ":
        try:
            decoded = base64.b64decode(auth[6:].strip()).decode()
        except (binascii.Error, UnicodeDecodeError):
            return None
        return unquote(decoded.partition(":")[0]) or None
    return form.get("client_id") or None


async def token_endpoint(request: Request, graph: AsyncGraph, settings: AuthSettings) -> Response:
    """``POST /oauth/token``."""
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith("application/x-www-form-urlencoded"):
        return JSONResponse(
            {
                "error": "invalid_request",
                "error_description": "send the token request as application/x-www-form-urlencoded",
            },
            status_code=400,
        )
    # parse_qsl, not request.form(): no python-multipart needed for a urlencoded body
    try:
        pairs = parse_qsl((await request.body()).decode("utf-8"), keep_blank_values=True)
    except UnicodeDecodeError:
        pairs = []
    form = dict(pairs)
    headers = request.headers  # case-insensitive, as authlib reads "Authorization"
    client_id = _client_id(headers, form)
    client = await find_client(graph, client_id) if client_id else None
    server = HubAuthorizationServer(settings, client)
    try:
        oauth_request = FormRequest(request.method, str(request.url), headers, form)
    except InsecureTransportError:
        return JSONResponse(
            {"error": "insecure_transport", "error_description": "use https"}, status_code=400
        )
    response: Response = await run_in_threadpool(server.create_token_response, oauth_request)
    return response
