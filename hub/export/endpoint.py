"""``POST /export`` and ``GET /export``: any list the console shows, as xlsx.

The request names a GraphQL query document (with its variables) and the dotted
path of the list in its answer; the hub runs that query through the same schema,
resolvers and limits as ``/graphql``, as the caller (bearer token or session
cookie), so an export holds exactly the rows the page holds. When the document
declares ``$after`` and the list is a connection with ``pageInfo { hasNextPage
endCursor }``, every page is fetched, up to ``PATENT_HUB_EXPORT_MAX_ROWS`` rows.
See docs/http.md, "Exports".
"""

from __future__ import annotations

import asyncio
import json
import os
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from graphql import GraphQLError, OperationDefinitionNode, parse
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from strawberry.schema.base import BaseSchema
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types.graphql import OperationType

from graph.errors import InvalidInput
from hub.auth.bearer import authenticate
from hub.auth.csrf import CsrfRefused, check_cookie_request
from hub.auth.tokens import InvalidToken, TokenVerifier
from hub.context import Context
from hub.export.tabulate import Column, columns_of, flatten, header
from hub.export.xlsx import workbook

__all__ = ["ExportError", "Exports", "collect", "parse_request", "to_xlsx"]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_BODY = 256 * 1024
MAX_PAGES = 2_000
_PATH = re.compile(r"^[_A-Za-z][_0-9A-Za-z]*(\.[_A-Za-z][_0-9A-Za-z]*)*$")
_UNSAFE_NAME = re.compile(r"[\\/:*?\"<>|\x00-\x1f]+")


class ExportError(InvalidInput):
    def __init__(self, message: str, code: str = "BAD_REQUEST", status: int = 400) -> None:
        super().__init__(message)
        self.code = code
        self.status = status


def max_rows() -> int:
    return int(os.environ.get("PATENT_HUB_EXPORT_MAX_ROWS", "50000"))


@dataclass(frozen=True)
class ExportRequest:
    query: str
    variables: dict[str, Any]
    operation_name: str | None
    path: list[str]
    columns: list[Column] | None
    filename: str
    sheet: str


def _json_field(value: Any, name: str) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            raise ExportError(f"{name} is not valid JSON") from None
    return value


def parse_request(body: dict[str, Any]) -> ExportRequest:
    query = body.get("query")
    if not isinstance(query, str) or not query.strip():
        raise ExportError("query: a GraphQL query document is required")
    variables = _json_field(body.get("variables"), "variables") or {}
    if not isinstance(variables, dict):
        raise ExportError("variables must be an object")
    path = body.get("path") or ""
    if not isinstance(path, str) or (path and not _PATH.match(path)):
        raise ExportError(
            "path: the dotted path of the list in the answer, e.g. 'patents' or "
            "'inventoryProgress.rows' (or none: the first list in the answer)"
        )
    columns: list[Column] | None = None
    given = _json_field(body.get("columns"), "columns")
    if given is not None:
        if not isinstance(given, list) or not given:
            raise ExportError("columns must be a non-empty list of {field, header}")
        columns = []
        for i, item in enumerate(given):
            field = item.get("field") if isinstance(item, dict) else item
            if not isinstance(field, str) or not field:
                raise ExportError(f"columns[{i}]: a field name is required")
            head = item.get("header") if isinstance(item, dict) else None
            columns.append(Column(field, head if isinstance(head, str) and head else header(field)))
    name = body.get("operationName")
    filename = body.get("filename")
    sheet = body.get("sheet")
    return ExportRequest(
        query=query,
        variables=variables,
        operation_name=name if isinstance(name, str) and name else None,
        path=path.split(".") if path else [],
        columns=columns,
        filename=_UNSAFE_NAME.sub("_", filename.strip())[:120]
        if isinstance(filename, str) and filename.strip()
        else (path.split(".")[0] or "导出"),
        sheet=_UNSAFE_NAME.sub("_", sheet)[:31] if isinstance(sheet, str) and sheet else "导出",
    )


def pages_with_after(query: str, operation_name: str | None) -> bool:
    """Whether the operation declares ``$after``, so the export can page through."""
    try:
        document = parse(query)
    except GraphQLError:
        return False
    for node in document.definitions:
        if isinstance(node, OperationDefinitionNode) and (
            operation_name is None or (node.name and node.name.value == operation_name)
        ):
            return any(v.variable.name.value == "after" for v in node.variable_definitions or ())
    return False


def find_list(data: Any, path: list[str] | None = None) -> list[str] | None:
    """The path of the first list or connection in the answer, depth first in the
    order the fields were selected (an export without ``path``)."""
    path = path or []
    if isinstance(data, list):
        return path
    if not isinstance(data, dict):
        return None
    if isinstance(data.get("edges"), list) or isinstance(data.get("nodes"), list):
        return path
    for key, value in data.items():
        found = find_list(value, [*path, key])
        if found is not None:
            return found
    return None


def _list_at(data: Any, path: list[str]) -> tuple[list[Any], dict[str, Any] | None]:
    """The rows at ``path`` and, for a connection, its page info."""
    value = data
    for i, key in enumerate(path):
        if not isinstance(value, dict) or key not in value:
            raise ExportError(f"path: {'.'.join(path[: i + 1])!r} is not in the answer")
        value = value[key]
    if value is None:
        return [], None
    if isinstance(value, list):
        return value, None
    if isinstance(value, dict):
        info = value.get("pageInfo")
        if not isinstance(info, dict):
            info = value if "hasNextPage" in value else None
        if isinstance(value.get("edges"), list):
            return [e.get("node") if isinstance(e, dict) else e for e in value["edges"]], info
        if isinstance(value.get("nodes"), list):
            return value["nodes"], info
    raise ExportError(f"path: {'.'.join(path)!r} is not a list or a connection (edges/nodes)")


def to_xlsx(export: ExportRequest, rows: list[Any]) -> tuple[bytes, int]:
    """The workbook of ``rows`` and how many rows it holds."""
    flat = [flatten(r) for r in rows]
    columns = export.columns or columns_of(flat)
    where = ".".join(export.path) or "自动：回答中的第一个列表"
    notes = [("查询路径", where), ("行数", str(len(flat)))]
    if len(rows) >= max_rows():
        notes.append(("提示", f"已达到导出上限 {max_rows()} 行，其余行未导出"))
    return workbook(columns, flat, export.sheet, notes), len(flat)


class Exports:
    """The endpoint: who asks (bearer or cookie), what they ask, the workbook."""

    def __init__(self, schema: BaseSchema, verifier: TokenVerifier) -> None:
        self.schema = schema
        self.verifier = verifier

    async def handle(self, request: Request) -> Response:
        try:
            principal = await authenticate(request, self.verifier)
            check_cookie_request(request, allow_get=True)
            export = parse_request(await _body(request))
            ctx = Context(
                principal=principal,
                graph=request.app.state.graph,
                request_id=str(request.scope.get("state", {}).get("request_id", "-")),
                request=request,
            )
            rows = await collect(self.schema, ctx, export)
        except InvalidToken as exc:
            return _error(str(exc), "UNAUTHENTICATED", 401)
        except CsrfRefused as exc:
            return _error(str(exc), "CSRF_REFUSED", 403)
        except ExportError as exc:
            return _error(str(exc), exc.code, exc.status)
        # up to 50,000 rows through openpyxl: seconds of Python, off the event loop
        body, count = await asyncio.to_thread(to_xlsx, export, rows)
        name = f"{export.filename}.xlsx"
        return Response(
            body,
            media_type=XLSX,
            headers={
                "Content-Disposition": f'attachment; filename="export.xlsx"; '
                f"filename*=UTF-8''{quote(name)}",
                "Cache-Control": "no-store",
                "X-Export-Rows": str(count),
            },
        )


async def collect(schema: BaseSchema, ctx: Context, export: ExportRequest) -> list[Any]:
    """The rows of the list at ``export.path``, every page of it, as ``ctx``'s caller."""
    variables = dict(export.variables)
    path = export.path
    paged = pages_with_after(export.query, export.operation_name)
    limit = max_rows()
    rows: list[Any] = []
    for _ in range(MAX_PAGES):
        try:
            result = await schema.execute(
                export.query,
                variable_values=variables,
                context_value=ctx,
                operation_name=export.operation_name,
                allowed_operation_types={OperationType.QUERY},
            )
        except InvalidOperationTypeError:
            raise ExportError("an export runs a query only, never a mutation") from None
        if result.errors:
            first = result.errors[0]
            code = (first.extensions or {}).get("code", "BAD_REQUEST")
            status = {"UNAUTHENTICATED": 401, "SERVICE_UNAVAILABLE": 503}.get(str(code), 400)
            raise ExportError(first.message, str(code), status)
        if not path:
            path = find_list(result.data) or []
            if not path:
                raise ExportError("the answer holds no list to export")
        page, info = _list_at(result.data, path)
        rows.extend(page)
        if len(rows) >= limit:
            return rows[:limit]
        if not (paged and info and info.get("hasNextPage") and info.get("endCursor")):
            return rows
        variables["after"] = info["endCursor"]
    return rows


async def _body(request: Request) -> dict[str, Any]:
    if request.method == "GET":
        return dict(request.query_params)
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "application/json":
        raise ExportError("send the export request as application/json", status=415)
    raw = b""
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > MAX_BODY:
            raise ExportError(f"the export request is larger than {MAX_BODY} bytes", status=413)
    try:
        body = json.loads(raw)
    except ValueError:
        raise ExportError("the body is not JSON") from None
    if not isinstance(body, dict):
        raise ExportError("the body must be a JSON object")
    return body


def _error(message: str, code: str, status: int) -> Response:
    return JSONResponse(
        {"errors": [{"message": message, "extensions": {"code": code}}]}, status_code=status
    )
