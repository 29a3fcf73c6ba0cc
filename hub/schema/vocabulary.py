"""``vocabulary``: every value of the hub's enums with its Chinese label.

A client that offers a choice (a filter, a form) needs all the values of an enum and
their labels, not only those some row happens to carry; this keeps the labels in
``graph/vocab.py`` alone. Public reference data: the same for every role.
"""

from __future__ import annotations

import strawberry

from graph import vocab
from hub.schema.labels import ENUMS

__all__ = ["VocabularyQuery"]


@strawberry.type(description="One value of an enum with its Chinese label.")
class VocabularyValue:
    value: str
    label: str


@strawberry.type(description="An enum of the schema and its values in their order.")
class VocabularyEnum:
    name: str
    values: list[VocabularyValue]


def vocabulary_of(names: list[str] | None) -> list[VocabularyEnum]:
    wanted = set(names) if names is not None else None
    return [
        VocabularyEnum(
            name=enum.__name__,
            values=[
                VocabularyValue(value=member.value, label=vocab.LABELS.get(member, member.value))
                for member in enum
            ],
        )
        for enum in ENUMS
        if wanted is None or enum.__name__ in wanted
    ]


@strawberry.type
class VocabularyQuery:
    @strawberry.field(
        description="The values and Chinese labels of the named enums (all when names is null)."
    )
    def vocabulary(self, names: list[str] | None = None) -> list[VocabularyEnum]:
        return vocabulary_of(names)
