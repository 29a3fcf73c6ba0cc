"""GraphQL over HTTP as the GraphQL-over-HTTP specification asks, on Strawberry.

Strawberry 0.341's ASGI view answers every response as ``application/json`` with
status 200, refuses a mutation over GET with 400, and answers request errors in
plain text. This subclass adds what the specification wants:

* content negotiation: ``application/graphql-response+json`` when the client
  accepts it, ``application/json`` otherwise (and with no ``Accept``), 406 if
  neither is acceptable;
* with ``application/graphql-response+json``, a request error (the document does
  not parse, does not validate, or is refused before execution) is a 400 and the
  body has no ``data`` entry;
* 405 with ``Allow: POST`` for a mutation sent over GET;
* JSON bodies with ``errors[0].extensions.code`` for every refusal, and 401 with
  ``WWW-Authenticate: Bearer`` for a bad token;
* bounded bodies: a JSON body over ``PATENT_HUB_MAX_BODY_BYTES`` is 413 (read no further
  than the limit), one nested deeper than ``PATENT_HUB_MAX_JSON_DEPTH`` is 400;
* cross-site request protection for the console's session cookie
  (``hub.auth.csrf``): 403 ``CSRF_REFUSED``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
from contextvars import ContextVar
from typing import Any

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import MissingQueryError
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData, process_result
from strawberry.schema.base import BaseSchema
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from graph.db import UNAVAILABLE
from graph.errors import InvalidInput
from hub.auth.bearer import authenticate
from hub.auth.csrf import CsrfRefused, check_cookie_request
from hub.auth.tokens import InvalidToken, TokenVerifier
from hub.console import graphql_page, wants_page
from hub.context import Context
from hub.observability import ERRORS

__all__ = ["THREAD_JSON_BYTES", "HubGraphQL", "negotiate"]

log = logging.getLogger("hub.http")

GRAPHQL_RESPONSE_JSON = "application/graphql-response+json"
JSON = "application/json"


def negotiate(accept: str | None) -> str | None:
    """The response media type for an ``Accept`` header, or None (406).

    An explicit ``application/graphql-response+json`` wins over ``application/json``
    at equal quality; wildcards and a missing header mean ``application/json``
    (what clients written before the specification expect).
    """
    if not accept or not accept.strip():
        return JSON
    best: tuple[float, int, str] | None = None
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        media = media.lower()
        if q <= 0:
            continue
        candidates: list[tuple[int, str]] = []
        if media == GRAPHQL_RESPONSE_JSON:
            candidates.append((3, GRAPHQL_RESPONSE_JSON))
        elif media == JSON:
            candidates.append((2, JSON))
        elif media in {"*/*", "application/*"}:
            candidates.append((1, JSON))
        for rank, chosen in candidates:
            if best is None or (q, rank) > (best[0], best[1]):
                best = (q, rank, chosen)
    return best[2] if best else None


def is_request_error(result: ExecutionResult) -> bool:
    """Errors before execution: no data and no error tied to a response path."""
    errors = result.errors or []
    return result.data is None and bool(errors) and all(e.path is None for e in errors)


class MethodNotAllowed(InvalidInput, HTTPException):
    def __init__(self, reason: str, allow: str) -> None:
        super().__init__(405, reason)
        self.allow = allow


def error_body(message: str, code: str, **extensions: Any) -> dict[str, Any]:
    return {"errors": [{"message": message, "extensions": {"code": code, **extensions}}]}


DEFAULT_MAX_BODY_BYTES = 1_000_000
DEFAULT_MAX_JSON_DEPTH = 32
# JSON bodies over this size are decoded (and their depth checked) in a worker thread: a
# 1 MB body takes 0.1–0.2 s to decode on a busy machine, too long to hold the event loop.
THREAD_JSON_BYTES = 64_000

# The body decoded in a worker thread, for the ``parse_json`` call Strawberry makes next.
_decoded: ContextVar[tuple[bytes, Any] | None] = ContextVar("decoded_body", default=None)


def json_depth_over(value: Any, limit: int) -> bool:
    """Whether a decoded JSON value nests deeper than ``limit`` (iterative)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


class PayloadTooLarge(InvalidInput, HTTPException):
    def __init__(self, size: str, limit: int) -> None:
        super().__init__(
            413, f"the request body has {size} bytes, more than the limit of {limit} bytes"
        )


HTTP_CODES = {
    400: "BAD_REQUEST",
    413: "PAYLOAD_TOO_LARGE",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    406: "NOT_ACCEPTABLE",
}


class HubGraphQL(GraphQL[Context, None]):
    """Strawberry's ASGI view with the hub's authentication and HTTP semantics."""

    def __init__(self, schema: BaseSchema, verifier: TokenVerifier, graphiql: bool) -> None:
        # multipart requests (the GraphQL multipart request spec) carry uploads; bearer
        # tokens are never sent by a browser on its own, so they open no CSRF hole
        super().__init__(
            schema, graphql_ide="graphiql" if graphiql else None, multipart_uploads_enabled=True
        )
        self.verifier = verifier
        env = os.environ
        self.max_body_bytes = int(env.get("PATENT_HUB_MAX_BODY_BYTES") or DEFAULT_MAX_BODY_BYTES)
        self.max_json_depth = int(env.get("PATENT_HUB_MAX_JSON_DEPTH") or DEFAULT_MAX_JSON_DEPTH)

    async def _read_json_body(self, request: Request) -> None:
        """Reads a JSON body up to the limit (413 beyond it) and keeps it on the request,
        where Strawberry reads it from."""
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if request.method != "POST" or media != JSON:
            return  # multipart uploads have their own limits
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body_bytes:
            raise PayloadTooLarge(declared, self.max_body_bytes)
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > self.max_body_bytes:
                raise PayloadTooLarge(f"more than {self.max_body_bytes}", self.max_body_bytes)
            chunks.append(chunk)
        request._body = b"".join(chunks)

    async def parse_http_body(self, request: AsyncHTTPRequestAdapter) -> Any:
        """Strawberry's, with a large JSON body decoded off the event loop first."""
        media = (request.content_type or "").split(";")[0].strip().lower()
        if request.method == "POST" and media == JSON:
            body = await request.get_body()
            if len(body) > THREAD_JSON_BYTES:
                raw = body if isinstance(body, bytes) else body.encode()
                value = await asyncio.to_thread(self.parse_json, raw)
                token = _decoded.set((raw, value))
                try:
                    return await super().parse_http_body(request)
                finally:
                    _decoded.reset(token)
        return await super().parse_http_body(request)

    def parse_json(self, data: str | bytes) -> Any:
        """JSON of the body or of GET parameters; too deep a nesting is a 400, never a
        ``RecursionError``."""
        done = _decoded.get()
        if done is not None and done[0] is data:
            return done[1]
        try:
            value = json.loads(data)
        except RecursionError:
            raise HTTPException(400, self._too_deep()) from None
        except ValueError as e:
            raise HTTPException(400, "Unable to parse request body as JSON") from e
        if json_depth_over(value, self.max_json_depth):
            raise HTTPException(400, self._too_deep())
        return value

    def _too_deep(self) -> str:
        return f"the request JSON nests deeper than {self.max_json_depth} levels"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        if not self.graphql_ide and wants_page(scope):
            await graphql_page()(scope, receive, send)  # a person, not a client
            return
        request = Request(scope, receive=receive)
        media_type = negotiate(request.headers.get("accept"))
        response: Response
        if media_type is None and not self._wants_ide(request):
            response = self._json(
                error_body(
                    f"cannot answer with any type in Accept; use {GRAPHQL_RESPONSE_JSON} or {JSON}",
                    "NOT_ACCEPTABLE",
                ),
                406,
                JSON,
            )
        else:
            scope.setdefault("state", {})["media_type"] = media_type or JSON
            try:
                await self._read_json_body(request)
                response = await self.run(request)
            except UNAVAILABLE:
                # the account check of a token could not read the graph
                ERRORS.labels("SERVICE_UNAVAILABLE").inc()
                response = self._json(
                    error_body(
                        "the graph database is unavailable, try again shortly",
                        "SERVICE_UNAVAILABLE",
                    ),
                    503,
                    media_type or JSON,
                    {"Retry-After": "5"},
                )
            except InvalidToken as exc:
                ERRORS.labels("UNAUTHENTICATED").inc()
                response = self._json(
                    error_body(str(exc), "UNAUTHENTICATED"),
                    401,
                    media_type or JSON,
                    {"WWW-Authenticate": 'Bearer error="invalid_token"'},
                )
            except CsrfRefused as exc:
                ERRORS.labels("CSRF_REFUSED").inc()
                response = self._json(error_body(str(exc), "CSRF_REFUSED"), 403, media_type or JSON)
            except HTTPException as exc:
                headers = {"Allow": exc.allow} if isinstance(exc, MethodNotAllowed) else {}
                if exc.status_code == 405 and not headers:
                    headers = {"Allow": "GET, POST"}
                code = HTTP_CODES.get(exc.status_code, "BAD_REQUEST")
                ERRORS.labels(code).inc()
                response = self._json(
                    error_body(exc.reason, code), exc.status_code, media_type or JSON, headers
                )
        await response(scope, receive, send)

    def _wants_ide(self, request: Request) -> bool:
        return bool(self.graphql_ide) and "text/html" in request.headers.get("accept", "")

    def _json(
        self, body: Any, status: int, media_type: str, headers: dict[str, str] | None = None
    ) -> Response:
        return Response(
            json.dumps(body, ensure_ascii=False, separators=(",", ":")),
            status_code=status,
            media_type=media_type,
            headers=headers,
        )

    def encode_json(self, data: object) -> str:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        principal = await authenticate(request, self.verifier)
        check_cookie_request(request)
        state = request.scope.get("state", {})
        return Context(
            principal=principal,
            graph=request.app.state.graph,
            request_id=state.get("request_id", "-"),
            request=request if isinstance(request, Request) else None,
            response=response if isinstance(response, Response) else None,
        )

    async def execute_single(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        method = request_adapter.method
        allowed = OperationType.from_http(method)
        try:
            return await self.schema.execute(
                request_data.query,
                root_value=root_value,
                variable_values=request_data.variables,
                context_value=context,
                operation_name=request_data.operation_name,
                allowed_operation_types=allowed,
                operation_extensions=request_data.extensions,
            )
        except CannotGetOperationTypeError as e:
            raise HTTPException(400, e.as_http_error_reason()) from e
        except InvalidOperationTypeError as e:
            if method == "GET":
                raise MethodNotAllowed(e.as_http_error_reason(method), "POST") from e
            raise HTTPException(400, e.as_http_error_reason(method)) from e
        except MissingQueryError as e:
            raise HTTPException(400, "No GraphQL query found in the request") from e

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        processed = process_result(result)
        if is_request_error(result):
            processed.pop("data", None)  # the specification: no data entry for request errors
        return processed

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        sub_response = await super().get_sub_response(request)
        sub_response.media_type = request.scope.get("state", {}).get("media_type", JSON)
        return sub_response

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        response = super().create_response(response_data, sub_response)
        media_type = sub_response.media_type or JSON
        response.headers["content-type"] = f"{media_type}; charset=utf-8"
        request_error = isinstance(response_data, dict) and "data" not in response_data
        if media_type == GRAPHQL_RESPONSE_JSON and request_error and not sub_response.status_code:
            response.status_code = 400
        return response
