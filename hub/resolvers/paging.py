"""Opaque cursors and page sizes shared by the analytics lists."""

from __future__ import annotations

import base64
import json
from typing import Any

from hub.errors import BadUserInput

MAX_PAGE = 100


def page_size(first: int, argument: str = "first") -> int:
    if not 1 <= first <= MAX_PAGE:
        raise BadUserInput(
            f"{argument} must be between 1 and {MAX_PAGE}, not {first}", argument=argument
        )
    return first


def encode(value: Any) -> str:
    raw = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode()


def decode(cursor: str, argument: str = "after") -> Any:
    try:
        return json.loads(base64.urlsafe_b64decode(cursor.encode()).decode())
    except (ValueError, UnicodeError):
        raise BadUserInput(
            f"{argument} {cursor!r} is not a cursor this list handed out", argument=argument
        ) from None


def offset(cursor: str | None, argument: str = "after") -> int:
    """The position after ``cursor`` (an offset cursor), 0 without one."""
    if cursor is None:
        return 0
    value = decode(cursor, argument)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise BadUserInput(f"{argument} {cursor!r} is not a cursor of this list", argument=argument)
    return value + 1
