"""Fake provincial platforms and webhook receivers on 127.0.0.1, for the connector tests.

``patent_records`` makes provincial-shaped patent records (short pinyin field names, a
type code, nested IPC) that the configs of ``rest_config``/``graphql_config`` map onto
the standard ``patents`` format.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from connectors.config import ConnectorConfig, from_dict
from graph.ingest.values import make_app_no

MAPPING = {
    "sqh": "申请号",
    "mc": "专利名称",
    "lx": "专利类型",
    "sqr": "申请日",
    "sqgg": "授权日",
    "zt": "法律状态",
    "qlr": "专利权人",
    "fmr": "发明人",
    "ipc.main": "IPC主分类号",
    "ipc.all": "IPC分类号",
}
VALUES = {"专利类型": {"I": "发明", "U": "实用新型"}}


def patent_records(prefix: str, owner: str, n: int) -> list[dict[str, Any]]:
    """``n`` valid records; ``prefix`` is 4 digits making the application numbers unique."""
    out = []
    for i in range(n):
        out.append(
            {
                "sqh": "CN" + make_app_no(f"2023{prefix}{i:04d}"),
                "mc": f"一种测试装置{prefix}-{i}",
                "lx": "I" if i % 2 == 0 else "U",
                "sqr": "2023-03-01",
                "sqgg": "2024-05-20",
                "zt": "有效",
                "qlr": [owner],
                "fmr": ["王明", f"李{i}"],
                "ipc": {"main": "H01M4/58", "all": ["H01M4/58", "H01M10/0525"]},
            }
        )
    return out


@dataclass
class Provincial:
    """What a fake platform serves and what it was asked.

    ``fail_once`` pages answer HTTP 500 once; ``busy_once`` pages answer HTTP 200 with the
    provincial error body ``{"code": 500, "msg": "系统繁忙", "data": null}`` once; ``cap``
    serves at most that many records a page whatever size is asked (offsets follow it);
    ``stuck_after`` makes the cursor endpoint repeat its cursor from that offset on."""

    records: list[dict[str, Any]]
    fail_once: set[int] = field(default_factory=set)
    busy_once: set[int] = field(default_factory=set)
    cap: int | None = None
    stuck_after: int | None = None
    requests: list[int] = field(default_factory=list)  # page numbers asked for, in order

    def size(self, asked: int) -> int:
        return min(asked, self.cap) if self.cap else asked

    def page(self, number: int, size: int) -> tuple[int, list[dict[str, Any]] | None]:
        self.requests.append(number)
        if number in self.fail_once:
            self.fail_once.discard(number)
            return 500, None
        if number in self.busy_once:
            self.busy_once.discard(number)
            return 200, None
        size = self.size(size)
        return 200, self.records[(number - 1) * size : number * size]


BUSY = {"code": 500, "msg": "系统繁忙", "data": None}


def rest_app(platform: Provincial) -> Starlette:
    """``GET /api/patents?page=N&size=S`` → ``{"code": 0, "data": {"items", "total"}}``;
    ``GET /api/feed?cursor=C&size=S`` → ``{"code": 0, "data": {"items", "next"}}``."""

    async def patents(request: Request) -> Response:
        status, items = platform.page(
            int(request.query_params["page"]), int(request.query_params["size"])
        )
        if status != 200:
            return JSONResponse({"error": "internal"}, status_code=status)
        if items is None:
            return JSONResponse(BUSY)
        data = {"items": items, "total": len(platform.records)}
        return JSONResponse({"code": 0, "msg": "ok", "data": data})

    async def feed(request: Request) -> Response:
        size = platform.size(int(request.query_params["size"]))
        cursor = request.query_params.get("cursor")
        offset = int(base64.b64decode(cursor).decode().split(":")[1]) if cursor else 0
        status, _ = platform.page(offset // size + 1, size)
        if status != 200:
            return JSONResponse({"error": "internal"}, status_code=status)
        if _ is None:
            return JSONResponse(BUSY)
        items = platform.records[offset : offset + size]
        end = offset + len(items)
        if platform.stuck_after is not None and offset >= platform.stuck_after:
            end = offset  # the platform's bug: the same cursor again
        following = _cursor(end) if end < len(platform.records) else None
        return JSONResponse({"code": 0, "data": {"items": items, "next": following}})

    return Starlette(routes=[Route("/api/patents", patents), Route("/api/feed", feed)])


def _cursor(offset: int) -> str:
    return base64.b64encode(f"offset:{offset}".encode()).decode()


def graphql_app(platform: Provincial) -> Starlette:
    """A Relay connection ``patents(first, after)`` at ``POST /graphql``."""

    async def endpoint(request: Request) -> Response:
        body = json.loads(await request.body())
        variables = body.get("variables") or {}
        first = int(variables["first"])
        after = variables.get("after")
        offset = int(base64.b64decode(after).decode().split(":")[1]) if after else 0
        status, items = platform.page(offset // first + 1, first)
        if items is None:
            return JSONResponse({"errors": [{"message": "upstream down"}]}, status_code=status)
        end = offset + len(items)
        return JSONResponse(
            {
                "data": {
                    "province": {
                        "patents": {
                            "edges": [{"node": r, "cursor": _cursor(end)} for r in items],
                            "pageInfo": {
                                "endCursor": _cursor(end) if items else after,
                                "hasNextPage": end < len(platform.records),
                            },
                        }
                    }
                }
            }
        )

    return Starlette(routes=[Route("/graphql", endpoint, methods=["POST"])])


QUERY = """query Page($first: Int!, $after: String) {
  province { patents(first: $first, after: $after) {
    edges { node { sqh mc lx sqr sqgg zt qlr fmr ipc { main all } } }
    pageInfo { endCursor hasNextPage } } } }"""


def rest_source(base_url: str, page_size: int = 4, **extra: Any) -> dict[str, Any]:
    """A ``[source]`` table for ``rest_app``: page paging ended by an empty page, success
    when ``code`` is 0."""
    return {
        "type": "rest",
        "url": f"{base_url}/api/patents",
        "page_size": page_size,
        "records": "data.items",
        "end": "empty",
        "success": "code",
        "success_values": [0],
        "message": "msg",
        **extra,
    }


def rest_config(
    name: str, base_url: str, province: str, page_size: int = 4, **extra: Any
) -> ConnectorConfig:
    return from_dict(
        {
            "name": name,
            "province": province,
            "kind": "patents",
            "source": rest_source(base_url, page_size, **extra),
            "mapping": MAPPING,
            "values": VALUES,
        }
    )


def graphql_config(name: str, base_url: str, province: str, page_size: int = 4) -> ConnectorConfig:
    return from_dict(
        {
            "name": name,
            "province": province,
            "kind": "patents",
            "source": {
                "type": "graphql",
                "url": f"{base_url}/graphql",
                "page_size": page_size,
                "query": QUERY,
                "connection": "province.patents",
            },
            "mapping": MAPPING,
            "values": VALUES,
        }
    )


@dataclass
class Receiver:
    """A webhook receiver answering ``statuses`` in turn (then the last one forever)."""

    statuses: list[int]
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)

    def app(self) -> Starlette:
        async def hook(request: Request) -> Response:
            self.received.append((dict(request.headers), await request.body()))
            n = len(self.received) - 1
            status = self.statuses[min(n, len(self.statuses) - 1)]
            return Response(status_code=status)

        return Starlette(routes=[Route("/hook", hook, methods=["POST"])])
