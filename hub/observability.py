"""Logs, request ids and Prometheus metrics of the hub process.

Logs are one JSON object a line (so a log shipper needs no parser), each carrying
the id of the request it belongs to. The id comes from the caller's
``X-Request-ID`` when it is sane, so one id follows a query from a provincial
gateway through the hub; otherwise the hub makes one. It is echoed back.
"""

from __future__ import annotations

import json
import logging
import logging.config
import os
import re
import time
import uuid
from contextvars import ContextVar
from typing import Any, ClassVar

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client import multiprocess as prometheus_multiprocess
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")

REQUEST_ID_HEADER = "X-Request-ID"
_SANE_ID = re.compile(r"^[A-Za-z0-9._:/+=-]{1,128}$")

HTTP_REQUESTS = Counter(
    "patent_hub_http_requests_total", "HTTP requests by route and status", ["route", "status"]
)
HTTP_SECONDS = Histogram("patent_hub_http_request_seconds", "HTTP request latency", ["route"])
OPERATIONS = Counter(
    "patent_hub_graphql_operations_total",
    "GraphQL operations by name and type",
    ["operation", "type"],
)
OPERATION_SECONDS = Histogram(
    "patent_hub_graphql_operation_seconds", "GraphQL operation latency", ["operation"]
)
ERRORS = Counter("patent_hub_graphql_errors_total", "GraphQL errors by extensions.code", ["code"])

_MAX_OPERATION_NAMES = 200
_SKIPPED = frozenset({"color_message", "taskName"})
_seen_operations: set[str] = set()


def operation_label(name: str | None) -> str:
    """Operation names come from clients: keep the label set bounded."""
    if not name:
        return "anonymous"
    name = re.sub(r"[^A-Za-z0-9_]", "_", name)[:64]
    if name in _seen_operations:
        return name
    if len(_seen_operations) >= _MAX_OPERATION_NAMES:
        return "other"
    _seen_operations.add(name)
    return name


def metrics_payload() -> tuple[bytes, str]:
    """The exposition text; with ``PROMETHEUS_MULTIPROC_DIR`` set (several uvicorn
    workers), the figures of all worker processes together."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        prometheus_multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(), CONTENT_TYPE_LATEST


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, request id, extras."""

    _RESERVED: ClassVar[frozenset[str]] = frozenset(vars(logging.makeLogRecord({})))

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or request_id_var.get(),
        }
        for key, value in vars(record).items():
            skip = key in self._RESERVED or key in _SKIPPED or key.startswith("_")
            if not skip and key not in entry:
                entry[key] = value
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def log_config(level: str = "INFO") -> dict[str, Any]:
    """A ``logging.config.dictConfig`` for the hub and uvicorn alike (uvicorn's
    own access log is off: the request middleware logs each request once)."""
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "hub.observability.JsonFormatter"}},
        "handlers": {"default": handler},
        "root": {"handlers": ["default"], "level": level},
        "loggers": {
            "uvicorn": {"handlers": [], "level": level, "propagate": True},
            "uvicorn.error": {"handlers": [], "level": level, "propagate": True},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        },
    }


def configure_logging(level: str = "INFO") -> None:
    logging.config.dictConfig(log_config(level))


access_log = logging.getLogger("hub.access")


def _route(scope: Scope) -> str:
    """The route template, not the raw path, so metrics stay low-cardinality."""
    route = scope.get("route")
    path = getattr(route, "path", None)
    return str(path) if path else "unmatched"


class RequestContextMiddleware:
    """Request id in, request id out, one access log line and the HTTP metrics."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = None
        for key, value in scope.get("headers", []):
            if key == b"x-request-id":
                incoming = value.decode("latin-1")
        request_id = incoming if incoming and _SANE_ID.match(incoming) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                MutableHeaders(scope=message).append(REQUEST_ID_HEADER, request_id)
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            route = _route(scope)
            HTTP_REQUESTS.labels(route, str(status)).inc()
            HTTP_SECONDS.labels(route).observe(elapsed)
            access_log.info(
                "%s %s %s",
                scope.get("method"),
                scope.get("path"),
                status,
                extra={
                    "method": scope.get("method"),
                    "path": scope.get("path"),
                    "status": status,
                    "duration_ms": round(elapsed * 1000, 2),
                    "request_id": request_id,
                },
            )
            request_id_var.reset(token)
