"""Stored numbers as GraphQL can carry them."""

from __future__ import annotations

import math
from typing import Any


def finite(value: Any) -> float | None:
    """A stored number as a GraphQL ``Float``, which has no NaN or infinity: a non-finite
    value stored before imports refused them reads as no value instead of failing the
    whole answer."""
    if value is None or isinstance(value, bool):
        return None
    n = float(value)
    return n if math.isfinite(n) else None
