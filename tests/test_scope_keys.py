"""The scope matrix for scalar keys of related nodes: a key (``enterpriseCode``,
``expertId``, ``buyerCode``, ``sellerId``, ``appNo`` of an evaluation, ``institutionId``,
…) is as private as the node it names. Wherever the related object is null for a caller,
its key is null too; wherever it is shown, the key is the object's own key."""

from __future__ import annotations

import re
from typing import Any

import pytest
from graphql import GraphQLNamedType, GraphQLObjectType, GraphQLScalarType, get_named_type

from graph.db import AsyncGraph, Graph
from hub.auth.principal import Principal
from hub.schema import schema
from tests import schema_support
from tests.schema_support import ENT1, VISIBLE, ZHEJIANG, ok, run

agraph = schema_support.agraph
seeded = schema_support.seeded

PRINCIPALS = list(VISIBLE)

# (type, key field) -> (object field it names, that object's key field).
RELATED_KEYS: dict[tuple[str, str], tuple[str, str]] = {
    ("Evaluation", "appNo"): ("patent", "appNo"),
    ("Evaluation", "enterpriseCode"): ("enterprise", "creditCode"),
    ("Evaluation", "expertId"): ("expert", "id"),
    ("Transaction", "appNo"): ("patent", "appNo"),
    ("Transaction", "sellerId"): ("seller", "id"),
    ("Transaction", "buyerCode"): ("buyer", "creditCode"),
    ("Patent", "institutionId"): ("institution", "id"),
    ("Inventor", "institutionId"): ("institution", "id"),
}
# List keys of related nodes, checked element by element against what the caller sees
# (tests/test_schema_scope_owners.py, the co-owned patents).
LIST_KEYS = {("Patent", "institutionIds"), ("Patent", "unitIds")}
# Keys of public reference data (provinces, ministries, cities, industries): never private.
PUBLIC_KEYS = {"provinceCode", "ministryCode", "cityCode", "parentId", "industryId"}
KEY_NAME = re.compile(r"(Id|Code|No|Ids|Codes|Nos)$")


def ids(principal: Principal) -> str:
    return f"{principal.role.value}:{principal.scope}"


def _types() -> dict[str, GraphQLNamedType]:
    return dict(schema._schema.type_map)


def test_every_key_of_a_related_node_is_classified() -> None:
    """A new ``…Id``/``…Code``/``…No`` field must say whether it names a private node
    (and then be decided by that node's scope rule) or public reference data."""
    unclassified = []
    for name, type_ in _types().items():
        if name.startswith("_") or not isinstance(type_, GraphQLObjectType):
            continue
        if name.endswith(("Input", "Payload", "Result", "Connection", "Edge")):
            continue
        for field_name, field in type_.fields.items():
            if not isinstance(get_named_type(field.type), GraphQLScalarType):
                continue
            if not KEY_NAME.search(field_name) or field_name in PUBLIC_KEYS:
                continue
            own_key = field_name in {"appNo", "creditCode", "code"} and name in {
                "Patent",
                "Enterprise",
                "Province",
                "Ministry",
                "ChangeEvent",
                "PatentChange",
            }
            if own_key or (name, field_name) in RELATED_KEYS or (name, field_name) in LIST_KEYS:
                continue
            # a key with a sibling object field of the same stem names a related node
            stem = KEY_NAME.sub("", field_name)
            if stem and stem in type_.fields:
                unclassified.append(f"{name}.{field_name}")
    assert unclassified == []


def _selection(type_name: str) -> str:
    fields = ["__typename"]
    for (owner, key), (obj, obj_key) in RELATED_KEYS.items():
        if owner == type_name:
            fields.append(f"{key} {obj} {{ {obj_key} }}")
    return " ".join(fields)


PATENT = _selection("Patent")
EVALUATION = _selection("Evaluation")
TRANSACTION = _selection("Transaction")
INVENTOR = _selection("Inventor")
QUERIES = {
    "patents": f"""{{ patents(first: 10) {{ edges {{ node {{ {PATENT}
        inventors {{ {INVENTOR} }} evaluations {{ {EVALUATION} }}
        transactions {{ {TRANSACTION} }} }} }} }} }}""",
    "evaluations": f"{{ evaluations(first: 10) {{ edges {{ node {{ {EVALUATION} }} }} }} }}",
    "transactions": f"{{ transactions(first: 10) {{ edges {{ node {{ {TRANSACTION} }} }} }} }}",
    "enterprises": f"""{{ enterprises(first: 10) {{ edges {{ node {{ creditCode
        evaluations {{ {EVALUATION} }} transactions {{ {TRANSACTION} }} }} }} }} }}""",
    "experts": f"""{{ experts(first: 10) {{ edges {{ node {{ id
        evaluations {{ {EVALUATION} }} }} }} }} }}""",
    "institutions": f"""{{ institutions(first: 10) {{ edges {{ node {{ id
        transactions {{ {TRANSACTION} }} }} }} }} }}""",
    "lookups": f"""{{ evaluation(id: "V1") {{ {EVALUATION} }} v2: evaluation(id: "V2") {{
        {EVALUATION} }} v3: evaluation(id: "V3") {{ {EVALUATION} }}
        transaction(id: "T1") {{ {TRANSACTION} }} }}""",
}


def _check(value: Any, seen: list[str]) -> list[str]:
    """Leaks in a result: a key shown while its object is null, or not the object's key."""
    leaks: list[str] = []
    if isinstance(value, list):
        for item in value:
            leaks += _check(item, seen)
    elif isinstance(value, dict):
        type_name = value.get("__typename")
        for (owner, key), (obj, obj_key) in RELATED_KEYS.items():
            if owner != type_name or key not in value:
                continue
            seen.append(f"{owner}.{key}")
            related = value[obj]
            expected = related[obj_key] if related else None
            if value[key] != expected:
                leaks.append(f"{owner}.{key}={value[key]!r} with {obj}={related!r}")
        for item in value.values():
            leaks += _check(item, seen)
    return leaks


@pytest.mark.parametrize("root", list(QUERIES))
@pytest.mark.parametrize("who", PRINCIPALS, ids=ids)
async def test_related_keys_follow_the_related_nodes_scope(
    agraph: AsyncGraph, seeded: Graph, who: Principal, root: str
) -> None:
    seen: list[str] = []
    data = ok(await run(agraph, who, QUERIES[root]))
    assert _check(data, seen) == []


async def test_keys_of_hidden_parties_are_null(agraph: AsyncGraph, seeded: Graph) -> None:
    """The cases of the report: a province sees a deal of its institution whose buyer is
    elsewhere, and an evaluation of its patent by another province's enterprise."""
    data = ok(await run(agraph, ZHEJIANG, QUERIES["transactions"]))
    [edge] = data["transactions"]["edges"]
    assert edge["node"]["buyer"] is None and edge["node"]["buyerCode"] is None
    assert edge["node"]["sellerId"] == "T-U2"
    seen: list[str] = []
    for who in PRINCIPALS:
        for root in QUERIES:
            _check(ok(await run(agraph, who, QUERIES[root])), seen)
    # every key of the table was met at least once in the seed
    assert set(seen) == {f"{o}.{k}" for o, k in RELATED_KEYS}
    evaluations = ok(await run(agraph, ENT1, QUERIES["evaluations"]))["evaluations"]["edges"]
    assert [e["node"]["enterpriseCode"] for e in evaluations] == [schema_support.E1]
