"""Signing and verifying the hub's JWT access tokens (joserfc, the JOSE library
authlib 1.9 builds on and recommends in place of the deprecated ``authlib.jose``).

Tokens are verified either against the JWKS of an external identity provider
(``PATENT_HUB_JWKS_URL``, fetched with httpx and cached) or against the hub's own
key. Every failure becomes ``InvalidToken`` with a reason safe to show the caller.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any

import httpx
from joserfc import jws, jwt
from joserfc.errors import ExpiredTokenError, InvalidClaimError, JoseError, MissingClaimError
from joserfc.jwk import KeySet

from graph.errors import NotPermitted
from graph.vocab import Role
from hub.auth.claims import (
    ROLE_CLAIM,
    SCOPE_CLAIM,
    UNIT_CLAIM,
    ScopeError,
    check_scope,
    check_unit,
    parse_role,
    principal_from_claims,
)
from hub.auth.keys import ALGORITHM, local_key_set, signing_key
from hub.auth.principal import Principal
from hub.auth.settings import AuthSettings, auth_settings

__all__ = ["InvalidToken", "TokenVerifier", "issue_dev_token", "sign", "token_claims"]

ACCEPTED_ALGORITHMS = ["RS256", "RS384", "RS512", "ES256", "ES384", "EdDSA", "PS256"]


class InvalidToken(NotPermitted):
    """A bearer token that was presented but cannot be trusted."""


def token_claims(
    role: Role,
    scope: str | None,
    ttl: int,
    subject: str,
    settings: AuthSettings,
    unit: str | None = None,
) -> dict[str, Any]:
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": settings.issuer,
        "aud": settings.audience,
        "sub": subject,
        "iat": now,
        "exp": now + ttl,
        "jti": uuid.uuid4().hex,
        ROLE_CLAIM: role.value,
    }
    if scope is not None:
        claims[SCOPE_CLAIM] = scope
    if unit is not None:
        claims[UNIT_CLAIM] = unit
    return claims


def sign(claims: dict[str, Any], settings: AuthSettings, typ: str = "at+jwt") -> str:
    key = signing_key(settings.key_dir)
    header = {"alg": ALGORITHM, "kid": key.kid, "typ": typ}
    return jwt.encode(header, claims, key, algorithms=[ALGORITHM])


def issue_dev_token(role: str, scope: str | None, ttl: int = 3600, unit: str | None = None) -> str:
    """A token signed with the hub's own key, for development and tests.

    Raises ``ScopeError`` when the scope does not fit the role (e.g. PROVINCE
    needs a 2-digit GB/T 2260 code) and ``ValueError`` for a non-positive ttl.
    """
    parsed = parse_role(role)
    if parsed is Role.ANONYMOUS:
        raise ScopeError("ANONYMOUS needs no token: send the request without one")
    if ttl <= 0:
        raise ValueError(f"ttl must be a positive number of seconds, got {ttl}")
    checked = check_scope(parsed, scope)
    unit_id = check_unit(parsed, checked, unit)
    settings = auth_settings()
    subject = f"dev:{parsed.value.lower()}" + (f":{checked}" if checked else "")
    subject += f":{unit_id}" if unit_id else ""
    return sign(token_claims(parsed, checked, ttl, subject, settings, unit_id), settings)


class JwksCache:
    """The identity provider's keys, fetched lazily and refreshed when stale or
    when a token names a key id we do not know (key rotation)."""

    def __init__(self, url: str, max_age: int, min_refresh_interval: float = 10.0) -> None:
        self.url = url
        self.max_age = max_age
        self.min_refresh_interval = min_refresh_interval
        self._keys: KeySet | None = None
        self._fetched_at = 0.0
        self._lock = asyncio.Lock()

    async def _fetch(self) -> KeySet:
        async with httpx.AsyncClient(timeout=5.0) as client:
            response = await client.get(self.url)
            response.raise_for_status()
            document = response.json()
        return KeySet.import_key_set(document)

    async def keys(self, kid: str | None = None) -> KeySet:
        now = time.monotonic()
        stale = self._keys is None or now - self._fetched_at > self.max_age
        unknown_kid = (
            kid is not None
            and self._keys is not None
            and all(k.kid != kid for k in self._keys.keys)
            and now - self._fetched_at > self.min_refresh_interval
        )
        if stale or unknown_kid:
            async with self._lock:
                try:
                    self._keys = await self._fetch()
                    self._fetched_at = time.monotonic()
                except (httpx.HTTPError, ValueError, JoseError) as exc:
                    if self._keys is None:
                        raise InvalidToken(
                            f"cannot fetch the signing keys from {self.url} ({type(exc).__name__})"
                        ) from None
        assert self._keys is not None
        return self._keys


def _kid(token: str) -> str | None:
    try:
        header = jws.extract_compact(token.encode()).headers()  # unverified: picks the key
    except (JoseError, ValueError):
        return None
    kid = header.get("kid")
    return kid if isinstance(kid, str) else None


class TokenVerifier:
    """Turns a bearer token into a ``Principal``, or raises ``InvalidToken``."""

    def __init__(self, settings: AuthSettings | None = None) -> None:
        self.settings = settings or auth_settings()
        self.jwks = (
            JwksCache(self.settings.jwks_url, self.settings.jwks_cache_seconds)
            if self.settings.jwks_url
            else None
        )

    async def key_set(self, token: str) -> tuple[KeySet, str]:
        """The keys to check ``token`` with and the issuer it must name: the hub's
        own key for tokens it signed (dev tokens, OAuth clients), otherwise the
        identity provider's JWKS when one is configured."""
        own = local_key_set(self.settings.key_dir)
        if self.jwks is None:
            return own, self.settings.issuer
        kid = _kid(token)
        if kid is not None and any(k.kid == kid for k in own.keys):
            return own, self.settings.issuer
        return await self.jwks.keys(kid), self.settings.jwks_issuer

    async def verify(self, token: str) -> Principal:
        principal, _ = await self.verify_claims(token)
        return principal

    async def verify_claims(self, token: str) -> tuple[Principal, dict[str, Any]]:
        """The caller and the verified claims (sessions read ``iat``/``auth_time``)."""
        keys, issuer = await self.key_set(token)
        try:
            decoded = jwt.decode(token, keys, algorithms=ACCEPTED_ALGORITHMS)
        except (JoseError, ValueError, TypeError) as exc:
            raise InvalidToken(f"token rejected: {_describe(exc)}") from None
        registry = jwt.JWTClaimsRegistry(
            leeway=self.settings.leeway_seconds,
            iss={"essential": True, "value": issuer},
            aud={"essential": True, "value": self.settings.audience},
            exp={"essential": True},
        )
        try:
            registry.validate(decoded.claims)
        except ExpiredTokenError:
            raise InvalidToken("token expired") from None
        except (InvalidClaimError, MissingClaimError) as exc:
            raise InvalidToken(f"token rejected: {_describe(exc)}") from None
        except JoseError as exc:
            raise InvalidToken(f"token rejected: {_describe(exc)}") from None
        try:
            return principal_from_claims(decoded.claims), dict(decoded.claims)
        except ScopeError as exc:
            raise InvalidToken(f"token rejected: {exc}") from None


def _describe(exc: Exception) -> str:
    if isinstance(exc, JoseError):
        return exc.description or exc.error.replace("_", " ") or type(exc).__name__
    return str(exc) or type(exc).__name__
