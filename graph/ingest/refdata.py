"""Code lists the validators check against, read from the repository's reference files.

These are the same facts ``graph.reference`` loads into the graph (``graph/reference/``);
reading them here lets a file be validated (``--dry-run``) without a round trip per value.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["reference"]

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "reference"

_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")


def _rows(name: str) -> list[dict[str, str]]:
    with (REFERENCE_DIR / name).open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def short(name: str) -> str:
    """``浙江省`` → ``浙江``, ``广西壮族自治区`` → ``广西``, ``杭州市`` → ``杭州``."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


@dataclass(frozen=True)
class Reference:
    sections: dict[str, str]  # 门类名称 → letter
    sei: dict[str, str]  # 战新 level-1/2 name → code
    provinces: dict[str, str]  # code → name
    cities: dict[str, str]  # 4-digit code → province code
    city_names: frozenset[tuple[str, str]]  # (short province, short city)

    def city(self, pair: str) -> bool:
        """Whether ``省-市`` names a real prefecture (municipalities: ``北京市-北京市``)."""
        if "-" not in pair:
            return False
        province, _, city = pair.partition("-")
        return (short(province.strip()), short(city.strip())) in self.city_names


@cache
def reference() -> Reference:
    sections = {r["门类名称"]: r["门类代码"] for r in _rows("industries-gbt4754-sections.csv")}
    sei = {r["名称"]: r["代码"] for r in _rows("strategic-emerging-industries-2018.csv")}
    sei |= {
        r["二级名称"]: r["二级代码"] for r in _rows("strategic-emerging-industries-2018-l2.csv")
    }
    provinces = {r["代码"]: r["名称"] for r in _rows("provinces-gbt2260.csv")}
    cities: dict[str, str] = {}
    names: set[tuple[str, str]] = set()
    for r in _rows("divisions-cities.csv"):
        cities[r["代码"]] = r["省级代码"]
        p = short(r["省级名称"])
        if r["名称"] in ("市辖区", "县"):
            names.add((p, p))  # 北京市-北京市
            names.add((p, r["名称"]))
        else:
            names.add((p, short(r["名称"])))
    for r in _rows("divisions-counties.csv"):
        if r["地级名称"] in ("市辖区", "县"):  # districts of municipalities: 上海市-浦东新区
            names.add((short(r["省级名称"]), short(r["名称"])))
    return Reference(sections, sei, provinces, cities, frozenset(names))
