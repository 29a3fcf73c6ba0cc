"""The one-statement read path answers exactly what the per-relation loaders answer, for
every role, and sends one statement.

A directive on a relation (``@include(if: true)``) makes its own resolver read it through
its loader, so each document below is asked twice: compiled (relations carried by the
rows, scope applied inside the subqueries) and through the loaders. The answers must be
equal for every principal of both seeds (co-owned patents, unit accounts included), and
they must differ between roles, so the comparison is not between empty answers.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from graph.db import AsyncGraph, Graph
from hub.auth.principal import Principal
from tests import schema_support, test_schema_scope_owners
from tests.schema_support import ALL, VISIBLE, ok, run

agraph = schema_support.agraph
seeded = schema_support.seeded
owned = test_schema_scope_owners.owned

PATENT = "appNo contact institution{D} {{ id name }} inventors{D} {{ id name }}"
LIST = "{{ patents(first: 50) {{ totalCount nodes {{ " + PATENT + " }} }} }}"
ENTITIES = (
    "query($r: [_Any!]!) {{ _entities(representations: $r) {{ ... on Patent {{ "
    + PATENT
    + " }} }} }}"
)
ONE = "query($a: String!) {{ patent(appNo: $a) {{ " + PATENT + " }} }}"
INSTITUTION = (
    "query($id: String!, $n: Int) {{ institution(id: $id) {{ id name "
    "patents(first: $n){D} {{ totalCount nodes {{ " + PATENT + " }} "
    "pageInfo {{ hasNextPage endCursor }} }} }} }}"
)
INSTITUTION_ENTITY = (
    "query($r: [_Any!]!, $n: Int) {{ _entities(representations: $r) {{ ... on Institution {{ "
    "id name patents(first: $n){D} {{ totalCount nodes {{ " + PATENT + " }} "
    "pageInfo {{ hasNextPage endCursor }} }} }} }} }}"
)
DIRECTIVE = " @include(if: true)"


async def both(
    agraph: AsyncGraph, who: Principal, template: str, variables: dict[str, Any] | None = None
) -> tuple[dict[str, Any], int]:
    """The compiled answer (checked equal to the loaders' one) and its statement count."""
    before = agraph.round_trips
    # (copies: the federation resolver consumes the representations it is given)
    compiled = ok(await run(agraph, who, template.format(D=""), copy.deepcopy(variables)))
    statements = agraph.round_trips - before
    loaded = ok(await run(agraph, who, template.format(D=DIRECTIVE), copy.deepcopy(variables)))
    assert compiled == loaded
    return compiled, statements


async def check(agraph: AsyncGraph, who: Principal, keys: set[str], ids: list[str]) -> Any:
    listed, statements = await both(agraph, who, LIST)
    assert statements == 2  # the page and its totalCount
    assert {p["appNo"] for p in listed["patents"]["nodes"]} == keys
    reps = [{"__typename": "Patent", "appNo": a} for a in sorted(keys)]
    entities, statements = await both(agraph, who, ENTITIES, {"r": reps})
    assert statements == (1 if reps else 0)
    for app_no in sorted(keys):
        await both(agraph, who, ONE, {"a": app_no})
    looked_up = []
    for institution in ids:
        found, statements = await both(agraph, who, INSTITUTION, {"id": institution, "n": 50})
        assert statements == 1
        looked_up.append(found["institution"])
        # one representation: the same look-up, the same one statement
        reps = [{"__typename": "Institution", "id": institution}]
        entity, statements = await both(agraph, who, INSTITUTION_ENTITY, {"r": reps, "n": 50})
        assert statements == 1
        assert entity["_entities"] == [found["institution"]]
    # a second page through the cursor of a first page of one
    first, _ = await both(agraph, who, INSTITUTION, {"id": ids[0], "n": 1})
    if first["institution"] and first["institution"]["patents"]["pageInfo"]["hasNextPage"]:
        after = first["institution"]["patents"]["pageInfo"]["endCursor"]
        query = """query($c: String) { institution(id: "%s") { patents(first: 5, after: $c) {
          nodes { appNo institution { id } } pageInfo { hasPreviousPage } } } }"""
        rest = ok(await run(agraph, who, query % ids[0], {"c": after}))["institution"]
        assert rest["patents"]["pageInfo"]["hasPreviousPage"] is True
    return listed, entities, looked_up


@pytest.mark.parametrize("who", list(VISIBLE), ids=lambda p: f"{p.role.value}:{p.scope}")
async def test_compiled_reads_equal_loader_reads(
    agraph: AsyncGraph, seeded: Graph, who: Principal
) -> None:
    await check(agraph, who, VISIBLE[who], ["T-U1", "RI-T3", "T-U2"])


async def test_roles_get_different_answers(agraph: AsyncGraph, seeded: Graph) -> None:
    answers = [await check(agraph, who, VISIBLE[who], ["T-U1", "RI-T3"]) for who in VISIBLE]
    assert len({repr(a) for a in answers}) > len(VISIBLE) // 2
    national = answers[list(VISIBLE).index(schema_support.NATIONAL)][0]
    assert {p["appNo"] for p in national["patents"]["nodes"]} == ALL
    assert all(p["institution"] for p in national["patents"]["nodes"])


async def test_count_alone_reads_no_page(agraph: AsyncGraph, seeded: Graph) -> None:
    for who in VISIBLE:
        before = agraph.round_trips
        count = ok(await run(agraph, who, "{ patents { totalCount } }"))["patents"]["totalCount"]
        assert agraph.round_trips - before == 1
        assert count == len(VISIBLE[who])


async def test_a_page_and_its_total_count_are_read_side_by_side(
    agraph: AsyncGraph, seeded: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Both walk every hit of a search: the count starts before the page's read is back.
    events: list[str] = []
    read = agraph.read

    async def recorded(query: str, params: dict[str, Any] | None = None) -> Any:
        kind = "count" if "count(*) AS n" in query else "page"
        events.append(f"{kind} sent")
        try:
            return await read(query, params)
        finally:
            events.append(f"{kind} back")

    monkeypatch.setattr(agraph, "read", recorded)
    who = next(iter(VISIBLE))
    listed = ok(await run(agraph, who, LIST.format(D="")))
    assert listed["patents"]["totalCount"] == len(listed["patents"]["nodes"]) > 0
    assert events.index("count sent") < events.index("page back"), events
    # Without totalCount no count is read at all.
    events.clear()
    ok(await run(agraph, who, "{ patents(first: 5) { nodes { appNo } } }"))
    assert events == ["page sent", "page back"]


# Last: the owners' seed replaces the schema seed of the tests above.
@pytest.mark.parametrize(
    "who", test_schema_scope_owners.PRINCIPALS, ids=test_schema_scope_owners.ids
)
async def test_co_owned_and_unit_reads_equal_loader_reads(
    agraph: AsyncGraph, owned: Graph, who: Principal
) -> None:
    visible = test_schema_scope_owners.VISIBLE[who]
    _, _, looked_up = await check(agraph, who, visible, ["T-A", "T-B", "T-C"])
    seen = {i["id"] for i in looked_up if i}
    assert seen == test_schema_scope_owners.INSTITUTIONS[who]
