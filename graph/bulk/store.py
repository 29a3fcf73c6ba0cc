"""The graph a first load builds, held in memory while the files are validated.

Each validated file's plan is applied here statement by statement, with the effect that
statement has in Cypher (``graph/cypher/ingest/*.cypher``) on a database that holds only
the reference data and the files before it; the validators' lookups (owners, patents,
inventors, stored hashes) are answered from it, so each file is checked against what
the files before it wrote, exactly as in a sequence of transactional imports.

Relationships go straight to their CSV file; nodes are kept (later files change
patents) and written at the end. A record given again by a later file in a changed
form would be an update, which the offline importer cannot express: it is refused.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from itertools import islice
from typing import TYPE_CHECKING, Any, cast

from graph import cypher
from graph.bulk.csvfiles import Files, Table, type_of
from graph.errors import InvalidInput
from graph.ingest import lookup
from graph.ingest.plan import Plan
from graph.ternary import and_, eq

if TYPE_CHECKING:
    from graph.db import Graph

__all__ = ["KEYS", "NOW", "BulkRefused", "Store"]

Props = dict[str, Any]

# The key property of each label the first load writes.
KEYS = {
    "Province": "code",
    "Ministry": "code",
    "Institution": "id",
    "Industry": "id",
    "IpcClass": "code",
    "Inventor": "id",
    "Patent": "appNo",
    "Enterprise": "creditCode",
    "Expert": "id",
    "Evaluation": "id",
    "Transaction": "id",
    "TechNeed": "id",
    "ChangeSequence": "name",
    "Unit": "id",
    "OwnerName": "name",
    "InstitutionRollup": "institutionId",
}
# The labels of the owners look-up (units are added to it as they are created).
OWNER_LABELS = frozenset({"Institution", "Enterprise"})
# Relationship properties and their importer types.
REL_TYPES = {"order": "long", "main": "boolean", "source": "string"}


class BulkRefused(InvalidInput, ValueError):
    """Files a first load cannot build as the imports would (what, where, why)."""


class Store:
    """Nodes by label and key; relationships written as they are made."""

    def __init__(self, files: Files) -> None:
        self.files = files
        self.nodes: dict[str, dict[Any, Props]] = defaultdict(dict)
        self._rels: dict[tuple[str, str, str, tuple[str, ...]], Table] = {}
        self._merged: set[tuple[str, Any, Any]] = set()  # PART_OF between IPC classes
        self.patent_owners: dict[str, list[tuple[int, str]]] = {}  # appNo → (order, institution)
        self.declared: dict[str, list[str]] = {}  # appNo → industries of its inventory
        self.evaluations: dict[str, list[Props]] = defaultdict(list)  # appNo → evaluations
        self.transactions: dict[str, list[Props]] = defaultdict(list)
        self.deal_patents: dict[str, list[str]] = {}  # transaction id → its patents
        self.ipc_industries: dict[str, list[str]] = {}  # appNo → industries of its IPC codes
        self.industry_parents: dict[str, list[str]] = defaultdict(list)  # PART_OF
        self.source = ""  # the file being applied, for messages
        self.relationships = 0
        self.owner_changes = 0  # institutions and enterprises created (owners look-up)
        self.reader = StoreReader(self)

    # --- primitives ------------------------------------------------------------------

    def has(self, label: str, key: Any) -> bool:
        return key in self.nodes[label]

    def create(self, label: str, key: Any, props: Props) -> Props:
        """A new node: ``CREATE`` then ``SET n += props`` (nulls set nothing)."""
        node = {KEYS[label]: key}
        node.update((k, v) for k, v in props.items() if v is not None)
        self.nodes[label][key] = node
        if label in OWNER_LABELS:
            self.owner_changes += 1
        return node

    def create_new(self, label: str, key: Any, props: Props) -> Props:
        """``MERGE`` of a node that must not exist yet (a record given once)."""
        if key in self.nodes[label]:
            raise BulkRefused(
                f"{self.source}：{label} {key} 已由前面的文件以不同的值写入；批量载入每条"
                "记录只取一次（之后的变更请用 `patent-hub import` 导入）"
            )
        return self.create(label, key, props)

    def rel(
        self, kind: str, start: str, start_key: Any, end: str, end_key: Any, **props: Any
    ) -> None:
        names = tuple(props)
        slot = (kind, start, end, names)
        table = self._rels.get(slot)
        if table is None:
            spec = [(n, REL_TYPES.get(n) or type_of(props[n]) or "string") for n in names]
            table = self.files.relationship_table(kind, start, end, spec)
            self._rels[slot] = table
        table.write((start_key, end_key, *props.values()))
        self.relationships += 1

    def merge_rel(self, kind: str, start: str, start_key: Any, end: str, end_key: Any) -> None:
        """``MERGE`` of a relationship without properties that may exist already."""
        seen = (kind, start_key, end_key)
        if seen not in self._merged:
            self._merged.add(seen)
            self.rel(kind, start, start_key, end, end_key)

    def patent_industries(self, app_no: str) -> list[str]:
        """The industries a patent is in: by its IPC codes and as its inventory declared."""
        return self.ipc_industries.get(app_no, []) + self.declared.get(app_no, [])

    def flush_declared(self) -> None:
        """The industries inventories declared, once the last file has replaced them."""
        for a, industries in self.declared.items():
            for i in industries:
                self.rel("IN_INDUSTRY", "Patent", a, "Industry", i, source="DECLARED")
        self.declared.clear()

    # --- applying a plan -------------------------------------------------------------

    def apply(self, plan: Plan, source: str) -> None:
        self.source = source
        for step in plan.steps:
            handler = STATEMENTS.get(step.statement)
            if handler is None:
                raise BulkRefused(
                    f"{source}：批量载入无法写入语句 {step.statement!r}"
                    "（前面的文件是否已以另一种形式包含这条记录？）"
                )
            for row in step.rows:
                handler(self, row)


# --- the statements of graph/cypher/ingest, one function each ---------------------------


def _ipc_classes(s: Store, r: Props) -> None:
    for code, level in ((r["sec"], "SECTION"), (r["cls"], "CLASS"), (r["sub"], "SUBCLASS")):
        if not s.has("IpcClass", code):
            s.create("IpcClass", code, {"level": level})
    s.merge_rel("PART_OF", "IpcClass", r["cls"], "IpcClass", r["sec"])
    s.merge_rel("PART_OF", "IpcClass", r["sub"], "IpcClass", r["cls"])


def _inventors_new(s: Store, r: Props) -> None:
    s.create("Inventor", r["id"], {"name": r["name"], "institutionId": r["inst"]})
    if s.has("Institution", r["inst"]):
        s.rel("AFFILIATED_WITH", "Inventor", r["id"], "Institution", r["inst"])


def _patents_new(s: Store, r: Props) -> None:
    a = r["appNo"]
    s.create_new("Patent", a, r["props"])
    owners = []
    for o in r["own"]:
        if s.has("Institution", o["id"]):
            s.rel("OWNED_BY", "Patent", a, "Institution", o["id"], order=o["order"])
            owners.append((o["order"], o["id"]))
    s.patent_owners[a] = owners
    for o in r["firms"]:
        if s.has("Enterprise", o["id"]):
            s.rel("OWNED_BY", "Patent", a, "Enterprise", o["id"], order=o["order"])
    for k, inventor in enumerate(r["inv"]):
        if s.has("Inventor", inventor):
            s.rel("INVENTED", "Inventor", inventor, "Patent", a, order=k + 1)
    for x in r["ipc"]:
        if s.has("IpcClass", x["c"]):
            s.rel("HAS_IPC", "Patent", a, "IpcClass", x["c"], main=x["m"])
    industries = []
    for x in r["ind"]:
        if s.has("Industry", x["i"]):
            s.rel("IN_INDUSTRY", "Patent", a, "Industry", x["i"], source=x["s"])
            industries.append(x["i"])
    if industries:
        s.ipc_industries[a] = industries


def _units_new(s: Store, r: Props) -> None:
    if not s.has("Institution", r["inst"]) or s.has("Unit", r["id"]):
        return
    props = {"name": r["name"], "institutionId": r["inst"], "aliases": [], "createdAt": NOW}
    s.create("Unit", r["id"], {**props, "source": "IMPORT"})
    s.rel("PART_OF", "Unit", r["id"], "Institution", r["inst"])


def _patent_parties(s: Store, r: Props) -> None:
    """The owner names no registered party answers to, on a patent new to the load."""
    if not s.has("Patent", r["a"]):
        return
    orders = {m["name"]: m["order"] for m in r["names"]}  # MERGE: one link per name, last order
    for name, order in orders.items():
        if not s.has("OwnerName", name):
            s.create("OwnerName", name, {})
        s.rel("NAMED_OWNER", "Patent", r["a"], "OwnerName", name, order=order)


def _owner_names_link(s: Store, r: Props) -> None:
    for name in dict.fromkeys(r["names"]):
        if not s.has("OwnerName", name):
            continue
        for label in ("Enterprise", "Institution"):
            if s.has(label, r["id"]):
                s.merge_rel("REGISTERED_AS", "OwnerName", name, label, r["id"])


def _inventory(s: Store, r: Props) -> None:
    p = s.nodes["Patent"].get(r["appNo"])
    if p is None:
        return
    props = r["props"]
    by = props.get("inventoriedBy")
    others = [u for u in p.get("departmentUnits") or [] if by is None or not u.startswith(f"{by}/")]
    for k, v in props.items():
        if v is None:
            p.pop(k, None)
        else:
            p[k] = v
    # departmentUnits and unitIds as ingest/inventory.cypher sets them (null propagates)
    given = props.get("departmentUnits")
    department = None if given is None else others + [u for u in given if u not in others]
    applicant = p.get("applicantUnits") or []
    if department is None:
        p.pop("departmentUnits", None)
        p.pop("unitIds", None)
    else:
        p["departmentUnits"] = department
        units = applicant + [u for u in department if u not in applicant]
        if units:
            p["unitIds"] = units
        else:
            p.pop("unitIds", None)
    intents = props.get("intents")
    transferable = and_(
        eq(props.get("inventoryState"), "SCREENED_IN"),
        eq(p.get("legalStatus"), "VALID"),
        None if intents is None else len(intents) > 0,
    )
    if transferable is None:
        p.pop("transferable", None)
    else:
        p["transferable"] = transferable
    if r["industries"] is not None:
        s.declared[r["appNo"]] = [i for i in dict.fromkeys(r["industries"]) if s.has("Industry", i)]


def _evaluation(by_label: str) -> Callable[[Store, Props], None]:
    def apply(s: Store, r: Props) -> None:
        if not (s.has("Patent", r["a"]) and s.has(by_label, r["by"])):
            return
        e = s.create_new("Evaluation", r["id"], r["props"])
        s.rel("SUBMITTED", by_label, r["by"], "Evaluation", r["id"])
        s.rel("EVALUATES", "Evaluation", r["id"], "Patent", r["a"])
        s.evaluations[r["a"]].append(e)

    return apply


def _transactions(s: Store, r: Props) -> None:
    if not (s.has("Institution", r["seller"]) and s.has("Enterprise", r["buyer"])):
        return
    t = s.create_new("Transaction", r["id"], r["props"])
    s.rel("SELLER", "Transaction", r["id"], "Institution", r["seller"])
    s.rel("BUYER", "Transaction", r["id"], "Enterprise", r["buyer"])
    deal = s.deal_patents.setdefault(r["id"], [])
    for a in dict.fromkeys(r["a"]):
        if s.has("Patent", a):
            s.rel("OF_PATENT", "Transaction", r["id"], "Patent", a)
            s.transactions[a].append(t)
            deal.append(a)


def _directory_entry(
    s: Store, label: str, key: str, r: Props, located: str, industry: str, **rel: Any
) -> None:
    """An enterprise or expert: its node, its province (``located``) and its industries
    (``industry``, with the relationship's properties ``rel``)."""
    props = r["props"]
    s.create_new(label, key, props)
    if s.has("Province", props.get("provinceCode")):
        s.rel(located, label, key, "Province", props["provinceCode"])
    for i in dict.fromkeys(r["industries"]):
        if s.has("Industry", i):
            s.rel(industry, label, key, "Industry", i, **rel)


def _enterprises(s: Store, r: Props) -> None:
    code = r["code"]
    _directory_entry(s, "Enterprise", code, r, "LOCATED_IN", "IN_INDUSTRY", source="DECLARED")
    if r["central"] and s.has("Ministry", "SASAC"):
        s.rel("SUPERVISED_BY", "Enterprise", code, "Ministry", "SASAC")
    if r["need"] is not None:
        need = f"{code}/1"
        s.create("TechNeed", need, {"createdAt": NOW, "ipcPrefixes": [], "text": r["need"]})
        s.rel("STATES", "Enterprise", code, "TechNeed", need)


def _experts(s: Store, r: Props) -> None:
    _directory_entry(s, "Expert", r["id"], r, "RECOMMENDED_BY", "EXPERT_IN")


NOW = datetime.now(UTC)

STATEMENTS: dict[str, Callable[[Store, Props], None]] = {
    "ingest/ipc_classes": _ipc_classes,
    "ingest/inventors_new": _inventors_new,
    "ingest/patents_new": _patents_new,
    "ingest/units_new": _units_new,
    "ingest/patent_parties": _patent_parties,
    "ingest/owner_names_link": _owner_names_link,
    "ingest/inventory": _inventory,
    "ingest/evaluations_enterprise": _evaluation("Enterprise"),
    "ingest/evaluations_expert": _evaluation("Expert"),
    "ingest/transactions": _transactions,
    "ingest/enterprises": _enterprises,
    "ingest/experts": _experts,
}


# --- the validators' lookups, answered from the store ------------------------------------


class StoreReader:
    """What ``graph.ingest.lookup`` reads, answered from a ``Store`` instead of Neo4j:
    the lookup statement's text selects the answer (each is parameterised alike)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        s = store
        self.answers: dict[str, Callable[[Props], list[Props]]] = {
            cypher.load("ingest/lookup/owners"): lambda p: self._owners(),
            cypher.load("ingest/lookup/patents"): self._patents,
            cypher.load("ingest/lookup/patent_hashes"): lambda p: [
                {"appNo": a, "hash": s.nodes["Patent"][a].get("baseHash")}
                for a in p["appNos"]
                if a in s.nodes["Patent"]
            ],
            cypher.load("ingest/lookup/inventors"): lambda p: [
                {"id": i} for i in p["ids"] if i in s.nodes["Inventor"]
            ],
            cypher.load("ingest/lookup/enterprises"): lambda p: [
                {"id": c} for c in p["codes"] if c in s.nodes["Enterprise"]
            ],
            cypher.load("ingest/lookup/experts"): lambda p: [
                {"id": i} for i in p["ids"] if i in s.nodes["Expert"]
            ],
            cypher.load("ingest/lookup/industries"): lambda p: [
                {"id": i} for i in s.nodes["Industry"]
            ],
            cypher.load("ingest/lookup/provinces"): lambda p: [
                {"code": c} for c in s.nodes["Province"]
            ],
            cypher.load("ingest/lookup/units"): lambda p: [
                self._unit(k, u) for k, u in s.nodes["Unit"].items()
            ],
        }
        for name, label in (
            ("enterprise", "Enterprise"),
            ("evaluation", "Evaluation"),
            ("expert", "Expert"),
            ("transaction", "Transaction"),
        ):
            self.answers[cypher.load(f"ingest/lookup/{name}_hashes")] = self._hashes(label)

        self._kept: lookup.Owners | None = None
        self._owner_changes = -1
        self._units = 0

    def kept_owners(self) -> lookup.Owners:
        """The owners look-up (``lookup.Owners.of``), built once and kept current: rebuilt
        when an institution or enterprise was created, new units added to it."""
        s = self.store
        units = s.nodes["Unit"]
        if self._kept is None or self._owner_changes != s.owner_changes:
            self._kept = lookup.Owners(cast("Graph", self))
            self._owner_changes, self._units = s.owner_changes, len(units)
        if len(units) > self._units:
            for k, u in islice(units.items(), self._units, None):
                self._kept.add_unit(self._unit(k, u))
            self._units = len(units)
        return self._kept

    @staticmethod
    def _unit(key: str, u: Props) -> Props:
        return {
            "id": key,
            "name": u.get("name"),
            "aliases": u.get("aliases") or [],
            "institutionId": u.get("institutionId"),
        }

    def read(self, query: str, params: Props | None = None) -> list[Props]:
        answer = self.answers.get(query)
        if answer is None:
            raise BulkRefused(f"the bulk load cannot answer this read of a validator:\n{query}")
        return answer(params or {})

    def _owners(self) -> list[Props]:
        rows = [
            {
                "label": "Institution",
                "id": k,
                "name": n.get("name"),
                "aliases": n.get("aliases") or [],
                "provinceCode": n.get("provinceCode"),
                "ministryCode": n.get("ministryCode"),
            }
            for k, n in self.store.nodes["Institution"].items()
        ]
        rows += [
            {
                "label": "Enterprise",
                "id": k,
                "name": n.get("name"),
                "aliases": n.get("aliases") or [],
                "provinceCode": n.get("provinceCode"),
                "ministryCode": None,
            }
            for k, n in self.store.nodes["Enterprise"].items()
        ]
        return rows

    def _patents(self, params: Props) -> list[Props]:
        held = self.store.nodes["Patent"]
        return [
            {
                "appNo": a,
                "institutionId": held[a].get("institutionId"),
                "legalStatus": held[a].get("legalStatus"),
                "inventoryHash": held[a].get("inventoryHash"),
                "ownedBy": [list(o) for o in self.store.patent_owners.get(a, [])],
                "units": held[a].get("unitIds") or [],
            }
            for a in params["appNos"]
            if a in held
        ]

    def _hashes(self, label: str) -> Callable[[Props], list[Props]]:
        def answer(params: Props) -> list[Props]:
            held = self.store.nodes[label]
            return [{"key": k, "hash": held[k].get("hash")} for k in params["keys"] if k in held]

        return answer
