"""The few reads an import makes: each fetches, in one query, all the graph facts a file
refers to (owner names, patents, evaluators), so validation makes no per-row round trip."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graph import cypher
from graph.db import Graph


@dataclass(frozen=True)
class Owner:
    label: str  # Institution or Enterprise
    id: str
    name: str
    provinceCode: str | None
    ministryCode: str | None


class Owners:
    """Institutions and enterprises by id, name and alias."""

    def __init__(self, graph: Graph) -> None:
        self.by_name: dict[str, Owner] = {}
        self.by_id: dict[str, Owner] = {}
        for r in graph.read(cypher.load("ingest/lookup/owners")):
            owner = Owner(r["label"], r["id"], r["name"], r["provinceCode"], r["ministryCode"])
            self.by_id[owner.id] = owner
            for alias in r["aliases"]:
                self.by_name.setdefault(alias, owner)
            if r["name"]:
                self.by_name[r["name"]] = owner  # a name beats another one's alias

    def find(self, name: str) -> Owner | None:
        return self.by_name.get(name.strip())

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


def patents(graph: Graph, app_nos: Iterable[str]) -> dict[str, KnownPatent]:
    rows = graph.read(cypher.load("ingest/lookup/patents"), {"appNos": sorted(set(app_nos))})
    return {
        r["appNo"]: KnownPatent(
            r["appNo"], r["institutionId"], r["legalStatus"], tuple(r["owners"]), r["inventoryHash"]
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
