"""Authentication settings, read from the environment once per process.

The defaults make a laptop work out of the box (the hub signs its own tokens);
a deployment sets ``PATENT_HUB_JWKS_URL`` to trust an external identity provider.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from graph.config import var_dir

__all__ = [
    "SESSION_COOKIE",
    "AuthSettings",
    "SessionSettings",
    "auth_settings",
    "dev_mode",
    "session_settings",
]

DEFAULT_ISSUER = "urn:patent-hub"
DEFAULT_AUDIENCE = "patent-hub"


@dataclass(frozen=True)
class AuthSettings:
    issuer: str
    audience: str
    jwks_url: str | None
    jwks_issuer: str
    key_dir: Path
    jwks_cache_seconds: int
    leeway_seconds: int
    client_token_ttl: int


def auth_settings() -> AuthSettings:
    env = os.environ
    issuer = env.get("PATENT_HUB_ISSUER", DEFAULT_ISSUER)
    return AuthSettings(
        issuer=issuer,
        audience=env.get("PATENT_HUB_AUDIENCE", DEFAULT_AUDIENCE),
        jwks_url=env.get("PATENT_HUB_JWKS_URL") or None,
        jwks_issuer=env.get("PATENT_HUB_JWKS_ISSUER") or issuer,
        key_dir=Path(env.get("PATENT_HUB_KEY_DIR", var_dir() / "keys")),
        jwks_cache_seconds=int(env.get("PATENT_HUB_JWKS_CACHE_SECONDS", "300")),
        leeway_seconds=int(env.get("PATENT_HUB_TOKEN_LEEWAY", "30")),
        client_token_ttl=int(env.get("PATENT_HUB_CLIENT_TOKEN_TTL", "3600")),
    )


def dev_mode() -> bool:
    """``PATENT_HUB_DEV=1``: GraphiQL and other conveniences for a developer."""
    return os.environ.get("PATENT_HUB_DEV", "") in {"1", "true", "yes"}


SESSION_COOKIE = "patent_hub_session"


def _flag(value: str | None) -> bool | None:
    if value is None or not value.strip():
        return None
    return value.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class SessionSettings:
    """The console's cookie sessions and login limits (docs/auth.md, "People")."""

    ttl: int
    max_age: int
    secure_cookie: bool
    public_url: str | None
    max_failures: int
    lock_seconds: int
    address_failures: int
    address_window: int
    state_cache_seconds: float


def session_settings() -> SessionSettings:
    """From the environment. The cookie is ``Secure`` when ``PATENT_HUB_COOKIE_SECURE``
    says so, or else when ``PATENT_HUB_PUBLIC_URL`` is an https address: a setting of
    the deployment, never guessed from a request's headers."""
    env = os.environ
    public_url = (env.get("PATENT_HUB_PUBLIC_URL") or "").strip().rstrip("/") or None
    secure = _flag(env.get("PATENT_HUB_COOKIE_SECURE"))
    if secure is None:
        secure = bool(public_url and public_url.lower().startswith("https://"))
    return SessionSettings(
        ttl=int(env.get("PATENT_HUB_SESSION_TTL", "1800")),
        max_age=int(env.get("PATENT_HUB_SESSION_MAX_AGE", "43200")),
        secure_cookie=secure,
        public_url=public_url,
        max_failures=int(env.get("PATENT_HUB_LOGIN_MAX_FAILURES", "5")),
        lock_seconds=int(env.get("PATENT_HUB_LOGIN_LOCK_SECONDS", "900")),
        address_failures=int(env.get("PATENT_HUB_LOGIN_ADDRESS_FAILURES", "20")),
        address_window=int(env.get("PATENT_HUB_LOGIN_ADDRESS_WINDOW", "600")),
        state_cache_seconds=float(env.get("PATENT_HUB_ACCOUNT_STATE_SECONDS", "2")),
    )
