"""Who may write what: the one set of write rules every write path applies.

Uploads, CLI imports run with ``--account``, connectors and GraphQL mutations all write as an
``Account`` (a role and the identifier that bounds it). This module says which kinds of
record a role may write at all, and whether one record is inside the account's scope; the
row-by-row checks of a file are in ``graph.ingest.guard``. ``docs/scope.md`` lists the rules.

A record outside the scope is refused with one message that never tells whether the other
party's record exists, so a refusal leaks nothing a read would not show.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from graph import cypher
from graph.db import Graph
from graph.errors import NotPermitted
from graph.vocab import Role

__all__ = [
    "SHELL",
    "Account",
    "Holder",
    "UnknownAccount",
    "WriteForbidden",
    "check_kind",
    "from_client",
    "holders",
    "holds",
    "may_own",
    "may_touch",
    "refusal",
]

KINDS = ("patents", "inventory", "evaluations", "transactions", "enterprises", "experts")

# The kinds of record each role may write (imports of every path, docs/scope.md).
WRITABLE: dict[Role, frozenset[str]] = {
    Role.NATIONAL: frozenset(KINDS),
    Role.PROVINCE: frozenset({"patents", "inventory", "evaluations", "enterprises", "experts"}),
    Role.INSTITUTION: frozenset({"patents", "inventory", "transactions"}),
    Role.ENTERPRISE: frozenset({"evaluations"}),
}


class WriteForbidden(NotPermitted, PermissionError):
    """The account's role may not write this kind of record at all."""


class UnknownAccount(NotPermitted, LookupError):
    """No usable account by that id (missing or disabled)."""


@dataclass(frozen=True)
class Account:
    """Who writes: a role, its scope identifier and who is behind it (for the audit).

    ``scope`` is read as in ``hub.auth.principal.Principal``: a province code for PROVINCE,
    an institution id for INSTITUTION, a credit code for ENTERPRISE; ``unit`` the unit of a
    unit account of an institution.
    """

    role: Role
    scope: str | None
    subject: str
    unit: str | None = None

    def params(self) -> dict[str, str | None]:
        """The ``$scope`` map of the read rules (as ``Principal.params()``), for checks that
        ask what the account may see."""
        kinds = {Role.MINISTRY: "ministry", Role.PROVINCE: "province"}
        kinds |= {Role.INSTITUTION: "institution", Role.ENTERPRISE: "enterprise"}
        kind = {**kinds, Role.EXPERT: "expert"}.get(self.role)
        names = ("ministry", "province", "institution", "enterprise", "expert")
        return {"role": self.role.value} | {n: self.scope if n == kind else None for n in names}

    def describe(self) -> str:
        parts = [self.role.value, self.scope or "", f"unit {self.unit}" if self.unit else ""]
        return " ".join(p for p in parts if p)


SHELL = Account(Role.NATIONAL, None, "shell")  # the server's own shell: no account given


def writable(role: Role) -> frozenset[str]:
    return WRITABLE.get(role, frozenset())


def check_kind(account: Account, kind: str) -> None:
    """``WriteForbidden`` unless ``account``'s role may write records of ``kind``."""
    if kind not in writable(account.role):
        allowed = ", ".join(sorted(writable(account.role))) or "nothing"
        raise WriteForbidden(
            f"a {account.role.value} account may not write {kind} (it may write: {allowed})"
        )


@dataclass(frozen=True)
class Holder:
    """An owning institution of a patent, with the scope keys the rules compare: its
    province, and the units of that institution the patent belongs to."""

    id: str
    province: str | None
    units: frozenset[str] = frozenset()


def holders(raw: Iterable[dict[str, Any]], unit_ids: Iterable[str] = ()) -> list[Holder]:
    """Holders from the ``{id, province}`` maps the write look-ups return and the patent's
    ``unitIds`` (``<institutionId>/<name>``: each goes to its institution)."""
    units = list(unit_ids)
    return [
        Holder(h["id"], h["province"], frozenset(u for u in units if u.startswith(f"{h['id']}/")))
        for h in raw
    ]


def holds(account: Account, holder: Holder) -> bool:
    """Whether ``holder`` (an owning institution) lies in ``account``'s scope; a unit
    account holds only its unit's patents, as it reads only them."""
    if account.role is Role.NATIONAL:
        return True
    if account.role is Role.PROVINCE:
        return holder.province is not None and holder.province == account.scope
    if account.role is Role.INSTITUTION:
        return holder.id == account.scope and (account.unit is None or account.unit in holder.units)
    return False


def may_touch(account: Account, holders: Iterable[Holder]) -> bool:
    """Whether the account may write about a patent owned by ``holders`` (inventory,
    transactions, evaluations of a province): one of its owners is in scope."""
    if account.role is Role.NATIONAL:
        return True
    return any(holds(account, h) for h in holders)


def may_own(account: Account, existing: list[Holder] | None, new: Iterable[Holder]) -> bool:
    """Whether a base-library row may set a patent's owners to ``new``.

    The row must name an owner in scope; a patent the hub holds (``existing`` not None)
    must already be in scope, and an owner may leave it only when that owner is in scope
    too: ownership changes come from the owning side (or NATIONAL), never from elsewhere.
    """
    if account.role is Role.NATIONAL:
        return True
    new = list(new)
    if not any(holds(account, h) for h in new):
        return False
    if existing:
        if not any(holds(account, h) for h in existing):
            return False
        kept = {h.id for h in new}
        if any(h.id not in kept and not holds(account, h) for h in existing):
            return False
    return True


def refusal(account: Account, what: str) -> str:
    """The reason given for a record outside the scope (the same whether or not the
    record exists elsewhere)."""
    return f"超出本账号的写入范围（{account.describe()}）：{what}，未写入"


def from_client(graph: Graph, client_id: str) -> Account:
    """The account of an OAuth client of the hub (``accounts create``)."""
    rows = graph.read(cypher.load("accounts/write_account"), {"clientId": client_id.strip()})
    if not rows:
        raise UnknownAccount(f"no account {client_id!r} (see `patent-hub accounts create`)")
    row = rows[0]
    if row["disabled"]:
        raise UnknownAccount(f"account {client_id!r} is disabled")
    try:
        role = Role(row["role"])
    except ValueError:
        raise UnknownAccount(f"account {client_id!r} has no known role") from None
    return Account(role, row["scope"], row["clientId"], row.get("unit"))
