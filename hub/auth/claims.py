"""The claims a hub token carries, and which scope identifier fits which role.

Claim names (documented in ``docs/auth.md``):

* ``role``: one of ``graph.vocab.Role`` (``NATIONAL``, ``PROVINCE``, ...);
* ``scope_id``: the identifier that bounds the role (GB/T 2260 province code,
  ministry code, institution id, unified social credit code or expert id);
* ``unit``: for a unit account (role INSTITUTION only), the id of its ``Unit``
  (``<institutionId>/<unit name>``, e.g. ``4133010335/医学部``);
* ``sub``, ``iss``, ``aud``, ``exp``, ``iat``, ``jti``: as RFC 7519 defines them.

``scope`` is not used for it because OAuth 2 already gives ``scope`` another meaning.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path
from typing import Any

import graph
from graph.errors import InvalidInput
from graph.vocab import Role
from hub.auth.principal import SCOPE_KIND, Principal

__all__ = [
    "ROLE_CLAIM",
    "SCOPE_CLAIM",
    "UNIT_CLAIM",
    "ScopeError",
    "check_scope",
    "check_unit",
    "parse_role",
    "principal_from_claims",
]

ROLE_CLAIM = "role"
SCOPE_CLAIM = "scope_id"
UNIT_CLAIM = "unit"  # a unit account of an institution: the Unit id

REFERENCE = Path(graph.__file__).resolve().parent / "reference"

# 统一社会信用代码 (GB 32100-2015): 18 characters, no I, O, Z, S, V.
_CREDIT_CODE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
_INSTITUTION_ID = re.compile(r"^(\d{10}|[A-Z]{2}-[0-9A-Za-z-]{1,40})$")
_EXPERT_ID = re.compile(r"^[0-9A-Za-z_.:-]{1,64}$")
_MINISTRY_CODE = re.compile(r"^[A-Z]{2,10}$")


class ScopeError(InvalidInput, ValueError):
    """A role and scope identifier that do not go together."""


@cache
def _codes(file: str) -> frozenset[str]:
    path = REFERENCE / file
    if not path.exists():
        return frozenset()
    with path.open(encoding="utf-8") as f:
        return frozenset(row[0] for i, row in enumerate(csv.reader(f)) if i and row)


def parse_role(value: str) -> Role:
    try:
        return Role(value.strip().upper())
    except ValueError:
        allowed = ", ".join(r.value for r in Role)
        raise ScopeError(f"unknown role {value!r}: expected one of {allowed}") from None


def check_scope(role: Role, scope: str | None) -> str | None:
    """The scope identifier normalised for ``role``, or ``ScopeError`` saying why not."""
    kind = SCOPE_KIND[role]
    scope = scope.strip() if scope else None
    if kind is None:
        if scope:
            raise ScopeError(f"role {role.value} takes no scope, got {scope!r}")
        return None
    if not scope:
        raise ScopeError(f"role {role.value} needs a scope: the {kind} identifier")
    if role is Role.PROVINCE:
        provinces = _codes("provinces-gbt2260.csv")
        if not re.fullmatch(r"\d{2}", scope) or (provinces and scope not in provinces):
            raise ScopeError(
                f"PROVINCE scope {scope!r} is not a 2-digit GB/T 2260 province code "
                "(e.g. 11 北京市, 33 浙江省)"
            )
    elif role is Role.MINISTRY:
        scope = scope.upper()
        ministries = _codes("ministries.csv") or _codes("supervising-departments.csv")
        if not _MINISTRY_CODE.match(scope) or (ministries and scope not in ministries):
            raise ScopeError(
                f"MINISTRY scope {scope!r} is not a known ministry code (e.g. MOE, CAS, MIIT)"
            )
    elif role is Role.ENTERPRISE:
        scope = scope.upper()
        if not _CREDIT_CODE.match(scope):
            raise ScopeError(
                f"ENTERPRISE scope {scope!r} is not an 18-character unified social credit code"
            )
    elif role is Role.INSTITUTION:
        if not _INSTITUTION_ID.match(scope):
            raise ScopeError(
                f"INSTITUTION scope {scope!r} is not an institution id "
                "(10-digit MOE code, or RI-…/HO-… for institutes and hospitals)"
            )
    elif role is Role.EXPERT and not _EXPERT_ID.match(scope):
        raise ScopeError(f"EXPERT scope {scope!r} is not an expert id")
    return scope


def principal_from_claims(claims: dict[str, Any]) -> Principal:
    """The caller a verified token describes; ``ScopeError`` if its claims do not fit."""
    role_value = claims.get(ROLE_CLAIM)
    if not isinstance(role_value, str):
        raise ScopeError(f"token has no {ROLE_CLAIM!r} claim")
    role = parse_role(role_value)
    if role is Role.ANONYMOUS:
        raise ScopeError("a token cannot carry the ANONYMOUS role")
    scope_value = claims.get(SCOPE_CLAIM)
    if scope_value is not None and not isinstance(scope_value, str):
        raise ScopeError(f"claim {SCOPE_CLAIM!r} must be a string")
    scope = check_scope(role, scope_value)
    unit_value = claims.get(UNIT_CLAIM)
    if unit_value is not None and not isinstance(unit_value, str):
        raise ScopeError(f"claim {UNIT_CLAIM!r} must be a string")
    unit = check_unit(role, scope, unit_value)
    subject = str(claims.get("sub") or "unknown")
    return Principal(role=role, scope=scope, subject=subject, unit=unit)


def check_unit(role: Role, scope: str | None, unit: str | None) -> str | None:
    """A unit id fits only an INSTITUTION scope, and must be a unit of that institution
    (its id starts with ``<institution id>/``)."""
    unit = unit.strip() if unit else None
    if not unit:
        return None
    if role is not Role.INSTITUTION:
        raise ScopeError(f"a unit ({unit!r}) belongs to an INSTITUTION scope, not {role.value}")
    prefix = f"{scope}/"
    if not unit.startswith(prefix) or len(unit) == len(prefix) or len(unit) > 120:
        raise ScopeError(
            f"unit {unit!r} is not a unit id of institution {scope} (expected {prefix}<unit name>)"
        )
    return unit
