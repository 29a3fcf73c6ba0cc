"""Roll-ups kept by the delta of each write, not by recounting the touched institutions.

A write names the patents it touches (the ingest plan's, a mutation's). Before it writes,
``Delta.begin`` reads what those patents, and the deals and product filings they are part
of, add to their institutions' roll-ups (``rollups/patent_parts``, ``rollups/item_parts``);
after it wrote, ``Delta.commit`` reads the same again and adds the difference to the stored
roll-ups, in the same transaction. The cost is that of the touched patents, whatever the
size of their institutions; a patent moved to another owner leaves the old owner's
roll-up (its "before" part) and enters the new one's (its "after" part) at once.

The parts are the figures of ``rollups/refresh.cypher`` patent by patent, so a roll-up
kept this way equals a full recount (``patent-hub db rollups --check`` compares them).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any, LiteralString, cast

from neo4j import AsyncManagedTransaction, ManagedTransaction

from graph import cypher
from graph.ternary import and_, eq
from graph.vocab import ImplStatus, TransactionKind

__all__ = [
    "EXCUSED",
    "LICENCE_KINDS",
    "SHARE_SLOTS",
    "Delta",
    "created_parts",
    "dormant",
    "encode",
    "old_shape",
    "owner_marks",
    "parts_args",
    "patent_keys",
    "recount_args",
    "share_keys",
    "share_offset",
]

LICENCE_KINDS = [
    TransactionKind.EXCLUSIVE_LICENCE.value,
    TransactionKind.SOLE_LICENCE.value,
    TransactionKind.ORDINARY_LICENCE.value,
    TransactionKind.OPEN_LICENCE.value,
]

# Statuses that record why a patent is not implemented (or that it is): such patents are
# not "dormant without a reason" (docs/analytics.md, dormantStateFunded).
EXCUSED = [
    ImplStatus.TO_BE_ABANDONED.value,
    ImplStatus.OWNERSHIP_DISPUTE.value,
    ImplStatus.UNSUITABLE.value,
    ImplStatus.LICENSED.value,
    ImplStatus.TRANSFERRED.value,
    ImplStatus.SELF_INDUSTRIALISED.value,
]

# What a later owner of a co-owned patent gets a share of (``s|<mark>|<counter>`` parts),
# and the marks of a share (rollups/patent_parts.cypher): I any later owner, P the first
# of its province among the owners, M of its ministry, X of both.
SHARED_COUNTERS = (
    "patents",
    "inventoried",
    "screenedIn",
    "implemented",
    "industrialised",
    "transferable",
    "transferableEvaluated",
)
SCALARS = ("owned", *SHARED_COUNTERS, "stateFunded", "openLicence", "dormant")
CLASSES = ("O", "C", "P")
CLASS_SHARE_MARKS = ("I", "P", "M")  # the marks the library's and network's shares are kept for
SHARED_CLASSES = ("C", "P")  # every role sees the open-licence patents of every owner
METRICS = tuple(f"{m}{g}" for m in ("transfers", "licences", "products") for g in "PMXI")
SHARE_MARKS = ("I", "P", "M", "X")
# The roll-up's ``shares``: its s|<mark>|<counter> parts at fixed positions, the counters
# of each mark in the order of SHARED_COUNTERS, the marks in this order (the statistics
# read them by position, ``share_offset``, not by searching keys).
SHARE_SLOTS = tuple(f"s|{m}|{c}" for m in SHARE_MARKS for c in SHARED_COUNTERS)
# The other share parts' prefixes and the roll-up lists that hold them (<name>Keys,
# <name>Counts): only the keys that count something.
SHARES = (("sl", "shareLibrary"), ("si", "shareIndustry"))
UNIT = 10_000  # amounts are summed in 0.0001 万元 (1 yuan): exact, so deltas add up

Parts = dict[str, Counter[str]]  # institution id → part key → count


def _q(name: str) -> LiteralString:
    return cast(LiteralString, cypher.load(f"rollups/{name}"))


def _parts(rows: Iterable[Any], into: Parts | None = None) -> Parts:
    parts: Parts = into if into is not None else {}
    for row in rows:
        parts.setdefault(row["id"], Counter())[row["k"]] += int(row["n"])
    return parts


def decode(props: dict[str, Any]) -> Counter[str]:
    """A stored roll-up as parts (the inverse of ``encode``)."""
    parts: Counter[str] = Counter()
    for name in SCALARS:
        parts[f"n|{name}"] = int(props.get(name) or 0)
    for key, n in zip(props.get("typeKeys") or [], props.get("typeCounts") or [], strict=False):
        parts[f"type|{key}"] = int(n)
    keys = props.get("libraryKeys") or []
    for c in CLASSES:
        for key, n in zip(keys, props.get(f"library{c}") or [], strict=False):
            parts[f"lib|{c}|{key}"] = int(n)
    industries = props.get("industryIds") or []
    for c in CLASSES:
        for key, n in zip(industries, props.get(f"industry{c}") or [], strict=False):
            parts[f"ind|{c}|{key}"] = int(n)
    years = props.get("dormantYears") or []
    for c in CLASSES:
        for year, n in zip(years, props.get(f"dormant{c}") or [], strict=False):
            parts[f"dy|{c}|{'' if year is None else year}"] = int(n)
        months = props.get(f"dormantMonths{c}") or []
        for i, year in enumerate(years):
            if year is None:
                continue
            for month, n in enumerate(months[i * 12 : i * 12 + 12], start=1):
                parts[f"dm|{c}|{year}|{month}"] = int(n)
    for slot, n in zip(SHARE_SLOTS, props.get("shares") or [], strict=False):
        parts[slot] = int(n)
    for prefix, name in SHARES:
        counts = props.get(f"{name}Counts") or []
        for key, n in zip(props.get(f"{name}Keys") or [], counts, strict=False):
            parts[f"{prefix}|{key}"] = int(n)
    quarters = props.get("quarters") or []
    for name in ("quarterItems", *METRICS):
        for quarter, n in zip(quarters, props.get(name) or [], strict=False):
            parts[f"q|{quarter}|{'items' if name == 'quarterItems' else name}"] = int(n)
    for quarter, amount in zip(quarters, props.get("amounts") or [], strict=False):
        parts[f"q|{quarter}|units"] = round(float(amount) * UNIT)
    return parts


def encode(parts: Counter[str]) -> dict[str, Any] | None:
    """The roll-up properties of ``parts`` as ``rollups/refresh.cypher`` writes them (keyed
    lists sorted by key, only keys that count something; ``shares`` at fixed positions);
    None when the institution owns no patent any more, neither first nor as a later owner
    (it then has no roll-up)."""
    shares: dict[str, dict[str, int]] = {prefix: {} for prefix in ("s", "sl", "si")}
    for key, n in parts.items():
        kind, _, rest = key.partition("|")
        if kind in shares and n > 0:
            shares[kind][rest] = n
    if parts["n|owned"] <= 0 and not any(shares.values()):
        return None
    props: dict[str, Any] = {name: parts[f"n|{name}"] for name in SCALARS}
    types: dict[str, int] = {}
    library: dict[str, dict[str, int]] = {}
    industries: dict[str, dict[str, int]] = {}
    years: dict[int | None, dict[str, int]] = {}
    months: dict[tuple[int, int], dict[str, int]] = {}
    quarters: dict[str, dict[str, int]] = {}
    for key, n in parts.items():
        kind, _, rest = key.partition("|")
        if kind == "type":
            types[rest] = n
        elif kind == "lib":
            c, _, k = rest.partition("|")
            library.setdefault(k, {})[c] = n
        elif kind == "ind":
            c, _, k = rest.partition("|")
            industries.setdefault(k, {})[c] = n
        elif kind == "dy":
            c, _, y = rest.partition("|")
            years.setdefault(int(y) if y else None, {})[c] = n
        elif kind == "dm":
            c, y, m = rest.split("|")
            months.setdefault((int(y), int(m)), {})[c] = n
        elif kind == "q":
            quarter, _, name = rest.rpartition("|")
            quarters.setdefault(quarter, {})[name] = n
    kept_types = sorted(k for k, n in types.items() if n > 0)
    props["typeKeys"], props["typeCounts"] = kept_types, [types[k] for k in kept_types]
    kept_lib = sorted(k for k, by in library.items() if sum(by.values()) > 0)
    props["libraryKeys"] = kept_lib
    kept_ind = sorted(k for k, by in industries.items() if sum(by.values()) > 0)
    props["industryIds"] = kept_ind
    kept_years = sorted(
        (y for y, by in years.items() if sum(by.values()) > 0),
        key=lambda y: (y is None, y or 0),  # Cypher orders null last
    )
    props["dormantYears"] = kept_years
    for c in CLASSES:
        props[f"library{c}"] = [library[k].get(c, 0) for k in kept_lib]
        props[f"industry{c}"] = [industries[k].get(c, 0) for k in kept_ind]
        props[f"dormant{c}"] = [years[y].get(c, 0) for y in kept_years]
        props[f"dormantMonths{c}"] = [
            months.get((y, m), {}).get(c, 0) if y is not None else 0
            for y in kept_years
            for m in range(1, 13)
        ]
    props["shares"] = [parts[slot] for slot in SHARE_SLOTS]
    for prefix, name in SHARES:
        kept = sorted(shares[prefix])
        props[f"{name}Keys"], props[f"{name}Counts"] = kept, [shares[prefix][k] for k in kept]
    kept_q = sorted(q for q, by in quarters.items() if by.get("items", 0) > 0)
    props["quarters"] = kept_q
    props["quarterItems"] = [quarters[q]["items"] for q in kept_q]
    props["amounts"] = [quarters[q].get("units", 0) / UNIT for q in kept_q]
    for name in METRICS:
        props[name] = [quarters[q].get(name, 0) for q in kept_q]
    return props


def combine(stored: dict[str, dict[str, Any]], before: Parts, after: Parts) -> list[dict[str, Any]]:
    """The ``rollups/save`` rows: each touched institution's stored roll-up plus the
    difference its patents' and deals' parts made."""
    rows = []
    for iid in sorted(before.keys() | after.keys()):
        parts = decode(stored.get(iid) or {})
        parts.update(after.get(iid, Counter()))
        parts.subtract(before.get(iid, Counter()))
        rows.append({"id": iid, "props": encode(parts)})
    return rows


def dormant(p: Mapping[str, Any], has_deal: bool) -> bool | None:
    """``rollups/dormant_flags.cypher``'s flag of a patent with properties ``p``, with
    Cypher's nulls (a first load counts it in Python, a new patent is created with it)."""
    legal, implemented = p.get("legalStatus"), p.get("implemented")
    return and_(
        eq(p.get("stateFunded"), True),
        p.get("grantDate") is not None,
        (legal if legal is not None else "VALID") == "VALID",
        (implemented if implemented is not None else False) is False,
        not any(s in EXCUSED for s in p.get("implStatuses") or []),
        not has_deal,
    )


def _text(value: Any) -> str:
    """Cypher's ``coalesce(toString(value), '')``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def patent_keys(
    p: Mapping[str, Any], sections: set[str], evaluated: bool, industries: Iterable[str] = ()
) -> list[str]:
    """The part keys of one patent (``rollups/patent_parts.cypher``) with properties ``p``,
    the library's level-1 ``sections`` (``scheme|code`` of GB/T 4754 and SEI, counted for
    a screened-in patent), an enterprise evaluation or not, and the ids of every level-1
    industry it is in (any scheme); no product filing uses it (a first load writes none,
    a new patent has none yet)."""
    legal = p.get("legalStatus")
    valid = (legal if legal is not None else "VALID") == "VALID"
    state = p.get("inventoryState")
    c = "O" if p.get("openLicence") is True else "C" if p.get("transferable") is True else "P"
    keys = ["n|owned", f"type|{p.get('type') or ''}"]
    if valid:
        keys.append("n|patents")
        if state in ("SCREENED_IN", "SCREENED_OUT"):
            keys.append("n|inventoried")
        if state == "SCREENED_IN":
            keys.append("n|screenedIn")
        if p.get("implemented") is True:
            keys.append("n|implemented")
        if "SELF_INDUSTRIALISED" in (p.get("implStatuses") or []):
            keys.append("n|industrialised")
    if p.get("transferable") is True:
        keys.append("n|transferable")
        if evaluated:
            keys.append("n|transferableEvaluated")
    if p.get("stateFunded") is True:
        keys.append("n|stateFunded")
    if p.get("openLicence") is True:
        keys.append("n|openLicence")
    if p.get("dormant") is True:
        granted = p.get("grantDate")
        keys += ["n|dormant", f"dy|{c}|{'' if granted is None else granted.year}"]
        if granted is not None:
            keys.append(f"dm|{c}|{granted.year}|{granted.month}")
    if state == "SCREENED_IN":
        gbt = sorted(x for x in sections if x.startswith("GBT4754|")) or ["GBT4754|"]
        sei = sorted(x for x in sections if x.startswith("SEI2018|")) or ["SEI2018|"]
        library = [
            "total|",
            f"maturity|{_text(p.get('maturity'))}",
            f"rating|{_text(p.get('rating'))}",
        ]
        keys += [f"lib|{c}|{k}" for k in library + gbt + sei]
    keys += [f"ind|{c}|{i}" for i in sorted(set(industries))]
    return keys


def owner_marks(owners: list[tuple[str, str, str]]) -> list[tuple[str, list[str]]]:
    """Each later owner of a co-owned patent with its marks (``rollups/patent_parts``):
    ``owners`` are ``(id, province or '', ministry or 'LOCAL')`` in filing order."""
    out = []
    for n in range(1, len(owners)):
        oid, pr, mi = owners[n]
        earlier = owners[:n]
        marks = ["I"]
        if all(o[1] != pr for o in earlier):
            marks.append("P")
        if all(o[2] != mi for o in earlier):
            marks.append("M")
        if all(o[1] != pr or o[2] != mi for o in earlier):
            marks.append("X")
        out.append((oid, marks))
    return out


def share_keys(keys: Iterable[str], marks: list[str], first: str) -> list[str]:
    """A later owner's share parts of a patent whose own parts are ``keys`` and whose
    first owner is ``first`` (the network's shares weigh that owner's edges)."""
    counters = {f"n|{c}" for c in SHARED_COUNTERS}
    lib, ind = (tuple(f"{part}|{c}|" for c in SHARED_CLASSES) for part in ("lib", "ind"))
    shared = [k[2:] for k in keys if k in counters]
    library = [k[4:] for k in keys if k.startswith(lib)]
    network = [f"{k[4:6]}{first}|{k[6:]}" for k in keys if k.startswith(ind)]
    out = []
    for m in marks:
        out += [f"s|{m}|{c}" for c in shared]
        if m in CLASS_SHARE_MARKS:
            out += [f"sl|{m}|{x}" for x in library] + [f"si|{m}|{x}" for x in network]
    return out


def _derived(props: Mapping[str, Any]) -> bool:
    """Whether a created patent's parts come from its properties (``created_parts``): not
    one created screened in (its library keys need the industries of the graph) nor a
    co-owned one (its later owners' shares need their keys)."""
    return props.get("inventoryState") != "SCREENED_IN" and props.get("coOwned") is not True


def created_parts(props: Mapping[str, Any], industries: Iterable[str] = ()) -> Counter[str] | None:
    """What a patent the write creates with ``props`` adds to its institution's roll-up,
    from the row and the level-1 ``industries`` of the industries it links to: a new
    patent has no deal, product filing or evaluation yet. None for one whose parts are read
    back (``_derived``)."""
    if not _derived(props):
        return None
    return Counter(patent_keys(props, set(), False, industries))


def old_shape(props: Mapping[str, Any]) -> bool:
    """A roll-up written before quarters carried their item counts, before the dormant
    candidates were counted by grant month as well as year, or before patents were
    counted by level-1 industry or held the shares of its co-owned patents (the network's
    shares last): recount it once."""
    return (
        (bool(props.get("quarters")) and props.get("quarterItems") is None)
        or (bool(props.get("dormantYears")) and props.get("dormantMonthsO") is None)
        or props.get("industryIds") is None
        or props.get("shares") is None
        or props.get("shareIndustryKeys") is None
    )


def share_offset(mark: str | None) -> int | None:
    """Where the counters of ``mark`` start in a roll-up's ``shares`` (None: no mark, no
    share; Cypher's ``shares[null + k]`` is null)."""
    return None if mark is None else SHARE_MARKS.index(mark) * len(SHARED_COUNTERS)


def recount_args(ids: list[str]) -> dict[str, Any]:
    """The parameters of ``rollups/dormant_flags`` and ``rollups/refresh`` for ``ids``."""
    return {
        "ids": ids,
        "excused": EXCUSED,
        "licenceKinds": LICENCE_KINDS,
        "shareSlots": list(SHARE_SLOTS),
    }


def parts_args(app_nos: list[str], items: list[str]) -> dict[str, Any]:
    """The parameters of ``rollups/patent_parts`` and ``rollups/item_parts``."""
    return {
        "appNos": app_nos,
        "items": items,
        "licenceKinds": LICENCE_KINDS,
        "sharedCounters": [f"n|{c}" for c in SHARED_COUNTERS],
    }


class Delta:
    """The roll-up change of one write: ``begin`` before it writes, ``commit`` after, in the
    write's own transaction (``*_async`` for the mutations' async driver)."""

    def __init__(
        self,
        app_nos: Iterable[str],
        created: Mapping[str, Mapping[str, Any]] | None = None,
        industries: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        """``created``: those of ``app_nos`` the write creates, with the properties they
        get (nothing to read before the write, and their parts come from the properties:
        a first import reads none of its patents back); ``industries``: the ids of the
        industries each of them links to (their level-1 industries are read in one
        statement of the reference data)."""
        self.app_nos = sorted({a for a in app_nos if a})
        new = created or {}
        self.stored = [a for a in self.app_nos if a not in new]
        self.items: list[str] = []
        self.before: Parts = {}
        # the created patents whose parts come from their properties
        self.created = {a: new[a] for a in self.app_nos if a in new and _derived(new[a])}
        linked = industries or {}
        self.industries = {a: sorted(set(linked.get(a, ()))) for a in self.created}
        self.read = [a for a in self.app_nos if a not in self.created]  # read after the write

    def begin(self, tx: ManagedTransaction) -> None:
        if not self.stored:
            return
        self.items = tx.run(_q("items_of"), appNos=self.stored).single(strict=True)["items"]
        self.before = self._read(tx, self.stored, self.items)

    def _read(self, tx: ManagedTransaction, app_nos: list[str], items: list[str]) -> Parts:
        """The parts of ``app_nos`` and ``items`` (no statement for an empty list: each is
        planned again as the graph grows during a large import, which costs more than
        running it)."""
        parts = _parts(tx.run(_q("patent_parts"), parts_args(app_nos, items))) if app_nos else {}
        if items:
            _parts(tx.run(_q("item_parts"), parts_args(app_nos, items)), parts)
        return parts

    def commit(self, tx: ManagedTransaction) -> list[str]:
        """Apply the write's delta; the institutions whose roll-ups it changed."""
        if not self.app_nos:
            return []
        after: Parts = {}
        if self.read:
            tx.run(_q("dormant_flags_of"), appNos=self.read, excused=EXCUSED).consume()
            now = tx.run(_q("items_of"), appNos=self.read).single(strict=True)["items"]
            after = self._read(tx, self.read, sorted({*self.items, *now}))
        if self.created:
            self._add_derived(after, self._levels(tx.run(_q("levels_of"), self._linked())))
        ids = sorted(self.before.keys() | after.keys())
        stored = {r["id"]: dict(r["r"]) for r in tx.run(_q("stored_of"), ids=ids)}
        rows, old = self._rows(stored, after)
        if rows:
            tx.run(_q("save"), rows=rows).consume()
        if old:
            tx.run(_q("dormant_flags"), recount_args(old)).consume()
            tx.run(_q("refresh"), recount_args(old)).consume()
        return ids

    def _linked(self) -> dict[str, Any]:
        return {"ids": sorted({i for ids in self.industries.values() for i in ids})}

    @staticmethod
    def _levels(rows: Iterable[Any]) -> dict[str, list[str]]:
        return {r["id"]: r["levels"] for r in rows}

    def _add_derived(self, after: Parts, levels: Mapping[str, list[str]]) -> None:
        """The created patents' parts, from their properties and industries."""
        for a, props in self.created.items():
            iid = props.get("institutionId")
            if iid is None:
                continue
            reached = {s for i in self.industries[a] for s in levels.get(i, ())}
            after.setdefault(iid, Counter()).update(created_parts(props, reached) or ())

    def _rows(
        self, stored: dict[str, dict[str, Any]], after: Parts
    ) -> tuple[list[dict[str, Any]], list[str]]:
        """The rows to save, and the institutions whose roll-up is of an older shape (they
        are recounted instead)."""
        old = sorted(i for i, props in stored.items() if old_shape(props))
        before = {i: c for i, c in self.before.items() if i not in old}
        return combine(stored, before, {i: c for i, c in after.items() if i not in old}), old

    async def begin_async(self, tx: AsyncManagedTransaction) -> None:
        if not self.stored:
            return
        row = await (await tx.run(_q("items_of"), appNos=self.stored)).single(strict=True)
        self.items = row["items"]
        self.before = await self._read_async(tx, self.stored, self.items)

    async def _read_async(
        self, tx: AsyncManagedTransaction, app_nos: list[str], items: list[str]
    ) -> Parts:
        parts: Parts = {}
        if app_nos:
            found = await (await tx.run(_q("patent_parts"), parts_args(app_nos, items))).data()
            parts = _parts(found)
        if items:
            rows = await (await tx.run(_q("item_parts"), parts_args(app_nos, items))).data()
            _parts(rows, parts)
        return parts

    async def commit_async(self, tx: AsyncManagedTransaction) -> list[str]:
        if not self.app_nos:
            return []
        after: Parts = {}
        if self.read:
            args = {"appNos": self.read, "excused": EXCUSED}
            await (await tx.run(_q("dormant_flags_of"), args)).consume()
            row = await (await tx.run(_q("items_of"), appNos=self.read)).single(strict=True)
            after = await self._read_async(tx, self.read, sorted({*self.items, *row["items"]}))
        if self.created:
            found = await (await tx.run(_q("levels_of"), self._linked())).data()
            self._add_derived(after, self._levels(found))
        ids = sorted(self.before.keys() | after.keys())
        found = await (await tx.run(_q("stored_of"), ids=ids)).data()
        rows, old = self._rows({r["id"]: dict(r["r"]) for r in found}, after)
        if rows:
            await (await tx.run(_q("save"), rows=rows)).consume()
        if old:
            await (await tx.run(_q("dormant_flags"), recount_args(old))).consume()
            await (await tx.run(_q("refresh"), recount_args(old))).consume()
        return ids
