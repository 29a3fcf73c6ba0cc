"""Who may call what, read from the fields' own permission classes (``hub.schema.permissions``):
every role against every guarded root field, with input that is wrong, so that a caller of
the wrong role is told FORBIDDEN before anything about its input, and a caller of the right
role hears about the input (BAD_USER_INPUT) — the role check comes first."""

from __future__ import annotations

from typing import Any

import pytest
from strawberry.types.field import StrawberryField

from graph.db import AsyncGraph
from graph.vocab import Role
from hub.auth.principal import Principal
from hub.context import Context
from hub.schema import MUTATIONS, QUERIES
from hub.schema.permissions import RoleRule, allow, rule_of
from tests.analytics_fixture import E1, SCHEMA, U1, agraph, principal, run

__all__ = ["agraph"]

CALLERS = {
    Role.NATIONAL: principal(Role.NATIONAL),
    Role.MINISTRY: principal(Role.MINISTRY, "MOE"),
    Role.PROVINCE: principal(Role.PROVINCE, "33"),
    Role.INSTITUTION: principal(Role.INSTITUTION, U1),
    Role.ENTERPRISE: principal(Role.ENTERPRISE, E1),
    Role.EXPERT: principal(Role.EXPERT, "X1"),
    Role.ANONYMOUS: principal(Role.ANONYMOUS),
}

# Per guarded field: a document with wrong input where the field has any, and what a
# caller of an allowed role gets (None: the answer, for fields without input to get wrong).
CALLS: dict[str, tuple[str, str | None]] = {
    "recordInventory": (
        'mutation { recordInventory(input: {appNo: "bad", implStatuses: [NOT_IMPLEMENTED]})'
        " { appNo } }",
        "BAD_USER_INPUT",
    ),
    "submitEvaluation": (
        'mutation { submitEvaluation(input: {appNo: "bad", prospect: 3, willingness: STRONG})'
        " { id } }",
        "BAD_USER_INPUT",
    ),
    "assignExperts": (
        'mutation { assignExperts(appNos: ["bad"], expertIds: ["X1"]) { created } }',
        "BAD_USER_INPUT",
    ),
    "pushPatents": (
        'mutation { pushPatents(creditCode: " ", items: []) { pushed } }',
        "BAD_USER_INPUT",
    ),
    "registerTransaction": (
        'mutation { registerTransaction(input: {appNo: "bad", kind: TRANSFER, '
        'buyerCreditCode: "x", date: "2024-01-01"}) { id } }',
        "BAD_USER_INPUT",
    ),
    "declareOpenLicence": (
        'mutation { declareOpenLicence(appNo: "bad") { openLicence } }',
        "BAD_USER_INPUT",
    ),
    "withdrawOpenLicence": (
        'mutation { withdrawOpenLicence(appNo: "bad") { openLicence } }',
        "BAD_USER_INPUT",
    ),
    "stateTechNeed": ('mutation { stateTechNeed(text: " ") { id } }', "BAD_USER_INPUT"),
    "inventoryProgress": ('{ inventoryProgress(asOf: "2024-07-01") { total { key } } }', None),
    "milestones": ('{ milestones(asOf: "2024-07-01") { key } }', None),
    "conversionFigures": (
        '{ conversionFigures(quarters: ["2024-1"]) { key } }',
        "BAD_USER_INPUT",
    ),
    "patentMatches": (
        '{ patentMatches(creditCode: "x", first: 0) { score } }',
        "BAD_USER_INPUT",
    ),
    "auditTrail": ("{ auditTrail(first: 0) { totalCount } }", "BAD_USER_INPUT"),
    "changes": ("{ changes(first: 1000) { hasNextPage } }", "BAD_USER_INPUT"),
}


def root_fields() -> dict[str, StrawberryField]:
    """Every root field of the schema by its GraphQL name."""
    fields: dict[str, StrawberryField] = {}
    for group in [*QUERIES, *MUTATIONS]:
        for field in group.__strawberry_definition__.fields:
            fields[SCHEMA.config.name_converter.get_graphql_name(field)] = field
    return fields


def guarded() -> dict[str, tuple[Role, ...]]:
    rules = {name: rule_of(field) for name, field in root_fields().items()}
    return {name: roles for name, roles in rules.items() if roles is not None}


def test_every_guarded_field_is_in_the_matrix() -> None:
    assert set(guarded()) == set(CALLS)


CASES = [
    pytest.param(name, role, id=f"{name}-{role.value}")
    for name in sorted(guarded())
    for role in Role
]


@pytest.mark.parametrize(("name", "role"), CASES)
async def test_the_role_is_checked_before_the_input(
    agraph: AsyncGraph, name: str, role: Role
) -> None:
    """Nothing here writes (every call is refused), so any graph will do."""
    document, allowed = CALLS[name]
    _, errors = await run(agraph, CALLERS[role], document)
    if role in guarded()[name]:
        assert errors == ([allowed] if allowed else [])
    else:
        assert errors == ["FORBIDDEN"]


async def message(who: Principal, document: str) -> dict[str, Any]:
    ctx = Context(principal=who, graph=None, request_id="test")  # type: ignore[arg-type]
    result = await SCHEMA.execute(document, context_value=ctx)
    assert result.errors is not None and len(result.errors) == 1
    error = result.errors[0]
    return {"message": error.message, **(error.extensions or {})}


@pytest.mark.parametrize(
    ("name", "role", "text"),
    [
        (
            "recordInventory",
            Role.ENTERPRISE,
            "recordInventory is for INSTITUTION accounts, not ENTERPRISE",
        ),
        (
            "assignExperts",
            Role.ANONYMOUS,
            "assignExperts is for NATIONAL / PROVINCE accounts, not ANONYMOUS",
        ),
        (
            "inventoryProgress",
            Role.EXPERT,
            "inventory progress is for national, ministry, province and institution accounts",
        ),
        (
            "patentMatches",
            Role.INSTITUTION,
            "matching is for national, province and enterprise accounts",
        ),
        ("auditTrail", Role.PROVINCE, "the audit trail is for the national platform only"),
        ("changes", Role.ENTERPRISE, "the change feed is not open to ENTERPRISE accounts"),
    ],
)
async def test_a_refusal_says_who_the_field_is_for(name: str, role: Role, text: str) -> None:
    """Refused before any database work: the context here has no database at all."""
    assert await message(CALLERS[role], CALLS[name][0]) == {"message": text, "code": "FORBIDDEN"}


def test_a_rule_admits_exactly_its_roles() -> None:
    rule = allow(Role.NATIONAL, Role.PROVINCE)
    assert issubclass(rule, RoleRule) and rule.roles == (Role.NATIONAL, Role.PROVINCE)
    with pytest.raises(ValueError, match="no role"):
        allow()
