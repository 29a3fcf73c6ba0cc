"""The hub's GraphQL schema: an Apollo Federation v2 subgraph.

``QUERIES`` and ``MUTATIONS`` list the root classes merged into ``Query`` and
``Mutation``; adding a group is one line here. Each group lives in its own module.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import strawberry
from strawberry.tools import merge_types

from hub.extensions import default_extensions
from hub.federation import HubSchema
from hub.schema.activity import Evaluation, Transaction
from hub.schema.activity_queries import ActivityQuery
from hub.schema.audit import AuditQuery
from hub.schema.changes import ChangeQuery
from hub.schema.directory_queries import DirectoryQuery
from hub.schema.imports import ImportMutation, ImportQuery
from hub.schema.matching import MatchingQuery
from hub.schema.mutations import WorkflowMutation
from hub.schema.networks import NetworksQuery
from hub.schema.organisation import Enterprise, Expert, Institution, ProductFiling, TechNeed
from hub.schema.patent import Inventor, Patent
from hub.schema.patent_queries import PatentQuery
from hub.schema.reference import Industry, IpcClass, Ministry, Province
from hub.schema.reference_queries import ReferenceQuery
from hub.schema.service import ServiceQuery
from hub.schema.statistics import StatisticsQuery
from hub.schema.viewer import ViewerQuery
from hub.schema.vocabulary import VocabularyQuery

QUERIES: list[type] = [
    PatentQuery,
    DirectoryQuery,
    ActivityQuery,
    ReferenceQuery,
    StatisticsQuery,
    NetworksQuery,
    MatchingQuery,
    AuditQuery,
    ViewerQuery,
    ChangeQuery,
    VocabularyQuery,
    ImportQuery,
    ServiceQuery,
]

MUTATIONS: list[type] = [WorkflowMutation, ImportMutation]

# Types reachable only through federation or interfaces are listed so they are always
# in the schema.
TYPES: list[type] = [
    Patent,
    Inventor,
    Institution,
    Enterprise,
    Expert,
    ProductFiling,
    TechNeed,
    Evaluation,
    Transaction,
    Industry,
    IpcClass,
    Province,
    Ministry,
]

FEDERATION_VERSION: Literal["2.3"] = "2.3"


def build_schema(extensions: Sequence[Any] = ()) -> strawberry.federation.Schema:
    """The federation v2 schema with every query and mutation group merged."""
    query = merge_types("Query", tuple(QUERIES))
    mutation = merge_types("Mutation", tuple(MUTATIONS)) if MUTATIONS else None
    return HubSchema(
        query=query,
        mutation=mutation,
        types=TYPES,
        extensions=list(extensions),
        federation_version=FEDERATION_VERSION,
    )


# The schema as served: the tests run it with the production extensions too (cost limits,
# error policy, schema access), so what they see is what a caller sees.
schema = build_schema(extensions=default_extensions())
