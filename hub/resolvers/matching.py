"""Explainable matching of transferable patents to an enterprise.

Two scoped reads: the enterprise (needs, industries, own IPC codes), then its candidates
(full-text index on the need texts, its industries, the IPC prefixes of its needs and own
patents), scored in the same statement by five reasons with fixed weights (``WEIGHTS``,
points out of 100) so that only the best ``first`` leave the database
(``graph/cypher/matching/candidates.cypher`` holds the rule). Every reason that holds is
returned with what matched, so the ranking can be checked. A match is a row (the
patent's ``row``, ``score``, ``reasons``) that ``hub.schema.matching`` turns into its types.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Any

from graph import fulltext
from hub.context import Context
from hub.errors import BadUserInput, NotFound
from hub.resolvers import paging
from hub.resolvers.scoped import params, statement

__all__ = [
    "NEED_CHARS",
    "PER_BRANCH",
    "STOP_BIGRAMS",
    "WEIGHTS",
    "ReasonKind",
    "bigrams",
    "need_grams",
    "patent_matches",
]

Row = dict[str, Any]


class ReasonKind(Enum):
    """Why a patent fits an enterprise (the GraphQL enum of ``hub.schema.matching``)."""

    SHARED_IPC = "SHARED_IPC"
    SHARED_INDUSTRY = "SHARED_INDUSTRY"
    TEXT_SIMILARITY = "TEXT_SIMILARITY"
    SAME_PROVINCE = "SAME_PROVINCE"
    PRIOR_EVALUATIONS = "PRIOR_EVALUATIONS"


WEIGHTS: dict[ReasonKind, float] = {
    ReasonKind.SHARED_IPC: 30.0,
    ReasonKind.SHARED_INDUSTRY: 25.0,
    ReasonKind.TEXT_SIMILARITY: 25.0,
    ReasonKind.SAME_PROVINCE: 10.0,
    ReasonKind.PRIOR_EVALUATIONS: 10.0,
}
PER_BRANCH = 300
NEED_CHARS = 200  # of each need text sent to the full-text index

# Boilerplate of need statements and patent titles: bigrams that say nothing about the
# technology ("寻求……相关技术合作，重点提升……，用于……", "一种……方法/装置").
STOP_BIGRAMS = frozenset(
    {
        "寻求",
        "相关",
        "关技",
        "技术",
        "术合",
        "合作",
        "重点",
        "点提",
        "提升",
        "用于",
        "一种",
        "及其",
        "方法",
        "装置",
        "系统",
        "设备",
    }
)

_WORD = re.compile(r"[\w]+")


def bigrams(text: str) -> set[str]:
    """Character bigrams of the word runs of ``text`` (Chinese needs no tokenizer)."""
    grams: set[str] = set()
    for run in _WORD.findall(text.lower()):
        grams.update(run[k : k + 2] for k in range(len(run) - 1))
    return grams


def need_grams(needs: list[dict[str, Any]]) -> list[list[str]]:
    """Each need's bigrams without boilerplate, sorted; needs left with none are dropped
    (they cannot match any text)."""
    grams = (sorted(bigrams(n.get("text") or "") - STOP_BIGRAMS) for n in needs)
    return [g for g in grams if g]


def _detail(reason: Row) -> str:
    kind = ReasonKind(reason["kind"])
    if kind is ReasonKind.SHARED_IPC:
        return f"共同IPC前缀 {reason['hit']}"
    if kind is ReasonKind.SHARED_INDUSTRY:
        return f"同属行业 {'、'.join(sorted(reason['names']))}"
    if kind is ReasonKind.TEXT_SIMILARITY:
        shown = "、".join(reason["grams"][:8])
        return f"需求文本字词重合 {reason['value']:.0%}（{shown}）"
    if kind is ReasonKind.SAME_PROVINCE:
        return f"同省 {reason['province']}"
    return f"{reason['priors']} 家同行业企业评价，平均前景 {reason['prospect']:.1f} 星"


def _reason(reason: Row) -> Row:
    return {
        "kind": ReasonKind(reason["kind"]),
        "weight": float(reason["weight"]),
        "value": float(reason["value"]),
        "contribution": float(reason["contribution"]),
        "detail": _detail(reason),
    }


async def patent_matches(ctx: Context, credit_code: str, first: int) -> list[Row]:
    p = ctx.principal
    limit = paging.page_size(first)
    code = credit_code.strip().upper()
    if not code:
        raise BadUserInput("creditCode is empty", argument="creditCode")
    rows = await ctx.graph.read(
        statement("matching/enterprise", p.role), params(p, creditCode=code)
    )
    if not rows:
        raise NotFound(f"no enterprise {code}", creditCode=code)
    enterprise = rows[0]
    texts = [
        fulltext.any_words(n["text"][:NEED_CHARS])
        for n in enterprise["needs"]
        if (n.get("text") or "").strip()
    ]
    prefixes = sorted(
        {q for n in enterprise["needs"] for q in (n.get("ipcPrefixes") or [])}
        | {c[:4] for c in enterprise["ownIpc"] if c}
    )
    industries = enterprise["industries"]
    rows = await ctx.graph.read(
        statement("matching/candidates", p.role),
        params(
            p,
            creditCode=code,
            provinceCode=enterprise["provinceCode"],
            texts=texts,
            needGrams=need_grams(enterprise["needs"]),
            industryIds=enterprise["direct"],
            industries=[i["id"] for i in industries],
            similarIds=sorted(i["id"] for i in industries if (i.get("level") or 1) >= 2),
            ipcPrefixes=prefixes,
            weights={k.value: w for k, w in WEIGHTS.items()},
            perBranch=PER_BRANCH,
            first=limit,
        ),
    )
    return [
        {"row": r["row"], "score": float(r["score"]), "reasons": [_reason(x) for x in r["reasons"]]}
        for r in rows
    ]
