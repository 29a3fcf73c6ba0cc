"""How GraphQL errors reach the log.

Strawberry logs every error of every request at ERROR, with a traceback where there is an
exception. A refused request (a hostile document, a bad value, a missing right, a limit)
is the hub working as meant: a flood of them must not bury the real faults. So only
unexpected errors (a bug) keep ERROR and their traceback; Neo4j being away is one WARNING
line; every refusal is one INFO line with its code (``hub.graphql``).
"""

from __future__ import annotations

import logging

from graphql import GraphQLError
from strawberry.types.execution import ExecutionContext
from strawberry.utils.logging import StrawberryLogger

from graph.db import UNAVAILABLE
from hub.extensions import is_unexpected

__all__ = ["log_errors"]

log = logging.getLogger("hub.graphql")
MAX_LOGGED = 300  # characters of a refusal's message (an attacker chooses its length)


def log_errors(errors: list[GraphQLError], execution_context: ExecutionContext | None) -> None:
    """The hub schema's ``process_errors``."""
    for error in errors:
        if isinstance(error.original_error, UNAVAILABLE):
            log.warning("graph database unavailable: %s", type(error.original_error).__name__)
        elif is_unexpected(error):
            StrawberryLogger.error(error, execution_context)
        else:
            log.info("refused %s: %s", _code(error, execution_context), error.message[:MAX_LOGGED])


def _code(error: GraphQLError, execution_context: ExecutionContext | None) -> str:
    code = (error.extensions or {}).get("code")
    if code:
        return str(code)
    parsed = execution_context is not None and execution_context.graphql_document is not None
    return "GRAPHQL_VALIDATION_FAILED" if parsed else "GRAPHQL_PARSE_FAILED"
