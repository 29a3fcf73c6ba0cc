"""People's console accounts: ``UserAccount`` nodes beside the OAuth clients.

A person has the same role and scope model as a machine client (``hub.auth.claims``),
plus a username, a Chinese name and, for a unit's staff, the unit id. Only an
argon2id hash of the password is stored (argon2-cffi, its RFC 9106 low-memory
profile); ``users reset-password`` and ``users disable`` end the sessions issued
before them (``validAfter``).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from neo4j.exceptions import ConstraintError

from graph.cypher import load
from graph.db import AsyncGraph, Graph
from graph.errors import InvalidInput
from graph.vocab import Role
from hub.auth.claims import ScopeError, check_scope, check_unit, parse_role

__all__ = [
    "USER_PREFIX",
    "AccountError",
    "UserAccount",
    "create_user",
    "find_user",
    "list_users",
    "normalise_username",
    "password_matches",
    "reset_password",
    "set_disabled",
]

HASHER = PasswordHasher()  # argon2id, t=3, m=64 MiB, p=4 (argon2-cffi's RFC 9106 profile)
MIN_PASSWORD = 10
MAX_PASSWORD = 1024  # longer input is refused before hashing (bounded work)
USER_PREFIX = "user:"

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9_.@-]{1,63}$")

# A hash of a random password, verified against when the username is unknown, so an
# unknown account costs the same time as a wrong password (no username probing).
_DUMMY_HASH = HASHER.hash("no such account: timing equaliser")


class AccountError(InvalidInput, ValueError):
    """A username, role, scope, unit or password that cannot be used, and why."""


@dataclass(frozen=True)
class UserAccount:
    username: str
    name: str
    role: Role
    scope: str | None
    unit: str | None
    source: str
    disabled: bool = False
    failed_logins: int = 0
    locked_until: int | None = None
    valid_after: int = 0
    password_hash: str | None = None

    @property
    def subject(self) -> str:
        return f"{USER_PREFIX}{self.username}"


def normalise_username(username: str) -> str:
    name = username.strip().lower()
    if not _USERNAME.match(name):
        raise AccountError(
            f"username {username!r}: 2–64 characters, letters, digits and _ . @ - "
            "(starting with a letter or digit)"
        )
    return name


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password needs at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"the password may have at most {MAX_PASSWORD} characters")
    return password


def hash_password(password: str) -> str:
    return HASHER.hash(check_password(password))


def password_matches(password: str, stored: str | None) -> bool:
    """True when ``password`` is the one hashed in ``stored``; an account without a
    password (single sign-on) never matches, at the same cost."""
    if len(password) > MAX_PASSWORD:
        return False
    try:
        return HASHER.verify(stored or _DUMMY_HASH, password) and stored is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def account(row: dict[str, Any]) -> UserAccount:
    locked = row.get("lockedUntil")
    return UserAccount(
        username=row["username"],
        name=row.get("name") or row["username"],
        role=Role(row["role"]),
        scope=row.get("scope"),
        unit=row.get("unit"),
        source=row.get("source") or "local",
        disabled=bool(row.get("disabled")),
        failed_logins=int(row.get("failedLogins") or 0),
        locked_until=int(locked) if locked is not None else None,
        valid_after=int(row.get("validAfter") or 0),
        password_hash=row.get("passwordHash"),
    )


def create_user(
    graph: Graph,
    username: str,
    role: str,
    password: str,
    scope: str | None = None,
    unit: str | None = None,
    name: str | None = None,
) -> UserAccount:
    """Registers a person; ``AccountError``/``ScopeError`` say what does not fit."""
    user = normalise_username(username)
    parsed = parse_role(role)
    if parsed is Role.ANONYMOUS:
        raise ScopeError("a person's account cannot have the ANONYMOUS role")
    checked = check_scope(parsed, scope)
    checked_unit = check_unit(parsed, checked, unit)
    display = (name or "").strip() or user
    try:
        graph.write(
            load("accounts/create_user"),
            {
                "username": user,
                "name": display,
                "role": parsed.value,
                "scope": checked,
                "unit": checked_unit,
                "passwordHash": hash_password(password),
                "source": "local",
            },
        )
    except ConstraintError:
        raise AccountError(f"username {user!r} is taken") from None
    return UserAccount(user, display, parsed, checked, checked_unit, "local")


def list_users(graph: Graph) -> list[dict[str, Any]]:
    return graph.read(load("accounts/list_users"))


def _require(rows: list[dict[str, Any]], username: str) -> None:
    if not rows:
        raise AccountError(f"no account {username!r} (see `patent-hub users list`)")


def set_disabled(graph: Graph, username: str, disabled: bool) -> None:
    user = normalise_username(username)
    rows = graph.write(
        load("accounts/set_user_disabled"),
        {"username": user, "disabled": disabled, "now": int(time.time())},
    )
    _require(rows, user)


def reset_password(graph: Graph, username: str, password: str) -> None:
    user = normalise_username(username)
    rows = graph.write(
        load("accounts/set_user_password"),
        {"username": user, "passwordHash": hash_password(password), "now": int(time.time())},
    )
    _require(rows, user)


async def find_user(graph: AsyncGraph, username: str) -> UserAccount | None:
    rows = await graph.read(load("accounts/find_user"), {"username": username})
    return account(rows[0]) if rows else None
