"""The few reads an import makes: each fetches, in one query, all the graph facts a file
refers to (owner names, patents, evaluators), so validation makes no per-row round trip."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from graph import cypher
from graph.db import Graph

__all__ = [
    "KnownPatent",
    "Owner",
    "Owners",
    "Resolved",
    "Unit",
    "enterprises",
    "experts",
    "hashes",
    "industries",
    "inventors",
    "patent_hashes",
    "patents",
]


@dataclass(frozen=True)
class Owner:
    label: str  # Institution or Enterprise
    id: str
    name: str
    provinceCode: str | None
    ministryCode: str | None


# What a unit's name ends with (docs/graph-model.md, "Units"): an applicant named by an
# institution's full name followed by one of these is that institution's unit.
UNIT_SUFFIXES = (
    "研究生院",
    "分校",
    "校区",
    "学院",
    "学部",
    "医学部",
    "研究院",
    "研究所",
    "研究中心",
    "实验室",
    "医院",
    "附属医院",
)


@dataclass(frozen=True)
class Unit:
    id: str  # "<institutionId>/<name>"
    name: str
    institutionId: str


def unit_id(institution_id: str, name: str) -> str:
    return f"{institution_id}/{name}"


@dataclass(frozen=True)
class Resolved:
    """An owner name as the hub understands it: the owner, and the unit named with it."""

    owner: Owner
    unit: Unit | None = None
    new_unit: bool = False  # the unit is not registered yet: the import creates it


class Owners:
    """Institutions and enterprises by id, name and alias; units of institutions."""

    def __init__(self, graph: Graph) -> None:
        self.by_name: dict[str, Owner] = {}
        self.by_id: dict[str, Owner] = {}
        self.institution_names: dict[str, Owner] = {}
        for r in graph.read(cypher.load("ingest/lookup/owners")):
            owner = Owner(r["label"], r["id"], r["name"], r["provinceCode"], r["ministryCode"])
            self.by_id[owner.id] = owner
            for alias in r["aliases"]:
                self.by_name.setdefault(alias, owner)
            if r["name"]:
                self.by_name[r["name"]] = owner  # a name beats another one's alias
        for name, owner in self.by_name.items():
            if owner.label == "Institution":
                self.institution_names[name] = owner
        self.units: dict[str, Unit] = {}  # by id
        self.unit_names: dict[tuple[str, str], Unit] = {}  # (institution id, name or alias)
        self.unit_full: dict[str, Unit] = {}  # full names given as aliases
        for r in graph.read(cypher.load("ingest/lookup/units")):
            self.add_unit(r)

    @classmethod
    def of(cls, graph: Graph) -> Owners:
        """The look-up for ``graph``: read from it, or the one a reader keeps current
        itself (the bulk load's in-memory store, ``kept_owners``), which would otherwise
        be rebuilt from every owner for each file."""
        kept = getattr(graph, "kept_owners", None)
        return cast(Owners, kept()) if kept is not None else cls(graph)

    def add_unit(self, r: Mapping[str, Any]) -> None:
        """A unit (a row of ``ingest/lookup/units``), after those known."""
        unit = Unit(r["id"], r["name"], r["institutionId"])
        self.units[unit.id] = unit
        for alias in r["aliases"]:
            self.unit_names.setdefault((unit.institutionId, alias), unit)
            self.unit_full.setdefault(alias, unit)
        self.unit_names[(unit.institutionId, unit.name)] = unit

    def find(self, name: str) -> Owner | None:
        return self.by_name.get(name.strip())

    def resolve(self, name: str) -> Resolved | None:
        """An owner name: a registered name or alias; a unit's registered alias; or a
        registered institution's name followed by a unit (the longest such name wins)."""
        name = name.strip()
        owner = self.by_name.get(name)
        if owner is not None:
            return Resolved(owner)
        unit = self.unit_full.get(name)
        if unit is not None and unit.institutionId in self.by_id:
            return Resolved(self.by_id[unit.institutionId], unit)
        for end in range(len(name) - 1, 1, -1):
            inst = self.institution_names.get(name[:end])
            if inst is None:
                continue
            rest = name[end:].strip(" -－—()（）")
            if not rest or not rest.endswith(UNIT_SUFFIXES):
                return None
            return Resolved(inst, *self.unit(inst.id, rest))
        return None

    def unit(self, institution_id: str, name: str) -> tuple[Unit, bool]:
        """The unit of an institution by name or alias, or a new one (True) to create."""
        name = name.strip()
        known = self.unit_names.get((institution_id, name))
        if known is not None:
            return known, False
        return Unit(unit_id(institution_id, name), name, institution_id), True

    def institution(self, id_or_name: str) -> Owner | None:
        owner = self.by_id.get(id_or_name.strip()) or self.find(id_or_name)
        return owner if owner is not None and owner.label == "Institution" else None


@dataclass(frozen=True)
class KnownPatent:
    appNo: str
    institutionId: str | None
    legalStatus: str | None
    owners: tuple[str, ...]
    inventoryHash: str | None = None
    units: tuple[str, ...] = ()


def patents(graph: Graph, app_nos: Iterable[str]) -> dict[str, KnownPatent]:
    rows = graph.read(cypher.load("ingest/lookup/patents"), {"appNos": sorted(set(app_nos))})
    return {
        r["appNo"]: KnownPatent(
            r["appNo"],
            r["institutionId"],
            r["legalStatus"],
            tuple(i for _, i in sorted(r["ownedBy"])),
            r["inventoryHash"],
            tuple(r["units"]),
        )
        for r in rows
    }


def patent_hashes(graph: Graph, app_nos: Iterable[str]) -> dict[str, str | None]:
    """The hash of the last base-library row of each patent of ``app_nos`` the hub holds."""
    query = cypher.load("ingest/lookup/patent_hashes")
    return {r["appNo"]: r["hash"] for r in graph.read(query, {"appNos": list(app_nos)})}


def inventors(graph: Graph, ids: Iterable[str]) -> set[str]:
    """The inventor ids among ``ids`` that the hub holds."""
    query = cypher.load("ingest/lookup/inventors")
    return {r["id"] for r in graph.read(query, {"ids": list(ids)})}


def hashes(graph: Graph, label: str, keys: Iterable[str]) -> dict[str, str | None]:
    """Key → stored record hash of the ``label`` nodes (``evaluation``, ``transaction``,
    ``enterprise``, ``expert``) among ``keys`` that the hub holds."""
    query = cypher.load(f"ingest/lookup/{label}_hashes")
    return {r["key"]: r["hash"] for r in graph.read(query, {"keys": sorted(set(keys))})}


def enterprises(graph: Graph, codes: Iterable[str]) -> set[str]:
    query = cypher.load("ingest/lookup/enterprises")
    return {r["id"] for r in graph.read(query, {"codes": sorted(set(codes))})}


def experts(graph: Graph, ids: Iterable[str]) -> set[str]:
    query = cypher.load("ingest/lookup/experts")
    return {r["id"] for r in graph.read(query, {"ids": sorted(set(ids))})}


def industries(graph: Graph) -> set[str]:
    return {r["id"] for r in graph.read(cypher.load("ingest/lookup/industries"))}


def provinces(graph: Graph) -> set[str]:
    return {r["code"] for r in graph.read(cypher.load("ingest/lookup/provinces"))}
