"""The hub's own signing key: generated once into ``var/keys/``, published as a JWKS.

RS256 is used because every gateway and JWT library verifies it; the key id is the
RFC 7638 thumbprint, so a rotated key gets a new ``kid`` by itself.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from joserfc.jwk import KeySet, RSAKey

__all__ = ["ALGORITHM", "local_key_set", "public_jwks", "signing_key"]

ALGORITHM = "RS256"
KEY_FILE = "signing-key.json"


def _load_or_create(key_dir: Path) -> RSAKey:
    path = key_dir / KEY_FILE
    if path.exists():
        return RSAKey.import_key(json.loads(path.read_text()))
    key = RSAKey.generate_key(2048, parameters={"alg": ALGORITHM, "use": "sig"}, auto_kid=True)
    key_dir.mkdir(parents=True, exist_ok=True)
    # Written through a 0600 descriptor: the private key is never world-readable.
    fd = os.open(path.with_suffix(".tmp"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(key.as_dict(private=True), f)
    os.replace(path.with_suffix(".tmp"), path)
    return key


@cache
def signing_key(key_dir: Path) -> RSAKey:
    """The private key tokens are signed with (created on first use)."""
    return _load_or_create(key_dir)


def public_jwks(key_dir: Path) -> dict[str, Any]:
    """The JWKS document served at ``/.well-known/jwks.json``."""
    key = signing_key(key_dir)
    return {"keys": [key.as_dict(private=False, alg=ALGORITHM, use="sig")]}


def local_key_set(key_dir: Path) -> KeySet:
    return KeySet([signing_key(key_dir)])
