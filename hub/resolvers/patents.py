"""Patent lists: filters, Chinese full-text search and sort orders as scoped Cypher.

The statement is assembled from fixed fragments of ``graph/cypher/queries/patent/``
(one per filter that is set, one sort key, the scope rule of the caller's role); every
value travels in ``$filter`` / ``$search``.
"""

from __future__ import annotations

import re
from typing import Any

from graph import fulltext
from graph.ingest.values import app_no_key, ipc_prefix
from hub.context import Context
from hub.errors import BadUserInput
from hub.resolvers.cypher import render, section
from hub.resolvers.keyset import Listing, Page, fetch_page
from hub.resolvers.projection import Shape

__all__ = ["FILTERS", "normalise_app_no", "patents"]

# Sort orders: name -> (sort-key section, descending, section of the indexed date or "").
ORDERS: dict[str, tuple[str, bool, str]] = {
    "GRANT_DATE_DESC": ("GRANT_DATE", True, "GRANT_DATE_INDEX"),
    "GRANT_DATE_ASC": ("GRANT_DATE_ASC", False, "GRANT_DATE_INDEX"),
    "FILING_DATE_DESC": ("FILING_DATE", True, "FILING_DATE_INDEX"),
    "FILING_DATE_ASC": ("FILING_DATE_ASC", False, "FILING_DATE_INDEX"),
    "RATING_DESC": ("RATING", True, ""),
    "RELEVANCE": ("RELEVANCE", True, ""),
}
# The sort key of a patent without the order's date, as queries/patent/sort.cypher writes it.
UNDATED = {True: "", False: "~"}

# Filters that find a co-owned patent by any of its owners' keys (filters.cypher).
FIRST_OWNER = ("provinceCode", "ministryCode", "institutionId")
FILTERS = (
    "provinceCode",
    "ministryCode",
    "institutionId",
    "industryId",
    "ipcPrefix",
    "type",
    "grantYearFrom",
    "grantYearTo",
    "inventoryState",
    "intent",
    "maturity",
    "ratingMin",
    "implemented",
    "stateFunded",
    "openLicence",
    "transferable",
)

INDUSTRY_ID = re.compile(r"^(GBT4754|SEI2018):[0-9A-Z.]+$")
MAX_SEARCH = 200


def normalise_app_no(raw: str) -> str:
    """申请号 as stored, by the rule the imports and mutations use (``ZL…`` included)."""
    return app_no_key(raw)


def check_filter(values: dict[str, Any]) -> dict[str, Any]:
    """Validated, normalised filter values (only those that are set)."""
    out = {k: v for k, v in values.items() if v is not None}
    unknown = set(out) - set(FILTERS)
    if unknown:
        raise ValueError(f"unknown patent filters {sorted(unknown)}")
    if "ipcPrefix" in out:
        prefix = ipc_prefix(str(out["ipcPrefix"]))
        if prefix is None:
            raise BadUserInput(
                f"filter.ipcPrefix {out['ipcPrefix']!r} is not an IPC prefix such as H01M4/58",
                argument="filter.ipcPrefix",
            )
        out["ipcPrefix"] = prefix
    if "industryId" in out and not INDUSTRY_ID.match(out["industryId"]):
        raise BadUserInput(
            f"filter.industryId {out['industryId']!r} is not GBT4754:<code> or SEI2018:<code>",
            argument="filter.industryId",
        )
    if "ratingMin" in out and not 1 <= out["ratingMin"] <= 5:
        raise BadUserInput(
            f"filter.ratingMin must be 1–5 stars, got {out['ratingMin']}",
            argument="filter.ratingMin",
        )
    low, high = out.get("grantYearFrom"), out.get("grantYearTo")
    if low is not None and high is not None and low > high:
        raise BadUserInput(
            f"filter.grantYearFrom {low} is after filter.grantYearTo {high}",
            argument="filter.grantYearFrom",
        )
    return out


def _filter(name: str) -> str:
    return f"({section('patent/filters', name)})"


def listing(
    ctx: Context,
    filters: dict[str, Any],
    search: str | None,
    order: str | None,
    shape: Shape | None = None,
) -> Listing:
    """The scoped, filtered, sorted patent list the caller asked for."""
    role = ctx.principal.role
    values = check_filter(filters)
    params: dict[str, Any] = {"filter": values}
    query = (search or "").strip()
    if len(query) > MAX_SEARCH:
        raise BadUserInput(
            f"search is {len(query)} characters long, at most {MAX_SEARCH} are allowed",
            argument="search",
        )
    order = order or ("RELEVANCE" if query else "GRANT_DATE_DESC")
    if order == "RELEVANCE" and not query:
        raise BadUserInput("sort RELEVANCE needs a search text", argument="sort")
    if query:
        params["search"] = fulltext.all_words(query)
    key, descending, indexed = ORDERS[order]
    where = [render("{{scope.patent}}", role)]
    where += [_filter(name) for name in FILTERS if name in values]
    return Listing(
        source=section("patent/source", "search" if query else "all"),
        var="p",
        where=where,
        sort=section("patent/sort", key),
        descending=descending,
        ident="p.appNo",
        row=render("{{include.patent/row}}", role, shape.row if shape else None),
        order=order,
        params=params,
        # a search's hits are sorted whole: the index's order only serves a plain list
        date_index=section("patent/sort", indexed) if indexed and not query else "",
        undated=UNDATED[descending],
        walked=bool(query),
        first_owner={
            _filter(name): _filter(f"{name}.first") for name in FIRST_OWNER if name in values
        },
        calls=render(shape.calls, role) if shape else "",
        shape_rows=shape.attach if shape and shape.nested else None,
    )


async def patents(
    ctx: Context,
    filters: dict[str, Any],
    search: str | None,
    order: str | None,
    first: int | None,
    after: str | None,
    shape: Shape | None = None,
    total: bool = False,
) -> Page:
    """One page; ``shape`` (``hub.resolvers.projection``) slims the rows and carries the
    selected relations; ``total``: ``totalCount`` is asked for too."""
    listed = listing(ctx, filters, search, order, shape)
    return await fetch_page(ctx, listed, first, after, total)
