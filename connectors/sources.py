"""Fetching one page at a time from a provincial REST or GraphQL endpoint (httpx).

A source turns a cursor (``None`` for the first page) into the page's records and the
cursor of the next page (``None`` after the last). The cursor is what the checkpoint
stores, so a failed run resumes at the page that failed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Protocol

import httpx

from connectors.config import ConnectorConfig, Source
from connectors.mapping import pick


class SourceError(RuntimeError):
    """A page could not be fetched or understood."""


@dataclass
class Fetched:
    records: list[dict[str, Any]]
    next: str | None


class PageSource(Protocol):
    def fetch(self, cursor: str | None) -> Fetched: ...

    def close(self) -> None: ...


def _headers(source: Source) -> dict[str, str]:
    """Configured headers; ``env:NAME`` values are read from the environment (tokens)."""
    out = {}
    for key, value in source.headers.items():
        if value.startswith("env:"):
            var = value[4:]
            if var not in os.environ:
                raise SourceError(f"header {key} needs the environment variable {var}")
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


def _records(value: Any, where: str) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
        raise SourceError(f"{where} is not a list of records")
    return value


class RestSource:
    """``GET url?page=N&size=S`` (page paging) or ``GET url?cursor=C&size=S``."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.client = httpx.Client(timeout=source.timeout, headers=_headers(source))

    def fetch(self, cursor: str | None) -> Fetched:
        s = self.source
        params: dict[str, str | int] = {s.size_param: s.page_size}
        if s.paging == "page":
            number = int(cursor or "1")
            params[s.page_param] = number
        elif cursor is not None:
            params[s.cursor_param] = cursor
        try:
            data = _json(self.client.get(str(s.url), params=params))
        except httpx.HTTPError as exc:
            raise SourceError(f"{type(exc).__name__} on {s.url}: {exc}") from None
        records = _records(pick(data, s.records), f"records at {s.records!r}")
        if s.paging == "page":
            following = str(number + 1) if len(records) >= s.page_size else None
        else:
            nxt = pick(data, s.next)
            following = str(nxt) if nxt not in (None, "") and records else None
        return Fetched(records, following)

    def close(self) -> None:
        self.client.close()


class GraphQLSource:
    """A Relay connection paged with ``first``/``after``: ``edges { node }`` or ``nodes``,
    and ``pageInfo { endCursor hasNextPage }``."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.client = httpx.Client(timeout=source.timeout, headers=_headers(source))

    def fetch(self, cursor: str | None) -> Fetched:
        s = self.source
        body = {"query": s.query, "variables": {"first": s.page_size, "after": cursor}}
        try:
            data = _json(self.client.post(str(s.url), json=body))
        except httpx.HTTPError as exc:
            raise SourceError(f"{type(exc).__name__} on {s.url}: {exc}") from None
        if data.get("errors"):
            first = data["errors"][0]
            raise SourceError(f"GraphQL error: {first.get('message', first)}")
        conn = pick(data.get("data"), s.connection)
        if not isinstance(conn, dict):
            raise SourceError(f"no connection at data.{s.connection}")
        if "edges" in conn:
            records = _records([e.get("node") for e in conn["edges"] or []], "edges.node")
        else:
            records = _records(conn.get("nodes"), "nodes")
        info = conn.get("pageInfo") or {}
        following = info.get("endCursor") if info.get("hasNextPage") else None
        return Fetched(records, following)

    def close(self) -> None:
        self.client.close()


def open_source(config: ConnectorConfig) -> PageSource:
    if config.source.type == "rest":
        return RestSource(config.source)
    if config.source.type == "graphql":
        return GraphQLSource(config.source)
    raise ValueError(f"connector {config.name}: {config.source.type} is not a paged source")
