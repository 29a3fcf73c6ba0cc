"""GraphQL errors that carry ``extensions.code``, the contract clients branch on."""

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
