"""The change feed as a GraphQL list: scoped pages of ``Change`` events by sequence number.

The scope predicate per role lives in ``graph/cypher/connectors/change_scope.cypher``; roles
without one (enterprises, experts, anonymous callers) are refused by the field's permission
class before anything is read. Cursors are opaque keyset positions (the seq of the last
event seen); a page without events returns the cursor it was given, so a platform can poll
with the same cursor until something new comes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph import feed, scope
from graph.vocab import Role
from hub.context import Context
from hub.errors import BadUserInput
from hub.resolvers.keyset import decode_cursor, encode_cursor, page_size

__all__ = ["READERS", "changes", "cursor"]

ORDER = "CHANGE_SEQ"

# The roles with a change-feed scope (the field admits no other, ``hub.schema.changes``).
READERS = tuple(r for r in Role if feed.may_read(r))


@dataclass
class ChangePage:
    rows: list[dict[str, Any]]
    cursors: list[str]
    has_next: bool
    end_cursor: str | None


def cursor(seq: int) -> str:
    return encode_cursor(ORDER, seq, seq)


async def changes(ctx: Context, after: str | None, first: int | None) -> ChangePage:
    role = ctx.principal.role
    limit = page_size(first)
    position = decode_cursor(after, ORDER)
    seq = position["k"] if position else 0
    if not isinstance(seq, int) or seq < 0:
        raise BadUserInput(f"after {after!r} is not a cursor of the change feed", argument="after")
    params = {"after": seq, "limit": limit + 1, **scope.params(ctx.principal.params())}
    found = await ctx.graph.read(feed.changes_query(role), params)
    rows: list[dict[str, Any]] = found[0]["changes"] if found else []
    page = rows[:limit]
    cursors = [cursor(int(r["seq"])) for r in page]
    return ChangePage(page, cursors, len(rows) > limit, cursors[-1] if cursors else after)
