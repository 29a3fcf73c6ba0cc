"""Fetching one page at a time from a provincial REST or GraphQL endpoint (httpx).

A source turns a cursor (``None`` for the first page) into the page's records and the
cursor of the next page (``None`` after the last). The cursor is what the checkpoint
stores, so a failed run resumes at the page that failed.

Provincial platforms often answer errors as HTTP 200 with a body such as
``{"code": 500, "msg": "系统繁忙", "data": null}``: the configured success test and records
path make such an answer a failed page, never an empty last page. How the feed ends is
explicit (``end``: an empty page, the platform's total reached, no next cursor), so a page
shorter than ``page_size`` (a platform capping page sizes) is never taken for the end.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Protocol

import httpx

from connectors.config import ConfigError, ConnectorConfig, Source
from connectors.mapping import pick
from graph.errors import Unavailable

__all__ = ["PageSource", "SourceError", "open_source"]

MISSING = object()


class SourceError(Unavailable, RuntimeError):
    """A page could not be fetched or understood."""


@dataclass
class Fetched:
    records: list[dict[str, Any]]
    next: str | None  # the next page's cursor; None: this page is the last
    skipped: int = 0  # list entries without a record (``item`` null)


class PageSource(Protocol):
    def fetch(self, cursor: str | None, seen: int) -> Fetched:
        """The page at ``cursor``; ``seen`` counts the records of the pages before it."""
        ...

    def close(self) -> None: ...


def _headers(config: ConnectorConfig) -> dict[str, str]:
    """Configured headers; ``env:NAME`` values are read from the environment (tokens)."""
    out = {}
    for key, value in config.source.headers.items():
        if value.startswith("env:"):
            var = value[4:]
            if var not in os.environ:
                raise ConfigError(
                    f"connector {config.name} [source] headers.{key}: "
                    f"the environment variable {var} is not set",
                    config.name,
                )
            value = os.environ[var]
        out[key] = value
    return out


def _json(response: httpx.Response) -> Any:
    if response.status_code >= 400:
        raise SourceError(f"HTTP {response.status_code} from {response.request.url}")
    try:
        return response.json()
    except ValueError:
        raise SourceError(f"the answer of {response.request.url} is not JSON") from None


def _at(data: Any, path: str) -> Any:
    """The value at a dotted path, or ``MISSING`` when a key on the way is absent."""
    value = data
    for part in path.split(".") if path else []:
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return MISSING
    return value


def _check_success(s: Source, data: Any) -> None:
    """The configured success test: the code at ``success`` is one of ``success_values``."""
    if not s.success:
        return
    code = _at(data, s.success)
    if code is MISSING or code not in s.success_values:
        shown = "no code" if code is MISSING else f"code {code!r}"
        text = _at(data, s.message) if s.message else MISSING
        said = f" ({text})" if text is not MISSING and text not in (None, "") else ""
        wanted = ", ".join(repr(v) for v in s.success_values)
        raise SourceError(
            f"the platform answered {shown} at {s.success}{said}, not a success ({wanted})"
        )


def _records(s: Source, value: Any, where: str) -> tuple[list[dict[str, Any]], int]:
    """The page's records (each entry's ``item`` if configured); entries without one skipped."""
    if value is MISSING or value is None:
        raise SourceError(f"the answer has no record list at {where}")
    if not isinstance(value, list):
        raise SourceError(f"{where} is not a list of records")
    records: list[dict[str, Any]] = []
    skipped = 0
    for entry in value:
        record = pick(entry, s.item) if s.item else entry
        if record is None and s.item:
            skipped += 1
            continue
        if not isinstance(record, dict):
            raise SourceError(f"{where}{'.' + s.item if s.item else ''} is not a list of records")
        records.append(record)
    if s.distinct:  # the last record per key wins, in the order of its last occurrence
        by_key = {str(pick(r, s.distinct)): r for r in records}
        skipped += len(records) - len(by_key)
        records = list(by_key.values())
    return records, skipped


def _count(data: Any, path: str) -> int:
    value = _at(data, path)
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise SourceError(f"the answer has no record count at {path}")
    return value


class RestSource:
    """``GET url?page=N&size=S`` (page paging) or ``GET url?cursor=C&size=S``."""

    def __init__(self, config: ConnectorConfig) -> None:
        self.source = config.source
        self.client = httpx.Client(timeout=self.source.timeout, headers=_headers(config))

    def fetch(self, cursor: str | None, seen: int = 0) -> Fetched:
        s = self.source
        params: dict[str, str | int] = {s.size_param: s.page_size}
        number = 1
        if s.paging == "page":
            number = int(cursor or "1")
            params[s.page_param] = number
        elif cursor is not None:
            params[s.cursor_param] = cursor
        try:
            data = _json(self.client.get(str(s.url), params=params))
        except httpx.HTTPError as exc:
            raise SourceError(f"{type(exc).__name__} on {s.url}: {exc}") from None
        _check_success(s, data)
        listed = _at(data, s.records)
        records, skipped = _records(s, listed, repr(s.records or "the answer"))
        count = len(listed)  # entries the platform sent, skipped or not
        following: str | None
        if s.paging == "page":
            following = str(number + 1)
        else:
            nxt = _at(data, s.next)
            following = None if nxt in (MISSING, None, "") else str(nxt)
        if s.end == "empty" and count == 0:
            following = None
        elif s.end == "total":
            total = _count(data, s.total)
            if seen + count >= total:
                following = None
            elif count == 0:
                raise SourceError(
                    f"an empty page, but {s.total} = {total} and {seen} records came before"
                )
        elif s.end == "next" and s.paging == "page":
            more = _at(data, s.next)
            if more is MISSING:
                raise SourceError(f"the answer has no has-more flag at {s.next}")
            following = following if more else None
        elif s.end == "next" and following is None:
            pass  # no next cursor: the last page
        return Fetched(records, following, skipped)

    def close(self) -> None:
        self.client.close()


class GraphQLSource:
    """A Relay connection paged with ``first``/``after``: ``edges { node }`` or ``nodes``,
    and ``pageInfo { endCursor hasNextPage }``."""

    def __init__(self, config: ConnectorConfig) -> None:
        self.source = config.source
        self.client = httpx.Client(timeout=self.source.timeout, headers=_headers(config))

    def fetch(self, cursor: str | None, seen: int = 0) -> Fetched:
        s = self.source
        body = {"query": s.query, "variables": {"first": s.page_size, "after": cursor}}
        try:
            data = _json(self.client.post(str(s.url), json=body))
        except httpx.HTTPError as exc:
            raise SourceError(f"{type(exc).__name__} on {s.url}: {exc}") from None
        if not isinstance(data, dict):
            raise SourceError("the answer is not a GraphQL response")
        if data.get("errors"):
            first = data["errors"][0]
            message = first.get("message", first) if isinstance(first, dict) else first
            raise SourceError(f"GraphQL error: {message}")
        conn = pick(data.get("data"), s.connection)
        if not isinstance(conn, dict):
            raise SourceError(f"no connection at data.{s.connection}")
        if "edges" in conn:
            edges = conn["edges"]
            if not isinstance(edges, list) or not all(isinstance(e, dict) for e in edges):
                raise SourceError(f"data.{s.connection}.edges is not a list of edges")
            records, skipped = _records(s, [e.get("node") for e in edges], "edges.node")
        else:
            records, skipped = _records(s, conn.get("nodes", MISSING), "nodes")
        info = conn.get("pageInfo")
        if not isinstance(info, dict) or "hasNextPage" not in info:
            raise SourceError(f"data.{s.connection} has no pageInfo {{ hasNextPage endCursor }}")
        following = info.get("endCursor") if info.get("hasNextPage") else None
        return Fetched(records, following, skipped)

    def close(self) -> None:
        self.client.close()


def open_source(config: ConnectorConfig) -> PageSource:
    """The source of a pull; a ``ConfigError`` for an unset ``env:`` header variable."""
    if config.source.type == "rest":
        return RestSource(config)
    if config.source.type == "graphql":
        return GraphQLSource(config)
    raise ConfigError(f"connector {config.name}: {config.source.type} is not a paged source")
