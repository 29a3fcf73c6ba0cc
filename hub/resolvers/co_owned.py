"""What co-owned patents add to the statistics beyond their first owner's roll-up.

A roll-up counts a patent in full for its first owner (``graph/rollups.py``), so a
province's, a ministry's and the national sums count every patent once. A patent owned by
several institutions counts for each of them, once for each distinct province and ministry
among its owners, and once nationally (docs/graph-model.md, "Co-owned patents"): each later
owner's roll-up holds its shares of such patents, marked by what it is the first of among
the owners (``rollups/patent_parts.cypher``), and these functions add the shares the
caller's grouping calls for to the figures of the roll-ups.

Marks: ``I`` every later owner, ``P`` the first owner of its province, ``M`` the first of
its ministry, ``X`` the first of both (``credit_mark``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from graph.vocab import Role

__all__ = [
    "OWNER_DEPENDENT",
    "Share",
    "credit_mark",
    "group_deltas",
    "institution_rows",
    "shares",
    "total_mark",
    "total_shares",
]

# Roles whose view of a patent in a roll-up depends on its owner (rollup_classes.cypher).
OWNER_DEPENDENT = {Role.MINISTRY, Role.PROVINCE, Role.INSTITUTION}

PROGRESS_FLAGS = ("patents", "inventoried", "screenedIn")


@dataclass(frozen=True)
class Share:
    """One later owner's shares, by ``mark|counter``, with the keys it is grouped by."""

    institution: str
    province: str | None
    ministry: str | None
    counts: dict[str, int]

    def key(self, by: str) -> str:
        if by == "PROVINCE":
            return self.province or "UNKNOWN"
        if by == "MINISTRY":
            return self.ministry or "LOCAL"
        return self.institution

    def get(self, mark: str | None, counter: str) -> int:
        return self.counts.get(f"{mark}|{counter}", 0) if mark else 0


def shares(rows: Iterable[list[Any] | None]) -> list[Share]:
    """The ``shares`` lists of ``statistics/progress.cypher`` as ``Share`` values."""
    out = []
    for row in rows:
        if row is None:
            continue
        iid, province, ministry, keys, counts = row
        out.append(Share(iid, province, ministry, dict(zip(keys, counts, strict=True))))
    return out


def credit_mark(role: Role, by: str) -> str:
    """Which share credits a patent or deal shared by several institutions once per group
    ``by`` (PROVINCE, MINISTRY): the caller's oversight narrows the owners to one province,
    ministry or institution, ``by`` groups what is left."""
    if role is Role.INSTITUTION:
        return "I"
    own = {Role.PROVINCE: "PROVINCE", Role.MINISTRY: "MINISTRY"}.get(role)
    if own is not None and own != by:
        return "X"  # e.g. a ministry's deals by province: province and ministry both fixed
    return "P" if by == "PROVINCE" else "M"


def total_mark(role: Role) -> str | None:
    """The share that counts a patent once in the caller's total: none for a caller who
    answers for every owner (the first owner's roll-up counts it)."""
    return {Role.MINISTRY: "M", Role.PROVINCE: "P", Role.INSTITUTION: "I"}.get(role)


def institution_rows(rows: list[dict[str, Any]], found: list[Share]) -> list[dict[str, Any]]:
    """The progress rows with each later owner's shares added: a co-owned patent counts in
    full for every owner. Rows left with no patents are dropped."""
    by_id = {r["id"]: r for r in rows}
    for s in found:
        row = by_id.get(s.institution)
        if row is None:
            continue
        row = by_id[s.institution] = dict(row)  # the caller's rows stay as they were read
        for flag in PROGRESS_FLAGS:
            row[flag] += s.get("I", flag)
    return [by_id[k] for k in sorted(by_id) if by_id[k]["patents"] > 0]


def group_deltas(found: list[Share], mark: str | None, by: str) -> dict[str, Counter[str]]:
    """Per group key, what to add to the sum of the rows of ``institution_rows`` (which
    count a co-owned patent for every owner) so that it counts once in the group: the shares
    of ``mark`` less those of every later owner. ``by`` TOTAL puts every share in one group."""
    out: dict[str, Counter[str]] = {}
    for s in found:
        delta = out.setdefault("TOTAL" if by == "TOTAL" else s.key(by), Counter())
        for flag in PROGRESS_FLAGS:
            delta[flag] += s.get(mark, flag) - s.get("I", flag)
    return out


def total_shares(found: list[Share], role: Role, counter: str) -> int:
    """What the caller's total of ``counter`` misses in the first owners' roll-ups."""
    mark = total_mark(role)
    return sum(s.get(mark, counter) for s in found)
