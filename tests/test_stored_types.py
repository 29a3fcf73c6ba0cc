"""Types say what is stored: every property the imports write is served as its own type.

The demo set (loaded through the real imports, every state of the programme in it) is
read back from Neo4j with ``valueType()``, and for each node label that is also a
GraphQL object type, every stored property that is a field of that type must have a
GraphQL type that can carry the stored value: a list as a list, a ``DATE`` as a
``Date`` (not a ``DateTime`` with an invented midnight), an integer as an ``Int``.
"""

from __future__ import annotations

import shutil
from collections import defaultdict

from graphql import (
    GraphQLEnumType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
)

from graph.db import Graph
from graph.demo import demo_folder, load_demo
from hub.schema import schema

# What a stored scalar may be served as. Enumerations are stored as their English value
# and served as the enum or as its {value, label} pair (a ``…Labelled`` object).
SERVED_AS = {
    "STRING": {"String", "ID"},
    "INTEGER": {"Int"},
    "FLOAT": {"Float"},
    "BOOLEAN": {"Boolean"},
    "DATE": {"Date"},
    "ZONED DATETIME": {"DateTime"},
    "LOCAL DATETIME": {"DateTime"},
}

# Fields with the name of a property that serve it decoded, on purpose.
DECODED = {
    # each intent's own fee, cities and enterprises, stored as JSON text per intent
    ("Patent", "intentOffers"),
}


def _shape(t: GraphQLOutputType) -> tuple[bool, GraphQLNamedType]:
    """(is a list, the named type inside)."""
    if isinstance(t, GraphQLNonNull):
        t = t.of_type
    is_list = isinstance(t, GraphQLList)
    if is_list:
        t = t.of_type
        if isinstance(t, GraphQLNonNull):
            t = t.of_type
    assert isinstance(t, GraphQLNamedType)
    return is_list, t


def _carries(stored: str, named: GraphQLNamedType) -> bool:
    if isinstance(named, GraphQLEnumType):
        return stored == "STRING"
    if isinstance(named, GraphQLObjectType):
        return stored == "STRING" and named.name.endswith("Labelled")
    assert isinstance(named, GraphQLScalarType)
    return named.name in SERVED_AS.get(stored, set())


def stored_types(graph: Graph) -> dict[tuple[str, str], set[str]]:
    """(label, property) → every value type stored under it, ``NOT NULL`` dropped."""
    rows = graph.read(
        """
        MATCH (n) UNWIND labels(n) AS label UNWIND keys(n) AS key
        RETURN label, key, collect(DISTINCT valueType(n[key])) AS types
        """
    )
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows:
        for t in row["types"]:
            found[row["label"], row["key"]].add(t.replace(" NOT NULL", ""))
    return found


def mismatches(found: dict[tuple[str, str], set[str]]) -> list[str]:
    types = schema._schema.type_map
    wrong: list[str] = []
    for (label, key), stored in sorted(found.items()):
        graphql_type = types.get(label)
        if not isinstance(graphql_type, GraphQLObjectType) or key not in graphql_type.fields:
            continue
        if (label, key) in DECODED:
            continue
        is_list, named = _shape(graphql_type.fields[key].type)
        for value_type in sorted(stored):
            inner = value_type
            if value_type.startswith("LIST<") and value_type.endswith(">"):
                inner = value_type[5:-1]
                ok = is_list and (inner == "NOTHING" or _carries(inner, named))
            else:
                ok = not is_list and _carries(value_type, named)
            if not ok:
                served = f"[{named.name}]" if is_list else named.name
                wrong.append(f"{label}.{key}: stored {value_type}, served as {served}")
    return wrong


def test_every_stored_property_is_served_as_its_type(ref_graph: Graph) -> None:
    shutil.rmtree(demo_folder(78, 300), ignore_errors=True)
    load_demo(ref_graph, patents=300, seed=78)
    found = stored_types(ref_graph)
    # the comparison has something to compare: the programme's fields are all there
    for key in ("implProducts", "inventoriedAt", "implStatuses", "filingDate", "rating"):
        assert ("Patent", key) in found, key
    assert found["Patent", "inventoriedAt"] == {"DATE"}
    assert mismatches(found) == []


def test_a_mismatch_is_reported() -> None:
    found = {
        ("Patent", "title"): {"LIST<STRING>"},
        ("Patent", "filingDate"): {"ZONED DATETIME"},
        ("Patent", "ipcCodes"): {"LIST<STRING>", "LIST<NOTHING>"},
        ("Patent", "rating"): {"FLOAT"},
    }
    assert mismatches(found) == [
        "Patent.filingDate: stored ZONED DATETIME, served as Date",
        "Patent.rating: stored FLOAT, served as Int",
        "Patent.title: stored LIST<STRING>, served as String",
    ]
