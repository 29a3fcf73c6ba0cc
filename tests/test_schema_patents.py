"""Patent lists: pages and cursors, every filter, Chinese search, labels."""

from __future__ import annotations

from typing import Any

import pytest

from graph.db import AsyncGraph, Graph
from hub.resolvers.keyset import encode_cursor
from tests import schema_support
from tests.schema_support import (
    ALL,
    NATIONAL,
    P1,
    P2,
    P3,
    P4,
    P5,
    P6,
    VISIBLE,
    ZHEJIANG,
    ok,
    run,
)

agraph = schema_support.agraph
seeded = schema_support.seeded

LIST = """
query($filter: PatentFilter, $search: String, $sort: PatentOrder, $first: Int, $after: String) {
  patents(filter: $filter, search: $search, sort: $sort, first: $first, after: $after) {
    totalCount
    edges { cursor node { appNo } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""


async def app_nos(agraph: AsyncGraph, **variables: Any) -> list[str]:
    data = ok(await run(agraph, NATIONAL, LIST, variables))
    return [e["node"]["appNo"] for e in data["patents"]["edges"]]


async def test_pages_walk_every_patent_once_in_grant_order(
    agraph: AsyncGraph, seeded: Graph
) -> None:
    seen: list[str] = []
    after = None
    pages = 0
    while True:
        data = ok(await run(agraph, NATIONAL, LIST, {"first": 2, "after": after}))
        conn = data["patents"]
        assert conn["totalCount"] == 6
        assert conn["pageInfo"]["hasPreviousPage"] == (after is not None)
        seen += [e["node"]["appNo"] for e in conn["edges"]]
        pages += 1
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
        assert after == conn["edges"][-1]["cursor"]
    assert pages == 3
    # newest grant first; the pending design (no grant date) last
    assert seen == [P1, P2, P5, P3, P4, P6]


async def test_other_sort_orders(agraph: AsyncGraph, seeded: Graph) -> None:
    # the pending design (no grant date) comes last in either direction
    assert await app_nos(agraph, sort="GRANT_DATE_ASC", first=100) == [P4, P3, P5, P2, P1, P6]
    assert await app_nos(agraph, sort="FILING_DATE_DESC", first=3) == [P6, P1, P2]
    rated = await app_nos(agraph, sort="RATING_DESC", first=4)
    assert rated == [P1, P3, P2, P5]
    # a cursor of one order is refused by another
    data = ok(await run(agraph, NATIONAL, LIST, {"first": 1}))
    body = await run(
        agraph,
        NATIONAL,
        LIST,
        {"sort": "RATING_DESC", "after": data["patents"]["pageInfo"]["endCursor"]},
    )
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


DATE_ORDERS = {
    "GRANT_DATE_DESC": ("grantDate", True),
    "GRANT_DATE_ASC": ("grantDate", False),
    "FILING_DATE_DESC": ("filingDate", True),
    "FILING_DATE_ASC": ("filingDate", False),
}


def date_order(seeded: Graph, app_nos: set[str], order: str) -> list[str]:
    """``app_nos`` in ``order`` as the stored dates say: dated ones by date (then
    application number), the undated after them by application number."""
    prop, descending = DATE_ORDERS[order]
    rows = seeded.read(
        "MATCH (p:Patent) WHERE p.appNo IN $keys RETURN p.appNo AS appNo, p[$prop] AS d",
        {"keys": sorted(app_nos), "prop": prop},
    )
    dated = sorted((r for r in rows if r["d"] is not None), key=lambda r: r["appNo"])
    dated.sort(key=lambda r: r["d"].iso_format(), reverse=descending)
    undated = sorted(r["appNo"] for r in rows if r["d"] is None)
    return [r["appNo"] for r in dated] + undated


async def walk(agraph: AsyncGraph, who: Any, first: int, **variables: Any) -> list[str]:
    """Every page of a list, ``first`` at a time, through its cursors."""
    seen: list[str] = []
    after = None
    while True:
        data = ok(await run(agraph, who, LIST, {**variables, "first": first, "after": after}))
        conn = data["patents"]
        seen += [e["node"]["appNo"] for e in conn["edges"]]
        if not conn["pageInfo"]["hasNextPage"]:
            return seen
        after = conn["pageInfo"]["endCursor"]


@pytest.mark.parametrize("order", sorted(DATE_ORDERS))
@pytest.mark.parametrize("who", [NATIONAL, ZHEJIANG], ids=["national", "zhejiang"])
async def test_date_orders_page_through_dated_then_undated(
    agraph: AsyncGraph, seeded: Graph, order: str, who: Any
) -> None:
    """A plain list reads its page in the date's index order and a search sorts its hits:
    both give the same order, pages of any size cross from the dated patents to the
    undated ones without losing or repeating one."""
    visible = VISIBLE[who]
    assert P6 in visible  # the pending design, without a grant date
    for search, found in ((None, visible), ("电池", visible & {P1, P2, P5, P6})):
        want = date_order(seeded, found, order)
        for first in (1, 2, 5, 100):
            got = await walk(agraph, who, first, sort=order, search=search)
            assert got == want, (search, first)


@pytest.mark.parametrize("who", [NATIONAL, ZHEJIANG], ids=["national", "zhejiang"])
async def test_a_search_counts_its_hits_in_the_walk_of_its_page(
    agraph: AsyncGraph, seeded: Graph, who: Any
) -> None:
    """A search's page and its ``totalCount`` come from one walk of the hits: every page
    carries the number of all in-scope hits, the empty page after the last one too."""
    found = VISIBLE[who] & {P1, P2, P5, P6}
    seen: list[str] = []
    after = None
    while True:
        variables = {"search": "电池", "first": 1, "after": after}
        conn = ok(await run(agraph, who, LIST, variables))["patents"]
        assert conn["totalCount"] == len(found)
        seen += [e["node"]["appNo"] for e in conn["edges"]]
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
    assert sorted(seen) == sorted(found) and len(seen) == len(set(seen))
    last = {"search": "电池", "first": 5, "after": conn["pageInfo"]["endCursor"]}
    end = ok(await run(agraph, who, LIST, last))["patents"]
    assert end["edges"] == [] and end["totalCount"] == len(found)


async def test_a_forged_date_cursor_is_bad_user_input(agraph: AsyncGraph, seeded: Graph) -> None:
    for key in ("2023-02-30", "not a date", 17):
        cursor = encode_cursor("GRANT_DATE_DESC", key, P1)
        body = await run(agraph, NATIONAL, LIST, {"after": cursor})
        error = body["errors"][0]
        assert error["extensions"]["code"] == "BAD_USER_INPUT", key
        assert error["extensions"]["argument"] == "after"


@pytest.mark.parametrize(
    "variables",
    [{"first": 101}, {"first": -1}, {"after": "not-a-cursor"}, {"sort": "RELEVANCE"}],
)
async def test_bad_page_arguments_are_bad_user_input(
    agraph: AsyncGraph, seeded: Graph, variables: dict[str, Any]
) -> None:
    body = await run(agraph, NATIONAL, LIST, variables)
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_page_size_100_is_allowed(agraph: AsyncGraph, seeded: Graph) -> None:
    assert set(await app_nos(agraph, first=100)) == ALL


@pytest.mark.parametrize(
    ("filter_", "expected"),
    [
        ({"provinceCode": "33"}, {P3, P6}),
        ({"ministryCode": "CAS"}, {P4, P5}),
        ({"institutionId": "T-U1"}, {P1, P2}),
        ({"industryId": "GBT4754:C"}, {P1, P3}),  # section: every class below it
        ({"industryId": "GBT4754:384"}, {P1, P3}),
        ({"industryId": "GBT4754:3841"}, {P1}),
        ({"industryId": "SEI2018:5"}, {P1}),
        ({"industryId": "GBT4754:A"}, {P4}),
        ({"ipcPrefix": "H01M"}, {P1, P2, P3, P5}),
        ({"ipcPrefix": "h01m 4"}, {P1, P3}),
        ({"ipcPrefix": "H01M10/05"}, {P1}),
        ({"type": "UTILITY_MODEL"}, {P5}),
        ({"type": "DESIGN"}, {P6}),
        ({"grantYearFrom": 2021}, {P1, P2, P3, P5}),
        ({"grantYearFrom": 2021, "grantYearTo": 2021}, {P3, P5}),
        ({"grantYearTo": 2019}, {P4}),
        ({"inventoryState": "SCREENED_IN"}, {P1, P3}),
        ({"inventoryState": "NOT_INVENTORIED"}, {P4, P5, P6}),
        ({"intent": "TRANSFER"}, {P3}),
        ({"maturity": "PILOT"}, {P1}),
        ({"ratingMin": 4}, {P1, P3}),
        ({"implemented": True}, {P3}),
        ({"implemented": False}, {P1, P2, P4, P5, P6}),
        ({"stateFunded": True}, {P1, P4}),
        ({"openLicence": True}, {P4}),
        ({"transferable": True}, {P1, P3}),
        ({"transferable": True, "provinceCode": "11"}, {P1}),
    ],
)
async def test_filters(
    agraph: AsyncGraph, seeded: Graph, filter_: dict[str, Any], expected: set[str]
) -> None:
    data = ok(await run(agraph, NATIONAL, LIST, {"filter": filter_, "first": 100}))
    assert {e["node"]["appNo"] for e in data["patents"]["edges"]} == expected
    assert data["patents"]["totalCount"] == len(expected)


@pytest.mark.parametrize(
    "filter_",
    [
        {"ipcPrefix": "锂电池"},
        {"industryId": "C"},
        {"ratingMin": 6},
        {"grantYearFrom": 2023, "grantYearTo": 2020},
    ],
)
async def test_bad_filters_say_which(
    agraph: AsyncGraph, seeded: Graph, filter_: dict[str, Any]
) -> None:
    body = await run(agraph, NATIONAL, LIST, {"filter": filter_})
    error = body["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["argument"].startswith("filter.")


async def test_search_finds_lithium_cathode(agraph: AsyncGraph, seeded: Graph) -> None:
    found = await app_nos(agraph, search="锂电池")
    assert set(found) == {P1, P2, P5}
    # in title and abstract ranks above once in a long abstract
    assert found.index(P1) < found.index(P5) and found.index(P2) < found.index(P5)
    assert await app_nos(agraph, search="锂电池 正极") == [P1]
    assert await app_nos(agraph, search="  锂电池　正极材料 ") == [P1]
    assert set(await app_nos(agraph, search="正极")) == {P1, P3}


async def test_search_with_filters_sort_and_count(agraph: AsyncGraph, seeded: Graph) -> None:
    data = ok(
        await run(
            agraph,
            NATIONAL,
            LIST,
            {"search": "锂电池", "filter": {"ministryCode": "MOE"}, "first": 1},
        )
    )
    conn = data["patents"]
    assert conn["totalCount"] == 2
    first = [e["node"]["appNo"] for e in conn["edges"]]
    after = conn["pageInfo"]["endCursor"]
    rest = await app_nos(agraph, search="锂电池", filter={"ministryCode": "MOE"}, after=after)
    assert len(first) == 1 and set(first + rest) == {P1, P2}
    by_date = await app_nos(agraph, search="锂电池", sort="GRANT_DATE_ASC")
    assert by_date == [P5, P2, P1]


@pytest.mark.parametrize(
    "text", ['锂电池" OR "水稻', "正极:*", "(锂电池", "a && b || !c", "\\", "~"]
)
async def test_search_input_is_text_never_syntax(
    agraph: AsyncGraph, seeded: Graph, text: str
) -> None:
    body = await run(agraph, NATIONAL, LIST, {"search": text})
    assert "errors" not in body, body
    assert P4 not in {e["node"]["appNo"] for e in body["data"]["patents"]["edges"]}


async def test_labels_are_chinese(agraph: AsyncGraph, seeded: Graph) -> None:
    query = """
    query($a: String!) { patent(appNo: $a) {
      type { value label } legalStatus { value label } inventoryState { value label }
      maturity { value label } intents { value label } priceBand { value label }
      implStatuses { value label } grantDate filingDate
    } }
    """
    data = ok(await run(agraph, NATIONAL, query, {"a": "CN" + P1}))
    p = data["patent"]
    assert p["type"] == {"value": "INVENTION", "label": "发明"}
    assert p["legalStatus"]["label"] == "有效"
    assert p["inventoryState"]["label"] == "已入库"
    assert p["maturity"]["label"] == "通过小试（试生产、应用开发阶段）"
    assert p["intents"] == [{"value": "LICENCE", "label": "拟许可"}]
    assert p["priceBand"]["label"] == "40-50万"
    assert p["implStatuses"][0]["label"] == "尚未实施"
    assert p["grantDate"] == "2023-05-01"


async def test_look_ups_take_application_numbers_as_written(
    agraph: AsyncGraph, seeded: Graph
) -> None:
    """The look-up normalises 申请号 by the rule of the imports and mutations: a ``CN`` or
    ``ZL`` prefix, spaces, lower case and a missing dot all find the patent; a number with
    a wrong check digit or no number finds nothing (no error)."""
    query = "query($a: String!) { patent(appNo: $a) { appNo } }"
    digits, check = P2.split(".")  # P2's check digit is right (CNIPA's weights)
    written = ["CN" + P2, "ZL" + P2, "zl " + P2, f"CN {digits[:4]} {digits[4:]}.{check}"]
    for form in [*written, digits + check]:
        data = ok(await run(agraph, NATIONAL, query, {"a": form}))
        assert data["patent"] == {"appNo": P2}, form
    wrong = "X" if check != "X" else "0"
    for form in (f"ZL{digits}.{wrong}", "不是申请号", ""):
        data = ok(await run(agraph, NATIONAL, query, {"a": form}))
        assert data["patent"] is None, form
    # the seed's numbers with a wrong check digit are still found as stored
    data = ok(await run(agraph, NATIONAL, query, {"a": "ZL" + P1}))
    assert data["patent"] == {"appNo": P1}
