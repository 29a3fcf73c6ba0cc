"""Slim ``Patent`` rows: only the stored properties the client's selection reads.

A patent node holds its abstract, descriptions and the whole inventory record; shipping
all of it (``p {.*}``) for a list that shows titles costs the database, the wire and the
driver's decoding. Here the selection under ``Patent`` is turned into a projection such
as ``p {.appNo, .title, .institutionId}``. The property names come from a fixed
whitelist keyed by schema field name, never from request text; a field the whitelist
does not know gives the full row (``patent/row.cypher``), so a new field is never
silently empty. Contact, phone and money fields still go through the role's rule of
``private/patent.cypher``, decided in Cypher exactly as in the full row.

``shaped`` goes one step further for the relations a list shows beside each patent
(``institution``, ``inventors``): they become ``CALL`` subqueries of the same statement
(``queries/nested/patent.cypher``), so the rows come back already holding them and the
relation's resolver reads them from the row instead of sending its own statement. The
shape is compiled once per (document, field, role) and kept beside the parser cache.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
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

from graph import cypher
from graph.vocab import Role
from hub.context import Context

__all__ = [
    "CONNECTION",
    "NESTED_KEY",
    "Shape",
    "below",
    "patent_row",
    "prefetched",
    "selected",
    "shape_of",
    "shaped",
    "wants_rows",
    "wants_total",
]

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


def _selected(
    raw: GraphQLResolveInfo,
    selections: SelectionSetNode | None,
    path: tuple[str, ...],
    directives: bool,
) -> list[FieldNode] | None:
    """The field nodes selected on ``Patent`` at ``path`` below these selections, through
    fragments; ``None`` when they cannot be read with confidence (an unknown fragment, or
    a directive when ``directives`` is false: its outcome may depend on variables).

    A fragment on another object type (e.g. ``... on Institution`` in ``_entities``) is
    not this row's concern; one on an interface or union could hold Patent fields.
    """
    out: list[FieldNode] = []
    if selections is None:
        return out
    for node in selections.selections:
        if node.directives and not directives:
            return None
        if isinstance(node, FieldNode):
            if not path:
                out.append(node)
                continue
            if node.name.value != path[0]:
                continue
            inner, rest = node.selection_set, path[1:]
        elif isinstance(node, InlineFragmentNode | FragmentSpreadNode):
            if isinstance(node, InlineFragmentNode):
                condition = node.type_condition.name.value if node.type_condition else None
                inner = node.selection_set
            else:
                fragment = raw.fragments.get(node.name.value)
                if fragment is None:
                    return None
                condition, inner = fragment.type_condition.name.value, fragment.selection_set
            other = not path and condition not in (None, "Patent")
            if other and isinstance(raw.schema.get_type(condition or ""), GraphQLObjectType):
                continue
            rest = path
        else:
            return None
        found = _selected(raw, inner, rest, directives)
        if found is None:
            return None
        out += found
    return out


def _fields(
    raw: GraphQLResolveInfo, selections: SelectionSetNode | None, path: tuple[str, ...]
) -> set[str] | None:
    """Field names selected on ``Patent`` at ``path`` below these selections; ``None``
    when one is outside the whitelist: the caller then uses the full row."""
    nodes = _selected(raw, selections, path, directives=True)
    if nodes is None:
        return None
    names = {node.name.value for node in nodes}
    return names if names <= PATENT_FIELDS.keys() else None


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


# Relations of ``Patent`` a row can carry: field name -> section of nested/patent.cypher.
NESTED = ("institution", "inventors")
NESTED_KEY = "_nested"


@dataclass(frozen=True)
class Shape:
    """The compiled read of ``Patent`` rows for one selection: the projection (``None``:
    the full row, and nothing nested), the ``CALL`` subqueries that must precede it, and
    which column holds which selected relation, as ``(field, response key, column)``."""

    row: str | None
    calls: str = ""
    nested: tuple[tuple[str, str, str], ...] = ()

    @property
    def key(self) -> str:
        """What tells rows of two shapes apart (loader and cache keys)."""
        return f"{self.row}|{self.calls}" if self.calls else str(self.row)

    def attach(self, row: dict[str, Any]) -> dict[str, Any]:
        """``row`` with its nested columns gathered under ``_nested`` by (field, key)."""
        if self.nested and row is not None:
            row[NESTED_KEY] = {(f, k): row.pop(col, None) for f, k, col in self.nested}
        return row


def _relations(
    raw: GraphQLResolveInfo, selections: SelectionSetNode | None, path: tuple[str, ...]
) -> set[tuple[str, str]] | None:
    """``(field, response key)`` of the nestable relations selected on ``Patent`` at
    ``path``; ``None`` if one is selected in a way a row cannot carry (arguments,
    directives whose outcome depends on variables)."""
    nodes = _selected(raw, selections, path, directives=False)
    if nodes is None:
        return None
    out: set[tuple[str, str]] = set()
    for node in nodes:
        if node.name.value not in NESTED:
            continue
        if node.arguments:
            return None
        out.add((node.name.value, node.alias.value if node.alias else node.name.value))
    return out


def compile_shape(row: str | None, relations: Iterable[tuple[str, str]]) -> Shape:
    """The shape for a projection and the selected relations (repository Cypher only:
    column names are generated, the response keys stay in Python)."""
    if row is None:
        return Shape(None)
    calls, nested, entries = [], [], []
    for index, (name, key) in enumerate(sorted(relations)):
        column = f"__nested{index}"
        text = cypher.sections("queries/nested/patent")[name]
        calls.append(text.replace("__COL__", column))
        nested.append((name, key, column))
        entries.append(f"{column}: {column}")
    if not entries:
        return Shape(row)
    # A slim row ends with ``}`` (map projection) or ``}][0]`` (the private-field form).
    tail = "}][0]" if row.endswith("}][0]") else "}"
    body = row[: -len(tail)] + ", " + ", ".join(entries) + tail
    return Shape(body, "\n".join(calls), tuple(nested))


# Compiled shapes by (field node, paths, role). The field node comes from the parser
# cache (one DocumentNode per query text), so the same document hits the same entry; the
# entry holds the node itself, so its id cannot be reused by another document meanwhile.
_SHAPES: OrderedDict[tuple[int, tuple[tuple[str, ...], ...], Role], tuple[Any, Shape]] = (
    OrderedDict()
)
SHAPES_MAX = 1024


def shape_of(
    raw: GraphQLResolveInfo, nodes: list[FieldNode], paths: tuple[tuple[str, ...], ...], role: Role
) -> Shape:
    """The ``Shape`` of the ``Patent`` rows below these field nodes, compiled once per
    (document, field, role)."""
    node = nodes[0]
    key = (id(node), paths, role)
    hit = _SHAPES.get(key)
    if hit is not None and hit[0] is node and len(nodes) == 1:
        _SHAPES.move_to_end(key)
        return hit[1]
    names: set[str] | None = set()
    relations: set[tuple[str, str]] | None = set()
    for field_node in nodes:
        for path in paths or ((),):
            found = _fields(raw, field_node.selection_set, path)
            names = None if found is None or names is None else names | found
            rel = _relations(raw, field_node.selection_set, path)
            relations = None if rel is None or relations is None else relations | rel
    row = None
    if names is not None:
        row = patent_row(p for name in names for p in PATENT_FIELDS[name])
    shape = compile_shape(row, relations or ())
    if len(nodes) == 1:
        _SHAPES[key] = (node, shape)
        if len(_SHAPES) > SHAPES_MAX:
            _SHAPES.popitem(last=False)
    return shape


def shaped(info: Info[Any, Any], *paths: tuple[str, ...]) -> Shape:
    """The compiled ``Shape`` of the ``Patent`` rows this field returns (paths as for
    ``selected``)."""
    raw: GraphQLResolveInfo = info._raw_info
    context: Context = info.context
    shape = shape_of(raw, list(raw.field_nodes), paths, context.principal.role)
    context.loaders[f"projection:{id(raw.field_nodes[0])}:{paths}"] = shape.row  # to inspect
    return shape


@dataclass(frozen=True)
class Below:
    """A connection field selected once, plainly, below the current field: its response
    key, its node (for its arguments) and whether it reads its rows and its total."""

    key: str
    node: FieldNode
    rows: bool
    total: bool


def below(info: Info[Any, Any], name: str, on: str | None = None) -> Below | None:
    """The ``name`` field directly below this one, if selected exactly once without
    directives or fragments in the way (otherwise its own resolver reads it); ``on``: also
    inside plain inline fragments on that type (``_entities { ... on Institution { … } }``)."""
    raw: GraphQLResolveInfo = info._raw_info
    if len(raw.field_nodes) != 1 or raw.field_nodes[0].selection_set is None:
        return None
    selections = list(raw.field_nodes[0].selection_set.selections)
    found: list[FieldNode] = []
    while selections:
        node = selections.pop(0)
        if isinstance(node, FieldNode):
            if node.name.value == name:
                found.append(node)
        elif (
            on is not None
            and isinstance(node, InlineFragmentNode)
            and node.type_condition is not None
            and node.type_condition.name.value == on
            and not node.directives
        ):
            selections += node.selection_set.selections
        elif name in _names(raw, getattr(node, "selection_set", None)) or isinstance(
            node, FragmentSpreadNode
        ):
            return None
    if len(found) != 1 or found[0].directives:
        return None
    node = found[0]
    names = _names(raw, node.selection_set)
    return Below(
        key=node.alias.value if node.alias else name,
        node=node,
        rows=not names <= {"totalCount", "__typename"},
        total="totalCount" in names,
    )


def _names(raw: GraphQLResolveInfo, selections: SelectionSetNode | None) -> set[str]:
    """Field names at the top of these selections, through fragments."""
    out: set[str] = set()
    for node in selections.selections if selections else ():
        if isinstance(node, FieldNode):
            out.add(node.name.value)
        elif isinstance(node, InlineFragmentNode):
            out |= _names(raw, node.selection_set)
        elif isinstance(node, FragmentSpreadNode):
            fragment = raw.fragments.get(node.name.value)
            out |= _names(raw, fragment.selection_set) if fragment else {"?"}
    return out


def wants_rows(info: Info[Any, Any]) -> bool:
    """Whether a connection's selection reads its rows (not only ``totalCount``), so a
    count alone sends one statement and reads no page."""
    raw: GraphQLResolveInfo = info._raw_info
    names: set[str] = set()
    for node in raw.field_nodes:
        names |= _names(raw, node.selection_set)
    return not names <= {"totalCount", "__typename"}


def wants_total(info: Info[Any, Any]) -> bool:
    """Whether a connection's selection reads its ``totalCount``."""
    raw: GraphQLResolveInfo = info._raw_info
    return any("totalCount" in _names(raw, node.selection_set) for node in raw.field_nodes)


def prefetched(nested: dict[tuple[str, str], Any], info: Info[Any, Any]) -> tuple[bool, Any]:
    """Whether the row carried this relation field, and its value."""
    key = (info._raw_info.field_name, info._raw_info.path.key)
    if key in nested:
        return True, nested[key]
    return False, None
