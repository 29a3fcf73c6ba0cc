"""Who is calling, and the scope every read takes into its Cypher."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.vocab import Role
from graph.writes import Account

__all__ = ["ANONYMOUS", "SCOPE_KIND", "Principal"]

# Which scope identifier each role needs (None: the role has none).
SCOPE_KIND: dict[Role, str | None] = {
    Role.NATIONAL: None,
    Role.MINISTRY: "ministry",
    Role.PROVINCE: "province",
    Role.INSTITUTION: "institution",
    Role.ENTERPRISE: "enterprise",
    Role.EXPERT: "expert",
    Role.ANONYMOUS: None,
}


@dataclass(frozen=True)
class Principal:
    """An authenticated caller: a role and the one identifier that bounds it.

    ``scope`` is a ministry code (MINISTRY), GB/T 2260 province code (PROVINCE),
    institution id (INSTITUTION), unified social credit code (ENTERPRISE) or expert id
    (EXPERT); NATIONAL and ANONYMOUS have none. ``unit``: a unit account of an
    institution (INSTITUTION only): the ``Unit`` id ``<institutionId>/<unit name>``; the scope
    rules then narrow the institution's patents to that unit's.
    """

    role: Role
    scope: str | None = None
    subject: str = "anonymous"
    unit: str | None = None

    def params(self) -> dict[str, Any]:
        """Cypher parameters describing the scope; every scoped statement takes them."""
        kind = SCOPE_KIND[self.role]
        return {
            "role": self.role.value,
            "ministry": self.scope if kind == "ministry" else None,
            "province": self.scope if kind == "province" else None,
            "institution": self.scope if kind == "institution" else None,
            "enterprise": self.scope if kind == "enterprise" else None,
            "expert": self.scope if kind == "expert" else None,
            "unit": self.unit if kind == "institution" else None,
        }

    def account(self) -> Account:
        """Who writes, for the write rules every write path shares (``graph.writes``)."""
        return Account(self.role, self.scope, self.subject, getattr(self, "unit", None))


ANONYMOUS = Principal(Role.ANONYMOUS)
