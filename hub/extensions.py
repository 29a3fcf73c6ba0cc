"""Schema extensions every hub schema runs: caches, limits, error policy, metrics.

* bounded documents (``hub.limits``): a size and token limit, one parse/validation
  cache bounded by bytes, and, before validation, the size with fragments expanded,
  root fields (aliases count) and ``_entities`` representations capped per role;
* documents over 2,000 bytes (and requests with large variables) are parsed, checked and
  validated in a worker thread, so that graphql-core's work in Python never holds the
  event loop (and every other request, ``/healthz`` included) for long;
* a depth limit, and a cost limit that depends on the caller's role (a national
  operator may ask for more than an anonymous visitor), checked before validation and
  before any Cypher runs — exceeding it is a request error with ``extensions.code``
  ``QUERY_TOO_COMPLEX``;
* lone UTF-16 surrogates in a variable (no UTF-8 form, so no database can take them)
  are ``BAD_USER_INPUT`` naming the variable;
* an error policy: errors the hub raised on purpose (``hub.errors.HubError``) go
  to the client as they are; anything unexpected is logged with its traceback and
  reaches the client only as ``INTERNAL_SERVER_ERROR``; every error gets a code;
* operation metrics (count and latency by operation name, errors by code).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    ListValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_operation_ast,
)
from graphql.language import FragmentDefinitionNode
from graphql.utilities import value_from_ast_untyped
from strawberry.extensions import AddValidationRules, MaskErrors, SchemaExtension
from strawberry.extensions.query_depth_limiter import create_validator
from strawberry.schema.schema import validate_document

from graph.db import UNAVAILABLE
from graph.vocab import Role
from hub.auth.principal import ANONYMOUS, Principal
from hub.errors import BadUserInput
from hub.limits import (
    DocumentCache,
    Limits,
    check_before_validation,
    limits_from_env,
    parse_bounded,
    too_complex,
)
from hub.observability import ERRORS, OPERATION_SECONDS, OPERATIONS, operation_label
from hub.schema_access import check_schema_access
from hub.schema_access import schema_access as default_schema_access

__all__ = [
    "DEFAULT_LIST_SIZE",
    "THREAD_DOCUMENT_CHARS",
    "default_extensions",
    "estimate_cost",
    "is_unexpected",
    "principal_of",
]

log = logging.getLogger("hub.graphql")

DEFAULT_COST_LIMITS: dict[Role, int] = {
    Role.NATIONAL: 200_000,
    Role.MINISTRY: 50_000,
    Role.PROVINCE: 50_000,
    Role.INSTITUTION: 20_000,
    Role.ENTERPRISE: 20_000,
    Role.EXPERT: 10_000,
    Role.ANONYMOUS: 5_000,
}
DEFAULT_MAX_DEPTH = 12
DEFAULT_LIST_SIZE = 20  # the schema's default page size
CONNECTION_LISTS = frozenset({"edges", "nodes"})
PAGE_ARGUMENTS = ("first", "last", "limit", "pageSize", "size", "top")

Extension = Callable[[], SchemaExtension]

# Above these sizes parsing, the checks before validation and validation itself run in a
# worker thread: graphql-core works in Python (a 30 KB document takes 0.2 s to parse and,
# with one field repeated, over a second to validate on a busy machine), and on the event
# loop that would hold every other request. Python switches threads every 5 ms, so the
# loop keeps answering meanwhile. Smaller documents (the console's, a client's usual
# queries) stay on the loop, where a thread hop would cost more than the work.
THREAD_DOCUMENT_CHARS = 2_000
THREAD_VARIABLE_ITEMS = 1_000
# Such large operations also run one at a time per process, from parsing to the answer
# (the others wait, without work, for their turn): graphql-core completes a result in
# Python on the event loop, 40-60 ms for the largest an operation may ask, and four of
# them in one turn of the loop would hold ``/healthz`` and every small request for the
# sum. The console's documents stay under the threshold (its largest is 1,860 characters).


def principal_of(context: Any) -> Principal:
    principal = getattr(context, "principal", None)
    if principal is None and isinstance(context, Mapping):
        principal = context.get("principal")
    return principal if isinstance(principal, Principal) else ANONYMOUS


# ----------------------------------------------------------------------- cost


@dataclass
class CostEstimator:
    """Static cost of an operation: every field selected costs one per time it
    will be resolved; the children of a list or ``…Connection`` field are multiplied
    by its page size (a ``first``/``limit``/… argument, the length of
    ``representations`` for ``_entities``, or ``default_list_size``); a
    connection's ``edges``/``nodes`` are not multiplied again."""

    schema: GraphQLSchema
    fragments: dict[str, FragmentDefinitionNode]
    variables: Mapping[str, Any]
    default_list_size: int = DEFAULT_LIST_SIZE
    _visiting: set[str] = field(default_factory=set)

    def _int_arg(self, node: FieldNode) -> int | None:
        for arg in node.arguments or ():
            name = arg.name.value
            value = arg.value
            if name == "representations":
                if isinstance(value, ListValueNode):
                    return len(value.values)
                if isinstance(value, VariableNode):
                    items = self.variables.get(value.name.value)
                    return len(items) if isinstance(items, list) else None
            if name in PAGE_ARGUMENTS:
                if isinstance(value, IntValueNode):
                    return int(value.value)
                if isinstance(value, VariableNode):
                    given = self.variables.get(value.name.value)
                    return given if isinstance(given, int) else None
        return None

    def selection_set(
        self, selections: SelectionSetNode | None, parent: GraphQLNamedType | None, mult: int
    ) -> int:
        if selections is None:
            return 0
        total = 0
        for node in selections.selections:
            if isinstance(node, FieldNode):
                total += self.field(node, parent, mult)
            elif isinstance(node, InlineFragmentNode):
                cond = node.type_condition
                target = self.schema.get_type(cond.name.value) if cond else parent
                total += self.selection_set(node.selection_set, target, mult)
            elif isinstance(node, FragmentSpreadNode):
                name = node.name.value
                fragment = self.fragments.get(name)
                if fragment is None or name in self._visiting:
                    continue
                self._visiting.add(name)
                target = self.schema.get_type(fragment.type_condition.name.value)
                total += self.selection_set(fragment.selection_set, target, mult)
                self._visiting.discard(name)
        return total

    def field(self, node: FieldNode, parent: GraphQLNamedType | None, mult: int) -> int:
        name = node.name.value
        if name.startswith("__"):
            return 0  # introspection is bounded by the schema itself
        field_type: GraphQLOutputType | None = None
        fields = getattr(parent, "fields", None)
        if fields is not None and name in fields:
            field_type = fields[name].type
        is_list = False
        while isinstance(field_type, (GraphQLNonNull, GraphQLList)):
            is_list = is_list or isinstance(field_type, GraphQLList)
            field_type = field_type.of_type
        size = self._int_arg(node)
        connection = getattr(field_type, "name", "").endswith("Connection")
        in_connection = getattr(parent, "name", "").endswith("Connection")
        if in_connection and name in CONNECTION_LISTS:
            factor = 1  # the page size was counted at the connection field
        elif is_list or connection:
            factor = max(size, 1) if size is not None else self.default_list_size
        else:
            factor = 1
        return mult + self.selection_set(node.selection_set, field_type, mult * factor)

    def operation(self, op: OperationDefinitionNode) -> int:
        root = self.schema.get_root_type(op.operation)
        return self.selection_set(op.selection_set, root, 1)


def estimate_cost(
    schema: GraphQLSchema,
    document: Any,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
    default_list_size: int = DEFAULT_LIST_SIZE,
) -> int:
    op = get_operation_ast(document, operation_name)
    if op is None:
        return 0
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    # the value actually applied: the variable's default when the request gives none
    applied = {
        d.variable.name.value: value_from_ast_untyped(d.default_value)
        for d in op.variable_definitions or ()
        if d.default_value is not None
    }
    applied.update(variables or {})
    return CostEstimator(schema, fragments, applied, default_list_size).operation(op)


class BoundedWork(SchemaExtension):
    """Parses through the bounded cache, then refuses, before validation and before any
    Cypher, a document too big once expanded, with too many root fields or
    representations, or costing more than the caller's role allows; validation results
    are cached beside the document."""

    def __init__(
        self,
        limits: Limits,
        cache: DocumentCache,
        cost_limits: Mapping[Role, int],
        default_list_size: int,
        large_turn: asyncio.Semaphore,
    ) -> None:
        self.limits = limits
        self.cache = cache
        self.cost_limits = cost_limits
        self.default_list_size = default_list_size
        self.large_turn = large_turn  # shared by the schema's requests
        self.large = False

    async def on_operation(self) -> AsyncIterator[None]:
        ctx = self.execution_context
        self.large = len(ctx.query or "") > THREAD_DOCUMENT_CHARS or _more_items_than(
            ctx.variables or {}, THREAD_VARIABLE_ITEMS
        )
        if not self.large:
            yield
            return
        # the whole operation: with several parsing or validating in worker threads, the
        # loop would wait for the GIL behind each of them
        async with self.large_turn:
            yield

    async def on_parse(self) -> AsyncIterator[None]:
        ctx = self.execution_context
        if ctx.graphql_document is None and ctx.query:
            entry = self.cache.get(ctx.query)
            over = len(ctx.query) > self.limits.max_document_bytes  # refused at once
            if entry is None and len(ctx.query) > THREAD_DOCUMENT_CHARS and not over:
                entry = await asyncio.to_thread(parse_bounded, ctx.query, self.limits, self.cache)
            elif entry is None:
                entry = parse_bounded(ctx.query, self.limits, self.cache)
            ctx.graphql_document = entry.document
        yield

    async def on_validate(self) -> AsyncIterator[None]:
        ctx = self.execution_context
        if ctx.graphql_document is not None and ctx.pre_execution_errors is None:
            if self.large:
                await asyncio.to_thread(self._check_and_validate, ctx)
            else:
                self._check_and_validate(ctx)
        yield

    def _check_and_validate(self, ctx: Any) -> None:
        document = ctx.graphql_document
        role = principal_of(ctx.context).role
        variables = ctx.variables or {}
        check_strings(variables)
        operation = get_operation_ast(document, ctx.operation_name)
        check_before_validation(document, operation, variables, role, self.limits)
        limit = self.cost_limits.get(role, self.cost_limits.get(Role.ANONYMOUS, 0))
        cost = estimate_cost(
            ctx.schema._schema, document, ctx.operation_name, variables, self.default_list_size
        )
        if cost > limit:
            raise too_complex(
                f"query cost {cost} exceeds the limit of {limit} for role "
                f"{role.value}: ask for fewer items (first/limit) or fewer "
                "nested lists",
                cost=cost,
                limit=limit,
            )
        rules = tuple(ctx.validation_rules)
        entry = self.cache.get(ctx.query) if ctx.query else None
        if entry is not None and entry.document is document and rules in entry.errors:
            ctx.pre_execution_errors = entry.errors[rules]
        else:
            errors = validate_document(ctx.schema._schema, document, rules)
            if entry is not None and entry.document is document:
                entry.errors[rules] = errors
            ctx.pre_execution_errors = errors


def _more_items_than(value: Any, cap: int) -> bool:
    """Whether a decoded JSON value holds more than ``cap`` values (stops counting there)."""
    stack = [value]
    seen = 0
    while stack:
        item = stack.pop()
        seen += 1
        if seen > cap:
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


class SchemaAccess(SchemaExtension):
    """Refuses introspection and ``_service`` to anonymous callers unless the schema is
    public (``hub.schema_access``), before validation."""

    def __init__(self, access: str) -> None:
        self.access = access

    def on_validate(self) -> Iterator[None]:
        ctx = self.execution_context
        if ctx.graphql_document is not None:
            role = principal_of(ctx.context).role
            check_schema_access(ctx.graphql_document, ctx.operation_name, role, self.access)
        yield


def _lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def check_strings(variables: Mapping[str, Any]) -> None:
    """``BAD_USER_INPUT`` for a string (at any depth of a variable) holding a lone
    UTF-16 surrogate: it has no UTF-8 form, so neither Neo4j nor a JSON answer can
    carry it. Iterative, so a deep value costs no recursion."""
    stack: list[tuple[str, Any]] = [(f"${name}", value) for name, value in variables.items()]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            if _lone_surrogate(value):
                raise BadUserInput(
                    f"{where} holds a lone UTF-16 surrogate (e.g. \\ud800), which is not "
                    "text: send valid Unicode",
                    argument=where,
                )
        elif isinstance(value, dict):
            stack.extend((f"{where}.{k}", v) for k, v in value.items())
            stack.extend((f"{where} key", k) for k in value if isinstance(k, str))
        elif isinstance(value, list):
            stack.extend((f"{where}[{i}]", v) for i, v in enumerate(value))


# --------------------------------------------------------------- error policy


def is_unexpected(error: GraphQLError) -> bool:
    """An error raised by code, not on purpose: a bug or an outage."""
    original = error.original_error
    return original is not None and not isinstance(original, GraphQLError)


class ErrorPolicy(MaskErrors):
    """Masks unexpected errors and gives every error an ``extensions.code``."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=is_unexpected, error_message="Internal server error.")

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        unavailable = isinstance(error.original_error, UNAVAILABLE)
        return GraphQLError(
            message="the graph database is unavailable, try again shortly"
            if unavailable
            else self.error_message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            original_error=None,
            extensions={"code": "SERVICE_UNAVAILABLE" if unavailable else "INTERNAL_SERVER_ERROR"},
        )

    def on_operation(self) -> Iterator[None]:
        try:
            yield from super().on_operation()
        except GraphQLError as error:
            # A document that does not parse is thrown through the hooks.
            self._give_code(error)
            raise

    def _give_code(self, error: GraphQLError) -> None:
        if (error.extensions or {}).get("code"):
            return
        code = (
            "GRAPHQL_VALIDATION_FAILED"
            if self.execution_context.graphql_document is not None
            else "GRAPHQL_PARSE_FAILED"
        )
        if "exceeds maximum operation depth" in error.message:
            code = "QUERY_TOO_DEEP"
        error.extensions = {**(error.extensions or {}), "code": code}

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        processed = super()._process_errors(errors)
        for error in processed:
            self._give_code(error)
        return processed


# -------------------------------------------------------------------- metrics


class OperationMetrics(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        started = time.perf_counter()
        errors: list[GraphQLError] = []
        try:
            yield
        except GraphQLError as thrown:
            errors.append(thrown)
            raise
        finally:
            ctx = self.execution_context
            name = operation_label(_operation_name(ctx))
            try:
                kind = ctx.operation_type.value
            except Exception:
                kind = "unknown"
            OPERATIONS.labels(name, kind).inc()
            OPERATION_SECONDS.labels(name).observe(time.perf_counter() - started)
            errors.extend(getattr(ctx.result, "errors", None) or ())
            for seen in errors:
                ERRORS.labels(str((seen.extensions or {}).get("code", "UNKNOWN"))).inc()


def _operation_name(ctx: Any) -> str | None:
    try:
        name = ctx.operation_name
    except Exception:
        return None
    return name if isinstance(name, str) else None


# ------------------------------------------------------------------- defaults


def default_extensions(
    *,
    max_depth: int = DEFAULT_MAX_DEPTH,
    cost_limits: Mapping[Role, int] | None = None,
    default_list_size: int = DEFAULT_LIST_SIZE,
    limits: Limits | None = None,
    schema_access: str | None = None,
) -> list[Extension]:
    """The extension factories for ``strawberry.federation.Schema(extensions=...)``.

    Order matters: metrics wrap everything; the error policy runs on the final
    result; the depth rule is added before the bounded validation runs it.
    """
    costs = {**DEFAULT_COST_LIMITS, **(cost_limits or {})}
    bounds = limits or limits_from_env()
    cache = DocumentCache(bounds.cache_bytes)  # one per schema, shared by its requests
    # One rule class for the process: the validation cache is keyed by the rules.
    depth_rule = create_validator(max_depth, None, None)
    access = schema_access or default_schema_access()
    large_turn = asyncio.Semaphore(1)
    return [
        OperationMetrics,
        ErrorPolicy,
        lambda: AddValidationRules([depth_rule]),
        lambda: SchemaAccess(access),
        lambda: BoundedWork(bounds, cache, costs, default_list_size, large_turn),
    ]
