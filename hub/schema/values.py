"""Driver values to GraphQL values, and the request context from ``info``."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from strawberry.types import Info

from hub.context import Context

__all__ = ["ctx", "date", "instant", "strings"]


def ctx(info: Info[Any, Any]) -> Context:
    context: Context = info.context
    return context


def date(value: Any) -> dt.date | None:
    """A Neo4j ``Date`` (or ISO text) as ``datetime.date``."""
    if value is None:
        return None
    if hasattr(value, "to_native"):
        native = value.to_native()
        return native.date() if isinstance(native, dt.datetime) else native
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


_ZONE_ID = re.compile(r"\[[^\]]*\]$")


def instant(value: Any) -> dt.datetime | None:
    """A Neo4j ``DateTime`` (or its ``toString``, whose zone id after the offset, as in
    ``+08:00[Asia/Shanghai]``, the offset already says) as ``datetime.datetime``."""
    if value is None:
        return None
    if hasattr(value, "to_native"):
        native = value.to_native()
        if isinstance(native, dt.datetime):
            return native
        return dt.datetime.combine(native, dt.time())
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(_ZONE_ID.sub("", str(value)))


def strings(value: Any) -> list[str]:
    return [str(v) for v in value or ()]
