"""``viewer``: the caller as the hub sees it, so a client can check its token.

Owned by the HTTP/auth side; ``hub.schema.viewer`` re-exports it and the schema owner
merges ``ViewerQuery`` into ``Query``.
"""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from graph.vocab import label
from hub.extensions import principal_of

__all__ = ["Viewer", "ViewerQuery"]


@strawberry.type(
    description="调用方：令牌给出的角色与范围 (the caller: role and scope from its token)"
)
class Viewer:
    role: str = strawberry.field(description="NATIONAL, MINISTRY, PROVINCE, … or ANONYMOUS")
    role_label: str = strawberry.field(description="角色的中文名称")
    scope: str | None = strawberry.field(
        description="the identifier bounding the role (province code, ministry code, …)"
    )
    subject: str = strawberry.field(description="the token's subject (sub claim)")
    unit: str | None = strawberry.field(
        default=None, description="a unit account's unit id (<institution id>/<unit name>)"
    )


def resolve_viewer(info: Info) -> Viewer:
    principal = principal_of(info.context)
    return Viewer(
        role=principal.role.value,
        role_label=label(principal.role),
        scope=principal.scope,
        subject=principal.subject,
        unit=principal.unit,
    )


@strawberry.type
class ViewerQuery:
    viewer: Viewer = strawberry.field(resolver=resolve_viewer, description="调用方 (the caller)")
