"""Keyset pagination over scoped Cypher: opaque cursors, page size limits, counts.

A cursor is the sort key and unique id of the last row seen (base64 JSON, tagged with
the order it belongs to), so the next page starts after it with a comparison instead of
``SKIP``, and stays stable while rows are added before it.
"""

from __future__ import annotations

import asyncio
import base64
import json
from asyncio import Task
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from graph import scope
from hub.context import Context
from hub.errors import BadUserInput
from hub.resolvers.paging import cursor_value, decode_json, shown

__all__ = ["Listing", "Page", "decode_cursor", "encode_cursor", "fetch_page", "page_size"]

MAX_PAGE = 100
DEFAULT_PAGE = 20

Row = dict[str, Any]


def page_size(first: int | None) -> int:
    """``first`` checked against the limits; the default page size without it."""
    if first is None:
        return DEFAULT_PAGE
    if first < 0 or first > MAX_PAGE:
        raise BadUserInput(
            f"first must be between 0 and {MAX_PAGE}, got {first}",
            argument="first",
            max=MAX_PAGE,
        )
    return first


def encode_cursor(order: str, key: Any, ident: Any) -> str:
    raw = json.dumps([order, key, ident], ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, order: str) -> dict[str, Any] | None:
    """The ``{k, id}`` position of a cursor of ``order``; ``BAD_USER_INPUT`` otherwise."""
    if cursor is None:
        return None
    try:
        tag, key, ident = decode_json(cursor)
        if not (isinstance(tag, str) and cursor_value(key) and cursor_value(ident)):
            raise ValueError("not a cursor")
    except (ValueError, TypeError):
        raise BadUserInput(
            f"after {shown(cursor)} is not a cursor returned by this list", argument="after"
        ) from None
    if tag != order:
        raise BadUserInput(
            f"after is a cursor of the {shown(tag)} order, not of {order}", argument="after"
        )
    return {"k": key, "id": ident}


@dataclass(frozen=True)
class Listing:
    """How to list one entity: the Cypher pieces a page and its count are made of.

    ``source`` binds ``var`` (a ``MATCH`` or a full-text ``CALL … YIELD``), ``where`` are
    predicates (scope first), ``sort`` and ``ident`` the keyset expressions, ``row`` the
    projection returned per node, after ``calls`` (the subqueries of nested relations,
    run for the page's rows only). All are repository Cypher; values go in ``params``.
    ``shape_rows`` turns a fetched row into the row the schema type is made from.
    ``date_index`` is the order's date property when a range index holds it and the list
    is not a search's (then ``sort`` is that date as text, ``undated`` its value for a row
    without the date). ``walked`` says every row of the source is read for any page (a
    search's hits, sorted whole): its ``totalCount`` is then counted in the same walk.
    """

    source: str
    var: str
    where: list[str]
    sort: str
    descending: bool
    ident: str
    row: str
    order: str
    params: dict[str, Any] = field(default_factory=dict)
    calls: str = ""
    shape_rows: Callable[[Row], Row] | None = None
    date_index: str = ""
    undated: str = ""
    walked: bool = False
    first_owner: dict[str, str] = field(default_factory=dict)

    def _where(self) -> str:
        return " AND ".join(self.where) if self.where else "true"

    def page_query(self, position: dict[str, Any] | None = None) -> str:
        """The page as ONE record (``page``: its rows in order): the driver's cost is per
        record, and a page is read whole anyway. ``position``: the decoded cursor."""
        if self.date_index:
            return self._dated_page(position)
        after = "<" if self.descending else ">"
        direction = "DESC" if self.descending else "ASC"
        order = f"ORDER BY sortKey {direction}, id ASC"
        return (
            f"{self.source}\nWHERE {self._where()}\n"
            f"WITH {self.var}, {self.sort} AS sortKey, {self.ident} AS id\n"
            f"WHERE $after IS NULL OR sortKey {after} $after.k "
            "OR (sortKey = $after.k AND id > $after.id)\n"
            f"WITH {self.var}, sortKey, id {order} LIMIT $limit\n"
            # the subqueries keep the page's order in practice; sorting again makes it certain
            + (f"{self.calls}\nWITH * {order}\n" if self.calls else "")
            + f"RETURN collect({{row: {self.row}, sortKey: sortKey, id: id}}) AS page"
        )

    def counted_page_query(self) -> str:
        """The page and the number of all rows in ONE walk of the source (``walked``
        lists): the sorted rows are counted, and those after the cursor kept up to the
        page's size, where a page and a count statement side by side walk it twice."""
        after = "<" if self.descending else ">"
        direction = "DESC" if self.descending else "ASC"
        return (
            f"{self.source}\nWHERE {self._where()}\n"
            f"WITH {self.var}, {self.sort} AS sortKey, {self.ident} AS id\n"
            f"ORDER BY sortKey {direction}, id ASC\n"
            "WITH count(*) AS total, collect(CASE WHEN $after IS NULL "
            f"OR sortKey {after} $after.k OR (sortKey = $after.k AND id > $after.id) "
            f"THEN {{n: {self.var}, k: sortKey, i: id}} END)[0..$limit] AS found\n"
            "CALL (found) {\n"
            "  UNWIND range(0, size(found) - 1) AS at\n"
            f"  WITH found[at].n AS {self.var}, found[at].k AS sortKey, found[at].i AS id, at\n"
            + (f"{self.calls}\n  WITH * ORDER BY at\n" if self.calls else "")
            + f"  RETURN collect({{row: {self.row}, sortKey: sortKey, id: id}}) AS page\n"
            "}\n"
            "RETURN page, total"
        )

    def _dated_page(self, position: dict[str, Any] | None) -> str:
        """A page of a date order read in the date's index order, the undated rows after
        the dated ones: Neo4j stops after ``$limit`` index entries (a partial sort of equal
        dates) where ordering on ``sort`` would sort every row in scope first. The
        undated rows (no index holds them) are read only once the dated ones run out."""
        prop, var, ident = self.date_index, self.var, self.ident
        after, direction = ("<", "DESC") if self.descending else (">", "ASC")
        in_undated = position is not None and position["k"] == self.undated
        if in_undated:
            dated = "WITH [] AS dated\n"
        else:
            cursor = ""
            if position is not None:  # a range seek up to the cursor's date, then past it
                cursor = f" AND {prop} {after}= $after.k"
                cursor += f" AND ({prop} {after} $after.k OR {ident} > $after.id)"
            dated = (
                f"{self.source}\nWHERE {self._where()} AND {prop} IS NOT NULL{cursor}\n"
                f"WITH {var} ORDER BY {prop} {direction}, {ident} ASC LIMIT $limit\n"
                f"WITH collect({var}) AS dated\n"
            )
        undated = (
            "CALL (dated) {\n"
            # LIMIT ends the query part: the planner cannot move the source before the
            # test, so nothing of it is read while the dated rows fill the page
            "  WITH dated WHERE size(dated) < $limit\n  WITH dated LIMIT 1\n"
            f"  {self.source}\n"
            f"  WHERE {self._where()} AND {prop} IS NULL"
            + (f" AND {ident} > $after.id" if in_undated else "")
            + f"\n  WITH {var} ORDER BY {ident} ASC LIMIT $limit\n"
            f"  RETURN collect({var}) AS undated\n"
            "}\n"
        )
        return (
            dated + undated + "WITH (dated + undated)[0..$limit] AS found\n"
            "UNWIND range(0, size(found) - 1) AS at\n"
            f"WITH found[at] AS {var}, at\n"
            f"WITH {var}, at, {self.sort} AS sortKey, {ident} AS id\n"
            + (f"{self.calls}\nWITH * ORDER BY at\n" if self.calls else "")
            + f"RETURN collect({{row: {self.row}, sortKey: sortKey, id: id}}) AS page"
        )

    def count_query(self) -> str:
        if not self.first_owner or self.walked:
            return f"{self.source}\nWHERE {self._where()}\nRETURN count(*) AS n"
        first = " AND ".join(self.first_owner.values())
        by_first = " AND ".join(self.first_owner.get(w, w) for w in self.where)
        return (
            f"CALL () {{\n  {self.source}\n  WHERE {by_first}\n"
            "  RETURN count(*) AS found\n}\n"
            f"CALL () {{\n  {self.source}\n"
            # (a first owner without the key, e.g. no province, is a null, not a false)
            f"  WHERE {self.var}.coOwned = true AND {self._where()}"
            f" AND NOT coalesce({first}, false)\n"
            "  RETURN count(*) AS shared\n}\n"
            "RETURN found + shared AS n"
        )


@dataclass(frozen=True)
class Page:
    """One page of rows with their cursors; ``count`` runs (or returns) the total."""

    rows: list[Row]
    cursors: list[str]
    has_next: bool
    has_previous: bool
    count: Callable[[], Awaitable[int]]


def counter(ctx: Context, listing: Listing) -> Callable[[], Awaitable[int]]:
    """The ``totalCount`` of a listing, run only if the client asks for it."""

    async def count() -> int:
        params = {**listing.params, **scope.params(ctx.principal.params())}
        rows = await ctx.graph.read(listing.count_query(), params)
        return int(rows[0]["n"]) if rows else 0

    return count


def _known(n: int) -> Callable[[], Awaitable[int]]:
    """A ``totalCount`` already counted (with the page)."""

    async def result() -> int:
        return n

    return result


def _started(count: Callable[[], Awaitable[int]]) -> tuple[Callable[[], Awaitable[int]], Task[int]]:
    """``count`` started now, to run beside the page's read (each is a read transaction of
    its own: a search's count and page both walk every hit, side by side they take the
    time of the longer)."""
    task = asyncio.ensure_future(count())
    # Retrieved even if the field is never resolved (an error elsewhere in the request).
    task.add_done_callback(lambda t: t.cancelled() or t.exception())

    async def result() -> int:
        return await task

    return result, task


async def fetch_page(
    ctx: Context, listing: Listing, first: int | None, after: str | None, total: bool = False
) -> Page:
    """``total``: the client asked for ``totalCount`` too."""
    limit = page_size(first)
    position = decode_cursor(after, listing.order)
    if limit == 0:
        return Page([], [], False, position is not None, counter(ctx, listing))
    params = {
        **listing.params,
        **scope.params(ctx.principal.params()),
        "after": _dated(position, listing, after or "") if listing.date_index else position,
        "limit": limit + 1,
    }
    count = counter(ctx, listing)
    task: Task[int] | None = None
    if total and listing.walked:
        found = await ctx.graph.read(listing.counted_page_query(), params)
        count = _known(int(found[0]["total"]) if found else 0)
    else:
        if total:
            count, task = _started(count)
        try:
            found = await ctx.graph.read(listing.page_query(position), params)
        except BaseException:
            if task is not None:
                task.cancel()
            raise
    rows = found[0]["page"] if found else []
    has_next = len(rows) > limit
    rows = rows[:limit]
    shape = listing.shape_rows
    return Page(
        rows=[shape(r["row"]) if shape else r["row"] for r in rows],
        cursors=[encode_cursor(listing.order, r["sortKey"], r["id"]) for r in rows],
        has_next=has_next,
        has_previous=position is not None,
        count=count,
    )


def _dated(position: dict[str, Any] | None, listing: Listing, cursor: str) -> Any:
    """The cursor's key as the date the index compares with (the undated key as it is)."""
    if position is None or position["k"] == listing.undated:
        return position
    try:
        return {**position, "k": date.fromisoformat(position["k"])}
    except (TypeError, ValueError):
        raise BadUserInput(
            f"after {shown(cursor)} is not a cursor returned by this list", argument="after"
        ) from None
