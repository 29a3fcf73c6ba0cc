"""GraphQL errors that carry ``extensions.code``, the contract clients branch on::

    GraphQLError                  graphql-core
    └── HubError                  INTERNAL_SERVER_ERROR
        ├── BadUserInput          BAD_USER_INPUT
        ├── Unauthenticated       UNAUTHENTICATED
        ├── Forbidden             FORBIDDEN
        ├── NotFound              NOT_FOUND
        └── Conflict              CONFLICT

They are not ``PatentHubError`` (``graph/errors.py``), whose tree is the project's own
exceptions: a resolver catches those it expects and raises one of these with the message
(``InvalidInput`` -> ``BadUserInput``, ``NotPermitted`` -> ``Forbidden``); the error policy
(``hub/extensions.py``) codes ``GraphUnavailable`` and the driver's outages
``SERVICE_UNAVAILABLE`` and masks anything else as ``INTERNAL_SERVER_ERROR``. Over HTTP,
``hub/graphql_http.py`` answers its ``HTTPException`` leaves, ``InvalidToken`` and
``CsrfRefused`` with the same ``{"errors": [{"extensions": {"code"}}]}`` body.
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError

__all__ = ["BadUserInput", "Conflict", "Forbidden", "NotFound", "Unauthenticated"]


class HubError(GraphQLError):
    code = "INTERNAL_SERVER_ERROR"

    def __init__(self, message: str, **extensions: Any) -> None:
        super().__init__(message, extensions={"code": self.code, **extensions})


class BadUserInput(HubError):
    code = "BAD_USER_INPUT"


class Unauthenticated(HubError):
    code = "UNAUTHENTICATED"


class Forbidden(HubError):
    code = "FORBIDDEN"


class NotFound(HubError):
    code = "NOT_FOUND"


class Conflict(HubError):
    code = "CONFLICT"
