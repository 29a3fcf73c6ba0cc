"""The real entities the demo builds on: institutions (from the graph), provinces, cities.

Institutions are read from the graph after ``load_reference`` so the demo uses exactly
the universities, institutes and hospitals the hub knows (ids, names, provinces,
ministries), whatever reference files the operator loaded. Cities, section names and
战新 names come from the repository's reference files, the same ones the import
validates against.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from graph import cypher
from graph.db import Graph

__all__ = ["TEMPLATE", "City", "Inst", "World", "read_institutions", "reference_world"]

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "reference"
TEMPLATE = REFERENCE_DIR / "inventory-template.xlsx"


@dataclass(frozen=True)
class Inst:
    id: str
    name: str
    kind: str  # InstitutionKind value
    province: str  # GB/T 2260 code
    ministry: str | None  # null when locally run
    level: str | None  # 本科 / 专科 / None
    pilot: bool
    demonstration: bool


@dataclass(frozen=True)
class City:
    code: str  # 4 digits
    province: str  # 2 digits
    pair: str  # 省-市 as the template writes it: 浙江省-杭州市, 北京市-北京市
    name: str  # 杭州市 (municipalities: 北京市)


@dataclass(frozen=True)
class World:
    institutions: tuple[Inst, ...]
    provinces: dict[str, str]  # code → name
    cities: tuple[City, ...]
    sections: dict[str, str]  # letter → 门类名称
    sei_names: dict[str, str]  # level-2 code → name
    city_index: dict[str, list[City]]  # province code → its cities

    def cities_of(self, province: str) -> list[City]:
        return self.city_index.get(province, [])


def _rows(name: str) -> list[dict[str, str]]:
    with (REFERENCE_DIR / name).open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def read_institutions(graph: Graph) -> tuple[Inst, ...]:
    rows = graph.read(cypher.load("demo/institutions"))
    return tuple(
        Inst(
            id=r["id"],
            name=r["name"],
            kind=r["kind"],
            province=r["provinceCode"],
            ministry=r["ministryCode"],
            level=r["level"],
            pilot=bool(r["pilot"]),
            demonstration=bool(r["demonstration"]),
        )
        for r in rows
    )


def reference_world(institutions: tuple[Inst, ...]) -> World:
    provinces = {r["代码"]: r["名称"] for r in _rows("provinces-gbt2260.csv")}
    cities = []
    for r in _rows("divisions-cities.csv"):
        name = r["名称"]
        if "直辖" in name:
            continue
        if name in ("市辖区", "县"):
            name = r["省级名称"]
        cities.append(City(r["代码"], r["省级代码"], f"{r['省级名称']}-{name}", name))
    sections = {r["门类代码"]: r["门类名称"] for r in _rows("industries-gbt4754-sections.csv")}
    sei = {r["二级代码"]: r["二级名称"] for r in _rows("strategic-emerging-industries-2018-l2.csv")}
    # One entry per city code (municipalities list 市辖区 and sometimes 县 under one name).
    unique = tuple({c.pair: c for c in cities}.values())
    index: dict[str, list[City]] = {}
    for c in unique:
        index.setdefault(c.province, []).append(c)
    return World(institutions, provinces, unique, sections, sei, index)
