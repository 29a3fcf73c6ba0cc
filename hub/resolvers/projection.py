"""Slim ``Patent`` rows: only the stored properties the client's selection reads.

A patent node holds its abstract, descriptions and the whole inventory record; shipping
all of it (``p {.*}``) for a list that shows titles costs the database, the wire and the
driver's decoding. Here the selection under ``Patent`` is turned into a projection such
as ``p {.appNo, .title, .institutionId}``. The property names come from a fixed
whitelist keyed by schema field name, never from request text; a field the whitelist
does not know gives the full row (``patent/row.cypher``), so a new field is never
silently empty. Contact, phone and money fields still go through the role's rule of
``private/patent.cypher``, decided in Cypher exactly as in the full row.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLObjectType,
    GraphQLResolveInfo,
    InlineFragmentNode,
    SelectionSetNode,
)
from strawberry.types import Info

from hub.context import Context

# Stored properties each ``Patent`` field reads (beside ``appNo``, which every row has).
# Relationship fields read the key they are loaded by.
# Scalar fields: the stored property of the same name.
STORED = (
    "appNo",
    "title",
    "abstract",
    "type",
    "filingDate",
    "grantDate",
    "grantYear",
    "legalStatus",
    "ipcMain",
    "ipcCodes",
    "locarnoClass",
    "ownerNames",
    "institutionIds",
    "unitIds",
    "stateFunded",
    "openLicence",
    "transferable",
    "institutionId",
    "provinceCode",
    "ministryCode",
    "inventoryState",
    "inventoriedAt",
    "department",
    "maintenanceYears",
    "combinationName",
    "combinationAppNos",
    "combinationDesc",
    "implStatuses",
    "implDetails",
    "implAmount",
    "implProducts",
    "implemented",
    "evaluationResult",
    "intents",
    "intentDetails",
    "feeStandard",
    "intendedCities",
    "intendedEnterprises",
    "intentOffers",
    "priceBand",
    "contact",
    "contactPhone",
    "maturity",
    "rating",
    "productDesc",
    "prospectDesc",
    "declaredIndustry",
    "declaredSei",
    "ipcField",
    "remark",
)
PATENT_FIELDS: dict[str, tuple[str, ...]] = {
    **{name: (name,) for name in STORED},
    "institution": ("institutionId",),
    "institutionIds": ("institutionIds", "institutionId"),  # single owner: [institutionId]
    "province": ("provinceCode",),
    "ministry": ("ministryCode",),
    "inventors": (),
    "industries": (),
    "ipcClasses": (),
    "evaluations": (),
    "transactions": (),
    "__typename": (),
}
# Readable only where ``private/patent.cypher`` allows, as in ``patent/row.cypher``.
PATENT_PRIVATE = (
    "contact",
    "contactPhone",
    "feeStandard",
    "implAmount",
    "priceBand",
    "intentOffers",
)
# Keys of related nodes, as private as those nodes (``patent/row.cypher`` again).
PATENT_KEYS = {
    "institutionId": "{{include.patent/institution_key}}",
    "institutionIds": "{{include.patent/institution_keys}}",
    "unitIds": "{{include.patent/unit_keys}}",
}

# Where a connection's ``Patent`` nodes are selected.
CONNECTION: tuple[tuple[str, ...], ...] = (("nodes",), ("edges", "node"))


def patent_row(properties: Iterable[str]) -> str:
    """The Cypher projection of ``p`` to these whitelisted properties (and ``appNo``)."""
    wanted = sorted({"appNo", *properties})
    unknown = [name for name in wanted if name not in PATENT_FIELDS]
    if unknown:
        raise ValueError(f"not patent properties: {unknown}")
    public = [
        f"{name}: {PATENT_KEYS[name]}" if name in PATENT_KEYS else f".{name}"
        for name in wanted
        if name not in PATENT_PRIVATE
    ]
    private = [f"{n}: CASE WHEN priv THEN p.{n} END" for n in wanted if n in PATENT_PRIVATE]
    if not private:
        return "p {" + ", ".join(public) + "}"
    body = ", ".join(public + private)
    return "[priv IN [{{private.patent}}] | p {" + body + "}][0]"


def _fields(
    raw: GraphQLResolveInfo, selections: SelectionSetNode | None, path: tuple[str, ...]
) -> set[str] | None:
    """Field names selected on ``Patent`` at ``path`` below these selections.

    ``None`` when the selection cannot be read with confidence (a field outside the
    whitelist): the caller then uses the full row.
    """
    out: set[str] = set()
    if selections is None:
        return out
    for node in selections.selections:
        if isinstance(node, FieldNode):
            name = node.name.value
            if path:
                if name == path[0]:
                    found = _fields(raw, node.selection_set, path[1:])
                    if found is None:
                        return None
                    out |= found
                continue
            if name not in PATENT_FIELDS:
                return None
            out.add(name)
            continue
        if isinstance(node, InlineFragmentNode):
            condition = node.type_condition.name.value if node.type_condition else None
            inner = node.selection_set
        elif isinstance(node, FragmentSpreadNode):
            fragment = raw.fragments.get(node.name.value)
            if fragment is None:
                return None
            condition, inner = fragment.type_condition.name.value, fragment.selection_set
        else:
            return None
        # Another object type (e.g. ``... on Institution`` in ``_entities``) is not this
        # row's concern; an interface or union could hold Patent fields.
        other = not path and condition not in (None, "Patent")
        if other and isinstance(raw.schema.get_type(condition or ""), GraphQLObjectType):
            continue
        found = _fields(raw, inner, path)
        if found is None:
            return None
        out |= found
    return out


def selected(info: Info[Any, Any], *paths: tuple[str, ...]) -> str | None:
    """The projection (Cypher with ``{{…}}`` placeholders; ``None``: the full row) for the
    ``Patent`` rows this
    field returns: at its own selection (no ``paths``) or below each of ``paths``, e.g.
    ``("nodes",)`` and ``("edges", "node")`` of a connection.

    Remembered per request and field node, so ``_entities`` over a hundred keys reads
    its selection once.
    """
    raw: GraphQLResolveInfo = info._raw_info
    context: Context = info.context
    memo_key = f"projection:{id(raw.field_nodes[0])}:{paths}"
    if memo_key in context.loaders:
        memo: str | None = context.loaders[memo_key]
        return memo
    names: set[str] | None = set()
    for node in raw.field_nodes:
        for path in paths or ((),):
            found = _fields(raw, node.selection_set, path)
            names = None if found is None or names is None else names | found
    text = None
    if names is not None:
        text = patent_row(p for name in names for p in PATENT_FIELDS[name])
    context.loaders[memo_key] = text
    return text
