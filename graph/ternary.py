"""Cypher's three-valued logic in Python: ``None`` is Cypher's null.

Where Python recomputes what a Cypher statement decides (the dormant flag, the roll-up
parts of a first load, a bulk-loaded inventory's transferability), it must treat nulls
as the statement does, or the two disagree on rows with missing properties.
"""

from __future__ import annotations

from typing import Any

__all__ = ["and_", "eq", "ge", "ne", "or_"]


def and_(*terms: bool | None) -> bool | None:
    if any(t is False for t in terms):
        return False
    return None if any(t is None for t in terms) else True


def or_(*terms: bool | None) -> bool | None:
    if any(t is True for t in terms):
        return True
    return None if any(t is None for t in terms) else False


def eq(a: Any, b: Any) -> bool | None:
    return None if a is None or b is None else bool(a == b)


def ne(a: Any, b: Any) -> bool | None:
    return None if a is None or b is None else bool(a != b)


def ge(a: Any, b: Any) -> bool | None:
    return None if a is None or b is None else bool(a >= b)
