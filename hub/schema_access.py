"""Who may read the schema itself: introspection (``__schema``, ``__type``) and the
federation SDL (``_service``).

The SDL and introspection describe every type, field and mutation of the hub; a gateway
and a developer need them, an anonymous visitor does not. ``PATENT_HUB_SCHEMA_ACCESS``:

* ``authenticated`` (the default): only callers with a valid token or session;
  an anonymous request that asks for them is refused with ``FORBIDDEN`` before
  validation and before any Cypher;
* ``public``: everyone (the default with ``PATENT_HUB_DEV=1``).

``__typename`` is always allowed.
"""

from __future__ import annotations

import os

from graphql import DocumentNode, FragmentDefinitionNode, GraphQLError, get_operation_ast

from graph.vocab import Role
from hub.auth.settings import dev_mode
from hub.limits import root_fields

__all__ = ["check_schema_access", "schema_access"]

SCHEMA_FIELDS = frozenset({"__schema", "__type", "_service"})
ACCESS = ("authenticated", "public")


def schema_access() -> str:
    """The configured access, checked: a typo must not open the schema."""
    value = os.environ.get("PATENT_HUB_SCHEMA_ACCESS", "").strip().lower()
    if not value:
        return "public" if dev_mode() else "authenticated"
    if value not in ACCESS:
        raise ValueError(f"PATENT_HUB_SCHEMA_ACCESS={value!r}: expected one of {', '.join(ACCESS)}")
    return value


def check_schema_access(
    document: DocumentNode, operation_name: str | None, role: Role, access: str
) -> None:
    """``FORBIDDEN`` when an anonymous caller asks for the schema and it is not public."""
    if access == "public" or role is not Role.ANONYMOUS:
        return
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    names = {f.name.value for f in root_fields(operation.selection_set, fragments, set())}
    asked = sorted(names & SCHEMA_FIELDS)
    if asked:
        raise GraphQLError(
            f"{', '.join(asked)}: the schema is described to authenticated callers only; "
            "send a bearer token",
            extensions={"code": "FORBIDDEN"},
        )
