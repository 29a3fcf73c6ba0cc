"""Slim ``Patent`` rows: only the selected properties travel, and they are the same
values (private fields included, per role) as the full row gives."""

from __future__ import annotations

import pytest

from graph.db import AsyncGraph, Graph
from hub.auth.principal import Principal
from hub.context import Context
from hub.resolvers.projection import patent_row
from hub.schema import schema
from tests import schema_support
from tests.schema_support import ENT1, NATIONAL, U1, VISIBLE, ZHEJIANG, ok, run

agraph = schema_support.agraph
seeded = schema_support.seeded

SLIM = """{ patents(first: 20) { nodes { appNo title contact priceBand { value } } } }"""
# The same fields among many others, through a named fragment and an inline fragment,
# so the projection reads them all (and the abstract, which SLIM leaves out).
WIDE = """
fragment More on Patent { abstract feeStandard implAmount contactPhone remark }
{ patents(first: 20) { edges { node {
    appNo title contact priceBand { value } ...More ... on Patent { grantDate rating }
} } } }"""


def test_projection_text() -> None:
    assert patent_row(["title"]) == "p {.appNo, .title}"
    text = patent_row(["title", "contact"])
    assert text.startswith("[priv IN [{{private.patent}}] | p {.appNo, .title, ")
    assert "contact: CASE WHEN priv THEN p.contact END" in text
    with pytest.raises(ValueError, match="not patent properties"):
        patent_row(["title", "p.secret"])


@pytest.mark.parametrize("who", [NATIONAL, ZHEJIANG, U1, ENT1])
async def test_slim_rows_match_full_rows(seeded: Graph, agraph: AsyncGraph, who: Principal) -> None:
    slim = ok(await run(agraph, who, SLIM))["patents"]["nodes"]
    wide = [e["node"] for e in ok(await run(agraph, who, WIDE))["patents"]["edges"]]
    assert {p["appNo"] for p in slim} == VISIBLE[who]
    keep = ("appNo", "title", "contact", "priceBand")
    assert slim == [{k: p[k] for k in keep} for p in wide]
    assert any(p["abstract"] for p in wide)  # the wide query did read abstracts


async def test_the_slim_statement_reads_only_what_is_selected(
    seeded: Graph, agraph: AsyncGraph
) -> None:
    context = Context(principal=NATIONAL, graph=agraph, request_id="test")
    query = "{ patents(first: 5) { nodes { title institution { name } } } }"
    result = await schema.execute(query, context_value=context)
    assert result.errors is None
    projections = [v for k, v in context.loaders.items() if k.startswith("projection:")]
    # the owning institution's key goes through the institution's scope rule
    assert projections == ["p {.appNo, institutionId: {{include.patent/institution_key}}, .title}"]


async def test_entities_of_other_types_do_not_widen_the_row(
    seeded: Graph, agraph: AsyncGraph
) -> None:
    context = Context(principal=NATIONAL, graph=agraph, request_id="test")
    reps = [{"__typename": "Patent", "appNo": a} for a in sorted(VISIBLE[NATIONAL])]
    query = """query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Institution { name } ... on Patent { title } } }"""
    result = await schema.execute(query, {"r": reps}, context_value=context)
    assert result.errors is None and result.data is not None
    assert all(e["title"] for e in result.data["_entities"])
    projections = [v for k, v in context.loaders.items() if k.startswith("projection:")]
    assert projections == ["p {.appNo, .title}"]
