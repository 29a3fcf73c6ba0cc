"""Matching scores on a demo set, worked out again in Python from each patent's own facts:
the database scores every candidate (``matching/candidates.cypher``) and only the best
leave it, so every reason, contribution and score it returns is checked here against the
rule written out a second way, for the national and a provincial caller."""

from __future__ import annotations

from typing import Any

from graph.db import AsyncGraph, Graph
from graph.demo import load_demo
from graph.vocab import Role
from hub.auth.principal import Principal
from hub.resolvers.matching import STOP_BIGRAMS, WEIGHTS, ReasonKind, bigrams, need_grams
from tests import schema_support
from tests.schema_support import ok, run

agraph = schema_support.agraph

MATCH = """
query ($code: String!, $first: Int!) {
  patentMatches(creditCode: $code, first: $first) {
    patent { appNo } score
    reasons { kind weight value contribution detail }
  }
}
"""
ENTERPRISE = """
MATCH (e:Enterprise {creditCode: $code})
CALL (e) {
  OPTIONAL MATCH (e)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..3]->(a:Industry)
  RETURN collect(DISTINCT a {.id, .name, .level}) AS industries
}
CALL (e) {
  OPTIONAL MATCH (e)-[:STATES]->(n:TechNeed) RETURN collect(n {.text, .ipcPrefixes}) AS needs
}
CALL (e) {
  OPTIONAL MATCH (q:Patent)-[:OWNED_BY]->(e) RETURN collect(q.ipcMain) AS own
}
RETURN e.provinceCode AS province, industries, needs, own
"""
PATENT = """
MATCH (p:Patent {appNo: $appNo})
CALL (p) {
  OPTIONAL MATCH (p)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..3]->(a:Industry)
  RETURN collect(DISTINCT a {.id, .name, .level}) AS industries
}
CALL (p) {
  OPTIONAL MATCH (o:Enterprise)-[:SUBMITTED]->(v:Evaluation)-[:EVALUATES]->(p)
  WHERE o.creditCode <> $code
    AND ($province IS NULL OR o.provinceCode = $province OR p.provinceCode = $province
         OR $province IN coalesce(p.provinceCodes, []))
    AND EXISTS { (o)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..3]->(x:Industry)
                 WHERE x.id IN $similar }
  RETURN collect(v.prospect) AS priors
}
RETURN p {.title, .abstract, .ipcMain, .ipcCodes, .provinceCode} AS patent, industries, priors
"""


def shared_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def expected(e: dict[str, Any], facts: dict[str, Any]) -> dict[str, float]:
    """The raw value of every reason that holds, by the rule of the matching docs."""
    p = facts["patent"]
    values: dict[str, float] = {}
    prefixes = {q for n in e["needs"] for q in (n["ipcPrefixes"] or [])}
    prefixes |= {c[:4] for c in e["own"] if c}
    codes = [c for c in [p["ipcMain"], *(p["ipcCodes"] or [])] if c]
    longest = max((shared_prefix(q, c) for q in prefixes for c in codes), default=0)
    if longest >= 3:
        values["SHARED_IPC"] = 1.0 if longest >= 4 else 0.6
    mine = {i["id"] for i in e["industries"]}
    shared = [i for i in facts["industries"] if i["id"] in mine]
    if shared:
        deep = any((i["level"] or 1) >= 2 for i in shared)
        values["SHARED_INDUSTRY"] = 1.0 if deep else 0.6
    text = bigrams(f"{p['title'] or ''} {p['abstract'] or ''}")
    best = 0.0
    for n in e["needs"]:
        wanted = bigrams(n["text"] or "") - STOP_BIGRAMS
        if wanted:
            best = max(best, len(wanted & text) / len(wanted))
    if best:
        values["TEXT_SIMILARITY"] = best
    if p["provinceCode"] and p["provinceCode"] == e["province"]:
        values["SAME_PROVINCE"] = 1.0
    priors = [float(v) for v in facts["priors"] if v is not None]
    if priors:
        values["PRIOR_EVALUATIONS"] = min(1.0, sum(priors) / len(priors) / 5)
    return values


async def test_every_returned_score_is_the_rule_worked_out_again(
    agraph: AsyncGraph, ref_graph: Graph
) -> None:
    load_demo(ref_graph, patents=600, seed=41)
    codes = ref_graph.read(
        "MATCH (e:Enterprise)-[:STATES]->(:TechNeed) "
        "RETURN DISTINCT e.creditCode AS code, e.provinceCode AS province "
        "ORDER BY code LIMIT 6"
    )
    assert len(codes) >= 4
    # the demo's needs name no IPC: two are given a subclass and a class of real patents
    ref_graph.write(
        "MATCH (p:Patent {transferable: true}) WHERE p.ipcMain IS NOT NULL "
        "WITH p ORDER BY p.appNo LIMIT 2 WITH collect(p.ipcMain) AS ipc "
        "UNWIND range(0, 1) AS k "
        "MATCH (e:Enterprise {creditCode: $codes[k]})-[:STATES]->(n:TechNeed) "
        "SET n.ipcPrefixes = [left(ipc[k], 4), left(ipc[1 - k], 3) + 'Z']",
        {"codes": [c["code"] for c in codes[:2]]},
    )
    checked = reasons_seen = 0
    kinds: set[str] = set()
    ipc_values: set[float] = set()
    for c in codes:
        e = ref_graph.read(ENTERPRISE, {"code": c["code"]})[0]
        similar = [i["id"] for i in e["industries"] if (i["level"] or 1) >= 2]
        for who, province in (
            (Principal(Role.NATIONAL, None, subject="t:n"), None),
            (Principal(Role.PROVINCE, c["province"], subject="t:p"), c["province"]),
        ):
            wide = ok(await run(agraph, who, MATCH, {"code": c["code"], "first": 100}))
            matches = wide["patentMatches"]
            narrow = ok(await run(agraph, who, MATCH, {"code": c["code"], "first": 5}))
            assert narrow["patentMatches"] == matches[:5]
            scores = [m["score"] for m in matches]
            assert scores == sorted(scores, reverse=True)
            for m in matches:
                facts = ref_graph.read(
                    PATENT,
                    {
                        "appNo": m["patent"]["appNo"],
                        "code": c["code"],
                        "province": province,
                        "similar": similar,
                    },
                )[0]
                want = expected(e, facts)
                got = {r["kind"]: r for r in m["reasons"]}
                assert set(got) == set(want), (m["patent"], got, want)
                for kind, value in want.items():
                    r = got[kind]
                    assert r["weight"] == WEIGHTS[ReasonKind(kind)]
                    assert abs(r["value"] - value) < 5e-5, (kind, r, value)
                    # the value to 4 places, times the weight, to 2 places (either way at a half)
                    assert abs(r["contribution"] - r["weight"] * round(value, 4)) <= 0.0051
                    assert r["detail"]
                assert abs(m["score"] - sum(r["contribution"] for r in got.values())) < 1e-6
                assert m["score"] > 0
                checked += 1
                reasons_seen += len(got)
                kinds |= set(got)
                ipc_values |= {r["value"] for k, r in got.items() if k == "SHARED_IPC"}
    assert checked >= 40 and reasons_seen > checked
    assert {"SHARED_IPC", "SHARED_INDUSTRY", "TEXT_SIMILARITY", "SAME_PROVINCE"} <= kinds
    assert {0.6, 1.0} <= ipc_values


def test_need_grams_leave_out_boilerplate_and_empty_needs() -> None:
    assert bigrams("锂电池") == {"锂电", "电池"}
    needs: list[dict[str, Any]] = [
        {"text": "寻求锂电池相关技术合作"},
        {"text": "相关技术合作"},
        {"text": None},
    ]
    assert need_grams(needs) == [sorted({"求锂", "锂电", "电池", "池相"})]
