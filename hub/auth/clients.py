"""Machine clients (provincial platforms and other systems) of the OAuth 2 server.

A client is an ``OAuthClient`` node holding a role, a scope identifier and a salted
scrypt hash of its secret; the secret itself is shown once, at creation, and never
stored.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from typing import Any

from authlib.oauth2.rfc6749 import ClientMixin

from graph.cypher import load
from graph.db import AsyncGraph, Graph
from hub.auth.claims import check_scope, parse_role

__all__ = [
    "OAuthClient",
    "create_client",
    "find_client",
    "hash_secret",
    "list_clients",
    "rotate_secret",
    "set_disabled",
    "unknown_client",
]

_N, _R, _P = 2**14, 8, 1


def hash_secret(secret: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    b64 = base64.urlsafe_b64encode
    return f"scrypt${_N}${_R}${_P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_secret(secret: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    expected = base64.urlsafe_b64decode(digest)
    actual = hashlib.scrypt(
        secret.encode(),
        salt=base64.urlsafe_b64decode(salt),
        n=int(n),
        r=int(r),
        p=int(p),
        dklen=len(expected),
    )
    return hmac.compare_digest(actual, expected)


# Checked when a client id is unknown, so that an unknown client and a wrong secret cost
# the same scrypt work and cannot be told apart by timing.
_UNKNOWN_HASH = hash_secret(secrets.token_urlsafe(32))


def create_client(
    graph: Graph, role: str, scope: str | None, name: str | None = None
) -> tuple[str, str]:
    """Registers a client; returns ``(client_id, secret)``. ``ScopeError`` if the
    scope does not fit the role."""
    parsed = parse_role(role)
    checked = check_scope(parsed, scope)
    client_id = f"ph_{secrets.token_hex(8)}"
    secret = secrets.token_urlsafe(32)
    graph.write(
        load("accounts/create_client"),
        {
            "clientId": client_id,
            "secretHash": hash_secret(secret),
            "role": parsed.value,
            "scope": checked,
            "name": name or f"{parsed.value} {checked or ''}".strip(),
        },
    )
    return client_id, secret


@dataclass(frozen=True)
class OAuthClient(ClientMixin):
    """What authlib needs to know of a client (its ``ClientMixin`` protocol)."""

    client_id: str
    secret_hash: str
    role: str
    scope: str | None
    name: str
    disabled: bool = False

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str | None:
        return None

    def get_allowed_scope(self, scope: str) -> str:
        return ""  # OAuth scopes are not used: the role and scope_id claims bound access

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return False

    def check_client_secret(self, client_secret: str) -> bool:
        # the hash is checked even for a disabled client: the same time either way
        matches = verify_secret(client_secret, self.secret_hash)
        return matches and not self.disabled

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return endpoint == "token" and method in {"client_secret_basic", "client_secret_post"}

    def check_response_type(self, response_type: str) -> bool:
        return False

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "client_credentials"


def _client(row: dict[str, Any]) -> OAuthClient:
    return OAuthClient(
        client_id=row["clientId"],
        secret_hash=row["secretHash"],
        role=row["role"],
        scope=row["scope"],
        name=row["name"] or "",
        disabled=bool(row.get("disabled")),
    )


def unknown_client(client_id: str) -> OAuthClient:
    """Stands in for a client id the graph does not hold: no secret matches it, and
    checking one costs what checking a real client's costs."""
    return OAuthClient(client_id, _UNKNOWN_HASH, "", None, "", disabled=True)


async def find_client(graph: AsyncGraph, client_id: str) -> OAuthClient | None:
    rows = await graph.read(load("accounts/find_client"), {"clientId": client_id})
    return _client(rows[0]) if rows else None


def set_disabled(graph: Graph, client_id: str, disabled: bool) -> bool:
    """Disables (or enables) a client; False if there is no such client."""
    rows = graph.write(load("accounts/set_disabled"), {"clientId": client_id, "disabled": disabled})
    return bool(rows)


def rotate_secret(graph: Graph, client_id: str) -> str | None:
    """A new secret for the client; the old one stops working, and so do the tokens
    issued before now. None if there is no such client."""
    secret = secrets.token_urlsafe(32)
    rows = graph.write(
        load("accounts/rotate_secret"),
        {"clientId": client_id, "secretHash": hash_secret(secret), "now": int(time.time())},
    )
    return secret if rows else None


def list_clients(graph: Graph) -> list[dict[str, Any]]:
    return graph.read(load("accounts/list_clients"))
