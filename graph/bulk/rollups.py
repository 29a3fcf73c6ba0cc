"""The roll-ups and dormant flags of a first load, counted from the ``Store`` in Python.

After the importer the graph is as the files left it, so a full recount
(``rollups/dormant_flags`` then ``rollups/refresh``) would only read back what the store
holds already. The same figures are counted here, patent by patent and deal by deal as
``rollups/patent_parts.cypher`` and ``rollups/item_parts.cypher`` count them, summed per
institution and turned into roll-up properties by ``graph.rollup_delta.encode`` (what the
transactional imports store), and written into the import's CSV files with the rest.
A first load has no product filings (no statement of the imports writes one).
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from graph.bulk.store import Store
from graph.rollup_delta import (
    LICENCE_KINDS,
    dormant,
    encode,
    owner_marks,
    patent_keys,
    share_keys,
)
from graph.ternary import and_, ge, ne, or_

__all__ = ["add_rollups"]

Props = dict[str, Any]
SCHEMES = ("GBT4754", "SEI2018")


class Sections:
    """The level-1 industries an industry is part of (itself or at most three ``PART_OF``
    steps up): as ``scheme|code`` of the two schemes the library counts, and as ids of any
    scheme for the network's counts."""

    def __init__(self, store: Store) -> None:
        self.industries = store.nodes["Industry"]
        self.parents = store.industry_parents
        self._memo: dict[str, tuple[frozenset[str], frozenset[str]]] = {}

    def _levels(self, industry: str) -> tuple[frozenset[str], frozenset[str]]:
        found = self._memo.get(industry)
        if found is None:
            reached = {industry}
            frontier = {industry}
            for _ in range(3):
                frontier = {q for i in frontier for q in self.parents.get(i, ())}
                reached |= frontier
            level1 = [
                (i, s)
                for i, s in ((i, self.industries.get(i)) for i in reached)
                if s is not None and s.get("level") == 1
            ]
            found = (
                frozenset(
                    f"{s['scheme']}|{s['code']}" for _, s in level1 if s.get("scheme") in SCHEMES
                ),
                frozenset(i for i, _ in level1),
            )
            self._memo[industry] = found
        return found

    def of(self, industry: str) -> frozenset[str]:
        return self._levels(industry)[0]

    def ids(self, industry: str) -> frozenset[str]:
        return self._levels(industry)[1]


def _deal_parts(store: Store, t: Props, app_nos: list[str], parts: dict[str, Counter[str]]) -> None:
    """What one deal adds to its owners' roll-ups (``rollups/item_parts.cypher``)."""
    quarter = t.get("quarter")
    if quarter is None:
        return
    patents = store.nodes["Patent"]
    held = [patents[a] for a in app_nos]
    owners = list(
        dict.fromkeys(
            (q.get("institutionId"), q.get("provinceCode"), q.get("ministryCode") or "LOCAL")
            for q in held
        )
    )
    rows: Counter[tuple[str, Any, str]] = Counter(
        (q["institutionId"], q.get("provinceCode"), q.get("ministryCode") or "LOCAL")
        for q in held
        if q.get("institutionId") is not None
    )
    registered = t.get("registered") is True
    kind = t.get("kind")
    metric = (
        "transfers"
        if registered and kind == "TRANSFER"
        else "licences"
        if registered and kind in LICENCE_KINDS
        else None
    )
    amount = t.get("amount")
    per_amount = amount if amount is not None and abs(amount) < 1.0e12 else 0.0
    per: dict[str, list[Any]] = {}  # institution → [units, fp, fm, fx]
    for (iid, pr, mi), n in rows.items():
        units = math.floor(n * per_amount * 10000.0 + 0.5)  # Cypher's round()
        first = [ge(o[0], iid) for o in owners]  # o[0] >= id
        other_pr = [ne(o[1], pr) for o in owners]
        other_mi = [ne(o[2], mi) for o in owners]
        fp = and_(*(or_(a, b) for a, b in zip(other_pr, first, strict=True)))
        fm = and_(*(or_(a, b) for a, b in zip(other_mi, first, strict=True)))
        fx = and_(*(or_(a, b, c) for a, b, c in zip(other_pr, other_mi, first, strict=True)))
        got = per.setdefault(iid, [0, False, False, False])
        got[0] += units
        got[1] = got[1] or fp is True
        got[2] = got[2] or fm is True
        got[3] = got[3] or fx is True
    q = f"q|{quarter}|"
    for iid, (units, fp, fm, fx) in per.items():
        into = parts.setdefault(iid, Counter())
        into[q + "items"] += 1
        into[q + "units"] += units
        if metric is not None:
            into[q + metric + "I"] += 1
            for flag, group in ((fp, "P"), (fm, "M"), (fx, "X")):
                if flag:
                    into[q + metric + group] += 1


def _owners(store: Store, ids: list[str]) -> list[tuple[str, str, str]]:
    """The owners of a co-owned patent as ``owner_marks`` takes them."""
    known = store.nodes["Institution"]
    out = []
    for i in ids:
        o = known.get(i) or {}
        out.append((i, o.get("provinceCode") or "", o.get("ministryCode") or "LOCAL"))
    return out


def add_rollups(store: Store) -> int:
    """Set every patent's dormant flag and create the ``InstitutionRollup`` nodes in
    ``store``, as ``patent-hub db rollups`` would after the import; how many roll-ups."""
    patents = store.nodes["Patent"]
    sections = Sections(store)
    parts: dict[str, Counter[str]] = {}
    for a, p in patents.items():
        iid = p.get("institutionId")
        if iid is None:
            continue
        flag = dormant(p, bool(store.transactions.get(a)))
        if flag is not None:
            p["dormant"] = flag
        found: set[str] = set()
        levels: set[str] = set()
        screened_in = p.get("inventoryState") == "SCREENED_IN"
        for i in store.patent_industries(a):
            levels |= sections.ids(i)
            if screened_in:
                found |= sections.of(i)
        evaluated = any(
            e.get("evaluatorKind") == "ENTERPRISE" for e in store.evaluations.get(a, ())
        )
        keys = patent_keys(p, found, evaluated, levels)
        parts.setdefault(iid, Counter()).update(keys)
        if p.get("coOwned") is True:
            for oid, marks in owner_marks(_owners(store, p["institutionIds"])):
                parts.setdefault(oid, Counter()).update(share_keys(keys, marks, iid))
    for tid, app_nos in store.deal_patents.items():
        _deal_parts(store, store.nodes["Transaction"][tid], app_nos, parts)
    first: dict[str, Props] = {}
    for p in patents.values():
        iid = p.get("institutionId")
        if iid is not None:
            first.setdefault(iid, p)
    made = 0
    for iid in sorted(parts):
        props = encode(parts[iid])
        if props is None:
            continue
        scope = first.get(iid) or store.nodes["Institution"].get(iid) or {}
        props["provinceCode"] = scope.get("provinceCode")
        props["ministryCode"] = scope.get("ministryCode") or None
        store.create("InstitutionRollup", iid, props)
        if store.has("Institution", iid):
            store.rel("OF_INSTITUTION", "InstitutionRollup", iid, "Institution", iid)
        made += 1
    return made
