"""Enums of ``graph/vocab.py`` as GraphQL enums, and the ``{ value label }`` pair.

Every enum-valued field of the schema is a ``Labelled`` object: the English identifier a
program branches on and the Chinese label a person reads, so clients never keep their
own copy of the vocabulary. Filters take the bare enum.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, Generic, TypeVar

import strawberry

from graph import vocab

__all__ = ["ENUMS", "Labelled", "labelled", "labelled_list"]

E = TypeVar("E", bound=Enum)

ENUMS: tuple[type[Enum], ...] = (
    vocab.InstitutionKind,
    vocab.PatentType,
    vocab.LegalStatus,
    vocab.InventoryState,
    vocab.ImplStatus,
    vocab.Intent,
    vocab.IntentDetail,
    vocab.Maturity,
    vocab.PriceBand,
    vocab.EnterpriseKind,
    vocab.TransactionKind,
    vocab.PaymentMode,
    vocab.EvaluatorKind,
    vocab.Willingness,
    vocab.IndustryScheme,
    vocab.Role,
)

for _enum in ENUMS:
    # once per class, whichever schema module imports the vocabulary first
    if not hasattr(_enum, "_enum_definition"):
        strawberry.enum(_enum, description=_enum.__doc__ if _enum.__doc__ else None)


@strawberry.federation.type(
    shareable=True,
    description="An enum value with its Chinese label (shared with other subgraphs).",
)
class Labelled(Generic[E]):
    value: E
    label: str


# One pair per enum member, built on first use: a page of patents repeats a handful of
# values, and each ``Labelled`` is only read, never changed.
_PAIRS: dict[tuple[type[Enum], Any], Any] = {}


def labelled(enum: type[E], raw: Any) -> Labelled[E] | None:
    """The pair for a stored identifier; ``None`` for a missing or unknown one."""
    if raw is None:
        return None
    try:
        pair: Labelled[E] | None = _PAIRS[(enum, raw)]
        return pair
    except KeyError:
        pass
    except TypeError:  # an unhashable stored value is no identifier
        return None
    try:
        member = enum(raw)
    except ValueError:
        pair = None
    else:
        pair = Labelled(value=member, label=vocab.LABELS.get(member, member.value))
    if len(_PAIRS) < 10_000:  # stored junk must not grow the cache without bound
        _PAIRS[(enum, raw)] = pair
    return pair


def labelled_list(enum: type[E], raw: Any) -> list[Labelled[E]]:
    """Pairs for a stored list of identifiers, unknown ones left out."""
    if not raw:
        return []
    out = [labelled(enum, item) for item in raw]
    return [item for item in out if item is not None]
