"""What co-owned patents add to the statistics beyond their first owner's roll-up.

A roll-up counts a patent for the institution whose scope keys it carries, its first owner
(``graph/rollups.py``), so a province's, a ministry's and the national sums count every
patent once. A patent owned by several institutions counts for each of them, once for
each distinct province and ministry among its owners, and once nationally
(docs/graph-model.md, "Co-owned patents"): these functions add the difference, read from
the few co-owned patents themselves (``statistics/co_owned.cypher``), so the roll-ups and
their deltas stay as they are.

The rule for a group key (an institution, a province, a ministry, the total): a co-owned
patent adds 1 to each key among its owners the caller answers for, except the key of its
first owner when the roll-ups already count it there (the caller answers for that owner).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from graph.vocab import Role
from hub.context import Context
from hub.resolvers.scoped import read_once

__all__ = [
    "TOTAL",
    "by_ministry",
    "by_province",
    "co_owned",
    "dormant_extra",
    "extra",
    "group_deltas",
    "in_total",
    "institution_rows",
    "library_extra",
    "owners_overseen",
]

Owner = dict[str, Any]
KeyOf = Callable[[Owner], str]

TOTAL = "TOTAL"


async def co_owned(ctx: Context) -> list[dict[str, Any]]:
    """The co-owned patents the caller sees, with their owners (first owner first); read
    once per request, however many statistics of the request need them."""
    return await read_once(ctx, "statistics/co_owned")


def by_institution(o: Owner) -> str:
    return str(o["id"])


def by_province(o: Owner) -> str:
    return str(o["provinceCode"] or "UNKNOWN")


def by_ministry(o: Owner) -> str:
    return str(o["ministryCode"] or "LOCAL")


def in_total(o: Owner) -> str:
    return TOTAL


def extra(patents: Iterable[dict[str, Any]], flag: str, key_of: KeyOf) -> Counter[str]:
    """Per group key, the co-owned patents with ``flag`` the roll-ups' sums of the caller's
    oversight miss there."""
    out: Counter[str] = Counter()
    for p in patents:
        if not p[flag]:
            continue
        owners = p["owners"]
        keys = {key_of(o) for o in owners if o["oversee"]}
        if owners[0]["oversee"]:
            keys.discard(key_of(owners[0]))
        for k in keys:
            out[k] += 1
    return out


def owners_overseen(patents: Iterable[dict[str, Any]]) -> dict[str, Owner]:
    """Every owning institution of a co-owned patent the caller answers for, by id."""
    return {o["id"]: o for p in patents for o in p["owners"] if o["oversee"]}


def library_extra(patents: Iterable[dict[str, Any]]) -> Counter[str]:
    """Resource library keys (``dimension|key``) of the screened-in co-owned patents the
    caller sees through one of its other owners but not through the first one's roll-up."""
    out: Counter[str] = Counter()
    for p in patents:
        owners = p["owners"]
        seen = any(p["class"] in o["classes"] for o in owners)
        if seen and p["class"] not in owners[0]["classes"]:
            out.update(p["libraryKeys"])
    return out


def _day(value: Any) -> date | None:
    """A Neo4j ``Date`` as the driver gives it, as a ``datetime.date``."""
    if value is None or isinstance(value, date):
        return value
    native: date = value.to_native()
    return native


# Roles whose view of a patent in a roll-up depends on its owner (rollup_classes.cypher).
OWNER_DEPENDENT = {Role.MINISTRY, Role.PROVINCE, Role.INSTITUTION}


def dormant_extra(
    patents: Iterable[dict[str, Any]], role: Role, cutoff: date
) -> tuple[Counter[str], int]:
    """Dormant candidates granted before ``cutoff``: what each province's count misses (a
    co-owned patent counts in every province of its owners) and what the total misses (a
    patent seen through another owner than its first)."""
    by_key: Counter[str] = Counter()
    total = 0
    first_day = date(cutoff.year, 1, 1)
    for p in patents:
        granted = _day(p["grantDate"])
        if not p["dormant"] or granted is None or granted >= cutoff:
            continue
        owners = p["owners"]
        # the whole years come from the first owner's roll-up, the cut-off year (and what a
        # role sees through its own relationships) from the patent itself
        counted = (
            granted >= first_day
            or role not in OWNER_DEPENDENT
            or p["class"] in owners[0]["classes"]
        )
        keys = {by_province(o) for o in owners}
        if counted:
            keys.discard(by_province(owners[0]))
        else:
            total += 1
        for k in keys:
            by_key[k] += 1
    return by_key, total


PROGRESS_FLAGS = ("patents", "inventoried", "screenedIn")


def institution_rows(
    rows: list[dict[str, Any]], shared: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The progress rows of ``statistics/progress.cypher`` with each institution's share of
    the co-owned patents it is a later owner of, and a row for an institution that owns
    only such patents."""
    by_id = {r["id"]: r for r in rows}
    owners = owners_overseen(shared)
    for flag in PROGRESS_FLAGS:
        for iid, n in extra(shared, flag, by_institution).items():
            row = by_id.get(iid)
            if row is None:
                if flag != "patents":
                    continue
                o = owners[iid]
                row = {
                    **{k: o[k] for k in ("id", "name", "provinceCode", "provinceName")},
                    **{k: o[k] for k in ("ministryCode", "ministryName", "pilot")},
                    "demonstration": o["demonstration"],
                    **dict.fromkeys(PROGRESS_FLAGS, 0),
                }
            else:
                row = dict(row)  # the caller's rows stay as they were read
            by_id[iid] = row
            row[flag] += n
    return [by_id[k] for k in sorted(by_id)]


def group_deltas(shared: list[dict[str, Any]], key_of: KeyOf) -> dict[str, Counter[str]]:
    """Per group key, what to add to the sum of the institution rows of ``institution_rows``
    so that a co-owned patent counts once in the group (the rows count it for each owner)."""
    owners = owners_overseen(shared)
    out: dict[str, Counter[str]] = {}
    for flag in PROGRESS_FLAGS:
        for k, n in extra(shared, flag, key_of).items():
            out.setdefault(k, Counter())[flag] += n
        for iid, n in extra(shared, flag, by_institution).items():
            out.setdefault(key_of(owners[iid]), Counter())[flag] -= n
    return out
