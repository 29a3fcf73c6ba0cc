"""Bounded work per GraphQL request, decided before any Cypher runs.

* documents over ``max_document_bytes`` or ``max_tokens`` are refused before (or while)
  parsing, in time linear in their size;
* parsed documents and their validation results share one cache bounded by the bytes of
  document text it holds (not by a count: eight 1 MB documents must not keep 500 MB);
* before validation (whose rules can be quadratic or worse in fragment fan-out), the
  document's size once fragments are expanded is computed in linear time (each
  fragment's size once, memoised) and capped, and so is how often one name is selected in
  one selection set (the overlapping-fields rule compares every pair); root fields
  (aliases included) and ``_entities`` representations are capped per role.

Every refusal is a GraphQL request error with ``extensions.code`` ``QUERY_TOO_LARGE``
or ``QUERY_TOO_COMPLEX`` (docs/http.md, *Limits*).
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    ListValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    parse,
)

from graph.vocab import Role

__all__ = [
    "DEFAULT_REPRESENTATIONS",
    "DocumentCache",
    "Limits",
    "check_before_validation",
    "expanded_fields",
    "limits_from_env",
    "parse_bounded",
    "root_fields",
    "too_complex",
]


def _roles(national: int, overseer: int, party: int, anonymous: int) -> dict[Role, int]:
    return {
        Role.NATIONAL: national,
        Role.MINISTRY: overseer,
        Role.PROVINCE: overseer,
        Role.INSTITUTION: party,
        Role.ENTERPRISE: party,
        Role.EXPERT: party,
        Role.ANONYMOUS: anonymous,
    }


DEFAULT_ROOT_FIELDS = _roles(100, 50, 30, 10)
# Resolving a representation costs the event loop some 80 µs of Python (2,000 held it for
# 160 ms on a busy machine, in which /healthz waited); a gateway's batch is the entities
# of one page of a list, rarely over a few hundred.
DEFAULT_REPRESENTATIONS = _roles(500, 250, 100, 50)


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


@dataclass(frozen=True)
class Limits:
    """The limits of one process; ``limits_from_env()`` reads ``PATENT_HUB_MAX_*``."""

    # graphql-core parses in Python, some 10-25 µs a token on a busy machine: 4,000 tokens
    # keep the longest parse (which runs on the event loop) near 100 ms.
    max_document_bytes: int = 32_000
    max_tokens: int = 4_000
    max_fields: int = 3_000  # field selections once fragments are expanded
    # one response name (or one fragment spread) repeated in one selection set: the
    # overlapping-fields rule of validation compares every pair of them (2,990 times
    # ``role`` took seconds to validate)
    max_repeats: int = 100
    cache_bytes: int = 4_000_000  # document text held by the parse/validation cache
    root_fields: Mapping[Role, int] = field(default_factory=lambda: dict(DEFAULT_ROOT_FIELDS))
    representations: Mapping[Role, int] = field(
        default_factory=lambda: dict(DEFAULT_REPRESENTATIONS)
    )


def limits_from_env() -> Limits:
    base = Limits()
    return Limits(
        max_document_bytes=_env_int("PATENT_HUB_MAX_DOCUMENT_BYTES", base.max_document_bytes),
        max_tokens=_env_int("PATENT_HUB_MAX_TOKENS", base.max_tokens),
        max_fields=_env_int("PATENT_HUB_MAX_FIELDS", base.max_fields),
        max_repeats=_env_int("PATENT_HUB_MAX_REPEATS", base.max_repeats),
        cache_bytes=_env_int("PATENT_HUB_DOCUMENT_CACHE_BYTES", base.cache_bytes),
    )


def too_large(message: str, **extensions: Any) -> GraphQLError:
    return GraphQLError(message, extensions={"code": "QUERY_TOO_LARGE", **extensions})


def too_complex(message: str, **extensions: Any) -> GraphQLError:
    return GraphQLError(message, extensions={"code": "QUERY_TOO_COMPLEX", **extensions})


# ------------------------------------------------------------------- the cache


@dataclass
class Entry:
    document: DocumentNode
    size: int
    errors: dict[Any, list[GraphQLError]] = field(default_factory=dict)


class DocumentCache:
    """Parsed documents and their validation errors, least recently used out first,
    holding at most ``budget`` bytes of document text."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.held = 0
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, query: str) -> Entry | None:
        with self._lock:
            entry = self._entries.get(query)
            if entry is not None:
                self._entries.move_to_end(query)
            return entry

    def put(self, query: str, document: DocumentNode) -> Entry:
        entry = Entry(document, len(query.encode("utf-8", "surrogatepass")))
        with self._lock:
            old = self._entries.pop(query, None)
            if old is not None:
                self.held -= old.size
            if entry.size > self.budget:
                return entry  # served, not kept
            self._entries[query] = entry
            self.held += entry.size
            while self.held > self.budget:
                _, evicted = self._entries.popitem(last=False)
                self.held -= evicted.size
        return entry

    def __len__(self) -> int:
        return len(self._entries)


def parse_bounded(query: str, limits: Limits, cache: DocumentCache) -> Entry:
    """The parsed document (cached), or ``QUERY_TOO_LARGE`` for a document over the
    byte or token limit."""
    entry = cache.get(query)
    if entry is not None:
        return entry
    size = len(query.encode("utf-8", "surrogatepass"))
    if size > limits.max_document_bytes:
        raise too_large(
            f"the document has {size} bytes, more than the limit of "
            f"{limits.max_document_bytes}: send a smaller query",
            limit=limits.max_document_bytes,
        )
    try:
        document = parse(query, max_tokens=limits.max_tokens)
    except GraphQLError as error:
        if "tokens" in error.message and "more than" in error.message:
            raise too_large(
                f"the document has more than {limits.max_tokens} tokens: send a smaller query",
                limit=limits.max_tokens,
            ) from None
        raise
    return cache.put(query, document)


# ------------------------------------------------------ size before validation


class _Expansion:
    """Field selections of a document once fragments are expanded, in linear time: each
    fragment's size is computed once; sizes saturate at ``cap + 1``."""

    def __init__(self, document: DocumentNode, cap: int) -> None:
        self.cap = cap
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.sizes: dict[str, int] = {}
        self.visiting: set[str] = set()

    def selection_set(self, selections: SelectionSetNode | None) -> int:
        if selections is None:
            return 0
        total = 0
        for node in selections.selections:
            if isinstance(node, FieldNode):
                total += 1 + self.selection_set(node.selection_set)
            elif isinstance(node, InlineFragmentNode):
                total += self.selection_set(node.selection_set)
            elif isinstance(node, FragmentSpreadNode):
                total += self.fragment(node.name.value)
            if total > self.cap:
                return self.cap + 1
        return total

    def fragment(self, name: str) -> int:
        if name in self.sizes:
            return self.sizes[name]
        definition = self.fragments.get(name)
        if definition is None or name in self.visiting:
            return 0  # unknown or cyclic: validation reports it
        self.visiting.add(name)
        size = self.selection_set(definition.selection_set)
        self.visiting.discard(name)
        self.sizes[name] = size
        return size


def expanded_fields(document: DocumentNode, cap: int) -> int:
    """Field selections of every operation with fragments expanded (at most ``cap + 1``)."""
    expansion = _Expansion(document, cap)
    total = 0
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            total += expansion.selection_set(definition.selection_set)
            if total > cap:
                return cap + 1
    return total


def most_repeated(document: DocumentNode) -> tuple[str, int]:
    """The response name (or ``...fragment``) selected most often in one selection set of
    the document as written, and how often; linear in the document."""
    worst = ("", 0)
    stack: list[SelectionSetNode] = [
        d.selection_set
        for d in document.definitions
        if isinstance(d, (OperationDefinitionNode, FragmentDefinitionNode))
    ]
    while stack:
        counts: dict[str, int] = {}
        for node in stack.pop().selections:
            if isinstance(node, FieldNode):
                name = (node.alias or node.name).value
                if node.selection_set is not None:
                    stack.append(node.selection_set)
            elif isinstance(node, FragmentSpreadNode):
                name = f"...{node.name.value}"
            else:
                if isinstance(node, InlineFragmentNode):
                    stack.append(node.selection_set)
                continue
            counts[name] = counts.get(name, 0) + 1
            if counts[name] > worst[1]:
                worst = (name, counts[name])
    return worst


def root_fields(
    selections: SelectionSetNode, fragments: Mapping[str, FragmentDefinitionNode], seen: set[str]
) -> list[FieldNode]:
    out: list[FieldNode] = []
    for node in selections.selections:
        if isinstance(node, FieldNode):
            out.append(node)
        elif isinstance(node, InlineFragmentNode):
            out += root_fields(node.selection_set, fragments, seen)
        elif isinstance(node, FragmentSpreadNode) and node.name.value not in seen:
            seen.add(node.name.value)
            fragment = fragments.get(node.name.value)
            if fragment is not None:
                out += root_fields(fragment.selection_set, fragments, seen)
    return out


def representation_count(field_node: FieldNode, variables: Mapping[str, Any]) -> int:
    for arg in field_node.arguments or ():
        if arg.name.value != "representations":
            continue
        if isinstance(arg.value, ListValueNode):
            return len(arg.value.values)
        if isinstance(arg.value, VariableNode):
            given = variables.get(arg.value.name.value)
            return len(given) if isinstance(given, list) else 0
    return 0


def check_before_validation(
    document: DocumentNode,
    operation: OperationDefinitionNode | None,
    variables: Mapping[str, Any],
    role: Role,
    limits: Limits,
) -> None:
    """``QUERY_TOO_COMPLEX`` for a document too big once expanded, too many root fields
    (aliases count) or too many ``_entities`` representations for ``role``."""
    size = expanded_fields(document, limits.max_fields)
    if size > limits.max_fields:
        raise too_complex(
            f"the document selects more than {limits.max_fields} fields once its fragments "
            "are expanded: select fewer fields or spread fragments fewer times",
            limit=limits.max_fields,
        )
    name, times = most_repeated(document)
    if times > limits.max_repeats:
        raise too_complex(
            f"the document selects {name!r} {times} times in one selection set, more than "
            f"{limits.max_repeats}: select it once (or give each an alias of its own)",
            limit=limits.max_repeats,
        )
    if operation is None:
        return
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    roots = root_fields(operation.selection_set, fragments, set())
    cap = limits.root_fields.get(role, limits.root_fields.get(Role.ANONYMOUS, 10))
    if len(roots) > cap:
        raise too_complex(
            f"the operation asks {len(roots)} root fields (aliases count), more than the "
            f"limit of {cap} for role {role.value}: send several requests or fewer aliases",
            rootFields=len(roots),
            limit=cap,
        )
    reps = sum(representation_count(f, variables) for f in roots if f.name.value == "_entities")
    cap = limits.representations.get(role, limits.representations.get(Role.ANONYMOUS, 100))
    if reps > cap:
        raise too_complex(
            f"_entities got {reps} representations, more than the limit of {cap} for role "
            f"{role.value}: send them in smaller batches",
            representations=reps,
            limit=cap,
        )
