"""GraphQL types and root field of the audit trail (national platform only)."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.scalars import JSON

from graph.vocab import Role
from hub.context import Context
from hub.resolvers import audit
from hub.resolvers.audit import TrailPage
from hub.schema.permissions import allow

__all__ = ["AuditQuery"]

Info = strawberry.Info[Context, None]


@strawberry.type(description="One recorded workflow step: who, when, what, on what.")
class AuditEntry:
    id: str
    at: str = strawberry.field(description="Instant of the write (ISO 8601)")
    actor_role: str
    actor_scope: str | None
    actor_subject: str | None
    action: str
    target: str
    args: JSON | None
    request_id: str | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> AuditEntry:
        return cls(
            id=row["id"],
            at=row["at"],
            actor_role=row["actorRole"],
            actor_scope=row.get("actorScope"),
            actor_subject=row.get("actorSubject"),
            action=row["action"],
            target=row["target"],
            args=row["args"],
            request_id=row.get("requestId"),
        )


@strawberry.type
class AuditEdge:
    cursor: str
    node: AuditEntry


@strawberry.type
class AuditConnection:
    total_count: int
    edges: list[AuditEdge]
    has_next_page: bool
    end_cursor: str | None

    @classmethod
    def from_page(cls, page: TrailPage) -> AuditConnection:
        entries = zip(page.cursors, page.entries, strict=True)
        return cls(
            total_count=page.total,
            edges=[AuditEdge(cursor=c, node=AuditEntry.from_row(e)) for c, e in entries],
            has_next_page=page.has_next,
            end_cursor=page.cursors[-1] if page.cursors else None,
        )


@strawberry.type
class AuditQuery:
    @strawberry.field(
        description="Audit entries, newest first; NATIONAL only.",
        permission_classes=[
            allow(Role.NATIONAL, refusal="the audit trail is for the national platform only")
        ],
    )
    async def audit_trail(
        self,
        info: Info,
        first: int = 20,
        after: str | None = None,
        action: str | None = None,
        actor: str | None = None,
    ) -> AuditConnection:
        page = await audit.audit_trail(info.context, first, after, action, actor)
        return AuditConnection.from_page(page)
