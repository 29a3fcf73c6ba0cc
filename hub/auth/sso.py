"""Optional single sign-on through a province's own OpenID Connect provider.

Set ``PATENT_HUB_OIDC_ISSUER``, ``PATENT_HUB_OIDC_CLIENT_ID`` and
``PATENT_HUB_OIDC_CLIENT_SECRET`` and the login page offers the provider's button:
``GET /sso/login`` sends the person there (authorisation code flow, state and nonce
kept in a signed, short-lived, SameSite=Lax cookie under ``/sso``, through authlib's
Starlette client), ``GET /sso/callback`` takes the answer, checks the id_token
(signature from the provider's JWKS, ``iss``, ``aud``, ``exp``, ``nonce``), maps its
claims to a role and scope (docs/auth.md, "Single sign-on") and sets the same
session cookie as a password login. The person's account is kept (``source: oidc``,
no password) so that ``users list`` shows it and ``users disable`` stops it.
"""

from __future__ import annotations

import hashlib
import os
import re
import warnings
from dataclasses import dataclass
from typing import Any

from authlib.deprecate import AuthlibDeprecationWarning
from authlib.integrations.base_client.errors import OAuthError
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route

from graph.cypher import load
from graph.db import AsyncGraph
from graph.vocab import Role
from hub.auth import audit
from hub.auth.claims import ScopeError, check_scope, parse_role
from hub.auth.keys import signing_key
from hub.auth.login import Logins, Refusal, client_address, request_id, safe_next
from hub.auth.settings import AuthSettings, SessionSettings
from hub.auth.users import UserAccount

__all__ = ["SingleSignOn", "SsoSettings", "sso_settings"]

STATE_COOKIE = "patent_hub_sso"
_NOT_USERNAME = re.compile(r"[^a-z0-9_.@-]+")

# authlib 1.9 warns, when its Starlette client imports its httpx integration, that the
# integration will move to the httpx2 package: nothing the hub can act on, and it was
# printed at every start of ``patent-hub serve``. Only that one warning is silenced.
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "The httpx module is deprecated", AuthlibDeprecationWarning)
    from authlib.integrations.starlette_client import OAuth


@dataclass(frozen=True)
class SsoSettings:
    issuer: str
    metadata_url: str
    client_id: str
    client_secret: str
    scopes: str
    label: str
    role_claim: str
    scope_claim: str
    unit_claim: str
    default_role: str | None
    default_scope: str | None
    allowed_roles: frozenset[Role]
    province: str | None


def sso_settings() -> SsoSettings | None:
    """From the environment; None when single sign-on is not configured."""
    env = os.environ
    issuer = (env.get("PATENT_HUB_OIDC_ISSUER") or "").strip().rstrip("/")
    if not issuer:
        return None
    allowed = env.get("PATENT_HUB_OIDC_ALLOWED_ROLES", "PROVINCE,INSTITUTION")
    return SsoSettings(
        issuer=issuer,
        metadata_url=env.get("PATENT_HUB_OIDC_METADATA_URL")
        or f"{issuer}/.well-known/openid-configuration",
        client_id=env.get("PATENT_HUB_OIDC_CLIENT_ID", ""),
        client_secret=env.get("PATENT_HUB_OIDC_CLIENT_SECRET", ""),
        scopes=env.get("PATENT_HUB_OIDC_SCOPES", "openid profile"),
        label=env.get("PATENT_HUB_OIDC_LABEL", "统一身份认证登录"),
        role_claim=env.get("PATENT_HUB_OIDC_ROLE_CLAIM", "patent_hub_role"),
        scope_claim=env.get("PATENT_HUB_OIDC_SCOPE_CLAIM", "patent_hub_scope"),
        unit_claim=env.get("PATENT_HUB_OIDC_UNIT_CLAIM", "patent_hub_unit"),
        default_role=env.get("PATENT_HUB_OIDC_DEFAULT_ROLE") or None,
        default_scope=env.get("PATENT_HUB_OIDC_DEFAULT_SCOPE") or None,
        allowed_roles=frozenset(parse_role(r) for r in allowed.split(",") if r.strip()),
        province=env.get("PATENT_HUB_OIDC_PROVINCE") or None,
    )


def username_of(claims: dict[str, Any]) -> str:
    """``sso.<preferred_username or sub>``, reduced to the usernames' alphabet."""
    raw = str(claims.get("preferred_username") or claims.get("sub") or "").lower()
    name = _NOT_USERNAME.sub("-", raw).strip("-.")[:58]
    if not name:
        raise Refusal("sso", 403, "the id_token has no subject")
    return f"sso.{name}"


async def map_claims(graph: AsyncGraph, sso: SsoSettings, claims: dict[str, Any]) -> UserAccount:
    """The rule of docs/auth.md: role from the role claim (else the default role),
    scope from the scope claim (else the default scope), both checked like any
    token's; the role must be one the provider may grant, and a provider bound to a
    province grants nothing outside it."""
    role_value = claims.get(sso.role_claim) or sso.default_role
    if not isinstance(role_value, str):
        raise Refusal("sso_role", 403, f"no {sso.role_claim!r} claim and no default role")
    try:
        role = parse_role(role_value)
        scope_value = claims.get(sso.scope_claim) or sso.default_scope
        scope = check_scope(role, scope_value if isinstance(scope_value, str) else None)
    except ScopeError as exc:
        raise Refusal("sso_role", 403, f"claims do not fit: {exc}") from None
    if role not in sso.allowed_roles:
        raise Refusal("sso_role", 403, f"the provider may not grant {role.value}")
    if sso.province is not None:
        if role is Role.PROVINCE and scope != sso.province:
            raise Refusal("sso_role", 403, f"province {scope} is not the provider's")
        if role is Role.INSTITUTION:
            rows = await graph.read(load("accounts/institution_province"), {"id": scope})
            if not rows or rows[0]["province"] != sso.province:
                raise Refusal("sso_role", 403, f"institution {scope} is not in the province")
        if role not in {Role.PROVINCE, Role.INSTITUTION}:
            raise Refusal("sso_role", 403, f"a provincial provider may not grant {role.value}")
    unit = claims.get(sso.unit_claim)
    unit = unit if isinstance(unit, str) and unit and role is Role.INSTITUTION else None
    name = claims.get("name")
    username = username_of(claims)
    return UserAccount(
        username=username,
        name=name if isinstance(name, str) and name else username,
        role=role,
        scope=scope,
        unit=unit,
        source="oidc",
    )


def state_secret(auth: AuthSettings) -> str:
    """The state cookie's signing secret, derived from the hub's own private key, so
    every process sharing the key accepts the callback."""
    private = signing_key(auth.key_dir).as_dict(private=True)
    return hashlib.sha256(b"patent-hub sso state\0" + str(private["d"]).encode()).hexdigest()


class SingleSignOn:
    def __init__(self, sso: SsoSettings, logins: Logins, session: SessionSettings) -> None:
        self.sso = sso
        self.logins = logins
        self.session = session
        self.oauth = OAuth()
        self.oauth.register(
            "province",
            client_id=sso.client_id,
            client_secret=sso.client_secret,
            server_metadata_url=sso.metadata_url,
            client_kwargs={"scope": sso.scopes, "timeout": 10.0},
        )
        logins.sso_label = sso.label

    def redirect_uri(self, request: Request) -> str:
        if self.session.public_url:
            return f"{self.session.public_url}/sso/callback"
        return str(request.url_for("sso_callback"))

    async def login(self, request: Request) -> Response:
        client = self.oauth.create_client("province")
        request.session["next"] = safe_next(request.query_params.get("next"))
        try:
            response: Response = await client.authorize_redirect(
                request, self.redirect_uri(request)
            )
        except (OAuthError, OSError, ValueError) as exc:
            return await self._refused(request, Refusal("sso", 502, f"provider: {exc}"), "-")
        return response

    async def callback(self, request: Request) -> Response:
        graph: AsyncGraph = request.app.state.graph
        next_path = safe_next(request.session.pop("next", None))
        client = self.oauth.create_client("province")
        username = "-"
        try:
            try:
                token = await client.authorize_access_token(request)
            except (OAuthError, OSError, ValueError, KeyError, TypeError) as exc:
                raise Refusal("sso", 401, f"sign-on failed: {type(exc).__name__}: {exc}") from None
            claims = dict(token.get("userinfo") or {})
            if not claims:
                raise Refusal("sso", 401, "the provider answered no id_token")
            user = await map_claims(graph, self.sso, claims)
            username = user.username
            rows = await graph.write(
                load("accounts/upsert_sso_user"),
                {
                    "username": user.username,
                    "name": user.name,
                    "role": user.role.value,
                    "scope": user.scope,
                    "unit": user.unit,
                },
            )
            if rows and rows[0]["source"] != "oidc":
                raise Refusal("sso", 403, "a password account has this username")
            if rows and rows[0]["disabled"]:
                raise Refusal("disabled", 403, "account disabled")
        except Refusal as refusal:
            return await self._refused(request, refusal, username)
        request.app.state.account_states.forget(user.subject)
        await audit.signed_in(
            graph,
            user,
            request_id=request_id(request),
            address=client_address(request),
            method="oidc",
            issuer=self.sso.issuer,
        )
        return self.logins.signed_in(request, user, next_path, amr="oidc")

    async def _refused(self, request: Request, refusal: Refusal, username: str) -> Response:
        await audit.refused(
            request.app.state.graph,
            username,
            request_id=request_id(request),
            address=client_address(request),
            reason=refusal.reason,
            method="oidc",
        )
        return self.logins.refused(request, refusal, "/")

    def mount(self, auth: AuthSettings) -> Mount:
        return Mount(
            "/sso",
            routes=[
                Route("/login", self.login, methods=["GET"]),
                Route("/callback", self.callback, methods=["GET"], name="sso_callback"),
            ],
            middleware=[
                Middleware(
                    SessionMiddleware,
                    secret_key=state_secret(auth),
                    session_cookie=STATE_COOKIE,
                    max_age=600,
                    path="/sso",
                    same_site="lax",  # the provider's redirect back is a cross-site navigation
                    https_only=self.session.secure_cookie,
                )
            ],
        )
