"""GraphQL types and root field of the audit trail (national platform only)."""

from __future__ import annotations

import strawberry
from strawberry.scalars import JSON

from hub.context import Context

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


@strawberry.type
class AuditQuery:
    @strawberry.field(description="Audit entries, newest first; NATIONAL only.")
    async def audit_trail(
        self,
        info: Info,
        first: int = 20,
        after: str | None = None,
        action: str | None = None,
        actor: str | None = None,
    ) -> AuditConnection:
        from hub.resolvers import audit

        return await audit.audit_trail(info.context, first, after, action, actor)
