"""What co-owned patents add to the statistics beyond their first owner's roll-up.

A roll-up counts a patent in full for its first owner (``graph/rollups.py``), so a
province's, a ministry's and the national sums count every patent once. A patent owned by
several institutions counts for each of them, once for each distinct province and ministry
among its owners, and once nationally (docs/graph-model.md, "Co-owned patents"): each later
owner's roll-up holds its shares of such patents, marked by what it is the first of among
the owners (``rollups/patent_parts.cypher``), and the statistics statements add the
shares of the marks these functions name for the caller's grouping to the roll-ups'
figures.

Marks: ``I`` every later owner, ``P`` the first owner of its province, ``M`` the first of
its ministry, ``X`` the first of both (``credit_mark``).
"""

from __future__ import annotations

from graph.vocab import Role

__all__ = ["OWNER_DEPENDENT", "credit_mark", "total_mark"]

# Roles whose view of a patent in a roll-up depends on its owner (rollup_classes.cypher).
OWNER_DEPENDENT = {Role.MINISTRY, Role.PROVINCE, Role.INSTITUTION}


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
