"""Explainable matching of transferable patents to an enterprise.

Candidates come from one scoped read (full-text index on the need texts, the
enterprise's industries, the IPC prefixes of its needs and own patents); each candidate
is then scored by five reasons with fixed weights (``WEIGHTS``, points out of 100), and
every reason that holds is returned with what matched, so the ranking can be checked.
A match is a row (the patent's ``row``, ``score``, ``reasons``) that
``hub.schema.matching`` turns into its types.
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
    "WEIGHTS",
    "ReasonKind",
    "bigrams",
    "ipc_overlap",
    "patent_matches",
    "text_similarity",
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


def text_similarity(need: str, title: str, abstract: str) -> tuple[float, list[str]]:
    """Share of the need's bigrams (boilerplate left out) found in title and abstract."""
    wanted = bigrams(need) - STOP_BIGRAMS
    if not wanted:
        return 0.0, []
    shared = wanted & bigrams(f"{title} {abstract}")
    return len(shared) / len(wanted), sorted(shared)


def ipc_overlap(prefixes: list[str], codes: list[str]) -> tuple[float, str | None]:
    """Best shared IPC prefix: subclass (H01M) or deeper 1.0, class (H01) 0.6."""
    best, hit = 0.0, None
    for q in prefixes:
        for c in codes:
            n = 0
            while n < min(len(q), len(c)) and q[n] == c[n]:
                n += 1
            value = 1.0 if n >= 4 else 0.6 if n == 3 else 0.0
            if value > best:
                best, hit = value, c[:n]
    return best, hit


def _reason(kind: ReasonKind, value: float, detail: str) -> Row:
    weight = WEIGHTS[kind]
    value = round(min(1.0, max(0.0, value)), 4)
    contribution = round(weight * value, 2)
    return {
        "kind": kind,
        "weight": weight,
        "value": value,
        "contribution": contribution,
        "detail": detail,
    }


def score(enterprise: dict[str, Any], row: dict[str, Any]) -> Row:
    p = row["patent"]
    codes = [c for c in [p.get("ipcMain"), *(p.get("ipcCodes") or [])] if c]
    reasons: list[Row] = []

    prefixes = [q for n in enterprise["needs"] for q in (n.get("ipcPrefixes") or [])]
    prefixes += [c for c in enterprise["ownIpc"] if c]
    value, hit = ipc_overlap(prefixes, codes)
    if value:
        reasons.append(_reason(ReasonKind.SHARED_IPC, value, f"共同IPC前缀 {hit}"))

    mine = {i["id"]: i for i in enterprise["industries"]}
    shared = [i for i in row["industries"] if i["id"] in mine]
    if shared:
        deep = [i for i in shared if (i.get("level") or 1) >= 2]
        value = 1.0 if deep else 0.6
        names = "、".join(sorted(i["name"] or i["id"] for i in (deep or shared)))
        reasons.append(_reason(ReasonKind.SHARED_INDUSTRY, value, f"同属行业 {names}"))

    best, grams = 0.0, []
    for need in enterprise["needs"]:
        v, g = text_similarity(
            need.get("text") or "", p.get("title") or "", p.get("abstract") or ""
        )
        if v > best:
            best, grams = v, g
    if best:
        shown = "、".join(grams[:8])
        reasons.append(
            _reason(ReasonKind.TEXT_SIMILARITY, best, f"需求文本字词重合 {best:.0%}（{shown}）")
        )

    if p.get("provinceCode") and p.get("provinceCode") == enterprise["provinceCode"]:
        reasons.append(_reason(ReasonKind.SAME_PROVINCE, 1.0, f"同省 {p['provinceCode']}"))

    priors = [v for v in row["priors"] if v.get("prospect") is not None]
    if priors:
        mean = sum(float(v["prospect"]) for v in priors) / len(priors)
        reasons.append(
            _reason(
                ReasonKind.PRIOR_EVALUATIONS,
                mean / 5.0,
                f"{len(priors)} 家同行业企业评价，平均前景 {mean:.1f} 星",
            )
        )
    total = round(sum(r["contribution"] for r in reasons), 2)
    return {"row": row["row"], "score": total, "reasons": reasons}


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
    candidates = await ctx.graph.read(
        statement("matching/candidates", p.role),
        params(
            p,
            creditCode=code,
            texts=texts,
            industryIds=enterprise["direct"],
            similarIds=sorted(
                i["id"] for i in enterprise["industries"] if (i.get("level") or 1) >= 2
            ),
            ipcPrefixes=prefixes,
            perBranch=PER_BRANCH,
        ),
    )
    matches = [score(enterprise, row) for row in candidates]
    matches = [m for m in matches if m["score"] > 0]
    matches.sort(key=lambda m: (-m["score"], m["row"]["appNo"]))
    return matches[:limit]
