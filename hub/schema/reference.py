"""Reference nodes: ``Province``, ``Ministry``, ``Industry``, ``IpcClass``.

Reference data is public (national standards and the list of supervising bodies), so
these types carry no scope of their own; what hangs off them (patents, institutions)
goes through the scoped loaders.
"""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from graph.vocab import IndustryScheme
from hub.schema.labels import Labelled, labelled
from hub.schema.related import one, references, related

__all__ = ["Industry", "IpcClass", "Ministry", "Province"]

Row = dict[str, Any]


@strawberry.federation.type(keys=["code"], description="Province-level division (GB/T 2260).")
class Province:
    code: str
    name: str
    short: str | None

    @classmethod
    def from_row(cls, row: Row) -> Province:
        return cls(code=row["code"], name=row.get("name") or "", short=row.get("short"))

    @classmethod
    async def resolve_references(cls, info: Info[Any, Any], keys: list[str]) -> list[Any]:
        return await references(info, "province/by_key", keys, cls.from_row)


@strawberry.federation.type(shareable=True, description="A central supervising body (主管部门).")
class Ministry:
    code: str
    name: str
    central: bool

    @classmethod
    def from_row(cls, row: Row) -> Ministry:
        return cls(
            code=row["code"], name=row.get("name") or "", central=bool(row.get("central", True))
        )


@strawberry.federation.type(
    keys=["id"], description="An industry class of GB/T 4754-2017 or 战新分类 SEI 2018."
)
class Industry:
    id: str = strawberry.field(description="<scheme>:<code>, e.g. GBT4754:C, SEI2018:5.2")
    scheme: Labelled[IndustryScheme] | None
    code: str
    name: str
    level: int = strawberry.field(description="1 = GB/T 4754 section or SEI field")
    parent_id: str | None
    description: str | None

    @classmethod
    def from_row(cls, row: Row) -> Industry:
        return cls(
            id=row["id"],
            scheme=labelled(IndustryScheme, row.get("scheme")),
            code=row.get("code") or "",
            name=row.get("name") or "",
            level=int(row.get("level") or 1),
            parent_id=row.get("parentId"),
            description=row.get("description"),
        )

    @classmethod
    async def resolve_references(cls, info: Info[Any, Any], keys: list[str]) -> list[Any]:
        return await references(info, "industry/by_key", keys, cls.from_row)

    @strawberry.field
    async def parent(self, info: Info[Any, Any]) -> Industry | None:
        return await one(info, "industry/by_key", self.parent_id, Industry.from_row)

    @strawberry.field
    async def children(self, info: Info[Any, Any]) -> list[Industry]:
        return await related(info, "industry/children", self.id, Industry.from_row)


@strawberry.federation.type(
    shareable=True, description="An IPC class (section, class, subclass or group)."
)
class IpcClass:
    code: str
    level: str | None
    main: bool | None = strawberry.field(description="Main class of the patent it hangs off")

    @classmethod
    def from_row(cls, row: Row) -> IpcClass:
        return cls(code=row["code"], level=row.get("level"), main=row.get("main"))
