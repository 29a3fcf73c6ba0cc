"""Units of an institution (研究生院, 分校, 校区, 学院, 医学部, 附属医院 …): ``patent-hub units``.

A unit's id is ``<institution id>/<name>``; its aliases are the other names it goes by
(short or full, e.g. ``清华大学深圳研究生院`` for ``深圳国际研究生院``), used when owner names and
所属学院 are resolved at import (``graph.ingest.lookup.Owners``).
"""

from __future__ import annotations

from typing import Any

from graph import cypher
from graph.db import Graph
from graph.errors import InvalidInput
from graph.ingest.lookup import Owners

__all__ = ["UnitError", "add", "list_units"]


class UnitError(InvalidInput, ValueError):
    """A unit that cannot be added: what is wrong with the arguments."""


def add(graph: Graph, institution: str, name: str, aliases: list[str]) -> dict[str, Any]:
    """Register a unit of ``institution`` (id or name), or add aliases to it."""
    owners = Owners(graph)
    inst = owners.institution(institution)
    if inst is None:
        raise UnitError(f"{institution!r} is no institution known to the hub (id or name)")
    name = name.strip()
    if inst.name and name.startswith(inst.name) and len(name) > len(inst.name):
        name = name[len(inst.name) :].strip()  # given as a full name: keep the unit's own
    if not name or len(name) > 60 or "/" in name:
        raise UnitError(f"unit name {name!r}: 1 to 60 characters, no '/'")
    known, _ = owners.unit(inst.id, name)
    clean = [a.strip() for a in aliases if a.strip()]
    for alias in clean:
        other = owners.unit_full.get(alias) or owners.unit_names.get((inst.id, alias))
        if other is not None and other.id != known.id:
            raise UnitError(f"alias {alias!r} already names unit {other.id}")
    rows = graph.write(
        cypher.load("units/add"),
        {"institution": inst.id, "id": known.id, "name": known.name, "aliases": clean},
    )
    return rows[0]


def list_units(graph: Graph, institution: str | None = None) -> list[dict[str, Any]]:
    inst_id = None
    if institution:
        inst = Owners(graph).institution(institution)
        if inst is None:
            raise UnitError(f"{institution!r} is no institution known to the hub (id or name)")
        inst_id = inst.id
    return graph.read(cypher.load("units/list"), {"institution": inst_id})
