"""Per-role scope through the schema: a role never sees an out-of-scope row, in lists,
counts, look-ups, search, nested paths or ``_entities``; private fields are null."""

from __future__ import annotations

from typing import Any

import pytest

from graph.db import AsyncGraph, Graph
from hub.auth.principal import Principal
from tests import schema_support
from tests.schema_support import (
    ANONYMOUS,
    BEIJING,
    CAS,
    E1,
    E2,
    ENT1,
    ENT2,
    EXPERT,
    MOE,
    NATIONAL,
    P1,
    P2,
    P3,
    P4,
    P5,
    U1,
    VISIBLE,
    ZHEJIANG,
    ok,
    run,
)

agraph = schema_support.agraph
seeded = schema_support.seeded

PRINCIPALS = list(VISIBLE)


def ids(principal: Principal) -> str:
    return f"{principal.role.value}:{principal.scope}"


async def nodes(agraph: AsyncGraph, who: Principal, field: str, key: str) -> tuple[set[str], int]:
    query = f"{{ {field}(first: 100) {{ totalCount edges {{ node {{ {key} }} }} }} }}"
    conn = ok(await run(agraph, who, query))[field]
    return {e["node"][key] for e in conn["edges"]}, conn["totalCount"]


@pytest.mark.parametrize("who", PRINCIPALS, ids=ids)
async def test_patent_list_and_count(agraph: AsyncGraph, seeded: Graph, who: Principal) -> None:
    found, total = await nodes(agraph, who, "patents", "appNo")
    assert found == VISIBLE[who]
    assert total == len(VISIBLE[who])


@pytest.mark.parametrize("who", PRINCIPALS, ids=ids)
async def test_patent_lookup_hides_like_not_found(
    agraph: AsyncGraph, seeded: Graph, who: Principal
) -> None:
    query = "query($a: String!) { patent(appNo: $a) { appNo title } }"
    missing = await run(agraph, who, query, {"a": "209910000000.0"})
    assert missing == {"data": {"patent": None}}
    for app_no in schema_support.ALL:
        body = await run(agraph, who, query, {"a": app_no})
        if app_no in VISIBLE[who]:
            assert body["data"]["patent"]["appNo"] == app_no
        else:
            assert body == missing


@pytest.mark.parametrize("who", PRINCIPALS, ids=ids)
async def test_search_is_scoped(agraph: AsyncGraph, seeded: Graph, who: Principal) -> None:
    query = '{ patents(search: "锂电池", first: 100) { totalCount edges { node { appNo } } } }'
    conn = ok(await run(agraph, who, query))["patents"]
    expected = {P1, P2, P5} & VISIBLE[who]
    assert {e["node"]["appNo"] for e in conn["edges"]} == expected
    assert conn["totalCount"] == len(expected)


INSTITUTIONS = {
    NATIONAL: {"T-U1", "T-U2", "RI-T3"},
    MOE: {"T-U1", "RI-T3"},
    CAS: {"RI-T3"},
    ZHEJIANG: {"T-U1", "T-U2", "RI-T3"},
    BEIJING: {"T-U1", "T-U2", "RI-T3"},
    U1: {"T-U1", "RI-T3"},
    ENT1: {"T-U1", "T-U2", "RI-T3"},
    ENT2: {"T-U1", "T-U2", "RI-T3"},
    EXPERT: {"RI-T3"},
    ANONYMOUS: {"RI-T3"},
}
ENTERPRISES = {
    NATIONAL: {E1, E2},
    MOE: set(),
    CAS: set(),
    ZHEJIANG: {E2},
    BEIJING: {E1},
    U1: {E1},
    ENT1: {E1},
    ENT2: {E2},
    EXPERT: set(),
    ANONYMOUS: set(),
}
EXPERTS = {p: ({"X-T1"} if p in (NATIONAL, ZHEJIANG, EXPERT) else set()) for p in PRINCIPALS}
EVALUATIONS = {
    NATIONAL: {"V1", "V2", "V3"},
    MOE: {"V1"},
    CAS: {"V2"},
    ZHEJIANG: {"V2", "V3"},
    BEIJING: {"V1"},
    U1: {"V1"},
    ENT1: {"V1"},
    ENT2: {"V3"},
    EXPERT: {"V2"},
    ANONYMOUS: set(),
}
TRANSACTIONS = {
    p: ({"T1"} if p in (NATIONAL, ZHEJIANG, BEIJING, ENT1) else set()) for p in PRINCIPALS
}

LISTS = [
    ("institutions", "id", "institution", "id", INSTITUTIONS),
    ("enterprises", "creditCode", "enterprise", "creditCode", ENTERPRISES),
    ("experts", "id", "expert", "id", EXPERTS),
    ("evaluations", "id", "evaluation", "id", EVALUATIONS),
    ("transactions", "id", "transaction", "id", TRANSACTIONS),
]
EVERY = {
    "institution": ["T-U1", "T-U2", "RI-T3"],
    "enterprise": [E1, E2],
    "expert": ["X-T1"],
    "evaluation": ["V1", "V2", "V3"],
    "transaction": ["T1"],
}


@pytest.mark.parametrize("who", PRINCIPALS, ids=ids)
@pytest.mark.parametrize(("field", "key", "one", "arg", "expected"), LISTS, ids=lambda v: "")
async def test_lists_counts_and_lookups(
    agraph: AsyncGraph,
    seeded: Graph,
    who: Principal,
    field: str,
    key: str,
    one: str,
    arg: str,
    expected: dict[Principal, set[str]],
) -> None:
    found, total = await nodes(agraph, who, field, key)
    assert found == expected[who]
    assert total == len(expected[who])
    query = f"query($k: String!) {{ {one}({arg}: $k) {{ {key} }} }}"
    missing = await run(agraph, who, query, {"k": "NO-SUCH-KEY"})
    assert missing == {"data": {one: None}}
    for k in EVERY[one]:
        body = await run(agraph, who, query, {"k": k})
        if k in expected[who]:
            assert body["data"][one][key] == k
        else:
            assert body == missing


PRIVATE_P1 = {NATIONAL: True, MOE: True, BEIJING: True, U1: True, ZHEJIANG: False}
PRIVATE_P1.update({ENT1: False, ENT2: False})


@pytest.mark.parametrize(
    ("who", "app_no", "shown"),
    [
        (NATIONAL, P1, True),
        (MOE, P1, True),
        (BEIJING, P1, True),
        (U1, P1, True),
        (ZHEJIANG, P1, False),
        (ENT1, P1, False),  # evaluated it, but no deal and no push
        (ENT2, P1, False),
        (ENT1, P3, True),  # bought it
        (ENT2, P2, True),  # pushed to it
        (ZHEJIANG, P3, True),
        (BEIJING, P3, False),
        (EXPERT, P5, True),  # assigned to it
        (EXPERT, P4, False),
        (ANONYMOUS, P4, False),
        (CAS, P4, True),
    ],
    ids=lambda v: ids(v) if isinstance(v, Principal) else str(v),
)
async def test_patent_private_fields(
    agraph: AsyncGraph, seeded: Graph, who: Principal, app_no: str, shown: bool
) -> None:
    query = """query($a: String!) { patent(appNo: $a) {
      appNo title contact contactPhone feeStandard implAmount priceBand { value } } }"""
    patent = ok(await run(agraph, who, query, {"a": app_no}))["patent"]
    assert patent["title"]
    private = [patent[k] for k in ("contact", "contactPhone", "feeStandard", "implAmount")]
    if shown:
        assert patent["contact"] is not None
    else:
        assert private == [None] * 4 and patent["priceBand"] is None


@pytest.mark.parametrize(
    ("who", "shown"), [(NATIONAL, True), (BEIJING, True), (ENT1, True), (U1, False)]
)
async def test_enterprise_contact(
    agraph: AsyncGraph, seeded: Graph, who: Principal, shown: bool
) -> None:
    query = "query($c: String!) { enterprise(creditCode: $c) { name contact phone } }"
    e = ok(await run(agraph, who, query, {"c": E1}))["enterprise"]
    assert e["name"] == "北京锂能科技有限公司"
    assert (e["contact"], e["phone"]) == (("赵经理", "010-88886666") if shown else (None, None))


@pytest.mark.parametrize(("who", "shown"), [(NATIONAL, True), (ZHEJIANG, True), (EXPERT, True)])
async def test_expert_contact(
    agraph: AsyncGraph, seeded: Graph, who: Principal, shown: bool
) -> None:
    query = '{ expert(id: "X-T1") { name phone email } }'
    x = ok(await run(agraph, who, query))["expert"]
    assert x == {"name": "孙教授", "phone": "13900000000", "email": "sun@example.cn"}


async def test_expert_contact_hidden_from_institution_view(
    agraph: AsyncGraph, seeded: Graph
) -> None:
    # CAS sees the patent the expert is assigned to, not the expert; via evaluations the
    # national view has it all, the ministry view nothing
    query = "{ evaluations(first: 10) { edges { node { id expert { phone } } } } }"
    data = ok(await run(agraph, CAS, query))
    assert data["evaluations"]["edges"] == [{"node": {"id": "V2", "expert": None}}]


async def test_nested_rows_obey_the_callers_scope(agraph: AsyncGraph, seeded: Graph) -> None:
    query = """query($a: String!) { patent(appNo: $a) {
      institution { id } evaluations { id } transactions { id }
      inventors { name patents { appNo } } } }"""
    # Zhejiang sees P1 (national catalogue) but not the Beijing enterprise's evaluation of
    # it, nor the inventor's other, Beijing-only patent
    p = ok(await run(agraph, ZHEJIANG, query, {"a": P1}))["patent"]
    assert p["institution"] == {"id": "T-U1"}
    assert p["evaluations"] == [] and p["transactions"] == []
    assert [i["name"] for i in p["inventors"]] == ["王明", "李华"]
    assert p["inventors"][0]["patents"] == [{"appNo": P1}]
    # the institution itself sees both
    p = ok(await run(agraph, U1, query, {"a": P1}))["patent"]
    assert {x["appNo"] for x in p["inventors"][0]["patents"]} == {P1, P2}
    assert p["evaluations"] == [{"id": "V1"}]
    # the buyer sees its own deal on P3, the other enterprise does not
    assert ok(await run(agraph, ENT1, query, {"a": P3}))["patent"]["transactions"] == [{"id": "T1"}]
    p = ok(await run(agraph, ENT2, query, {"a": P3}))["patent"]
    assert p["transactions"] == [] and p["evaluations"] == [{"id": "V3"}]


async def test_nested_connection_is_scoped(agraph: AsyncGraph, seeded: Graph) -> None:
    query = """{ institutions(first: 10) { edges { node { id
      patents(first: 1) { totalCount edges { node { appNo } } pageInfo { hasNextPage endCursor } }
    } } } }"""
    data = ok(await run(agraph, ANONYMOUS, query))
    [edge] = data["institutions"]["edges"]
    assert edge["node"]["id"] == "RI-T3"
    assert edge["node"]["patents"]["totalCount"] == 1
    assert edge["node"]["patents"]["edges"] == [{"node": {"appNo": P4}}]
    data = ok(await run(agraph, NATIONAL, query))
    by_id = {e["node"]["id"]: e["node"]["patents"] for e in data["institutions"]["edges"]}
    assert by_id["RI-T3"]["totalCount"] == 2 and by_id["T-U1"]["totalCount"] == 2
    assert by_id["T-U1"]["edges"] == [{"node": {"appNo": P1}}]
    assert by_id["T-U1"]["pageInfo"]["hasNextPage"] is True
    after = by_id["T-U1"]["pageInfo"]["endCursor"]
    q2 = """query($c: String) { institution(id: "T-U1") { patents(first: 5, after: $c) {
      edges { node { appNo } } pageInfo { hasNextPage hasPreviousPage } } } }"""
    rest = ok(await run(agraph, NATIONAL, q2, {"c": after}))["institution"]["patents"]
    assert rest["edges"] == [{"node": {"appNo": P2}}]
    assert rest["pageInfo"] == {"hasNextPage": False, "hasPreviousPage": True}


async def test_parties_the_caller_may_not_see_are_null(agraph: AsyncGraph, seeded: Graph) -> None:
    query = """{ transactions(first: 5) { edges { node { id amount entryFee royaltyRate
      kind { label } patent { appNo } seller { id } buyer { creditCode } } } } }"""
    [edge] = ok(await run(agraph, ZHEJIANG, query))["transactions"]["edges"]
    node = edge["node"]
    assert node["seller"] == {"id": "T-U2"} and node["buyer"] is None  # buyer is in Beijing
    assert node["patent"] == {"appNo": P3} and node["kind"]["label"] == "转让"
    assert (node["amount"], node["entryFee"], node["royaltyRate"]) == (30.0, 5.0, 0.03)
    query = (
        "{ evaluations(first: 5) { edges { node { id patent { appNo } enterprise { name } } } } }"
    )
    [edge] = ok(await run(agraph, ENT2, query))["evaluations"]["edges"]
    assert edge["node"] == {
        "id": "V3",
        "patent": {"appNo": P3},
        "enterprise": {"name": "浙江电池有限公司"},
    }


ENTITIES = """query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Patent { appNo title }
  ... on Institution { id name }
  ... on Enterprise { creditCode name }
  ... on Industry { id name }
  ... on Province { code name }
} }"""


@pytest.mark.parametrize("who", PRINCIPALS, ids=ids)
async def test_entities_resolve_only_what_the_caller_sees(
    agraph: AsyncGraph, seeded: Graph, who: Principal
) -> None:
    patents = [*sorted(schema_support.ALL), "209910000000.0"]
    reps: list[dict[str, Any]] = [{"__typename": "Patent", "appNo": a} for a in patents]
    reps += [{"__typename": "Institution", "id": i} for i in EVERY["institution"]]
    reps += [{"__typename": "Enterprise", "creditCode": c} for c in EVERY["enterprise"]]
    reps += [
        {"__typename": "Industry", "id": "GBT4754:C"},
        {"__typename": "Province", "code": "33"},
    ]
    before = agraph.round_trips
    found = ok(await run(agraph, who, ENTITIES, {"r": reps}))["_entities"]
    assert agraph.round_trips - before <= 5  # one statement per type
    got_patents = {f["appNo"] for f in found[: len(patents)] if f}
    assert got_patents == VISIBLE[who]
    got_inst = {f["id"] for f in found[len(patents) : len(patents) + 3] if f}
    assert got_inst == INSTITUTIONS[who]
    got_ent = {f["creditCode"] for f in found[len(patents) + 3 : len(patents) + 5] if f}
    assert got_ent == ENTERPRISES[who]
    assert found[-2] == {"id": "GBT4754:C", "name": "制造业"}
    assert found[-1] == {"code": "33", "name": "浙江省"}


async def test_reference_lists(agraph: AsyncGraph, seeded: Graph) -> None:
    data = ok(
        await run(
            agraph,
            ANONYMOUS,
            """{ provinces { code name } ministries { code }
                 industries(scheme: GBT4754, level: 1) { id name scheme { label } children { id } }
                 sei: industries(scheme: SEI2018) { id parent { id } } }""",
        )
    )
    assert [p["code"] for p in data["provinces"]] == ["11", "33", "44"]
    assert {m["code"] for m in data["ministries"]} == {"MOE", "CAS"}
    sections = {i["id"]: i for i in data["industries"]}
    assert set(sections) == {"GBT4754:A", "GBT4754:C"}
    assert sections["GBT4754:C"]["scheme"]["label"] == "国民经济行业分类（GB/T 4754-2017）"
    assert sections["GBT4754:C"]["children"] == [{"id": "GBT4754:38"}]
    assert {i["id"]: i["parent"] for i in data["sei"]} == {
        "SEI2018:5": None,
        "SEI2018:5.2": {"id": "SEI2018:5"},
    }


@pytest.mark.parametrize("who", PRINCIPALS, ids=ids)
async def test_vocabulary_is_public_reference_data(
    agraph: AsyncGraph, seeded: Graph, who: Principal
) -> None:
    from graph.vocab import LABELS, Maturity

    query = '{ vocabulary(names: ["Maturity"]) { name values { value label } } }'
    data = ok(await run(agraph, who, query))
    assert data["vocabulary"] == [
        {"name": "Maturity", "values": [{"value": m.value, "label": LABELS[m]} for m in Maturity]}
    ]
