"""Opaque cursors and page sizes shared by the analytics lists."""

from __future__ import annotations

import base64
import json
from typing import Any

from hub.errors import BadUserInput

__all__ = ["cursor_value", "decode", "decode_json", "encode", "offset", "page_size", "shown"]

MAX_PAGE = 100
MAX_CURSOR = 1024  # characters: the cursors handed out are far shorter
MAX_OFFSET = 10_000_000
INT64 = 2**63 - 1


def cursor_value(value: Any) -> bool:
    """Whether a decoded cursor piece is one the hub could have handed out: null, a
    boolean, a 64-bit integer, a finite number, or a short valid string."""
    if value is None or isinstance(value, bool):
        return True
    if isinstance(value, int):
        return -INT64 <= value <= INT64
    if isinstance(value, float):
        return value == value and abs(value) != float("inf")
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
        return len(value) <= MAX_CURSOR
    return False


def shown(cursor: str) -> str:
    """A cursor as an error message quotes it: at most 80 characters."""
    return repr(cursor if len(cursor) <= 80 else cursor[:80] + "…")


def decode_json(cursor: str) -> Any:
    """The JSON inside a cursor; ``ValueError`` for anything else (too long, bad base64,
    not UTF-8, not JSON, nested too deep)."""
    if not isinstance(cursor, str) or len(cursor) > MAX_CURSOR:
        raise ValueError("not a cursor")
    padded = cursor + "=" * (-len(cursor) % 4)
    try:
        return json.loads(base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8"))
    except (RecursionError, UnicodeError, TypeError) as exc:
        raise ValueError("not a cursor") from exc


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
        return decode_json(cursor)
    except ValueError:
        raise BadUserInput(
            f"{argument} {shown(cursor)} is not a cursor this list handed out", argument=argument
        ) from None


def offset(cursor: str | None, argument: str = "after") -> int:
    """The position after ``cursor`` (an offset cursor), 0 without one."""
    if cursor is None:
        return 0
    value = decode(cursor, argument)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_OFFSET:
        raise BadUserInput(
            f"{argument} {shown(cursor)} is not a cursor of this list", argument=argument
        )
    return value + 1
