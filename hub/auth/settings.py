"""Authentication settings, read from the environment once per process.

The defaults make a laptop work out of the box (the hub signs its own tokens);
a deployment sets ``PATENT_HUB_JWKS_URL`` to trust an external identity provider.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from graph.config import var_dir

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
