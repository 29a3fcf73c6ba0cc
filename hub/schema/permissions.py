"""Who may call a field: Strawberry permission classes, declared on the field.

``permission_classes=[allow(Role.INSTITUTION)]`` on a field refuses every other role with
FORBIDDEN before the resolver runs, so a refusal never depends on the arguments and no
input error, missing target or scope answer can leak to a caller of the wrong role.
Rules that depend on the target row (an institution's own patent, an expert's assigned
one) stay in the resolver, after its input checks and scoped look-up.

The refusal raises the hub's own ``Forbidden`` / ``Unauthenticated`` (``hub.errors``), so
it carries ``extensions.code`` and is logged as a refusal like every other; its message
names the caller's role, which Strawberry's ``on_unauthorized`` does not see.
"""

from __future__ import annotations

from typing import Any, ClassVar

import strawberry
from strawberry.permission import BasePermission

from graph.vocab import Role
from hub.context import Context
from hub.errors import Forbidden, Unauthenticated

__all__ = ["OVERSEERS", "RoleRule", "SignedIn", "allow", "rule_of"]

Info = strawberry.Info[Context, None]

# The roles that oversee patents and their inventory (the statistics of the work plan).
OVERSEERS = (Role.NATIONAL, Role.MINISTRY, Role.PROVINCE, Role.INSTITUTION)

# ``{field}`` the GraphQL field, ``{roles}`` the allowed roles sorted and slash-separated,
# ``{listed}`` them in the declared order in words, ``{role}`` the caller's role.
REFUSAL = "{field} is for {roles} accounts, not {role}"


class RoleRule(BasePermission):
    """A field for callers of ``roles`` only (subclasses are made by ``allow``)."""

    roles: ClassVar[tuple[Role, ...]] = ()
    refusal: ClassVar[str] = REFUSAL

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        role = info.context.principal.role
        if role in self.roles:
            return True
        raise Forbidden(
            self.refusal.format(
                field=info.field_name,
                roles=" / ".join(sorted(r.value for r in self.roles)),
                listed=in_words([r.value.lower() for r in self.roles]),
                role=role.value,
            )
        )


def in_words(names: list[str]) -> str:
    """``a, b and c``."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def allow(*roles: Role, refusal: str = REFUSAL) -> type[RoleRule]:
    """The permission class of a field that callers of ``roles`` only may call."""
    if not roles:
        raise ValueError("a field open to no role")
    name = "Allow" + "".join(r.value.title() for r in roles)
    rule: type[RoleRule] = type(name, (RoleRule,), {"roles": roles, "refusal": refusal})
    return rule


class SignedIn(BasePermission):
    """A field for callers with an account (any role): anonymous ones are UNAUTHENTICATED."""

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        if info.context.principal.role is Role.ANONYMOUS:
            raise Unauthenticated(f"{info.field_name} needs an account: send a bearer token")
        return True


def rule_of(field: Any) -> tuple[Role, ...] | None:
    """The roles a Strawberry field is declared for (``None``: no role rule on it)."""
    for permission in getattr(field, "permission_classes", None) or []:
        if issubclass(permission, RoleRule):
            return permission.roles
    return None
