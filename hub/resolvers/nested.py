"""Connections below a node (``institution.patents``), batched across parents.

Each parent's page is a key ``(parent, first, after)``; one statement per distinct page
position serves every parent of the batch, and returns each total with its page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from aiodataloader import DataLoader

from graph import scope
from hub.context import Context
from hub.resolvers.cypher import statement
from hub.resolvers.keyset import Page, decode_cursor, encode_cursor, page_size

PageKey = tuple[str, int, str | None]
ORDER = "GRANT_DATE_DESC"


class NestedPageLoader(DataLoader):
    def __init__(self, ctx: Context, name: str, patent_row: str | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.name = name
        self.patent_row = patent_row

    async def batch_load_fn(self, keys: Sequence[PageKey]) -> list[Page]:
        groups: dict[tuple[int, str | None], list[str]] = defaultdict(list)
        for parent, limit, after in keys:
            groups[(limit, after)].append(parent)
        pages: dict[PageKey, Page] = {}
        query = statement(self.name, self.ctx.principal.role, self.patent_row)
        for (limit, after), parents in groups.items():
            position = decode_cursor(after, ORDER)
            params = {
                "keys": parents,
                "after": position,
                "limit": limit + 1,
                **scope.params(self.ctx.principal.params()),
            }
            rows = await self.ctx.graph.read(query, params)
            found = {r["key"]: r for r in rows}
            for parent in parents:
                pages[(parent, limit, after)] = _page(found.get(parent), limit, position)
        return [pages[key] for key in keys]


def _page(found: dict[str, Any] | None, limit: int, position: Any) -> Page:
    items = (found or {}).get("rows") or []
    total = int((found or {}).get("total") or 0)

    async def count() -> int:
        return total

    page = items[:limit]
    return Page(
        rows=[i["row"] for i in page],
        cursors=[encode_cursor(ORDER, i["sortKey"], i["id"]) for i in page],
        has_next=len(items) > limit,
        has_previous=position is not None,
        count=count,
    )


async def institution_patents(
    ctx: Context,
    institution_id: str,
    first: int | None,
    after: str | None,
    patent_row: str | None = None,
) -> Page:
    """One page of the institution's patents; ``patent_row`` as in ``hub.loaders``."""
    limit = page_size(first)
    decode_cursor(after, ORDER)  # a bad cursor fails here, before the batch
    name = "institution/patents"
    loader = ctx.loader(
        f"page:{name}" + (f"|{patent_row}" if patent_row else ""),
        lambda c: NestedPageLoader(c, name, patent_row),
    )
    page: Page = await loader.load((institution_id, limit, after))
    return page
